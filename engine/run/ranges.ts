// The fixed trial ranges a run is cut into: the unit of work for threads, shards and progress. The cut
// depends on the trial count only, never on the number of workers, so any split gives the same bytes.

/** Trials per unit of work. Fixed, so the split never depends on the number of workers. */
export const RANGE_TRIALS = 2048;
/** With a target standard error, at least this many trials are run before stopping. */
export const MIN_TRIALS_FOR_TARGET = 4 * RANGE_TRIALS;

/** The fixed trial ranges [first, count] covering `trials`. */
export function trialRanges(trials: number, rangeTrials = RANGE_TRIALS): Array<[number, number]> {
  if (!(Number.isInteger(rangeTrials) && rangeTrials >= 1)) throw new RangeError(`trialRanges: rangeTrials must be a positive integer, got ${rangeTrials}`);
  const out: Array<[number, number]> = [];
  for (let first = 0; first < trials; first += rangeTrials) out.push([first, Math.min(rangeTrials, trials - first)]);
  return out;
}

/** The contiguous share of `ranges` that shard `index` of `count` (1-based) runs. */
export function shardRanges<T>(ranges: readonly T[], index: number, count: number): T[] {
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 1 && index <= count)) {
    throw new RangeError(`shardRanges: expected 1 ≤ index ≤ count, got ${index}/${count}`);
  }
  return ranges.slice(Math.floor(((index - 1) * ranges.length) / count), Math.floor((index * ranges.length) / count));
}
