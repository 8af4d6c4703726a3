// Triangular(min, mode, max) by inversion of its piecewise-quadratic CDF with one uniform
// (e.g. Devroye 1986, §II.2; Vose 2008).
import type { Rng } from '../rng/rng.js';

/** One Triangular(min, mode, max) draw by inversion: exactly one `rng.next()`. Needs min ≤ mode ≤ max. */
export function sampleTriangular(rng: Rng, min: number, mode: number, max: number): number {
  return triangularQuantile(rng.next(), min, mode, max);
}

/** The mean (min + mode + max)/3. */
export function triangularMean(min: number, mode: number, max: number): number {
  return (min + mode + max) / 3;
}

/**
 * The p-quantile: min + √(p·(max − min)·(mode − min)) when p < (mode − min)/(max − min),
 * else max − √((1 − p)·(max − min)·(max − mode)). Returns min when max == min.
 */
export function triangularQuantile(p: number, min: number, mode: number, max: number): number {
  const range = max - min;
  // p < (mode − min)/range, written without dividing so range = 0 needs no special case.
  if (p * range < mode - min) return min + Math.sqrt(p * range * (mode - min));
  return max - Math.sqrt((1 - p) * range * (max - mode));
}
