import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { pertMean, samplePert } from '../../../engine/sampling/pert.js';
import { sampleBeta } from '../../../engine/sampling/beta.js';
import {
  N,
  betaCentralMoments,
  betaDensity,
  betaQuantile,
  binomialTol,
  draw,
  mean,
  median,
  rngState,
  shareAtMost,
  variance,
} from '../../support/sampling-helpers.js';

const CASES: [min: number, mode: number, max: number][] = [
  [10, 20, 100],
  [0, 0, 1],
  [-5, 0, 5],
  [1000, 4000, 5000],
];

describe('pert', () => {
  it('samplePert gives min + range · sampleBeta(α, β) bit for bit, taking the same draws', () => {
    const a = new Rng(9, 8, 7, 6);
    const b = new Rng(9, 8, 7, 6);
    const seed = new Rng(1, 2, 3, 4);
    for (let i = 0; i < 100_000; i++) {
      const min = (seed.next() - 0.5) * 1000;
      const range = seed.next() < 0.1 ? 0 : seed.next() * 1000;
      const mode = min + seed.next() * range;
      const max = min + range;
      const want = range === 0 ? min : min + range * sampleBeta(a, 1 + (4 * (mode - min)) / range, 1 + (4 * (max - mode)) / range);
      expect(samplePert(b, min, mode, max)).toBe(want);
    }
    expect(b.nextU32()).toBe(a.nextU32());
  });

  it.each(CASES)('samplePert: mean, variance and median for PERT(%f, %f, %f)', (min, mode, max) => {
    const range = max - min;
    const a = 1 + (4 * (mode - min)) / range;
    const b = 1 + (4 * (max - mode)) / range;
    const xs = draw(new Rng(min, mode, max, 4), N, (r) => samplePert(r, min, mode, max));
    const m = pertMean(min, mode, max);
    expect(m).toBeCloseTo(min + range * (a / (a + b)), 10);
    // Var = (mean − min)(max − mean)/7 for γ = 4; SE of the mean = √(Var/n).
    const v = ((m - min) * (max - m)) / 7;
    const { m2, m4 } = betaCentralMoments(a, b);
    expect(v / (range * range)).toBeCloseTo(m2, 14);
    expect(Math.abs(mean(xs) - m)).toBeLessThan(4 * Math.sqrt(v / N));
    // SE of the sample variance = √((μ4 − σ⁴)/n), μ4 from the Beta's raw moments, scaled by range⁴.
    expect(Math.abs(variance(xs) - v)).toBeLessThan(4 * range * range * Math.sqrt((m4 - m2 * m2) / N));
    // Median: the Beta(α, β) median by bisection on a numeric regularized incomplete beta. The share of
    // samples ≤ it is within 4·√(0.25/n) of 0.5, and the sample median within that over the density.
    const bm = betaQuantile(0.5, a, b);
    const med = min + range * bm;
    expect(Math.abs(shareAtMost(xs, med) - 0.5)).toBeLessThan(binomialTol(0.5, N));
    const sdMedian = (0.5 / Math.sqrt(N)) * (range / betaDensity(bm, a, b)); // √(p(1−p)/n)/f(median)
    expect(Math.abs(median(xs) - med)).toBeLessThan(4 * sdMedian);
    expect(xs.every((x) => x >= min && x <= max)).toBe(true);
  });

  it('samplePert returns min without drawing when max == min', () => {
    const rng = new Rng(1, 2, 3, 4);
    const before = rngState(rng);
    expect(samplePert(rng, 3, 3, 3)).toBe(3);
    expect(rngState(rng)).toEqual(before);
  });

  it('pertMean is (min + 4·mode + max)/6', () => {
    expect(pertMean(0, 3, 6)).toBe(3);
    expect(pertMean(10, 20, 100)).toBeCloseTo(190 / 6, 12);
  });
});
