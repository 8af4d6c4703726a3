// Walker's alias method (A. J. Walker, ACM TOMS 3(3), 1977), built by Vose's numerically stable
// O(n) algorithm (M. D. Vose, IEEE TSE 17(9), 1991): after set-up, an index i is drawn with
// probability w_i / Σw in O(1) — one 32-bit draw picks a column, a second keeps it or takes its alias.
import type { Rng } from '../engine/rng/rng.js';

/** 2^32: a column's keep probability is stored on the scale of an unsigned 32-bit draw. */
const TWO_POW_32 = 4294967296;

/** An alias table over n outcomes. */
export interface AliasTable {
  n: number;
  /** n × 2^−32: an unsigned 32-bit draw times this, truncated, is a uniform column in [0, n). */
  columnScale: number;
  /** Column i yields i when the second draw (an unsigned 32-bit integer) is below keep[i], else alias[i]. */
  keep: Float64Array;
  alias: Int32Array;
}

/** The alias table of `weights` (finite, ≥ 0, with a positive sum). */
export function aliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w < Infinity)) throw new RangeError(`aliasTable: weight ${i} must be finite and ≥ 0, got ${w}`);
    total += w;
  }
  if (!(total > 0 && total < Infinity)) throw new RangeError(`aliasTable: the weights must have a positive finite sum, got ${total}`);
  const p = new Float64Array(n); // each column's share scaled so that the mean is 1
  for (let i = 0; i < n; i++) p[i] = (weights[i]! * n) / total;
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    if (p[i]! < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  const keep = new Float64Array(n);
  const alias = new Int32Array(n);
  while (ns > 0 && nl > 0) {
    const s = small[--ns]!;
    const g = large[--nl]!;
    keep[s] = p[s]! * TWO_POW_32;
    alias[s] = g;
    p[g] = p[g]! + p[s]! - 1; // Vose's order of operations: the rounding error stays small
    if (p[g]! < 1) small[ns++] = g;
    else large[nl++] = g;
  }
  // what is left is 1 up to rounding: such a column always yields itself
  while (nl > 0) {
    const g = large[--nl]!;
    keep[g] = TWO_POW_32;
    alias[g] = g;
  }
  while (ns > 0) {
    const s = small[--ns]!;
    keep[s] = TWO_POW_32;
    alias[s] = s;
  }
  return { n, columnScale: n / TWO_POW_32, keep, alias };
}

/** One index drawn from `t` (two 32-bit draws). Hot loops write these two lines out instead. */
export function aliasPick(t: AliasTable, rng: Rng): number {
  const column = (rng.nextU32() * t.columnScale) | 0;
  return rng.nextU32() < t.keep[column]! ? column : t.alias[column]!;
}
