import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { exponentialMean, exponentialQuantile, sampleExponential } from '../../../engine/sampling/exponential.js';
import { N, binomialTol, draw, mean, shareAtMost } from '../../support/sampling-helpers.js';

describe('exponential', () => {
  it('sampleExponential: mean and median for mean 3.5', () => {
    const xs = draw(new Rng(1, 2, 3, 4), N, (r) => sampleExponential(r, 3.5));
    // SE of the mean = mean/√n (Var = mean²).
    expect(Math.abs(mean(xs) - exponentialMean(3.5))).toBeLessThan((4 * 3.5) / Math.sqrt(N));
    // Share ≤ the closed-form median mean·ln 2 within 4·√(0.25/n) of 0.5, and of the p90 of 0.9.
    expect(Math.abs(shareAtMost(xs, exponentialQuantile(0.5, 3.5)) - 0.5)).toBeLessThan(binomialTol(0.5, N));
    expect(Math.abs(shareAtMost(xs, exponentialQuantile(0.9, 3.5)) - 0.9)).toBeLessThan(binomialTol(0.9, N));
    expect(xs.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
  });

  it('exponentialQuantile is −mean·ln(1 − p)', () => {
    expect(exponentialQuantile(0.5, 2)).toBeCloseTo(2 * Math.LN2, 15);
    expect(exponentialQuantile(0, 2)).toBe(0);
    expect(exponentialQuantile(1, 2)).toBe(Infinity);
  });

  it('exponentialMean is the mean', () => {
    expect(exponentialMean(7)).toBe(7);
  });
});
