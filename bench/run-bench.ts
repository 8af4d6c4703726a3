// The throughput benchmark (`npm run bench`, `npx chainward bench`): the reference workload run by the
// superposition limit, the hand-written loop and the engine (in-process, 1 and N worker threads) in
// interleaved rounds, then generated networks; ranges of whole event blocks, start-up timed apart.
// Prints a table and, with --out, the figures as JSON (bench/README.md explains every column).
import { cpus } from 'node:os';
import { runRanges } from '../engine/run/run-ranges.js';
import { RANGE_TRIALS, trialRanges } from '../engine/run/ranges.js';
import { checkOutputPath, writeAtomic } from '../engine/io/write-atomic.js';
import { generateScenario } from '../engine/generate/generate-scenario.js';
import { validateScenario } from '../engine/validate/validate.js';
import { WorkerPool } from '../engine/parallel/pool.js';
import { compilePlan } from '../engine/plan/compile-plan.js';
import type { SimulationPlan } from '../engine/plan/plan.js';
import { BLOCK } from '../engine/simulate/run-batch.js';
import { tailSizeFor } from '../engine/summary/batch-summary.js';
import { ENGINE_VERSION } from '../engine/version.js';
import { referenceKernel, referenceRisks } from './reference-kernel.js';
import { referenceScenario } from './reference-workload.js';
import { superpositionKernel, superpositionRisks } from './superposition-kernel.js';

// Run directly (`npx tsx bench/run-bench.ts`) this module would define the bench and do nothing: say
// where the entry is instead. The CLI bundle and bin/chainward.js have another script as argv[1].
if (/[\\/]run-bench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  process.stderr.write('bench/run-bench.ts is a module: use `npm run bench` or `chainward bench` (`--help` lists the options)\n');
  process.exit(2);
}

export const DEFAULT_ROUNDS = 5;
export const DEFAULT_TRIALS = 40_960;
export const DEFAULT_SIZES = '1000,10000,100000';
/** Trials per range on the reference workload (a multiple of BLOCK). */
export const REFERENCE_RANGE_TRIALS = 2048;
/** A generated network's later rounds are skipped once a round (1 worker and N) takes longer than this. */
const NETWORK_ROUND_BUDGET_SECONDS = 20;

/** The bench's settings (parsed from the command line by engine/cli/bench-command.ts). */
export interface BenchOptions {
  workers: number;
  rounds: number;
  /** Trials per run on the reference workload: a multiple of BLOCK. */
  trials: number;
  sizes: number[];
  /** Where to write the figures as JSON; without it they are only printed. */
  out?: string;
}

/**
 * The ranges of a bench run: whole blocks only. The kernel draws events per (risk, block of BLOCK
 * trials) stream, so a range that ends inside a block pays for the whole block: `trials` and
 * `rangeTrials` must both be multiples of BLOCK, and then every range starts on a block boundary.
 */
export function blockRanges(trials: number, rangeTrials: number): Array<[number, number]> {
  for (const [name, x] of [['trials', trials], ['rangeTrials', rangeTrials]] as const) {
    if (!(Number.isInteger(x) && x > 0 && x % BLOCK === 0)) throw new RangeError(`blockRanges: ${name} must be a positive multiple of ${BLOCK}, got ${x}`);
  }
  return trialRanges(trials, rangeTrials);
}

/**
 * Trials and range size for a generated network of `sites` on `workers` threads: the ranges of
 * `chainward run` (RANGE_TRIALS, 2048), 4 of them per worker up to 20 000 sites and 2 above (a
 * 100 000-site range takes seconds).
 */
export function networkWork(sites: number, workers: number): { trials: number; rangeTrials: number } {
  const perWorker = sites <= 20_000 ? 4 : 2;
  return { trials: RANGE_TRIALS * workers * perWorker, rangeTrials: RANGE_TRIALS };
}

