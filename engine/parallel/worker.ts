// piscina worker entry: simulates one trial range of a plan with the engine's RangeWorker (the same
// one the explorer's Web Workers use) and moves the summary's typed arrays back to the main thread
// (no arrays of objects cross the thread boundary). The plan arrives in shared memory; each worker
// copies it once into its own memory and keeps its Simulator for the next ranges.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { SimulationPlan } from '../plan/plan.js';
import { RangeWorker } from '../run/range-worker.js';
import { localPlan } from './share-plan.js';
import { transferList } from '../summary/summary-transfer.js';

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
  if (!worker.has(task.planKey)) worker.load(task.planKey, localPlan(task.plan));
  const packed = worker.run(task.planKey, task.first, task.count, task.tailSize, task.tailFloor, task.runKey || undefined);
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
