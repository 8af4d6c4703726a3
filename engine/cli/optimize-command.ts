// `chainward optimize SCENARIO --budget AMOUNT`: chooses control placements (control × site or lane)
// within a yearly budget to minimise EAL or CVaR95, with common random numbers (see
// engine/analysis/optimize-controls.ts); prints the chosen set, its cost, the reduction with its
// 95 % interval and the cost–risk frontier, as a table or as JSON (chainward-optimize/v1).
import { OBJECTIVES, optimizeControls, type Objective, type OptimizeResult } from '../analysis/optimize-controls.js';
import { defaultWorkers } from '../parallel/pool.js';
import { oneLine, textTable } from '../report/format.js';
import { money, percent, plural } from '../text/format.js';
import { formatOption, intOption, numberOption, OUT_OPTION, parseCommand, QUIET_PROGRESS_OPTION, SEED_OPTION, seedOf, trialsOption, usageOf, type CommandSpec, WORKERS_OPTION } from './args.js';
import { writeOutput } from './write-output.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { loadScenarioFile } from './scenario-file.js';
import { withWorkers } from './with-workers.js';
import { checkOutputPath } from '../io/write-atomic.js';

/** Trials per evaluated set of placements (each candidate set is a full simulation). */
export const DEFAULT_OPTIMIZE_TRIALS = 4096;
const MAX_TRIALS = 10_000_000;

export const OPTIMIZE_FORMAT = 'chainward-optimize/v1';

/** `chainward optimize`: its options, usage line and --help (see README.md, "Which controls are worth their money"). */
export const OPTIMIZE_COMMAND = {
  name: 'optimize',
  summary: 'the catalog control placements that most reduce EAL (or CVaR95) within a yearly budget, and the cost–risk frontier.',
  args: 'scenario.json',
  argsHelp: [['scenario.json', 'the scenario file']],
  options: {
    budget: { type: 'string', value: 'AMOUNT', description: "the yearly budget for new controls, in the scenario's currency", required: true },
    objective: { type: 'string', value: OBJECTIVES.join('|'), description: 'what to reduce: eal (expected annual loss) or cvar95 (mean of the worst 5 % of years)', default: OBJECTIVES[0] },
    trials: trialsOption(DEFAULT_OPTIMIZE_TRIALS, MAX_TRIALS, 'simulated years per evaluated set of placements'),
    seed: SEED_OPTION,
    workers: WORKERS_OPTION,
    format: formatOption(['table', 'json'], `table or json (${OPTIMIZE_FORMAT})`),
    out: OUT_OPTION,
    quiet: QUIET_PROGRESS_OPTION,
  },
  example: 'chainward optimize scenarios/eu-electronics-inbound.json --budget 200000 --objective cvar95',
} as const satisfies CommandSpec;

export const OPTIMIZE_USAGE = usageOf(OPTIMIZE_COMMAND);

function budgetOf(v: string | boolean | undefined): number {
  if (v === undefined) throw new InputError(`--budget is required: the yearly budget for new controls, in the scenario's currency\n\n${OPTIMIZE_USAGE}`);
  // JSON's number syntax, as in a scenario: 200000, 2.5e5, 1e12
  return numberOption('budget', v, 0, (x) => x >= 0, 'an amount ≥ 0 such as 200000');
}

function objectiveOf(v: string | boolean | undefined): Objective {
  const o = (v ?? 'eal') as Objective;
  if (!OBJECTIVES.includes(o)) throw new InputError(`--objective: expected eal or cvar95, got "${String(v)}"`);
  return o;
}

