import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { erfc, normalCdf, normalQuantile, sampleNormal } from '../../../engine/sampling/normal.js';
import { zigguratNormal } from '../../../engine/sampling/ziggurat.js';
import { N, binomialTol, draw, mean, rngState, shareAtMost, variance } from '../../support/sampling-helpers.js';

// Reference values computed with mpmath at 50 digits.
const QUANTILES: [number, number][] = [
  [0.975, 1.959963984540054],
  [0.025, -1.959963984540054],
  [0.5, 0],
  [1e-10, -6.361340902404056],
  [0.9, 1.2815515655446004],
  [0.3, -0.5244005127080408],
  [0.02425, -1.972961051311885], // Acklam's region boundary
];

describe('normal', () => {
  it('normalQuantile matches known values to 1e-9', () => {
    for (const [p, z] of QUANTILES) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-9);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('normalQuantile handles the ends and invalid input', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
    expect(Number.isFinite(normalQuantile(Number.MIN_VALUE))).toBe(true);
  });

  it('normalQuantile is antisymmetric and increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (p, q) => {
        // 1 − p rounds for tiny p; q = 1 − (1 − p) is then exact, and Φ⁻¹(1 − q) = −Φ⁻¹(q) exactly.
        const upper = 1 - p;
        expect(normalQuantile(upper) + 0).toBe(-normalQuantile(1 - upper) + 0); // + 0 folds −0 into 0
        const lo = Math.min(p, q);
        const hi = Math.max(p, q);
        expect(normalQuantile(lo)).toBeLessThanOrEqual(normalQuantile(hi));
      }),
    );
  });

  it('normalCdf(normalQuantile(p)) ≈ p, in relative terms in both tails', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1, maxExcluded: true, noNaN: true }), (p) => {
        const err = Math.abs(normalCdf(normalQuantile(p)) - p);
        // Relative to the smaller tail, plus one ulp of 1 for p near 1 where p itself is that coarse.
        expect(err).toBeLessThanOrEqual(1e-12 * Math.min(p, 1 - p) + 2.3e-16);
      }),
      { numRuns: 2000 },
    );
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-15);
    }
  });

  it('normalCdf matches known values to 1e-13 relative', () => {
    const cases: [number, number][] = [
      [1, 0.84134474606854294859],
      [-1.96, 0.024997895148220434137],
      [-0.5, 0.30853753872598689636],
      [3, 0.99865010196836990547],
      [-10, 7.619853024160526066e-24],
      [-37, 5.7255712225245768227e-300],
    ];
    for (const [x, v] of cases) expect(Math.abs(normalCdf(x) / v - 1)).toBeLessThan(1e-13);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('erfc matches known values to 1e-14 relative', () => {
    const cases: [number, number][] = [
      [0.1, 0.8875370839817151078],
      [0.5, 0.47950012218695346232],
      [1, 0.15729920705028513066],
      [2, 0.0046777349810472658379],
      [3.9, 3.4792248597231742278e-8],
      [4.1, 6.7000276540848983727e-9],
      [6, 2.1519736712498913117e-17],
      [10, 2.088487583762544757e-45],
      [26, 5.6631924088561428465e-296],
    ];
    for (const [x, v] of cases) {
      expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(1e-14);
      expect(Math.abs(erfc(-x) - (2 - v))).toBeLessThan(4.5e-16);
    }
    expect(erfc(0)).toBe(1);
  });

  it('sampleNormal is the ziggurat normal (same draws from the same stream)', () => {
    const a = new Rng(9, 8, 7, 6);
    const b = new Rng(9, 8, 7, 6);
    for (let i = 0; i < 1000; i++) expect(sampleNormal(a)).toBe(zigguratNormal(b));
    expect(rngState(a)).toEqual(rngState(b));
  });

  it('sampleNormal has mean 0, variance 1 and the right p90', () => {
    const xs = draw(new Rng(1, 2, 3, 4), N, sampleNormal);
    // SE of the mean = σ/√n = 1/√n.
    expect(Math.abs(mean(xs))).toBeLessThan(4 / Math.sqrt(N));
    // SE of the sample variance = √((μ4 − σ⁴)/n) = √(2/n) for a normal.
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    // Share ≤ Φ⁻¹(0.9) within 4·√(p(1−p)/n) of 0.9.
    expect(Math.abs(shareAtMost(xs, normalQuantile(0.9)) - 0.9)).toBeLessThan(binomialTol(0.9, N));
  });
});
