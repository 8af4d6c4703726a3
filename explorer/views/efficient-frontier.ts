// The efficient frontier of treatments: the points no other point beats on both cost and loss avoided.
// A pure helper for the treatments view; it draws nothing and ignores points with non-finite values.

/** What the frontier compares: yearly cost (lower is better) and expected annual loss avoided (higher is better). */
export interface CostReduction {
  annualCost: number;
  reduction: number;
}

/**
 * The non-dominated points, sorted by cost ascending. A point is dominated when another costs no
 * more and avoids no less, and is strictly better on one of the two. Points tied on both stay
 * together (neither dominates the other). O(n log n): sort by cost, then sweep keeping the best
 * reduction seen at a strictly lower cost.
 */
export function efficientFrontier<T extends CostReduction>(points: readonly T[]): T[] {
  const sorted = points
    .filter((p) => Number.isFinite(p.annualCost) && Number.isFinite(p.reduction))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.annualCost - b.p.annualCost || b.p.reduction - a.p.reduction || a.i - b.i);
  const out: T[] = [];
  let bestBelow = -Infinity; // best reduction among points of strictly lower cost
  let g = 0;
  while (g < sorted.length) {
    const cost = sorted[g]!.p.annualCost;
    const top = sorted[g]!.p.reduction; // the group's best: sorted by reduction descending
    let end = g;
    while (end < sorted.length && sorted[end]!.p.annualCost === cost) {
      const p = sorted[end]!.p;
      if (p.reduction === top && top > bestBelow) out.push(p);
      end++;
    }
    if (top > bestBelow) bestBelow = top;
    g = end;
  }
  return out;
}
