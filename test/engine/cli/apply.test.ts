// `chainward apply`: the folded scenario's baseline is the scenario the treatment was simulated as —
// the same EAL (and whole summary) bit for bit with the same seed and trials, by common random
// numbers — the key order of the file is kept, a treatment that is not done is refused without
// --any-status, an unknown id gets the nearest one, --out over the input is refused, a treatment left
// that conflicts is named, and nothing is written on bad input (exit status 2).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { DEFAULT_SCENARIO } from '../../../engine/cli/scenario-file.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import { runMain } from '../../support/run-main.js';
import { runCli } from '../../support/run-cli.js';
import { jsonValueSpan } from '../../../engine/text/json-value-span.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-apply-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const original = readFileSync(DEFAULT_SCENARIO, 'utf8');

function scenarioOf(text: string) {
  const p = parseScenario(text);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.scenario;
}

/** The default scenario's JSON with `edit` applied, written to `name` in the test folder. */
function variant(name: string, edit: (s: Record<string, unknown> & { treatments: Array<Record<string, unknown>> }) => void): string {
  const s = JSON.parse(original);
  edit(s);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(s, null, 2));
  return file;
}

describe('chainward apply', () => {
  it('apply --any-status: the new baseline equals the treatment as simulated, bit for bit (same seed and trials)', async () => {
    const out = join(dir, 'next.json');
    const r = await runMain(['apply', DEFAULT_SCENARIO, '--treatment', 'tr-port-contingency', '--any-status', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('folded tr-port-contingency (in-progress) into the baseline; 5 treatments left');
    const before = await simulateScenario(scenarioOf(original), { trials: 4096, seed: 1, treatments: ['tr-port-contingency'] });
    const after = await simulateScenario(scenarioOf(readFileSync(out, 'utf8')), { trials: 4096, seed: 1, treatments: 'none' });
    const treated = before.treatments[0]!;
    // common random numbers: every risk draws from streams keyed by (seed, risk id, trial block), so
    // the folded scenario's baseline is the treated scenario's run, trial for trial
    expect(after.baseline.eal).toBe(treated.summary.eal);
    expect(after.baseline).toEqual(treated.summary);
    expect(after.baseline.eal).toBeLessThan(before.baseline.eal);
  });

  it('apply keeps the file’s key order, removes only the folded treatment and writes a valid scenario', async () => {
    const out = join(dir, 'done.json');
    const r = await runMain(['apply', DEFAULT_SCENARIO, '--treatment', 'tr-long-haul-bundle', '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const a = JSON.parse(original);
    const b = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(b)).toEqual(Object.keys(a)); // "$schema" first, as written
    expect(b.treatments.map((t: { id: string }) => t.id)).toEqual(a.treatments.map((t: { id: string }) => t.id).filter((id: string) => id !== 'tr-long-haul-bundle'));
    expect(b.treatments).toEqual(a.treatments.filter((t: { id: string }) => t.id !== 'tr-long-haul-bundle'));
    const lane = b.lanes.find((l: { id: string }) => l.id === 'la-rtm-lyo');
    expect(lane.controls).toEqual(expect.arrayContaining(['secure-parking', 'gps-monitoring', 'hard-sided-trailer']));
    expect(Object.keys(lane).slice(0, -1)).toEqual(Object.keys(a.lanes.find((l: { id: string }) => l.id === 'la-rtm-lyo')));
    expect(parseScenario(readFileSync(out, 'utf8')).ok).toBe(true);
  });

  it('apply keeps every byte it does not change: the changed values and the folded treatment only, for every change kind', async () => {
    const treatments = (JSON.parse(original) as { treatments: Array<{ id: string }> }).treatments;
    const lines = (text: string) => text.split('\n');
    for (const [i, t] of treatments.entries()) {
      const out = join(dir, `kept-${t.id}.json`);
      expect((await runMain(['apply', DEFAULT_SCENARIO, '--treatment', t.id, '--any-status', '--out', out, '--quiet'])).status).toBe(0);
      const text = readFileSync(out, 'utf8');
      // the folded treatment's block, as the file has it
      const block = jsonValueSpan(original, ['treatments', i])!;
      const blockLines = lines(original.slice(block.start, block.end)).length;
      const was = new Set(lines(original));
      const now = new Set(lines(text));
      const added = lines(text).filter((l) => !was.has(l));
      const removed = lines(original).filter((l) => !now.has(l));
      // addControls on a site tagged fsr-gap and on dc-milan: 3 lines; a route, a buffer: 1; a carrier on 5 lanes: ≤ 10
      expect(added.length, `${t.id}: ${added.join('\n')}`).toBeLessThanOrEqual(10);
      expect(removed.length, t.id).toBeLessThanOrEqual(blockLines + 10);
      expect(text.endsWith('}\n')).toBe(true);
    }
    // a route: the path's line and the treatment, nothing else
    const rail = readFileSync(join(dir, 'kept-tr-laptops-rail.json'), 'utf8');
    const i = treatments.findIndex((t) => t.id === 'tr-laptops-rail');
    const prev = jsonValueSpan(original, ['treatments', i - 1])!;
    const own = jsonValueSpan(original, ['treatments', i])!;
    const expected = (original.slice(0, prev.end) + original.slice(own.end)).replace('"path": ["la-ss-sk", "la-sk-ham", "la-ham-dor"]', '"path": ["la-ss-sl", "la-sl-mal", "la-mal-dui", "la-dui-dor"]');
    expect(rail).toBe(expected);
  });

  it('apply refuses a treatment that is not done (exit 2, nothing written), and says how to go on', async () => {
    const out = join(dir, 'refused.json');
    const r = await runMain(['apply', DEFAULT_SCENARIO, '--treatment', 'tr-long-haul-bundle', '--treatment', 'tr-components-buffer', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('treatment "tr-components-buffer" is approved');
    expect(r.stderr).toContain('apply folds only treatments whose status is "done"');
    expect(r.stderr).toContain('--any-status');
    expect(existsSync(out)).toBe(false);
  });

  it('apply: an unknown id gets the nearest one; --out over the input, a repeated id and no --treatment are refused', async () => {
    const unknown = await runMain(['apply', DEFAULT_SCENARIO, '--treatment', 'tr-port-contingncy']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no treatment "tr-port-contingncy"');
    expect(unknown.stderr).toContain('(did you mean "tr-port-contingency"?)');
    expect(unknown.stdout).toBe('');

    const copy = join(dir, 'copy.json');
    writeFileSync(copy, original);
    const over = await runMain(['apply', copy, '--treatment', 'tr-long-haul-bundle', '--out', copy]);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('--out');
    expect(readFileSync(copy, 'utf8')).toBe(original);

    const twice = await runMain(['apply', DEFAULT_SCENARIO, '--treatment', 'tr-long-haul-bundle', '--treatment', 'tr-long-haul-bundle']);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('is given twice');
    const none = await runMain(['apply', DEFAULT_SCENARIO]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--treatment is required');
  });

  it('apply names a treatment left that conflicts with the folded changes, and writes nothing', async () => {
    const lane = { id: 'la-ven-mil-direct', from: 'dc-venlo', to: 'dc-milan', mode: 'road', transitDays: 2 };
    const file = variant('conflict.json', (s) => {
      s.treatments.push({ id: 'tr-new-lane', name: 'A direct lane', status: 'done', changes: [{ addLanes: [lane] }] });
      s.treatments.push({ id: 'tr-new-lane-too', name: 'The same lane again', changes: [{ addLanes: [lane] }] });
    });
    const out = join(dir, 'conflict-out.json');
    const r = await runMain(['apply', file, '--treatment', 'tr-new-lane', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('with tr-new-lane folded in, the scenario is not valid');
    expect(r.stderr).toMatch(/treatments\[\d+\]\.changes\[0\]\.addLanes\[0\]\.id: lane "la-ven-mil-direct" already exists \(treatment "tr-new-lane-too", left in the scenario\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('apply warns about a treatment left that now changes nothing', async () => {
    const file = variant('emptied.json', (s) => {
      const bundle = s.treatments.find((t) => t.id === 'tr-long-haul-bundle')!;
      s.treatments.push({ id: 'tr-bundle-again', name: 'The same bundle', changes: bundle.changes });
    });
    const r = await runMain(['apply', file, '--treatment', 'tr-long-haul-bundle', '--out', join(dir, 'emptied-out.json')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning: treatment "tr-bundle-again" now changes nothing');
  });

  it('apply: bad input names the file and the JSON path (exit 2); --help explains the options', async () => {
    const file = variant('broken.json', (s) => {
      s.treatments[0]!.status = 'finished';
    });
    const r = await runMain(['apply', file, '--treatment', 'tr-dc-fsr-upgrade']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: treatments[0].status`);
    expect(r.stdout).toBe('');

    const help = await runCli(['apply', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: chainward apply scenario.json --treatment ID');
    for (const o of ['--treatment ID', '--any-status', '--out FILE']) expect(help.stdout).toContain(o);
  });
});
