// The p-quantile of every distribution a scenario may state, in closed form from each sampler's own
// quantile (the PERT's through the Beta quantile): what the stress test's times to recover and the
// calibration's priors are read from. Nothing is sampled.
import { betaQuantile } from '../math/beta-quantile.js';
import type { Dist } from '../model/schema.js';
import { exponentialQuantile } from './exponential.js';
import { lognormalParams, lognormalQuantile } from './lognormal.js';
import { triangularQuantile } from './triangular.js';
import { uniformQuantile } from './uniform.js';

/**
 * The p-quantile of PERT(min, mode, max) with γ = 4 (engine/sampling/pert.ts): min + (max − min) ·
 * Beta⁻¹(p; α, β), α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min).
 */
export function pertQuantile(p: number, min: number, mode: number, max: number): number {
  const range = max - min;
  if (!(range > 0)) return min;
  const alpha = 1 + (4 * (mode - min)) / range;
  const beta = 1 + (4 * (max - mode)) / range;
  return min + range * betaQuantile(p, alpha, beta);
}

/** The p-quantile of a scenario distribution (before any clipping to [0, 1] of a fraction). */
export function distQuantile(dist: Dist, p: number): number {
  if ('fixed' in dist) return dist.fixed;
  if ('uniform' in dist) return uniformQuantile(p, dist.uniform[0], dist.uniform[1]);
  if ('triangular' in dist) return triangularQuantile(p, dist.triangular[0], dist.triangular[1], dist.triangular[2]);
  if ('pert' in dist) return pertQuantile(p, dist.pert[0], dist.pert[1], dist.pert[2]);
  if ('exponential' in dist) return exponentialQuantile(p, dist.exponential.mean);
  const { mu, sigma } = lognormalParams(dist.lognormal);
  return lognormalQuantile(p, mu, sigma);
}
