// `chainward compare BEFORE AFTER`: what changed between two runs (engine/analysis/compare.ts), each
// side a results file (`run --format json`) or a scenario simulated here. Two scenarios are simulated
// with the same seed and trials, so their EAL change gets the paired interval of common random
// numbers; a results file and a scenario share the results' seed and trials unless told otherwise.
import { assembleResults } from '../analysis/analyse.js';
import { compareResults, CompareError, COMPARE_FORMAT, type Comparison, type CompareSide } from '../analysis/compare.js';
import { pairedDifference } from '../analysis/paired-difference.js';
import { simulateAnalysis } from '../analysis/simulate-analysis.js';
import type { Scenario } from '../model/schema.js';
import { parseInput } from '../results/parse-input.js';
import { issueWhere } from '../validate/parse-scenario-text.js';
import type { Results } from '../results/schema.js';
import { runInfo, type RunOptions } from '../run/run-options.js';
import { defaultWorkers } from '../parallel/pool.js';
import { compareMarkdown, compareTable } from '../report/compare-report.js';
import { oneLine } from '../report/format.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { checkOutputPath } from '../io/write-atomic.js';
import { MAX_SCENARIO_BYTES } from '../model/file-limits.js';
import { formatOption, intOption, OUT_OPTION, parseCommand, QUIET_PROGRESS_OPTION, SEED_OPTION, seedOf, trialsOption, usageOf, type CommandSpec, WORKERS_OPTION } from './args.js';
import { DEFAULT_TRIALS } from './run-command.js';
import { namingFile, readInputFile } from './scenario-file.js';
import { withWorkers } from './with-workers.js';
import { writeOutput } from './write-output.js';

const MAX_TRIALS = 100_000_000;
const FORMATS = ['table', 'json', 'md'] as const;

/** `chainward compare`: its options, usage line and --help (README.md, "Comparing runs"). */
export const COMPARE_COMMAND = {
  name: 'compare',
  summary:
    'what changed between two runs — EAL (with its 95 % interval: paired when both are scenarios), VaR95, p99, CVaR, service level, appetite, risk levels, control spend by ISO 28000 element and the treatment plan — for a management review or a calibration.',
  args: 'before.json after.json',
  argsHelp: [
    ['before.json', 'results (`chainward run --format json`) or a scenario, simulated here'],
    ['after.json', 'the same, after the change'],
  ],
  options: {
    format: formatOption(FORMATS, `table, json (${COMPARE_FORMAT}) or md (Markdown)`),
    trials: { ...trialsOption(DEFAULT_TRIALS, MAX_TRIALS, 'simulated years for a scenario side'), default: `${DEFAULT_TRIALS}, or the other side's trials when it is results` },
    seed: { ...SEED_OPTION, description: `${SEED_OPTION.description}. For a scenario side`, default: "1, or the other side's seed when it is results" },
    workers: WORKERS_OPTION,
    wide: { type: 'boolean', description: 'nothing cut to fit 120 columns (the table report)' },
    out: OUT_OPTION,
    quiet: QUIET_PROGRESS_OPTION,
  },
  example: 'chainward compare scenarios/eu-electronics-inbound.json next-year.json --format md --out review.md',
  notes:
    'Two scenarios are simulated with the same seed and trials, so the EAL change has the paired interval of common random numbers. With a results file, the interval comes from the two standard errors (conservative when both share their seed and trials). --trials and --seed apply to scenario sides only.',
} as const satisfies CommandSpec;

export const COMPARE_USAGE = usageOf(COMPARE_COMMAND);

type Side = { file: string; kind: 'results'; results: Results } | { file: string; kind: 'scenario'; scenario: Scenario };

