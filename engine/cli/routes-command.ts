// `chainward routes SCENARIO --flow ID [--k 3] [--carriers] [--wide]`: the k fastest loop-free routes
// of a flow (Yen's algorithm), and with --carriers a switch on each road lane of those routes to each
// carrier that serves its mode and regions; every option simulated with common random numbers and
// compared on transit days, transport cost, flow and network loss and interruption, with dominated
// options marked and a recommendation (the text report is routes-table.ts).
import { routeOptions, UnknownFlowError, type RouteOptionsResult } from '../analysis/route-options.js';
import { oneLine } from '../report/format.js';
import { defaultWorkers } from '../parallel/pool.js';
import { formatOption, intOption, OUT_OPTION, parseCommand, QUIET_PROGRESS_OPTION, SEED_OPTION, seedOf, trialsOption, usageOf, type CommandSpec, WORKERS_OPTION } from './args.js';
import { writeOutput } from './write-output.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { ProgressBar } from './progress.js';
import { loadScenarioFile } from './scenario-file.js';
import { routesTable } from './routes-table.js';
import { withWorkers } from './with-workers.js';
import { checkOutputPath } from '../io/write-atomic.js';

export const DEFAULT_ROUTES_TRIALS = 20_000;
export const DEFAULT_K = 3;
const MAX_K = 50;
const MAX_TRIALS = 100_000_000;

/** `chainward routes`: its options, usage line and --help (see README.md, "Routes and carriers"). */
export const ROUTES_COMMAND = {
  name: 'routes',
  summary:
    'the k fastest loop-free routes of a flow (Yen) and, with --carriers, other carriers on its road lanes, each simulated with the same random numbers: transit days, transport cost, risk, dominance.',
  args: 'scenario.json',
  argsHelp: [['scenario.json', 'the scenario file']],
  options: {
    flow: { type: 'string', value: 'ID', description: 'the flow whose routes to compare', required: true },
    k: { type: 'string', value: 'N', description: `how many fastest routes, 1 to ${MAX_K}`, default: String(DEFAULT_K) },
    carriers: { type: 'boolean', description: "adds a switch to each other carrier on the routes' road lanes" },
    wide: { type: 'boolean', description: 'shows every column and whole cells, even when the table is wider than 120 columns' },
    trials: trialsOption(DEFAULT_ROUTES_TRIALS, MAX_TRIALS, 'simulated years per option'),
    seed: SEED_OPTION,
    workers: WORKERS_OPTION,
    format: formatOption(['table', 'json'], 'table or json'),
    out: OUT_OPTION,
    quiet: QUIET_PROGRESS_OPTION,
  },
  example: 'chainward routes scenarios/eu-electronics-inbound.json --flow fl-phones-venlo --k 3 --carriers --trials 5000',
} as const satisfies CommandSpec;

export const ROUTES_USAGE = usageOf(ROUTES_COMMAND);

export async function routesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(ROUTES_COMMAND, argv);
  if (positionals.length !== 1) throw new InputError(`routes takes one scenario file, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}\n\n${ROUTES_USAGE}`);
  if (typeof values.flow !== 'string' || values.flow === '') throw new InputError(`routes needs --flow ID: the flow whose routes to compare\n\n${ROUTES_USAGE}`);
  const k = intOption('k', values.k, DEFAULT_K, MAX_K);
  const trials = intOption('trials', values.trials, DEFAULT_ROUTES_TRIALS, MAX_TRIALS);
  const seed = seedOf(values.seed);
  const workers = intOption('workers', values.workers, defaultWorkers(), 256);
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new InputError(`--format: expected table or json, got "${String(format)}"`);
  const file = positionals[0]!;
  checkOutputPath(values.out, [file]);
  const scenario = loadScenarioFile(file);
  const flows = scenario.flows ?? [];
  if (!flows.some((f) => f.id === values.flow)) {
    const e = new UnknownFlowError(values.flow, flows.map((f) => f.id));
    throw new InputError(oneLine(`--flow: ${e.message}`)); // it lists the file's flow ids: one line
  }
  const quiet = values.quiet === true;

  const bar = new ProgressBar(process.stderr, scenario.currency ?? 'USD', Boolean(process.stderr.isTTY) && !quiet);
  let result: RouteOptionsResult;
  try {
    result = await withWorkers(workers, (runner) =>
      routeOptions(scenario, {
        flowId: values.flow as string,
        k,
        carriers: values.carriers === true,
        trials,
        seed,
        workers,
        ...runner,
        onProgress: (p) => bar.update(p),
      }),
    );
  } catch (e) {
    if (e instanceof UnknownFlowError) throw new InputError(oneLine(`--flow: ${e.message}`));
    throw e;
  } finally {
    bar.done();
  }
  const text = format === 'json' ? JSON.stringify(result, null, 2) + '\n' : routesTable(result, { wide: values.wide === true });
  await writeOutput(text, values.out, quiet);
  return EXIT_OK;
}
