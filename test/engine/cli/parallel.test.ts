// Parallel and sharded runs through the real command line: 1, 2 and 3 worker threads and three
// shards merged give byte-identical results (apart from `run`), and a worker thread that throws
// or dies fails the run with a clear message, a non-zero exit and no output file, without hanging.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runMany } from '../../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chainward-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Results JSON without `run` (workers, wall time, throughput). */
function stable(file: string): string {
  const { run: _run, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return JSON.stringify(rest);
}

// 10 000 trials = five ranges of 2048 (the last one short): shards split them 1/2/2
const common = ['run', '--trials', '10000', '--seed', '11', '--treatments', 'tr-port-contingency,tr-haulier-tsr1', '--quiet'];

describe('chainward run --workers / --shard + merge', () => {
  it('run --workers 1, 2 and 3 and run --shard i/3 merged give byte-identical results', async () => {
    const out = (name: string) => join(dir, name);
    const runs = await runMany([
      [...common, '--workers', '1', '--format', 'json', '--out', out('w1.json')],
      [...common, '--workers', '2', '--format', 'json', '--out', out('w2.json')],
      [...common, '--workers', '3', '--format', 'json', '--out', out('w3.json')],
      [...common, '--workers', '1', '--shard', '1/3', '--out', out('part1.json')],
      [...common, '--workers', '2', '--shard', '2/3', '--out', out('part2.json')],
      [...common, '--workers', '1', '--shard', '3/3', '--out', out('part3.json')],
    ]);
    for (const r of runs) expect(r.status, `${r.args.join(' ')}\n${r.stderr}`).toBe(0);
    // parts given out of order on purpose
    const merged = await runCli(['merge', out('part3.json'), out('part1.json'), out('part2.json'), '--format', 'json', '--out', out('merged.json')]);
    expect(merged.status, merged.stderr).toBe(0);

    const reference = stable(out('w1.json'));
    expect(JSON.parse(reference).trials).toBe(10000);
    expect(JSON.parse(reference).treatments).toHaveLength(2);
    for (const f of ['w2.json', 'w3.json', 'merged.json']) expect(stable(out(f)), f).toBe(reference);
    expect(JSON.parse(readFileSync(out('w3.json'), 'utf8')).run.workers).toBe(3);
    expect(JSON.parse(readFileSync(out('merged.json'), 'utf8')).run.workers).toBe(4); // 1 + 2 + 1 across the shards
  });

  it.each([
    ['throws', 'CHAINWARD_TEST_FAIL_AT_TRIAL', '5000', /simulating trials 4096–6143 failed: worker thread: test hook: range starting at trial 4096 failed/],
    ['dies', 'CHAINWARD_TEST_CRASH_AT_TRIAL', '3000', /simulating trials 2048–4095 failed: worker thread: .*exited/],
  ])('run --workers 2: a worker that %s fails the run with its message, exit 1 and no --out file', async (_what, hook, trial, message) => {
    const file = join(dir, `failed-${hook}.json`);
    // a generous kill timer: a hang is what it catches, not slowness on a loaded machine
    const r = await runCli([...common, '--workers', '2', '--format', 'json', '--out', file], 170_000, { [hook]: trial });
    expect(r.signal).toBeNull(); // it ended by itself: no hang until the kill timer
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
  }, 180_000);
});
