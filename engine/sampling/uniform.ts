// Continuous uniform on [a, b) by the affine map a + (b − a)·U of one uniform.
import type { Rng } from '../rng/rng.js';

/** One Uniform(a, b) draw: exactly one `rng.next()`. */
export function sampleUniform(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng.next();
}

/** The mean (a + b)/2. */
export function uniformMean(a: number, b: number): number {
  return 0.5 * (a + b);
}

/** The p-quantile a + (b − a)·p. */
export function uniformQuantile(p: number, a: number, b: number): number {
  return a + (b - a) * p;
}
