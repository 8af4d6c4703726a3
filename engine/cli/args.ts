// Helpers shared by the CLI commands: each command's declaration (options with their value, default
// and meaning, arguments, an example) from which both the parser and the --help text are made, so the
// two cannot disagree; usage errors in the project's words; number options; the output formats.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FORMATS, type Format } from '../report/render.js';
import { didYouMean } from '../text/did-you-mean.js';
import { InputError } from '../io/errors.js';

export type Values = Record<string, string | boolean | undefined>;

/** One option of a command: what the parser accepts and what --help says about it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** The value's name in the usage line and help (`N`, `FILE`, `table|json`); string options only. */
  readonly value?: string;
  /** What the option does, for --help. */
  readonly description: string;
  /** The default as --help prints it (`20000`, `the cores available`); absent when there is none. */
  readonly default?: string;
  /** Shown without brackets in the usage line; the command itself says what is missing. */
  readonly required?: boolean;
  /** A one-letter alias (`-h`). */
  readonly short?: string;
}

/** A command's declaration: its parser options, usage line and --help text all come from here. */
export interface CommandSpec {
  readonly name: string;
  /** What the command does, a sentence or two; the first line of its help and its entry in `chainward help`. */
  readonly summary: string;
  /** The arguments as the usage line shows them: `[scenario.json]`, `part.json …`. */
  readonly args?: string;
  /** Each argument and what it is, for --help. */
  readonly argsHelp?: ReadonlyArray<readonly [string, string]>;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** One command line that works from the repository root. */
  readonly example: string;
  /** More to say after the options (how options combine, what is written where). */
  readonly notes?: string;
}

type ValueOf<O> = O extends { readonly type: 'boolean' } ? boolean : string;

/** The parsed option values of a command: strings for string options, `true` for the flags given. */
export type ValuesOf<S extends CommandSpec> = { [K in Exclude<keyof S['options'], 'quiet' | 'help'>]?: ValueOf<S['options'][K]> } & { quiet?: boolean; help?: boolean };

/** Every command takes --quiet; a command may declare its own to say what it silences. */
export const QUIET_OPTION = { type: 'boolean', description: 'no messages on standard error (errors are still printed)' } as const satisfies OptionSpec;
const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'prints this help and exits' };

/** The options a command accepts: its own, then --quiet and --help. */
export function optionsOf(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, quiet: spec.options.quiet ?? QUIET_OPTION, help: HELP_OPTION };
}

