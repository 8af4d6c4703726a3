// Suggests the closest known word for a misspelt key, id, option or command (edit distance with
// transpositions: `--trails` and `rnu` are one typo from `--trials` and `run`).
//
// The work is bounded (README.md, "The scenario format", the paragraph "Did-you-mean"): no
// suggestion for a word longer than MAX_SUGGESTED_LENGTH, candidates whose length alone puts them
// too far are skipped, the distance is computed in a band and given up as soon as a row exceeds the
// best distance so far, and a Suggester stops suggesting once it has spent its budget, so that a
// scenario with thousands of unknown references against thousands of ids still validates at once.

/** Words longer than this get no suggestion (ids are at most 200 characters; typos are short). */
export const MAX_SUGGESTED_LENGTH = 64;

/** Work (distance cells plus candidates looked at) one Suggester may spend: about a tenth of a second. */
export const SUGGESTION_BUDGET = 10_000_000;

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbouring
 * letters as one edit (optimal string alignment), over three rolling rows.
 */
export function editDistance(a: string, b: string): number {
  return editDistanceWithin(a, b, Math.max(a.length, b.length));
}

/**
 * editDistance(a, b) when it is at most `limit`, otherwise `limit + 1`. Only the cells within `limit`
 * of the diagonal are computed, and it stops at the first row whose every cell exceeds `limit` (no
 * later row can be smaller). `meter.cells` counts the cells computed.
 */
export function editDistanceWithin(a: string, b: string, limit: number, meter?: { cells: number }): number {
  const big = limit + 1;
  const m = b.length;
  if (Math.abs(a.length - m) > limit) return big;
  if (limit === 0) {
    if (meter) meter.cells += 1;
    return a === b ? 0 : 1;
  }
  // three rolling rows in one reused buffer (rows i - 2, i - 1 and i)
  if (scratch.length < 3 * (m + 2)) scratch = new Int32Array(3 * (m + 2) * 2);
  const buf = scratch;
  const w = m + 2;
  let before = 0;
  let prev = w;
  let row = 2 * w;
  buf.fill(big, 0, 3 * w);
  for (let j = 0; j <= Math.min(m, limit); j++) buf[prev + j] = j;
  let cells = 0;
  let result = -1;
  for (let i = 1; i <= a.length && result < 0; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(m, i + limit);
    buf[row + lo - 1] = lo === 1 ? i : big; // the left edge of the band (column 0: i deletions)
    buf[row + hi + 1] = big; // the right edge, read by the next row
    let rowMin = buf[row + lo - 1]!;
    const ai = a.charCodeAt(i - 1);
    const ai1 = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = Math.min(buf[prev + j]! + 1, buf[row + j - 1]! + 1, buf[prev + j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && ai1 === bj) best = Math.min(best, buf[before + j - 2]! + 1);
      if (best > big) best = big;
      buf[row + j] = best;
      if (best < rowMin) rowMin = best;
    }
    cells += hi - lo + 1;
    [before, prev, row] = [prev, row, before];
    if (rowMin > limit) result = big;
  }
  if (meter) meter.cells += cells;
  return result >= 0 ? result : Math.min(buf[prev + m]!, big);
}

let scratch = new Int32Array(256);

/**
 * Suggestions sharing one budget of work: a validation makes one and asks it for every unknown
 * reference; once the budget is spent it suggests nothing more.
 */
export class Suggester {
  /** Work spent: distance cells computed plus candidates looked at. */
  work = 0;
  constructor(readonly budget = SUGGESTION_BUDGET) {}

  /** The closest candidate within a third of the word's length (at least 1 edit, fewer than its length), or undefined. */
  didYouMean(word: string, candidates: Iterable<string>): string | undefined {
    const w = word.toLowerCase();
    if (w.length > MAX_SUGGESTED_LENGTH || this.work >= this.budget) return undefined;
    let best: string | undefined;
    let bestDistance = Math.min(Math.max(1, Math.floor(w.length / 3)), w.length - 1) + 1;
    const meter = { cells: 0 };
    for (const c of candidates) {
      if (bestDistance === 0) break;
      this.work++;
      const limit = bestDistance - 1;
      if (c.length > w.length + limit) continue; // lower case is never shorter
      const lc = c.toLowerCase();
      if (Math.abs(lc.length - w.length) > limit) continue;
      meter.cells = 0;
      const d = editDistanceWithin(w, lc, limit, meter);
      this.work += meter.cells;
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
      if (this.work >= this.budget) return undefined; // out of budget: no half-searched answer
    }
    return best;
  }

  /** " (did you mean "x"?)" or "". */
  suggestion(word: string, candidates: Iterable<string>): string {
    const s = this.didYouMean(word, candidates);
    return s === undefined ? '' : ` (did you mean "${s}"?)`;
  }
}

/** The closest candidate within a third of the word's length (at least 1 edit, fewer than its length), or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  return new Suggester().didYouMean(word, candidates);
}

/** " (did you mean "x"?)" or "". */
export function suggestion(word: string, candidates: Iterable<string>): string {
  return new Suggester().suggestion(word, candidates);
}
