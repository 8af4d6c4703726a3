// What a simulation worker does with each message (sim.worker.ts wires it to the Web Worker; tests
// call it directly): keeps the plans it is sent, simulates ranges with the engine's own Simulator,
// and answers with the summary packed as typed arrays (to transfer, not copy).
import type { SimulationPlan } from '../../engine/plan/plan.js';
import { Simulator } from '../../engine/simulate/run-batch.js';
import { toTransfer, transferList } from '../../engine/summary/summary-transfer.js';
import { TopKByRun } from '../../engine/summary/top-k.js';
import type { FromWorker, ToWorker } from './protocol.js';

export interface Reply {
  message: FromWorker;
  transfer: ArrayBuffer[];
}

/** One worker's state: its simulators by plan key and the largest losses it saw per run. */
export function workerHandler(): (m: ToWorker) => Reply | undefined {
  const simulators = new Map<number, Simulator>();
  const seenByRun = new TopKByRun<number>(16);
  const broken = new Map<number, string>();
  return (m) => {
    if (m.type === 'plan') {
      try {
        simulators.set(m.key, new Simulator(m.plan as SimulationPlan));
      } catch (err) {
        broken.set(m.key, err instanceof Error ? err.message : String(err)); // its ranges fail with this
      }
      return undefined;
    }
    if (m.type === 'forget') {
      for (const k of m.keys) simulators.delete(k), broken.delete(k);
      return undefined;
    }
    try {
      const sim = simulators.get(m.key);
      if (!sim) throw new Error(broken.get(m.key) ?? `no plan ${m.key} in this worker`);
      const seen = m.runId > 0 ? seenByRun.of(m.runId, m.tailSize) : undefined;
      const packed = toTransfer(sim.runBatch(m.first, m.count, m.tailSize, m.tailFloor, seen));
      return { message: { type: 'done', id: m.id, packed }, transfer: transferList(packed) };
    } catch (err) {
      return { message: { type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }, transfer: [] };
    }
  };
}
