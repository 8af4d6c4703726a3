// `chainward run`: simulates a scenario in-process (--workers 1) or on a pool of worker threads,
// optionally until a target standard error (--target-se) or only one shard of the trial ranges
// (--shard i/n, which writes a partial result for `chainward merge`).
import { assembleResults } from '../analysis/analyse.js';
import { prepareAnalysis, simulateAnalysis, type PreparedAnalysis, type SimulatedAnalysis } from '../analysis/simulate-analysis.js';
import { UnknownTreatmentError } from '../run/units.js';
import { runInfo, type RunOptions } from '../run/run-options.js';
import { shardRanges, trialRanges, RANGE_TRIALS } from '../run/ranges.js';
import { simulateEach } from '../run/simulate-units.js';
import type { SimulationPlan } from '../plan/plan.js';
import { jsonDocumentChunks } from '../results/json-chunks.js';
import type { TextContent } from '../io/utf8-pieces.js';
import { renderContent } from './render-content.js';
import { DEFAULT_SENSITIVITY_DELTA, sensitivity } from '../analysis/sensitivity.js';
import type { SensitivityRow } from '../results/schema.js';
import { scenarioHash } from '../results/scenario-hash.js';
import type { Scenario } from '../model/schema.js';
import { encodeSummary, PARTIAL_FORMAT, partialChecksum, type PartialResult } from '../io/partial-result.js';
import { defaultWorkers } from '../parallel/pool.js';
import { tailSizeFor } from '../summary/batch-summary.js';
import { ENGINE_VERSION } from '../version.js';
import { FORMATS } from '../report/render.js';
import { formatOf, formatOption, intOption, numberOption, OUT_OPTION, parseCommand, QUIET_PROGRESS_OPTION, SEED_OPTION, seedOf, trialsOption, usageOf, type CommandSpec, type Values, WORKERS_OPTION } from './args.js';
import { writeOutput } from './write-output.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { ProgressBar } from './progress.js';
import { DEFAULT_TOP, type ReportOptions } from '../report/sections.js';
import { testHook, withWorkers } from './with-workers.js';
import { DEFAULT_SCENARIO, loadScenarioFile, namingFile } from './scenario-file.js';
import { scenarioWarnings } from '../validate/warnings.js';
import { printWarnings } from './print-warnings.js';
import { checkOutputPath } from '../io/write-atomic.js';
import { PlanSpill } from '../io/plan-spill.js';
import { autoShard, shardOut, type Shard } from './shard-auto.js';

export const DEFAULT_TRIALS = 20_000;
export const DEFAULT_MAX_TRIALS = 1_000_000;
const MAX_TRIALS = 100_000_000;
/** The most shards --shard i/n spells (five digits), and so the most --shards. */
const MAX_SHARDS = 99_999;

