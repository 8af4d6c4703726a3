// gammaQuantile, regularizedGammaP/Q, logGamma and the incomplete beta against known values: closed
// forms (P(1, x) = 1 − e^−x, P(½, x) = erf √x, P(3, x) = 1 − e^−x(1 + x + x²/2), Γ(n) = (n − 1)!,
// I_½(2, 3) = 11/16) and chi-square and Gamma quantiles as published tables (and SciPy 1.17) give them.
import { describe, expect, it } from 'vitest';
import { gammaCdf, gammaQuantile, logGamma, regularizedGammaP, regularizedGammaQ } from '../../../engine/math/gamma-quantile.js';
import { betaQuantile, regularizedBeta } from '../../../engine/math/beta-quantile.js';

const rel = (x: number, want: number) => Math.abs(x - want) / Math.abs(want);

describe('logGamma', () => {
  it('logGamma: ln Γ at ½, whole numbers and large arguments', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(rel(logGamma(100), 359.1342053695754)).toBeLessThan(1e-13);
    expect(rel(logGamma(1e-3), 6.907178885383854)).toBeLessThan(1e-12);
    expect(logGamma(0)).toBeNaN();
  });
});

describe('regularizedGammaP', () => {
  it('regularizedGammaP: closed forms for shapes 1, ½ and 3, and the upper tail', () => {
    for (const x of [0.01, 0.5, 1, 3, 10, 40]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
    expect(regularizedGammaP(0.5, 1)).toBeCloseTo(0.8427007929497151, 14); // erf(1)
    expect(regularizedGammaP(3, 2)).toBeCloseTo(1 - 5 * Math.exp(-2), 14);
    expect(rel(regularizedGammaQ(50, 80), 0.0001307839765914092)).toBeLessThan(1e-10);
    expect(regularizedGammaP(2, 0)).toBe(0);
    expect(regularizedGammaP(2, Infinity)).toBe(1);
  });
});

describe('gammaQuantile', () => {
  it('gammaQuantile: chi-square table values (shape k/2, rate ½)', () => {
    expect(rel(gammaQuantile(0.95, 0.5, 0.5), 3.841458820694124)).toBeLessThan(1e-10);
    expect(rel(gammaQuantile(0.05, 5, 0.5), 3.9402991361190605)).toBeLessThan(1e-10);
    expect(rel(gammaQuantile(0.95, 5, 0.5), 18.307038053275146)).toBeLessThan(1e-10);
  });

  it('gammaQuantile: Gamma quantiles from shape 0.01 to 1000', () => {
    const known: Array<[number, number, number]> = [
      [0.01, 0.05, 4.465535018910624e-131],
      [0.01, 0.95, 0.003362623998074687],
      [0.5, 0.05, 0.001966070000009761],
      [0.5, 0.95, 1.920729410347062],
      [1, 0.95, 2.9957322735539895],
      [2.5, 0.05, 0.5727381130308846],
      [2.5, 0.95, 5.535248846758176],
      [30, 0.05, 21.593979226994882],
      [30, 0.95, 39.54097224392437],
      [1000, 0.5, 999.6666864269652],
      [5, 0.999999, 23.43152342335784],
    ];
    for (const [a, p, want] of known) expect(rel(gammaQuantile(p, a, 1), want), `shape ${a}, p ${p}`).toBeLessThan(1e-9);
  });

  it('gammaQuantile: inverts the CDF and scales with the rate', () => {
    for (const a of [0.02, 0.3, 1.7, 12, 250]) {
      for (const p of [0.001, 0.05, 0.5, 0.95, 0.999]) {
        const x = gammaQuantile(p, a, 3);
        expect(Math.abs(gammaCdf(x, a, 3) - p), `shape ${a}, p ${p}`).toBeLessThan(1e-11);
        expect(rel(x * 3, gammaQuantile(p, a, 1))).toBeLessThan(1e-9);
      }
    }
    expect(gammaQuantile(0, 2, 1)).toBe(0);
    expect(gammaQuantile(1, 2, 1)).toBe(Infinity);
    expect(gammaQuantile(0.5, 0, 1)).toBeNaN();
    expect(gammaQuantile(1.5, 2, 1)).toBeNaN();
  });
});

describe('regularizedBeta and betaQuantile', () => {
  it('regularizedBeta: I_½(2, 3) = 11/16 and a skewed case; betaQuantile inverts it', () => {
    expect(regularizedBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 14);
    expect(rel(regularizedBeta(0.1, 0.7, 4.2), 0.513174394229786)).toBeLessThan(1e-12);
    expect(rel(betaQuantile(0.9, 1.5, 3.5), 0.5684929846893345)).toBeLessThan(1e-10);
    expect(betaQuantile(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});
