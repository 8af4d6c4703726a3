// ISO 28000 risk criteria: likelihood and impact bands, score and level.
import type { Criteria, Level } from '../model/schema.js';

export const DEFAULT_LIKELIHOOD_BANDS = [0.01, 0.05, 0.2, 0.5] as const;
export const DEFAULT_IMPACT_BANDS = [1e4, 1e5, 1e6, 1e7] as const;
export const DEFAULT_LEVEL_SCORES = { medium: 5, high: 10, critical: 20 } as const;

/** Band 1..5: the first band whose upper bound exceeds x, else 5. */
export function band(x: number, bounds: readonly number[]): number {
  for (let i = 0; i < bounds.length; i++) if (x < bounds[i]!) return i + 1;
  return bounds.length + 1;
}

/** Likelihood, impact, score and level of a risk from P(≥1 event per horizon) and mean loss per event. */
export function assess(pEvent: number, meanLossPerEvent: number, criteria: Criteria | undefined) {
  const likelihood = band(pEvent, criteria?.likelihoodBands ?? DEFAULT_LIKELIHOOD_BANDS);
  const impact = band(meanLossPerEvent, criteria?.impactBands ?? DEFAULT_IMPACT_BANDS);
  const score = likelihood * impact;
  return { likelihood, impact, score, level: levelOf(score, criteria) };
}

/** Level of a score: below medium → low, … */
export function levelOf(score: number, criteria: Criteria | undefined): Level {
  const t = criteria?.levelScores ?? DEFAULT_LEVEL_SCORES;
  return score >= t.critical ? 'critical' : score >= t.high ? 'high' : score >= t.medium ? 'medium' : 'low';
}

/** Rank of a level (low 0 … critical 3), for comparisons with appetite.maxLevel. */
export function levelRank(level: Level): number {
  return ['low', 'medium', 'high', 'critical'].indexOf(level);
}

/**
 * The lowest and highest level a risk may have given the 95 % interval of its loss per event (the
 * likelihood is exact): the levels at the interval's two ends, or over every impact band when the
 * interval is unknown (null).
 */
export function levelBounds(pEvent: number, impactCi95: readonly [number, number] | null, criteria: Criteria | undefined): [Level, Level] {
  const likelihood = band(pEvent, criteria?.likelihoodBands ?? DEFAULT_LIKELIHOOD_BANDS);
  const edges = criteria?.impactBands ?? DEFAULT_IMPACT_BANDS;
  const lo = impactCi95 === null ? 1 : band(impactCi95[0], edges);
  const hi = impactCi95 === null ? edges.length + 1 : band(impactCi95[1], edges);
  return [levelOf(likelihood * lo, criteria), levelOf(likelihood * hi, criteria)];
}
