// Common-cause events against closed forms. A flow A → B has two parallel lanes, the second a
// detour. Each lane suffers outages of fixed length d at rate λ per horizon H: p(t) = P(down at t)
// = 1 − e^(−λ·min(t, d)/H). With independent outages (one stream per lane) the flow is cut only
// when both are down: E[cut days] = ∫₀ᴴ p(t)² dt. With one joint disruption ("jointly": true) both
// lanes go down together, with one downtime: E[cut days] = ∫₀ᴴ p(t) dt, exactly what one lane alone
// would lose — the redundancy is worth nothing — and trial by trial the same as the network without
// the detour under the same joint threat.
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { Simulator } from '../../engine/simulate/run-batch.js';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { envelope, expectWithinSe, integrate, moments, pDown, perTrialFlowDays, scenarioOf } from '../support/engine-helpers.js';

const H = 365;
const C = 1000;
const lambda = 3;
const d = 25;

function parallel(jointly: boolean, withDetour = true) {
  return scenarioOf(
    envelope('parallel lanes', {
      sites: [
        { id: 'A', kind: 'port', region: 'CN' },
        { id: 'B', kind: 'dc', region: 'US' },
      ],
      lanes: [
        { id: 'main', from: 'A', to: 'B', mode: 'sea', transitDays: 20 },
        ...(withDetour ? [{ id: 'detour', from: 'A', to: 'B', mode: 'sea', transitDays: 24 }] : []),
      ],
      flows: [{ id: 'f', from: 'A', to: 'B', valuePerYear: 3.65e6, shipmentsPerYear: 52, interruptionCostPerDay: C }],
      threats: [
        {
          id: 'typhoon',
          category: 'disruption',
          appliesTo: { kind: 'lane', modes: ['sea'] },
          frequency: { perYear: lambda },
          downtimeDays: { fixed: d },
          ...(jointly ? { jointly: true } : {}),
        },
      ],
    }),
  );
}

describe('common cause: parallel lanes under one joint disruption', () => {
  const n = 40_000;

  it('Simulator.runBatch: joint outages cut the flow ∫p(t)dt days, independent ones ∫p(t)²dt (4 standard errors)', () => {
    const p = pDown(lambda, d, H);
    const single = integrate(p, H, [d]);
    const both = integrate((t) => p(t) * p(t), H, [d]);
    const joint = moments(perTrialFlowDays(compilePlan(parallel(true), 5).plan, n).cut);
    expectWithinSe(joint.mean, single, joint.sd / Math.sqrt(n), 4, 'joint: cut days');
    const indep = moments(perTrialFlowDays(compilePlan(parallel(false), 5).plan, n).cut);
    expectWithinSe(indep.mean, both, indep.sd / Math.sqrt(n), 4, 'independent: cut days');
    // the two differ by far more than their noise: redundancy works only against independent outages
    expect(joint.mean - indep.mean).toBeGreaterThan(10 * (joint.sd + indep.sd) / Math.sqrt(n));
  });

  it('Simulator.runBatch: with a joint threat the detour saves nothing: every trial loses exactly what the network without it loses', () => {
    const trials = 4096;
    const a = new Simulator(compilePlan(parallel(true, true), 9).plan).runBatch(0, trials, 1);
    const b = new Simulator(compilePlan(parallel(true, false), 9).plan).runBatch(0, trials, 1);
    let cut = 0;
    for (let t = 0; t < trials; t++) {
      expect(a.losses[t]).toBe(b.losses[t]);
      if (a.losses[t]! > 0) cut++;
    }
    expect(cut).toBeGreaterThan(trials / 2);
    expect(a.flowCutDays.get(0)).toBe(b.flowCutDays.get(0));
    // each event hits both lanes: both risks count the same events
    expect(a.riskEvents[0]).toBe(a.riskEvents[1]);
  });

  it('simulateScenario: the register marks joint risks with the targets each event hits', async () => {
    const res = await simulateScenario(parallel(true), { trials: 2048, seed: 1, treatments: 'none' });
    for (const r of res.risks) expect(r.joint).toEqual({ targets: 2 });
    const indep = await simulateScenario(parallel(false), { trials: 2048, seed: 1, treatments: 'none' });
    for (const r of indep.risks) expect(r.joint).toBeUndefined();
  });
});
