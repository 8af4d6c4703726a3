// The risk control list: every risk above appetite.maxLevel with its options. The "reduce" estimate
// (rate × (1 − r(1 − f)), loss per event × (1 − r(1 − s))) is checked against simulating the same
// control as a treatment: an EAL within 4 standard errors of the estimate
// (closed form: EAL after = λ(1 − r(1 − f))·E[X]·(1 − r(1 − s))).
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

const raw = (maxLevel?: string) =>
  envelope('control list', {
    ...(maxLevel ? { appetite: { maxLevel } } : {}),
    sites: [
      { id: 'dc', kind: 'dc', value: 2e6, owner: 'DC manager' },
      { id: 'port', kind: 'port', value: 1e6 },
    ],
    lanes: [{ id: 'road', from: 'port', to: 'dc', mode: 'road', transitDays: 1 }],
    flows: [{ id: 'f', from: 'port', to: 'dc', valuePerYear: 5e7, shipmentsPerYear: 500 }],
    threats: [
      // likelihood 4 (P = 1 − e^−0.6 ≈ 45 %), impact 3 (mean 150k): score 12, high; a high-value cage
      // (loss × 0.525) brings the impact to 2: score 8, medium
      { id: 'theft-dc', category: 'theft', appliesTo: { kind: 'site', ids: ['dc'] }, frequency: { perYear: 0.6 }, loss: { amount: { lognormal: { mu: Math.log(150_000) - 0.18, sigma: 0.6 } } } },
      // per-shipment hijacking on the lane: shipment-based, so it can be eliminated by moving the flow
      { id: 'hijack', category: 'hijacking', appliesTo: { kind: 'lane' }, frequency: { perShipment: 0.004 }, loss: { fraction: { uniform: [0.5, 1] } } },
      // a terrorism risk no catalog control brings below high on its own
      { id: 'bomb', category: 'terrorism', appliesTo: { kind: 'site', ids: ['port'] }, frequency: { perYear: 0.3 }, loss: { amount: { fixed: 5e6 } } },
    ],
  });

describe('riskControlList', () => {
  it('riskControlList lists the risks above maxLevel with reduce, eliminate, transfer and accept options; empty without maxLevel', async () => {
    const none = await simulateScenario(scenarioOf(raw()), { trials: 2000, seed: 1, treatments: 'none' });
    expect(none.riskControlList).toEqual([]);
    const r = await simulateScenario(scenarioOf(raw('medium')), { trials: 20_000, seed: 1, treatments: 'none' });
    const byRisk = new Map(r.riskControlList.map((e) => [e.risk, e]));
    const above = r.risks.filter((x) => x.level === 'high' || x.level === 'critical').map((x) => x.id);
    expect([...byRisk.keys()].sort()).toEqual(above.sort());
    expect(byRisk.has('theft-dc@dc')).toBe(true);
    const theft = byRisk.get('theft-dc@dc')!;
    const reduce = theft.options.filter((o) => o.kind === 'reduce');
    expect(reduce.length).toBeGreaterThan(0);
    for (const o of reduce) expect(['low', 'medium']).toContain(o.levelAfter);
    expect(theft.options.some((o) => o.kind === 'accept')).toBe(false);
    if (byRisk.has('hijack@road')) expect(byRisk.get('hijack@road')!.options.some((o) => o.kind === 'eliminate')).toBe(true);
    const bomb = byRisk.get('bomb@port');
    if (bomb) {
      expect(bomb.options.some((o) => o.kind === 'transfer')).toBe(true);
      expect(bomb.options.at(-1)!.kind === 'accept' || bomb.options.some((o) => o.kind === 'reduce')).toBe(true);
    }
  });

  it('riskControlList: a reduce option simulated as a treatment gives the estimated EAL (4 standard errors)', async () => {
    const first = await simulateScenario(scenarioOf(raw('medium')), { trials: 20_000, seed: 2, treatments: 'none' });
    const option = first.riskControlList.find((e) => e.risk === 'theft-dc@dc')!.options.find((o) => o.kind === 'reduce')!;
    const withOption = scenarioOf({
      ...raw('medium'),
      treatments: [{ id: 't', name: 'option', changes: [{ addControls: option.controls!, to: { kind: 'site', ids: ['dc'] } }] }],
    });
    const res = await simulateScenario(withOption, { trials: 40_000, seed: 3 });
    const after = res.treatments[0]!;
    const baseRow = res.risks.find((x) => x.id === 'theft-dc@dc')!;
    const simulatedAfter = baseRow.eal - after.delta.eal; // only this risk changes
    const se = (after.delta.ealCi95[1] - after.delta.ealCi95[0]) / (2 * 1.959963984540054) + res.baseline.se * 0.05;
    expect(Math.abs(simulatedAfter - option.ealAfter!)).toBeLessThan(4 * Math.max(se, 0.01 * option.ealAfter!));
  });
});
