// Hostile numbers on the command line (README.md, "Limits"): valid-looking scenarios that used to run
// for minutes, fill the memory or report "€∞ ± €NaN" are refused with exit status 2 and a message
// naming where; the largest amounts the limits allow run to finite results, the same whole or as
// merged shards.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runMany, stackProblem } from '../../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chainward-hostile-'));
const base = JSON.parse(readFileSync(join(REPO, 'test/support/hostile/base.json'), 'utf8'));
function fixture(name: string, edit: (s: any) => void): string {
  const s = structuredClone(base);
  edit(s);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(s));
  return file;
}

describe('hostile numbers', () => {
  it('are refused with exit 2, where and what, no stack; the largest allowed amounts run finite and merge to the same bytes', async () => {
    const rate = fixture('rate', (s) => (s.threats[0].frequency = { perYear: 1e6 })); // hung for minutes
    const value = fixture('value', (s) => (s.sites[0].value = 1e308)); // EAL "€∞ ± €NaN"
    const transit = fixture('transit', (s) => (s.lanes[0].transitDays = 1e308)); // internal error, exit 1
    const lognormal = fixture('lognormal', (s) => (s.threats[0].loss = { amount: { lognormal: { mu: 1000, sigma: 1 } } }));
    // a treatment's own plan over the limits: validate checks it too, naming the file and the treatment
    const treated = fixture('treated', (s) => {
      s.threats[0].frequency = { perYear: 20 };
      s.threats[0].appliesTo = { kind: 'site' };
      s.threats[0].regionFactors = { XX: 1000 };
      s.treatments = [...(s.treatments ?? []), { id: 'tr-x', name: 'A site in XX', changes: [{ addSites: [{ id: 's9', kind: 'dc', region: 'XX' }] }] }];
    });
    const limits = join(REPO, 'test/support/hostile/at-limits.json');
    const run = ['--trials', '4096', '--seed', '5', '--workers', '1', '--quiet'];
    const [vTreated, vRate, rRate, vValue, rTransit, vLognormal, whole, part1, part2] = await runMany([
      ['validate', treated],
      ['validate', rate],
      ['run', rate, '--trials', '2048', '--quiet'],
      ['validate', value],
      ['run', transit, '--quiet'],
      ['validate', lognormal],
      ['run', limits, ...run, '--format', 'json', '--out', join(dir, 'whole.json')],
      ['run', limits, ...run, '--shard', '1/2', '--out', join(dir, 'part-1.json')],
      ['run', limits, ...run, '--shard', '2/2', '--out', join(dir, 'part-2.json')],
    ]);
    for (const r of [vTreated, vRate, rRate, vValue, rTransit, vLognormal]) {
      expect(r!.status, r!.stderr).toBe(2);
      expect(stackProblem(r!.stderr)).toBeUndefined();
    }
    expect(vTreated!.stderr).toContain(`${treated}: treatments[${(base.treatments ?? []).length}] "tr-x": threats[0].frequency.perYear: threat "t-site" on site "s9" expects 20,000 events per trial`);
    expect(vRate!.stderr).toContain(`${rate}: threats[0].frequency.perYear: threat "t-site" on site "s1" expects 1,000,000 events per trial`);
    expect(rRate!.stderr).toContain('more than the 10,000 one risk may have');
    expect(vValue!.stderr).toContain('sites[0].value: expected a value ≤ 1e15, got 1e+308');
    expect(rTransit!.stderr).toContain('lanes[0].transitDays: expected a value ≤ 36600, got 1e+308');
    expect(vLognormal!.stderr).toContain('threats[0].loss.amount.lognormal.mu: expected a value ≤ 41, got 1000');

    for (const r of [whole, part1, part2]) expect(r!.status, r!.stderr).toBe(0);
    const [merged] = await runMany([['merge', join(dir, 'part-1.json'), join(dir, 'part-2.json'), '--format', 'json', '--out', join(dir, 'merged.json'), '--quiet']]);
    expect(merged!.status, merged!.stderr).toBe(0);
    const a = JSON.parse(readFileSync(join(dir, 'whole.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8'));
    delete a.run;
    delete b.run;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    // losses of 10^17 and more a year: every figure a finite number (JSON null was ∞ or NaN)
    expect(a.baseline.eal).toBeGreaterThan(1e17);
    for (const k of ['eal', 'sd', 'directEal', 'interruptionEal', 'cvar95', 'cvar99', 'p99', 'max']) expect(Number.isFinite(a.baseline[k]), k).toBe(true);
    for (const r of a.risks) expect(Number.isFinite(r.meanLossPerEvent) && Number.isFinite(r.share), r.id).toBe(true);
  }, 180_000);
});
