// Reproducibility: results depend on the seed only, never on how the trials
// are split into ranges, and merging the summaries of adjacent ranges gives the summary of the
// joined range bit for bit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { trialRanges } from '../../../engine/run/ranges.js';
import { type Results } from '../../../engine/results/schema.js';
import { type RunOptions } from '../../../engine/run/run-options.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';
import { BLOCK, runBatch, Simulator } from '../../../engine/simulate/run-batch.js';
import { mergeSummaries, SUM_KEYS, tailSizeFor, type BatchSummary } from '../../../engine/summary/batch-summary.js';
import type { ExactSums } from '../../../engine/summary/exact-sums.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

/** The results as JSON without the `run` field (wall time and throughput). */
function stable(r: Results): string {
  const { run: _run, ...rest } = r;
  return JSON.stringify(rest);
}

const shipped = scenarioOf(JSON.parse(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8')));

// A bridge network with site and lane outages, direct losses, a buffer and treatments of every
// kind that reroutes or changes the network, so that reroutes, cuts and shares all occur.
const network = scenarioOf(
  envelope('network determinism', {
    sites: [
      { id: 's', kind: 'factory', value: 1e6 },
      { id: 'a', kind: 'port', value: 5e5 },
      { id: 'b', kind: 'warehouse', value: 3e5 },
      { id: 't', kind: 'dc', value: 8e5 },
      { id: 'x', kind: 'crossdock' },
    ],
    lanes: [
      { id: 'sa', from: 's', to: 'a', mode: 'road', transitDays: 1 },
      { id: 'sb', from: 's', to: 'b', mode: 'road', transitDays: 2 },
      { id: 'ab', from: 'a', to: 'b', mode: 'rail', transitDays: 1 },
      { id: 'at', from: 'a', to: 't', mode: 'sea', transitDays: 1.5 },
      { id: 'bt', from: 'b', to: 't', mode: 'road', transitDays: 2 },
    ],
    flows: [
      { id: 'main', from: 's', to: 't', valuePerYear: 2e7, shipmentsPerYear: 200, bufferDays: 1 },
      { id: 'feeder', from: 'a', to: 't', valuePerYear: 5e6, shipmentsPerYear: 50, interruptionCostPerDay: 20_000 },
    ],
    threats: [
      { id: 'lane-out', category: 'disruption', appliesTo: { kind: 'lane' }, frequency: { perYear: 3 }, downtimeDays: { pert: [1, 5, 30] } },
      { id: 'port-close', category: 'disruption', appliesTo: { kind: 'site', siteKinds: ['port'] }, frequency: { perYear: 1 }, downtimeDays: { exponential: { mean: 8 } } },
      { id: 'theft', category: 'theft', appliesTo: { kind: 'lane', modes: ['road'] }, frequency: { perShipment: 0.004 }, loss: { fraction: { triangular: [0, 0.2, 1] } } },
      { id: 'fire', category: 'terrorism', appliesTo: { kind: 'site' }, frequency: { perYear: 0.05 }, loss: { fraction: { uniform: [0.3, 1] } }, downtimeDays: { fixed: 40 } },
    ],
    treatments: [
      { id: 'tracking', name: 'GPS tracking and a standby carrier on road lanes', changes: [{ addControls: ['gps-geofence', 'alternate-carrier'], to: { kind: 'lane', modes: ['road'] } }] },
      { id: 'buffer', name: 'More stock', changes: [{ setBuffer: { flow: 'main', bufferDays: 10 } }] },
      {
        id: 'detour',
        name: 'Detour via x',
        changes: [
          { addLanes: [{ id: 'sx', from: 's', to: 'x', mode: 'air', transitDays: 0.5 }, { id: 'xt', from: 'x', to: 't', mode: 'air', transitDays: 0.5 }] },
          { route: { flow: 'main', path: ['sx', 'xt'] } },
        ],
      },
    ],
  }),
);

async function run(s: Scenario, opts: Partial<RunOptions> & { trials: number }): Promise<Results> {
  return simulateScenario(s, { seed: 1, treatments: 'all', ...opts });
}

describe('simulateScenario: determinism', () => {
  it('simulateScenario: the network test scenario exercises reroutes, cuts and every treatment', async () => {
    // guards the other tests of this file against a scenario that would make them vacuous
    const r = await run(network, { trials: 2000 });
    expect(r.flows.every((f) => f.interruptionDaysMean > 0 && f.reroutedDaysMean > 0)).toBe(true);
    expect(r.treatments.map((t) => t.id)).toEqual(['tracking', 'buffer', 'detour']);
    expect(r.treatments.every((t) => t.delta.eal !== 0)).toBe(true);
    expect(r.baseline.directEal).toBeGreaterThan(0);
    expect(r.baseline.interruptionEal).toBeGreaterThan(0);
  });

  it.each([
    ['the shipped default scenario', shipped, 5000],
    ['an inline network scenario', network, 10_007],
  ] as const)('simulateScenario: same seed → identical results for one range, 7 ranges and the default ranges; other seed → different (%s)', async (_name, s, trials) => {
    const seven = Math.ceil(trials / 7);
    expect(trialRanges(trials, trials)).toHaveLength(1);
    expect(trialRanges(trials, seven)).toHaveLength(7);
    // three separate runs with the same seed (so this also checks that a repeated run is identical)
    const one = await run(s, { trials, rangeTrials: trials });
    const split = await run(s, { trials, rangeTrials: seven });
    const dflt = await run(s, { trials });
    expect(stable(split)).toBe(stable(one));
    expect(stable(dflt)).toBe(stable(one));
    expect(one.flows.some((f) => f.interruptionDaysMean > 0)).toBe(true);
    expect(one.treatments.length).toBeGreaterThan(0);
    // baseline-only runs from here: the treatments would only repeat the point at several times the cost
    const baselineOnly = stable({ ...one, treatments: [] });
    const other = await run(s, { trials, seed: 2, treatments: 'none' });
    expect(other.baseline.eal).not.toBe(one.baseline.eal);
    expect(JSON.stringify(other.risks)).not.toBe(JSON.stringify(one.risks));
    expect(JSON.stringify(other.exceedance)).not.toBe(JSON.stringify(one.exceedance));
    expect(stable({ ...other, seed: 1 })).not.toBe(baselineOnly);
    // a string seed goes through seedrandom(String(seed)) just the same
    const str = await run(s, { trials, seed: '1', treatments: 'none' });
    expect(stable({ ...str, seed: 1 })).toBe(baselineOnly);
  });
});

describe('mergeSummaries', () => {
  function sums(s: ExactSums): number[] {
    return Array.from({ length: s.length }, (_, i) => s.get(i));
  }
  function expectSameSummary(merged: BatchSummary, whole: BatchSummary): void {
    expect(merged.firstTrial).toBe(whole.firstTrial);
    expect(merged.count).toBe(whole.count);
    expect(Array.from(merged.losses)).toEqual(Array.from(whole.losses));
    expect(Array.from(merged.riskEvents)).toEqual(Array.from(whole.riskEvents));
    expect(Array.from(merged.riskTrials)).toEqual(Array.from(whole.riskTrials));
    expect(Array.from(merged.riskEventsSq)).toEqual(Array.from(whole.riskEventsSq));
    for (const k of SUM_KEYS) {
      expect(sums(merged[k]), k).toEqual(sums(whole[k]));
    }
    expect(merged.tailSize).toBe(whole.tailSize);
    for (const k of ['trial', 'loss', 'start', 'risk', 'riskLoss'] as const) {
      expect(Array.from(merged.tail[k]), `tail.${k}`).toEqual(Array.from(whole.tail[k]));
    }
  }

  it('a loss whose square is beyond 2^53 keeps the sums exact: split or whole, the same sums', () => {
    // Σ L² is summed in whole units: a loss above ~9.5e7 has a square no float64 sum holds exactly
    // once anything else is added to it, so the kernel must add it on its own wherever the split falls
    const { plan } = compilePlan(
      scenarioOf(
        envelope('huge losses', {
          sites: [{ id: 's', kind: 'warehouse', value: 1e6 }],
          threats: [{ id: 'fraud', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 4 }, loss: { amount: { lognormal: { median: 2e7, p90: 2e8 } } } }],
        }),
      ),
      3,
    );
    const n = 2048;
    const tail = tailSizeFor(n);
    const whole = runBatch(plan, 0, n, tail);
    let huge = 0;
    for (let t = 0; t < n; t++) if (whole.losses[t]! > 1e8) huge++;
    expect(huge).toBeGreaterThan(20); // squares beyond 2^53 in many trials
    for (const a of [256, 700, 1536]) {
      const merged = mergeSummaries([runBatch(plan, 0, a, tail), runBatch(plan, a, n - a, tail)]);
      expectSameSummary(merged, whole);
      // the limbs themselves (a value read back as one float64 hides the last units at 10^18)
      for (const k of SUM_KEYS) expect([Array.from(merged[k].hi), Array.from(merged[k].lo)], k).toEqual([Array.from(whole[k].hi), Array.from(whole[k].lo)]);
    }
  });

  it.each([
    ['the shipped default scenario', shipped],
    ['an inline network scenario', network],
  ] as const)('mergeSummaries([runBatch(0..a), runBatch(a..n)]) equals runBatch(0..n) for a split off the block grid (%s)', (_name, s) => {
    const { plan } = compilePlan(s, 7);
    const n = 3001;
    const a = 1337; // not a multiple of BLOCK: the split falls inside a block
    expect(a % BLOCK).not.toBe(0);
    const tail = tailSizeFor(n);
    const whole = runBatch(plan, 0, n, tail);
    expect(whole.tail.trial.length).toBe(tail);
    expect(whole.flowCutDays.get(0) + whole.flowCutDays.get(1)).toBeGreaterThan(0);
    const merged = mergeSummaries([runBatch(plan, 0, a, tail), runBatch(plan, a, n - a, tail)]);
    expectSameSummary(merged, whole);
    // three uneven parts, one inside a single block, give the same again
    const b = a + 100;
    const three = mergeSummaries([runBatch(plan, 0, a, tail), runBatch(plan, a, b - a, tail), runBatch(plan, b, n - b, tail)]);
    expectSameSummary(three, whole);
  });

  it('Simulator.runBatch gives the same summary when one Simulator runs a range again, after others', () => {
    const { plan } = compilePlan(network, 7);
    const tail = tailSizeFor(600);
    const fresh = runBatch(plan, 200, 300, tail);
    expect(fresh.riskInterruption.lo.some((x) => x !== 0)).toBe(true); // the sweep is exercised
    const sim = new Simulator(plan);
    sim.runBatch(0, 600, tail);
    sim.runBatch(200, 300, tail);
    expectSameSummary(sim.runBatch(200, 300, tail), fresh);
    // one trial at a time, each run twice in a row: every risk and flow of the trial was just touched
    let withInterruption = 0;
    for (let t = 200; t < 260; t++) {
      const once = runBatch(plan, t, 1, 1);
      if (once.money.get(1) > 0) withInterruption++;
      sim.runBatch(t, 1, 1);
      expectSameSummary(sim.runBatch(t, 1, 1), once);
    }
    expect(withInterruption).toBeGreaterThan(5);
  });

  it('mergeSummaries rejects ranges that are not adjacent', () => {
    const { plan } = compilePlan(network, 7);
    expect(() => mergeSummaries([runBatch(plan, 0, 100, 5), runBatch(plan, 101, 100, 5)])).toThrow(/does not follow/);
  });
});
