// `chainward merge` and the sharding options of `chainward run` through the real command line: parts
// that do not make one whole run, and files that are not parts, are bad input (exit 2) that names
// the file and what is wrong, prints no stack and writes no --out file; impossible --shard and
// --target-se settings are usage errors (exit 2). Two parts that do fit merge to the single-run
// result, which keeps the error cases from passing for a command that never merges anything.
// Parts are not trusted: a loss that is NaN or negative, a seed changed in every part with or without
// the checksum recomputed, a loss inflated, parts of different runs, or a part of an earlier format
// are refused naming the file and the field (test/engine/io/partial-result.test.ts checks every number).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PER_TRIAL, partialChecksum } from '../../../engine/io/partial-result.js';
import { REPO, runMany, stackProblem, type CliResult } from '../../support/run-cli.js';
import { runMain } from '../../support/run-main.js';

/** Small runs: 2 ranges of 2048, the baseline only, in-process. */
const SMALL = ['--trials', '4096', '--treatments', 'none', '--workers', '1'];

interface ErrorCase {
  name: string;
  /** The case's own folder, holding only the --out target (which must not appear). */
  dir: string;
  args: string[];
  /** Each must appear in stderr. */
  stderrHas: Array<string | RegExp>;
}

let root: string;
let parts: string;
const file = (name: string) => join(parts, name);
const errorCases: ErrorCase[] = [];
const results = new Map<string, CliResult>();
let merged: CliResult;

function addCase(name: string, args: (out: string) => string[], stderrHas: Array<string | RegExp>): void {
  const dir = join(root, `case-${errorCases.length}`);
  mkdirSync(dir);
  errorCases.push({ name, dir, args: args(join(dir, 'out.json')), stderrHas });
}

interface Part {
  seed: number | string;
  checksum: string;
  scenario: unknown;
  units: Array<{ losses: string; tail: { trial: string; loss: string } } & Record<string, unknown>>;
}

const f64 = (b: string) => {
  const bytes = Buffer.from(b, 'base64');
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};
const b64 = (a: Float64Array) => Buffer.from(a.buffer).toString('base64');

/** The default scenario under another name, written next to the parts. */
function otherScenario(): string {
  const path = join(root, 'other-scenario.json');
  const s = JSON.parse(readFileSync(join(REPO, 'scenarios/eu-electronics-inbound.json'), 'utf8')) as { name: string };
  writeFileSync(path, JSON.stringify({ ...s, name: `${s.name} (another run)` }));
  return path;
}

