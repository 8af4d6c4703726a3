// The command line as a well-made CLI: `--help`, `-h` and `help <command>` for every command (from the
// same declaration as the parser), did-you-mean for unknown options, negative numbers answered by the
// option's own check, --quiet on every command, `controls --element` with no match, a closed stdout
// pipe ending quietly, and `bench` writing its JSON only with --out.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpText, optionsOf, parseCommand, synopsis } from '../../../engine/cli/args.js';
import { COMMANDS, main } from '../../../engine/cli/main.js';
import { InputError } from '../../../engine/io/errors.js';
import { CATALOG } from '../../../engine/catalog/controls.js';
import { ELEMENTS } from '../../../engine/model/schema.js';
import { minimalScenario } from '../../support/scenario-fixtures.js';
import { REPO, runCli, runMany, stackProblem } from '../../support/run-cli.js';
import { runMain } from '../../support/run-main.js';

const VERBS = ['run', 'merge', 'validate', 'generate', 'routes', 'optimize', 'calibrate', 'stress', 'compare', 'apply', 'report', 'import', 'export', 'controls', 'explore', 'bench'];

/** main() in this process: its exit status and what it wrote. */
const call = runMain;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-help-'));
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(minimalScenario(), null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chainward <command> --help', () => {
  it('COMMANDS declares every command of the CLI', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(VERBS);
  });

  it.each(VERBS)('%s: --help, -h and `help <command>` print the same help on stdout with exit 0: usage, every option with its default, an example', async (verb) => {
    const [long, short, viaHelp] = [await call([verb, '--help']), await call([verb, '-h']), await call(['help', verb])];
    for (const r of [long, short, viaHelp]) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
    expect(short.stdout).toBe(long.stdout);
    expect(viaHelp.stdout).toBe(long.stdout);
    const text = long.stdout;
    const flat = text.replace(/\s+/g, ' ');
    expect(text).toMatch(new RegExp(`^chainward ${verb}: `));
    expect(text).toContain(`usage: chainward ${verb}`);
    expect(text).toMatch(new RegExp(`\\nexample:\\n  chainward ${verb} `));
    const spec = COMMANDS.find((c) => c.name === verb)!;
    for (const [name, o] of Object.entries(optionsOf(spec))) {
      expect(text).toContain(`--${name}${o.type === 'string' ? ` ${o.value}` : ''}`);
      if (o.default !== undefined) expect(flat).toContain(`(default: ${o.default})`);
    }
    expect(text).toContain('--quiet');
    expect(text).toContain('-h, --help');
  });

  it('--help wins over everything else on the line, even bad options, but not after --', async () => {
    const r = await call(['run', '--trials', 'abc', '--bogus', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: chainward run');
    const after = await call(['validate', join(dir, 'scenario.json'), '--', '--help']);
    expect(after.status).toBe(2); // "--help" is a second file name here
    expect(after.stderr).toContain('validate takes exactly one scenario file');
  });

  it('the examples in the help run as written (only the checks, on the parts that take no time)', () => {
    for (const spec of COMMANDS) {
      const argv = spec.example.split(' ').slice(2);
      expect(() => parseCommand(spec, argv), spec.example).not.toThrow();
    }
  });

  it('`chainward help` still lists every command and exits 0; `chainward help frob` is a usage error with a suggestion', async () => {
    const r = await call(['help']);
    expect(r.status).toBe(0);
    for (const verb of VERBS) expect(r.stdout).toMatch(new RegExp(`\\n  chainward ${verb}\\b`));
    expect(r.stdout).toContain('chainward help <command>');
    expect(r.stdout).toContain('exit status: 0 success, 1 internal error, 2 bad input or usage');
    const bad = await call(['help', 'rnu']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "rnu" (did you mean "run"?)');
    const typo = await call(['valdate', 'x.json']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown command "valdate" (did you mean "validate"?)');
  });

  it('synopsis and help name every option the parser accepts, and the parser accepts every option they name', () => {
    for (const spec of COMMANDS) {
      const help = helpText(spec);
      const named = new Set([...help.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!));
      for (const name of Object.keys(optionsOf(spec))) {
        expect(help, `${spec.name} --${name}`).toContain(`--${name}`);
        if (name !== 'help') expect(synopsis(spec), `${spec.name} --${name}`).toContain(`--${name}`);
      }
      // every --flag in the options block is one of the command's (other commands' flags may appear in prose)
      const block = help.slice(help.indexOf('\noptions:\n'), help.indexOf('\nexample:\n'));
      for (const m of block.matchAll(/^ {2}(?:-h, )?--([a-z][a-z0-9-]*)/gm)) expect(Object.keys(optionsOf(spec))).toContain(m[1]);
      expect(named.size).toBeGreaterThan(0);
    }
  });
});

describe('unknown options and option values', () => {
  it('an unknown option is a usage error naming the nearest known one and pointing to --help', async () => {
    const r = await call(['run', '--trails', '100']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('chainward: unknown option --trails (did you mean --trials?)');
    expect(r.stderr).toContain('usage: chainward run');
    expect(r.stderr).toContain('`chainward run --help` explains each option');
    expect(r.stdout).toBe('');
    const cases: Array<[string[], string]> = [
      [['routes', 'x.json', '--flows', 'a'], 'unknown option --flows (did you mean --flow?)'],
      [['optimize', 'x.json', '--budjet', '5'], 'unknown option --budjet (did you mean --budget?)'],
      [['controls', '--elemnt', 'risk'], 'unknown option --elemnt (did you mean --element?)'],
      [['explore', '--no-opn'], 'unknown option --no-opn (did you mean --no-open?)'],
      [['bench', '--round', '1'], 'unknown option --round (did you mean --rounds?)'],
      [['generate', '--site', '5'], 'unknown option --site (did you mean --sites?)'],
      [['merge', 'a.json', '--quite'], 'unknown option --quite (did you mean --quiet?)'],
      [['validate', 'a.json', '--verbose'], 'unknown option --verbose\n'],
      [['run', '-x'], 'unknown option -x\n'],
    ];
    for (const [args, message] of cases) {
      const c = await call(args);
      expect(c.status, args.join(' ')).toBe(2);
      expect(c.stderr, args.join(' ')).toContain(`chainward: ${message}`);
      expect(c.stderr).toContain(`chainward ${args[0]} --help`);
    }
  });

  it('a negative number after a numeric option reaches that option\'s own check, in the project\'s words', async () => {
    const cases: Array<[string[], string]> = [
      [['run', '--trials', '-5'], '--trials: expected a whole number from 1 to 100000000, got "-5"'],
      [['run', '--workers', '-1'], '--workers: expected a whole number from 1 to 256, got "-1"'],
      [['run', '--target-se', '-0.1'], '--target-se: expected a relative standard error between 0 and 1 such as 0.01, got "-0.1"'],
      [['run', '--shard', '-1/2'], '--shard: expected i/n with 1 ≤ i ≤ n, such as 2/8, or auto; got "-1/2"'],
      [['routes', 'x.json', '--flow', 'a', '--k', '-2'], '--k: expected a whole number from 1 to 50, got "-2"'],
      [['optimize', 'x.json', '--budget', '-5'], '--budget: expected an amount ≥ 0 such as 200000, got "-5"'],
      [['generate', '--sites', '-5'], '--sites: expected a whole number from 5 to 100000, got "-5"'],
      [['explore', '--port', '-1'], '--port: expected a port number from 0 to 65535, got "-1"'],
      [['bench', '--rounds', '-1'], '--rounds: expected a whole number from 1 to 50, got "-1"'],
    ];
    for (const [args, message] of cases) {
      const r = await call(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(`chainward: ${message}`);
      expect(r.stderr).not.toMatch(/ambiguous/);
    }
  });

  it('a missing value, an option where a value belongs, and a value given to a flag are usage errors that say so', async () => {
    const missing = await call(['run', '--trials']);
    expect(missing.stderr).toContain('chainward: --trials: expected a value: --trials N');
    const option = await call(['run', '--seed', '--trials', '5']);
    expect(option.stderr).toContain('chainward: --seed: expected a value (S), got the option "--trials"; write a value that starts with "-" as --seed=--trials');
    const flag = await call(['run', '--quiet=yes']);
    expect(flag.stderr).toContain('chainward: --quiet takes no value, got "--quiet=yes"');
    for (const r of [missing, option, flag]) {
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('usage: chainward run');
    }
  });

  it('parseCommand keeps the values and arguments: negative numbers as values, --name=value, arguments after --', () => {
    const spec = { name: 't', summary: 's', args: '[f]', options: { n: { type: 'string', value: 'N', description: 'n' }, b: { type: 'boolean', description: 'b' } }, example: 'chainward t' } as const;
    expect(parseCommand(spec, ['--n', '-5', 'a', '--b', '--', '--n'])).toEqual({ values: { n: '-5', b: true }, positionals: ['a', '--n'] });
    expect(parseCommand(spec, ['--n=-x', '--quiet']).values).toEqual({ n: '-x', quiet: true });
    expect(() => parseCommand(spec, ['--n', '-x'])).toThrow(InputError);
    expect(() => parseCommand(spec, ['--__proto__'])).toThrow(/unknown option --__proto__/);
  });
});

describe('--seed', () => {
  it('a negative seed is a text seed: --seed -1 is accepted, is the same as --seed=-1, and differs from --seed 1', async () => {
    const [neg, inline, one] = await runMany([
      ['generate', '--sites', '5', '--seed', '-1'],
      ['generate', '--sites', '5', '--seed=-1'],
      ['generate', '--sites', '5', '--seed', '1'],
    ]);
    for (const r of [neg!, inline!, one!]) expect(r.status, r.stderr).toBe(0);
    expect(neg!.stdout).toBe(inline!.stdout);
    expect(JSON.parse(neg!.stdout).name).toContain('seed -1');
    expect(neg!.stdout).not.toBe(one!.stdout);
  });
});

describe('--quiet on every command', () => {
  it('every command accepts --quiet (old parsers rejected it on validate, controls, explore and bench)', async () => {
    const file = join(dir, 'scenario.json');
    const r = [];
    // one at a time: call() captures this process's stdout and stderr
    for (const args of [
      ['validate', file, '--quiet'],
      ['controls', '--quiet', '--element', 'supplier'],
      ['merge', '--quiet'],
      ['generate', '--quiet'],
      ['routes', file, '--quiet'],
      ['optimize', file, '--quiet'],
      ['explore', '--quiet', '--port', 'x'],
      ['bench', '--quiet', '--rounds', 'x'],
      ['run', file, '--quiet', '--trials', 'x'],
    ])
      r.push(await call(args));
    for (const x of r) expect(x.stderr).not.toContain('unknown option');
    expect(r[0]!.status, r[0]!.stderr).toBe(0);
    expect(r[1]!.status, r[1]!.stderr).toBe(0);
    // each of the others stopped at its own check, after --quiet was accepted
    expect(r[2]!.stderr).toContain('merge needs the partial result files');
    expect(r[3]!.stderr).toContain('generate needs --sites N');
    expect(r[4]!.stderr).toContain('routes needs --flow ID');
    expect(r[5]!.stderr).toContain('--budget is required');
    expect(r[6]!.stderr).toContain('--port: expected a port number');
    expect(r[7]!.stderr).toContain('--rounds: expected a whole number');
    expect(r[8]!.stderr).toContain('--trials: expected a whole number');
  });

  it('--quiet silences the messages on stderr: generate --out says nothing, and without --quiet says where it wrote', async () => {
    const out = join(dir, 'net.json');
    const [quiet, loud] = await runMany([
      ['generate', '--sites', '5', '--out', out, '--quiet'],
      ['generate', '--sites', '5', '--out', join(dir, 'net2.json')],
    ]);
    expect(quiet!.status, quiet!.stderr).toBe(0);
    expect(quiet!.stderr).toBe('');
    expect(existsSync(out)).toBe(true);
    expect(loud!.stderr).toContain('wrote ');
  });
});

describe('controls --element with no match', () => {
  it('says that no catalog control has the element and which elements the catalog has, exit 0', async () => {
    const missing = ELEMENTS.filter((e) => !CATALOG.some((c) => c.element === e));
    expect(missing).toContain('policy'); // the case this checks
    const present = ELEMENTS.filter((e) => CATALOG.some((c) => c.element === e));
    const table = await call(['controls', '--element', 'policy']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain(`none of the catalog's ${CATALOG.length} controls has element "policy"`);
    expect(table.stdout).toContain(`its controls have the elements ${present.join(', ')}`);
    expect(table.stdout).not.toContain('sources:');
    const json = await call(['controls', '--element', 'policy', '--format', 'json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).toContain('has element "policy"');
    const quiet = await call(['controls', '--element', 'policy', '--format', 'json', '--quiet']);
    expect(quiet.stderr).toBe('');
  });
});

/** Starts the CLI, reads the first bytes of its stdout, then closes the pipe as `head -c` does. */
function readHeadThenClose(args: string[], bytes: number): Promise<{ status: number | null; signal: NodeJS.Signals | null; head: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/chainward.js', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let head = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      head += d;
      if (head.length >= bytes) child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, head: head.slice(0, bytes), stderr }));
  });
}

describe('output into a pipe closed early', () => {
  it('generate | head -c 100 ends quietly with status 0 (no EPIPE stack trace)', async () => {
    const r = await readHeadThenClose(['generate', '--sites', '2000'], 100);
    expect(r.head).toMatch(/^\{\n "format": "chainward\/v1"/);
    expect(r.stderr).toBe('');
    expect(stackProblem(r.stderr)).toBeUndefined();
    expect(r.status).toBe(0);
  });

  it('run --format json | head ends quietly too (the guard is in the process entry, for every command)', async () => {
    // about 77 KB: more than a pipe holds, so the write meets the closed pipe
    const r = await readHeadThenClose(['run', '--trials', '100', '--workers', '1', '--format', 'json'], 10);
    expect(r.head).toBe('{\n  "forma');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('bench --out', () => {
  it('bench prints its table and writes no file without --out (runBench writing to --out is checked in test/bench)', async () => {
    const committed = join(REPO, 'bench', 'results.json');
    const before = readFileSync(committed);
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    try {
      const r = await runCli(['bench', '--workers', '1', '--rounds', '1', '--trials', '256', '--sizes', 'none']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('hand-written loop, 1 thread');
      expect(r.stderr).toContain('round 1:');
      expect(r.stdout + r.stderr).not.toContain('wrote');
      expect(hash(readFileSync(committed))).toBe(hash(before));
    } finally {
      if (hash(readFileSync(committed)) !== hash(before)) writeFileSync(committed, before);
    }
  });
});
