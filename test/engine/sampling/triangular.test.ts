import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { sampleTriangular, triangularMean, triangularQuantile } from '../../../engine/sampling/triangular.js';
import { N, binomialTol, draw, mean, rngState, shareAtMost } from '../../support/sampling-helpers.js';

/** The triangular CDF in closed form. */
function triangularCdf(x: number, a: number, c: number, b: number): number {
  if (x <= a) return 0;
  if (x >= b) return 1;
  // as ratios, so that a subnormal side (c − a of 5e-324) does not underflow to 0 / 0
  if (x <= c) return ((x - a) / (b - a)) * ((x - a) / (c - a));
  return 1 - ((b - x) / (b - a)) * ((b - x) / (b - c));
}

const CASES: [min: number, mode: number, max: number][] = [
  [0, 2, 10],
  [5, 5, 6],
  [-3, 1, 1],
];

describe('triangular', () => {
  it.each(CASES)('sampleTriangular: mean and p90 for Triangular(%f, %f, %f)', (a, c, b) => {
    const xs = draw(new Rng(2, 4, 6, 8), N, (r) => sampleTriangular(r, a, c, b));
    // SE of the mean = √(Var/n) with Var = (a² + b² + c² − ab − ac − bc)/18.
    const v = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    expect(Math.abs(mean(xs) - triangularMean(a, c, b))).toBeLessThan(4 * Math.sqrt(v / N));
    // Share ≤ the closed-form p90 (and median) within 4·√(p(1−p)/n).
    expect(Math.abs(shareAtMost(xs, triangularQuantile(0.9, a, c, b)) - 0.9)).toBeLessThan(binomialTol(0.9, N));
    expect(Math.abs(shareAtMost(xs, triangularQuantile(0.5, a, c, b)) - 0.5)).toBeLessThan(binomialTol(0.5, N));
    expect(xs.every((x) => x >= a && x <= b)).toBe(true);
  });

  it('sampleTriangular uses exactly one uniform', () => {
    const r1 = new Rng(1, 1, 1, 1);
    const r2 = new Rng(1, 1, 1, 1);
    expect(sampleTriangular(r1, 0, 1, 4)).toBe(triangularQuantile(r2.next(), 0, 1, 4));
    expect(rngState(r1)).toEqual(rngState(r2));
  });

  it('triangularQuantile inverts the closed-form CDF', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, t, w, p) => {
          const b = a + w;
          const c = a + t * w;
          const q = triangularQuantile(p, a, c, b);
          expect(q).toBeGreaterThanOrEqual(a - 1e-9 * w);
          expect(q).toBeLessThanOrEqual(b + 1e-9 * w);
          expect(Math.abs(triangularCdf(q, a, c, b) - p)).toBeLessThan(1e-7);
        },
      ),
    );
    expect(triangularQuantile(0.5, 2, 2, 2)).toBe(2);
    expect(triangularQuantile(0, 0, 1, 2)).toBe(0);
    expect(triangularQuantile(1, 0, 1, 2)).toBe(2);
  });

  it('triangularMean is (min + mode + max)/3', () => {
    expect(triangularMean(0, 3, 6)).toBe(3);
  });
});
