// piscina worker entry: simulates one trial range of a plan with the engine's RangeWorker (the same
// one the explorer's Web Workers use) and moves the summary's typed arrays back to the main thread
// (no arrays of objects cross the thread boundary). The plan arrives in shared memory; each worker
// copies it once into its own memory and keeps its Simulator for the next ranges — unless the plan is
// large: then the worker simulates on the shared memory itself and lets its Simulator go after each
// range, so a worker never holds a second copy of a large plan, nor anything of it while idle
// (README.md, "Memory").
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { SimulationPlan } from '../plan/plan.js';
import { collectGarbage } from '../io/collect-garbage.js';
import { planBytes } from '../run/plan-bytes.js';
import { RangeWorker } from '../run/range-worker.js';
import { localPlan } from './share-plan.js';
import { transferList } from '../summary/summary-transfer.js';

/**
 * A plan above this many bytes is simulated in shared memory, not copied, and its Simulator made anew
 * for each range: that takes well under a second at 100 MB, next to the minute such a plan's range
 * runs, and the kernel ran as fast on a 100k-site plan in shared memory as on a copy (measured on
 * Node 20; small plans are copied, see localPlan).
 */
export const KEEP_WORKER_PLAN_BYTES = 32 * 1024 * 1024;
/** The test suite's hook: every plan above this many bytes counts as large (CHAINWARD_TEST_KEEP_PLAN_BYTES). */
const keepBytes = process.env.CHAINWARD_TEST_KEEP_PLAN_BYTES ? Number(process.env.CHAINWARD_TEST_KEEP_PLAN_BYTES) : KEEP_WORKER_PLAN_BYTES;

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

/** Simulates one range; the packed summary goes back with its typed arrays moved, not copied. */
export default function runRange(task: RangeTask): ReturnType<typeof move> {
  const holds = (t: number | undefined) => t !== undefined && task.first <= t && t < task.first + task.count;
  if (holds(task.failAtTrial)) throw new Error(`test hook: range starting at trial ${task.first} failed`);
  if (holds(task.crashAtTrial)) process.exit(3);
  let keep = true;
  if (!worker.has(task.planKey)) {
    keep = planBytes(task.plan) <= keepBytes;
    worker.load(task.planKey, keep ? localPlan(task.plan) : task.plan);
  }
  let packed;
  try {
    packed = worker.run(task.planKey, task.first, task.count, task.tailSize, task.tailFloor, task.runKey || undefined);
  } finally {
    if (!keep) {
      worker.forget([task.planKey]);
      // the worker's heap is tiny and rarely collected: until it is, the let-go Simulator keeps its
      // arrays and the plan's shared memory alive
      collectGarbage();
    }
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
