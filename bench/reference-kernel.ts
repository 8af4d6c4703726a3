// A hand-written flat-array Monte Carlo loop over the same risks as a compiled plan, as a yardstick
// for the engine's kernel: per trial, one Poisson inversion per risk (exp(−λ) precomputed), an sfc32
// generator, polar-method normals for lognormal losses and one uniform per severity control.
// It has no network, no per-risk streams (no common random numbers) and no tail breakdown.
import type { SimulationPlan } from '../engine/plan/plan.js';
import { DIST_LOGNORMAL, DIST_STRIDE } from '../engine/sampling/dist.js';

/** The risks of a plan as the reference loop reads them (lognormal losses only). */
export interface ReferenceRisks {
  n: number;
  lambda: Float64Array;
  expNegLambda: Float64Array;
  mu: Float64Array;
  sigma: Float64Array;
  sevStart: Int32Array;
  sevFactor: Float64Array;
  sevReliability: Float64Array;
}

/** Extracts the reference loop's arrays from a plan whose losses are all lognormal amounts. */
export function referenceRisks(plan: SimulationPlan): ReferenceRisks {
  const n = plan.nRisks;
  const lambda = new Float64Array(n);
  const expNegLambda = new Float64Array(n);
  const mu = new Float64Array(n);
  const sigma = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    if (plan.riskLoss[r * DIST_STRIDE] !== DIST_LOGNORMAL) throw new Error(`referenceRisks: risk ${r} has no lognormal loss`);
    lambda[r] = plan.riskGenRate[r]! * plan.riskKeep[r]!; // the effective rate after frequency controls
    expNegLambda[r] = Math.exp(-lambda[r]!);
    mu[r] = plan.riskLoss[r * DIST_STRIDE + 1]!;
    sigma[r] = plan.riskLoss[r * DIST_STRIDE + 2]!;
  }
  return { n, lambda, expNegLambda, mu, sigma, sevStart: plan.sevStart, sevFactor: plan.sevFactor, sevReliability: plan.sevReliability };
}

/**
 * Runs `trials` trials; returns the per-trial losses (and adds per-risk loss sums into `riskSum`).
 * The sfc32 steps are written out inline on local variables: no calls, no object fields in the loop.
 */
export function referenceKernel(risks: ReferenceRisks, trials: number, seed: number, riskSum = new Float64Array(risks.n)): Float64Array {
  const { n, lambda, expNegLambda, mu, sigma, sevStart, sevFactor, sevReliability } = risks;
  const losses = new Float64Array(trials);
  const U32 = 2.3283064365386963e-10; // 2^-32
  let a = seed | 0;
  let b = 0x9e3779b9 | 0;
  let c = 0x243f6a88 | 0;
  let d = 1;
  let t = 0;
  for (let i = 0; i < 12; i++) {
    t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
  }
  let spare = 0;
  let hasSpare = false;
  for (let trial = 0; trial < trials; trial++) {
    let total = 0;
    for (let r = 0; r < n; r++) {
      // Poisson by inversion of the CDF, from one uniform
      t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      const u = (t >>> 0) * U32;
      let p = expNegLambda[r]!;
      if (u <= p) continue;
      const l = lambda[r]!;
      let cdf = p;
      let k = 0;
      while (u > cdf && k < 1000) {
        k++;
        p *= l / k;
        cdf += p;
      }
      for (let j = 0; j < k; j++) {
        // Marsaglia's polar method: two normals per accepted pair
        let z: number;
        if (hasSpare) {
          z = spare;
          hasSpare = false;
        } else {
          let x: number, y: number, s: number;
          do {
            t = (((a + b) | 0) + d) | 0;
            d = (d + 1) | 0;
            a = b ^ (b >>> 9);
            b = (c + (c << 3)) | 0;
            c = (c << 21) | (c >>> 11);
            c = (c + t) | 0;
            x = 2 * (t >>> 0) * U32 - 1;
            t = (((a + b) | 0) + d) | 0;
            d = (d + 1) | 0;
            a = b ^ (b >>> 9);
            b = (c + (c << 3)) | 0;
            c = (c << 21) | (c >>> 11);
            c = (c + t) | 0;
            y = 2 * (t >>> 0) * U32 - 1;
            s = x * x + y * y;
          } while (s >= 1 || s === 0);
          const m = Math.sqrt((-2 * Math.log(s)) / s);
          z = x * m;
          spare = y * m;
          hasSpare = true;
        }
        let loss = Math.exp(mu[r]! + sigma[r]! * z);
        for (let q = sevStart[r]!, qe = sevStart[r + 1]!; q < qe; q++) {
          t = (((a + b) | 0) + d) | 0;
          d = (d + 1) | 0;
          a = b ^ (b >>> 9);
          b = (c + (c << 3)) | 0;
          c = (c << 21) | (c >>> 11);
          c = (c + t) | 0;
          if ((t >>> 0) * U32 < sevReliability[q]!) loss *= sevFactor[q]!;
        }
        total += loss;
        riskSum[r]! += loss;
      }
    }
    losses[trial] = total;
  }
  return losses;
}
