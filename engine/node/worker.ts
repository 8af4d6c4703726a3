// piscina worker entry: simulates one trial range of a plan and moves the summary's typed arrays
// back to the main thread (no arrays of objects cross the thread boundary).
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { SimulationPlan } from '../plan/plan.js';
import { Simulator } from '../simulate/run-batch.js';
import { toTransfer, transferList } from './summary-transfer.js';

export interface RangeTask {
  planKey: string;
  plan: SimulationPlan;
  first: number;
  count: number;
  tailSize: number;
  /** Test hook: the range starting at this trial throws. */
  failAtTrial?: number;
}

let cached: { key: string; sim: Simulator } | undefined;

export default function runRange(task: RangeTask) {
  if (task.failAtTrial !== undefined && task.first <= task.failAtTrial && task.failAtTrial < task.first + task.count) {
    throw new Error(`test hook: range starting at trial ${task.first} failed`);
  }
  if (cached?.key !== task.planKey) cached = { key: task.planKey, sim: new Simulator(task.plan) };
  const packed = toTransfer(cached.sim.runBatch(task.first, task.count, task.tailSize));
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
