// The budget optimizer against brute force: on a small network with 9 candidate
// placements, every subset within the budget is simulated over the same trials (common random
// numbers), and the optimizer's choice must be the best of them (lowest objective, then lowest cost),
// for several budgets and both objectives. The frontier is monotone and a zero budget chooses nothing.
import { describe, expect, it } from 'vitest';
import {
  evaluatePlacementSets,
  objectiveOf,
  optimizeControls,
  pairedReduction,
  type Objective,
  type PlacementRef,
} from '../../../engine/analysis/optimize-controls.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

const scenario = scenarioOf(
  envelope('optimizer brute force', {
    sites: [
      { id: 'wh', kind: 'warehouse', value: 2_000_000 },
      { id: 'dc', kind: 'dc', value: 1_500_000 },
    ],
    lanes: [{ id: 'wh-dc', from: 'wh', to: 'dc', mode: 'road', transitDays: 1 }],
    flows: [{ id: 'f', from: 'wh', to: 'dc', valuePerYear: 40_000_000, shipmentsPerYear: 200, interruptionCostPerDay: 20_000 }],
    threats: [
      { id: 'theft-site', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 1.2 }, loss: { amount: { lognormal: { median: 120_000, p90: 600_000 } } } },
      { id: 'intrusion-site', category: 'intrusion', appliesTo: { kind: 'site' }, frequency: { perYear: 0.6 }, loss: { amount: { pert: [10_000, 60_000, 400_000] } }, downtimeDays: { triangular: [1, 3, 10] } },
      { id: 'hijack', category: 'hijacking', appliesTo: { kind: 'lane' }, frequency: { perShipment: 0.004 }, loss: { fraction: { uniform: [0.5, 1] } } },
      { id: 'lane-theft', category: 'theft', appliesTo: { kind: 'lane' }, frequency: { perShipment: 0.01 }, loss: { fraction: { pert: [0.05, 0.2, 0.6] } } },
    ],
  }),
);

// 9 candidates, 512 subsets: yearly costs from 5 000 (GPS: 200 shipments × 25) to 44 000 (team drivers)
const CANDIDATES: PlacementRef[] = [
  { control: 'perimeter-fence', target: 'wh' },
  { control: 'cctv-docks', target: 'wh' },
  { control: 'monitored-alarm', target: 'wh' },
  { control: 'high-value-cage', target: 'dc' },
  { control: 'access-control', target: 'dc' },
  { control: 'gps-geofence', target: 'wh-dc' },
  { control: 'secure-parking', target: 'wh-dc' },
  { control: 'team-drivers', target: 'wh-dc' },
  { control: 'hard-sided-trailer', target: 'wh-dc' },
];

const TRIALS = 2048;
const SEED = 7;

/** Every subset of n items, as index lists. */
function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let m = 0; m < 1 << n; m++) out.push([...Array(n).keys()].filter((i) => (m >> i) & 1));
  return out;
}

const keyOf = (ps: ReadonlyArray<PlacementRef>) => ps.map((p) => `${p.control}@${p.target}`).sort().join(',');

