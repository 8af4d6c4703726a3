// Exponential by inversion: −mean·ln(U) with U uniform on (0, 1) (Devroye 1986, §II.2).
import type { Rng } from '../rng/rng.js';
import { log, log1p } from '../math/det-math.js';

/** One Exponential draw with the given mean (1/rate): exactly one `rng.nextOpen()`. */
export function sampleExponential(rng: Rng, mean: number): number {
  return -mean * log(rng.nextOpen());
}

/** The mean (the parameter itself). */
export function exponentialMean(mean: number): number {
  return mean;
}

/** The p-quantile −mean·ln(1 − p). */
export function exponentialQuantile(p: number, mean: number): number {
  return -mean * log1p(-p);
}
