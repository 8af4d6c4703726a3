// `chainward compare`: two scenarios are simulated with one seed and their EAL change gets the paired
// interval — exactly minus the treatment's delta when the second is the first with that treatment
// folded in, and narrower than the unpaired interval of the same two runs given as results files;
// the same inputs give the same bytes; results beside a scenario lend it their seed and trials; bad
// input is exit status 2 naming the file and the place, with nothing written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../../engine/analysis/compare.js';
import { DEFAULT_SCENARIO } from '../../../engine/cli/scenario-file.js';
import type { Results } from '../../../engine/results/schema.js';
import { runMain } from '../../support/run-main.js';
import { runCli } from '../../support/run-cli.js';
import { namedScenario, PROTO_NAMES } from '../../repo/own-keys-fixture.js';

let dir: string;
let next: string;
let beforeResults: string;
let afterResults: string;
const SIM = ['--trials', '2048', '--seed', '5', '--workers', '1', '--quiet'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-compare-'));
  next = join(dir, 'next.json');
  expect((await runMain(['apply', DEFAULT_SCENARIO, '--treatment', 'tr-port-contingency', '--any-status', '--out', next, '--quiet'])).status).toBe(0);
  beforeResults = join(dir, 'before-results.json');
  afterResults = join(dir, 'after-results.json');
  expect((await runMain(['run', DEFAULT_SCENARIO, ...SIM, '--format', 'json', '--out', beforeResults])).status).toBe(0);
  expect((await runMain(['run', next, ...SIM, '--format', 'json', '--out', afterResults])).status).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('chainward compare', () => {
  it('compare of two scenarios: the paired interval, exactly minus the folded treatment’s delta, and the same bytes twice', async () => {
    const a = await runMain(['compare', DEFAULT_SCENARIO, next, ...SIM, '--format', 'json']);
    expect(a.status).toBe(0);
    const c = JSON.parse(a.stdout) as Comparison;
    expect(c.format).toBe('chainward-compare/v1');
    expect(c.before).toMatchObject({ source: 'scenario', file: DEFAULT_SCENARIO, seed: 5, trials: 2048 });
    expect(c.after).toMatchObject({ source: 'scenario', file: next, seed: 5, trials: 2048 });
    expect(c.warnings).toEqual([]);
    // the treatment's delta is baseline − treated over the same trials; the comparison's change is
    // after − before of the same per-trial losses: the same sum of negated terms
    const treated = (read(beforeResults) as Results).treatments.find((t) => t.id === 'tr-port-contingency')!;
    expect(c.ealChange.interval).toBe('paired');
    expect(c.ealChange.change).toBe(-treated.delta.eal);
    expect(c.ealChange.ci95).toEqual([-treated.delta.ealCi95[1], -treated.delta.ealCi95[0]]);
    expect(c.ealChange.withinNoise).toBe(false);
    expect(c.risks.levelChanged.map((k) => k.id)).toContain('disruption-port-closure@port-shekou');
    expect(c.controlSpend.elements.find((e) => e.element === 'emergency')!.change).toBe(80_000);
    expect(c.treatmentPlan.treatments.find((t) => t.id === 'tr-port-contingency')).toMatchObject({ before: { status: 'in-progress', due: '2027-03-31' }, after: null });

    const again = await runMain(['compare', DEFAULT_SCENARIO, next, ...SIM, '--format', 'json']);
    expect(again.stdout).toBe(a.stdout);
  });

  it('compare of the two runs as results files: the unpaired interval, wider than the paired one and said to be conservative', async () => {
    const paired = JSON.parse((await runMain(['compare', DEFAULT_SCENARIO, next, ...SIM, '--format', 'json'])).stdout) as Comparison;
    const r = await runMain(['compare', beforeResults, afterResults, '--format', 'json', '--quiet']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout) as Comparison;
    expect(c.before.source).toBe('results');
    expect(c.ealChange.interval).toBe('unpaired');
    expect(c.ealChange.conservative).toBe(true);
    // the same two runs: the same figures, only the interval differs
    expect(c.measures).toEqual(paired.measures);
    const width = (x: Comparison) => x.ealChange.ci95[1] - x.ealChange.ci95[0];
    expect(width(paired)).toBeLessThan(width(c) / 2);
    expect(c.warnings.join(' ')).toContain('give the two scenarios instead of their results for the paired interval');
  });

  it('compare of the same results file twice says the two runs are the same, with no interval and no advice', async () => {
    const r = await runMain(['compare', beforeResults, beforeResults, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No change: the two runs are the same');
    expect(r.stdout).not.toContain('may be chance alone');
    expect(r.stdout).not.toMatch(/95 % interval [−€]/);
    expect(r.stdout).not.toContain('give the two scenarios');
  });

  it('compare of results and a scenario simulates the scenario with the results’ seed and trials', async () => {
    const r = await runMain(['compare', beforeResults, next, '--workers', '1', '--format', 'json', '--quiet']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout) as Comparison;
    expect(c.after).toMatchObject({ source: 'scenario', seed: 5, trials: 2048 });
    expect(c.ealChange.interval).toBe('unpaired');
    expect(c.measures[0]!.after).toBe((read(afterResults) as Results).baseline.eal);
    // one side is a scenario already: the advice names the results side only
    expect(c.warnings.join(' ')).not.toContain('give the two scenarios');
    expect(c.warnings.join(' ')).toContain(`give the scenario of ${beforeResults} instead of its results`);
  });

  it('compare table and Markdown: every section, the verdict on noise and the due dates without a clock', async () => {
    const t = await runMain(['compare', beforeResults, afterResults, '--quiet']);
    expect(t.status).toBe(0);
    for (const s of ['Headline figures', 'Appetite:', 'Risks: ', 'Control spend by ISO 28000 element', 'Risk treatment plan', "beyond the simulation's noise", '2027-03-31']) expect(t.stdout).toContain(s);
    for (const l of t.stdout.split('\n')) expect([...l].length).toBeLessThanOrEqual(120);
    const md = join(dir, 'review.md');
    const m = await runMain(['compare', beforeResults, afterResults, '--format', 'md', '--out', md, '--quiet']);
    expect(m.status).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^# Comparison: EU electronics inbound → EU electronics inbound\n/);
  });

  it('compare: bad input is exit 2 naming the file and place, and nothing is written', async () => {
    const out = join(dir, 'never.json');
    const bad = join(dir, 'bad.json');
    const broken = read(beforeResults);
    broken.baseline.eal = 'lots';
    writeFileSync(bad, JSON.stringify(broken));
    const r = await runMain(['compare', bad, afterResults, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}: baseline.eal`);
    expect(existsSync(out)).toBe(false);

    const one = await runMain(['compare', beforeResults]);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('compare takes two files, before and after, got 1');
    const seeded = await runMain(['compare', beforeResults, afterResults, '--trials', '100']);
    expect(seeded.status).toBe(2);
    expect(seeded.stderr).toContain('--trials applies to a scenario');
    const usd = join(dir, 'usd.json');
    writeFileSync(usd, JSON.stringify({ ...read(afterResults), currency: 'USD' }));
    const currencies = await runMain(['compare', beforeResults, usd, '--out', out]);
    expect(currencies.status).toBe(2);
    expect(currencies.stderr).toContain('the currencies differ (EUR before, USD after)');
    expect(existsSync(out)).toBe(false);
  });

  it('compare refuses results no run could have written (a negative EAL, a malformed hash) and a document of another format in one line', async () => {
    const out = join(dir, 'never.json');
    const neg = join(dir, 'neg.json');
    const r0 = read(beforeResults);
    writeFileSync(neg, JSON.stringify({ ...r0, scenarioHash: 'sha256:xyz', baseline: { ...r0.baseline, eal: -5 } }));
    const r = await runMain(['compare', neg, afterResults, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${neg}: not valid results: 3 problems`);
    expect(r.stderr).toContain(`${neg}: scenarioHash: expected "sha256:" and 64 hex digits, got "sha256:xyz"`);
    expect(r.stderr).toContain(`${neg}: baseline.eal: expected a number ≥ 0 (a loss or its spread is never negative), got -5`);
    expect(existsSync(out)).toBe(false);
    const other = join(dir, 'other-format.json');
    writeFileSync(other, JSON.stringify({ ...r0, format: 'chainward-results/v2' }));
    const f = await runMain(['compare', beforeResults, other]);
    expect(f.status).toBe(2);
    expect(f.stderr.trim().split('\n')).toEqual([
      `chainward: ${other}: neither valid results nor a valid scenario: 1 problem`,
      `  ${other}: format: expected "chainward/v1" (a scenario) or "chainward-results/v1" (results), got "chainward-results/v2"`,
    ]);
  });

  it('compare --help explains the two inputs and the options', async () => {
    const help = await runCli(['compare', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: chainward compare before.json after.json');
    for (const o of ['--format table|json|md', '--trials N', '--seed S', '--out FILE', 'paired']) expect(help.stdout).toContain(o);
  });

  it('apply and compare on a scenario whose every name is an Object.prototype member ("__proto__", "constructor", …)', async () => {
    const file = join(dir, 'proto.json');
    const scenario = namedScenario(PROTO_NAMES) as { treatments: object[] };
    writeFileSync(file, JSON.stringify({ ...scenario, treatments: scenario.treatments.map((t) => ({ ...t, status: 'done', owner: 'toString' })) }));
    const folded = join(dir, 'proto-next.json');
    const a = await runMain(['apply', file, '--treatment', '__proto__', '--treatment', 'constructor', '--out', folded, '--quiet']);
    expect(a.status, a.stderr).toBe(0);
    expect((read(folded) as { treatments: Array<{ id: string }> }).treatments.map((t) => t.id)).toEqual(['toString', 'valueOf', 'hasOwnProperty']);
    const r = await runMain(['compare', file, folded, '--trials', '1024', '--workers', '1', '--format', 'json', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as Comparison;
    expect(c.ealChange.interval).toBe('paired');
    expect(c.treatmentPlan.before.done).toBe(5);
    expect(c.treatmentPlan.after.done).toBe(3);
    expect(c.treatmentPlan.treatments.filter((t) => t.after === null).map((t) => t.id)).toEqual(['__proto__', 'constructor']);
    expect(r.stdout).not.toMatch(/NaN|\[object/);
    const t = await runMain(['compare', file, folded, '--trials', '1024', '--workers', '1', '--format', 'md', '--quiet']);
    expect(t.stdout).toContain('`__proto__`');
  });
});
