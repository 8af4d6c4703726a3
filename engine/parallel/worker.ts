// piscina worker entry: simulates one trial range of a plan with the engine's RangeWorker (the same
// one the explorer's Web Workers use) and moves the summary's typed arrays back to the main thread
// (no arrays of objects cross the thread boundary). The plan arrives in shared memory; each worker
// copies it once into its own memory and keeps its Simulator for the next ranges — unless the plan is
// large: then the worker simulates on the shared memory itself, keeps that one Simulator only while
// the plan's ranges keep coming (its route cache and grown buffers are worth a fifth of a 100k-site
// range) and lets it go as soon as the pool says the plan has no range left, or another plan comes, so
// a worker never holds a second copy of a large plan, nor anything of it while idle (README.md, "Memory").
import { BroadcastChannel } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
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

/** The large plan whose Simulator this worker keeps between ranges, if any. */
let largeKey: string | undefined;

function dropLarge(): void {
  if (largeKey === undefined) return;
  worker.forget([largeKey]);
  largeKey = undefined;
  // the worker's heap is tiny and rarely collected: until it is, the let-go Simulator keeps its
  // arrays and the plan's shared memory alive
  collectGarbage();
}

/** The pool's word that a plan has no range left (its key); without it, a large plan is let go after each range. */
const releaseName = (workerData as { releaseChannel?: unknown } | undefined)?.releaseChannel;
const release = typeof releaseName === 'string' ? new BroadcastChannel(releaseName) : undefined;
if (release) {
  release.onmessage = (e) => {
    if ((e as { data?: unknown }).data === largeKey) dropLarge();
  };
  release.unref();
}

/** Simulates one range; the packed summary goes back with its typed arrays moved, not copied. */
export default function runRange(task: RangeTask): ReturnType<typeof move> {
  const holds = (t: number | undefined) => t !== undefined && task.first <= t && t < task.first + task.count;
  if (holds(task.failAtTrial)) throw new Error(`test hook: range starting at trial ${task.first} failed`);
  if (holds(task.crashAtTrial)) process.exit(3);
  if (largeKey !== undefined && largeKey !== task.planKey) dropLarge();
  if (!worker.has(task.planKey)) {
    const keep = planBytes(task.plan) <= keepBytes;
    worker.load(task.planKey, keep ? localPlan(task.plan) : task.plan);
    if (!keep) largeKey = task.planKey;
  }
  let packed;
  try {
    packed = worker.run(task.planKey, task.first, task.count, task.tailSize, task.tailFloor, task.runKey || undefined);
  } catch (e) {
    dropLarge();
    throw e;
  }
  if (!release) dropLarge();
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
