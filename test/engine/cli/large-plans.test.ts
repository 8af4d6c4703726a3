// Large plans through the real command line: with every plan counted as large
// (CHAINWARD_TEST_KEEP_PLAN_BYTES=0), the plans wait in temporary files between their check and their
// turn and the worker threads simulate them in shared memory without keeping them — and the results,
// shards merged and sensitivity rows are byte-identical to a run that keeps everything in memory, with
// no temporary file left behind, also when SIGINT or SIGTERM ends the run (README.md, "Memory").
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chainward-large-plans-'));
const temp = mkdtempSync(join(tmpdir(), 'chainward-large-plans-tmp-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(temp, { recursive: true, force: true });
});

const large = { CHAINWARD_TEST_KEEP_PLAN_BYTES: '0', TMPDIR: temp };
const out = (name: string) => join(dir, name);

/** Folders of parked plans left in the temporary folder (tsx may keep its cache there too). */
const parkedLeft = () => readdirSync(temp).filter((f) => f.startsWith('chainward-plans-'));

/** Results JSON without `run` (workers, wall time, throughput). */
function stable(file: string): string {
  const { run: _run, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return JSON.stringify(rest);
}

// 5000 trials = three ranges of 2048 (the last one short)
const common = ['run', '--trials', '5000', '--seed', '3', '--treatments', 'tr-port-contingency,tr-haulier-tsr1', '--format', 'json', '--quiet'];

describe('chainward run with large plans', () => {
  it('run with every plan parked in files: --workers 1 and 2 and two shards merged give the bytes of a run in memory, and leave no file', async () => {
    const runs = await Promise.all([
      runCli([...common, '--workers', '1', '--out', out('memory.json')]),
      runCli([...common, '--workers', '1', '--out', out('w1.json')], 120_000, large),
      runCli([...common, '--workers', '2', '--out', out('w2.json')], 120_000, large),
      runCli([...common, '--workers', '2', '--shard', '1/2', '--out', out('part1.json')], 120_000, large),
      runCli([...common, '--workers', '1', '--shard', '2/2', '--out', out('part2.json')], 120_000, large),
    ]);
    for (const r of runs) expect(r.status, `${r.args.join(' ')}\n${r.stderr}`).toBe(0);
    const merged = await runCli(['merge', out('part2.json'), out('part1.json'), '--format', 'json', '--out', out('merged.json')]);
    expect(merged.status, merged.stderr).toBe(0);
    const reference = stable(out('memory.json'));
    expect(JSON.parse(reference).treatments).toHaveLength(2);
    for (const f of ['w1.json', 'w2.json', 'merged.json']) expect(stable(out(f)), f).toBe(reference);
    expect(parkedLeft()).toEqual([]);
  }, 180_000);

  it('run --sensitivity with every plan parked in files gives the rows of a run in memory', async () => {
    const args = ['run', '--trials', '2048', '--seed', '5', '--treatments', 'none', '--sensitivity', '--format', 'json', '--quiet'];
    const [memory, parked] = await Promise.all([runCli([...args, '--workers', '1']), runCli([...args, '--workers', '2'], 120_000, large)]);
    expect(memory.status, memory.stderr).toBe(0);
    expect(parked.status, parked.stderr).toBe(0);
    const rows = (text: string) => JSON.stringify((JSON.parse(text) as { sensitivity: unknown }).sensitivity);
    expect(rows(parked.stdout)).toBe(rows(memory.stdout));
    expect(parkedLeft()).toEqual([]);
  }, 180_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while plans are parked: the run ends with status %i and leaves no parked plan and no output', async (signal, status) => {
    const parent = mkdtempSync(join(temp, 'signal-'));
    const target = out(`interrupted-${signal}.txt`);
    const r = await new Promise<{ status: number | null; sent: boolean }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/chainward.js', 'run', '--trials', '400000', '--workers', '2', '--quiet', '--out', target], {
        cwd: REPO,
        env: { ...process.env, ...large, TMPDIR: parent },
        stdio: 'ignore',
      });
      let sent = false;
      // as soon as a plan is parked (the run is then checking treatments or simulating)
      const poll = setInterval(() => {
        if (sent) return;
        for (const f of readdirSync(parent)) {
          if (!f.startsWith('chainward-plans-')) continue;
          try {
            if (readdirSync(join(parent, f)).length === 0) continue;
          } catch {
            continue; // gone between the two listings
          }
          child.kill(signal);
          sent = true;
        }
      }, 5);
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ status: code, sent });
      });
    });
    expect(r.sent, 'a parked plan was seen').toBe(true);
    expect(r.status).toBe(status);
    expect(readdirSync(parent).filter((f) => f.startsWith('chainward-plans-'))).toEqual([]);
    expect(existsSync(target)).toBe(false);
  }, 150_000);
});
