// compareResults on two hand-made results, so that every field of the comparison is checked against
// figures written out here: headline changes, the unpaired and the paired EAL interval and the
// verdict on noise, appetite, risk levels that changed, appeared or disappeared, control spend by
// ISO 28000 element, the treatment plan, the warnings; and the table and Markdown reports of it.
import { describe, expect, it } from 'vitest';
import { compareResults, CompareError, COMPARE_FORMAT } from '../../../engine/analysis/compare.js';
import { Z95 } from '../../../engine/analysis/loss-summary.js';
import type { Results, RiskRow, Summary } from '../../../engine/results/schema.js';
import { compareMarkdown, compareTable, DUE_NOTE } from '../../../engine/report/compare-report.js';

function summary(eal: number, se: number, over: Partial<Summary> = {}): Summary {
  return {
    eal, sd: se * 100, se, ci95: [eal - Z95 * se, eal + Z95 * se],
    p50: eal / 2, p90: eal * 2, p95: eal * 3, p99: eal * 6, var95: eal * 3, cvar95: eal * 5, cvar99: eal * 9,
    var95Ci95: [eal * 2.9, eal * 3.1], p99Ci95: [eal * 5.8, eal * 6.2], cvar95Ci95: [eal * 4.8, eal * 5.2], cvar99Ci95: [eal * 8.5, eal * 9.5],
    pAnyLoss: 0.9, max: eal * 20, directEal: eal * 0.7, interruptionEal: eal * 0.3, rerouteEal: 0, serviceLevel: 0.99,
    ...over,
  };
}

function risk(id: string, level: RiskRow['level'], eal: number, borderline = false): RiskRow {
  return {
    id, threat: id.split('@')[0]!, category: 'theft', target: id.split('@')[1]!, targetKind: 'site', element: 'facility', owner: '',
    frequency: 0.1, pEventExpected: 0.095, pEvent: 0.095, meanLossPerEvent: eal * 10, impactCi95: null, borderline,
    eal, directEal: eal, interruptionEal: 0, rerouteEal: 0, share: 0.1, tailContribution: eal * 2,
    likelihood: 3, impact: 3, score: 9, level, controls: [],
  };
}

function results(over: Partial<Results>): Results {
  return {
    format: 'chainward-results/v1', scenario: 'Test network', currency: 'EUR', horizonDays: 365, seed: 1, trials: 10_000,
    engineVersion: '0.3.0', scenarioHash: `sha256:${'a'.repeat(64)}`,
    baseline: summary(1_000_000, 10_000), risks: [], targets: [], flows: [], controls: [], exceedance: [], treatments: [],
    appetite: { status: 'within', withinAppetite: true, breaches: [], uncertain: [], checks: [] },
    riskControlList: [], warnings: [], run: { workers: 1, wallMs: 1000, trialsPerSecond: 10_000 },
    ...over,
  };
}

function treatment(id: string, status: Results['treatments'][number]['status'], plan: { owner?: string; due?: string; decision?: string } = {}): Results['treatments'][number] {
  return {
    id, name: `Treatment ${id}`, status, ...plan, summary: summary(900_000, 9_000),
    delta: { eal: 100_000, ealCi95: [90_000, 110_000], var95: 1, cvar95: 1 }, annualCost: 10_000, netBenefit: 90_000, rosi: 9,
  };
}

const before = results({
  baseline: summary(1_000_000, 10_000, { serviceLevel: 0.99 }),
  risks: [risk('theft@dc-a', 'high', 600_000), risk('tamper@dc-b', 'medium', 300_000, true), risk('old@port', 'low', 100_000)],
  controls: [
    { id: 'cctv', element: 'facility', placements: 2, annualCost: 20_000 },
    { id: 'seals', element: 'transport', placements: 4, annualCost: 8_000 },
  ],
  appetite: {
    status: 'breached', withinAppetite: false, breaches: ['x'], uncertain: [],
    checks: [{ limit: 'maxEal', threshold: 950_000, value: 1_000_000, ci95: [980_000, 1_020_000], status: 'breached', text: 'x' }],
  },
  treatments: [
    treatment('tr-a', 'in-progress', { owner: 'Ops', due: '2027-03-31', decision: 'go' }),
    treatment('tr-b', 'proposed'),
    treatment('tr-c', 'rejected', { decision: 'too dear' }),
  ],
  calibration: { incidents: 'log-2025.csv', incidentsSha256: `sha256:${'b'.repeat(64)}`, from: '2025-01-01', to: '2025-12-31', years: 1, weight: 2 },
});

