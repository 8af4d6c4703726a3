// `chainward export SCENARIO --format csv --out DIR`: the scenario's sites, lanes, flows, carriers and
// threats as the CSV files `chainward import` reads; `--format geojson`: sites and lanes with their
// results' figures as a GeoJSON FeatureCollection for GIS tools, from results and --scenario (checked
// by its hash, as `report` does) or from a scenario simulated first (docs/import-export.md).
import { mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { simulateScenario } from '../analysis/simulate-scenario.js';
import { scenarioCsv } from '../interchange/scenario-csv.js';
import { resultsGeoJson } from '../interchange/geojson.js';
import type { Scenario } from '../model/schema.js';
import type { Results } from '../results/schema.js';
import { oneLine } from '../report/format.js';
import { defaultWorkers } from '../parallel/pool.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { checkOutputPath, writeAtomic } from '../io/write-atomic.js';
import { formatOption, intOption, parseCommand, QUIET_PROGRESS_OPTION, SEED_OPTION, seedOf, trialsOption, usageOf, WORKERS_OPTION, type CommandSpec } from './args.js';
import { ProgressBar } from './progress.js';
import { DEFAULT_TRIALS } from './run-command.js';
import { namingFile } from './scenario-file.js';
import { readScenarioOrResults, scenarioOfResults } from './read-scenario-or-results.js';
import { withWorkers } from './with-workers.js';
import { writeOutput } from './write-output.js';

const MAX_TRIALS = 100_000_000;
const EXPORT_FORMATS = ['csv', 'geojson'] as const;

/** `chainward export`: its options, usage line and --help (docs/import-export.md). */
export const EXPORT_COMMAND = {
  name: 'export',
  summary:
    "writes a scenario's sites, lanes, flows, carriers and threats as the CSV files `chainward import` reads (csv), or its sites and lanes with the results' figures as GeoJSON for GIS tools (geojson).",
  args: 'SCENARIO|RESULTS.json',
  argsHelp: [['SCENARIO|RESULTS.json', 'a scenario (JSON or YAML); for geojson also results written by `chainward run --format json`, with --scenario']],
  options: {
    format: formatOption(EXPORT_FORMATS, 'csv (one file a list, into the folder --out) or geojson (a FeatureCollection of sites and lanes with their expected loss)'),
    out: { type: 'string', value: 'DIR|FILE', description: 'csv: the folder to write sites.csv, lanes.csv, … into (made when missing; each file written whole); geojson: the file, else standard output' },
    scenario: { type: 'string', value: 'SCENARIO.json', description: 'geojson from results: the scenario they were run on (checked by its hash)' },
    trials: trialsOption(DEFAULT_TRIALS, MAX_TRIALS, 'geojson from a scenario: the simulated years'),
    seed: { ...SEED_OPTION, description: `geojson from a scenario: ${SEED_OPTION.description}` },
    workers: WORKERS_OPTION,
    quiet: QUIET_PROGRESS_OPTION,
  },
  example: 'chainward export scenarios/eu-electronics-inbound.json --format csv --out network/',
  notes: 'Importing the CSV files with the scenario as --base gives the scenario back: `chainward import --sites network/sites.csv --lanes network/lanes.csv … --base scenario.json`.',
} as const satisfies CommandSpec;

const USAGE = usageOf(EXPORT_COMMAND);

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(EXPORT_COMMAND, argv);
  if (positionals.length !== 1) throw new InputError(`export takes one scenario or results file, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}\n\n${USAGE}`);
  const file = positionals[0]!;
  const format = values.format ?? 'csv';
  if (!(EXPORT_FORMATS as readonly string[]).includes(String(format))) throw new InputError(`--format: expected csv or geojson, got "${String(format)}"`);
  return format === 'csv' ? exportCsv(file, values) : exportGeoJson(file, values);
}

async function exportCsv(file: string, values: Record<string, string | boolean | undefined>): Promise<number> {
  const extra = (['scenario', 'trials', 'seed', 'workers'] as const).filter((o) => values[o] !== undefined);
  if (extra.length > 0) throw new InputError(`--format csv writes the scenario as it is: ${extra.map((o) => `--${o}`).join(', ')} ${extra.length === 1 ? 'goes' : 'go'} with --format geojson`);
  const dir = values.out;
  if (typeof dir !== 'string' || dir === '') throw new InputError(`--format csv needs --out DIR: the folder to write sites.csv, lanes.csv, … into\n\n${USAGE}`);
  const input = readScenarioOrResults(file);
  if (input.kind !== 'scenario') throw new InputError(`${file} holds results; --format csv writes a scenario's network: give the scenario`);
  const files = scenarioCsv(input.scenario);
  let exists = false;
  try {
    exists = statSync(dir).isDirectory();
    if (!exists) throw new InputError(`--out ${dir}: not a folder; expected a folder (made when missing) for ${files.map((f) => f.file).join(', ')}`);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
  if (!exists) {
    try {
      mkdirSync(dir);
    } catch (e) {
      throw new InputError(`--out ${dir}: cannot make the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a folder whose parent exists and is writable`);
    }
  }
  // every path checked before the first file is written
  for (const f of files) checkOutputPath(join(dir, f.file), [file]);
  for (const f of files) await writeAtomic(join(dir, f.file), f.text);
  if (values.quiet !== true) process.stderr.write(oneLine(`wrote ${files.map((f) => join(dir, f.file)).join(', ')}`) + '\n');
  return EXIT_OK;
}

async function exportGeoJson(file: string, values: Record<string, string | boolean | undefined>): Promise<number> {
  const trials = intOption('trials', values.trials, DEFAULT_TRIALS, MAX_TRIALS);
  const seed = seedOf(values.seed);
  const workers = intOption('workers', values.workers, defaultWorkers(), 256);
  const quiet = values.quiet === true;
  checkOutputPath(values.out, [file, ...(typeof values.scenario === 'string' ? [values.scenario] : [])]);
  const input = readScenarioOrResults(file);
  let scenario: Scenario;
  let results: Results;
  if (input.kind === 'results') {
    if (values.trials !== undefined || values.seed !== undefined) throw new InputError(`${values.trials !== undefined ? '--trials' : '--seed'}: ${basename(file)} holds results, which keep the trials and seed they were run with; give a scenario to run other ones`);
    if (typeof values.scenario !== 'string') throw new InputError(`--format geojson from results needs --scenario SCENARIO.json, the scenario ${basename(file)} was run on: the map needs its sites' coordinates`);
    scenario = scenarioOfResults(file, input.results, values.scenario);
    results = input.results;
  } else {
    if (values.scenario !== undefined) throw new InputError(`--scenario: ${basename(file)} is a scenario already; --scenario goes with a results file`);
    scenario = input.scenario;
    const bar = new ProgressBar(process.stderr, scenario.currency ?? 'USD', Boolean(process.stderr.isTTY) && !quiet);
    try {
      results = await namingFile(file, () => withWorkers(workers, (runner) => simulateScenario(scenario, { trials, seed, workers, treatments: 'all', ...runner, onProgress: (p) => bar.update(p) })));
    } finally {
      bar.done();
    }
  }
  await writeOutput(JSON.stringify(resultsGeoJson(scenario, results), null, 2) + '\n', values.out, quiet);
  return EXIT_OK;
}
