// Poisson counts by inversion (sequential search from 0; Devroye 1986, §X.3.2), exact for any mean
// by summing independent chunks of mean ≤ 30; the zero-truncated Poisson; and geometric gaps by inversion.
import type { Rng } from '../rng/rng.js';
import { exp, expm1, log } from '../math/det-math.js';

/** Largest mean sampled by a single sequential search; larger means are split into chunks. */
const CHUNK = 30;
const EXP_NEG_CHUNK = exp(-CHUNK);

/** The smallest k ≥ k0 whose running CDF exceeds u, starting from P(k0) = pk0 (probabilities scaled alike). */
function searchFrom(u: number, lambda: number, k0: number, pk0: number): number {
  let k = k0;
  let pk = pk0;
  let cdf = pk0;
  // pk > 0 guarantees termination if rounding leaves the running CDF a few ulps short of 1.
  while (u >= cdf && pk > 0) {
    k++;
    pk *= lambda / k;
    cdf += pk;
  }
  return k;
}

/** Sequential-search inversion for Poisson(lambda), 0 < lambda ≤ 30, given p0 = e^−lambda. */
function poissonSearch(rng: Rng, lambda: number, p0: number): number {
  return searchFrom(rng.next(), lambda, 0, p0);
}

/**
 * A Poisson(lambda) count. Inversion for lambda ≤ 30 (one uniform); above that, the sum of independent
 * inversions of chunks of mean ≤ 30, which is exact (Poisson is closed under convolution) and costs O(lambda).
 * Returns 0 for lambda = 0 and NaN for a negative, infinite or NaN lambda.
 */
export function samplePoisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0 && lambda < Infinity)) return lambda === 0 ? 0 : NaN;
  let n = 0;
  let rest = lambda;
  while (rest > CHUNK) {
    n += poissonSearch(rng, CHUNK, EXP_NEG_CHUNK);
    rest -= CHUNK;
  }
  return n + poissonSearch(rng, rest, exp(-rest));
}

/**
 * A Poisson(lambda) count conditional on being ≥ 1. For lambda ≤ 30, inversion with u uniform on
 * (e^−λ, 1): equivalently, a search from k = 1 over the renormalised probabilities
 * P(k)/(1 − e^−λ), which keeps full precision for tiny lambda. Above 30, rejection on samplePoisson
 * (P(0) < 1e-13). Returns 1 (the limit) for lambda = 0 and NaN for a negative, infinite or NaN lambda.
 */
export function sampleZeroTruncatedPoisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0 && lambda < Infinity)) return lambda === 0 ? 1 : NaN;
  if (lambda > CHUNK) {
    let n = samplePoisson(rng, lambda);
    while (n === 0) n = samplePoisson(rng, lambda);
    return n;
  }
  return searchFrom(rng.next(), lambda, 1, zeroTruncatedP1(lambda));
}

/** P(N = 1 | N ≥ 1) for N ~ Poisson(lambda): λe^−λ/(1 − e^−λ), the start of the zero-truncated search. */
export function zeroTruncatedP1(lambda: number): number {
  return (lambda * exp(-lambda)) / -expm1(-lambda);
}

/**
 * sampleZeroTruncatedPoisson for 0 < lambda ≤ 30 with p1 = zeroTruncatedP1(lambda) precomputed: the
 * same draw from the same uniform, without an exp per call (for the trial kernel).
 */
export function sampleZeroTruncatedPoissonP1(rng: Rng, lambda: number, p1: number): number {
  return searchFrom(rng.next(), lambda, 1, p1);
}

/** Largest lambda sampleZeroTruncatedPoissonP1 accepts. */
export const ZERO_TRUNCATED_SEARCH_MAX = CHUNK;

/**
 * The number of failures before the first success in Bernoulli(p) trials, by inversion:
 * floor(log(U)/log(1 − p)) with U = rng.nextOpen(). The caller passes log(1 − p) precomputed
 * (e.g. log1p(-p) from det-math). Returns +Infinity for p = 0 (logOneMinusP = 0) and 0 for p = 1
 * (logOneMinusP = −Infinity), drawing nothing in those two cases.
 */
export function sampleGeometricGap(rng: Rng, logOneMinusP: number): number {
  if (logOneMinusP === 0) return Infinity;
  if (logOneMinusP === -Infinity) return 0;
  return Math.floor(log(rng.nextOpen()) / logOneMinusP);
}

/** The mean of Poisson(l): l. */
export function poissonMean(l: number): number {
  return l;
}

/**
 * P(N ≤ k) for N ~ Poisson(lambda), summed around the largest term in scaled form so it neither
 * underflows for large lambda nor loses precision. Not for hot loops (O(k + lambda) work).
 */
export function poissonCdf(k: number, lambda: number): number {
  if (Number.isNaN(k) || !(lambda >= 0)) return NaN;
  if (k < 0) return 0;
  if (lambda === 0 || k === Infinity) return 1;
  if (lambda === Infinity) return 0;
  const kk = Math.floor(k);
  // Anchor at the largest term within [0, kk]: m = min(kk, floor(lambda)).
  const m = Math.min(kk, Math.floor(lambda));
  let logFact = 0;
  for (let i = 2; i <= m; i++) logFact += log(i);
  const logAnchor = -lambda + m * log(lambda) - logFact;
  // Sum terms relative to the anchor: downwards to 0, then upwards to kk.
  let sum = 1;
  let t = 1;
  for (let i = m; i >= 1; i--) {
    t *= i / lambda;
    sum += t;
    if (t < 1e-17 * sum) break;
  }
  t = 1;
  for (let i = m + 1; i <= kk; i++) {
    t *= lambda / i;
    sum += t;
    if (t < 1e-17 * sum) break;
  }
  return Math.min(1, exp(logAnchor + log(sum)));
}
