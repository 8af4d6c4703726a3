// Cascades against their closed form. A trigger threat A (rate λA per horizon T on a site) opens a
// window of d days after each of its events; while one is open, the raised threat B's rate on the
// same site is × F (windows do not stack). A window is open at t when some A event fell in
// [t − d, t): P(open at t) = 1 − e^(−λA·min(t, d)/T). So B's expected events per horizon are
//   λB + λB·(F − 1)·∫₀ᵀ (1 − e^(−λA·min(t, d)/T)) dt / T,
// the second term being the triggered excess. Standard errors from the per-trial counts (Σ N²).
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { Simulator } from '../../engine/simulate/run-batch.js';
import type { BatchSummary } from '../../engine/summary/batch-summary.js';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { envelope, expectWithinSe, integrate, pDown, scenarioOf } from '../support/engine-helpers.js';

const T = 365;

function cascadeScenario(lambdaA: number, lambdaB: number, factor: number, days: number, scope: 'same-target' | 'lanes-from' = 'same-target') {
  return scenarioOf(
    envelope('cascade', {
      sites: [
        { id: 'fwd', kind: 'warehouse', value: 1e6 },
        { id: 'dc', kind: 'dc' },
      ],
      lanes: [{ id: 'out', from: 'fwd', to: 'dc', mode: 'road', transitDays: 1 }],
      flows: [{ id: 'f', from: 'fwd', to: 'dc', valuePerYear: 3.65e6, shipmentsPerYear: 100 }],
      threats: [
        {
          id: 'breach',
          category: 'breach',
          appliesTo: { kind: 'site', ids: ['fwd'] },
          frequency: { perYear: lambdaA },
          loss: { amount: { fixed: 1000 } },
          triggers: [{ threat: 'theft', factor, days, scope }],
        },
        {
          id: 'theft',
          category: 'theft',
          appliesTo: scope === 'same-target' ? { kind: 'site', ids: ['fwd'] } : { kind: 'lane', ids: ['out'] },
          frequency: { perYear: lambdaB },
          loss: { amount: { fixed: 50_000 } },
        },
      ],
      treatments: [{ id: 'stop-breach', name: 'Stop the breaches', changes: [{ addControls: ['no-breach'], to: { kind: 'site', ids: ['fwd'] } }] }],
      controls: [{ id: 'no-breach', name: 'No breach', element: 'information', appliesTo: 'site', effects: { breach: { frequencyFactor: 0 } } }],
    }),
  );
}

/** Mean and standard error of a risk's events per trial, from the exact counts of a summary. */
function eventStats(s: BatchSummary, r: number, n: number) {
  const mean = s.riskEvents[r]! / n;
  const variance = s.riskEventsSq[r]! / n - mean * mean;
  return { mean, se: Math.sqrt(variance / n) };
}

/** The excess events per horizon: λB·(F − 1)·∫₀ᵀ P(window open at t) dt / T. */
function expectedExcess(lambdaA: number, lambdaB: number, factor: number, days: number): number {
  return (lambdaB * (factor - 1) * integrate(pDown(lambdaA, days, T), T, [days])) / T;
}

describe('cascades: triggered excess against the closed form', () => {
  for (const [lambdaA, lambdaB, factor, days] of [
    [2, 3, 4, 30],
    [6, 1, 2.5, 90],
    [0.5, 8, 10, 400],
  ] as const) {
    it(`Simulator.runBatch: raised events per trial = λB + λB·(F − 1)·∫P(open)dt/T for λA ${lambdaA}, λB ${lambdaB}, F ${factor}, d ${days} (4 standard errors)`, () => {
      const n = 40_960;
      const { plan, index } = compilePlan(cascadeScenario(lambdaA, lambdaB, factor, days), 7);
      const r = index.riskIds.indexOf('theft@fwd');
      const a = index.riskIds.indexOf('breach@fwd');
      const s = new Simulator(plan).runBatch(0, n, 1);
      const excess = expectedExcess(lambdaA, lambdaB, factor, days);
      const b = eventStats(s, r, n);
      expectWithinSe(b.mean, lambdaB + excess, b.se, 4, 'raised events per trial');
      // the excess alone: its count per trial has variance at most E[N²] of the raised risk
      const ex = s.riskExcessEvents.get(r) / n;
      expectWithinSe(ex, excess, b.se, 4, 'excess events per trial');
      // the trigger threat is not raised: its own rate, and no excess
      expectWithinSe(eventStats(s, a, n).mean, lambdaA, eventStats(s, a, n).se, 4, 'trigger events per trial');
      expect(s.riskExcessEvents.get(a)).toBe(0);
      // excess loss: each raised event loses 50,000 (fixed), so the excess loss is 50,000 per excess event
      expect(s.riskExcess.get(r)).toBeCloseTo(50_000 * s.riskExcessEvents.get(r), 2);
    });
  }

  it('Simulator.runBatch: a treatment that removes the trigger events removes exactly the triggered excess (common random numbers)', () => {
    const n = 8192;
    const scenario = cascadeScenario(3, 2, 5, 60);
    const base = compilePlan(scenario, 3);
    const treated = compilePlan({ ...scenario, sites: scenario.sites.map((s) => (s.id === 'fwd' ? { ...s, controls: ['no-breach'] } : s)) }, 3);
    const r = base.index.riskIds.indexOf('theft@fwd');
    const sb = new Simulator(base.plan).runBatch(0, n, 1);
    const st = new Simulator(treated.plan).runBatch(0, n, 1);
    expect(sb.riskExcessEvents.get(r)).toBeGreaterThan(100);
    expect(st.riskExcessEvents.get(r)).toBe(0);
    // the raised risk's events without windows are the same events: baseline − its excess, exactly
    expect(st.riskEvents[r]).toBe(sb.riskEvents[r]! - sb.riskExcessEvents.get(r));
    expect(st.riskDirect.get(r)).toBeCloseTo(sb.riskDirect.get(r) - sb.riskExcess.get(r), 2);
  });

  it('simulateScenario: lanes-from raises the lanes leaving the site hit; the register names the excess', async () => {
    const res = await simulateScenario(cascadeScenario(4, 2, 3, 45, 'lanes-from'), { trials: 20_480, seed: 11, treatments: 'all' });
    const theft = res.risks.find((x) => x.id === 'theft@out')!;
    expect(theft.cascade?.triggeredBy).toEqual(['breach']);
    expect(theft.cascade?.factor).toBe(3);
    const excess = expectedExcess(4, 2, 3, 45);
    // one fixed loss of 50,000 per event: excess EAL = 50,000 × excess events (4 standard errors of the count)
    expectWithinSe(theft.cascade!.excessEventsPerTrial, excess, Math.sqrt((2 + excess) / 20_480) * 2, 4, 'lanes-from excess events');
    expect(theft.cascade!.excessEal).toBeCloseTo(50_000 * theft.cascade!.excessEventsPerTrial, 0);
    expect(res.risks.find((x) => x.id === 'breach@fwd')!.cascade).toBeUndefined();
    // the treatment that stops the breaches saves the excess (and the breaches' own loss)
    const t = res.treatments.find((x) => x.id === 'stop-breach')!;
    expect(t.delta.eal).toBeGreaterThan(theft.cascade!.excessEal);
  });
});
