// The range scheduler: runs the trial ranges of one plan a few at a time (in-process or through a
// RangeRunner such as a worker pool) and merges them in trial order, so the result never depends on
// which range finished first. Ranges finished ahead of their turn wait, and their summaries are large
// for a large plan (per-risk sums: 64 MB at 600 000 risks), so how far ahead ranges may start is
// bounded by their bytes too (README.md, "Memory").
import type { SimulationPlan } from '../plan/plan.js';
import { Simulator } from '../simulate/run-batch.js';
import type { BatchSummary } from '../summary/batch-summary.js';
import { SummaryAccumulator } from '../summary/summary-accumulator.js';
import { TopK } from '../summary/top-k.js';
import { typedArrayBytes } from './plan-bytes.js';
import type { RangeRunner, RunOptions } from './run-options.js';

let nextRunId = 1;

/** Range summaries started ahead of the merge may hold about this many bytes beyond one per range in flight. */
export const AHEAD_BYTES = 256 * 1024 * 1024;

/**
 * Simulates `ranges` (consecutive) of one plan with up to `inFlight` ranges running at once, and
 * merges them in trial order. After each merge, `stop` may end the run; ranges beyond are dropped, so
 * the result depends only on the prefix merged. A failing range rejects naming its trials.
 */
export async function runRanges(
  plan: SimulationPlan,
  ranges: ReadonlyArray<readonly [number, number]>,
  tailKeep: number,
  opts: Pick<RunOptions, 'runRange' | 'inFlight'>,
  onMerged?: (acc: SummaryAccumulator) => boolean | void,
  /**
   * Whether runners may raise the floor with every loss they see in this run. Off when the run may
   * stop early: ranges simulated beyond the stop are not part of the result and must not count.
   */
  runnerFloors = true,
): Promise<SummaryAccumulator> {
  if (ranges.length === 0) throw new RangeError('runRanges: no ranges');
  let total = 0;
  for (const [, c] of ranges) total += c;
  const acc = new SummaryAccumulator(ranges[0]![0], total, plan.nRisks, plan.nFlows, tailKeep);
  let sim: Simulator | undefined;
  const seen = runnerFloors ? new TopK(tailKeep) : undefined;
  const run: RangeRunner = opts.runRange ?? ((p, first, count, tail, floor) => (sim ??= new Simulator(p)).runBatch(first, count, tail, floor, seen));
  const runId = runnerFloors ? nextRunId++ : 0;
  const inFlight = Math.max(1, opts.inFlight ?? 1);
  const pending: Array<Promise<BatchSummary> | undefined> = [];
  let next = 0;
  let running = 0;
  let merged = 0;
  let stopped = false;
  // ranges started beyond those merged: 4 × inFlight, fewer once the first summary shows they are
  // large (never fewer than inFlight + 1, so every runner stays busy while the next in order runs)
  let ahead = 4 * inFlight;
  let sized = false;
  const size = (part: BatchSummary) => {
    if (sized) return;
    sized = true;
    ahead = Math.max(inFlight + 1, Math.min(ahead, Math.floor(AHEAD_BYTES / Math.max(1, typedArrayBytes(part)))));
  };
  // keeps `inFlight` ranges running, starting a new one as soon as any finishes (not only the next
  // in order), with at most `ahead` ranges started and not yet merged
  const fill = () => {
    while (!stopped && running < inFlight && next < ranges.length && next < merged + ahead) start(next++);
  };
  const start = (i: number) => {
    const [first, count] = ranges[i]!;
    const floor = acc.floor(); // rises as ranges merge: later ranges keep fewer breakdowns
    running++;
    const p = Promise.resolve()
      .then(() => run(plan, first, count, tailKeep, floor, runId))
      .then((part) => {
        size(part);
        return part;
      })
      .catch((e: unknown) => {
        stopped = true; // the run has failed: start no further ranges
        throw new RangeFailure(first, count, e);
      })
      .finally(() => {
        running--;
        fill();
      });
    p.catch(() => {}); // observed below; this keeps an early failure from being "unhandled"
    pending[i] = p;
  };
  fill();
  for (let i = 0; i < ranges.length; i++) {
    const part = await pending[i]!;
    pending[i] = undefined;
    acc.add(part);
    merged = i + 1;
    if (onMerged?.(acc)) {
      stopped = true;
      break;
    }
    fill();
  }
  return acc;
}

/** A trial range whose simulation failed (in a worker or in-process). */
export class RangeFailure extends Error {
  constructor(
    readonly first: number,
    readonly count: number,
    readonly reason: unknown,
  ) {
    super(`simulating trials ${first}–${first + count - 1} failed: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}
