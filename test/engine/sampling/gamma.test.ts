import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { gammaMean, sampleGamma } from '../../../engine/sampling/gamma.js';
import { normalCdf } from '../../../engine/sampling/normal.js';
import { poissonCdf } from '../../../engine/sampling/poisson.js';
import { N, binomialTol, draw, mean, shareAtMost, variance } from '../../support/sampling-helpers.js';

// Closed-form Gamma(shape, 1) CDFs at one point each, used for the quantile check.
// shape 0.5: X = Z²/2, so P(X ≤ x) = 2Φ(√(2x)) − 1. Integer shape k: P(X ≤ x) = 1 − P(Poisson(x) ≤ k − 1).
const CASES: [shape: number, x: number, cdf: number][] = [
  [0.5, 0.5, 2 * normalCdf(1) - 1],
  [2, 2, 1 - poissonCdf(1, 2)],
  [9, 9, 1 - poissonCdf(8, 9)],
];

describe('gamma', () => {
  it.each(CASES)('sampleGamma: mean = shape, variance = shape and CDF for shape %f', (shape, x, cdf) => {
    const xs = draw(new Rng(1, 2, 3, Math.round(shape * 10)), N, (r) => sampleGamma(r, shape));
    // SE of the mean = √(shape/n) (Gamma(k, 1) variance k).
    expect(Math.abs(mean(xs) - gammaMean(shape))).toBeLessThan(4 * Math.sqrt(shape / N));
    // SE of the sample variance = √((μ4 − σ⁴)/n) with μ4 = 3k² + 6k, so μ4 − σ⁴ = 2k² + 6k.
    expect(Math.abs(variance(xs) - shape)).toBeLessThan(4 * Math.sqrt((2 * shape * shape + 6 * shape) / N));
    // Share ≤ x within 4·√(p(1−p)/n) of the closed-form CDF.
    expect(Math.abs(shareAtMost(xs, x) - cdf)).toBeLessThan(binomialTol(cdf, N));
    expect(xs.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
  });

  it('sampleGamma returns NaN for an invalid shape', () => {
    const rng = new Rng(1, 2, 3, 4);
    expect(sampleGamma(rng, 0)).toBeNaN();
    expect(sampleGamma(rng, -1)).toBeNaN();
    expect(sampleGamma(rng, Infinity)).toBeNaN();
    expect(sampleGamma(rng, Number.NaN)).toBeNaN();
  });

  it('gammaMean is the shape', () => {
    expect(gammaMean(3.5)).toBe(3.5);
  });
});
