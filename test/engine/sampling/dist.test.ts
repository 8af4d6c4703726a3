import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import {
  DIST_EXPONENTIAL,
  DIST_FIXED,
  DIST_LOGNORMAL,
  DIST_PERT,
  DIST_STRIDE,
  DIST_TRIANGULAR,
  DIST_UNIFORM,
  type DistSpec,
  compileDist,
  compiledMean,
  distMean,
  sampleCompiled,
} from '../../../engine/sampling/dist.js';
import { sampleExponential } from '../../../engine/sampling/exponential.js';
import { sampleFixed } from '../../../engine/sampling/fixed.js';
import { lognormalParams, sampleLognormal } from '../../../engine/sampling/lognormal.js';
import { samplePert } from '../../../engine/sampling/pert.js';
import { sampleTriangular } from '../../../engine/sampling/triangular.js';
import { sampleUniform } from '../../../engine/sampling/uniform.js';
import { N, mean, rngState } from '../../support/sampling-helpers.js';

const LN = lognormalParams({ median: 50, p90: 200 });

/** Each kind with its expected compiled slots, direct sampler and closed-form variance. */
const KINDS: { name: string; spec: DistSpec; slots: number[]; direct: (r: Rng) => number; variance: number }[] = [
  { name: 'fixed', spec: { fixed: 7.5 }, slots: [DIST_FIXED, 7.5, 0, 0], direct: (r) => sampleFixed(r, 7.5), variance: 0 },
  {
    name: 'uniform',
    spec: { uniform: [2, 12] },
    slots: [DIST_UNIFORM, 2, 12, 0],
    direct: (r) => sampleUniform(r, 2, 12),
    variance: 100 / 12, // (b − a)²/12
  },
  {
    name: 'triangular',
    spec: { triangular: [0, 3, 9] },
    slots: [DIST_TRIANGULAR, 0, 3, 9],
    direct: (r) => sampleTriangular(r, 0, 3, 9),
    variance: (0 + 9 + 81 - 0 - 0 - 27) / 18, // (a² + c² + b² − ac − ab − cb)/18
  },
  {
    name: 'pert',
    spec: { pert: [10, 20, 100] },
    slots: [DIST_PERT, 10, 20, 100],
    direct: (r) => samplePert(r, 10, 20, 100),
    variance: ((190 / 6 - 10) * (100 - 190 / 6)) / 7, // (mean − min)(max − mean)/7
  },
  {
    name: 'lognormal (median/p90)',
    spec: { lognormal: { median: 50, p90: 200 } },
    slots: [DIST_LOGNORMAL, LN.mu, LN.sigma, 0],
    direct: (r) => sampleLognormal(r, LN.mu, LN.sigma),
    variance: Math.expm1(LN.sigma ** 2) * Math.exp(2 * LN.mu + LN.sigma ** 2), // (e^{σ²} − 1)e^{2μ+σ²}
  },
  {
    name: 'lognormal (mu/sigma)',
    spec: { lognormal: { mu: 1, sigma: 0.5 } },
    slots: [DIST_LOGNORMAL, 1, 0.5, 0],
    direct: (r) => sampleLognormal(r, 1, 0.5),
    variance: Math.expm1(0.25) * Math.exp(2.25),
  },
  {
    name: 'exponential',
    spec: { exponential: { mean: 4 } },
    slots: [DIST_EXPONENTIAL, 4, 0, 0],
    direct: (r) => sampleExponential(r, 4),
    variance: 16, // mean²
  },
];

describe('dist', () => {
  it('the codes are the fixed numeric values', () => {
    expect([DIST_FIXED, DIST_UNIFORM, DIST_TRIANGULAR, DIST_PERT, DIST_LOGNORMAL, DIST_EXPONENTIAL]).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
    expect(DIST_STRIDE).toBe(4);
  });

  it.each(KINDS)('compileDist/sampleCompiled round trip: $name', ({ spec, slots, direct, variance }) => {
    const out = new Float64Array(12).fill(-99);
    compileDist(spec, out, 4);
    expect(Array.from(out.subarray(4, 8))).toEqual(slots);
    expect(out[3]).toBe(-99); // neighbours untouched
    expect(out[8]).toBe(-99);
    const [code, p0, p1, p2] = [out[4]!, out[5]!, out[6]!, out[7]!];
    // Same stream, same draws, same consumption as the direct sampler.
    const a = new Rng(1, 2, 3, 4);
    const b = new Rng(1, 2, 3, 4);
    for (let i = 0; i < 1000; i++) expect(sampleCompiled(a, code, p0, p1, p2)).toBe(direct(b));
    expect(rngState(a)).toEqual(rngState(b));
    // compiledMean == distMean, and the sample mean is within 4 SE = 4·√(Var/n) of it.
    const m = compiledMean(code, p0, p1, p2);
    expect(m).toBe(distMean(spec));
    const xs = new Float64Array(N);
    const rng = new Rng(5, 6, 7, 8);
    for (let i = 0; i < N; i++) xs[i] = sampleCompiled(rng, code, p0, p1, p2);
    expect(Math.abs(mean(xs) - m)).toBeLessThanOrEqual(4 * Math.sqrt(variance / N));
  });

  it('compileDist rejects invalid specs and out-of-range offsets', () => {
    const out = new Float64Array(8);
    expect(() => compileDist({ uniform: [3, 1] }, out, 0)).toThrow(RangeError);
    expect(() => compileDist({ triangular: [0, 5, 4] }, out, 0)).toThrow(RangeError);
    expect(() => compileDist({ pert: [1, 0, 4] }, out, 0)).toThrow(RangeError);
    expect(() => compileDist({ pert: [0, 1, Infinity] }, out, 0)).toThrow(RangeError);
    expect(() => compileDist({ lognormal: { median: -1, p90: 2 } }, out, 0)).toThrow(RangeError);
    expect(() => compileDist({ exponential: { mean: -1 } }, out, 0)).toThrow(RangeError);
    expect(() => compileDist({ fixed: Number.NaN }, out, 0)).toThrow(RangeError);
    expect(() => compileDist({ fixed: 1 }, out, 5)).toThrow(RangeError);
    expect(() => compileDist({ fixed: 1 }, out, -1)).toThrow(RangeError);
    expect(() => compileDist({ fixed: 1 }, out, 1.5)).toThrow(RangeError);
  });

  it('sampleCompiled and compiledMean throw on an unknown code', () => {
    expect(() => sampleCompiled(new Rng(), 99, 0, 0, 0)).toThrow(RangeError);
    expect(() => compiledMean(99, 0, 0, 0)).toThrow(RangeError);
  });

  it('distMean gives the closed-form means', () => {
    expect(distMean({ fixed: 2 })).toBe(2);
    expect(distMean({ uniform: [2, 6] })).toBe(4);
    expect(distMean({ triangular: [0, 3, 6] })).toBe(3);
    expect(distMean({ pert: [0, 3, 6] })).toBe(3);
    expect(distMean({ lognormal: { mu: 0, sigma: 1 } })).toBeCloseTo(Math.exp(0.5), 15);
    expect(distMean({ exponential: { mean: 9 } })).toBe(9);
  });
});
