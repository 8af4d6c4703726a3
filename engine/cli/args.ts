// Helpers shared by the CLI commands: argument parsing with usage errors, number options, the
// output formats, and writing results whole (to a file atomically, or to stdout).
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Results } from '../analysis/simulate-scenario.js';
import { csvReport } from '../report/csv.js';
import { markdownReport } from '../report/markdown.js';
import { tableReport } from '../report/table.js';
import { InputError } from './errors.js';
import { writeAtomic } from './write-atomic.js';

export type Values = Record<string, string | boolean | undefined>;

/** The options every simulating command takes: trials, seed, workers, output format and file, quiet. */
export const SIMULATION_OPTIONS = {
  trials: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

/** Parses `argv` strictly; unknown options and missing values are usage errors (exit 2). */
export function parse(argv: string[], options: ParseArgsConfig['options'], usage: string): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    throw new InputError(`${(e as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\n\n${usage}`);
  }
}

/** A whole-number option in [min, max], or `fallback` when absent. */
export function intOption(name: string, v: string | boolean | undefined, fallback: number, max: number, min = 1): number {
  if (v === undefined) return fallback;
  const s = String(v);
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) throw new InputError(`--${name}: expected a whole number from ${min} to ${max}, got "${s}"`);
  return Number(s);
}

/** A seed given as digits is a number (so `--seed 1` and the default agree); anything else stays a string. */
export function seedOf(v: string | boolean | undefined): number | string {
  if (v === undefined) return 1;
  if (v === '' || v === true) throw new InputError('--seed: expected a number or a non-empty string');
  return /^\d{1,15}$/.test(String(v)) ? Number(v) : String(v);
}

export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export function formatOf(v: string | boolean | undefined): Format {
  const format = (v ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new InputError(`--format: expected one of ${FORMATS.join(', ')}, got "${String(v)}"`);
  return format;
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
export function checkOutPath(out: string | boolean | undefined): void {
  if (out === undefined) return;
  if (typeof out !== 'string' || out === '') throw new InputError('--out: expected a file name');
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

/** Writes `text` whole to `out` (atomically) or to stdout. */
export function writeOutput(text: string, out: string | boolean | undefined, quiet: boolean): void {
  if (typeof out === 'string') {
    try {
      writeAtomic(out, text);
    } catch (e) {
      throw new Error(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!quiet) process.stderr.write(`wrote ${out}\n`);
  } else process.stdout.write(text);
}
