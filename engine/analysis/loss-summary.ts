// The Summary of a run from a merged BatchSummary: moments, quantiles and tail measures, each
// headline figure with its 95 % interval (docs/results-format.md, "Summary").
import { quantileSorted } from 'simple-statistics';
import { exp, log } from '../math/det-math.js';
import type { BatchSummary } from '../summary/batch-summary.js';
import { tailSizeFor } from '../summary/batch-summary.js';
import type { Summary } from '../results/schema.js';

/** The standard normal's 97.5 % point: a 95 % two-sided interval is ± Z95 standard errors. */
export const Z95 = 1.959963984540054;

/** Losses sorted ascending (a copy). */
export function sortedLosses(s: BatchSummary): Float64Array {
  return Float64Array.from(s.losses).sort();
}

/** Mean of the worst ⌈(1 − level)·N⌉ trials: the CVaR at `level` (ties beyond p95 resolved by count). */
export function cvar(sorted: Float64Array, level: number): number {
  const k = tailSizeFor(sorted.length, level);
  let sum = 0;
  for (let i = sorted.length - k; i < sorted.length; i++) sum += sorted[i]!;
  return sum / k;
}

/**
 * A distribution-free 95 % interval for the p-quantile from the order statistics: the number of
 * trials below the true quantile is Binomial(n, p), so [x₍ₗ₎, x₍ᵤ₎] with l, u = np ∓ Z95·√(np(1 − p))
 * (rounded outwards, clipped to 1..n) covers it with about 95 % probability.
 */
export function quantileCi95(sorted: Float64Array, p: number): [number, number] {
  const n = sorted.length;
  if (n === 0) return [0, 0];
  const half = Z95 * Math.sqrt(n * p * (1 - p));
  const l = Math.max(1, Math.floor(n * p - half));
  const u = Math.min(n, Math.ceil(n * p + half) + 1);
  return [sorted[l - 1]!, sorted[u - 1]!];
}

/**
 * A 95 % interval for the CVaR at `level` (mean of the worst β = 1 − level of trials): the estimate
 * ± Z95 standard errors, the standard error being √(Var((X − q)⁺) / n) / β with q the tail's
 * threshold — the variance of CVaR's influence function (asymptotically normal for a finite variance).
 */
export function cvarCi95(sorted: Float64Array, level: number): [number, number] {
  const n = sorted.length;
  const k = tailSizeFor(n, level);
  const c = cvar(sorted, level);
  if (n < 2) return [c, c];
  const q = sorted[n - k]!;
  let sum = 0;
  for (let i = n - k; i < n; i++) sum += sorted[i]! - q;
  const mean = sum / n;
  let ss = 0;
  for (let i = n - k; i < n; i++) {
    const y = sorted[i]! - q - mean;
    ss += y * y;
  }
  ss += (n - k) * mean * mean; // the trials below q, where (x − q)⁺ = 0
  const beta = k / n;
  const se = Math.sqrt(ss / (n - 1) / n) / beta;
  return [c - Z95 * se, c + Z95 * se];
}

/**
 * Summarises a run. Mean and variance are summed in trial order (Welford would give other bits
 * for other orders; the per-trial array is the same for any split, so this is reproducible).
 */
export function lossSummary(s: BatchSummary, sorted: Float64Array, horizonDays: number, nFlows: number, cutDays: number): Summary {
  const n = s.count;
  let sum = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    sum += s.losses[i]!;
    if (s.losses[i]! > 0) positive++;
  }
  const eal = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = s.losses[i]! - eal;
    ss += d * d; // not d ** 2: a product is the same bits on every engine
  }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const se = sd / Math.sqrt(n);
  const q = (p: number) => quantileSorted(sorted as unknown as number[], p);
  return {
    eal,
    sd,
    se,
    ci95: [eal - Z95 * se, eal + Z95 * se],
    p50: q(0.5),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    var95: q(0.95),
    cvar95: cvar(sorted, 0.95),
    cvar99: cvar(sorted, 0.99),
    var95Ci95: quantileCi95(sorted, 0.95),
    p99Ci95: quantileCi95(sorted, 0.99),
    cvar95Ci95: cvarCi95(sorted, 0.95),
    cvar99Ci95: cvarCi95(sorted, 0.99),
    pAnyLoss: positive / n,
    max: sorted[n - 1] ?? 0,
    directEal: s.money.get(0) / n,
    interruptionEal: s.money.get(1) / n,
    rerouteEal: s.money.get(2) / n,
    serviceLevel: nFlows === 0 ? 1 : 1 - cutDays / n / (nFlows * horizonDays),
  };
}

/** The loss exceedance curve: P(loss ≥ x) at `points` losses log-spaced from the smallest positive loss to the largest. */
export function lossExceedance(sorted: Float64Array, points = 60): Array<{ loss: number; probability: number }> {
  const n = sorted.length;
  const out: Array<{ loss: number; probability: number }> = [];
  let firstPositive = 0;
  while (firstPositive < n && sorted[firstPositive]! <= 0) firstPositive++;
  out.push({ loss: 0, probability: 1 });
  if (firstPositive === n) {
    for (let i = 1; i < points; i++) out.push({ loss: i, probability: 0 });
    return out;
  }
  const lo = log(sorted[firstPositive]!);
  const hi = log(sorted[n - 1]!);
  for (let i = 0; i < points - 1; i++) {
    const x = exp(lo + ((hi - lo) * i) / Math.max(1, points - 2));
    // first index with sorted[idx] >= x
    let a = firstPositive;
    let b = n;
    while (a < b) {
      const m = (a + b) >> 1;
      if (sorted[m]! < x) a = m + 1;
      else b = m;
    }
    out.push({ loss: x, probability: (n - a) / n });
  }
  return out;
}