/**
 * The speed of contender A over contender B from their times per round (seconds, same work): taken
 * within each round, where both ran under the same load on the machine, and the median of the rounds
 * — a neighbour busy during one round then moves no ratio, as it would the quotient of two medians.
 */
export function roundRatio(timesA: readonly number[], timesB: readonly number[]): number {
  if (timesA.length !== timesB.length || timesA.length === 0) throw new RangeError('roundRatio: one time per round for each contender');
  return median(timesA.map((ta, i) => timesB[i]! / ta));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function seconds(f: () => unknown): number {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
}

async function secondsAsync(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

/** Simulates `trials` of a plan over ranges of `rangeTrials` (whole blocks), in-process or on a pool; returns seconds. */
function engineRun(plan: SimulationPlan, trials: number, rangeTrials: number, pool?: WorkerPool): Promise<number> {
  const ranges = blockRanges(trials, rangeTrials);
  return secondsAsync(() => runRanges(plan, ranges, tailSizeFor(trials), { runRange: pool?.runRange, inFlight: pool?.inFlight }));
}

/**
 * What the first call of a plan on a pool costs beyond simulating: one block on every worker at once,
 * timed, then the same call again; the difference is sharing the plan, each worker's copy of it and
 * building its simulator. Returns milliseconds: the start-up and the whole first call.
 */
async function firstCall(plan: SimulationPlan, pool: WorkerPool): Promise<{ startupMs: number; firstCallMs: number }> {
  const first = await engineRun(plan, pool.workers * BLOCK, BLOCK, pool);
  const again = await engineRun(plan, pool.workers * BLOCK, BLOCK, pool);
  return { startupMs: Math.max(0, first - again) * 1000, firstCallMs: first * 1000 };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/**
 * Runs the benchmark: the header and the final table go to `log` (standard output), the figures of each
 * round and "wrote FILE" to `note` (standard error, silenced by --quiet).
 */
export async function runBench(
  o: BenchOptions,
  log: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  note: (s: string) => void = (s) => process.stderr.write(s + '\n'),
) {
  checkOutputPath(o.out); // before minutes of measuring
  blockRanges(o.trials, REFERENCE_RANGE_TRIALS); // a bad trial count fails now, not after the pools start
  // pool start-up: from `new WorkerPool` until the pool has answered one block per worker of a 10-site
  // plan (all sent at once), less the same call again (simulating those blocks once the threads are up)
  const tiny = compilePlan(referenceScenario(10), 1).plan;
  const startPool = async (n: number): Promise<Started> => {
    const t = performance.now();
    const pool = new WorkerPool(n);
    try {
      await engineRun(tiny, n * BLOCK, BLOCK, pool);
      const upMs = performance.now() - t;
      const again = await engineRun(tiny, n * BLOCK, BLOCK, pool);
      return { pool, startupMs: Math.max(0, upMs - again * 1000) };
    } catch (e) {
      await pool.close();
      throw e;
    }
  };
  log(`chainward ${ENGINE_VERSION} bench · node ${process.version} · ${cpus().length} cpus (${cpus()[0]?.model ?? '?'}) · ${o.workers} workers · ${o.rounds} rounds`);
  const one = await startPool(1);
  let many: Started | undefined;
  try {
    many = await startPool(o.workers);
    return await measure(o, log, note, one, many);
  } finally {
    await one.pool.close();
    await many?.pool.close();
  }
}

type Started = { pool: WorkerPool; startupMs: number };

async function measure(o: BenchOptions, log: (s: string) => void, note: (s: string) => void, one: Started, many: Started) {

  // --- reference workload: superposition limit, hand-written loop and engine (1 and N workers)
  const ref = compilePlan(referenceScenario(), 1).plan;
  const risks = referenceRisks(ref);
  const limit = superpositionRisks(ref);
  const t = o.trials;
  const range = REFERENCE_RANGE_TRIALS;
  // warm-up: every contender runs until its hot loop is optimised (the first long call of a loop
  // runs on on-stack-replaced code and is much slower than later ones); shorter for short runs
  const warm = Math.min(4096, t);
  for (let i = 0; i < 3; i++) referenceKernel(risks, warm, 100 + i);
  for (let i = 0; i < 3; i++) superpositionKernel(limit, warm, 100 + i);
  for (let i = 0; i < 2; i++) await engineRun(ref, warm, range);
  await engineRun(ref, 2 * warm, range, one.pool);
  await engineRun(ref, 2 * warm, range, many.pool);
  const times = { limit: [] as number[], reference: [] as number[], inProcess: [] as number[], pool1: [] as number[], poolN: [] as number[] };
  for (let r = 0; r < o.rounds; r++) {
    times.limit.push(seconds(() => superpositionKernel(limit, t, r + 1)));
    times.reference.push(seconds(() => referenceKernel(risks, t, r + 1)));
    times.inProcess.push(await engineRun(ref, t, range));
    times.pool1.push(await engineRun(ref, t, range, one.pool));
    times.poolN.push(await engineRun(ref, t, range, many.pool));
    note(
      `  round ${r + 1}: superposition limit ${fmt(t / times.limit[r]!)}/s · reference ${fmt(t / times.reference[r]!)}/s · engine ${fmt(t / times.inProcess[r]!)}/s · 1 worker ${fmt(t / times.pool1[r]!)}/s · ${o.workers} workers ${fmt(t / times.poolN[r]!)}/s`,
    );
  }
  const rate = (xs: number[]) => t / median(xs);
  let generated = 0;
  for (let i = 0; i < ref.nRisks; i++) generated += ref.riskGenRate[i]!;
  const reference = {
    workload: `${ref.nRisks} risks (1000 sites × 6 threats, λ = 0.05/year, lognormal losses, 2–3 controls per site), ${t} trials, ranges of ${range}`,
    trials: t,
    rangeTrials: range,
    eventsPerTrial: generated,
    keptEventsPerTrial: limit.lambda,
    superpositionLimitTrialsPerSecond: rate(times.limit),
    referenceLoopTrialsPerSecond: rate(times.reference),
    engineInProcessTrialsPerSecond: rate(times.inProcess),
    engine1WorkerTrialsPerSecond: rate(times.pool1),
    engineNWorkersTrialsPerSecond: rate(times.poolN),
    workers: o.workers,
    referenceLoopToSuperpositionLimit: roundRatio(times.reference, times.limit),
    ratioToReferenceLoop: roundRatio(times.inProcess, times.reference),
    ratio1WorkerToReferenceLoop: roundRatio(times.pool1, times.reference),
    ratioNWorkersToReferenceLoop: roundRatio(times.poolN, times.reference),
    ratioToSuperpositionLimit: roundRatio(times.inProcess, times.limit),
    ratio1WorkerToSuperpositionLimit: roundRatio(times.pool1, times.limit),
    ratioNWorkersToSuperpositionLimit: roundRatio(times.poolN, times.limit),
    scalingNWorkersOver1Worker: roundRatio(times.poolN, times.pool1),
    scalingNWorkersOverInProcess: roundRatio(times.poolN, times.inProcess),
    poolStartupMs: { 1: one.startupMs, [o.workers]: many.startupMs },
  };

  // --- generated networks
  if (o.sizes.length) {
    // the reference workload never runs the network code (outage sweep, rerouting): a small network
    // runs it first, so that no network's start-up includes compiling it
    const small = compilePlan(generateScenario({ sites: 50, seed: 2 }), 1).plan;
    for (const pool of [one.pool, many.pool]) await engineRun(small, 8 * pool.workers * BLOCK, BLOCK, pool);
  }
  const networks = [];
  for (const sites of o.sizes) {
    const gen = seconds(() => generateScenario({ sites, seed: 1 }));
    const scenario = generateScenario({ sites, seed: 1 });
    const text = JSON.stringify(scenario);
    let checked: ReturnType<typeof validateScenario> | undefined;
    const validate = seconds(() => (checked = validateScenario(JSON.parse(text))));
    if (!checked?.ok) throw new Error(`generated network of ${sites} sites does not validate`);
    let plan: SimulationPlan | undefined;
    const compile = seconds(() => (plan = compilePlan(scenario, 1).plan));
    const { trials, rangeTrials } = networkWork(sites, o.workers);
    // start-up apart: the plan shared and the simulators built by a first call on each pool
    const start1 = await firstCall(plan!, one.pool);
    const startN = await firstCall(plan!, many.pool);
    // warm-up: one range per worker
    await engineRun(plan!, rangeTrials, rangeTrials, one.pool);
    await engineRun(plan!, Math.min(trials, o.workers * rangeTrials), rangeTrials, many.pool);
    const t1: number[] = [];
    const tN: number[] = [];
    for (let r = 0; r < o.rounds; r++) {
      t1.push(await engineRun(plan!, trials, rangeTrials, one.pool));
      tN.push(await engineRun(plan!, trials, rangeTrials, many.pool));
      if (t1[r]! + tN[r]! > NETWORK_ROUND_BUDGET_SECONDS) break;
    }
    let events = 0;
    let kept = 0;
    for (let i = 0; i < plan!.nRisks; i++) {
      events += plan!.riskGenRate[i]!;
      kept += plan!.riskGenRate[i]! * plan!.riskKeep[i]!;
    }
    const oneWorker = trials / median(t1);
    const nWorkers = trials / median(tN);
    const row = {
      sites,
      lanes: plan!.nLanes,
      flows: plan!.nFlows,
      risks: plan!.nRisks,
      eventsPerTrial: events,
      keptEventsPerTrial: kept,
      generateMs: gen * 1000,
      validateMs: validate * 1000,
      compileMs: compile * 1000,
      trials,
      rangeTrials,
      rounds: t1.length,
      oneWorkerStartupMs: start1.startupMs,
      nWorkersStartupMs: startN.startupMs,
      oneWorkerFirstCallMs: start1.firstCallMs,
      nWorkersFirstCallMs: startN.firstCallMs,
      oneWorkerTrialsPerSecond: oneWorker,
      nsPerEvent: 1e9 / (oneWorker * events),
      nWorkersTrialsPerSecond: nWorkers,
      perWorkerTrialsPerSecond: nWorkers / o.workers,
      // round by round, as the reference workload's ratios
      scalingNWorkersOver1Worker: roundRatio(tN, t1),
    };
    networks.push(row);
    note(
      `  ${fmt(sites)} sites: ${fmt(oneWorker)}/s with 1 worker (${fmt(row.nsPerEvent)} ns/event), ${fmt(nWorkers)}/s with ${o.workers} workers; start-up ${fmt(row.oneWorkerStartupMs)} / ${fmt(row.nWorkersStartupMs)} ms; ${t1.length} round${t1.length === 1 ? '' : 's'}`,
    );
  }
  const results = {
    format: 'chainward-bench/v1',
    engineVersion: ENGINE_VERSION,
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    block: BLOCK,
    reference,
    networks,
  };
  log('');
  log(benchTable(results));
  if (o.out !== undefined) {
    await writeAtomic(o.out, JSON.stringify(results, null, 2) + '\n');
    note(`wrote ${o.out}`);
  }
  return results;
}

/** A figure for the table; "–" when a results file from an older bench lacks it. */
function cell(x: unknown, f: (x: number) => string = fmt): string {
  return typeof x === 'number' && Number.isFinite(x) ? f(x) : '–';
}

const ratio = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? cell(a / b, (x) => x.toFixed(2)) : '–');

/** The summary table of a bench run (or of a results file: figures it lacks show as "–"). */
export function benchTable(r: Awaited<ReturnType<typeof runBench>> | { reference: Record<string, unknown>; networks: Array<Record<string, unknown>> }): string {
  const ref = r.reference as Record<string, unknown>;
  const w = ref.workers as number;
  const limit = ref.superpositionLimitTrialsPerSecond;
  const loop = ref.referenceLoopTrialsPerSecond;
  // the ratios measured round by round when the file has them, else those of the medians
  const stored = (r: unknown, a: unknown, b: unknown) => (typeof r === 'number' ? cell(r, (x) => x.toFixed(2)) : ratio(a, b));
  const line = (name: string, x: unknown, toLimit: unknown, toLoop: unknown) => [name, cell(x), stored(toLimit, x, limit), stored(toLoop, x, loop)];
  const loopToLimit = ref.referenceLoopToSuperpositionLimit;
  const rows: string[][] = [
    ['reference workload', 'trials/s', '/ superposition limit', '/ hand-written loop'],
    line('superposition limit, 1 thread', limit, 1, typeof loopToLimit === 'number' ? 1 / loopToLimit : undefined),
    line('hand-written loop, 1 thread', loop, loopToLimit, 1),
    line('engine, in-process', ref.engineInProcessTrialsPerSecond, ref.ratioToSuperpositionLimit, ref.ratioToReferenceLoop),
    line('engine, 1 worker thread', ref.engine1WorkerTrialsPerSecond, ref.ratio1WorkerToSuperpositionLimit, ref.ratio1WorkerToReferenceLoop),
    line(`engine, ${w} worker threads`, ref.engineNWorkersTrialsPerSecond, ref.ratioNWorkersToSuperpositionLimit, ref.ratioNWorkersToReferenceLoop),
    [`scaling ${w} workers / 1 worker`, '', '', stored(ref.scalingNWorkersOver1Worker, ref.engineNWorkersTrialsPerSecond, ref.engine1WorkerTrialsPerSecond)],
  ];
  const startup = (ref.poolStartupMs ?? {}) as Record<string, number>;
  const events = typeof ref.eventsPerTrial === 'number' ? ` · events/trial ${cell(ref.eventsPerTrial)} generated, ${cell(ref.keptEventsPerTrial)} after frequency controls` : '';
  const notes = [
    `${cell(ref.trials)} trials in ranges of ${cell(ref.rangeTrials)}${events}`,
    `pool start-up (threads up, worker loaded; not in any figure above): 1 worker ${cell(startup[1])} ms, ${w} workers ${cell(startup[w])} ms`,
  ];
  const nets: string[][] = [
    ['generated network', 'risks', 'events/trial', 'validate+compile', `start-up 1 / ${w} workers`, 'trials/s 1 worker', 'ns/event', `trials/s ${w} workers`, 'per worker', 'scaling'],
  ];
  for (const n of r.networks as Array<Record<string, unknown>>) {
    nets.push([
      `${cell(n.sites)} sites, ${cell(n.lanes)} lanes, ${cell(n.flows)} flows`,
      cell(n.risks),
      cell(n.eventsPerTrial),
      `${((Number(n.validateMs) + Number(n.compileMs)) / 1000).toFixed(1)} s`,
      `${cell(n.oneWorkerStartupMs)} / ${cell(n.nWorkersStartupMs)} ms`,
      cell(n.oneWorkerTrialsPerSecond),
      cell(n.nsPerEvent),
      cell(n.nWorkersTrialsPerSecond),
      cell(n.perWorkerTrialsPerSecond),
      typeof n.scalingNWorkersOver1Worker === 'number' ? cell(n.scalingNWorkersOver1Worker, (x) => x.toFixed(2)) : ratio(n.nWorkersTrialsPerSecond, n.oneWorkerTrialsPerSecond),
    ]);
  }
  const table = (t: string[][]) => {
    const widths = t[0]!.map((_, c) => Math.max(...t.map((row) => row[c]!.length)));
    return t.map((row) => row.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ')).join('\n');
  };
  return table(rows) + '\n' + notes.join('\n') + (r.networks.length ? '\n\n' + table(nets) : '');
}
