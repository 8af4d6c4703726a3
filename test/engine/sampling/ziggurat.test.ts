// Ziggurat samplers against their closed forms: the empirical CDF at points across the body and
// both tails (the base strip and the tail beyond r are separate code paths) within 4 standard errors
// of Φ(x) and 1 − e^−x, and the first two moments.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { normalCdf } from '../../../engine/sampling/normal.js';
import { zigguratExponential, zigguratNormal } from '../../../engine/sampling/ziggurat.js';

const N = 1_000_000;

function checkCdf(draw: () => number, points: number[], cdf: (x: number) => number): { mean: number; m2: number } {
  const counts = new Float64Array(points.length);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < N; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
    for (let j = 0; j < points.length; j++) if (x <= points[j]!) counts[j]!++;
  }
  points.forEach((x, j) => {
    const p = cdf(x);
    const se = Math.sqrt((p * (1 - p)) / N);
    expect(Math.abs(counts[j]! / N - p), `P(X ≤ ${x})`).toBeLessThan(4 * se + 1e-12);
  });
  return { mean: s / N, m2: s2 / N };
}

describe('ziggurat', () => {
  it('zigguratNormal: P(Z ≤ x) = Φ(x) from −4.5 to 4.5 (tails beyond r = 3.4426 included); mean 0, variance 1', () => {
    const rng = new Rng(11, 22, 33, 44);
    const { mean, m2 } = checkCdf(() => zigguratNormal(rng), [-4.5, -3.6, -3, -2, -1, -0.25, 0, 0.4, 1.2815515655446004, 2.2, 3.5, 4.5], normalCdf);
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(m2 - 1)).toBeLessThan(4 * Math.sqrt(2 / N)); // Var(Z²) = 2
  });

  it('zigguratExponential: P(E ≤ x) = 1 − e^−x from 0.001 to 10 (tail beyond r = 7.697 included); mean 1, E[E²] = 2', () => {
    const rng = new Rng(5, 6, 7, 8);
    const { mean, m2 } = checkCdf(() => zigguratExponential(rng), [0.001, 0.05, 0.3, 1, 2, 4, 7, 8, 10], (x) => 1 - Math.exp(-x));
    expect(Math.abs(mean - 1)).toBeLessThan(4 / Math.sqrt(N)); // Var(E) = 1
    expect(Math.abs(m2 - 2)).toBeLessThan(4 * Math.sqrt(20 / N)); // Var(E²) = 24 − 4 = 20
  });

  it('zigguratExponential: ⌊E/λ⌋ is geometric, P(gap ≥ g) = e^−λg (the kernel\'s skip to the next trial with an event)', () => {
    const rng = new Rng(1, 1, 2, 3);
    const lambda = 0.05;
    const ge = new Float64Array(4);
    const gs = [1, 10, 40, 100];
    for (let i = 0; i < N; i++) {
      const gap = Math.floor(zigguratExponential(rng) / lambda);
      for (let j = 0; j < gs.length; j++) if (gap >= gs[j]!) ge[j]!++;
    }
    gs.forEach((g, j) => {
      const p = Math.exp(-lambda * g);
      expect(Math.abs(ge[j]! / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    });
  });
});
