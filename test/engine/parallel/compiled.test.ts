// The worker thread also loads from compiled JavaScript (no tsx): the CLI bundle the test run builds
// once (test/support/cli-bundle.ts, with worker.js beside it, where the pool looks when it runs as
// JavaScript) runs with two worker threads and gives the same results as the TypeScript sources
// started through bin/chainward.js, also with two (the worker bundled from worker.ts at run time, at
// the paths the sources resolve from their own folders).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { REPO, runCli } from '../../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chainward-compiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WorkerPool from compiled JavaScript', () => {
  it('the bundled CLI runs `run --workers 2` with worker.js and matches the sources through bin/chainward.js', async () => {
    expect(inject('chainwardCli'), 'the CLI bundle of the global setup').toMatch(/\.mjs$/);
    const scenario = join(REPO, 'scenarios', 'eu-electronics-inbound.json');
    const args = ['run', scenario, '--trials', '6000', '--seed', '3', '--treatments', 'tr-port-contingency', '--format', 'json', '--quiet'];
    const [compiled, source] = await Promise.all([
      runCli([...args, '--workers', '2', '--out', join(dir, 'compiled.json')], 120_000, {}, 'bundle'),
      runCli([...args, '--workers', '2', '--out', join(dir, 'source.json')], 120_000, {}, 'bin'),
    ]);
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(source.status, source.stderr).toBe(0);
    const read = (f: string) => {
      const { run, ...rest } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      return { run, rest: JSON.stringify(rest) };
    };
    const a = read('compiled.json');
    const b = read('source.json');
    expect([a.run.workers, b.run.workers]).toEqual([2, 2]);
    expect(a.rest).toBe(b.rest);
  });
});
