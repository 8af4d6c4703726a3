// The risk register on a scenario mixing direct losses and network interruptions:
// its additive identities (Σ eal, Σ share, Σ tailContribution = cvar95), its order, and the 5 × 5
// bands of a few crafted risks whose pEvent sits far from any band edge (two losses sit exactly on
// an impact edge: the bands are lower-inclusive).
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { type Results } from '../../engine/results/schema.js';
import { envelope, expectWithinSe, scenarioOf } from '../support/engine-helpers.js';

// λ with P(≥1 event) = 1 − e^−λ = p
const lambdaFor = (p: number) => -Math.log(1 - p);

const scenario = scenarioOf(
  envelope('register', {
    sites: [
      // isolated sites carrying the crafted risks (no flow passes them: no interruption share)
      { id: 'iso-likely', kind: 'warehouse' },
      { id: 'iso-rare', kind: 'warehouse' },
      { id: 'iso-certain', kind: 'warehouse' },
      { id: 'iso-possible', kind: 'warehouse' },
      // a small network with a detour
      { id: 'sup', kind: 'supplier', value: 4e5 },
      { id: 'port', kind: 'port', value: 1e6 },
      { id: 'hub', kind: 'crossdock', value: 2e5 },
      { id: 'dc', kind: 'dc', value: 8e5 },
    ],
    lanes: [
      { id: 'sup-port', from: 'sup', to: 'port', mode: 'road', transitDays: 1 },
      { id: 'port-dc', from: 'port', to: 'dc', mode: 'sea', transitDays: 20 },
      { id: 'sup-hub', from: 'sup', to: 'hub', mode: 'road', transitDays: 2 },
      { id: 'hub-dc', from: 'hub', to: 'dc', mode: 'rail', transitDays: 25 },
    ],
    flows: [
      { id: 'main', from: 'sup', to: 'dc', valuePerYear: 3.65e7, shipmentsPerYear: 100, interruptionCostPerDay: 50_000 },
      { id: 'side', from: 'hub', to: 'dc', valuePerYear: 7.3e6, shipmentsPerYear: 20, bufferDays: 2 },
    ],
    threats: [
      // pEvent 0.3 → likelihood 4 (≥ 0.2, < 0.5); 2e6 per event → impact 4 (≥ 1M, < 10M); 16 → high
      { id: 'likely-big', category: 'terrorism', appliesTo: { kind: 'site', ids: ['iso-likely'] }, frequency: { perYear: lambdaFor(0.3) }, loss: { amount: { fixed: 2e6 } } },
      // pEvent 0.03 → 2; 5 000 → 1; score 2 → low
      { id: 'rare-small', category: 'theft', appliesTo: { kind: 'site', ids: ['iso-rare'] }, frequency: { perYear: lambdaFor(0.03) }, loss: { amount: { fixed: 5000 } } },
      // pEvent 0.865 → 5; exactly 1e7 → 5 (the band is ≥ 10M); score 25 → critical
      { id: 'certain-huge', category: 'breach', appliesTo: { kind: 'site', ids: ['iso-certain'] }, frequency: { perYear: 2 }, loss: { amount: { fixed: 1e7 } } },
      // pEvent 0.1 → 3; exactly 1e4 → 2 (the band is ≥ 10k); score 6 → medium
      { id: 'possible-mid', category: 'intrusion', appliesTo: { kind: 'site', ids: ['iso-possible'] }, frequency: { perYear: lambdaFor(0.1) }, loss: { amount: { fixed: 1e4 } } },
      // network: port closures with loss and downtime, lane disruptions, cargo theft per shipment
      { id: 'port-strike', category: 'disruption', appliesTo: { kind: 'site', siteKinds: ['port'] }, frequency: { perYear: 2 }, downtimeDays: { triangular: [2, 7, 20] } },
      { id: 'lane-out', category: 'disruption', appliesTo: { kind: 'lane' }, frequency: { perYear: 1.5 }, downtimeDays: { exponential: { mean: 6 } } },
      { id: 'hub-fire', category: 'terrorism', appliesTo: { kind: 'site', ids: ['hub'] }, frequency: { perYear: 0.2 }, loss: { fraction: { uniform: [0.2, 1] } }, downtimeDays: { fixed: 30 } },
      { id: 'truck-theft', category: 'theft', appliesTo: { kind: 'lane', modes: ['road'] }, frequency: { perShipment: 0.01 }, loss: { fraction: { pert: [0, 0.3, 1] } } },
    ],
  }),
);