/** `--trials N`, `--carriers`, `-h, --help`: how help and the usage line name an option. */
function optionLabel(name: string, o: OptionSpec): string {
  return `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
}

/** Words of `text` in lines of at most `width` characters, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: number, firstIndent = indent): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = width - (lines.length === 0 ? firstIndent : indent);
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

const WIDTH = 100;

/** The usage line, `chainward run [scenario.json] [--trials N] …`, wrapped under the command. */
export function synopsis(spec: CommandSpec): string {
  const lead = `chainward ${spec.name}`;
  const parts = [...(spec.args ? [spec.args] : [])];
  for (const [name, o] of Object.entries(optionsOf(spec))) {
    if (name === 'help') continue;
    const label = `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    parts.push(o.required ? label : `[${label}]`);
  }
  // "usage: " comes before the synopsis: continuation lines line up after the command
  const indent = 'usage: '.length + lead.length + 1;
  const lines: string[] = [];
  let line = lead;
  for (const p of parts) {
    if (line.length + 1 + p.length > WIDTH - (lines.length === 0 ? 'usage: '.length : 0) && line.trim() !== '') {
      lines.push(line);
      line = ' '.repeat(indent) + p;
    } else line = `${line} ${p}`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** The short usage line of `chainward help`: arguments and required options, `[options]` for the rest. */
export function briefSynopsis(spec: CommandSpec): string {
  const required = Object.entries(spec.options).filter(([, o]) => o.required);
  return [`chainward ${spec.name}`, ...(spec.args ? [spec.args] : []), ...required.map(([name, o]) => `--${name} ${o.value ?? 'VALUE'}`), '[options]'].join(' ');
}

/** What a usage error ends with: the usage line and where the full help is. */
export function usageOf(spec: CommandSpec): string {
  return `usage: ${synopsis(spec)}\n\`chainward ${spec.name} --help\` explains each option`;
}

/** `chainward <verb> --help`: what the command does, its usage, arguments, options with defaults, an example. */
export function helpText(spec: CommandSpec): string {
  const options = optionsOf(spec);
  const rows: Array<[string, string]> = [];
  const labelled = (label: string, text: string) => rows.push([label, text]);
  for (const [name, o] of Object.entries(options)) {
    const extra = o.required ? ' (required)' : o.default !== undefined ? ` (default: ${o.default})` : '';
    labelled(optionLabel(name, o), o.description + extra);
  }
  const args = spec.argsHelp ?? [];
  const col = Math.min(30, Math.max(...[...rows, ...args].map(([l]) => l.length)) + 4);
  const block = (list: ReadonlyArray<readonly [string, string]>) =>
    list
      .map(([label, text]) => {
        // descriptions start at column `col`; a label too long for its column gets a line of its own
        const body = wrap(text, WIDTH, col);
        const first = label.length + 4 <= col ? `  ${label.padEnd(col - 2)}${body[0]}` : `  ${label}\n${' '.repeat(col)}${body[0]}`;
        return [first, ...body.slice(1).map((l) => ' '.repeat(col) + l)].join('\n');
      })
      .join('\n');
  const out = [wrap(`chainward ${spec.name}: ${spec.summary}`, WIDTH, 2, 0).join('\n  '), '', `usage: ${synopsis(spec)}`, ''];
  if (args.length) out.push('arguments:', block(args), '');
  out.push('options:', block(rows), '');
  if (spec.notes) out.push(wrap(spec.notes, WIDTH, 0).join('\n'), '');
  out.push('example:', `  ${spec.example}`, '');
  return out.join('\n');
}

/** True when `argv` asks for help (`--help` or `-h` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/** A value that reads as a negative number (`-5`, `-0.1`, `-1/2`): taken as the option's value, not as an option. */
const NEGATIVE_NUMBER = /^-\.?\d/;

/**
 * Parses `argv` by the command's declaration. Unknown options (with the closest known one), a missing
 * value, a value given to a flag, and an option where a value was expected are usage errors (exit 2)
 * that end with the usage line. A negative number after an option is its value, so that the option's
 * own check can say what it expects (`--trials: expected a whole number …, got "-5"`).
 */
export function parseCommand<S extends CommandSpec>(spec: S, argv: string[]): { values: ValuesOf<S>; positionals: string[] } {
  const options = optionsOf(spec);
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries(options)) config[name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  // strict: false, and the checks below instead of parseArgs' own: its messages speak of
  // "ambiguous" arguments and suggest nothing; the tokens say everything needed
  const { tokens } = parseArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  const fail = (message: string) => new InputError(`${message}\n\n${usageOf(spec)}`);
  const values: Values = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const o = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (o === undefined) {
      const near = t.rawName.startsWith('--') ? didYouMean(t.name, Object.keys(options)) : undefined;
      throw fail(`unknown option ${t.rawName}${near === undefined ? '' : ` (did you mean --${near}?)`}`);
    }
    if (o.type === 'boolean') {
      if (t.value !== undefined) throw fail(`${t.rawName} takes no value, got "${t.rawName}=${t.value}"`);
      values[t.name] = true;
    } else if (t.value === undefined) {
      throw fail(`${t.rawName}: expected a value: ${optionLabel(t.name, { ...o, short: undefined })}`);
    } else if (!t.inlineValue && t.value.startsWith('-') && !NEGATIVE_NUMBER.test(t.value)) {
      throw fail(`${t.rawName}: expected a value (${o.value ?? 'VALUE'}), got the option "${t.value}"; write a value that starts with "-" as ${t.rawName}=${t.value}`);
    } else values[t.name] = t.value;
  }
  return { values: values as ValuesOf<S>, positionals };
}

