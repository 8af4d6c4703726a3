// `chainward explore` through the real command line: it refuses bad input before serving anything
// (exit 2, JSON paths, no stack), serves the built explorer and the given file on 127.0.0.1, prints
// the URL, and stops cleanly on Ctrl-C (SIGINT) with status 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli, stackProblem } from '../../support/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'chainward-explore-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('chainward explore', () => {
  it('explore refuses a bad scenario with its JSON paths and exit status 2, serving nothing', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'chainward/v1', name: 'x', sites: [{ id: 'a', kind: 'castle' }], threats: [] }));
    const r = await runCli(['explore', bad, '--no-open', '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('sites[0].kind');
    expect(r.stdout).not.toContain('http://');
    expect(stackProblem(r.stderr)).toBeUndefined();
    const usage = await runCli(['explore', '--port', 'abc']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--port');
    const results = join(tmp, 'results.json');
    writeFileSync(results, JSON.stringify({ format: 'chainward-results/v1', scenario: 'x', currency: 'EUR', risks: [null] }));
    const badResults = await runCli(['explore', results, '--no-open', '--port', '0']);
    expect(badResults.status).toBe(2);
    expect(badResults.stderr).toContain('risks[0]');
    const missing = await runCli(['explore', join(tmp, 'nope.json'), '--no-open']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });

  it('explore refuses trials and seeds the page cannot run, and trials or a seed for a results file (exit 2)', async () => {
    const results = join(tmp, 'run.json');
    const run = await runCli(['run', '--trials', '200', '--workers', '1', '--treatments', 'none', '--format', 'json', '--out', results, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    const [few, many, long, forResults, seedForResults] = await Promise.all([
      runCli(['explore', '--trials', '50', '--no-open', '--port', '0']),
      runCli(['explore', '--trials', '2000000', '--no-open', '--port', '0']),
      runCli(['explore', '--seed', 'x'.repeat(65), '--no-open', '--port', '0']),
      runCli(['explore', results, '--trials', '5000', '--no-open', '--port', '0']),
      runCli(['explore', results, '--seed', '7', '--no-open', '--port', '0']),
    ]);
    for (const r of [few, many, long, forResults, seedForResults]) {
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).not.toContain('http://');
      expect(stackProblem(r.stderr)).toBeUndefined();
    }
    expect(few.stderr).toContain('--trials: expected a whole number from 100 to 1000000, got "50"');
    expect(many.stderr).toContain('got "2000000"');
    expect(long.stderr).toContain('--seed: expected at most 64 characters');
    expect(forResults.stderr).toContain('--trials: run.json holds results, which keep the trials and seed they were run with');
    expect(seedForResults.stderr).toContain('--seed: run.json holds results');
  });

  it('explore serves the explorer and the scenario on 127.0.0.1 with the trials and seed to run, prints the URL, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['bin/chainward.js', 'explore', 'scenarios/pharma-cold-chain-air.json', '--trials', '6000', '--seed', 'q3 review', '--no-open', '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
    try {
      const deadline = Date.now() + 120_000;
      while (!/http:\/\/127\.0\.0\.1:\d+\//.test(stdout) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      expect(url, stderr).toBeTruthy();
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      const input = await fetch(`${url}input.json`);
      expect(JSON.parse(await input.text()).name).toMatch(/cold chain|pharma/i);
      expect(input.headers.get('x-chainward-source')).toBe('pharma-cold-chain-air.json');
      // the page runs what the command was given (README.md, "The explorer")
      expect(input.headers.get('x-chainward-trials')).toBe('6000');
      expect(decodeURIComponent(input.headers.get('x-chainward-seed')!)).toBe('q3 review');
      expect(stdout).toContain('6,000 trials, seed q3 review');
      const { request } = await import('node:http');
      const raw = await new Promise<number>((ok, fail) => {
        const u = new URL(url!);
        request({ host: u.hostname, port: u.port, path: '/../package.json', headers: { host: u.host } }, (res) => ok(res.statusCode!)).on('error', fail).end();
      });
      expect(raw).toBe(404); // a path above the build, sent as is (fetch would normalise it)
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(stdout).toContain('stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
