import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import {
  Z90,
  lognormalMean,
  lognormalParams,
  lognormalQuantile,
  sampleLognormal,
} from '../../../engine/sampling/lognormal.js';
import { normalQuantile } from '../../../engine/sampling/normal.js';
import { N, binomialTol, draw, mean, shareAtMost } from '../../support/sampling-helpers.js';

describe('lognormal', () => {
  it('lognormalParams: the median/p90 form reproduces the stated median and p90', () => {
    for (const [median, p90] of [
      [100, 300],
      [2.5, 2.6],
      [1e6, 5e7],
      [0.01, 0.5],
    ] as const) {
      const { mu, sigma } = lognormalParams({ median, p90 });
      expect(mu).toBe(Math.log(median));
      expect(sigma).toBe(Math.log(p90 / median) / 1.2815515655446004);
      expect(Math.abs(lognormalQuantile(0.5, mu, sigma) / median - 1)).toBeLessThan(1e-14);
      expect(Math.abs(lognormalQuantile(0.9, mu, sigma) / p90 - 1)).toBeLessThan(1e-13);
    }
    expect(Math.abs(normalQuantile(0.9) - Z90)).toBeLessThan(1e-15);
  });

  it('lognormalParams passes mu/sigma through, allows sigma = 0, and rejects invalid specs', () => {
    expect(lognormalParams({ mu: 1.5, sigma: 0.4 })).toEqual({ mu: 1.5, sigma: 0.4 });
    expect(lognormalParams({ median: 7, p90: 7 })).toEqual({ mu: Math.log(7), sigma: 0 });
    expect(() => lognormalParams({ median: 0, p90: 1 })).toThrow(RangeError);
    expect(() => lognormalParams({ median: 10, p90: 5 })).toThrow(RangeError);
    expect(() => lognormalParams({ median: 10, p90: Infinity })).toThrow(RangeError);
    expect(() => lognormalParams({ mu: 0, sigma: -1 })).toThrow(RangeError);
    expect(() => lognormalParams({ mu: Number.NaN, sigma: 1 })).toThrow(RangeError);
  });

  it('lognormalMean is exp(mu + sigma²/2)', () => {
    expect(lognormalMean(0, 0)).toBe(1);
    expect(lognormalMean(1, 2)).toBeCloseTo(Math.exp(3), 12);
  });

  it('sampleLognormal: sample mean matches exp(mu + sigma²/2) and the p90 share is 0.9', () => {
    const { mu, sigma } = lognormalParams({ median: 100, p90: 300 });
    const xs = draw(new Rng(1, 2, 3, 4), N, (r) => sampleLognormal(r, mu, sigma));
    const m = lognormalMean(mu, sigma);
    // SE of the mean = √(Var/n) with Var = (e^{σ²} − 1)·e^{2μ + σ²}.
    const sd = Math.sqrt(Math.expm1(sigma * sigma) * Math.exp(2 * mu + sigma * sigma));
    expect(Math.abs(mean(xs) - m)).toBeLessThan((4 * sd) / Math.sqrt(N));
    // Share ≤ p90 within 4·√(p(1−p)/n) of 0.9; and of the median within 4·√(0.25/n) of 0.5.
    expect(Math.abs(shareAtMost(xs, 300) - 0.9)).toBeLessThan(binomialTol(0.9, N));
    expect(Math.abs(shareAtMost(xs, 100) - 0.5)).toBeLessThan(binomialTol(0.5, N));
    expect(xs.every((x) => x > 0)).toBe(true);
  });

  it('sampleLognormal with sigma = 0 returns the median', () => {
    const rng = new Rng(4, 3, 2, 1);
    expect(sampleLognormal(rng, Math.log(5), 0)).toBeCloseTo(5, 14);
  });
});
