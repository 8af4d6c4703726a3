// Reroute cost against its closed form on two parallel lanes. A flow takes the fast lane A; while A
// is down and the slower lane B is up it is rerouted over B, and each shipment pays B's extra cost
// per shipment: E[reroute cost per horizon] = (cB − cA) × shipments per day × E[days A down, B up],
// with E[days A down, B up] = ∫_0^H P(A down at t)·P(B up at t) dt for independent outage processes
// (P(down at t) = 1 − e^(−λ·min(t, d)/H) for outages of fixed length d starting as a Poisson process).
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { Simulator } from '../../engine/simulate/run-batch.js';
import { envelope, expectWithinSe, integrate, moments, pDown, scenarioOf } from '../support/engine-helpers.js';

const H = 365;

function twoLanes(costA: number, costB: number) {
  return scenarioOf(
    envelope('two parallel lanes', {
      sites: [
        { id: 's', kind: 'factory' },
        { id: 'd', kind: 'dc' },
      ],
      lanes: [
        { id: 'A', from: 's', to: 'd', mode: 'road', transitDays: 1, costPerShipment: costA },
        { id: 'B', from: 's', to: 'd', mode: 'rail', transitDays: 2, costPerShipment: costB },
      ],
      // a buffer longer than the horizon: cuts (both lanes down) cost nothing, so a trial's loss is its reroute cost
      flows: [{ id: 'f', from: 's', to: 'd', valuePerYear: 7.3e6, shipmentsPerYear: 730, bufferDays: 400 }],
      threats: [
        { id: 'outA', category: 'disruption', appliesTo: { kind: 'lane', ids: ['A'] }, frequency: { perYear: 4 }, downtimeDays: { fixed: 10 } },
        { id: 'outB', category: 'disruption', appliesTo: { kind: 'lane', ids: ['B'] }, frequency: { perYear: 3 }, downtimeDays: { fixed: 5 } },
      ],
    }),
  );
}

/** E[days A down while B up] over one horizon. */
function daysADownBUp(): number {
  const downA = pDown(4, 10, H);
  const downB = pDown(3, 5, H);
  return integrate((t) => downA(t) * (1 - downB(t)), H, [5, 10]);
}

describe('Simulator: reroute cost', () => {
  it('Simulator.runBatch: expected reroute cost = extra cost per shipment × shipments per day × E[days the primary is down while the detour is up] (4 standard errors)', () => {
    const scenario = twoLanes(100, 350);
    const { plan, index } = compilePlan(scenario, 7);
    expect(index.flowRoutes).toEqual([['A']]);
    const n = 40_000;
    const s = new Simulator(plan).runBatch(0, n, 1);
    const perTrial = moments(s.losses); // every trial's loss is its reroute cost
    const expected = (350 - 100) * (730 / 365) * daysADownBUp();
    expectWithinSe(perTrial.mean, expected, perTrial.se, 4, 'expected reroute cost');
    expect(s.flowReroute.get(0) / n).toBeCloseTo(perTrial.mean, 2);
    expect(s.money.get(2) / n).toBeCloseTo(perTrial.mean, 2);
    expect(s.money.get(0) + s.money.get(1)).toBe(0);
    // the cost is the lane A outages' doing: B's outages never force a detour of this flow
    const riskA = index.riskIds.indexOf('outA@A');
    const riskB = index.riskIds.indexOf('outB@B');
    expect(s.riskReroute.get(riskA) / n).toBeCloseTo(perTrial.mean, 2);
    expect(s.riskReroute.get(riskB)).toBe(0);
  });

  it('Simulator.runBatch: a detour that costs less per shipment than the primary route costs nothing (never negative), yet its days are counted', () => {
    const { plan } = compilePlan(twoLanes(500, 200), 7);
    const s = new Simulator(plan).runBatch(0, 4096, 1);
    expect(s.flowReroute.get(0)).toBe(0);
    expect(s.money.get(2)).toBe(0);
    expect(s.flowReroutedDays.get(0)).toBeGreaterThan(0);
  });

  it('simulateScenario: the reroute cost is the third part of EAL (summary, flows, targets and risks add up)', async () => {
    const r = await simulateScenario(twoLanes(100, 350), { trials: 4096, seed: 3 });
    const b = r.baseline;
    expect(b.rerouteEal).toBeGreaterThan(0);
    expect(b.directEal + b.interruptionEal + b.rerouteEal).toBeCloseTo(b.eal, 2);
    expect(r.flows[0]!.rerouteCost).toBeCloseTo(b.rerouteEal, 2);
    expect(r.flows[0]!.eal).toBeCloseTo(r.flows[0]!.directEal + r.flows[0]!.interruptionEal + r.flows[0]!.rerouteCost, 2);
    const laneA = r.targets.find((t) => t.id === 'A')!;
    expect(laneA.rerouteEal).toBeCloseTo(b.rerouteEal, 2);
    const riskA = r.risks.find((k) => k.id === 'outA@A')!;
    expect(riskA.rerouteEal).toBeCloseTo(b.rerouteEal, 2);
    // each risk's parts are rounded to the cent per trial, the summary's per trial: at most half a cent apart per risk and part
    expect(Math.abs(r.risks.reduce((x, k) => x + k.eal, 0) - b.eal)).toBeLessThanOrEqual(0.005 * 3 * (r.risks.length + 1));
  });
});
