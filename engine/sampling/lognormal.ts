// Lognormal: exp(mu + sigma·Z) with Z standard normal (ziggurat), parameterised
// either directly by (mu, sigma) or by median and 90th percentile (mu = ln median, sigma = ln(p90/median)/z90).
import type { Rng } from '../rng/rng.js';
import { exp, log } from '../math/det-math.js';
import { normalQuantile, sampleNormal } from './normal.js';

/** Φ⁻¹(0.9), the standard normal 90th percentile. */
export const Z90 = 1.2815515655446004;

/** A lognormal given by its median and 90th percentile, or by the mean and sd of its logarithm. */
export type LognormalSpec = { median: number; p90: number } | { mu: number; sigma: number };

/** Log-scale parameters of a lognormal. */
export interface LognormalParams {
  mu: number;
  sigma: number;
}

/**
 * Converts a spec to (mu, sigma). For { median, p90 }: mu = ln(median), sigma = ln(p90/median)/z90.
 * Throws RangeError unless median > 0, p90 ≥ median (finite), or sigma ≥ 0 and both finite.
 */
export function lognormalParams(spec: LognormalSpec): LognormalParams {
  if ('median' in spec) {
    const { median, p90 } = spec;
    if (!(median > 0 && p90 >= median && p90 < Infinity)) {
      throw new RangeError(`lognormal needs 0 < median <= p90 < Infinity, got median=${median}, p90=${p90}`);
    }
    return { mu: log(median), sigma: log(p90 / median) / Z90 };
  }
  const { mu, sigma } = spec;
  if (!(Number.isFinite(mu) && sigma >= 0 && sigma < Infinity)) {
    throw new RangeError(`lognormal needs finite mu and 0 <= sigma < Infinity, got mu=${mu}, sigma=${sigma}`);
  }
  return { mu, sigma };
}

/** One lognormal draw exp(mu + sigma·Z). */
export function sampleLognormal(rng: Rng, mu: number, sigma: number): number {
  return exp(mu + sigma * sampleNormal(rng));
}

/** The mean exp(mu + sigma²/2). */
export function lognormalMean(mu: number, sigma: number): number {
  return exp(mu + 0.5 * sigma * sigma);
}

/** The p-quantile exp(mu + sigma·Φ⁻¹(p)). */
export function lognormalQuantile(p: number, mu: number, sigma: number): number {
  return exp(mu + sigma * normalQuantile(p));
}