/** `chainward run`: its options, usage line and --help (see README.md, "Command line"). */
export const RUN_COMMAND = {
  name: 'run',
  summary: 'simulates the scenario (default: the built-in EU electronics inbound scenario) and prints the summary, the top risks and the treatments.',
  args: '[scenario.json]',
  argsHelp: [['scenario.json', 'the scenario file (default: scenarios/eu-electronics-inbound.json, built in)']],
  options: {
    trials: trialsOption(DEFAULT_TRIALS, MAX_TRIALS),
    seed: SEED_OPTION,
    workers: WORKERS_OPTION,
    treatments: { type: 'string', value: 'all|none|id,id', description: 'the treatments to test against the baseline: all, none, or a comma-separated list of treatment ids', default: 'all' },
    format: formatOption(FORMATS, 'table, json (the results format), csv (every section as blocks, for spreadsheets) or md (Markdown)'),
    top: { type: 'string', value: 'N', description: 'risks listed in the table and Markdown reports (CSV and JSON carry them all)', default: String(DEFAULT_TOP) },
    wide: { type: 'boolean', description: 'nothing cut to fit 120 columns: full names and sentences, every risk-control entry, sensitivity row and warning' },
    out: OUT_OPTION,
    quiet: QUIET_PROGRESS_OPTION,
    'target-se': {
      type: 'string',
      value: 'X',
      description: "adds ranges of trials until the baseline EAL's relative standard error is X or less (e.g. 0.01), capped by --max-trials; the result depends only on the seed and X",
    },
    'max-trials': trialsOption(DEFAULT_MAX_TRIALS, MAX_TRIALS, 'with --target-se, the most trials to run'),
    shard: {
      type: 'string',
      value: 'i/n|auto',
      description:
        'runs the i-th of n shares of the trial ranges and writes a partial result (JSON) for `chainward merge`; auto reads i and n from a Kubernetes Indexed Job, a Slurm job array or an AWS Batch array job (docs/scale-out.md); --out part-{shard}.json names the file by i',
    },
    shards: { type: 'string', value: 'N', description: 'with --shard auto, the shard count where the batch system does not give it (Kubernetes: the Job\'s completions)' },
    sensitivity: { type: 'boolean', description: "adds a tornado: each threat's frequency and each control's factors varied by ±δ, one at a time" },
    'sensitivity-delta': { type: 'string', value: 'X', description: 'with --sensitivity, the relative variation δ, between 0 and 1', default: String(DEFAULT_SENSITIVITY_DELTA) },
  },
  example: 'chainward run scenarios/pharma-cold-chain-air.json --trials 50000 --seed 7 --format md --out risks.md',
} as const satisfies CommandSpec;

export const RUN_USAGE = usageOf(RUN_COMMAND);

function treatmentsOf(v: string | boolean | undefined): RunOptions['treatments'] {
  const tv = typeof v === 'string' ? v : 'all';
  const list = tv === 'all' || tv === 'none' ? tv : tv.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(list) && list.some((t) => t === 'all' || t === 'none')) throw new InputError(`--treatments: "all" and "none" stand alone; got "${tv}"`);
  return list;
}

function targetSeOf(v: string | boolean | undefined): number | undefined {
  if (v === undefined) return undefined;
  return numberOption('target-se', v, 0, (x) => x > 0 && x < 1, 'a relative standard error between 0 and 1 such as 0.01');
}

function shardOf(v: string | boolean | undefined, shards: string | boolean | undefined): (Shard & { source?: string }) | undefined {
  if (shards !== undefined && v !== 'auto') throw new InputError('--shards goes with --shard auto (with --shard i/n, n is the count)');
  if (v === 'auto') return autoShard(process.env, shards === undefined ? undefined : intOption('shards', shards, 1, MAX_SHARDS));
  if (v === undefined) return undefined;
  const m = typeof v === 'string' ? /^(\d{1,5})\/(\d{1,5})$/.exec(v) : null;
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || !(index >= 1 && index <= count)) throw new InputError(`--shard: expected i/n with 1 ≤ i ≤ n, such as 2/8, or auto; got "${String(v)}"`);
  return { index, count };
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(RUN_COMMAND, argv);
  if (positionals.length > 1) throw new InputError(`run takes one scenario file, got ${positionals.length}: ${positionals.join(' ')}`);
  const settings = runSettings(values);
  const file = positionals[0] ?? DEFAULT_SCENARIO;
  const out = shardOut(values.out, settings.shard);
  checkOutputPath(out, [file]);
  const scenario = loadScenarioFile(file);
  const quiet = values.quiet === true;
  if (settings.shard && settings.shardSource !== undefined && !quiet) process.stderr.write(`chainward: --shard auto: shard ${settings.shard.index}/${settings.shard.count} from ${settings.shardSource}\n`);
  printWarnings(file, scenarioWarnings(scenario), quiet); // the results carry them too (`warnings`)
  const text = await namingFile(file, () => simulateForCli(scenario, settings, quiet));
  await writeOutput(text, out, quiet);
  return EXIT_OK;
}