/** --trials N: simulated years, with the command's default and ceiling. */
export function trialsOption(fallback: number, max: number, description = 'simulated years'): OptionSpec {
  return { type: 'string', value: 'N', description: `${description}, a whole number from 1 to ${max}`, default: String(fallback) };
}

export const SEED_OPTION: OptionSpec = {
  type: 'string',
  value: 'S',
  description:
    'the seed: the same seed gives the same numbers. A whole number, or any other text, used as it is: -1 and q3-review are seeds too',
  default: '1',
};

export const WORKERS_OPTION: OptionSpec = {
  type: 'string',
  value: 'N',
  description: 'worker threads, 1 to 256; 1 simulates in this thread. The result does not depend on it',
  default: 'the cores available',
};

export const OUT_OPTION: OptionSpec = {
  type: 'string',
  value: 'FILE',
  description: 'writes to FILE instead of standard output, whole (through a temporary file and a rename) or not at all',
};

/** --quiet of the simulating commands, which draw a progress bar on a terminal. */
export const QUIET_PROGRESS_OPTION = { type: 'boolean', description: 'no progress bar and no messages on standard error (errors are still printed)' } as const satisfies OptionSpec;

/** --format with the formats a command writes. */
export function formatOption(formats: readonly string[], description: string): OptionSpec {
  return { type: 'string', value: formats.join('|'), description, default: formats[0]! };
}

/**
 * A number as JSON writes it (README.md, "Command line"): `200000`, `0.01`, `1e12`, `2.5E-3`, `-5`;
 * leading zeros are allowed as well (`007`). Hexadecimal, `Infinity`, `.5` and `1_000` are not numbers here.
 */
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** The number `v` spells in JSON's number syntax (spaces around it ignored), or undefined. */
export function numberText(v: string | boolean | undefined): number | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (!NUMBER_TEXT.test(s)) return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : undefined;
}

/** A number option that `ok` accepts, or `fallback` when absent; otherwise a usage error saying what was `expected`. */
export function numberOption(name: string, v: string | boolean | undefined, fallback: number, ok: (x: number) => boolean, expected: string): number {
  if (v === undefined) return fallback;
  const x = numberText(v);
  const tooLarge = x === undefined && typeof v === 'string' && NUMBER_TEXT.test(v.trim()) ? ', a number too large for any figure' : '';
  if (x === undefined || !ok(x)) throw new InputError(`--${name}: expected ${expected}, got "${String(v)}"${tooLarge}`);
  return x;
}

/** A whole-number option in [min, max] (`1e6` is a whole number), or `fallback` when absent. */
export function intOption(name: string, v: string | boolean | undefined, fallback: number, max: number, min = 1): number {
  return numberOption(name, v, fallback, (x) => Number.isInteger(x) && x >= min && x <= max, `a whole number from ${min} to ${max}`);
}

/**
 * A seed given as digits is a number (so `--seed 1` and the default agree); anything else, `-1` and
 * `1.5` included, is a text seed. Streams are seeded from the seed's text, so `-1` seeds exactly as
 * the number -1 would in the engine's API.
 */
export function seedOf(v: string | boolean | undefined): number | string {
  if (v === undefined) return 1;
  if (v === '' || v === true) throw new InputError('--seed: expected a number or a non-empty string');
  return /^\d{1,15}$/.test(String(v)) ? Number(v) : String(v);
}

export function formatOf(v: string | boolean | undefined): Format {
  const format = (v ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new InputError(`--format: expected one of ${FORMATS.join(', ')}, got "${String(v)}"`);
  return format;
}