describe('optimizeControls', () => {
  for (const objective of ['eal', 'cvar95'] as Objective[]) {
    it(`equals brute force over all subsets within the budget (${objective})`, async () => {
      const all = subsets(CANDIDATES.length);
      const { objectives, costs } = await evaluatePlacementSets(scenario, CANDIDATES, all, { objective, trials: TRIALS, seed: SEED });
      const budgets = [5_000, 15_000, 30_000, 60_000];
      const res = await optimizeControls(scenario, { budget: 30_000, objective, trials: TRIALS, seed: SEED, candidates: CANDIDATES, budgets });
      expect(res.frontier.map((f) => f.budget)).toEqual(budgets);
      for (const point of res.frontier) {
        // brute force: the lowest objective within the budget, ties to the lowest cost
        let best = 0;
        for (let j = 1; j < all.length; j++) {
          if (costs[j]! > point.budget + 1e-6) continue;
          if (objectives[j]! < objectives[best]! || (objectives[j] === objectives[best] && costs[j]! < costs[best]!)) best = j;
        }
        const bruteSet = all[best]!.map((i) => CANDIDATES[i]!);
        expect(point.objective, `objective at budget ${point.budget}`).toBe(objectives[best]);
        expect(keyOf(point.chosen), `set at budget ${point.budget}`).toBe(keyOf(bruteSet));
        expect(point.cost).toBeLessThanOrEqual(point.budget + 1e-6);
        expect(point.cost).toBeCloseTo(costs[best]!, 6);
      }
      // the result at the budget is the frontier's point at that budget, and something was chosen
      const at = res.frontier.find((f) => f.budget === 30_000)!;
      expect(keyOf(res.chosen)).toBe(keyOf(at.chosen));
      expect(res.after).toBe(at.objective);
      expect(res.before).toBe(objectives[0]);
      expect(res.chosen.length).toBeGreaterThan(0);
      expect(res.reduction.value).toBeCloseTo(res.before - res.after, 6);
      expect(res.reduction.ci95[0]).toBeLessThanOrEqual(res.reduction.value + 1e-6);
      expect(res.reduction.ci95[1]).toBeGreaterThanOrEqual(res.reduction.value - 1e-6);
    });
  }

  it('the frontier is monotone non-increasing in the budget, and a zero budget chooses nothing', async () => {
    const res = await optimizeControls(scenario, { budget: 20_000, objective: 'eal', trials: TRIALS, seed: SEED });
    expect(res.frontier.map((f) => f.budget)).toEqual([0, 5_000, 10_000, 20_000, 40_000]);
    expect(res.frontier[0]!.chosen).toEqual([]);
    expect(res.frontier[0]!.objective).toBe(res.before);
    for (let i = 1; i < res.frontier.length; i++) {
      expect(res.frontier[i]!.objective).toBeLessThanOrEqual(res.frontier[i - 1]!.objective);
      expect(res.frontier[i]!.cost).toBeLessThanOrEqual(res.frontier[i]!.budget + 1e-6);
    }
    // generated candidates: each acts on a risk of its target and is not placed there yet
    expect(res.candidates.length).toBeGreaterThan(0);
    for (const c of res.candidates) {
      expect(c.cost).toBeGreaterThan(0);
      expect(c.touchedEal).toBeGreaterThan(0);
    }
    const zero = await optimizeControls(scenario, { budget: 0, objective: 'cvar95', trials: TRIALS, seed: SEED });
    expect(zero.chosen).toEqual([]);
    expect(zero.cost).toBe(0);
    expect(zero.after).toBe(zero.before);
    expect(zero.reduction.value).toBe(0);
  });

  it('is deterministic for a seed', async () => {
    const opts = { budget: 15_000, objective: 'cvar95' as const, trials: 1024, seed: 'x', candidates: CANDIDATES };
    const a = await optimizeControls(scenario, opts);
    const b = await optimizeControls(scenario, { ...opts, rangeTrials: 300 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('objectiveOf and pairedReduction: mean, mean of the worst ⌈5 %⌉, and a paired interval', () => {
    const xs = Float64Array.from({ length: 40 }, (_, i) => i);
    expect(objectiveOf(xs, 'eal')).toBe(19.5);
    expect(objectiveOf(xs, 'cvar95')).toBe(38.5); // worst 2 of 40
    const ys = xs.map((x) => x * 0.5);
    const r = pairedReduction(xs, ys, 'cvar95');
    expect(r.value).toBeCloseTo(38.5 - 19.25, 12);
    const e = pairedReduction(xs, ys, 'eal');
    expect(e.value).toBeCloseTo(9.75, 12);
    expect(e.ci95[0]).toBeLessThan(9.75);
    expect(e.ci95[1]).toBeGreaterThan(9.75);
  });

  it('rejects a negative budget and unknown candidates', async () => {
    await expect(optimizeControls(scenario, { budget: -1, objective: 'eal', trials: 100, seed: 1 })).rejects.toThrow(/budget/);
    await expect(optimizeControls(scenario, { budget: 1, objective: 'eal', trials: 100, seed: 1, candidates: [{ control: 'nope', target: 'wh' }] })).rejects.toThrow(/unknown control/);
    await expect(optimizeControls(scenario, { budget: 1, objective: 'eal', trials: 100, seed: 1, candidates: [{ control: 'gps-geofence', target: 'wh' }] })).rejects.toThrow(/applies to lanes/);
  });
});