interface RunSettings {
  trials: number;
  seed: number | string;
  treatments: RunOptions['treatments'];
  workers: number;
  targetSe?: number;
  shard?: Shard;
  /** With --shard auto, where the shard came from (`SLURM_ARRAY_TASK_ID=3 (Slurm job array)`). */
  shardSource?: string;
  format: ReturnType<typeof formatOf>;
  /** Relative variation for --sensitivity, or undefined without it. */
  sensitivity?: number;
  /** --top and --wide, for the table and Markdown reports. */
  report: ReportOptions;
}

function runSettings(values: Values): RunSettings {
  const targetSe = targetSeOf(values['target-se']);
  const found = shardOf(values.shard, values.shards);
  const shard = found && { index: found.index, count: found.count }; // written into the part: no source
  if (targetSe !== undefined && values.trials !== undefined) throw new InputError('--trials and --target-se do not go together: with --target-se, --max-trials bounds the run');
  if (targetSe === undefined && values['max-trials'] !== undefined) throw new InputError('--max-trials needs --target-se (without it, --trials sets the run length)');
  if (shard && targetSe !== undefined) throw new InputError('--shard and --target-se do not go together: a shard cannot see the other shards\' error');
  if (shard && values.format !== undefined && values.format !== 'json') throw new InputError('--shard writes a partial result in JSON for `chainward merge`; --format must be json or left out');
  if (values['sensitivity-delta'] !== undefined && values.sensitivity !== true) throw new InputError('--sensitivity-delta needs --sensitivity');
  if (shard && values.sensitivity === true) throw new InputError('--sensitivity and --shard do not go together: run the sensitivity analysis in one run');
  let sensitivityDelta: number | undefined;
  if (values.sensitivity === true) {
    const v = values['sensitivity-delta'];
    sensitivityDelta = numberOption('sensitivity-delta', v, DEFAULT_SENSITIVITY_DELTA, (x) => x > 0 && x < 1, 'a relative variation between 0 and 1 such as 0.25');
  }
  const trials = targetSe !== undefined ? intOption('max-trials', values['max-trials'], DEFAULT_MAX_TRIALS, MAX_TRIALS) : intOption('trials', values.trials, DEFAULT_TRIALS, MAX_TRIALS);
  if (shard) {
    const ranges = Math.ceil(trials / RANGE_TRIALS);
    if (shard.count > ranges) throw new InputError(`--shard ${shard.index}/${shard.count}: ${trials} trials make only ${ranges} range${ranges === 1 ? '' : 's'} of ${RANGE_TRIALS}; use at most ${ranges} shard${ranges === 1 ? '' : 's'} or more trials`);
  }
  return {
    trials,
    seed: seedOf(values.seed),
    treatments: treatmentsOf(values.treatments),
    workers: intOption('workers', values.workers, defaultWorkers(), 256),
    targetSe,
    shard,
    shardSource: found?.source,
    format: formatOf(values.format),
    sensitivity: sensitivityDelta,
    report: { top: intOption('top', values.top, DEFAULT_TOP, 1_000_000), wide: values.wide === true },
  };
}

/**
 * Runs the simulation as the CLI asked and returns the text to write. The plans are compiled and the
 * treatments checked before the worker threads start, and the threads are closed before the results
 * are built, so neither stacks on their memory (README.md, "Memory").
 */
async function simulateForCli(scenario: Scenario, s: RunSettings, quiet: boolean): Promise<TextContent> {
  const started = Date.now();
  // large plans wait in temporary files between their check and their turn (until the results are built)
  const spill = new PlanSpill({ shared: s.workers > 1, keepBytes: testHook('CHAINWARD_TEST_KEEP_PLAN_BYTES') });
  let output: () => TextContent;
  try {
    let prepared: PreparedAnalysis | undefined;
    try {
      prepared = prepareAnalysis(scenario, { seed: s.seed, treatments: s.treatments, planStore: spill });
    } catch (e) {
      if (e instanceof UnknownTreatmentError) throw new InputError(`--treatments: ${e.message}`);
      throw e;
    }
    const bar = new ProgressBar(process.stderr, scenario.currency ?? 'USD', Boolean(process.stderr.isTTY) && !quiet);
    try {
      output = await withWorkers(s.workers, (runner) => simulateRanges(scenario, s, prepared!, { ...runner, planStore: spill, onProgress: (p) => bar.update(p) }, started, bar, quiet));
    } finally {
      bar.done();
    }
    prepared = undefined; // the baseline's index goes with what output() lets go
    return output();
  } finally {
    spill.close();
  }
}

