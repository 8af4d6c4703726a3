// The compiled form of a distribution used by the simulation plan: four numbers [code, p0, p1, p2]
// in a Float64Array, sampled by one switch over the samplers in this folder (no objects in the hot loop).
import type { Rng } from '../rng/rng.js';
import { exponentialMean, sampleExponential } from './exponential.js';
import { fixedMean, sampleFixed } from './fixed.js';
import { type LognormalSpec, lognormalMean, lognormalParams, sampleLognormal } from './lognormal.js';
import { pertMean, samplePert } from './pert.js';
import { sampleTriangular, triangularMean } from './triangular.js';
import { sampleUniform, uniformMean } from './uniform.js';

/** Code for a point mass: p0 = value. */
export const DIST_FIXED = 0;
/** Code for Uniform(p0, p1). */
export const DIST_UNIFORM = 1;
/** Code for Triangular(min p0, mode p1, max p2). */
export const DIST_TRIANGULAR = 2;
/** Code for PERT(min p0, mode p1, max p2). */
export const DIST_PERT = 3;
/** Code for Lognormal(mu p0, sigma p1) on the log scale. */
export const DIST_LOGNORMAL = 4;
/** Code for Exponential(mean p0). */
export const DIST_EXPONENTIAL = 5;

/** Numbers per compiled distribution: [code, p0, p1, p2]. */
export const DIST_STRIDE = 4;

/** A distribution as written in a scenario. */
export type DistSpec =
  | { fixed: number }
  | { uniform: [number, number] }
  | { triangular: [number, number, number] }
  | { pert: [number, number, number] }
  | { lognormal: LognormalSpec }
  | { exponential: { mean: number } };

function checkOrdered3(kind: string, t: readonly [number, number, number]): void {
  const [min, mode, max] = t;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= mode && mode <= max)) {
    throw new RangeError(`${kind} needs finite min <= mode <= max, got [${min}, ${mode}, ${max}]`);
  }
}

/**
 * Writes [code, p0, p1, p2] for `spec` at out[offset .. offset + 3] (unused slots are 0; lognormal
 * stores mu, sigma). Throws RangeError on invalid parameters or if the slots fall outside `out`.
 */
export function compileDist(spec: DistSpec, out: Float64Array, offset: number): void {
  if (!(Number.isInteger(offset) && offset >= 0 && offset + DIST_STRIDE <= out.length)) {
    throw new RangeError(`compileDist: offset ${offset} does not fit 4 slots in an array of ${out.length}`);
  }
  let code: number;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  if ('fixed' in spec) {
    if (!Number.isFinite(spec.fixed)) throw new RangeError(`fixed needs a finite value, got ${spec.fixed}`);
    code = DIST_FIXED;
    p0 = spec.fixed;
  } else if ('uniform' in spec) {
    [p0, p1] = spec.uniform;
    if (!(Number.isFinite(p0) && Number.isFinite(p1) && p0 <= p1)) {
      throw new RangeError(`uniform needs finite a <= b, got [${p0}, ${p1}]`);
    }
    code = DIST_UNIFORM;
  } else if ('triangular' in spec) {
    checkOrdered3('triangular', spec.triangular);
    code = DIST_TRIANGULAR;
    [p0, p1, p2] = spec.triangular;
  } else if ('pert' in spec) {
    checkOrdered3('pert', spec.pert);
    code = DIST_PERT;
    [p0, p1, p2] = spec.pert;
  } else if ('lognormal' in spec) {
    const { mu, sigma } = lognormalParams(spec.lognormal);
    code = DIST_LOGNORMAL;
    p0 = mu;
    p1 = sigma;
  } else {
    const { mean } = spec.exponential;
    if (!(mean >= 0 && mean < Infinity)) throw new RangeError(`exponential needs a finite mean >= 0, got ${mean}`);
    code = DIST_EXPONENTIAL;
    p0 = mean;
  }
  out[offset] = code;
  out[offset + 1] = p0;
  out[offset + 2] = p1;
  out[offset + 3] = p2;
}

/** One draw from a compiled distribution. Throws on an unknown code. */
export function sampleCompiled(rng: Rng, code: number, p0: number, p1: number, p2: number): number {
  switch (code) {
    case DIST_FIXED:
      return sampleFixed(rng, p0);
    case DIST_UNIFORM:
      return sampleUniform(rng, p0, p1);
    case DIST_TRIANGULAR:
      return sampleTriangular(rng, p0, p1, p2);
    case DIST_PERT:
      return samplePert(rng, p0, p1, p2);
    case DIST_LOGNORMAL:
      return sampleLognormal(rng, p0, p1);
    case DIST_EXPONENTIAL:
      return sampleExponential(rng, p0);
    default:
      throw new RangeError(`unknown distribution code ${code}`);
  }
}

/** The closed-form mean of a compiled distribution. Throws on an unknown code. */
export function compiledMean(code: number, p0: number, p1: number, p2: number): number {
  switch (code) {
    case DIST_FIXED:
      return fixedMean(p0);
    case DIST_UNIFORM:
      return uniformMean(p0, p1);
    case DIST_TRIANGULAR:
      return triangularMean(p0, p1, p2);
    case DIST_PERT:
      return pertMean(p0, p1, p2);
    case DIST_LOGNORMAL:
      return lognormalMean(p0, p1);
    case DIST_EXPONENTIAL:
      return exponentialMean(p0);
    default:
      throw new RangeError(`unknown distribution code ${code}`);
  }
}

/** The closed-form mean of a distribution spec (same value as compiledMean of its compiled form). */
export function distMean(spec: DistSpec): number {
  if ('fixed' in spec) return fixedMean(spec.fixed);
  if ('uniform' in spec) return uniformMean(spec.uniform[0], spec.uniform[1]);
  if ('triangular' in spec) return triangularMean(spec.triangular[0], spec.triangular[1], spec.triangular[2]);
  if ('pert' in spec) return pertMean(spec.pert[0], spec.pert[1], spec.pert[2]);
  if ('lognormal' in spec) {
    const { mu, sigma } = lognormalParams(spec.lognormal);
    return lognormalMean(mu, sigma);
  }
  return exponentialMean(spec.exponential.mean);
}
