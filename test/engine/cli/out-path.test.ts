// --out is checked before any work (README.md, "Files in and out"). Each case below used to fail only
// after the whole run (a name too long for the temporary file: ENAMETOOLONG, exit 1; /proc/version:
// "internal error") or to do harm (--out the scenario itself replaced the scenario; a FIFO target was
// replaced by a regular file). Now each is bad usage: exit 2, a message naming --out, nothing written.
import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/io/errors.js';
import { checkOutputPath } from '../../../engine/io/write-atomic.js';
import { minimalScenario } from '../../support/scenario-fixtures.js';
import { REPO, runMany, stackProblem, type CliResult } from '../../support/run-cli.js';

const isRoot = process.getuid?.() === 0;

let root: string;
let n = 0;
/** A fresh, empty folder for one case. */
function folder(): string {
  const d = join(root, `case-${n++}`);
  mkdirSync(d);
  return d;
}

/** The message of the InputError `f` throws (fails the test when it throws nothing or something else). */
function inputError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'chainward-out-path-'));
});
afterAll(() => {
  for (const d of readdirSync(root)) chmodSync(join(root, d), 0o755);
  rmSync(root, { recursive: true, force: true });
});

describe('checkOutputPath', () => {
  it('accepts a new file and an existing writable one, leaving nothing behind', () => {
    const d = folder();
    checkOutputPath(join(d, 'new.json'));
    writeFileSync(join(d, 'old.json'), 'x');
    checkOutputPath(join(d, 'old.json'), [join(d, 'other.json')]);
    checkOutputPath(undefined);
    expect(readdirSync(d)).toEqual(['old.json']);
  });

  it('the folder must exist and be a folder; the target must not be a folder', () => {
    const d = folder();
    writeFileSync(join(d, 'file'), 'x');
    expect(inputError(() => checkOutputPath(join(d, 'no-such', 'x.json')))).toBe(`--out: folder "${join(d, 'no-such')}" does not exist`);
    expect(inputError(() => checkOutputPath(join(d, 'file', 'x.json')))).toBe(`--out: "${join(d, 'file')}" is not a folder`);
    expect(inputError(() => checkOutputPath(d))).toBe(`--out: "${d}" is a folder; expected a file name`);
    expect(inputError(() => checkOutputPath(''))).toBe('--out: expected a file name');
  });

  it('a name of 238 to 255 bytes is refused (its temporary file would be 256 to 273); 237 bytes is accepted', () => {
    const d = folder();
    checkOutputPath(join(d, 'a'.repeat(237)));
    for (const len of [238, 250, 255, 300]) {
      expect(inputError(() => checkOutputPath(join(d, 'a'.repeat(len))))).toBe(
        `--out: the file name is ${len} bytes long; chainward writes through a temporary file ".NAME.<12 hex digits>.tmp", 18 bytes longer, ` +
          'and file systems allow 255 bytes at most: use a name of at most 237 bytes',
      );
    }
    // bytes, not characters: 119 × "é" is 238 bytes
    expect(inputError(() => checkOutputPath(join(d, 'é'.repeat(119))))).toContain('the file name is 238 bytes long');
    expect(readdirSync(d)).toEqual([]);
  });

  it('a target that exists and is not a regular file is refused: a FIFO, /dev/null', () => {
    const d = folder();
    const fifo = join(d, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(inputError(() => checkOutputPath(fifo))).toContain(`--out: "${fifo}" exists and is not a regular file`);
    expect(inputError(() => checkOutputPath('/dev/null'))).toContain('--out: "/dev/null" exists and is not a regular file');
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['fifo']);
  });

  it('/proc/version: a folder that takes no new files is found before any work', () => {
    expect(inputError(() => checkOutputPath('/proc/version'))).toBe('--out: cannot create a file in folder "/proc": the folder takes no new files');
  });

  it('the input file is refused as --out: the same path, a relative path, a symbolic link, a hard link', () => {
    const d = folder();
    const input = join(d, 'scenario.json');
    writeFileSync(input, '{}');
    symlinkSync(input, join(d, 'link.json'));
    linkSync(input, join(d, 'hard.json'));
    const rel = relative(process.cwd(), input);
    for (const out of [input, rel, join(d, '.', 'scenario.json'), join(d, 'link.json'), join(d, 'hard.json')]) {
      expect(inputError(() => checkOutputPath(out, [input]))).toBe(`--out: "${out}" is the input file ${input}; writing it would replace the input: choose another file`);
    }
    // and when the input is given through the link
    expect(inputError(() => checkOutputPath(input, [join(d, 'link.json')]))).toContain('is the input file');
    expect(readFileSync(input, 'utf8')).toBe('{}');
  });

  it('the option is named as given (bench and others may check another option)', () => {
    expect(inputError(() => checkOutputPath('/proc/version', [], '--json'))).toMatch(/^--json: /);
  });

  it.skipIf(isRoot)('a read-only target is refused (root may write any file; its mode is then kept, see write-atomic.test.ts)', () => {
    const d = folder();
    const p = join(d, 'ro.json');
    writeFileSync(p, 'x');
    chmodSync(p, 0o444);
    expect(inputError(() => checkOutputPath(p))).toBe(`--out: "${p}" is read-only; chainward does not replace a file you may not write (make it writable, or choose another file)`);
  });

  it.skipIf(isRoot)('a folder without write permission is refused', () => {
    const d = folder();
    chmodSync(d, 0o555);
    expect(inputError(() => checkOutputPath(join(d, 'x.json')))).toBe(`--out: cannot create a file in folder "${d}": permission denied`);
  });
});

