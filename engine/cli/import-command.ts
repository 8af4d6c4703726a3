// `chainward import --sites S.csv --lanes L.csv [--flows …] [--carriers …] [--threats …] [--base B]`:
// a scenario from spreadsheet exports (docs/import-export.md). Every problem of every file is printed
// at once as FILE:LINE:COLUMN with what was expected, with exit status 2 and nothing written; a valid
// import is written whole (2-space JSON) after the same limits check as `validate`.
import { readFileSync } from 'node:fs';
import { compilePlan } from '../plan/compile-plan.js';
import { applyTreatment } from '../plan/apply-treatment.js';
import { importNetwork, problemLine, type CsvInput, type ImportInput } from '../interchange/import-network.js';
import { readBase } from '../interchange/read-base.js';
import type { TableName } from '../interchange/csv-tables.js';
import { issueWhere } from '../validate/parse-scenario-text.js';
import { scenarioWarnings } from '../validate/warnings.js';
import { oneLine } from '../report/format.js';
import { plural } from '../text/format.js';
import { MAX_SCENARIO_BYTES } from '../model/file-limits.js';
import { readRegularFile } from '../io/read-regular-file.js';
import { checkOutputPath } from '../io/write-atomic.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { OUT_OPTION, parseCommand, usageOf, type CommandSpec } from './args.js';
import { namingFile, readInputFile } from './scenario-file.js';
import { printWarnings } from './print-warnings.js';
import { writeOutput } from './write-output.js';

/** Problems printed before the rest are counted. */
export const MAX_SHOWN_PROBLEMS = 50;

const csvOption = (what: string, required = false) => ({ type: 'string', value: 'FILE.csv', description: what, ...(required ? { required: true } : {}) }) as const;

/** `chainward import`: its options, usage line and --help (docs/import-export.md). */
export const IMPORT_COMMAND = {
  name: 'import',
  summary:
    'makes a scenario from CSV files of sites, lanes and optionally flows, carriers and threats (headers in any order and case, common names such as latitude or origin understood); threats, controls, treatments and appetite come from --base.',
  options: {
    sites: csvOption('the sites: id, kind and optional name, lat, lon, region, value, controls, ttrDays, owner, tags', true),
    lanes: csvOption('the lanes: id, from, to, mode, transitDays and optional name, carrier, costPerShipment, controls, region, ttrDays, owner, tags', true),
    flows: csvOption('the flows: id, from, to, valuePerYear, shipmentsPerYear and optional name, bufferDays, interruptionCostPerDay, path'),
    carriers: csvOption('the carriers: id and optional name, modes, regions, riskFactor, disruptionFactor, certifications, costPerShipment'),
    threats: csvOption('the threats: id, category, appliesTo, perYear or perShipment, lossFraction, lossAmount or downtimeDays, and optional selectors, regionFactors, triggers, jointly'),
    base: { type: 'string', value: 'SCENARIO', description: 'a scenario (JSON or YAML) giving everything the CSV files do not: its lists the files replace; what no longer fits the network is left out with a warning', default: 'none: no threats but --threats, only the catalog controls, no treatments' },
    name: { type: 'string', value: 'NAME', description: "the scenario's name", default: "the base's name, else Imported network" },
    out: OUT_OPTION,
  },
  example: 'chainward import --sites sites.csv --lanes lanes.csv --flows flows.csv --base scenarios/eu-electronics-inbound.json --out net.json',
  notes:
    'Lists in a cell are separated by ";"; a distribution is written pert(min, mode, max), lognormal(median=m, p90=x) and so on (docs/import-export.md lists every column and the other names it is known by). Every problem of every file is reported at once as FILE:LINE:COLUMN with exit status 2, and nothing is written.',
} as const satisfies CommandSpec;

const USAGE = usageOf(IMPORT_COMMAND);
const TABLE_OPTIONS: readonly TableName[] = ['sites', 'lanes', 'flows', 'carriers', 'threats'];

/** A CSV file's text; not UTF-8 is bad input. */
function readCsvFile(path: string): string {
  const text = readRegularFile(path, MAX_SCENARIO_BYTES, 'a CSV file');
  if (text.includes('\uFFFD')) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
    } catch {
      throw new InputError(`${path}: not UTF-8 text, expected a CSV file saved as UTF-8 (in a spreadsheet: Save as "CSV UTF-8")`);
    }
  }
  return text;
}

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(IMPORT_COMMAND, argv);
  if (positionals.length > 0) throw new InputError(`import takes its files as options (--sites FILE …), got ${positionals.join(' ')}\n\n${USAGE}`);
  for (const t of ['sites', 'lanes'] as const) if (typeof values[t] !== 'string' || values[t] === '') throw new InputError(`import needs --${t} FILE.csv\n\n${USAGE}`);
  if (values.name !== undefined && String(values.name).trim() === '') throw new InputError('--name: expected a non-empty name');
  const given = TABLE_OPTIONS.filter((t) => typeof values[t] === 'string');
  const inputs = [...given.map((t) => values[t] as string), ...(typeof values.base === 'string' ? [values.base] : [])];
  checkOutputPath(values.out, inputs);
  const quiet = values.quiet === true;

  const tables = {} as ImportInput['tables'];
  for (const t of given) tables[t] = { file: values[t] as string, text: readCsvFile(values[t] as string) } satisfies CsvInput;
  let base: ImportInput['base'];
  if (typeof values.base === 'string') {
    const read = readBase(readInputFile(values.base), values.base);
    if (!read.ok) throw new InputError(`--base ${values.base}: ${plural(read.issues.length, 'problem')}; nothing written`, read.issues.map((i) => `${issueWhere(values.base as string, i)}: ${i.message}`));
    base = read.base;
  }
  const result = importNetwork({ tables, ...(base ? { base } : {}), ...(typeof values.name === 'string' ? { name: values.name } : {}) });
  if (!result.ok) {
    const shown = result.problems.slice(0, MAX_SHOWN_PROBLEMS);
    const more = result.problems.length - shown.length;
    throw new InputError(`import: ${plural(result.problems.length, 'problem')}; nothing written`, [
      ...shown.map(problemLine),
      ...(more > 0 ? [`… and ${plural(more, 'more problem')} (the first ${shown.length} are shown, by file and line)`] : []),
    ]);
  }
  const scenario = result.scenario;
  const out = typeof values.out === 'string' ? values.out : '(standard output)';
  // within the limits, the baseline and every treatment, as `validate` checks
  namingFile(out, () => {
    compilePlan(scenario, 1);
    (scenario.treatments ?? []).forEach((t, i) => compilePlan(applyTreatment(scenario, t).scenario, 1, `treatments[${i}] "${t.id}"`));
  });
  if (!quiet) {
    for (const w of result.warnings) process.stderr.write(oneLine(`chainward: warning: ${problemLine(w)}`) + '\n');
    printWarnings(out, scenarioWarnings(scenario), false);
    const lists = [plural(scenario.sites.length, 'site'), plural((scenario.lanes ?? []).length, 'lane'), plural((scenario.flows ?? []).length, 'flow'), plural((scenario.carriers ?? []).length, 'carrier'), plural(scenario.threats.length, 'threat'), plural((scenario.treatments ?? []).length, 'treatment')];
    process.stderr.write(oneLine(`chainward: imported "${scenario.name}": ${lists.join(', ')}${base ? ` (with ${base.file})` : ''}`) + '\n');
  }
  await writeOutput(JSON.stringify(scenario, null, 2) + '\n', values.out, quiet);
  return EXIT_OK;
}