/** Reads one side: results or a scenario, every problem named by file and JSON path. */
function readSide(file: string): Side {
  const text = readInputFile(file, 'results');
  const loaded = parseInput(text, file);
  if (loaded.kind === 'invalid') {
    throw new InputError(`${file}: ${loaded.results ? 'not valid results' : 'neither valid results nor a valid scenario'}: ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}`, loaded.issues.map((i) => `${issueWhere(file, i)}: ${i.message}`));
  }
  if (loaded.kind === 'results') return { file, kind: 'results', results: loaded.results };
  if (Buffer.byteLength(text) > MAX_SCENARIO_BYTES) throw new InputError(`${file}: a scenario of more than ${MAX_SCENARIO_BYTES / 1048576} MiB`);
  return { file, kind: 'scenario', scenario: loaded.scenario };
}

/** Simulates a scenario as `run` does (every treatment, so the plan is there) and keeps its per-trial losses. */
async function simulate(scenario: Scenario, trials: number, seed: number | string, workers: number, runner: Pick<RunOptions, 'runRange' | 'inFlight' | 'sharePlan'>): Promise<{ results: Results; losses: Float64Array }> {
  const started = Date.now();
  const run = await simulateAnalysis(scenario, { trials, seed, treatments: 'all', workers, ...runner });
  const info = runInfo(workers, Date.now() - started, run.trials * run.units);
  return { results: assembleResults(run.base, run.baseCompiled(), run.baseMerged, run.treatments, seed, info), losses: run.baseMerged.losses };
}

export async function compareCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(COMPARE_COMMAND, argv);
  if (positionals.length !== 2) throw new InputError(`compare takes two files, before and after, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}\n\n${COMPARE_USAGE}`);
  const format = values.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format)) throw new InputError(`--format: expected table, json or md, got "${format}"`);
  const workers = intOption('workers', values.workers, defaultWorkers(), 256);
  checkOutputPath(values.out, positionals);
  const [before, after] = positionals.map(readSide) as [Side, Side];

  const given = { trials: values.trials !== undefined, seed: values.seed !== undefined };
  const results = [before, after].filter((s) => s.kind === 'results');
  if (results.length === 2 && (given.trials || given.seed)) {
    throw new InputError(`--${given.trials ? 'trials' : 'seed'} applies to a scenario, and both ${before.file} and ${after.file} are results: compare their runs as they are, or give the scenarios`);
  }
  // a scenario beside results is simulated like them, unless told otherwise
  const other = results[0]?.kind === 'results' ? results[0].results : undefined;
  const trials = intOption('trials', values.trials, other?.trials ?? DEFAULT_TRIALS, MAX_TRIALS);
  const seed = given.seed || other === undefined ? seedOf(values.seed) : other.seed;

  const simulated = results.length < 2;
  // one pool of worker threads for both sides (none when both are results)
  const runs = await withWorkers(simulated ? workers : 1, async (runner) => {
    const out: Array<{ results: Results; losses?: Float64Array }> = [];
    for (const side of [before, after]) {
      if (side.kind === 'results') out.push({ results: side.results });
      else {
        if (values.quiet !== true) process.stderr.write(`simulating ${oneLine(side.file)}: ${trials.toLocaleString('en-US')} trials, seed ${oneLine(String(seed))}\n`);
        out.push(await namingFile(side.file, () => simulate(side.scenario, trials, seed, workers, runner)));
      }
    }
    return out;
  });
  const [b, a] = runs as [(typeof runs)[number], (typeof runs)[number]];
  const paired = b.losses && a.losses ? pairedDifference(a.losses, b.losses) : undefined;
  const source = (s: Side): Pick<CompareSide, 'source' | 'file'> => ({ source: s.kind, file: s.file });
  let c: Comparison;
  try {
    c = compareResults(b.results, a.results, { ...(paired ? { paired } : {}), sources: { before: source(before), after: source(after) } });
  } catch (e) {
    if (e instanceof CompareError) throw new InputError(`${before.file} and ${after.file}: ${e.message}`);
    throw e;
  }
  const text = format === 'json' ? JSON.stringify(c, null, 2) + '\n' : format === 'md' ? compareMarkdown(c) : compareTable(c, { wide: values.wide === true });
  await writeOutput(text, values.out, values.quiet === true);
  return EXIT_OK;
}
