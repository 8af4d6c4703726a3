// applyTreatment's setCarrier and the lane's cost per shipment: a carrier that states no
// `costPerShipment` leaves the lane's cost as it was (its own, else its old carrier's); one that
// states a cost replaces it. The transport cost the treatment adds follows (scenarioCosts).
import { describe, expect, it } from 'vitest';
import { applyTreatment, statedLaneCost } from '../../../engine/plan/apply-treatment.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { compilePlan, scenarioCosts } from '../../../engine/plan/compile-plan.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

const scenario: Scenario = scenarioOf(
  envelope('carrier cost', {
    sites: [
      { id: 'a', kind: 'factory', region: 'MX' },
      { id: 'b', kind: 'dc', region: 'MX' },
      { id: 'c', kind: 'dc', region: 'MX' },
    ],
    lanes: [
      // no own cost: pays its carrier's $2,100
      { id: 'ab', from: 'a', to: 'b', mode: 'road', carrier: 'priced', transitDays: 1 },
      // its own $650 wins over its carrier's price
      { id: 'bc', from: 'b', to: 'c', mode: 'road', carrier: 'priced', transitDays: 1, costPerShipment: 650 },
      // no cost stated anywhere
      { id: 'ac', from: 'a', to: 'c', mode: 'road', carrier: 'unpriced', transitDays: 3 },
    ],
    carriers: [
      { id: 'priced', modes: ['road'], costPerShipment: 2100 },
      { id: 'unpriced', modes: ['road'] },
      { id: 'dearer', modes: ['road'], costPerShipment: 2400 },
    ],
    flows: [
      { id: 'f1', from: 'a', to: 'c', valuePerYear: 1e6, shipmentsPerYear: 100, path: ['ab', 'bc'] },
      { id: 'f2', from: 'a', to: 'c', valuePerYear: 1e6, shipmentsPerYear: 10, path: ['ac'] },
    ],
    threats: [],
  }),
);

/** The lane's cost per shipment after `setCarrier: carrier` on it. */
function costAfter(lane: string, carrier: string): number | undefined {
  const s = applyTreatment(scenario, { id: 't', name: 't', changes: [{ setCarrier: carrier, lanes: [lane] }] }).scenario;
  const l = s.lanes!.find((x) => x.id === lane)!;
  expect(l.carrier).toBe(carrier);
  return statedLaneCost(l, new Map((s.carriers ?? []).map((c) => [c.id, c])));
}

/** The network's yearly transport cost of a scenario. */
function transport(s: Scenario): number {
  const { index } = compilePlan(s, 1);
  return scenarioCosts(s, index.laneShipments, index.siteShipments).transport;
}

describe('applyTreatment: setCarrier and the lane cost', () => {
  it('a carrier that states no price keeps the old carrier\'s price on a lane without its own (it used to make the lane free)', () => {
    expect(costAfter('ab', 'unpriced')).toBe(2100);
  });

  it("a carrier that states no price keeps the lane's own cost", () => {
    expect(costAfter('bc', 'unpriced')).toBe(650);
  });

  it('a carrier that states a price replaces the lane cost, its own or its old carrier\'s', () => {
    expect(costAfter('ab', 'dearer')).toBe(2400);
    expect(costAfter('bc', 'dearer')).toBe(2400);
    expect(costAfter('ac', 'dearer')).toBe(2400);
  });

  it('a lane with no cost stated anywhere stays without one', () => {
    expect(costAfter('ac', 'unpriced')).toBeUndefined();
    const s = applyTreatment(scenario, { id: 't', name: 't', changes: [{ setCarrier: 'unpriced', lanes: ['ac'] }] }).scenario;
    expect(s.lanes!.find((l) => l.id === 'ac')!.costPerShipment).toBeUndefined();
  });

  it('the yearly transport cost: unchanged by a carrier without a price, changed by the price of one with', () => {
    const base = transport(scenario);
    expect(base).toBe(100 * 2100 + 100 * 650);
    const unpriced = applyTreatment(scenario, { id: 't', name: 't', changes: [{ setCarrier: 'unpriced', lanes: ['ab', 'bc'] }] }).scenario;
    expect(transport(unpriced)).toBe(base);
    const dearer = applyTreatment(scenario, { id: 't', name: 't', changes: [{ setCarrier: 'dearer', lanes: ['ab'] }] }).scenario;
    expect(transport(dearer)).toBe(base + 100 * (2400 - 2100));
  });

  it('does not touch the scenario it is given', () => {
    const before = JSON.stringify(scenario);
    applyTreatment(scenario, { id: 't', name: 't', changes: [{ setCarrier: 'unpriced', lanes: ['ab', 'bc'] }] });
    expect(JSON.stringify(scenario)).toBe(before);
  });
});
