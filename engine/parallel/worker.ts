// piscina worker entry: simulates one trial range of a plan and moves the summary's typed arrays
// back to the main thread (no arrays of objects cross the thread boundary). The plan arrives in
// shared memory; each worker copies it once into its own memory and keeps its Simulator for the
// next ranges, and keeps the largest losses it has seen per run to prune the tail breakdown.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { SimulationPlan } from '../plan/plan.js';
import { Simulator } from '../simulate/run-batch.js';
import { TopKByRun } from '../summary/top-k.js';
import { localPlan } from './share-plan.js';
import { toTransfer, transferList } from '../summary/summary-transfer.js';

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

const simulators = new Map<string, Simulator>();
const seenByRun = new TopKByRun<string>(8);

export default function runRange(task: RangeTask) {
  const holds = (t: number | undefined) => t !== undefined && task.first <= t && t < task.first + task.count;
  if (holds(task.failAtTrial)) throw new Error(`test hook: range starting at trial ${task.first} failed`);
  if (holds(task.crashAtTrial)) process.exit(3);
  let sim = simulators.get(task.planKey);
  if (sim === undefined) {
    if (simulators.size >= 4) simulators.clear();
    sim = new Simulator(localPlan(task.plan));
    simulators.set(task.planKey, sim);
  }
  const seen = task.runKey ? seenByRun.of(task.runKey, task.tailSize) : undefined;
  const packed = toTransfer(sim.runBatch(task.first, task.count, task.tailSize, task.tailFloor, seen));
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
