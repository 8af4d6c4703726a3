// A pool of simulation Web Workers (navigator.hardwareConcurrency by default) behind the engine's
// RangeRunner: the engine's runRanges splits and merges, the pool only runs ranges. Each plan is sent
// to a worker once (structured clone) and kept there; cancel() ends every range in flight by
// terminating the workers (fresh ones start on the next range), so a long what-if never blocks.
import type { SimulationPlan } from '../../engine/plan/plan.js';
import type { RangeRunner } from '../../engine/run/run-options.js';
import type { BatchSummary } from '../../engine/summary/batch-summary.js';
import { fromTransfer } from '../../engine/summary/summary-transfer.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** What the pool needs of a Worker (a real one in the page; a stand-in in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Thrown into every range in flight by cancel(). */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

interface Task {
  resolve(s: BatchSummary): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: WorkerLike;
  /** Plan keys this worker holds, least recently used first. */
  plans: number[];
  tasks: Map<number, Task>;
}

/** Plans a worker keeps before it forgets the least recently used. */
const PLANS_PER_WORKER = 48;

export class WebWorkerPool {
  private slots: Slot[] = [];
  private readonly keys = new WeakMap<SimulationPlan, number>();
  private nextKey = 1;
  private nextTask = 1;

  constructor(
    private readonly makeWorker: () => WorkerLike,
    readonly workers: number,
  ) {
    if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`WebWorkerPool: workers must be a whole number ≥ 1, got ${workers}`);
  }

  /** Ranges to keep in flight so no worker waits: two per worker. */
  get inFlight(): number {
    return 2 * this.workers;
  }

  /** Fits RunOptions.runRange. */
  readonly runRange: RangeRunner = (plan, first, count, tailSize, tailFloor, runId) =>
    new Promise<BatchSummary>((resolve, reject) => {
      const slot = this.pick();
      const key = this.planKey(plan);
      const held = slot.plans.indexOf(key);
      if (held >= 0) slot.plans.splice(held, 1);
      else {
        slot.worker.postMessage({ type: 'plan', key, plan });
        if (slot.plans.length >= PLANS_PER_WORKER) slot.worker.postMessage({ type: 'forget', keys: slot.plans.splice(0, slot.plans.length - PLANS_PER_WORKER + 1) });
      }
      slot.plans.push(key);
      const id = this.nextTask++;
      slot.tasks.set(id, { resolve, reject });
      slot.worker.postMessage({ type: 'range', id, key, first, count, tailSize, tailFloor, runId });
    });

  /** Ends every range in flight (they reject with CancelledError); the pool stays usable. */
  cancel(): void {
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) {
      s.worker.terminate();
      for (const t of s.tasks.values()) t.reject(new CancelledError());
    }
  }

  /** Same as cancel(): frees the workers. */
  close(): void {
    this.cancel();
  }

  private planKey(plan: SimulationPlan): number {
    let key = this.keys.get(plan);
    if (key === undefined) this.keys.set(plan, (key = this.nextKey++));
    return key;
  }

  /** The worker with the fewest ranges in flight (workers start on first use). */
  private pick(): Slot {
    if (this.slots.length < this.workers) {
      const idle = this.slots.find((s) => s.tasks.size === 0);
      if (!idle) return this.start();
    }
    let best = this.slots[0]!;
    for (const s of this.slots) if (s.tasks.size < best.tasks.size) best = s;
    return best;
  }

  private start(): Slot {
    const worker = this.makeWorker();
    const slot: Slot = { worker, plans: [], tasks: new Map() };
    worker.onmessage = (e) => {
      const m = e.data;
      const task = slot.tasks.get(m.id);
      if (!task) return;
      slot.tasks.delete(m.id);
      if (m.type === 'done') task.resolve(fromTransfer(m.packed));
      else task.reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      // a worker that fails to load or throws outside a task: its ranges fail, the pool replaces it
      e.preventDefault?.();
      this.slots = this.slots.filter((s) => s !== slot);
      worker.terminate();
      for (const t of slot.tasks.values()) t.reject(new Error(`simulation worker failed: ${e.message || 'could not start'}`));
      slot.tasks.clear();
    };
    this.slots.push(slot);
    return slot;
  }
}

/** The browser's pool: one module worker per logical core (at least 1, at most 16). */
export function browserPool(): WebWorkerPool {
  const n = Math.min(16, Math.max(1, navigator.hardwareConcurrency || 2));
  return new WebWorkerPool(() => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike, n);
}
