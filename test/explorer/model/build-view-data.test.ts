// From real results to view data: every site and lane on the map with its loss, every risk in the
// matrix cell of its likelihood and impact, the treatments and a what-if as points, the control
// groups pending until measured, and the side panel's selection under a what-if.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import { controlEffectivenessData, exposureMapData, headerData, lossExceedanceData, riskMatrixData, sidePanelData, treatmentsData, type Shown } from '../../../explorer/model/build-view-data.js';
import { emptyWhatIf, setCarrier, toggleControl } from '../../../explorer/state/what-if.js';

const parsed = parseScenario(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('default scenario invalid');
const scenario = parsed.scenario;

describe('build-view-data', async () => {
  const results = await simulateScenario(scenario, { trials: 3000, seed: 1 });
  const shown: Shown = { scenario, baseline: results, elements: [{ element: 'facility', controls: ['x'] }] };

  it('exposureMapData: every site and lane, their EAL summing to the total, top risks by EAL', () => {
    const d = exposureMapData(shown);
    expect(d.sites.length).toBe(scenario.sites.length);
    expect(d.lanes.length).toBe(scenario.lanes!.length);
    const sum = [...d.sites, ...d.lanes].reduce((a, x) => a + x.eal, 0);
    expect(sum).toBeCloseTo(results.baseline.eal, 0);
    for (const t of [...d.sites, ...d.lanes]) for (let i = 1; i < t.topRisks.length; i++) expect(t.topRisks[i - 1]!.eal).toBeGreaterThanOrEqual(t.topRisks[i]!.eal);
  });

  it('riskMatrixData: 25 cells, each risk in the cell of its likelihood and impact, levels from the score', () => {
    const d = riskMatrixData(shown);
    expect(d.cells.length).toBe(25);
    expect(d.cells.reduce((a, c) => a + c.risks.length, 0)).toBe(results.risks.length);
    for (const c of d.cells) for (const r of c.risks) expect([r.likelihood, r.impact]).toEqual([c.likelihood, c.impact]);
    expect(d.cells.find((c) => c.likelihood === 5 && c.impact === 5)!.level).toBe('critical');
    expect(d.impactLabels[0]).toMatch(/Minor \(< €10K\)/);
    expect(d.maxLevel).toBe('high');
  });

  it('treatmentsData, lossExceedanceData and headerData carry the results; a what-if is a point and a curve over the ghosted baseline', () => {
    expect(treatmentsData(shown).points.map((p) => p.id)).toEqual(results.treatments.map((t) => t.id));
    expect(lossExceedanceData(shown).curves.map((c) => c.role)).toEqual(['baseline', ...results.treatments.map(() => 'treatment')]);
    // a treatment's full curve when the explorer simulated it, else the one through its quantiles
    const full = [{ loss: 1, probability: 0.9 }, { loss: 2, probability: 0.1 }];
    expect(lossExceedanceData({ ...shown, treatmentCurves: { [results.treatments[0]!.id]: full } }).curves[1]!.points).toBe(full);
    expect(lossExceedanceData(shown).curves[1]!.points.some((p) => p.loss === results.treatments[0]!.summary.p99 && p.probability === 0.01)).toBe(true);
    const t = results.treatments[0]!;
    const withWhatIf: Shown = { ...shown, whatIf: { results: { ...results, baseline: t.summary }, vsBaseline: t } };
    expect(treatmentsData(withWhatIf).points.at(-1)).toMatchObject({ kind: 'whatif', reduction: t.delta.eal });
    expect(lossExceedanceData(withWhatIf).curves.map((c) => c.role)).toEqual(['ghost', 'whatif']);
    const h = headerData(withWhatIf);
    expect(h.figures.eal).toBe(t.summary.eal);
    expect(h.figures.ealCi95).toEqual(t.summary.ci95);
    expect(h.baseline!.eal).toBe(results.baseline.eal);
    expect(h.delta!.eal).toBe(t.delta.eal);
  });

  it('riskBriefs and exposureMapData carry borderline risks; a target\'s highest level is borderline only when all its risks at that level are', () => {
    const briefs = riskMatrixData(shown).cells.flatMap((c) => c.risks);
    expect(briefs.filter((b) => b.borderline).map((b) => b.id).sort()).toEqual(results.risks.filter((r) => r.borderline).map((r) => r.id).sort());
    // one risk made borderline: its target's level is marked only if no other risk there reaches it
    const target = results.risks[0]!.target;
    const marked = { ...results, risks: results.risks.map((r, i) => ({ ...r, borderline: i === 0 })) };
    const d = exposureMapData({ ...shown, baseline: marked });
    const t = [...d.sites, ...d.lanes].find((x) => x.id === target)!;
    const atLevel = marked.risks.filter((r) => r.target === target && r.level === t.level);
    expect(t.levelBorderline === true).toBe(atLevel.every((r) => r.borderline));
    expect(t.topRisks.find((r) => r.id === results.risks[0]!.id)?.borderline).toBe(true);
    const all = { ...results, risks: results.risks.map((r) => ({ ...r, borderline: r.target === target })) };
    expect([...exposureMapData({ ...shown, baseline: all }).sites, ...exposureMapData({ ...shown, baseline: all }).lanes].find((x) => x.id === target)!.levelBorderline).toBe(true);
  });

  it('headerData: the EAL split adds up, the headline intervals and the appetite checks come from the results', () => {
    const h = headerData(shown);
    const f = h.figures;
    expect(f.directEal + f.interruptionEal + f.rerouteEal).toBeCloseTo(f.eal, 2);
    expect(f.rerouteEal).toBe(results.baseline.rerouteEal);
    expect(f.ealCi95).toEqual(results.baseline.ci95);
    expect(f.var95Ci95).toEqual(results.baseline.var95Ci95);
    expect(f.p99Ci95).toEqual(results.baseline.p99Ci95);
    expect(f.cvar95Ci95).toEqual(results.baseline.cvar95Ci95);
    expect(f.var95Ci95[0]).toBeLessThanOrEqual(f.var95);
    expect(f.var95Ci95[1]).toBeGreaterThanOrEqual(f.var95);
    expect(h.appetite.status).toBe(results.appetite.status);
    expect(h.appetite.checks.map((c) => [c.limit, c.status, c.text])).toEqual(results.appetite.checks.map((c) => [c.limit, c.status, c.text]));
  });

  it('controlEffectivenessData is pending until the removal runs are measured', () => {
    const d = controlEffectivenessData(shown);
    expect(d.pending).toBe(true);
    expect(d.elements[0]!.lossAvoided).toBeUndefined();
    const m = controlEffectivenessData({ ...shown, effects: [{ element: 'facility', controls: ['x'], annualCost: 5, lossAvoided: 7, ci95: [6, 8] }] });
    expect(m.pending).toBe(false);
    expect(m.elements[0]).toMatchObject({ lossAvoided: 7, annualCost: 5 });
  });

  it('sidePanelData: a risk with its target\'s split, controls under the what-if, carriers and flows; results alone give figures and ids only', () => {
    const noop = () => {};
    const actions = { canEdit: true, onToggleControl: noop, onSetCarrier: noop, onSelect: noop, onResetWhatIf: noop };
    const risk = results.risks[0]!;
    const d = sidePanelData(shown, { ...actions, selection: { kind: 'risk', id: risk.id }, whatIf: emptyWhatIf() });
    expect(d.risk).toMatchObject({ id: risk.id, eal: risk.eal, level: risk.level, target: risk.target });
    expect(d.target).toMatchObject({ kind: risk.targetKind, id: risk.target, eal: results.targets.find((t) => t.id === risk.target)!.eal });
    expect(d.target!.risks.every((r) => results.risks.some((x) => x.id === r.id && x.target === risk.target))).toBe(true);
    expect(d.whatIfChanges).toBe(0);
    // a lane with a control toggled and another carrier: the control is marked changed, the picker names the new carrier
    const lane = scenario.lanes!.find((l) => l.id === 'la-ham-dor')!;
    const control = sidePanelData(shown, { ...actions, selection: { kind: 'lane', id: lane.id }, whatIf: emptyWhatIf() }).target!.controls![0]!;
    const carrier = 'haulier-spot';
    const w = setCarrier(scenario, toggleControl(scenario, emptyWhatIf(), 'lane', lane.id, control.id), lane.id, carrier);
    const l = sidePanelData(shown, { ...actions, selection: { kind: 'lane', id: lane.id }, whatIf: w }).target!;
    expect(l.controls!.find((c) => c.id === control.id)).toMatchObject({ on: !control.on, changed: true });
    expect(l.carriers!.current).toBe(carrier);
    expect(l.lane!.transitDays).toBe(lane.transitDays);
    expect(sidePanelData(shown, { ...actions, selection: { kind: 'lane', id: lane.id }, whatIf: w }).whatIfChanges).toBe(2);
    // results without their scenario: no controls, carriers or flows, names are ids
    const bare = sidePanelData({ baseline: results }, { ...actions, selection: { kind: 'lane', id: lane.id }, whatIf: emptyWhatIf() }).target!;
    expect(bare).toMatchObject({ name: lane.id, detail: '' });
    expect([bare.controls, bare.carriers, bare.flows]).toEqual([undefined, undefined, undefined]);
    // a risk not in the result: no risk, no target
    const gone = sidePanelData(shown, { ...actions, selection: { kind: 'risk', id: 'no such risk' }, whatIf: emptyWhatIf() });
    expect([gone.risk, gone.target]).toEqual([undefined, undefined]);
  });
});
