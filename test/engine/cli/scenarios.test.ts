// Every shipped scenario validates and runs through the real command line, and gives an analysis
// worth showing: a full register over all seven ISO 28000 threat categories, treatments, controls
// of several ISO 28000 elements, and a loss exceedance curve. Also the default scenario and the
// csv and md formats.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../engine/model/schema.js';
import { REPO, runMany, type CliResult } from '../../support/run-cli.js';
import { parseCsv } from '../../support/report-fixture.js';

const SCENARIOS = join(REPO, 'scenarios');
const FILES = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .sort();

interface Results {
  format: string;
  scenario: string;
  trials: number;
  baseline: { eal: number; var95: number; cvar95: number };
  risks: Array<{ id: string; category: string; eal: number }>;
  treatments: Array<{ id: string; delta: { eal: number } }>;
  controls: Array<{ id: string; element: string }>;
  exceedance: Array<{ loss: number; probability: number }>;
}

let out: string;
const validated = new Map<string, CliResult>();
const ran = new Map<string, CliResult>();
let table: CliResult;
let csv: CliResult;
let md: CliResult;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'chainward-cli-scenarios-'));
  const jobs: string[][] = [];
  for (const f of FILES) {
    jobs.push(['validate', join('scenarios', f)]);
    jobs.push(['run', join('scenarios', f), '--trials', '2000', '--format', 'json', '--out', join(out, f)]);
  }
  jobs.push(['run', '--trials', '500']);
  jobs.push(['run', '--trials', '500', '--format', 'csv']);
  jobs.push(['run', '--trials', '500', '--format', 'md']);
  const results = await runMany(jobs);
  FILES.forEach((f, i) => {
    validated.set(f, results[2 * i]!);
    ran.set(f, results[2 * i + 1]!);
  });
  [table, csv, md] = results.slice(-3) as [CliResult, CliResult, CliResult];
}, 600_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const show = (r: CliResult) => `chainward ${r.args.join(' ')} → ${r.status}\n--- stderr ---\n${r.stderr}`;

describe('shipped scenarios', () => {
  it('there are at least 4: the three of the issue and the common-cause one', () => {
    expect(FILES.length, `scenarios/: ${FILES.join(', ')}`).toBeGreaterThanOrEqual(4);
    expect(FILES).toEqual(
      expect.arrayContaining(['eu-electronics-inbound.json', 'pharma-cold-chain-air.json', 'us-mexico-crossborder-road.json', 'apac-electronics-outbound.json']),
    );
  });

  it('between them, a cascade (triggers) and a common-cause threat (jointly) with a treatment that adds a second port', () => {
    type Doc = { threats: Array<{ triggers?: unknown[]; jointly?: boolean }>; treatments?: Array<{ id: string; changes: Array<Record<string, unknown>> }> };
    const docs = FILES.map((f) => JSON.parse(readFileSync(join(SCENARIOS, f), 'utf8')) as Doc);
    const eu = JSON.parse(readFileSync(join(SCENARIOS, 'eu-electronics-inbound.json'), 'utf8')) as Doc;
    expect(eu.threats.some((t) => (t.triggers?.length ?? 0) > 0), 'the default scenario has a cascade').toBe(true);
    const apac = docs[FILES.indexOf('apac-electronics-outbound.json')]!;
    expect(apac.threats.some((t) => t.jointly === true)).toBe(true);
    expect(apac.treatments?.find((t) => t.id === 'add-second-port')?.changes.some((c) => 'addLanes' in c)).toBe(true);
  });

  describe.each(FILES)('%s', (file) => {
    it('validates (exit 0)', () => {
      const r = validated.get(file)!;
      expect(r.status, show(r)).toBe(0);
      expect(r.stdout).toContain('valid chainward/v1 scenario');
      expect(r.stderr).toBe('');
    });

    it('runs 2000 trials to a JSON result with a full analysis', () => {
      const r = ran.get(file)!;
      expect(r.status, show(r)).toBe(0);
      expect(r.stdout).toBe('');
      const scenario = JSON.parse(readFileSync(join(SCENARIOS, file), 'utf8')) as { name: string; treatments?: unknown[] };
      const res = JSON.parse(readFileSync(join(out, file), 'utf8')) as Results;
      expect(res.format).toBe('chainward-results/v1');
      expect(res.scenario).toBe(scenario.name);
      expect(res.trials).toBe(2000);

      expect(res.risks.length).toBeGreaterThanOrEqual(20);
      const categories = new Set(res.risks.map((k) => k.category));
      expect([...CATEGORIES].filter((c) => !categories.has(c)), 'threat categories without a risk').toEqual([]);
      expect(new Set(res.risks.map((k) => k.id)).size, 'risk ids are unique').toBe(res.risks.length);
      for (let i = 1; i < res.risks.length; i++) expect(res.risks[i]!.eal, 'the register is sorted by eal').toBeLessThanOrEqual(res.risks[i - 1]!.eal);

      expect(res.treatments.length).toBeGreaterThanOrEqual(3);
      expect(res.treatments.length).toBe(scenario.treatments?.length ?? 0);
      for (const t of res.treatments) expect(Number.isFinite(t.delta.eal), `treatment ${t.id}`).toBe(true);

      const elements = new Set(res.controls.map((c) => c.element));
      expect(elements.size, `ISO 28000 elements among the controls: ${[...elements].join(', ')}`).toBeGreaterThanOrEqual(4);

      expect(res.exceedance.length).toBeGreaterThanOrEqual(50);
      expect(res.baseline.eal).toBeGreaterThan(0);
      expect(Number.isFinite(res.baseline.cvar95)).toBe(true);
      expect(res.baseline.cvar95).toBeGreaterThanOrEqual(res.baseline.var95);
    });
  });
});


