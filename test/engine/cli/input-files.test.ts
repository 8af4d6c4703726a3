// Input files are read only when they are regular files of at most a set size (README.md, "Files in
// and out"): /dev/zero and /dev/urandom were read for gigabytes, a FIFO blocked `validate` and `merge`
// for ever, and a file of any size was read whole. Each case is refused with exit status 2, a message
// naming the file, and no stack. Linux: real FIFOs (mkfifo) and devices.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/io/errors.js';
import { readRegularFile } from '../../../engine/io/read-regular-file.js';
import { readInputFile } from '../../../engine/cli/scenario-file.js';
import { MAX_RESULTS_BYTES, MAX_SCENARIO_BYTES } from '../../../engine/model/file-limits.js';
import { minimalScenario } from '../../support/scenario-fixtures.js';
import { runMany, stackProblem, type CliResult } from '../../support/run-cli.js';

let dir: string;
let fifo: string;

/** A sparse file of `bytes` bytes (no disk used): the size a stat reports. */
function sparse(name: string, bytes: number): string {
  const p = join(dir, name);
  const fd = openSync(p, 'w');
  closeSync(fd);
  execFileSync('truncate', ['-s', String(bytes), p]);
  return p;
}

/** The InputError `f` throws (fails the test when it throws nothing or something else). */
function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-input-files-'));
  fifo = join(dir, 'fifo.json');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  it('reads a regular file whole, the same text as readFileSync', () => {
    const p = join(dir, 'text.json');
    const text = '{ "name": "Zürich → 東京 🚚" }\n\uFEFF';
    writeFileSync(p, text);
    expect(readRegularFile(p, 1000, 'a scenario file')).toBe(text);
  });

  it('a file of exactly the limit is read; one byte more is refused with its size and the limit', () => {
    const p = join(dir, 'limit.json');
    writeFileSync(p, 'x'.repeat(100));
    expect(readRegularFile(p, 100, 'a scenario file')).toBe('x'.repeat(100));
    const e = inputError(() => readRegularFile(p, 99, 'a scenario file'));
    expect(e.message).toBe(`cannot read ${p}: 100 bytes (100 B), more than the 99 B a scenario file may have`);
  });

  it('a FIFO is refused at once, without waiting for a writer', () => {
    // before: readFileSync opened the FIFO and waited for a writer for ever
    const e = inputError(() => readRegularFile(fifo, 1000, 'a scenario file'));
    expect(e.message).toBe(`cannot read ${fifo}: a FIFO (named pipe), not a regular file; expected a scenario file saved in a file`);
  });

  it('/dev/zero, /dev/urandom and a link to /dev/zero are refused as character devices', () => {
    const link = join(dir, 'zero-link.json');
    symlinkSync('/dev/zero', link);
    for (const p of ['/dev/zero', '/dev/urandom', link]) {
      expect(inputError(() => readRegularFile(p, 1000, 'a scenario file')).message).toContain(`cannot read ${p}: a character device, not a regular file`);
    }
  });

  it('a folder and a missing file are named as such', () => {
    expect(inputError(() => readRegularFile(dir, 1000, 'a scenario file')).message).toBe(`cannot read ${dir}: is a folder`);
    expect(inputError(() => readRegularFile(join(dir, 'nope.json'), 1000, 'a scenario file')).message).toBe(`cannot read ${join(dir, 'nope.json')}: no such file`);
  });
});

describe('readInputFile limits', () => {
  it('a scenario may have 256 MiB; partial results and what explore opens 500 MiB', () => {
    expect(MAX_SCENARIO_BYTES).toBe(256 * 2 ** 20);
    expect(MAX_RESULTS_BYTES).toBe(500 * 2 ** 20);
    // a file of at most the results limit always fits in a V8 string (at most 2^29 - 24 UTF-16 units)
    expect(MAX_RESULTS_BYTES).toBeLessThanOrEqual(2 ** 29 - 24);
  });

  it('a scenario one byte over 256 MiB is refused before it is read (a sparse file: its size is all there is)', () => {
    const p = sparse('big-scenario.json', MAX_SCENARIO_BYTES + 1);
    expect(inputError(() => readInputFile(p)).message).toBe(`cannot read ${p}: 268,435,457 bytes (256.0 MiB), more than the 256 MiB a scenario file may have`);
    const part = sparse('big-part.json', MAX_RESULTS_BYTES + 1);
    expect(inputError(() => readInputFile(part, 'part')).message).toBe(`cannot read ${part}: 524,288,001 bytes (500.0 MiB), more than the 500 MiB a partial result may have`);
  });
});

describe('the command line refuses special and oversized files (exit 2, no stack, no hang)', () => {
  let results: CliResult[];
  let big: string;
  let bigPart: string;
  beforeAll(async () => {
    big = sparse('huge.json', MAX_SCENARIO_BYTES + 4096);
    bigPart = sparse('huge-part.json', MAX_RESULTS_BYTES + 4096);
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(minimalScenario()));
    // each of these read gigabytes or blocked for ever before; the runs' own timeout (2 minutes) ends a hang
    results = await runMany([
      ['validate', '/dev/zero'],
      ['validate', '/dev/urandom'],
      ['validate', fifo],
      ['merge', fifo],
      ['merge', '/dev/zero'],
      ['run', fifo, '--trials', '100'],
      ['explore', fifo, '--no-open'],
      ['validate', big],
      ['merge', bigPart],
      ['validate', join(dir, 'ok.json')],
    ]);
  }, 300_000);

  const expected: Array<[number, string]> = [
    [0, 'cannot read /dev/zero: a character device, not a regular file; expected a scenario file saved in a file'],
    [1, 'cannot read /dev/urandom: a character device, not a regular file'],
    [2, 'a FIFO (named pipe), not a regular file; expected a scenario file'],
    [3, 'a FIFO (named pipe), not a regular file; expected a partial result'],
    [4, 'cannot read /dev/zero: a character device, not a regular file; expected a partial result'],
    [5, 'a FIFO (named pipe), not a regular file; expected a scenario file'],
    [6, 'a FIFO (named pipe), not a regular file; expected a scenario or results file'],
    [7, 'more than the 256 MiB a scenario file may have'],
    [8, 'more than the 500 MiB a partial result may have'],
  ];
  it.each(expected)('case %i: exit 2 with the reason', (i, text) => {
    const r = results[i]!;
    expect(r.signal, r.args.join(' ')).toBeNull();
    expect(r.status, r.args.join(' ') + r.stderr).toBe(2);
    expect(r.stderr).toContain(text);
    expect(stackProblem(r.stderr)).toBeUndefined();
    expect(r.stdout).toBe('');
  });

  it('the sizes are named too, and an ordinary scenario still validates', () => {
    expect(results[7]!.stderr).toContain(`cannot read ${big}: 268,439,552 bytes (256.0 MiB)`);
    expect(results[9]!.status).toBe(0);
    expect(results[9]!.stdout).toContain('valid chainward/v1 scenario');
  });
});
