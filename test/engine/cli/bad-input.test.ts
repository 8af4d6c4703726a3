// Bad input through the real command line: exit status 2, every problem with its JSON
// path and what was expected, no stack trace, and nothing written: neither the --out file nor any
// temporary file next to it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_CASES, manyProblemsScenario, minimalScenario, type Json } from '../../support/scenario-fixtures.js';
import { runCli, runMany, stackProblem, type CliResult } from '../../support/run-cli.js';
import { runMain } from '../../support/run-main.js';

/** Cases that also start the real command line (the rest run main() in-process). */
const PROCESS_CASES = new Set(['many problems', 'invalid JSON', 'missing file', 'unknown option', 'bad scenario, existing --out']);

interface CliCase {
  name: string;
  /** The case's own folder: the scenario (if any) and the --out target live here. */
  dir: string;
  args: string[];
  /** Files the folder holds before the run; after a failed run it must hold exactly these. */
  files: string[];
  /** Each must appear in stderr. */
  stderrHas: Array<string | RegExp>;
}

let root: string;
const cases: CliCase[] = [];
const results = new Map<string, CliResult>();

function addCase(name: string, content: string | undefined, args: (file: string, out: string) => string[], stderrHas: Array<string | RegExp>): void {
  const dir = join(root, `case-${cases.length}`);
  mkdirSync(dir);
  const file = join(dir, 'scenario.json');
  if (content !== undefined) writeFileSync(file, content);
  cases.push({ name, dir, args: args(file, join(dir, 'out.json')), files: content === undefined ? [] : ['scenario.json'], stderrHas });
}

const json = (s: Json) => JSON.stringify(s, null, 2);
const runArgs = (file: string, out: string, ...more: string[]) => ['run', file, '--out', out, '--trials', '100', ...more];
const valid = () => json(minimalScenario());

const MANY = manyProblemsScenario();
const RAW_PROTO = `{
  "format": "chainward/v1", "name": "x", "__proto__": { "polluted": true },
  "sites": [ { "id": "a", "kind": "dc", "__proto__": { "polluted": true } } ],
  "threats": []
}`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'chainward-cli-bad-'));
  for (const c of BAD_CASES) {
    const s = minimalScenario();
    c.mutate(s);
    addCase(c.name, json(s), (f, o) => runArgs(f, o), [...c.paths.map((p) => `: ${p}: `), c.expect]);
  }
  addCase('many problems', json(MANY.scenario), (f, o) => runArgs(f, o), MANY.paths.map((p) => `: ${p}: `));
  addCase('validate: many problems', json(MANY.scenario), (f) => ['validate', f], MANY.paths.map((p) => `: ${p}: `));
  addCase('raw __proto__ keys', RAW_PROTO, (f, o) => runArgs(f, o), [': __proto__: ', ': sites[0].__proto__: ', 'not allowed']);
  addCase('invalid JSON', '{\n  "format": "chainward/v1",\n  "name": "x",\n}\n', (f, o) => runArgs(f, o), ['(file)', 'invalid JSON', /line 4, column 1\b/]);
  addCase('missing file', undefined, (f, o) => runArgs(f, o), ['scenario.json', 'no such file']);
  addCase('unknown option', valid(), (f, o) => runArgs(f, o, '--bogus'), ['unknown option --bogus', 'usage:', 'chainward run --help']);
  addCase('--trials 0', valid(), (f, o) => ['run', f, '--out', o, '--trials', '0'], ['--trials', 'whole number', '"0"']);
  addCase('--trials abc', valid(), (f, o) => ['run', f, '--out', o, '--trials', 'abc'], ['--trials', 'whole number', '"abc"']);
  addCase('--format xml', valid(), (f, o) => runArgs(f, o, '--format', 'xml'), ['--format', 'json', '"xml"']);
  addCase('--treatments unknown-id', valid(), (f, o) => runArgs(f, o, '--treatments', 'tr-guard,unknown-id'), ['--treatments', '"unknown-id"', 'tr-guard']);
  addCase('unknown command', valid(), (f, o) => ['frob', f, '--out', o], ['unknown command "frob"', 'usage:']);
  addCase('run with two files', valid(), (f, o) => ['run', f, f, '--out', o, '--trials', '100'], ['one scenario file']);
  addCase('validate without a file', valid(), () => ['validate'], ['validate takes exactly one scenario file']);
  // an existing --out file is left exactly as it was
  addCase('bad scenario, existing --out', json({ ...minimalScenario(), sites: 'none' }), (f, o) => runArgs(f, o), [': sites: ']);
  const last = cases[cases.length - 1]!;
  writeFileSync(join(last.dir, 'out.json'), 'previous results\n');
  last.files.push('out.json');

  // most cases run main() in-process (the messages and statuses are main's); a few also start the real
  // process, whose entry adds only the exit status and the stream handlers
  const inProcess = cases.filter((c) => !PROCESS_CASES.has(c.name));
  const real = cases.filter((c) => PROCESS_CASES.has(c.name));
  const ran = await runMany(real.map((c) => c.args));
  real.forEach((c, i) => results.set(c.name, ran[i]!));
  for (const c of inProcess) results.set(c.name, await runMain(c.args));
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function resultOf(name: string): CliResult {
  const r = results.get(name);
  if (!r) throw new Error(`no result for ${name}`);
  return r;
}

