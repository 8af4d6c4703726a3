// The throughput benchmark (`npm run bench`, `npx chainward bench`): the reference workload
// (1000 sites × 6 threats, λ = 0.05/year, lognormal losses, controls; 6000 risks, no flows) run by
// the hand-written reference loop and by the engine with 1 and N worker threads, side by side in
// rounds; then generated networks of several sizes with 1 and N worker threads. Prints a table, and
// writes the figures as JSON with --out (bench/results.json is the committed run; see bench/README.md).
// Figures are medians over rounds measured in one run: compare ratios, not absolute numbers.
import { cpus } from 'node:os';
import { runRanges } from '../engine/run/run-ranges.js';
import { trialRanges } from '../engine/run/ranges.js';
import { checkOutputPath, writeAtomic } from '../engine/io/write-atomic.js';
import { generateScenario } from '../engine/generate/generate-scenario.js';
import { validateScenario } from '../engine/validate/validate.js';
import { WorkerPool } from '../engine/parallel/pool.js';
import { compilePlan } from '../engine/plan/compile-plan.js';
import type { SimulationPlan } from '../engine/plan/plan.js';
import { tailSizeFor } from '../engine/summary/batch-summary.js';
import { ENGINE_VERSION } from '../engine/version.js';
import { referenceKernel, referenceRisks } from './reference-kernel.js';
import { referenceScenario } from './reference-workload.js';

// Run directly (`npx tsx bench/run-bench.ts`) this module would define the bench and do nothing: say
// where the entry is instead. The CLI bundle and bin/chainward.js have another script as argv[1].
if (/[\\/]run-bench\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  process.stderr.write('bench/run-bench.ts is a module: use `npm run bench` or `chainward bench` (`--help` lists the options)\n');
  process.exit(2);
}

export const DEFAULT_ROUNDS = 5;
export const DEFAULT_TRIALS = 40_960;
export const DEFAULT_SIZES = '1000,10000,100000';

