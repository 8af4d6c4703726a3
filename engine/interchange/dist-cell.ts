// A distribution in one spreadsheet cell, by the names the scenario format uses (docs/import-export.md,
// "Distributions"): `pert(0.05, 0.2, 0.7)`, `triangular(0, 1, 5)`, `uniform(1, 3)`, `fixed(2)` or just
// `2`, `lognormal(median=15000, p90=80000)`, `lognormal(mu=9.6, sigma=1.3)`, `exponential(mean=3)`.
// Reading checks only the form; the ranges (min ≤ mode ≤ max, p90 > median) are the validator's.
import type { Dist } from '../model/schema.js';

/** The forms a cell may take, for messages. */
export const DIST_FORMS = 'a number (fixed), fixed(x), uniform(a, b), triangular(min, mode, max), pert(min, mode, max), lognormal(median=m, p90=x), lognormal(mu=m, sigma=s) or exponential(mean=m)';

/** JSON number syntax (no thousands separators, no currency sign). */
export const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

const POSITIONAL: ReadonlyMap<string, number> = new Map([['fixed', 1], ['uniform', 2], ['triangular', 3], ['pert', 3]]);

/** Reads a distribution cell: the Dist, or what is wrong with it. */
export function distFromCell(text: string): { dist: Dist } | { error: string } {
  const t = text.trim();
  if (NUMBER_TEXT.test(t)) return { dist: { fixed: Number(t) } };
  const m = /^([A-Za-z]+)\s*\((.*)\)$/s.exec(t);
  const bad = { error: `"${t.length > 60 ? `${t.slice(0, 59)}…` : t}" is not a distribution, expected ${DIST_FORMS}` };
  if (!m) return bad;
  const kind = m[1]!.toLowerCase();
  const args = m[2]!.split(',').map((a) => a.trim());
  const count = POSITIONAL.get(kind);
  if (count !== undefined) {
    if (args.length !== count || !args.every((a) => NUMBER_TEXT.test(a))) return { error: `${bad.error}: ${kind} takes ${count} number${count === 1 ? '' : 's'}` };
    const xs = args.map(Number);
    if (kind === 'fixed') return { dist: { fixed: xs[0]! } };
    if (kind === 'uniform') return { dist: { uniform: [xs[0]!, xs[1]!] } };
    const three: [number, number, number] = [xs[0]!, xs[1]!, xs[2]!];
    return { dist: kind === 'pert' ? { pert: three } : { triangular: three } };
  }
  if (kind === 'exponential' && args.length === 1 && NUMBER_TEXT.test(args[0]!)) return { dist: { exponential: { mean: Number(args[0]) } } };
  const named = new Map<string, number>();
  for (const a of args) {
    const kv = /^([A-Za-z0-9]+)\s*=\s*(.*)$/.exec(a);
    if (!kv || !NUMBER_TEXT.test(kv[2]!)) return { error: `${bad.error}: "${a}" is not name=number` };
    named.set(kv[1]!.toLowerCase(), Number(kv[2]));
  }
  const keys = [...named.keys()].sort().join(',');
  if (kind === 'lognormal' && keys === 'median,p90') return { dist: { lognormal: { median: named.get('median')!, p90: named.get('p90')! } } };
  if (kind === 'lognormal' && keys === 'mu,sigma') return { dist: { lognormal: { mu: named.get('mu')!, sigma: named.get('sigma')! } } };
  if (kind === 'exponential' && keys === 'mean') return { dist: { exponential: { mean: named.get('mean')! } } };
  return bad;
}

/** A distribution as its cell: `pert(0.05, 0.2, 0.7)`; a fixed value as the number alone. */
export function distToCell(d: Dist): string {
  if ('fixed' in d) return String(d.fixed);
  if ('uniform' in d) return `uniform(${d.uniform.join(', ')})`;
  if ('triangular' in d) return `triangular(${d.triangular.join(', ')})`;
  if ('pert' in d) return `pert(${d.pert.join(', ')})`;
  if ('exponential' in d) return `exponential(mean=${d.exponential.mean})`;
  const l = d.lognormal;
  return 'median' in l ? `lognormal(median=${l.median}, p90=${l.p90})` : `lognormal(mu=${l.mu}, sigma=${l.sigma})`;
}