describe('chainward CLI: bad input exits 2 with every problem and writes nothing', () => {
  it('covers every rule of the issue', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(30);
  });

  const names = [
    ...BAD_CASES.map((c) => c.name),
    'many problems',
    'validate: many problems',
    'raw __proto__ keys',
    'invalid JSON',
    'missing file',
    'unknown option',
    '--trials 0',
    '--trials abc',
    '--format xml',
    '--treatments unknown-id',
    'unknown command',
    'run with two files',
    'validate without a file',
    'bad scenario, existing --out',
  ];
  it.each(names)('%s', (name) => {
    const c = cases.find((x) => x.name === name)!;
    expect(c, `case ${name} was not set up`).toBeDefined();
    const r = resultOf(name);
    const show = `chainward ${r.args.join(' ')}\n--- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`;
    expect(r.status, show).toBe(2);
    expect(r.stderr.startsWith('chainward: '), show).toBe(true);
    for (const want of c.stderrHas) {
      if (typeof want === 'string') expect(r.stderr, show).toContain(want);
      else expect(r.stderr, show).toMatch(want);
    }
    expect(stackProblem(r.stderr), show).toBeUndefined();
    expect(r.stdout, 'bad input prints its problems on stderr only').toBe('');
    // nothing written: no --out file (unless it was there before, unchanged) and no temporary file
    expect(readdirSync(c.dir).sort()).toEqual([...c.files].sort());
    if (c.files.includes('out.json')) expect(readFileSync(join(c.dir, 'out.json'), 'utf8')).toBe('previous results\n');
    else expect(existsSync(join(c.dir, 'out.json'))).toBe(false);
  });

  it('a scenario with many problems reports them all in one run, each on its own line', () => {
    const r = resultOf('many problems');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('  '));
    const paths = new Set(lines.map((l) => /\.json: (\S+): /.exec(l)?.[1]).filter(Boolean));
    expect(paths.size, r.stderr).toBeGreaterThanOrEqual(5);
    expect(paths.size).toBeGreaterThanOrEqual(MANY.paths.length);
    expect(r.stderr).toMatch(new RegExp(`: ${lines.length} problems\\n`));
  });

  it('the missing file is named with the path the user gave', () => {
    const c = cases.find((x) => x.name === 'missing file')!;
    expect(resultOf('missing file').stderr).toContain(`cannot read ${join(c.dir, 'scenario.json')}: no such file`);
  });

  it('the rejected raw "__proto__" file lists the forbidden keys, each at its path', () => {
    const r = resultOf('raw __proto__ keys');
    expect(r.stderr).toMatch(/: __proto__: key "__proto__" is not allowed/);
    expect(r.stderr).toMatch(/: sites\[0\]\.__proto__: key "__proto__" is not allowed/);
  });
});

describe('chainward CLI: --out', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chainward-cli-out-'));
    writeFileSync(join(dir, 'scenario.json'), valid());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a successful run --format json --out FILE writes the results and prints nothing on stdout', async () => {
    const out = join(dir, 'results.json');
    const r = await runCli(['run', join(dir, 'scenario.json'), '--trials', '100', '--format', 'json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const results = JSON.parse(readFileSync(out, 'utf8')) as { format: string; scenario: string; trials: number; risks: unknown[]; treatments: Array<{ id: string }> };
    expect(results.format).toBe('chainward-results/v1');
    expect(results.scenario).toBe('Test network');
    expect(results.trials).toBe(100);
    expect(results.risks.length).toBeGreaterThan(0);
    expect(results.treatments.map((t) => t.id)).toEqual(['tr-guard', 'tr-carrier', 'tr-rail', 'tr-buffer']);
    // the write went through a temporary file: none is left over
    expect(readdirSync(dir).sort()).toEqual(['results.json', 'scenario.json']);
    rmSync(out);
  });

  it('--out into a folder that does not exist fails and leaves nothing behind', async () => {
    const out = join(dir, 'no-such-folder', 'results.json');
    const r = await runCli(['run', join(dir, 'scenario.json'), '--trials', '100', '--format', 'json', '--out', out]);
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull();
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^chainward: /);
    expect(/\n\s+at /.test(r.stderr), r.stderr).toBe(false);
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['scenario.json']);
  });

  it('--out into a missing folder is bad usage: exit 2, names the folder, not "internal error"', async () => {
    const out = join(dir, 'no-such-folder', 'results.json');
    const r = await runCli(['run', join(dir, 'scenario.json'), '--trials', '100', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-folder');
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).not.toMatch(/\.tmp/);
  });

  it('a deeply nested scenario file is bad input (exit 2), not an internal error', async () => {
    const n = 20_000;
    const file = join(dir, 'deep.json');
    writeFileSync(file, `{"format":"chainward/v1","name":"x","sites":[],"threats":[],"x":${'['.repeat(n)}${']'.repeat(n)}}`);
    const r = await runCli(['validate', file]);
    rmSync(file);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('internal error');
  });
});