function show(r: CliResult): string {
  return `chainward ${r.args.join(' ')}\n--- status ${r.status} --- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'chainward-cli-merge-'));
  parts = join(root, 'parts');
  mkdirSync(parts);

  // usage errors of `run` (no file needed), started together with the runs that make the parts
  const run = (out: string, ...more: string[]) => ['run', '--out', out, ...more];
  addCase('run --shard 3/2', (o) => run(o, ...SMALL, '--shard', '3/2'), ['--shard', '1 ≤ i ≤ n', '"3/2"']);
  addCase('run --shard 0/2', (o) => run(o, ...SMALL, '--shard', '0/2'), ['--shard', '1 ≤ i ≤ n', '"0/2"']);
  addCase('run --shard 2/9 --trials 4096 (more shards than ranges)', (o) => run(o, ...SMALL, '--shard', '2/9'), ['--shard 2/9', '4096 trials make only 2 ranges of 2048', 'at most 2 shards']);
  addCase('run --shard 1/2 --format table', (o) => run(o, ...SMALL, '--shard', '1/2', '--format', 'table'), ['--shard', '--format must be json']);
  addCase('run --target-se 0', (o) => run(o, '--target-se', '0', '--treatments', 'none'), ['--target-se', 'between 0 and 1', '"0"']);
  addCase('run --target-se 0.01 --trials 5', (o) => run(o, '--target-se', '0.01', '--trials', '5'), ['--trials and --target-se do not go together', '--max-trials']);
  const usageCount = errorCases.length;

  const made = await runMany([
    ['run', ...SMALL, '--seed', '1', '--shard', '1/2', '--out', file('p1.json')],
    ['run', ...SMALL, '--seed', '1', '--shard', '2/2', '--out', file('p2.json')],
    ['run', ...SMALL, '--seed', '2', '--shard', '2/2', '--out', file('seed2-p2.json')],
    ['run', ...SMALL, '--seed', '1', '--format', 'json', '--out', file('results.json')],
    ['run', '--trials', '6144', '--treatments', 'none', '--workers', '1', '--seed', '1', '--shard', '2/2', '--out', file('trials6144-p2.json')],
    ['run', otherScenario(), ...SMALL, '--seed', '1', '--shard', '2/2', '--out', file('other-scenario-p2.json')],
  ]);
  for (const r of made) if (r.status !== 0) throw new Error(`could not make the parts:\n${show(r)}`);
  // the usage errors are main()'s messages and statuses: run in-process (test/support/run-main.ts)
  for (const c of errorCases) results.set(c.name, await runMain(c.args));

  // broken parts made from good ones
  writeFileSync(file('p1-copy.json'), readFileSync(file('p1.json')));
  writeFileSync(file('not-json.json'), readFileSync(file('p2.json'), 'utf8').slice(0, 5000));
  const p1 = JSON.parse(readFileSync(file('p1.json'), 'utf8')) as Part;
  const p2 = JSON.parse(readFileSync(file('p2.json'), 'utf8')) as Part;
  const losses = p2.units[0]!.losses;
  expect(losses.length).toBe(Math.ceil((2048 * 8) / 3) * 4); // 2 048 float64s in base64
  // corrupted parts carry a recomputed checksum, so the checks behind it are what is tested
  const stamped = (part: object) => JSON.stringify({ ...part, checksum: partialChecksum(part) });
  /** p2 with the loss of one trial of its baseline changed. */
  const p2WithLoss = (i: number, x: number) => {
    const all = f64(losses);
    all[i] = x;
    return stamped({ ...p2, units: [{ ...p2.units[0], losses: b64(all) }] });
  };
  writeFileSync(file('nan-loss.json'), p2WithLoss(5, NaN));
  writeFileSync(file('negative-loss.json'), p2WithLoss(5, -1e9));
  // the seed changed in every part: without a new checksum, and with one recomputed
  writeFileSync(file('seed2-unstamped-p1.json'), JSON.stringify({ ...p1, seed: 2 }));
  writeFileSync(file('seed2-unstamped-p2.json'), JSON.stringify({ ...p2, seed: 2 }));
  writeFileSync(file('seed2-stamped-p1.json'), stamped({ ...p1, seed: 2 }));
  writeFileSync(file('seed2-stamped-p2.json'), stamped({ ...p2, seed: 2 }));
  // a loss raised where it is also the tail's worst trial, the two kept consistent
  const unit = structuredClone(p2.units[0]!);
  const tailLoss = f64(unit.tail.loss);
  const tailTrial = new Int32Array(new Uint8Array(Buffer.from(unit.tail.trial, 'base64')).buffer);
  const worst = tailLoss.indexOf(Math.max(...tailLoss));
  const all = f64(unit.losses);
  all[tailTrial[worst]! - 2048] = tailLoss[worst] = tailLoss[worst]! * 10;
  writeFileSync(file('inflated-p2.json'), stamped({ ...p2, units: [{ ...unit, losses: b64(all), tail: { ...unit.tail, loss: b64(tailLoss) } }] }));
  // parts of other runs: shard 1's summaries labelled shard 2; another scenario under p1's hash
  writeFileSync(file('relabelled-p1.json'), stamped({ ...p1, shard: { index: 2, count: 2 } }));
  const other = JSON.parse(readFileSync(file('other-scenario-p2.json'), 'utf8')) as Part;
  writeFileSync(file('swapped-scenario-p2.json'), stamped({ ...p2, scenario: other.scenario }));
  // a part of the earlier format
  const { checksum: _c, ...v1 } = p2;
  writeFileSync(file('v1-p2.json'), JSON.stringify({ ...v1, format: 'chainward-partial/v1', unitsSha256: 'x' }));
  // cut on a 32-character boundary: 16 000 characters are 12 000 bytes, 1 500 whole numbers
  writeFileSync(file('short-array.json'), stamped({ ...p2, units: [{ ...p2.units[0], losses: losses.slice(0, 16_000) }] }));
  // cut anywhere: 21 843 characters decode to 16 382 bytes, not a whole number of float64s
  writeFileSync(file('cut-array.json'), stamped({ ...p2, units: [{ ...p2.units[0], losses: losses.slice(0, -5) }] }));
  // the same cut without a new checksum: refused by the checksum
  writeFileSync(file('edited.json'), JSON.stringify({ ...p2, units: [{ ...p2.units[0], losses: losses.slice(0, -5) }] }));

  // a tail whose offsets go backwards, and a tail trial outside the part's trials
  const p2tail = (p2.units[0] as unknown as { tail: { start: string; trial: string } }).tail;
  const ints = (b64: string) => {
    const b = Buffer.from(b64, 'base64');
    return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const start = ints(p2tail.start);
  start[1] = start[2]! + 1000;
  writeFileSync(file('bad-offsets.json'), stamped({ ...p2, units: [{ ...p2.units[0], tail: { ...p2tail, start: Buffer.from(start.buffer).toString('base64') } }] }));
  const trial = ints(p2tail.trial);
  trial[0] = 999_999;
  writeFileSync(file('bad-trial.json'), stamped({ ...p2, units: [{ ...p2.units[0], tail: { ...p2tail, trial: Buffer.from(trial.buffer).toString('base64') } }] }));

  const merge = (out: string, ...files: string[]) => ['merge', ...files.map(file), '--out', out];
  addCase('merge: a part edited after it was written', (o) => merge(o, 'p1.json', 'edited.json'), [`${file('edited.json')}: $.checksum: the part does not match its checksum`]);
  const max = String(MAX_PER_TRIAL);
  addCase('merge: a NaN loss', (o) => merge(o, 'p1.json', 'nan-loss.json'), [`${file('nan-loss.json')}: $.units[0].losses[5]: expected a number from 0 to ${max}, got NaN`]);
  addCase('merge: a loss of -1e9', (o) => merge(o, 'p1.json', 'negative-loss.json'), [`${file('negative-loss.json')}: $.units[0].losses[5]: expected a number from 0 to ${max}, got -1000000000`]);
  addCase('merge: the seed changed in every part, checksums not recomputed', (o) => merge(o, 'seed2-unstamped-p1.json', 'seed2-unstamped-p2.json'), [
    `${file('seed2-unstamped-p1.json')}: $.checksum: the part does not match its checksum`,
  ]);
  addCase('merge: the seed changed in every part, checksums recomputed', (o) => merge(o, 'seed2-stamped-p1.json', 'seed2-stamped-p2.json'), [
    `${file('seed2-stamped-p1.json')}: $.units[0].losses[`,
    /\]: trial \d+ of the baseline re-simulated from \$\.scenario with \$\.seed 2 loses \d/,
    'the part does not come from this scenario and seed, or was edited',
  ]);
  addCase('merge: the worst loss inflated with its tail entry', (o) => merge(o, 'p1.json', 'inflated-p2.json'), [`${file('inflated-p2.json')}: $.units[0].losses: the trials' losses add up to`, 'the part was altered']);
  addCase('merge: shard 1 relabelled as shard 2', (o) => merge(o, 'p1.json', 'relabelled-p1.json'), [`${file('relabelled-p1.json')}: $.units[0]: holds trials 0–2047, but shard 2/2 of 4096 trials is trials 2048–4095`]);
  addCase('merge: parts of different trial counts', (o) => merge(o, 'p1.json', 'trials6144-p2.json'), [`${file('trials6144-p2.json')}: $.trials is 6144 but ${file('p1.json')} has 4096`, 'different runs']);
  addCase('merge: parts of different scenarios', (o) => merge(o, 'p1.json', 'other-scenario-p2.json'), [`${file('other-scenario-p2.json')}: $.scenarioHash is`, 'different runs']);
  addCase('merge: another scenario under the same hash', (o) => merge(o, 'p1.json', 'swapped-scenario-p2.json'), [`${file('swapped-scenario-p2.json')}: $.scenario differs from ${file('p1.json')}'s under the same $.scenarioHash`]);
  addCase('merge: a part of the earlier format', (o) => merge(o, 'p1.json', 'v1-p2.json'), [`${file('v1-p2.json')}: $.format: "chainward-partial/v1" was written by an earlier version of chainward`, 'run the shards again']);
  addCase('merge: tail offsets that go backwards', (o) => merge(o, 'p1.json', 'bad-offsets.json'), [`${file('bad-offsets.json')}: $.units[0].tail.start: expected non-decreasing offsets`]);
  addCase('merge: a tail trial outside the part', (o) => merge(o, 'p1.json', 'bad-trial.json'), [`${file('bad-trial.json')}: $.units[0].tail.trial: trial 999999 is outside this part's trials 2048–4095`]);
  addCase('merge: a missing shard', (o) => merge(o, 'p1.json'), ['missing shard 2/2']);
  addCase('merge: a duplicated shard', (o) => merge(o, 'p1.json', 'p1-copy.json', 'p2.json'), [`${file('p1-copy.json')}: shard 1/2 is also in ${file('p1.json')}`]);
  addCase('merge: parts from different seeds', (o) => merge(o, 'p1.json', 'seed2-p2.json'), [`${file('seed2-p2.json')}: $.seed is 2 but ${file('p1.json')} has 1`, 'different runs']);
  addCase('merge: a file that is not JSON', (o) => merge(o, 'p1.json', 'not-json.json'), [`${file('not-json.json')}: not JSON`]);
  addCase('merge: a results file of `run --format json`', (o) => merge(o, 'p1.json', 'results.json'), [
    `${file('results.json')}: $.format: expected "chainward-partial/v2"`,
    'got "chainward-results/v1"',
  ]);
  addCase('merge: a base64 array cut short', (o) => merge(o, 'p1.json', 'short-array.json'), [`${file('short-array.json')}: $.units[0].losses: expected 2048 numbers, got 1500`]);
  addCase('merge: a base64 array cut mid-number', (o) => merge(o, 'p1.json', 'cut-array.json'), [`${file('cut-array.json')}: $.units[0].losses: expected a multiple of 8 bytes`]);
  addCase('merge: no files', (o) => ['merge', '--out', o], ['merge needs the partial result files of every shard', 'usage: chainward merge']);

  const goodOut = join(root, 'merged.json');
  // the broken parts' refusals in-process, the good merge through the real command line
  for (const c of errorCases.slice(usageCount)) results.set(c.name, await runMain(c.args));
  merged = (await runMany([['merge', file('p2.json'), file('p1.json'), '--format', 'json', '--out', goodOut]]))[0]!;
  if (merged.status === 0) merged.stdout = readFileSync(goodOut, 'utf8');
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('chainward merge', () => {
  it('merge of shards 2/2 and 1/2 (any order) gives the results of the single run apart from `run`', () => {
    expect(merged.status, show(merged)).toBe(0);
    const part = JSON.parse(readFileSync(file('p1.json'), 'utf8')) as { format: string; shard: unknown; units: unknown[] };
    expect(part.format).toBe('chainward-partial/v2');
    expect(part.shard).toEqual({ index: 1, count: 2 });
    expect(part.units).toHaveLength(1);
    const { run: _a, ...fromMerge } = JSON.parse(merged.stdout) as Record<string, unknown>;
    const { run: _b, ...single } = JSON.parse(readFileSync(file('results.json'), 'utf8')) as Record<string, unknown>;
    expect(fromMerge.trials).toBe(4096);
    expect(JSON.stringify(fromMerge)).toBe(JSON.stringify(single));
  });
});

describe('chainward merge and run --shard/--target-se: bad input exits 2, names the file and the problem, writes nothing', () => {
  it.each([
    'merge: a missing shard',
    'merge: a duplicated shard',
    'merge: parts from different seeds',
    'merge: a file that is not JSON',
    'merge: a results file of `run --format json`',
    'merge: a base64 array cut short',
    'merge: a base64 array cut mid-number',
    'merge: no files',
    'merge: a part edited after it was written',
    'merge: a NaN loss',
    'merge: a loss of -1e9',
    'merge: the seed changed in every part, checksums not recomputed',
    'merge: the seed changed in every part, checksums recomputed',
    'merge: the worst loss inflated with its tail entry',
    'merge: shard 1 relabelled as shard 2',
    'merge: parts of different trial counts',
    'merge: parts of different scenarios',
    'merge: another scenario under the same hash',
    'merge: a part of the earlier format',
    'merge: tail offsets that go backwards',
    'merge: a tail trial outside the part',
    'run --shard 3/2',
    'run --shard 0/2',
    'run --shard 2/9 --trials 4096 (more shards than ranges)',
    'run --shard 1/2 --format table',
    'run --target-se 0',
    'run --target-se 0.01 --trials 5',
  ])('%s', (name) => {
    const c = errorCases.find((x) => x.name === name);
    if (!c) expect.fail(`case ${name} was not set up`);
    const r = results.get(name);
    if (!r) expect.fail(`case ${name} did not run`);
    expect(r.status, show(r)).toBe(2);
    expect(r.stderr.startsWith('chainward: '), show(r)).toBe(true);
    for (const want of c.stderrHas) {
      if (typeof want === 'string') expect(r.stderr, show(r)).toContain(want);
      else expect(r.stderr, show(r)).toMatch(want);
    }
    expect(stackProblem(r.stderr), show(r)).toBeUndefined();
    expect(r.stdout, 'bad input prints its problems on stderr only').toBe('');
    // no --out file and no temporary file next to it
    expect(existsSync(join(c.dir, 'out.json'))).toBe(false);
    expect(readdirSync(c.dir)).toEqual([]);
  });
});
