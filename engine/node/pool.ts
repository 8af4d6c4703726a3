// The worker-thread pool (piscina): runs trial ranges in parallel. The split into ranges is fixed
// by trial index, not by thread, so any number of workers gives the same bytes.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { SimulationPlan } from '../plan/plan.js';
import type { BatchSummary } from '../summary/batch-summary.js';
import { fromTransfer, type PackedSummary } from './summary-transfer.js';
import type { RangeTask } from './worker.js';

const isTs = import.meta.url.endsWith('.ts');

/** A pool of `workers` threads; `runRange` fits RunOptions.runRange. Call `close()` when done. */
export class WorkerPool {
  private readonly pool: Piscina;
  private readonly keys = new WeakMap<SimulationPlan, string>();
  private nextKey = 0;
  failAtTrial?: number;

  constructor(readonly workers = availableParallelism()) {
    const filename = new URL(isTs ? './worker.ts' : './worker.js', import.meta.url).href;
    const inTsx = process.execArgv.some((a) => a.includes('tsx')) || Boolean(process.env.TSX);
    this.pool = new Piscina({
      filename,
      minThreads: workers,
      maxThreads: workers,
      execArgv: isTs && !inTsx ? [...process.execArgv, '--import', import.meta.resolve('tsx')] : process.execArgv,
    });
    this.pool.on('error', () => {}); // task promises carry the error; this keeps it from crashing the process
  }

  runRange = async (plan: SimulationPlan, first: number, count: number, tailSize: number): Promise<BatchSummary> => {
    let key = this.keys.get(plan);
    if (key === undefined) this.keys.set(plan, (key = `plan-${this.nextKey++}`));
    const task: RangeTask = { planKey: key, plan, first, count, tailSize, failAtTrial: this.failAtTrial };
    const packed = (await this.pool.run(task)) as PackedSummary;
    return fromTransfer(packed);
  };

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
