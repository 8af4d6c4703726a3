// The work of a simulation worker, whatever carries its messages — a Web Worker in the explorer
// (explorer/sim/worker-handler.ts) or a piscina thread on Node (engine/parallel/worker.ts): one
// Simulator kept per plan, the largest losses seen per run (they raise the tail floor of the run's
// later ranges), and each range's summary packed as typed arrays, to be transferred, not copied.
import type { SimulationPlan } from '../plan/plan.js';
import { Simulator } from '../simulate/run-batch.js';
import { toTransfer, type PackedSummary } from '../summary/summary-transfer.js';
import { TopKByRun } from '../summary/top-k.js';

/**
 * Runs trial ranges of plans for a worker (a Web Worker or a worker thread) and returns each range's
 * summary packed for transfer; keeps one simulator per plan key and the tail floor per run key.
 */
export class RangeWorker<PlanKey, RunKey> {
  private readonly simulators = new Map<PlanKey, Simulator>();
  /** Plans whose Simulator could not be built, with the reason: their ranges fail with it. */
  private readonly broken = new Map<PlanKey, string>();
  private readonly seenByRun: TopKByRun<RunKey>;
  private readonly maxPlans: number;

  /** Keeps at most `maxPlans` simulators (all are dropped when a new one would exceed it) and the losses of `maxRuns` runs. */
  constructor(opts: { maxPlans?: number; maxRuns: number }) {
    this.maxPlans = opts.maxPlans ?? Infinity;
    this.seenByRun = new TopKByRun<RunKey>(opts.maxRuns);
  }

  /** Whether a plan is loaded under `key` (or failed to load). */
  has(key: PlanKey): boolean {
    return this.simulators.has(key) || this.broken.has(key);
  }

  /** Builds the Simulator of `plan` under `key`; a plan that cannot be simulated fails its ranges later. */
  load(key: PlanKey, plan: SimulationPlan): void {
    if (this.simulators.size >= this.maxPlans) {
      this.simulators.clear();
      this.broken.clear();
    }
    try {
      this.simulators.set(key, new Simulator(plan));
    } catch (err) {
      this.broken.set(key, err instanceof Error ? err.message : String(err));
    }
  }

  forget(keys: Iterable<PlanKey>): void {
    for (const k of keys) {
      this.simulators.delete(k);
      this.broken.delete(k);
    }
  }

  /** Simulates trials [first, first + count) of the plan under `key`; `run` (undefined: none) names the run whose largest losses raise the floor. */
  run(key: PlanKey, first: number, count: number, tailSize: number, tailFloor: number, run: RunKey | undefined): PackedSummary {
    const sim = this.simulators.get(key);
    if (!sim) throw new Error(this.broken.get(key) ?? `no plan ${String(key)} in this worker`);
    const seen = run !== undefined ? this.seenByRun.of(run, tailSize) : undefined;
    return toTransfer(sim.runBatch(first, count, tailSize, tailFloor, seen));
  }
}