describe('--out through the real command line: exit 2 before any work, nothing written', () => {
  let results: CliResult[];
  let d: string;
  let scenario: string;
  let fifo: string;
  const scenarioText = JSON.stringify(minimalScenario(), null, 2);
  const long = () => join(d, 'r'.repeat(240) + '.json');
  beforeAll(async () => {
    d = folder();
    scenario = join(d, 'scenario.json');
    writeFileSync(scenario, scenarioText);
    symlinkSync(scenario, join(d, 'link.json'));
    fifo = join(d, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    // the shipped scenario, for routes and optimize; copied so that a failure cannot touch the original
    const shipped = join(d, 'eu.json');
    writeFileSync(shipped, readFileSync(join(REPO, 'scenarios/eu-electronics-inbound.json')));
    const part = (i: number) => join(d, `part${i}.json`);
    const made = await runMany([1, 2].map((i) => ['run', scenario, '--trials', '4096', '--shard', `${i}/2`, '--out', part(i), '--quiet']));
    for (const r of made) expect(r.status, r.stderr).toBe(0);
    results = await runMany([
      // 100 million trials: these end at once only because --out is checked first
      ['run', scenario, '--trials', '100000000', '--out', long()],
      ['run', scenario, '--trials', '100000000', '--out', '/proc/version'],
      ['run', scenario, '--trials', '100', '--out', scenario],
      ['run', scenario, '--trials', '100', '--out', join(d, 'link.json')],
      ['run', scenario, '--trials', '100', '--out', fifo],
      ['merge', part(1), part(2), '--out', part(2)],
      ['optimize', shipped, '--budget', '1000', '--trials', '10000000', '--out', shipped],
      ['routes', shipped, '--flow', 'fl-phones-venlo', '--trials', '100000000', '--out', shipped],
      ['generate', '--sites', '100000', '--out', long()],
    ]);
  }, 300_000);

  const cases: Array<[number, string]> = [
    [0, 'run: a name too long for the temporary file'],
    [1, 'run --out /proc/version'],
    [2, 'run --out the scenario'],
    [3, 'run --out a link to the scenario'],
    [4, 'run --out a FIFO'],
    [5, 'merge --out one of the parts'],
    [6, 'optimize --out the scenario'],
    [7, 'routes --out the scenario'],
    [8, 'generate: a name too long for the temporary file'],
  ];
  it.each(cases)('case %i, %s: exit 2, the message names --out, no stack', (i) => {
    const r = results[i]!;
    expect(r.status, `${r.args.join(' ')}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toMatch(/^chainward: --out: /);
    expect(stackProblem(r.stderr)).toBeUndefined();
    expect(r.stdout).toBe('');
  });

  it('the messages say what is wrong', () => {
    expect(results[0]!.stderr).toContain('the file name is 245 bytes long');
    expect(results[1]!.stderr).toContain('cannot create a file in folder "/proc"');
    expect(results[2]!.stderr).toContain(`is the input file ${scenario}`);
    expect(results[3]!.stderr).toContain(`is the input file ${scenario}`);
    expect(results[4]!.stderr).toContain('exists and is not a regular file');
    expect(results[5]!.stderr).toContain(`is the input file ${join(d, 'part2.json')}`);
    expect(results[6]!.stderr).toContain('is the input file');
    expect(results[7]!.stderr).toContain('is the input file');
  });

  it('the inputs are unchanged, the FIFO is still a FIFO, and no file or temporary file was added', () => {
    expect(readFileSync(scenario, 'utf8')).toBe(scenarioText);
    expect(readFileSync(join(d, 'eu.json')).equals(readFileSync(join(REPO, 'scenarios/eu-electronics-inbound.json')))).toBe(true);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d).sort()).toEqual(['eu.json', 'fifo.json', 'link.json', 'part1.json', 'part2.json', 'scenario.json']);
  });
});
