// `run --target-se` that stops at --max-trials before reaching its target says so: a warning on
// standard error (silenced by --quiet), and run.targetSe, run.achievedRelativeSe and run.stoppedBy in
// the JSON; a run that meets its target says stoppedBy "target".
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

describe('run --target-se: how the run ended', () => {
  it('stopped at --max-trials above the target: a warning, and stoppedBy "max-trials" in the JSON', async () => {
    const r = await runCli(['run', '--target-se', '0.005', '--max-trials', '10000', '--treatments', 'none', '--workers', '1', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: stopped at --max-trials 10,000 with a relative standard error of 0\.0\d+, above the target 0\.005/);
    const run = JSON.parse(r.stdout).run;
    expect(run).toMatchObject({ targetSe: 0.005, stoppedBy: 'max-trials' });
    expect(run.achievedRelativeSe).toBeGreaterThan(0.005);
    const quiet = await runCli(['run', '--target-se', '0.005', '--max-trials', '10000', '--treatments', 'none', '--workers', '1', '--format', 'json', '--quiet']);
    expect(quiet.stderr).toBe('');
  });

  it('a target met: stoppedBy "target", no warning, and the table footer says so', async () => {
    const r = await runCli(['run', '--target-se', '0.05', '--treatments', 'none', '--workers', '1']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/Run: [\d,]+ trials, target relative SE 5\.00 %, reached [\d.]+ %, stopped by the target/);
    const j = await runCli(['run', '--target-se', '0.05', '--treatments', 'none', '--workers', '1', '--format', 'json', '--quiet']);
    expect(JSON.parse(j.stdout).run).toMatchObject({ targetSe: 0.05, stoppedBy: 'target' });
  });
});
