// The review pack's document and its Markdown: the sections in review order, the summary's best open
// treatment and appetite limits, the treatment plan with overdue and done actions (and taken from the
// scenario when the results were run without treatments), the changes' signs, the stress section
// without flows, the calibration block, names escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareResults } from '../../../engine/analysis/compare.js';
import { stressTest } from '../../../engine/analysis/stress.js';
import { PACK_SECTIONS, planFields, reviewPack } from '../../../engine/report/review-pack.js';
import { changesBlocks } from '../../../engine/report/review-pack-changes.js';
import { reviewPackMarkdown } from '../../../engine/report/review-pack-markdown.js';
import { stressBlocks } from '../../../engine/report/review-pack-stress.js';
import type { Results } from '../../../engine/results/schema.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';
import { shippedResults } from '../../support/report-fixture.js';
import { REPO } from '../../support/run-cli.js';

const shippedScenario = scenarioOf(JSON.parse(readFileSync(join(REPO, 'scenarios', 'eu-electronics-inbound.json'), 'utf8')));

let results: Results;
beforeAll(async () => {
  results = await shippedResults('eu-electronics-inbound.json');
}, 120_000);

describe('reviewPack', () => {
  it('reviewPack lists the sections in the order of the review, without "changes" when nothing is compared', () => {
    const ids = reviewPack({ results }).sections.map((s) => s.id);
    expect(ids).toEqual(PACK_SECTIONS.map((s) => s.id).filter((id) => id !== 'changes'));
    const withChanges = reviewPack({ results, changes: { unavailable: 'Not available: no previous results.' } }).sections.map((s) => s.id);
    expect(withChanges).toEqual(PACK_SECTIONS.map((s) => s.id));
  });

  it('reviewPack puts the key figures first, each with its 95 % interval', () => {
    const summary = reviewPack({ results }).sections[0]!;
    const figures = summary.blocks[0]!;
    expect(figures.kind).toBe('figures');
    if (figures.kind !== 'figures') return;
    expect(figures.items.map((f) => f.label)).toEqual(['Expected annual loss (EAL)', '1-in-100-year loss (p99)', 'Mean of the worst 5 % of years (CVaR95)', 'Service level (all flows)', 'Risk appetite']);
    expect(figures.items[0]!.interval).toMatch(/^95 % interval €[\d.]+[KM]? to €[\d.]+[KM]?$/);
  });

  it('reviewPack marks a treatment overdue only against a stated review date, and never a done one', () => {
    const { owner: _owner, decision: _decision, ...t } = results.treatments[0]!;
    const due = { ...t, status: 'approved' as const, due: '2026-06-30' };
    const done = { ...t, id: `${t.id}-done`, status: 'done' as const, due: '2026-06-30' };
    const r = { ...results, treatments: [due, done] };
    const rows = (date?: string) => {
      const plan = reviewPack({ results: r, ...(date ? { reviewDate: date } : {}) }).sections.find((s) => s.id === 'treatment-plan')!;
      const table = plan.blocks.find((b) => b.kind === 'table' && b.caption === 'Risk treatment plan');
      return table && table.kind === 'table' ? table.rows.map((x) => ('cells' in x ? x.cells[1] : '')) : [];
    };
    expect(rows()).toEqual(['approved', 'done']);
    expect(rows('2026-12-01')).toEqual(['approved (OVERDUE)', 'done']);
    expect(rows('2026-01-01')).toEqual(['approved', 'done']);
    expect(planFields(due, undefined)).toEqual({ status: 'approved', due: '2026-06-30' });
  });

  it('reviewPack names the best open treatment by net benefit: never a rejected or done one, and none when none pays for itself', () => {
    const t = results.treatments[0]!;
    const tr = (id: string, status: 'proposed' | 'approved' | 'done' | 'rejected', netBenefit: number) => ({ ...t, id, name: `T ${id}`, status, netBenefit });
    const findings = (treatments: Results['treatments']) => {
      const list = reviewPack({ results: { ...results, treatments } }).sections[0]!.blocks.find((b) => b.kind === 'list');
      return list && list.kind === 'list' ? list.items.filter((x) => /treatment/.test(x) && /net benefit|pays for itself/.test(x)) : [];
    };
    const mixed = findings([tr('rej', 'rejected', 900_000), tr('done', 'done', 800_000), tr('small', 'approved', 100_000), tr('neg', 'proposed', -50_000)]);
    expect(mixed).toHaveLength(1);
    expect(mixed[0]).toMatch(/^Best open treatment by net benefit: T small \(.*net benefit €100K/);
    expect(findings([tr('a', 'proposed', -210_000), tr('b', 'approved', 0), tr('rej', 'rejected', 500_000)])).toEqual(['No open treatment pays for itself: none that is neither done nor rejected avoids more expected loss than it costs.']);
  });

  it('reviewPack of results run without treatments takes the plan from the scenario and says the cost–benefit was not simulated', () => {
    const scenario = { ...shippedScenario, treatments: [{ ...shippedScenario.treatments![0]!, status: 'approved' as const, owner: 'Head of logistics', due: '2027-03-31', decision: 'Approved in the last review' }, ...shippedScenario.treatments!.slice(1)] };
    const pack = reviewPack({ results: { ...results, treatments: [] }, scenario });
    const plan = pack.sections.find((s) => s.id === 'treatment-plan')!;
    const table = plan.blocks.find((b) => b.kind === 'table' && b.caption === 'Risk treatment plan');
    expect(table?.kind).toBe('table');
    if (table?.kind !== 'table') return;
    expect(table.rows).toHaveLength(scenario.treatments.length);
    expect(table.rows[0]).toEqual({ cells: [scenario.treatments[0]!.name, 'approved', 'Head of logistics', '2027-03-31', 'Approved in the last review', 'not simulated', '—'] });
    expect(JSON.stringify(plan)).not.toContain('the treatment plan is empty');
    const cb = pack.sections.find((s) => s.id === 'cost-benefit')!;
    expect(cb.lead).toBe('The results were run without treatments: no cost–benefit to show.');
    expect(JSON.stringify(cb.blocks)).toContain('These results were run without treatments');
    expect(JSON.stringify(cb.blocks)).toContain('chainward run SCENARIO.json --treatments all');
  });

  it('reviewPack says a done treatment is not in the baseline figures until chainward apply folds it in', () => {
    const t = results.treatments[0]!;
    const text = (treatments: Results['treatments']) => JSON.stringify(reviewPack({ results: { ...results, treatments } }).sections.find((s) => s.id === 'treatment-plan')!.blocks);
    expect(text([{ ...t, status: 'done' }, { ...results.treatments[1]!, status: 'approved' }])).toContain(`${t.name} is done, but its effect is not in the baseline figures until chainward apply folds it into the scenario.`);
    expect(text([{ ...t, status: 'approved' }])).not.toContain('chainward apply');
  });

  it('stressBlocks of a network without flows: "No flows: nothing to stress", no costliest outage of €0, no chart', () => {
    const bare = scenarioOf(
      envelope('Bare', {
        sites: [
          { id: 'a', kind: 'supplier', ttrDays: 3 },
          { id: 'b', kind: 'customer', ttrDays: 68.9 },
        ],
        lanes: [{ id: 'l', from: 'a', to: 'b', mode: 'road', transitDays: 1, ttrDays: 5 }],
        threats: [],
      }),
    );
    const s = stressBlocks(stressTest(bare));
    expect(s.lead).toBe('No flows: nothing to stress.');
    expect(s.blocks.map((b) => b.kind)).toEqual(['text']);
    expect(JSON.stringify(s)).not.toMatch(/€0|costliest|cannot be survived/);
  });

  it('changesBlocks signs a change only when it shows: "0.00 pts", never "−0.00 pts"', () => {
    const after = { ...results, baseline: { ...results.baseline, serviceLevel: results.baseline.serviceLevel - 1e-6 } };
    const table = changesBlocks(compareResults(results, after)).blocks.find((b) => b.kind === 'table' && b.caption?.startsWith('Headline figures'));
    const row = table && table.kind === 'table' ? table.rows.find((x) => 'cells' in x && x.cells[0]!.startsWith('Service level')) : undefined;
    expect(row && 'cells' in row ? row.cells[3] : undefined).toBe('0.00 pts');
    const lower = { ...results, baseline: { ...results.baseline, serviceLevel: results.baseline.serviceLevel - 0.0123 } };
    const t2 = changesBlocks(compareResults(results, lower)).blocks.find((b) => b.kind === 'table' && b.caption?.startsWith('Headline figures'));
    const r2 = t2 && t2.kind === 'table' ? t2.rows.find((x) => 'cells' in x && x.cells[0]!.startsWith('Service level')) : undefined;
    expect(r2 && 'cells' in r2 ? r2.cells[3] : undefined).toBe('−1.23 pts');
  });

  it('reviewPack names the appetite limits in plain words, and an exact count of risks above the level with no interval', () => {
    const checks = results.appetite.checks;
    expect(checks.map((c) => c.limit).sort()).toEqual(['maxCvar95', 'maxEal', 'maxLevel']);
    const level = checks.find((c) => c.limit === 'maxLevel')!;
    const exact = { ...results, appetite: { ...results.appetite, checks: checks.map((c) => (c.limit === 'maxLevel' ? { ...c, value: 1, ci95: [1, 1] as [number, number] } : c)) } };
    const list = reviewPack({ results: exact }).sections[0]!.blocks.find((b) => b.kind === 'list');
    const items = list && list.kind === 'list' ? list.items : [];
    expect(items.find((x) => x.startsWith('Highest acceptable risk level'))).toMatch(new RegExp(`^Highest acceptable risk level \\(${String(level.threshold)}\\): (within|BREACHED|UNCERTAIN), 1 risk above it\\.$`));
    expect(items.find((x) => x.startsWith('Expected annual loss limit ('))).toMatch(/^Expected annual loss limit \(€[\d.]+[KM]?\): .*, estimate €[\d.]+[KM]?, 95 % interval €[\d.]+[KM]? to €[\d.]+[KM]?\.$/);
    expect(items.some((x) => x.startsWith('CVaR95 limit ('))).toBe(true);
    expect(items.join('\n')).not.toMatch(/maxLevel|maxEal|maxCvar95|1 to 1 risk/);
    // borderline risks make the count uncertain: then its interval is shown
    const uncertain = { ...results, appetite: { ...results.appetite, checks: checks.map((c) => (c.limit === 'maxLevel' ? { ...c, value: 1, ci95: [1, 2] as [number, number] } : c)) } };
    const l2 = reviewPack({ results: uncertain }).sections[0]!.blocks.find((b) => b.kind === 'list');
    expect(l2 && l2.kind === 'list' ? l2.items.find((x) => x.startsWith('Highest acceptable risk level')) : '').toMatch(/1 risk above it, 95 % interval 1 to 2 risks\.$/);
    // the changes section's appetite table names them the same way
    const appetite = changesBlocks(compareResults(results, results)).blocks.find((b) => b.kind === 'table' && b.caption?.startsWith('Appetite'));
    expect(appetite && appetite.kind === 'table' ? appetite.rows.map((x) => ('cells' in x ? x.cells[0] : '')).sort() : []).toEqual(['CVaR95 limit', 'Expected annual loss limit', 'Highest acceptable risk level']);
  });

  it('reviewPack shows the calibration the results carry: findings against the scenario before calibration, the p-value as docs/calibration.md defines it, and the rate written back beside each posterior', () => {
    const calibration = {
      incidents: 'incidents-2025.csv',
      incidentsSha256: `sha256:${'0'.repeat(64)}`,
      from: '2023-01-01',
      to: '2025-12-31',
      years: 3,
      weight: 2,
      findings: [
        { risk: 'theft@dc', threat: 'theft', target: 'dc', category: 'theft', priorRate: 0.5, observed: 6, expected: 1.5, posteriorRate: 1.3, ci90: [0.7, 2.1], p: 0.01, flag: 'underestimates' },
        { risk: 'theft@lane', threat: 'theft', target: 'lane', category: 'theft', priorRate: 0.25, observed: 0, expected: 0.75, posteriorRate: 0.1, ci90: [0, 0.4], p: 0.6 },
      ],
      // the threat's frequency 0.002 → 0.0032 a shipment: each risk's rate × 1.6
      threats: [{ threat: 'theft', unit: 'perShipment', before: 0.002, after: 0.0032, observed: 6, priorRate: 0.75, posteriorRate: 1.2, ci90: [0.7, 1.8] }],
    };
    const pack = reviewPack({ results: { ...results, calibration } as Results });
    const s = pack.sections.find((x) => x.id === 'calibration')!;
    expect(s.lead).toBe('Calibrated to incidents-2025.csv (2023-01-01 to 2025-12-31): 2 risks calibrated; before calibration, the log contradicted the scenario on 1 risk.');
    const findings = s.blocks.find((b) => b.kind === 'table' && b.caption === 'Findings per risk: the log against the scenario before calibration, those it contradicted first');
    expect(findings && findings.kind === 'table' ? findings.columns.map((c) => c.title) : undefined).toEqual(['risk', 'observed', 'expected', 'prior /yr', 'posterior /yr', '90 % interval /yr', 'written back /yr', 'p', 'the scenario']);
    expect(findings && findings.kind === 'table' ? findings.rows : undefined).toEqual([
      { cells: ['theft@dc', '6', '1.5', '0.5', '1.3', '0.7 to 2.1', '0.8', '0.01', 'underestimates'], level: 'high' },
      { cells: ['theft@lane', '0', '0.75', '0.25', '0.1', '0 to 0.4', '0.4', '0.6', '—'] },
    ]);
    const note = s.blocks.find((b) => b.kind === 'text' && b.note === true);
    const text = note && note.kind === 'text' ? note.text : '';
    expect(text).toContain('The findings compare the log with the scenario before calibration');
    expect(text).toContain('p: two-sided, the chance of a count at least this far from the expected one under the scenario’s prior prediction, which allows for the scenario’s own uncertainty');
    expect(text).toContain('each risk keeps its share of the threat’s pooled posterior rather than its own posterior');
    expect(text).not.toContain('if the scenario’s rate were right');
  });
});

describe('reviewPackMarkdown', () => {
  it('reviewPackMarkdown has a numbered heading per section and escapes names', () => {
    const r = { ...results, scenario: 'Q4 <b>review</b> | *draft*' };
    const md = reviewPackMarkdown(reviewPack({ results: r }));
    const headings = md.split('\n').filter((l) => l.startsWith('## ') && l !== '## Contents');
    expect(headings).toEqual(PACK_SECTIONS.filter((s) => s.id !== 'changes').map((s, i) => `## ${i + 1}. ${s.title}`));
    expect(md).toContain('# Management review pack: Q4 \\<b\\>review\\</b\\> \\| \\*draft\\*');
    expect(md).not.toContain('<b>');
    // a chart is named by its caption (the charts are in the HTML and PDF pack)
    expect(md).toMatch(/_Chart \(in the HTML and PDF pack\): Every risk placed by likelihood/);
  });
});
