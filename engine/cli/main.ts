// The chainward command line (SPEC §6): `run` and `validate`. Bad input or usage prints what is
// wrong and where, and exits with status 2 without a stack trace; nothing is written half-way.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { simulateScenario, UnknownTreatmentError, type Results } from '../analysis/simulate-scenario.js';
import { compilePlan } from '../plan/compile-plan.js';
import { csvReport } from '../report/csv.js';
import { markdownReport } from '../report/markdown.js';
import { tableReport } from '../report/table.js';
import { ENGINE_VERSION } from '../version.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, InputError } from './errors.js';
import { DEFAULT_SCENARIO, loadScenarioFile } from './scenario-file.js';
import { writeAtomic } from './write-atomic.js';

const USAGE = `chainward ${ENGINE_VERSION}: supply chain security risk simulation (ISO 28000)

usage:
  chainward run [scenario.json] [--trials N] [--seed S] [--treatments all|none|id,id]
                [--format table|json|csv|md] [--out FILE] [--quiet]
  chainward validate scenario.json
  chainward help

run        simulates the scenario (default: the built-in EU electronics inbound scenario)
           and prints the summary, the top risks and the treatments
validate   checks a scenario file and lists every problem with its JSON path

exit status: 0 success, 1 internal error, 2 bad input or usage`;

const FORMATS = ['table', 'json', 'csv', 'md'] as const;
type Format = (typeof FORMATS)[number];

function parse(argv: string[], options: ParseArgsConfig['options']) {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new InputError(`${(e as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\n\n${USAGE}`);
  }
}

function positiveInt(name: string, v: string | undefined, fallback: number, max: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new InputError(`--${name}: expected a whole number from 1 to ${max}, got "${v}"`);
  return Number(v);
}

/** A seed given as digits is a number (so `--seed 1` and the default agree); anything else stays a string. */
function seedOf(v: string | undefined): number | string {
  if (v === undefined) return 1;
  if (v === '') throw new InputError('--seed: expected a number or a non-empty string');
  return /^\d{1,15}$/.test(v) ? Number(v) : v;
}

export function render(results: Results, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(results, null, 2) + '\n';
    case 'csv':
      return csvReport(results);
    case 'md':
      return markdownReport(results);
    default:
      return tableReport(results);
  }
}

/** Fails before any work when `--out` cannot be written: its folder must exist and not be a file. */
function checkOutPath(out: string): void {
  if (out === '') throw new InputError('--out: expected a file name');
  const dir = dirname(resolve(out));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError(`--out: folder "${dir}" does not exist`);
  }
  if (!isDir) throw new InputError(`--out: "${dir}" is not a folder`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new InputError(`--out: "${out}" is a folder; expected a file name`);
}

async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    trials: { type: 'string' },
    seed: { type: 'string' },
    treatments: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  if (positionals.length > 1) throw new InputError(`run takes one scenario file, got ${positionals.length}: ${positionals.join(' ')}`);
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new InputError(`--format: expected one of ${FORMATS.join(', ')}, got "${String(values.format)}"`);
  const trials = positiveInt('trials', values.trials as string | undefined, 20000, 100_000_000);
  const seed = seedOf(values.seed as string | undefined);
  const tv = (values.treatments as string | undefined) ?? 'all';
  const treatments = tv === 'all' || tv === 'none' ? tv : tv.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(treatments) && treatments.some((t) => t === 'all' || t === 'none')) {
    throw new InputError(`--treatments: "all" and "none" stand alone; got "${tv}"`);
  }
  const file = positionals[0] ?? DEFAULT_SCENARIO;
  const scenario = loadScenarioFile(file);
  if (values.out !== undefined) checkOutPath(values.out as string);
  let results: Results;
  try {
    results = await simulateScenario(scenario, { trials, seed, treatments });
  } catch (e) {
    if (e instanceof UnknownTreatmentError) throw new InputError(`--treatments: ${e.message}`);
    throw e;
  }
  const text = render(results, format);
  if (values.out !== undefined) {
    try {
      writeAtomic(values.out as string, text);
    } catch (e) {
      throw new Error(`cannot write ${String(values.out)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!values.quiet) process.stderr.write(`wrote ${String(values.out)}\n`);
  } else process.stdout.write(text);
  return EXIT_OK;
}

function validateCommand(argv: string[]): number {
  const { positionals } = parse(argv, {});
  if (positionals.length !== 1) throw new InputError(`validate takes exactly one scenario file\n\n${USAGE}`);
  const file = positionals[0]!;
  const scenario = loadScenarioFile(file);
  const { plan } = compilePlan(scenario, 1);
  process.stdout.write(
    `${file}: valid chainward/v1 scenario "${scenario.name}": ${plan.nSites} sites, ${plan.nLanes} lanes, ${plan.nFlows} flows, ` +
      `${scenario.threats.length} threats → ${plan.nRisks} risks, ${(scenario.treatments ?? []).length} treatments\n`,
  );
  return EXIT_OK;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest);
      case 'validate':
        return validateCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? EXIT_BAD_INPUT : EXIT_OK;
      case '--version':
        process.stdout.write(ENGINE_VERSION + '\n');
        return EXIT_OK;
      default:
        throw new InputError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`chainward: ${e.message}\n`);
      for (const d of e.details) process.stderr.write(`  ${d}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`chainward: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.CHAINWARD_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return EXIT_INTERNAL;
  }
}
