// `run --sensitivity`: the tornado rows in the results JSON and table; bad combinations exit 2.
import { describe, expect, it } from 'vitest';
import { runMany, stackProblem } from '../../support/run-cli.js';

describe('chainward run --sensitivity', () => {
  it('run --sensitivity adds sorted rows to the JSON and a table section; misuse exits 2', async () => {
    const base = ['run', '--trials', '2048', '--treatments', 'none', '--workers', '1', '--quiet'];
    const [json, table, noFlag, shard, badDelta] = await runMany([
      [...base, '--sensitivity', '--sensitivity-delta', '0.1', '--format', 'json'],
      [...base, '--sensitivity'],
      [...base, '--sensitivity-delta', '0.1'],
      [...base, '--sensitivity', '--shard', '1/1'],
      [...base, '--sensitivity', '--sensitivity-delta', '2'],
    ]);
    expect(json!.status, json!.stderr).toBe(0);
    const r = JSON.parse(json!.stdout) as { sensitivity: Array<{ parameter: string; delta: number; low: number; high: number; swing: number }> };
    expect(r.sensitivity.length).toBeGreaterThan(10);
    expect(r.sensitivity.every((x) => x.delta === 0.1 && Math.abs(x.swing - Math.abs(x.high - x.low)) < 1e-6)).toBe(true);
    for (let i = 1; i < r.sensitivity.length; i++) expect(r.sensitivity[i]!.swing).toBeLessThanOrEqual(r.sensitivity[i - 1]!.swing);
    expect(r.sensitivity.some((x) => x.parameter.startsWith('threat '))).toBe(true);
    expect(r.sensitivity.some((x) => x.parameter.startsWith('control '))).toBe(true);
    expect(table!.status, table!.stderr).toBe(0);
    expect(table!.stdout).toMatch(/Sensitivity: each parameter at 75 % and 125 %/);
    for (const [res, msg] of [
      [noFlag, /--sensitivity-delta needs --sensitivity/],
      [shard, /--sensitivity and --shard do not go together/],
      [badDelta, /--sensitivity-delta: expected a relative variation between 0 and 1/],
    ] as const) {
      expect(res!.status, res!.stderr).toBe(2);
      expect(res!.stderr).toMatch(msg);
      expect(stackProblem(res!.stderr)).toBeUndefined();
    }
  });
});