export async function optimizeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(OPTIMIZE_COMMAND, argv);
  if (positionals.length !== 1) throw new InputError(`optimize takes exactly one scenario file, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}\n\n${OPTIMIZE_USAGE}`);
  const budget = budgetOf(values.budget);
  const objective = objectiveOf(values.objective);
  const trials = intOption('trials', values.trials, DEFAULT_OPTIMIZE_TRIALS, MAX_TRIALS);
  const seed = seedOf(values.seed);
  const workers = intOption('workers', values.workers, defaultWorkers(), 256);
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new InputError(`--format: expected table or json, got "${String(format)}"`);
  const quiet = values.quiet === true;
  checkOutputPath(values.out, [positionals[0]!]);
  const scenario = loadScenarioFile(positionals[0]!);

  const started = Date.now();
  const showProgress = !quiet && Boolean(process.stderr.isTTY);
  let result: OptimizeResult;
  try {
    result = await withWorkers(workers, (runner) =>
      optimizeControls(scenario, {
        budget,
        objective,
        trials,
        seed,
        ...runner,
        onProgress: showProgress ? (n) => process.stderr.write(`\roptimize: ${n} sets of placements simulated`) : undefined,
      }),
    );
  } finally {
    if (showProgress) process.stderr.write('\r\x1b[K');
  }
  const wallMs = Date.now() - started;
  const text = format === 'json' ? JSON.stringify(optimizeJson(result), null, 2) + '\n' : optimizeTable(result, wallMs, workers);
  await writeOutput(text, values.out, quiet);
  return EXIT_OK;
}

/** The JSON record (chainward-optimize/v1). */
export function optimizeJson(r: OptimizeResult) {
  return {
    format: OPTIMIZE_FORMAT,
    scenario: r.scenario,
    currency: r.currency,
    budget: r.budget,
    objective: r.objective,
    trials: r.trials,
    seed: r.seed,
    chosen: r.chosen,
    cost: r.cost,
    before: r.before,
    after: r.after,
    reduction: r.reduction,
    frontier: r.frontier.map((f) => ({ budget: f.budget, cost: f.cost, objective: f.objective, chosen: f.chosen.map((c) => `${c.control}@${c.target}`) })),
    candidates: r.candidates.length,
    simulations: r.simulations,
  };
}

/** The table report: the chosen placements, cost and reduction, then the frontier. */
export function optimizeTable(r: OptimizeResult, wallMs: number, workers: number): string {
  const m = (x: number) => money(x, r.currency);
  const name = r.objective === 'eal' ? 'EAL' : 'CVaR95';
  const lines: string[] = [];
  lines.push(
    `chainward optimize · ${oneLine(r.scenario)} · budget ${m(r.budget)}/yr · objective ${name} · ${r.trials.toLocaleString('en-US')} trials · seed ${oneLine(String(r.seed))}`,
    `${plural(r.candidates.length, 'candidate placement')}, ${plural(r.simulations, 'set')} simulated with common random numbers · ${(wallMs / 1000).toFixed(1)} s on ${plural(workers, 'worker')}`,
    '',
  );
  if (r.chosen.length === 0) lines.push('no placement within the budget reduces the objective');
  else {
    lines.push(
      textTable(
        ['control', 'target', 'kind', 'yearly cost'],
        r.chosen.map((c) => [oneLine(c.control), oneLine(c.target), c.targetKind, m(c.cost)]),
        new Set([3]),
      ),
    );
  }
  const [lo, hi] = r.reduction.ci95;
  const share = r.before > 0 ? ` (${percent(r.reduction.value / r.before)})` : '';
  lines.push(
    '',
    textTable(
      ['measure', 'value'],
      [
        ['yearly cost', `${m(r.cost)} of ${m(r.budget)}`],
        [`${name} before`, m(r.before)],
        [`${name} after`, m(r.after)],
        ['reduction', `${m(r.reduction.value)}${share}, 95 % interval ${m(lo)} to ${m(hi)}`],
        ['reduction per unit of cost', r.cost > 0 ? `${m(r.reduction.value / r.cost)} less ${name} per ${m(1)} a year` : '—'],
        ...(r.objective === 'eal' && r.cost > 0 ? [['ROSI', percent((r.reduction.value - r.cost) / r.cost, 0)]] : []),
      ],
      new Set(),
    ),
    '',
    'cost–risk frontier',
    textTable(
      ['budget', 'cost', name, 'placements'],
      r.frontier.map((f) => [m(f.budget), m(f.cost), m(f.objective), String(f.chosen.length)]),
      new Set([0, 1, 2, 3]),
    ),
    '',
  );
  return lines.join('\n');
}
