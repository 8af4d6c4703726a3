import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { sampleUniform, uniformMean, uniformQuantile } from '../../../engine/sampling/uniform.js';
import { N, binomialTol, draw, mean, shareAtMost } from '../../support/sampling-helpers.js';

describe('uniform', () => {
  it('sampleUniform: mean and p90 for Uniform(-2, 8)', () => {
    const xs = draw(new Rng(1, 2, 3, 4), N, (r) => sampleUniform(r, -2, 8));
    // SE of the mean = √(Var/n) with Var = (b − a)²/12.
    expect(Math.abs(mean(xs) - uniformMean(-2, 8))).toBeLessThan(4 * Math.sqrt(100 / 12 / N));
    // Share ≤ the closed-form p90 within 4·√(p(1−p)/n) of 0.9.
    expect(Math.abs(shareAtMost(xs, uniformQuantile(0.9, -2, 8)) - 0.9)).toBeLessThan(binomialTol(0.9, N));
    expect(xs.every((x) => x >= -2 && x < 8)).toBe(true);
  });

  it('sampleUniform with a == b returns a', () => {
    expect(sampleUniform(new Rng(1, 2, 3, 4), 4, 4)).toBe(4);
  });

  it('uniformMean and uniformQuantile have their closed forms', () => {
    expect(uniformMean(2, 6)).toBe(4);
    expect(uniformQuantile(0, 2, 6)).toBe(2);
    expect(uniformQuantile(0.25, 2, 6)).toBe(3);
    expect(uniformQuantile(1, 2, 6)).toBe(6);
  });
});
