import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { betaMean, sampleBeta } from '../../../engine/sampling/beta.js';
import { N, betaCentralMoments, binomialTol, draw, mean, shareAtMost } from '../../support/sampling-helpers.js';

// Closed-form CDFs at one point: Beta(2, 5): I_x = 1 − (1−x)^6 − 6x(1−x)^5 (P(Bin(6, x) ≥ 2));
// Beta(0.5, 0.5) is the arcsine law, I_x = (2/π)·asin(√x).
const CASES: [a: number, b: number, x: number, cdf: number][] = [
  [2, 5, 0.3, 1 - 0.7 ** 6 - 6 * 0.3 * 0.7 ** 5],
  [0.5, 0.5, 0.1, (2 / Math.PI) * Math.asin(Math.sqrt(0.1))],
  [3, 3, 0.5, 0.5],
];

describe('beta', () => {
  it.each(CASES)('sampleBeta: mean and CDF for Beta(%f, %f)', (a, b, x, cdf) => {
    const xs = draw(new Rng(7, 7, Math.round(a * 10), Math.round(b * 10)), N, (r) => sampleBeta(r, a, b));
    // SE of the mean = √(Var/n) with Var = ab/((a+b)²(a+b+1)).
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(betaCentralMoments(a, b).m2).toBeCloseTo(v, 14);
    expect(Math.abs(mean(xs) - betaMean(a, b))).toBeLessThan(4 * Math.sqrt(v / N));
    // Share ≤ x within 4·√(p(1−p)/n) of the closed-form CDF.
    expect(Math.abs(shareAtMost(xs, x) - cdf)).toBeLessThan(binomialTol(cdf, N));
    expect(xs.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('sampleBeta returns NaN for invalid shapes', () => {
    expect(sampleBeta(new Rng(1, 2, 3, 4), -1, 2)).toBeNaN();
  });

  it('betaMean is alpha/(alpha + beta)', () => {
    expect(betaMean(2, 6)).toBe(0.25);
  });
});
