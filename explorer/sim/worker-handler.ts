// What a simulation Web Worker does with each message (sim.worker.ts wires it to the Web Worker; tests
// call it directly): the protocol of protocol.ts over the engine's RangeWorker, which the command
// line's worker threads use too — the same scenario, seed and trials give the same numbers.
import { RangeWorker } from '../../engine/run/range-worker.js';
import { transferList } from '../../engine/summary/summary-transfer.js';
import type { FromWorker, ToWorker } from './protocol.js';

export interface Reply {
  message: FromWorker;
  transfer: ArrayBuffer[];
}

/** One worker's state: its simulators by plan key and the largest losses it saw per run. */
export function workerHandler(): (m: ToWorker) => Reply | undefined {
  const worker = new RangeWorker<number, number>({ maxRuns: 16 });
  return (m) => {
    if (m.type === 'plan') return worker.load(m.key, m.plan), undefined;
    if (m.type === 'forget') return worker.forget(m.keys), undefined;
    try {
      const packed = worker.run(m.key, m.first, m.count, m.tailSize, m.tailFloor, m.runId > 0 ? m.runId : undefined);
      return { message: { type: 'done', id: m.id, packed }, transfer: transferList(packed) };
    } catch (err) {
      return { message: { type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }, transfer: [] };
    }
  };
}
