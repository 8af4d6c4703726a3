// Beta(alpha, beta) variates as X/(X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta) independent
// (Devroye 1986, §IX.4), the gammas drawn by Marsaglia–Tsang (see gamma.ts).
import type { Rng } from '../rng/rng.js';
import { sampleGamma } from './gamma.js';

/**
 * One Beta(alpha, beta) draw on [0, 1]. If both gammas underflow to 0 (only for shapes far below 1),
 * falls back to the small-shape limit: 1 with probability alpha/(alpha + beta), else 0.
 * Returns NaN unless both shapes are positive and finite.
 */
export function sampleBeta(rng: Rng, alpha: number, beta: number): number {
  const x = sampleGamma(rng, alpha);
  const y = sampleGamma(rng, beta);
  const s = x + y;
  if (s > 0) return x / s;
  if (s === 0) return rng.next() * (alpha + beta) < alpha ? 1 : 0;
  return NaN;
}

/** The mean alpha/(alpha + beta). */
export function betaMean(alpha: number, beta: number): number {
  return alpha / (alpha + beta);
}
