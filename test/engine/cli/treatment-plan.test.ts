// The risk treatment plan on the default scenario's treatments — status, owner, due date, decision —
// in every output of `run` (JSON, table, Markdown, CSV) and in `merge`'s rebuilt results; a treatment
// without a status reads as proposed; the calibration block travels into the results.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../engine/cli/scenario-file.js';
import type { Results } from '../../../engine/results/schema.js';
import { csvBlocks } from '../../support/report-fixture.js';
import { runMain } from '../../support/run-main.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-plan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SIM = ['--trials', '2048', '--workers', '1', '--quiet'];
const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as { treatments: Array<{ id: string; status?: string; owner?: string; due?: string; decision?: string }> };

describe('the risk treatment plan in the outputs', () => {
  it('run --format json: every treatment has its status, and its owner, due date and decision as the scenario states them', async () => {
    const r = await runMain(['run', ...SIM, '--format', 'json']);
    expect(r.status).toBe(0);
    const results = JSON.parse(r.stdout) as Results;
    expect(results.treatments.map((t) => t.status)).toEqual(['proposed', 'done', 'rejected', 'in-progress', 'approved', 'proposed']);
    for (const t of results.treatments) {
      const s = scenario.treatments.find((x) => x.id === t.id)!;
      expect([t.owner, t.due, t.decision]).toEqual([s.owner, s.due, s.decision]);
      // the plan's fields come after id and name, absent ones left out
      expect(Object.keys(t).slice(0, 3)).toEqual(['id', 'name', 'status']);
      if (s.due === undefined) expect('due' in t).toBe(false);
    }
    expect('calibration' in results).toBe(false);
  });

  it('the table, Markdown and CSV show the status; owner and due date in Markdown and CSV, decisions in all three', async () => {
    const table = (await runMain(['run', ...SIM])).stdout;
    expect(table).toMatch(/tr-port-contingency\s+in-progress\s+Contingency plans/);
    expect(table).toMatch(/tr-haulier-tsr1\s+rejected/);
    expect(table).toContain('Treatment plan: owner, due date and decision');
    const flat = table.replace(/\s+/g, ' '); // notes and plan lines wrap at 120 columns
    expect(flat).toContain('tr-port-contingency (in-progress): owner Ocean freight procurement · due 2027-03-31 · decision: Approved');
    expect(flat).toContain('every treatment is simulated whatever its status');

    const md = (await runMain(['run', ...SIM, '--format', 'md'])).stdout;
    expect(md).toContain('| id | status | owner | due | name |');
    expect(md).toContain('| `tr-port-contingency` | in-progress | Ocean freight procurement | 2027-03-31 | Contingency plans for Shekou and Hamburg |');
    expect(md).toContain('- `tr-haulier-tsr1` (rejected): Rejected at the 2026 management review');

    const csv = (await runMain(['run', ...SIM, '--format', 'csv'])).stdout;
    const block = csvBlocks(csv).find((b) => b.title === 'Treatments')!;
    expect(block.header.slice(-4)).toEqual(['status', 'owner', 'due', 'decision']);
    const row = block.rows.find((x) => x[0] === 'tr-components-buffer')!;
    expect(row.slice(-4)).toEqual(['approved', 'Plant manager Longhua', '2027-06-30', 'Approved at the 2026 management review, funded from the 2027 inventory budget.']);
  });

  it('merge rebuilds the plan with the rest of the results: the same bytes as a single run but `run`', async () => {
    const parts = [1, 2].map((i) => join(dir, `part-${i}.json`));
    for (const [i, p] of parts.entries()) expect((await runMain(['run', '--trials', '4096', '--workers', '1', '--quiet', '--shard', `${i + 1}/2`, '--out', p])).status).toBe(0);
    const merged = JSON.parse((await runMain(['merge', ...parts, '--format', 'json', '--quiet'])).stdout) as Results;
    const single = JSON.parse((await runMain(['run', '--trials', '4096', '--workers', '1', '--quiet', '--format', 'json'])).stdout) as Results;
    expect(merged.treatments.map((t) => [t.id, t.status, t.owner, t.due])).toEqual(single.treatments.map((t) => [t.id, t.status, t.owner, t.due]));
    expect({ ...merged, run: null }).toEqual({ ...single, run: null });
  });

  it('a treatment without a status reads as proposed; a calibration block is carried into the results', async () => {
    const s = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
    delete s.treatments[1].status;
    s.calibration = { incidents: 'incidents-2026.csv', incidentsSha256: `sha256:${'0'.repeat(64)}`, from: '2026-01-01', to: '2026-12-31', years: 1, weight: 3 };
    const file = join(dir, 'calibrated.json');
    writeFileSync(file, JSON.stringify(s));
    const results = JSON.parse((await runMain(['run', file, ...SIM, '--format', 'json', '--treatments', 'tr-long-haul-bundle'])).stdout) as Results;
    expect(results.treatments[0]!.status).toBe('proposed');
    expect(results.calibration).toEqual(s.calibration);
    // before `run`, after the warnings, as the results schema lists it
    const keys = Object.keys(results);
    expect(keys.indexOf('calibration')).toBe(keys.indexOf('warnings') + 1);
    // the reports say where the rates come from
    for (const format of ['table', 'md']) {
      const text = (await runMain(['run', file, ...SIM, '--format', format, '--treatments', 'none'])).stdout.replace(/\s+/g, ' ');
      expect(text).toContain('Calibrated: rates fitted to the incident log incidents-2026.csv (2026-01-01 to 2026-12-31, 1 year;');
    }
  });
});
