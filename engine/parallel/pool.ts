// The worker-thread pool (piscina): runs trial ranges in parallel. The split into ranges is fixed
// by trial index, not by thread, so any number of workers gives the same bytes. Each plan is copied
// into shared memory once; tasks carry it by reference (each worker then simulates on its own copy).
// A caller that takes the shared copy (share) and lets its own go holds the plan once, not twice.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BroadcastChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { SimulationPlan } from '../plan/plan.js';
import type { BatchSummary } from '../summary/batch-summary.js';
import { sharePlan } from './share-plan.js';
import { fromTransfer, type PackedSummary } from '../summary/summary-transfer.js';
import type { RangeTask } from './worker.js';

const isTs = import.meta.url.endsWith('.ts');

/**
 * The worker entry as plain JavaScript. Compiled installs have worker.js beside this file. From the
 * TypeScript sources, the worker is bundled with esbuild into node_modules/.cache/chainward (piscina
 * left external so it resolves), named by a hash of the bundle so that runs share it and a changed
 * source gets a new file: a worker thread that loads .ts through tsx runs the kernel at about 60 %
 * of the speed of the same code as JavaScript (measured on Node 20). Falls back to worker.ts
 * through tsx if bundling or writing fails.
 */
function workerEntry(): { url: string; tsx: boolean } {
  if (!isTs) return { url: new URL('./worker.js', import.meta.url).href, tsx: false };
  const source = fileURLToPath(new URL('./worker.ts', import.meta.url));
  try {
    // esbuild is loaded only here, on the TypeScript sources: a command that starts no pool, or the
    // compiled JavaScript, does not pay for loading it
    const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    // CommonJS, not ESM: piscina loads its worker with require() first, and on Node 20 a require() of
    // an ES module goes through require(esm), which aborted the process (a native assertion) once
    // under load; a CommonJS file takes the plain loader
    const built = buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['piscina'], write: false, logLevel: 'silent' });
    const code = built.outputFiles[0]!.contents;
    const dir = join(dirname(source), '..', '..', 'node_modules', '.cache', 'chainward');
    const out = join(dir, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`);
    if (!existsSync(out)) {
      mkdirSync(dir, { recursive: true });
      const tmp = `${out}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, out); // atomic: concurrent processes write the same bytes
    }
    return { url: pathToFileURL(out).href, tsx: false };
  } catch {
    return { url: new URL('./worker.ts', import.meta.url).href, tsx: true };
  }
}

/**
 * piscina loads its worker with require() and falls back to import(). On Node 20.19+ a require() of an
 * ES module (a compiled worker.js in a "type": "module" package) takes the require(esm) path, which
 * aborted a process with a native assertion under load; with this flag it throws and piscina imports.
 */
const NO_REQUIRE_ESM = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module') ? ['--no-experimental-require-module'] : [];

/** Worker threads by default: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** A pool of `workers` threads; `runRange` fits RunOptions.runRange. Call `close()` when done. */
export class WorkerPool {
  private readonly pool: Piscina;
  private readonly entry: ReturnType<typeof workerEntry>;
  private readonly shared = new WeakMap<SimulationPlan, { key: string; plan: SimulationPlan }>();
  private nextKey = 0;
  /** Ranges of each plan (by key) sent and not yet back. */
  private readonly running = new Map<string, number>();
  /** Where the pool tells its workers that a plan has no range left (they let go of a large plan's Simulator). */
  private readonly release: BroadcastChannel;
  /** Test hooks: the range holding this trial throws, or ends its worker thread. */
  failAtTrial?: number;
  crashAtTrial?: number;

  constructor(readonly workers = defaultWorkers()) {
    if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`WorkerPool: workers must be a whole number ≥ 1, got ${workers}`);
    this.entry = workerEntry();
    const releaseChannel = `chainward-release-${process.pid}-${randomBytes(8).toString('hex')}`;
    this.release = new BroadcastChannel(releaseChannel);
    this.release.unref();
    const inTsx = process.execArgv.some((a) => a.includes('tsx')) || Boolean(process.env.TSX);
    this.pool = new Piscina({
      filename: this.entry.url,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
      // workers wait for tasks on their event loop (not blocked in Atomics.wait), so that they hear
      // the release channel while idle; a range takes milliseconds to minutes, the message microseconds
      atomics: 'disabled',
      workerData: { releaseChannel },
      execArgv: [...(this.entry.tsx && !inTsx ? [...process.execArgv, '--import', import.meta.resolve('tsx')] : this.entry.tsx ? process.execArgv : []), ...NO_REQUIRE_ESM],
    });
    this.pool.on('error', () => {}); // task promises carry the error; this keeps it from crashing the process
  }

  /** Ranges to keep in flight so no worker waits: two per worker. */
  get inFlight(): number {
    return 2 * this.workers;
  }

  /**
   * `plan` in shared memory, as the tasks carry it (fits RunOptions.sharePlan): a caller that keeps
   * this copy instead of its own holds the plan once. The same plan shared twice is copied once.
   */
  share = (plan: SimulationPlan): SimulationPlan => this.entryOf(plan).plan;

  private entryOf(plan: SimulationPlan): { key: string; plan: SimulationPlan } {
    let entry = this.shared.get(plan);
    if (entry === undefined) {
      entry = { key: `plan-${this.nextKey++}`, plan: sharePlan(plan) };
      this.shared.set(plan, entry);
      this.shared.set(entry.plan, entry); // the shared copy runs under the same key
    }
    return entry;
  }

  runRange = async (plan: SimulationPlan, first: number, count: number, tailSize: number, tailFloor = -Infinity, runId = 0): Promise<BatchSummary> => {
    const entry = this.entryOf(plan);
    const task: RangeTask = { planKey: entry.key, plan: entry.plan, first, count, tailSize, tailFloor, runKey: runId ? String(runId) : '', failAtTrial: this.failAtTrial, crashAtTrial: this.crashAtTrial };
    let packed: PackedSummary;
    this.running.set(entry.key, (this.running.get(entry.key) ?? 0) + 1);
    try {
      packed = (await this.pool.run(task)) as PackedSummary;
    } catch (e) {
      throw new Error(`worker thread: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.settled(entry.key);
    }
    return fromTransfer(packed);
  };

  /**
   * A range of plan `key` came back: when none is left once the caller had its turn to send the
   * next one (a run sends it as the last one returns), the workers may let go of what they keep of it.
   */
  private settled(key: string): void {
    this.running.set(key, this.running.get(key)! - 1);
    setImmediate(() => {
      if (this.closed || this.running.get(key) !== 0) return;
      this.running.delete(key);
      this.release.postMessage(key);
    }).unref();
  }

  private closed = false;

  async close(): Promise<void> {
    this.closed = true;
    this.release.close();
    await this.pool.destroy();
  }
}
