// Figures as the views write them, all through engine/text/format.ts (one formatter for the reports
// and the explorer): money in the scenario's locale, shares as percentages, the true minus sign.
import { currencySymbol, money, num, percent, signedMoney } from '../../../engine/text/format.js';

export { currencySymbol };

/** Money in compact notation in the scenario's currency: "€3.5M". */
export function moneyShort(x: number, currency: string, locale = 'en-US'): string {
  return money(x, currency, { locale, plain: true });
}

/** Money in full, for tooltips: "€3,512,400". */
export function moneyExact(x: number, currency: string, locale = 'en-US'): string {
  return money(x, currency, { locale, exact: true, plain: true });
}

/** A change in money with an explicit sign and a true minus: "+€1.01M", "−€1.01M" (`exact`: in full). */
export function moneyChange(x: number, currency: string, locale = 'en-US', exact = false): string {
  return signedMoney(x, currency, { locale, exact, plain: true });
}

/** A share as a percentage: "12.3 %". */
export function pct(x: number, digits = 1): string {
  return percent(x, digits, { plain: true });
}

/** A share as the terminal and Markdown reports write it, thousands separators included: "1,250 %". */
export function pctAsReports(x: number, digits = 1): string {
  return percent(x, digits);
}

/** A number's text with a true minus sign ("−€1.2M", not "-€1.2M"). */
export function signed(s: string): string {
  return s.replace('-', '−');
}

/**
 * The direction of a change as the page shows it: 0 when `before` and `after` are written the same by
 * `fmt` (a change that rounds to nothing at the displayed precision), else −1 or 1. A title or a
 * colour claims a change only when this is not 0, so "cuts €22.4M → €22.4M" cannot happen.
 */
export function shownChange(before: number, after: number, fmt: (x: number) => string): -1 | 0 | 1 {
  if (fmt(before) === fmt(after)) return 0;
  return after < before ? -1 : after > before ? 1 : 0;
}

/** A Risk Exposure Index (loss ÷ the worst element's loss) to two significant digits, as the stress report writes it: 0.0028, not 0.00. */
export function reiText(rei: number): string {
  return num(rei, 2);
}
