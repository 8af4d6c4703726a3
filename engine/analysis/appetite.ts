// Risk appetite: whether the run stays within the scenario's stated appetite. Each limit is checked
// against its estimate's 95 % interval, so a check is `breached` (the whole interval is beyond the
// limit), `within` (the whole interval is inside) or `uncertain` (the interval straddles it: more
// trials, or another seed, may tip it either way). See docs/results-format.md, "Appetite".
import type { Scenario } from '../model/schema.js';
import { money } from '../text/format.js';
import { levelBounds, levelRank } from './criteria.js';
import type { Appetite, AppetiteCheck, AppetiteStatus, RiskRow, Summary } from '../results/schema.js';

/** The status of "estimate ≤ limit" given the estimate's interval. */
export function statusOf(ci95: readonly [number, number], limit: number): AppetiteStatus {
  if (ci95[0] > limit) return 'breached';
  if (ci95[1] > limit) return 'uncertain';
  return 'within';
}

/** Checks appetite.maxLevel, maxEal and maxCvar95 against the run's estimates and their intervals. */
export function appetiteOf(scenario: Scenario, summary: Summary, risks: readonly RiskRow[]): Appetite {
  const a = scenario.appetite;
  const c = scenario.currency ?? 'USD';
  const m = (x: number) => money(x, c);
  const checks: AppetiteCheck[] = [];
  if (a?.maxLevel !== undefined) {
    const limit = levelRank(a.maxLevel);
    // certainly above: even its lowest possible level is; maybe above: only its highest possible level is
    const bounds = new Map(risks.map((r) => [r, levelBounds(r.pEventExpected, r.impactCi95, scenario.criteria)]));
    const certain = risks.filter((r) => levelRank(bounds.get(r)![0]) > limit);
    const maybe = risks.filter((r) => levelRank(bounds.get(r)![0]) <= limit && levelRank(bounds.get(r)![1]) > limit);
    const above = risks.filter((r) => levelRank(r.level) > limit);
    const status: AppetiteStatus = certain.length > 0 ? 'breached' : maybe.length > 0 ? 'uncertain' : 'within';
    const listed = (rs: readonly RiskRow[]) => `${rs.slice(0, 5).map((r) => `${r.id} (${r.level}${r.borderline ? ', borderline' : ''})`).join(', ')}${rs.length > 5 ? `, … ${rs.length - 5} more` : ''}`;
    const risksWord = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'risk' : 'risks'}`;
    const text =
      status === 'breached'
        ? `${risksWord(above.length)} above ${a.maxLevel}: ${listed(above)}`
        : status === 'uncertain'
          ? above.length > 0
            ? `${risksWord(above.length)} above ${a.maxLevel}, each borderline (it may be within at another seed): ${listed(above)}`
            : `no risk above ${a.maxLevel}, but ${risksWord(maybe.length)} borderline may be: ${listed(maybe)}`
          : `no risk above ${a.maxLevel}`;
    checks.push({ limit: 'maxLevel', threshold: a.maxLevel, value: above.length, ci95: [certain.length, certain.length + maybe.length], status, text });
  }
  const amount = (limit: 'maxEal' | 'maxCvar95', name: string, value: number, ci95: [number, number], threshold: number) => {
    const status = statusOf(ci95, threshold);
    const where = status === 'breached' ? 'above' : status === 'uncertain' ? 'too close to call against' : 'within';
    const text = `${name} ${m(value)} (95 %: ${m(ci95[0])} to ${m(ci95[1])}) ${where} ${limit} ${m(threshold)}`;
    checks.push({ limit, threshold, value, ci95, status, text });
  };
  if (a?.maxEal !== undefined) amount('maxEal', 'expected annual loss', summary.eal, summary.ci95, a.maxEal);
  if (a?.maxCvar95 !== undefined) amount('maxCvar95', 'CVaR95', summary.cvar95, summary.cvar95Ci95, a.maxCvar95);
  const status: AppetiteStatus = checks.some((k) => k.status === 'breached') ? 'breached' : checks.some((k) => k.status === 'uncertain') ? 'uncertain' : 'within';
  return {
    status,
    withinAppetite: status === 'within',
    breaches: checks.filter((k) => k.status === 'breached').map((k) => k.text),
    uncertain: checks.filter((k) => k.status === 'uncertain').map((k) => k.text),
    checks,
  };
}
