// The worker thread also loads from compiled JavaScript (tsc output, no tsx): the engine is built
// into a temporary folder and its CLI runs with two worker threads, giving the same results as the
// TypeScript sources run in-process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chainward-compiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WorkerPool from compiled JavaScript', () => {
  it('the tsc build runs `run --workers 2` with worker.js and matches the sources in-process', async () => {
    execFileSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(REPO, 'tsconfig.json'), '--noEmit', 'false', '--outDir', join(dir, 'dist')], { cwd: REPO });
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'dist', 'node_modules'), 'dir');
    writeFileSync(join(dir, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(dir, 'dist', 'cli.mjs'), "import { main } from './engine/cli/main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n");
    const scenario = join(REPO, 'scenarios', 'eu-electronics-inbound.json');
    const args = ['run', scenario, '--trials', '6000', '--seed', '3', '--treatments', 'tr-port-contingency', '--format', 'json', '--quiet'];
    const compiled = execFileSync(process.execPath, [join(dir, 'dist', 'cli.mjs'), ...args, '--workers', '2', '--out', join(dir, 'compiled.json')], { cwd: dir });
    expect(compiled.toString()).toBe('');
    const source = await runCli([...args, '--workers', '1', '--out', join(dir, 'source.json')]);
    expect(source.status, source.stderr).toBe(0);
    const read = (f: string) => {
      const { run, ...rest } = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      return { run, rest: JSON.stringify(rest) };
    };
    const a = read('compiled.json');
    expect(a.run.workers).toBe(2);
    expect(a.rest).toBe(read('source.json').rest);
  });
});
