// Risk appetite: whether the run stays within the scenario's stated appetite. Each limit is checked
// against its estimate's 95 % interval, so a check is `breached` (the whole interval is beyond the
// limit), `within` (the whole interval is inside) or `uncertain` (the interval straddles it: more
// trials, or another seed, may tip it either way). See README: "Appetite".
import type { Level, Scenario } from '../model/schema.js';
import { money } from '../text/format.js';
import { band, DEFAULT_IMPACT_BANDS, DEFAULT_LIKELIHOOD_BANDS, levelOf, levelRank } from './criteria.js';
import type { Summary } from './loss-summary.js';
import type { RiskRow } from './register.js';

export type AppetiteStatus = 'within' | 'breached' | 'uncertain';

export interface AppetiteCheck {
  limit: 'maxLevel' | 'maxEal' | 'maxCvar95';
  /** The stated limit: a level for maxLevel, an amount in the scenario's currency otherwise. */
  threshold: number | Level;
  /** The estimate (maxLevel: the number of risks whose level is above the limit). */
  value: number;
  /** The estimate's 95 % interval (maxLevel: the fewest and the most risks that may be above it). */
  ci95: [number, number];
  status: AppetiteStatus;
  /** One sentence for reports. */
  text: string;
}

export interface Appetite {
  /** breached if any check is, else uncertain if any check is, else within. */
  status: AppetiteStatus;
  /** status === 'within'. */
  withinAppetite: boolean;
  /** The sentences of the breached checks. */
  breaches: string[];
  /** The sentences of the uncertain checks. */
  uncertain: string[];
  checks: AppetiteCheck[];
}

/** The status of "estimate ≤ limit" given the estimate's interval. */
export function statusOf(ci95: readonly [number, number], limit: number): AppetiteStatus {
  if (ci95[0] > limit) return 'breached';
  if (ci95[1] > limit) return 'uncertain';
  return 'within';
}

/** The highest level a risk may have given its impact interval (impact band 5 when the interval is unknown). */
function highestLevel(r: RiskRow, scenario: Scenario): Level {
  const criteria = scenario.criteria;
  const likelihood = band(r.pEventExpected, criteria?.likelihoodBands ?? DEFAULT_LIKELIHOOD_BANDS);
  const edges = criteria?.impactBands ?? DEFAULT_IMPACT_BANDS;
  const impact = r.impactCi95 === null ? edges.length + 1 : Math.max(r.impact, band(r.impactCi95[1], edges));
  return levelOf(likelihood * impact, criteria);
}

/** Checks appetite.maxLevel, maxEal and maxCvar95 against the run's estimates and their intervals. */
export function appetiteOf(scenario: Scenario, summary: Summary, risks: readonly RiskRow[]): Appetite {
  const a = scenario.appetite;
  const c = scenario.currency ?? 'USD';
  const m = (x: number) => money(x, c);
  const checks: AppetiteCheck[] = [];
  if (a?.maxLevel !== undefined) {
    const limit = levelRank(a.maxLevel);
    // certainly above: above the limit and not borderline; maybe above: borderline and may reach above
    const certain = risks.filter((r) => levelRank(r.level) > limit && !r.borderline);
    const maybe = risks.filter((r) => r.borderline && levelRank(highestLevel(r, scenario)) > limit);
    const above = risks.filter((r) => levelRank(r.level) > limit);
    const status: AppetiteStatus = certain.length > 0 ? 'breached' : maybe.length > 0 ? 'uncertain' : 'within';
    const listed = (rs: readonly RiskRow[]) => `${rs.slice(0, 5).map((r) => `${r.id} (${r.level}${r.borderline ? ', borderline' : ''})`).join(', ')}${rs.length > 5 ? `, … ${rs.length - 5} more` : ''}`;
    const text =
      status === 'breached'
        ? `${certain.length} ${certain.length === 1 ? 'risk' : 'risks'} above ${a.maxLevel}: ${listed(certain)}${maybe.length > 0 ? `; ${maybe.length} borderline may be too` : ''}`
        : status === 'uncertain'
          ? `${maybe.length} borderline ${maybe.length === 1 ? 'risk' : 'risks'} may be above ${a.maxLevel}: ${listed(maybe)}`
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
