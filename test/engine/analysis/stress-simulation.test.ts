// The stress test and the simulation count an outage's cost the same way. On the hand-worked network
// (stress-fixture.ts) with buffers set to 0, one disruption threat of fixed downtime D on a single
// element makes the trial's loss proportional to the days it is down: interruption cost per day of a
// flow it cuts, or the detour's extra cost per day of a flow it reroutes. The stress test's loss of
// that element over TTR = D, divided by D, is that cost per day; so the simulated expected loss is
//   E[loss per horizon] = stress loss / D × E[days down],
//   E[days down] = ∫_0^H (1 − e^(−λ·min(t, D)/H)) dt
// (outages of length D starting as a Poisson process of λ per horizon, overlapping ones merged, cut at
// the horizon). Checked within 4 standard errors of the simulated mean.
import { describe, it } from 'vitest';
import { stressTest } from '../../../engine/analysis/stress.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';
import { Simulator } from '../../../engine/simulate/run-batch.js';
import { expectWithinSe, integrate, moments, pDown, scenarioOf } from '../../support/engine-helpers.js';
import { stressScenario } from './stress-fixture.js';

const H = 365;

/** The fixture without buffers, with one disruption of fixed `days` and `perYear` on `target`. */
function oneOutage(target: { kind: 'site' | 'lane'; id: string }, perYear: number, days: number) {
  const json = stressScenario() as { flows: Array<Record<string, unknown>>; threats: unknown[] };
  for (const f of json.flows) f.bufferDays = 0;
  json.threats = [{ id: 'outage', category: 'disruption', appliesTo: { kind: target.kind, ids: [target.id] }, frequency: { perYear }, downtimeDays: { fixed: days } }];
  return scenarioOf(json);
}

describe('stressTest against the simulation', () => {
  it.each([
    ['B, a port f1 reroutes around', { kind: 'site' as const, id: 'B' }, 4, 10],
    ['d-e, the lane whose loss cuts f2', { kind: 'lane' as const, id: 'd-e' }, 3, 6],
    ['D, the site whose loss cuts f1 and f2', { kind: 'site' as const, id: 'D' }, 2, 8],
  ])('%s: simulated expected loss = stress loss / D × E[days down] (4 standard errors)', (_what, target, perYear, days) => {
    const scenario = oneOutage(target, perYear, days);
    const stressed = stressTest(scenario).elements.find((e) => e.id === target.id && e.kind === target.kind)!;
    // the TTR is the fixed downtime's p90, D itself (no ttrDays on these elements)
    expectWithinSe(stressed.ttrDays!, days, 1e-12, 1, 'TTR');
    const perDay = stressed.loss! / days;
    const expected = perDay * integrate(pDown(perYear, days, H), H, [days]);
    const { plan } = compilePlan(scenario, 11);
    const s = new Simulator(plan).runBatch(0, 40_000, 1);
    const m = moments(s.losses);
    expectWithinSe(m.mean, expected, m.se, 4, `${target.id}: expected loss`);
  });
});
