// Number formatting shared by the analysis (sentences such as appetite checks) and the reports, so a
// figure reads the same everywhere: money in the scenario's currency (compact: €3.5M), shares and
// ratios as percentages ("855 %", never "8.6×"), counts and plain numbers with thousands separators
// ("12,429"), and "1 risk" / "2 risks" rather than "risk(s)". README.md, "Results", lists the rules.
import { log10 } from '../math/det-math.js';

const moneyFormats = new Map<string, Intl.NumberFormat>();
const numberFormats = new Map<number, Intl.NumberFormat>();
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * How `money` and `percent` write a figure. The reports use the defaults; the explorer writes money
 * the way the scenario's locale does and leaves the sign and non-finite values to Intl (its labels
 * add the true minus themselves where a figure may be negative).
 */
export interface FormatStyle {
  /** The BCP 47 locale money is written in (default "en-US"). */
  locale?: string;
  /** Money to the whole unit ("€3,512,400") instead of compact ("€3.5M"). */
  exact?: boolean;
  /** As Intl (or toFixed) writes it: hyphen-minus, no "—" for non-finite values, no thousands separators in percentages. */
  plain?: boolean;
}

function moneyFormat(currency: string, locale: string, exact: boolean): Intl.NumberFormat {
  const key = `${exact ? 'e' : 's'}|${currency}|${locale}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      locale,
      exact ? { style: 'currency', currency, maximumFractionDigits: 0 } : { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 },
    );
    moneyFormats.set(key, f);
  }
  return f;
}

/** Money in compact notation with 3 significant digits and a true minus sign: "€3.5M", "$202K", "−€209K". */
export function money(x: number, currency: string, style: FormatStyle = {}): string {
  const f = moneyFormat(currency, style.locale ?? 'en-US', style.exact === true);
  if (style.plain) return f.format(x);
  if (!Number.isFinite(x)) return '—';
  const text = f.format(x);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/**
 * A change in money with an explicit sign and a true minus: "+€12.3K", "−€55K", "€0" (`style` as for
 * `money`). The route options, the routes table and the explorer's header write changes with it.
 */
export function signedMoney(x: number, currency: string, style: FormatStyle = {}): string {
  const s = money(Math.abs(x), currency, style);
  return x < 0 ? `−${s}` : x > 0 ? `+${s}` : s;
}

/** A change in transit days with an explicit sign and a true minus: "+2 days", "−1 day", "+0.5 days". */
export function signedDays(days: number): string {
  const n = Math.abs(days);
  return `${days > 0 ? '+' : days < 0 ? '−' : ''}${num(n, 4)} day${n === 1 ? '' : 's'}`;
}

/** The currency's symbol as the locale writes it ("€", "$"), for axis labels. */
export function currencySymbol(currency: string, locale = 'en-US'): string {
  const parts = moneyFormat(currency, locale, true).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

/** A share, probability or ratio as a percentage with `digits` decimals: "12.3 %", "1,250 %". */
export function percent(x: number, digits = 1, style: FormatStyle = {}): string {
  if (style.plain) return `${(x * 100).toFixed(digits)} %`;
  if (!Number.isFinite(x)) return '—';
  const [whole, frac] = (x * 100).toFixed(digits).split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const digitsOnly = sign ? whole!.slice(1) : whole!;
  return `${sign}${digitsOnly.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac === undefined ? '' : `.${frac}`} %`;
}

/** A plain number with at most `digits` significant digits and thousands separators: "0.0692", "1,230". */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits });
    numberFormats.set(digits, f);
  }
  return f.format(x);
}

/** A whole count with thousands separators: "12,429". */
export function count(n: number): string {
  return COUNT.format(n);
}

/** A count and its noun, singular for exactly one: "1 risk", "12,429 risks", "2 worker threads" (`many` for irregular plurals). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/**
 * A probability as a percentage with 3 significant digits, cut rather than rounded ("0.995 %" for
 * 1 − e^−0.01, never "1.0 %"), so it never shows across a likelihood band edge such as 1 % or 5 %.
 */
export function probability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  const x = p * 100;
  if (x <= 0) return '0 %';
  if (x >= 100) return '100 %';
  const decimals = Math.min(6, Math.max(0, 2 - Math.floor(log10(x))));
  const factor = Number(`1e${decimals}`);
  return `${(Math.floor(x * factor) / factor).toFixed(decimals)} %`;
}
