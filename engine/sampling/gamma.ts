// Gamma(shape, 1) variates by Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
// ACM TOMS 26(3); for shape < 1, the boost Gamma(a) = Gamma(a + 1)·U^(1/a) from the same paper.
import type { Rng } from '../rng/rng.js';
import { log, pow } from '../math/det-math.js';
import { sampleNormal } from './normal.js';

/**
 * One Gamma(shape, scale 1) draw. Uses a variable number of uniforms (on average about 2.1 per draw
 * for shape ≥ 1: one normal, one uniform, plus rare rejections; one more for shape < 1).
 * Returns NaN unless 0 < shape < Infinity.
 */
export function sampleGamma(rng: Rng, shape: number): number {
  if (!(shape > 0 && shape < Infinity)) return NaN;
  const boost = shape < 1;
  const g = gammaAtLeastOne(rng, (boost ? shape + 1 : shape) - 1 / 3);
  return boost ? g * pow(rng.nextOpen(), 1 / shape) : g;
}

/**
 * Gamma(d + 1/3) for d ≥ 2/3 (a shape of at least 1): Marsaglia and Tsang's loop, one normal and
 * one uniform a try. Exported for samplers that know their shapes are at least 1 (PERT).
 */
export function gammaAtLeastOne(rng: Rng, d: number): number {
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.nextOpen();
    const x2 = x * x;
    // Squeeze first, then the exact log test.
    if (u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
}

/** The mean of Gamma(shape, 1): shape. */
export function gammaMean(shape: number): number {
  return shape;
}
