// The worker-thread pool (piscina): runs trial ranges in parallel. The split into ranges is fixed
// by trial index, not by thread, so any number of workers gives the same bytes. Each plan is copied
// into shared memory once; tasks carry it by reference.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { SimulationPlan } from '../plan/plan.js';
import type { BatchSummary } from '../summary/batch-summary.js';
import { sharePlan } from './share-plan.js';
import { fromTransfer, type PackedSummary } from './summary-transfer.js';
import type { RangeTask } from './worker.js';

const isTs = import.meta.url.endsWith('.ts');

/** Worker threads by default: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** A pool of `workers` threads; `runRange` fits RunOptions.runRange. Call `close()` when done. */
export class WorkerPool {
  private readonly pool: Piscina;
  private readonly shared = new WeakMap<SimulationPlan, { key: string; plan: SimulationPlan }>();
  private nextKey = 0;
  /** Test hooks: the range holding this trial throws, or ends its worker thread. */
  failAtTrial?: number;
  crashAtTrial?: number;

  constructor(readonly workers = defaultWorkers()) {
    if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`WorkerPool: workers must be a whole number ≥ 1, got ${workers}`);
    const filename = new URL(isTs ? './worker.ts' : './worker.js', import.meta.url).href;
    const inTsx = process.execArgv.some((a) => a.includes('tsx')) || Boolean(process.env.TSX);
    this.pool = new Piscina({
      filename,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
      execArgv: isTs && !inTsx ? [...process.execArgv, '--import', import.meta.resolve('tsx')] : process.execArgv,
    });
    this.pool.on('error', () => {}); // task promises carry the error; this keeps it from crashing the process
  }

  /** Ranges to keep in flight so no worker waits: two per worker. */
  get inFlight(): number {
    return 2 * this.workers;
  }

  runRange = async (plan: SimulationPlan, first: number, count: number, tailSize: number, tailFloor = -Infinity): Promise<BatchSummary> => {
    let entry = this.shared.get(plan);
    if (entry === undefined) this.shared.set(plan, (entry = { key: `plan-${this.nextKey++}`, plan: sharePlan(plan) }));
    const task: RangeTask = { planKey: entry.key, plan: entry.plan, first, count, tailSize, tailFloor, failAtTrial: this.failAtTrial, crashAtTrial: this.crashAtTrial };
    let packed: PackedSummary;
    try {
      packed = (await this.pool.run(task)) as PackedSummary;
    } catch (e) {
      throw new Error(`worker thread: ${e instanceof Error ? e.message : String(e)}`);
    }
    return fromTransfer(packed);
  };

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