/** The bench's settings (parsed from the command line by engine/cli/bench-command.ts). */
export interface BenchOptions {
  workers: number;
  rounds: number;
  trials: number;
  sizes: number[];
  /** Where to write the figures as JSON; without it they are only printed. */
  out?: string;
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

/** Simulates `trials` of a plan over ranges of `rangeTrials`, in-process or on a pool; returns seconds. */
function engineRun(plan: SimulationPlan, trials: number, rangeTrials: number, pool?: WorkerPool): Promise<number> {
  return secondsAsync(() => runRanges(plan, trialRanges(trials, rangeTrials), tailSizeFor(trials), { runRange: pool?.runRange, inFlight: pool?.inFlight }));
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
  const startPool = async (n: number) => {
    const t = performance.now();
    const pool = new WorkerPool(n);
    await pool.runRange(compilePlan(referenceScenario(10), 1).plan, 0, 1, 1); // threads up and loaded
    return { pool, startupMs: performance.now() - t };
  };
  log(`chainward ${ENGINE_VERSION} bench · node ${process.version} · ${cpus().length} cpus (${cpus()[0]?.model ?? '?'}) · ${o.workers} workers · ${o.rounds} rounds`);
  const one = await startPool(1);
  let many: Awaited<ReturnType<typeof startPool>> | undefined;
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

  // --- reference workload: hand-written loop vs engine, 1 and N workers
  const ref = compilePlan(referenceScenario(), 1).plan;
  const risks = referenceRisks(ref);
  const t = o.trials;
  // warm-up: every contender runs until its hot loop is optimised (the first long call of a loop
  // runs on on-stack-replaced code and is much slower than later ones)
  for (let i = 0; i < 3; i++) referenceKernel(risks, 4096, 100 + i);
  for (let i = 0; i < 2; i++) await engineRun(ref, 4096, 2048);
  await engineRun(ref, 8192, 2048, one.pool);
  await engineRun(ref, 8192, 2048, many.pool);
  const times = { reference: [] as number[], inProcess: [] as number[], pool1: [] as number[], poolN: [] as number[] };
  for (let r = 0; r < o.rounds; r++) {
    times.reference.push(seconds(() => referenceKernel(risks, t, r + 1)));
    times.inProcess.push(await engineRun(ref, t, 2048));
    times.pool1.push(await engineRun(ref, t, 2048, one.pool));
    times.poolN.push(await engineRun(ref, t, 2048, many.pool));
    note(`  round ${r + 1}: reference ${fmt(t / times.reference[r]!)}/s · engine ${fmt(t / times.inProcess[r]!)}/s · 1 worker ${fmt(t / times.pool1[r]!)}/s · ${o.workers} workers ${fmt(t / times.poolN[r]!)}/s`);
  }
  const rate = (xs: number[]) => t / median(xs);
  const reference = {
    workload: `${ref.nRisks} risks (1000 sites × 6 threats, λ = 0.05/year, lognormal losses, 2–3 controls per site), ${t} trials, ranges of 2048`,
    referenceLoopTrialsPerSecond: rate(times.reference),
    engineInProcessTrialsPerSecond: rate(times.inProcess),
    engine1WorkerTrialsPerSecond: rate(times.pool1),
    engineNWorkersTrialsPerSecond: rate(times.poolN),
    workers: o.workers,
    ratioToReferenceLoop: rate(times.inProcess) / rate(times.reference),
    ratio1WorkerToReferenceLoop: rate(times.pool1) / rate(times.reference),
    scalingNWorkersOver1Worker: rate(times.poolN) / rate(times.pool1),
    scalingNWorkersOverInProcess: rate(times.poolN) / rate(times.inProcess),
    poolStartupMs: { 1: one.startupMs, [o.workers]: many.startupMs },
  };

  // --- generated networks
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
    // about ten seconds of work per run at the rates seen here; ranges small enough for ≥ 4 per worker
    const trials = sites >= 100_000 ? 256 : sites >= 10_000 ? 4096 : 16384;
    const rangeTrials = Math.max(32, Math.min(2048, trials / (4 * o.workers)));
    const t1: number[] = [];
    const tN: number[] = [];
    // plan shared and simulators built in every worker before timing
    await engineRun(plan!, Math.min(trials, 2 * rangeTrials), rangeTrials, one.pool);
    await engineRun(plan!, Math.min(trials, 2 * o.workers * rangeTrials), rangeTrials, many.pool);
    for (let r = 0; r < Math.min(o.rounds, sites >= 100_000 ? 1 : o.rounds); r++) {
      t1.push(await engineRun(plan!, trials, rangeTrials, one.pool));
      tN.push(await engineRun(plan!, trials, rangeTrials, many.pool));
    }
    let events = 0;
    for (let i = 0; i < plan!.nRisks; i++) events += plan!.riskGenRate[i]!;
    const row = {
      sites,
      lanes: plan!.nLanes,
      flows: plan!.nFlows,
      risks: plan!.nRisks,
      eventsPerTrial: events,
      generateMs: gen * 1000,
      validateMs: validate * 1000,
      compileMs: compile * 1000,
      trials,
      rangeTrials,
      oneWorkerTrialsPerSecond: trials / median(t1),
      nWorkersTrialsPerSecond: trials / median(tN),
    };
    networks.push(row);
    note(`  ${fmt(sites)} sites: ${fmt(row.oneWorkerTrialsPerSecond)}/s with 1 worker, ${fmt(row.nWorkersTrialsPerSecond)}/s with ${o.workers} workers`);
  }
  const results = {
    format: 'chainward-bench/v1',
    engineVersion: ENGINE_VERSION,
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
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

/** The summary table of a bench run. */
export function benchTable(r: Awaited<ReturnType<typeof runBench>> | { reference: Record<string, unknown>; networks: Array<Record<string, number>> }): string {
  const ref = r.reference as Record<string, number>;
  const w = ref.workers!;
  const rows: string[][] = [
    ['reference workload', 'trials/s', 'ratio'],
    ['hand-written loop, 1 thread', fmt(ref.referenceLoopTrialsPerSecond!), '1.00'],
    ['engine, in-process', fmt(ref.engineInProcessTrialsPerSecond!), ref.ratioToReferenceLoop!.toFixed(2)],
    ['engine, 1 worker thread', fmt(ref.engine1WorkerTrialsPerSecond!), ref.ratio1WorkerToReferenceLoop!.toFixed(2)],
    [`engine, ${w} worker threads`, fmt(ref.engineNWorkersTrialsPerSecond!), (ref.engineNWorkersTrialsPerSecond! / ref.referenceLoopTrialsPerSecond!).toFixed(2)],
    [`scaling ${w} workers / 1 worker`, '', ref.scalingNWorkersOver1Worker!.toFixed(2)],
  ];
  const nets: string[][] = [['generated network', 'risks', 'events/trial', 'validate+compile', 'trials/s 1 worker', `trials/s ${w} workers`, 'scaling']];
  for (const n of r.networks as Array<Record<string, number>>) {
    nets.push([
      `${fmt(n.sites!)} sites, ${fmt(n.lanes!)} lanes, ${fmt(n.flows!)} flows`,
      fmt(n.risks!),
      fmt(n.eventsPerTrial!),
      `${((n.validateMs! + n.compileMs!) / 1000).toFixed(1)} s`,
      fmt(n.oneWorkerTrialsPerSecond!),
      fmt(n.nWorkersTrialsPerSecond!),
      (n.nWorkersTrialsPerSecond! / n.oneWorkerTrialsPerSecond!).toFixed(2),
    ]);
  }
  const table = (t: string[][]) => {
    const widths = t[0]!.map((_, c) => Math.max(...t.map((row) => row[c]!.length)));
    return t.map((row) => row.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  ')).join('\n');
  };
  return table(rows) + (r.networks.length ? '\n\n' + table(nets) : '');
}