describe('simulateScenario: risk register', () => {
  const n = 100_000;
  let res: Results;
  const run = async () => (res ??= await simulateScenario(scenario, { trials: n, seed: 17, treatments: 'none' }));

  it('simulateScenario: Σ eal = baseline.eal, Σ share = 1, Σ tailContribution = cvar95, sorted by eal', async () => {
    await run();
    const risks = res.risks;
    // 4 crafted + port-strike@port + 4 lane-out + hub-fire@hub + 2 road lanes for truck-theft
    expect(risks).toHaveLength(12);
    expect(res.baseline.interruptionEal).toBeGreaterThan(0);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    const sumEal = risks.reduce((s, r) => s + r.eal, 0);
    expect(rel(sumEal, res.baseline.eal)).toBeLessThan(1e-6);
    const sumShare = risks.reduce((s, r) => s + r.share, 0);
    expect(Math.abs(sumShare - 1)).toBeLessThan(1e-9);
    const sumTail = risks.reduce((s, r) => s + r.tailContribution, 0);
    expect(rel(sumTail, res.baseline.cvar95)).toBeLessThan(1e-6);
    // eal splits into direct and interruption parts, per risk and in total
    for (const r of risks) expect(r.eal).toBeCloseTo(r.directEal + r.interruptionEal, 6);
    expect(rel(risks.reduce((s, r) => s + r.interruptionEal, 0), res.baseline.interruptionEal)).toBeLessThan(1e-6);
    expect(rel(risks.reduce((s, r) => s + r.directEal, 0), res.baseline.directEal)).toBeLessThan(1e-6);
    // sorted by eal, descending
    for (let i = 1; i < risks.length; i++) expect(risks[i - 1]!.eal).toBeGreaterThanOrEqual(risks[i]!.eal);
    // the per-target view adds up too
    expect(rel(res.targets.reduce((s, t) => s + t.eal, 0), res.baseline.eal)).toBeLessThan(1e-6);
    // a tail contribution is a mean of non-negative per-trial losses over the worst 5 %
    for (const r of risks) expect(r.tailContribution).toBeGreaterThanOrEqual(0);
  });

  it('simulateScenario: likelihood, impact, score and level follow the default bands', async () => {
    await run();
    const row = (id: string) => res.risks.find((r) => r.id === id)!;
    const cases: Array<[string, number, number, number, number, string]> = [
      // id, p = 1 − e^−λ, loss per event, likelihood, impact, level
      ['likely-big@iso-likely', 0.3, 2e6, 4, 4, 'high'],
      ['rare-small@iso-rare', 0.03, 5000, 2, 1, 'low'],
      ['certain-huge@iso-certain', 1 - Math.exp(-2), 1e7, 5, 5, 'critical'],
      ['possible-mid@iso-possible', 0.1, 1e4, 3, 2, 'medium'],
    ];
    for (const [id, p, loss, likelihood, impact, level] of cases) {
      const r = row(id);
      expectWithinSe(r.pEvent, p, Math.sqrt((p * (1 - p)) / n), 4, `${id} pEvent`);
      expect(r.meanLossPerEvent).toBe(loss); // fixed amount, no interruption share on an isolated site
      expect(r.interruptionEal).toBe(0);
      expect([r.likelihood, r.impact, r.score, r.level]).toEqual([likelihood, impact, likelihood * impact, level]);
    }
    // the category decides the ISO 28000 element
    expect(row('certain-huge@iso-certain').element).toBe('information');
    expect(row('port-strike@port').element).toBe('emergency');
    expect(row('truck-theft@sup-port').element).toBe('transport');
    expect(row('rare-small@iso-rare').element).toBe('facility');
    // effective λ of a perShipment lane risk = perShipment × shipments on the lane (flow main only)
    expect(row('truck-theft@sup-port').frequency).toBeCloseTo(0.01 * 100, 12);
    // sup-hub is on no primary route: no shipments, λ = 0, no events
    expect(row('truck-theft@sup-hub').frequency).toBe(0);
    expect(row('truck-theft@sup-hub').pEvent).toBe(0);
  });
  it('simulateScenario: criteria in the scenario override the default bands and level scores', async () => {
    const custom = scenarioOf({
      ...scenario,
      criteria: { likelihoodBands: [0.001, 0.002, 0.003, 0.004], impactBands: [1e3, 2e4, 3e6, 4e7], levelScores: { medium: 3, high: 12, critical: 20 } },
    });
    const r = await simulateScenario(custom, { trials: 4000, seed: 17, treatments: 'none' });
    const row = (id: string) => r.risks.find((x) => x.id === id)!;
    // every crafted pEvent ≥ 0.02 ≫ 0.004 → likelihood 5
    expect([row('likely-big@iso-likely').impact, row('likely-big@iso-likely').level]).toEqual([3, 'high']); // 2e6 → 3; 15
    expect([row('rare-small@iso-rare').impact, row('rare-small@iso-rare').level]).toEqual([2, 'medium']); // 5000 → 2; 10
    expect([row('certain-huge@iso-certain').impact, row('certain-huge@iso-certain').level]).toEqual([4, 'critical']); // 1e7 → 4; 20
    expect([row('possible-mid@iso-possible').impact, row('possible-mid@iso-possible').level]).toEqual([2, 'medium']); // 1e4 → 2; 10
    for (const id of ['likely-big@iso-likely', 'rare-small@iso-rare', 'certain-huge@iso-certain', 'possible-mid@iso-possible']) {
      expect(row(id).likelihood).toBe(5);
      expect(row(id).score).toBe(5 * row(id).impact);
    }
  });
});
