// piscina worker entry: simulates one trial range of a plan with the engine's RangeWorker (the same
// one the explorer's Web Workers use) and moves the summary's typed arrays back to the main thread
// (no arrays of objects cross the thread boundary). The plan arrives in shared memory; each worker
// copies it once into its own memory and keeps its Simulator for the next ranges — unless the plan is
// large: then the copy is let go after each range, so an idle worker holds no large plan while the
// main thread compiles the next one or builds the results (README.md, "Memory").
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { SimulationPlan } from '../plan/plan.js';
import { planBytes } from '../run/plan-bytes.js';
import { RangeWorker } from '../run/range-worker.js';
import { localPlan } from './share-plan.js';
import { transferList } from '../summary/summary-transfer.js';

/**
 * A plan above this many bytes is copied anew for each range instead of kept: the copy and a new
 * Simulator take a few hundred milliseconds at 100 MB, next to the minute such a plan's range runs.
 */
export const KEEP_WORKER_PLAN_BYTES = 32 * 1024 * 1024;

export interface RangeTask {
  planKey: string;
  plan: SimulationPlan;
  first: number;
  count: number;
  tailSize: number;
  tailFloor: number;
  /** The run the range belongs to (the largest losses this worker saw for it raise the floor); "" for none. */
  runKey: string;
  /** Test hook: the range holding this trial throws. */
  failAtTrial?: number;
  /** Test hook: the range holding this trial ends the worker thread abruptly. */
  crashAtTrial?: number;
}

const worker = new RangeWorker<string, string>({ maxPlans: 4, maxRuns: 8 });

export default function runRange(task: RangeTask) {
  const holds = (t: number | undefined) => t !== undefined && task.first <= t && t < task.first + task.count;
  if (holds(task.failAtTrial)) throw new Error(`test hook: range starting at trial ${task.first} failed`);
  if (holds(task.crashAtTrial)) process.exit(3);
  let keep = true;
  if (!worker.has(task.planKey)) {
    const own = localPlan(task.plan);
    keep = planBytes(own) <= KEEP_WORKER_PLAN_BYTES;
    worker.load(task.planKey, own);
  }
  let packed;
  try {
    packed = worker.run(task.planKey, task.first, task.count, task.tailSize, task.tailFloor, task.runKey || undefined);
  } finally {
    if (!keep) worker.forget([task.planKey]);
  }
  const buffers = transferList(packed);
  return move({
    get [transferableSymbol]() {
      return buffers;
    },
    get [valueSymbol]() {
      return packed;
    },
  } as never);
}
