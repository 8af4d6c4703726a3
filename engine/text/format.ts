// Number formatting shared by the analysis (sentences such as appetite checks) and the reports:
// money in the scenario's currency (compact: €3.5M), shares, plain numbers.

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money in compact notation: "€3.5M", "$202K". */
export function money(x: number, currency: string): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 });
    moneyFormats.set(currency, f);
  }
  return f.format(x);
}

/** A share as a percentage: "12.3 %". */
export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)} %`;
}

/** A plain number with at most `digits` significant digits. */
export function num(x: number, digits = 3): string {
  if (x === 0) return '0';
  return Number(x.toPrecision(digits)).toString();
}