const after = results({
  scenarioHash: `sha256:${'c'.repeat(64)}`,
  baseline: summary(900_000, 9_000, { serviceLevel: 0.995, pAnyLoss: 0.85 }),
  risks: [risk('theft@dc-a', 'medium', 400_000), risk('tamper@dc-b', 'high', 350_000), risk('new@dc-c', 'high', 150_000)],
  controls: [
    { id: 'cctv', element: 'facility', placements: 3, annualCost: 30_000 },
    { id: 'seals', element: 'transport', placements: 4, annualCost: 8_000 },
    { id: 'plan', element: 'emergency', placements: 1, annualCost: 5_000 },
  ],
  appetite: {
    status: 'within', withinAppetite: true, breaches: [], uncertain: [],
    checks: [{ limit: 'maxEal', threshold: 950_000, value: 900_000, ci95: [882_000, 918_000], status: 'within', text: 'x' }],
  },
  treatments: [treatment('tr-b', 'approved', { owner: 'Security', due: '2027-06-30' }), treatment('tr-c', 'rejected', { decision: 'too dear' }), treatment('tr-d', 'proposed')],
});

describe('compareResults', () => {
  it('compareResults gives every headline change, after − before, with each side’s own interval', () => {
    const c = compareResults(before, after);
    expect(c.format).toBe(COMPARE_FORMAT);
    expect(c.currency).toBe('EUR');
    expect(c.measures.map((m) => m.measure)).toEqual(['eal', 'var95', 'p99', 'cvar95', 'cvar99', 'pAnyLoss', 'serviceLevel']);
    const eal = c.measures[0]!;
    expect(eal).toEqual({ measure: 'eal', label: 'Expected annual loss (EAL)', kind: 'money', before: 1e6, after: 9e5, change: -1e5, relativeChange: -0.1, beforeCi95: before.baseline.ci95, afterCi95: after.baseline.ci95 });
    expect(c.measures[1]).toMatchObject({ before: 3e6, after: 2.7e6, change: -3e5, beforeCi95: [2.9e6, 3.1e6] });
    expect(c.measures[2]).toMatchObject({ before: 6e6, after: 5.4e6 });
    expect(c.measures[3]).toMatchObject({ before: 5e6, after: 4.5e6, afterCi95: [4.32e6, 4.68e6] });
    expect(c.measures[5]).toMatchObject({ kind: 'share', before: 0.9, after: 0.85, beforeCi95: null });
    expect(c.measures[6]!.change).toBeCloseTo(0.005, 12);
    expect(c.before).toEqual({ source: 'results', scenario: 'Test network', scenarioHash: before.scenarioHash, seed: 1, trials: 10_000, engineVersion: '0.3.0', horizonDays: 365, calibration: { incidents: 'log-2025.csv', from: '2025-01-01', to: '2025-12-31' } });
    expect(c.after.calibration).toBeUndefined();
  });

  it('compareResults: the unpaired interval is ± Z95·√(se₁² + se₂²), conservative with a shared seed; the paired one is taken as given', () => {
    const c = compareResults(before, after);
    const half = Z95 * Math.sqrt(10_000 * 10_000 + 9_000 * 9_000); // ≈ 26,370
    expect(c.ealChange.interval).toBe('unpaired');
    expect(c.ealChange.ci95[0]).toBeCloseTo(-1e5 - half, 6);
    expect(c.ealChange.ci95[1]).toBeCloseTo(-1e5 + half, 6);
    expect(c.ealChange.withinNoise).toBe(false);
    expect(c.ealChange.conservative).toBe(true);
    expect(c.ealChange.text).toMatch(/^EAL fell by €100K \(95 % interval −€126K to −€73.6K; unpaired.*conservative.*\)\. This is beyond the simulation's noise/);
    expect(c.warnings.some((w) => w.includes('unpaired and wider than it needs to be'))).toBe(true);

    const paired = compareResults(before, after, { paired: { mean: -99_000, ci95: [-101_000, -97_000] } });
    expect(paired.ealChange).toMatchObject({ change: -99_000, ci95: [-101_000, -97_000], interval: 'paired', withinNoise: false, conservative: false });
    expect(paired.warnings).toEqual([]);

    // a difference smaller than the noise says so
    const close = compareResults(before, { ...after, baseline: summary(990_000, 9_000), seed: 7 });
    expect(close.ealChange.withinNoise).toBe(true);
    expect(close.ealChange.conservative).toBe(false);
    expect(close.ealChange.text).toContain("within the simulation's noise");
  });

  it('compareResults: the same run twice is no change, not an interval that "may be chance alone"', () => {
    // the same results file twice: same seed, trials, engine and loss distribution
    const same = compareResults(before, structuredClone(before));
    expect(same.ealChange).toMatchObject({ change: 0, ci95: [0, 0], identical: true, withinNoise: false, conservative: false });
    expect(same.ealChange.text).toBe('No change: the two runs are the same (the same seed, trials, engine and loss distribution).');
    expect(same.warnings).toEqual([]);
    // two scenarios simulated together whose every trial has the same loss
    const paired = compareResults(before, before, { paired: { mean: 0, ci95: [0, 0] } });
    expect(paired.ealChange).toMatchObject({ change: 0, ci95: [0, 0], identical: true, interval: 'paired' });
    expect(paired.ealChange.text).toMatch(/^No change: the two runs are the same/);
    // a change of 0 on average but not in every trial is still an interval
    const zero = compareResults(before, before, { paired: { mean: 0, ci95: [-5, 5] } });
    expect(zero.ealChange).toMatchObject({ identical: false, withinNoise: true });
    // other seeds with equal EALs are not the same run
    expect(compareResults(before, { ...before, seed: 2 }).ealChange.identical).toBe(false);
  });

  it('compareResults: with one side a scenario, the advice is to give the other side as a scenario too', () => {
    const c = compareResults(before, after, { sources: { before: { source: 'results', file: 'q1.json' }, after: { source: 'scenario', file: 'next.json' } } });
    const w = c.warnings.join(' ');
    expect(w).not.toContain('give the two scenarios');
    expect(w).toContain('give the scenario of q1.json instead of its results');
  });

  it('compareResults: the unpaired interval is conservative only when both the seed and the trials match', () => {
    const fewer = compareResults(before, { ...after, trials: 2_000 });
    expect(fewer.ealChange.conservative).toBe(false);
    expect(fewer.ealChange.text).toContain('unpaired, from the two standard errors)');
    expect(fewer.ealChange.text).not.toContain('conservative');
    expect(compareResults(before, after).ealChange.text).toContain('conservative, since both sides share their seed and trials');
  });

  it('compareResults: appetite, risk levels changed, appeared and disappeared', () => {
    const c = compareResults(before, after);
    expect(c.appetite).toEqual({
      before: 'breached',
      after: 'within',
      checks: [{ limit: 'maxEal', before: { threshold: 950_000, value: 1e6, status: 'breached' }, after: { threshold: 950_000, value: 9e5, status: 'within' } }],
    });
    expect(c.risks.before).toBe(3);
    expect(c.risks.after).toBe(3);
    expect(c.risks.levelsBefore).toEqual({ low: 1, medium: 1, high: 1, critical: 0 });
    expect(c.risks.levelsAfter).toEqual({ low: 0, medium: 1, high: 2, critical: 0 });
    expect(c.risks.levelChanged).toEqual([
      { id: 'tamper@dc-b', before: { level: 'medium', eal: 300_000, borderline: true }, after: { level: 'high', eal: 350_000, borderline: false }, direction: 'up' },
      { id: 'theft@dc-a', before: { level: 'high', eal: 600_000, borderline: false }, after: { level: 'medium', eal: 400_000, borderline: false }, direction: 'down' },
    ]);
    expect(c.risks.appeared).toEqual([{ id: 'new@dc-c', level: 'high', eal: 150_000, borderline: false }]);
    expect(c.risks.disappeared).toEqual([{ id: 'old@port', level: 'low', eal: 100_000, borderline: false }]);
  });

  it('compareResults: control spend by ISO 28000 element in the elements’ order, and the totals', () => {
    const c = compareResults(before, after);
    expect(c.controlSpend).toEqual({
      elements: [
        { element: 'facility', before: 20_000, after: 30_000, change: 10_000, placementsBefore: 2, placementsAfter: 3 },
        { element: 'transport', before: 8_000, after: 8_000, change: 0, placementsBefore: 4, placementsAfter: 4 },
        { element: 'emergency', before: 0, after: 5_000, change: 5_000, placementsBefore: 0, placementsAfter: 1 },
      ],
      before: 28_000,
      after: 43_000,
      change: 15_000,
    });
  });

  it('compareResults: the treatment plan, counts by status and each treatment before and after (no clock)', () => {
    const c = compareResults(before, after);
    expect(c.treatmentPlan.before).toEqual({ proposed: 1, approved: 0, 'in-progress': 1, done: 0, rejected: 1 });
    expect(c.treatmentPlan.after).toEqual({ proposed: 1, approved: 1, 'in-progress': 0, done: 0, rejected: 1 });
    expect(c.treatmentPlan.treatments).toEqual([
      { id: 'tr-b', name: 'Treatment tr-b', before: { status: 'proposed' }, after: { status: 'approved', owner: 'Security', due: '2027-06-30' } },
      { id: 'tr-c', name: 'Treatment tr-c', before: { status: 'rejected', decision: 'too dear' }, after: { status: 'rejected', decision: 'too dear' } },
      { id: 'tr-d', name: 'Treatment tr-d', before: null, after: { status: 'proposed' } },
      { id: 'tr-a', name: 'Treatment tr-a', before: { status: 'in-progress', owner: 'Ops', due: '2027-03-31', decision: 'go' }, after: null },
    ]);
  });

  it('compareResults warns when seeds, trials, horizons or engine versions differ, and refuses two currencies', () => {
    const c = compareResults(before, { ...after, seed: 'q3', trials: 5000, horizonDays: 180, engineVersion: '0.4.0' });
    expect(c.warnings).toHaveLength(4);
    expect(c.warnings[0]).toContain('the seeds differ (1 before, "q3" after)');
    expect(c.warnings[1]).toContain('the trial counts differ (10000 before, 5000 after)');
    expect(c.warnings[2]).toContain('the horizons differ');
    expect(c.warnings[3]).toContain('the engine versions differ');
    expect(() => compareResults(before, { ...after, currency: 'USD' })).toThrow(CompareError);
  });

  it('compareResults is a function of its inputs: the same bytes twice, and the sides swapped negate the changes', () => {
    expect(JSON.stringify(compareResults(before, after))).toBe(JSON.stringify(compareResults(before, after)));
    const back = compareResults(after, before);
    expect(back.measures.map((m) => m.change)).toEqual(compareResults(before, after).measures.map((m) => -m.change));
    expect(back.risks.appeared.map((r) => r.id)).toEqual(['old@port']);
  });
});

describe('compare reports', () => {
  it('compareTable shows every section within 120 columns, with the plan’s owners and due dates', () => {
    const text = compareTable(compareResults(before, after, { sources: { before: { source: 'results', file: 'q1.json' }, after: { source: 'scenario', file: 'q2.json' } } }));
    for (const l of text.split('\n')) expect([...l].length).toBeLessThanOrEqual(120);
    for (const s of ['Headline figures', 'Appetite: BREACHED → within', 'Risks: 3 before, 3 after', 'Control spend by ISO 28000 element', 'Risk treatment plan']) expect(text).toContain(s);
    expect(text).toContain('results q1.json');
    expect(text).toContain('scenario q2.json simulated here');
    expect(text.replace(/\s+/g, ' ')).toContain('calibrated to log-2025.csv (2025-01-01 to 2025-12-31)');
    expect(text).toMatch(/tamper@dc-b\s+level up\s+medium\s+high/);
    expect(text).toMatch(/new@dc-c\s+appeared/);
    expect(text).toMatch(/old@port\s+disappeared/);
    expect(text).toMatch(/tr-a\s+in-progress\s+— \(folded or removed\)\s+Ops\s+2027-03-31/);
    expect(text).toMatch(/emergency\s+€0\s+€5K\s+\+€5K\s+0 → 1/);
    expect(text).toMatch(/maxEal\s+€950K\s+€1M\s+BREACHED\s+€900K\s+within/);
    expect(text).toContain('Before: proposed 1, approved 0, in-progress 1, done 0, rejected 1.');
    expect(text.replace(/\s+/g, ' ')).toContain(DUE_NOTE);
  });

  it('compareMarkdown writes the sections as headings and ids as code, escaping the scenarios’ text', () => {
    const hostile = { ...after, treatments: [{ ...treatment('tr|x', 'approved'), owner: '<b>*boss*</b>' }] };
    const md = compareMarkdown(compareResults(before, hostile));
    expect(md).toMatch(/^# Comparison: Test network → Test network\n/);
    expect(md).toContain('## Headline figures');
    expect(md).toContain('## Risk treatment plan');
    expect(md).toContain('| `tr\\|x` | — | approved | \\<b\\>\\*boss\\*\\</b\\> |  |');
    expect(md).not.toContain('<b>');
  });
});
