// The bench's limit: the plainest Monte Carlo of a compiled plan's risks (lognormal losses only) that
// still uses the engine's deterministic samplers. Per trial, N ~ Poisson(Λ) events of the superposed
// process (Λ = Σ effective rates), each one's risk picked by an alias table in O(1), its loss
// e^(μ+σZ) with the ziggurat normal and det-math exp, and one uniform per severity control. One
// sfc32 stream for the whole run: no per-risk streams (no common random numbers), no exact sums, no
// network, no tail breakdown. What the engine's guarantees cost is the distance to this (bench/README.md).
import type { SimulationPlan } from '../engine/plan/plan.js';
import { Rng } from '../engine/rng/rng.js';
import { exp } from '../engine/math/det-math.js';
import { DIST_LOGNORMAL, DIST_STRIDE } from '../engine/sampling/dist.js';
import { zigguratNormal } from '../engine/sampling/ziggurat.js';
import { aliasTable, type AliasTable } from './alias-table.js';

/** Poisson terms below this fraction of the largest one are left out of the count's table. */
const POISSON_CUT = 1e-18;

/** The risks of a plan as the superposition kernel reads them. */
export interface SuperpositionRisks {
  n: number;
  /** Λ: the expected events per trial after frequency controls (Σ riskGenRate × riskKeep). */
  lambda: number;
  /** The risk of an event, drawn in proportion to its effective rate (unused when Λ = 0). */
  riskTable: AliasTable;
  /** The count of events per trial: countFirst + a draw from countTable. */
  countFirst: number;
  countTable: AliasTable;
  mu: Float64Array;
  sigma: Float64Array;
  sevStart: Int32Array;
  sevFactor: Float64Array;
  sevReliability: Float64Array;
}

/**
 * Poisson(lambda) as an alias table over k = first .. first + n − 1: the probabilities computed by
 * the ratio recurrence outwards from the mode (P(k+1)/P(k) = λ/(k+1)), cut where a term falls below
 * 1e-18 of the mode's (the mass left out is far below 2^−32, the resolution of the draws), then
 * normalised. Inversion in O(1) per draw for any λ, where the engine's sequential search
 * (engine/sampling/poisson.ts) costs O(λ) steps with a division each.
 */
export function poissonTable(lambda: number): { first: number; table: AliasTable } {
  if (!(lambda >= 0 && lambda <= 1e6)) throw new RangeError(`poissonTable: lambda must be in [0, 1e6], got ${lambda}`);
  const mode = Math.floor(lambda);
  let first = mode;
  let last = mode;
  const down: number[] = [];
  for (let t = 1, k = mode; k > 0; k--) {
    t *= k / lambda; // P(k−1)/P(k) = k/λ
    if (t < POISSON_CUT) break;
    down.push(t);
    first = k - 1;
  }
  const up: number[] = [];
  for (let t = 1, k = mode; ; k++) {
    t *= lambda / (k + 1);
    if (t < POISSON_CUT) break;
    up.push(t);
    last = k + 1;
  }
  const weights = new Float64Array(last - first + 1);
  for (let i = 0; i < down.length; i++) weights[mode - 1 - i - first] = down[i]!;
  weights[mode - first] = 1;
  for (let i = 0; i < up.length; i++) weights[mode + 1 + i - first] = up[i]!;
  return { first, table: aliasTable(weights) };
}

/** Extracts the kernel's arrays from a plan whose losses are all lognormal. */
export function superpositionRisks(plan: SimulationPlan): SuperpositionRisks {
  const n = plan.nRisks;
  const rate = new Float64Array(n);
  const mu = new Float64Array(n);
  const sigma = new Float64Array(n);
  let lambda = 0;
  for (let r = 0; r < n; r++) {
    if (plan.riskLoss[r * DIST_STRIDE] !== DIST_LOGNORMAL) throw new Error(`superpositionRisks: risk ${r} has no lognormal loss`);
    rate[r] = plan.riskGenRate[r]! * plan.riskKeep[r]!; // the effective rate after frequency controls
    lambda += rate[r]!;
    mu[r] = plan.riskLoss[r * DIST_STRIDE + 1]!;
    sigma[r] = plan.riskLoss[r * DIST_STRIDE + 2]!;
  }
  const count = poissonTable(lambda);
  return {
    n,
    lambda,
    riskTable: aliasTable(lambda > 0 ? rate : [1]),
    countFirst: count.first,
    countTable: count.table,
    mu,
    sigma,
    sevStart: plan.sevStart,
    sevFactor: plan.sevFactor,
    sevReliability: plan.sevReliability,
  };
}

/**
 * Runs `trials` trials from one sfc32 stream seeded with `seed`; returns the per-trial losses, adds
 * per-risk loss sums into `riskSum` and, when given, writes each trial's event count into `counts`.
 * Nothing is allocated per trial; the alias picks are written out on local arrays.
 */
export function superpositionKernel(s: SuperpositionRisks, trials: number, seed: number, riskSum = new Float64Array(s.n), counts?: Int32Array): Float64Array {
  const { mu, sigma, sevStart, sevFactor, sevReliability, countFirst } = s;
  const { columnScale: countScale, keep: countKeep, alias: countAlias } = s.countTable;
  const { columnScale: riskScale, keep: riskKeep, alias: riskAlias } = s.riskTable;
  const rng = new Rng(seed | 0, 0x9e3779b9, 0x243f6a88, 1);
  const losses = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    const c = (rng.nextU32() * countScale) | 0;
    const events = countFirst + (rng.nextU32() < countKeep[c]! ? c : countAlias[c]!);
    let total = 0;
    for (let e = 0; e < events; e++) {
      let r = (rng.nextU32() * riskScale) | 0;
      if (rng.nextU32() >= riskKeep[r]!) r = riskAlias[r]!;
      let loss = exp(mu[r]! + sigma[r]! * zigguratNormal(rng));
      for (let q = sevStart[r]!, qe = sevStart[r + 1]!; q < qe; q++) if (rng.next() < sevReliability[q]!) loss *= sevFactor[q]!;
      total += loss;
      riskSum[r]! += loss;
    }
    losses[trial] = total;
    if (counts !== undefined) counts[trial] = events;
  }
  return losses;
}
