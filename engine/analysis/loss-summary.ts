// The Summary of SPEC §3 from a merged BatchSummary: moments, quantiles, tail measures.
import { quantileSorted } from 'simple-statistics';
import { exp, log } from '../sampling/det-math.js';
import type { BatchSummary } from '../summary/batch-summary.js';
import { tailSizeFor } from '../summary/batch-summary.js';

export interface Summary {
  eal: number;
  sd: number;
  se: number;
  ci95: [number, number];
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  var95: number;
  cvar95: number;
  cvar99: number;
  pAnyLoss: number;
  max: number;
  directEal: number;
  interruptionEal: number;
  serviceLevel: number;
}

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
    ci95: [eal - 1.959963984540054 * se, eal + 1.959963984540054 * se],
    p50: q(0.5),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    var95: q(0.95),
    cvar95: cvar(sorted, 0.95),
    cvar99: cvar(sorted, 0.99),
    pAnyLoss: positive / n,
    max: sorted[n - 1] ?? 0,
    directEal: s.money.get(0) / n,
    interruptionEal: s.money.get(1) / n,
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