/** Simulates the run's (or the shard's) ranges; returns what renders the results or the partial result. */
async function simulateRanges(
  scenario: Scenario,
  s: RunSettings,
  prepared: PreparedAnalysis,
  runner: Pick<RunOptions, 'runRange' | 'inFlight' | 'sharePlan' | 'planStore' | 'onProgress'>,
  started: number,
  bar: ProgressBar,
  quiet: boolean,
): Promise<() => TextContent> {
  const opts: RunOptions = { trials: s.trials, seed: s.seed, treatments: s.treatments, targetSe: s.targetSe, workers: s.workers, ...runner };
  const all = trialRanges(s.trials);
  if (s.shard) {
    const ranges = shardRanges(all, s.shard.index, s.shard.count);
    const share = runner.sharePlan ?? ((p: SimulationPlan) => p);
    const { base, treatments } = prepared;
    const planOf = (i: number) => share(i === 0 ? base.takePlan() : treatments[i - 1]!.take());
    const { values: encoded } = await simulateEach(1 + treatments.length, planOf, ranges, tailSizeFor(s.trials), opts, (_i, acc) => encodeSummary(acc.result(tailSizeFor(s.trials))));
    bar.done();
    const partial: Omit<PartialResult, 'checksum'> = {
      format: PARTIAL_FORMAT,
      engineVersion: ENGINE_VERSION,
      scenarioHash: scenarioHash(scenario),
      seed: s.seed,
      trials: s.trials,
      rangeTrials: RANGE_TRIALS,
      treatments: treatments.map((t) => t.treatment.id),
      shard: s.shard,
      run: { workers: s.workers, wallMs: Date.now() - started },
      units: encoded,
      scenario,
    };
    const whole = { ...partial, checksum: partialChecksum(partial) } satisfies PartialResult;
    return () => jsonDocumentChunks(whole, 0);
  }
  let held: SimulatedAnalysis | undefined = await simulateAnalysis(scenario, opts, all, prepared);
  const { trials, target, units } = held;
  bar.done();
  let simulated = trials * units;
  let rows: SensitivityRow[] | undefined;
  if (s.sensitivity !== undefined) {
    const sens = await sensitivity(scenario, { trials, seed: s.seed, delta: s.sensitivity, runRange: opts.runRange, inFlight: opts.inFlight, sharePlan: opts.sharePlan, planStore: opts.planStore });
    rows = sens.rows;
    simulated += trials * (1 + 2 * rows.length);
  }
  if (target?.stoppedBy === 'max-trials' && !quiet) {
    process.stderr.write(
      `chainward: warning: stopped at --max-trials ${s.trials.toLocaleString('en-US')} with a relative standard error of ${target.achievedRelativeSe.toFixed(4)}, above the target ${target.targetSe}; raise --max-trials to reach it\n`,
    );
  }
  const info = runInfo(s.workers, Date.now() - started, simulated, target);
  return () => {
    // what the results are made from is let go with them: not kept while they are written
    const sim = held!;
    held = undefined;
    const results = assembleResults(sim.base, sim.baseCompiled(), sim.baseMerged, sim.treatments, s.seed, info);
    if (rows) {
      const { run, ...rest } = results;
      return renderContent({ ...rest, sensitivity: rows, run }, s.format, s.report);
    }
    return renderContent(results, s.format, s.report);
  };
}
