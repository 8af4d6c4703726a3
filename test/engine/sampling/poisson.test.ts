import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import {
  poissonCdf,
  poissonMean,
  sampleGeometricGap,
  samplePoisson,
  sampleZeroTruncatedPoisson,
} from '../../../engine/sampling/poisson.js';
import { N, binomialTol, draw, mean, rngState, shareAtMost, shareEqual, variance } from '../../support/sampling-helpers.js';

describe('poisson', () => {
  it.each([0.3, 4, 30, 75])('samplePoisson: mean, variance, P(N=0) and the CDF at floor(λ) for λ = %f', (lambda) => {
    const xs = draw(new Rng(11, 22, 33, Math.round(lambda * 10)), N, (r) => samplePoisson(r, lambda));
    // SE of the mean = √(λ/n) (Poisson variance λ).
    expect(Math.abs(mean(xs) - poissonMean(lambda))).toBeLessThan(4 * Math.sqrt(lambda / N));
    // SE of the sample variance = √((μ4 − σ⁴)/n) = √((λ + 2λ²)/n), since μ4 = λ(1 + 3λ).
    expect(Math.abs(variance(xs) - lambda)).toBeLessThan(4 * Math.sqrt((lambda + 2 * lambda * lambda) / N));
    // P(N = 0) = e^−λ within 4·√(p(1−p)/n).
    const p0 = Math.exp(-lambda);
    expect(Math.abs(shareEqual(xs, 0) - p0)).toBeLessThanOrEqual(binomialTol(p0, N));
    // P(N ≤ floor(λ)) against poissonCdf, within 4·√(p(1−p)/n).
    const k = Math.floor(lambda);
    const pk = poissonCdf(k, lambda);
    expect(Math.abs(shareAtMost(xs, k) - pk)).toBeLessThan(binomialTol(pk, N));
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it('samplePoisson returns 0 for λ = 0 without drawing, NaN for invalid λ', () => {
    const rng = new Rng(1, 2, 3, 4);
    const before = rngState(rng);
    expect(samplePoisson(rng, 0)).toBe(0);
    expect(rngState(rng)).toEqual(before);
    expect(samplePoisson(rng, -1)).toBeNaN();
    expect(samplePoisson(rng, Number.NaN)).toBeNaN();
    expect(samplePoisson(rng, Infinity)).toBeNaN();
  });

  it('samplePoisson uses one uniform per chunk of mean ≤ 30', () => {
    const a = new Rng(5, 6, 7, 8);
    const b = new Rng(5, 6, 7, 8);
    samplePoisson(a, 75); // chunks 30 + 30 + 15
    b.next();
    b.next();
    b.next();
    expect(rngState(a)).toEqual(rngState(b));
  });

  it.each([1e-9, 0.3, 4, 75])('sampleZeroTruncatedPoisson: mean λ/(1−e^−λ) and P(N=1) for λ = %f', (lambda) => {
    const xs = draw(new Rng(3, 1, 4, 1), N, (r) => sampleZeroTruncatedPoisson(r, lambda));
    const q = -Math.expm1(-lambda); // 1 − e^−λ
    const m = lambda / q;
    // SE of the mean = √(Var/n) with Var = m(1 + λ − m) for the zero-truncated Poisson.
    expect(Math.abs(mean(xs) - m)).toBeLessThanOrEqual(4 * Math.sqrt((m * (1 + lambda - m)) / N) + 1e-12);
    // P(N = 1) = λe^−λ/(1 − e^−λ) within 4·√(p(1−p)/n).
    const p1 = (lambda * Math.exp(-lambda)) / q;
    expect(Math.abs(shareEqual(xs, 1) - p1)).toBeLessThanOrEqual(binomialTol(p1, N));
    expect(shareEqual(xs, 0)).toBe(0);
  });

  it('sampleZeroTruncatedPoisson returns 1 for λ = 0 and NaN for invalid λ', () => {
    const rng = new Rng(1, 2, 3, 4);
    expect(sampleZeroTruncatedPoisson(rng, 0)).toBe(1);
    expect(sampleZeroTruncatedPoisson(rng, -2)).toBeNaN();
  });

  it.each([0.3, 0.01])('sampleGeometricGap: mean (1−p)/p and P(gap=0) = p for p = %f', (p) => {
    const logq = Math.log1p(-p);
    const xs = draw(new Rng(2, 7, 1, 8), N, (r) => sampleGeometricGap(r, logq));
    // SE of the mean = √((1−p)/p² / n) (geometric variance (1−p)/p²).
    expect(Math.abs(mean(xs) - (1 - p) / p)).toBeLessThan(4 * Math.sqrt((1 - p) / (p * p) / N));
    // P(gap = 0) = p within 4·√(p(1−p)/n).
    expect(Math.abs(shareEqual(xs, 0) - p)).toBeLessThan(binomialTol(p, N));
  });

  it('sampleGeometricGap returns Infinity for p = 0 and 0 for p = 1', () => {
    const rng = new Rng(1, 2, 3, 4);
    expect(sampleGeometricGap(rng, 0)).toBe(Infinity);
    expect(sampleGeometricGap(rng, Math.log1p(-1))).toBe(0);
    expect(Object.is(sampleGeometricGap(rng, -Infinity), 0)).toBe(true);
  });

  it('poissonCdf matches reference values', () => {
    // Reference values computed with mpmath at 50 digits.
    expect(poissonCdf(0, 4)).toBeCloseTo(Math.exp(-4), 15);
    expect(Math.abs(poissonCdf(3, 4) / 0.43347012036670893 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(poissonCdf(75, 75) / 0.53065833196626078 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(poissonCdf(1000, 1000) / 0.50840936716850599 - 1)).toBeLessThan(1e-11);
    expect(Math.abs(poissonCdf(900, 1000) / 6.9776732779630678e-4 - 1)).toBeLessThan(1e-11);
    expect(poissonCdf(-1, 4)).toBe(0);
    expect(poissonCdf(3.7, 4)).toBe(poissonCdf(3, 4));
    expect(poissonCdf(5, 0)).toBe(1);
    expect(poissonCdf(200, 4)).toBe(1);
  });
});