describe('run without a scenario: the built-in default', () => {
  it('prints the table report of "EU electronics inbound"', () => {
    expect(table.status, show(table)).toBe(0);
    expect(table.stdout).toContain('EU electronics inbound');
    expect(table.stdout).toContain('Expected annual loss');
    expect(table.stdout).toContain('500 trials');
  });

  it('--format csv: one block per section; the register block with its header, one row per risk, every row as wide as the header', () => {
    expect(csv.status, show(csv)).toBe(0);
    const rows = parseCsv(csv.stdout);
    const titles = rows.filter((r, i) => i === 0 || (rows[i - 1]!.length === 1 && rows[i - 1]![0] === '')).map((r) => r[0]);
    expect(titles).toEqual(['Summary', 'Appetite', 'Risk register', 'Treatments', 'Flows', 'Risk control list', 'Warnings', 'Run']);
    const start = rows.findIndex((r) => r[0] === 'Risk register') + 1;
    const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === '');
    const [header, ...register] = rows.slice(start, end);
    expect(header!.slice(0, 6)).toEqual(['id', 'threat', 'category', 'target', 'targetKind', 'element']);
    expect(header).toEqual(expect.arrayContaining(['eal', 'likelihood', 'impact', 'score', 'level', 'pEventExpected', 'borderline', 'rerouteEal']));
    expect(register.length).toBeGreaterThanOrEqual(20);
    for (const r of register) expect(r.length, JSON.stringify(r)).toBe(header!.length);
    expect(register.every((r) => /@/.test(r[0]!))).toBe(true);
  });

  it('--format md: a Markdown report with its title and tables', () => {
    expect(md.status, show(md)).toBe(0);
    expect(md.stdout.startsWith('# EU electronics inbound\n')).toBe(true);
    expect(md.stdout).toContain('| measure | value |');
    expect(md.stdout).toMatch(/\n## Risk register: top 15 of \d+ risks/);
    expect(md.stdout).toContain('## Treatments');
    expect(md.stdout).toContain('## Flows');
    expect(md.stdout).toMatch(/\n\| # \| risk \| category \| level \|/);
  });
});
