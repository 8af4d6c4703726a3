// Control effectiveness by element against a closed form. One risk, λ events a year, lognormal loss
// X; a facility control with severity factor s (reliability 1) is placed. With it, EAL = s·λ·E[X];
// without it, λ·E[X]; so the loss it avoids is (1 − s)·λ·E[X]. With common random numbers the paired
// difference per trial is (1 − s)·S where S is the trial's loss sum without the control, so
// se = (1 − s)·√(λ·E[X²]/n). The removal's cost change is the control's annual cost.
import { describe, expect, it } from 'vitest';
import { elementEffect, elementRemovals, REMOVAL_PREFIX } from '../../../engine/analysis/control-effectiveness.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { envelope, expectWithinSe, scenarioOf } from '../../support/engine-helpers.js';

const lambda = 2;
const [mu, sigma] = [Math.log(50_000), 0.5];
const ex = Math.exp(mu + (sigma * sigma) / 2);
const ex2 = Math.exp(2 * mu + 2 * sigma * sigma);
const s = 0.4;

const scenario = scenarioOf(
  envelope('one control', {
    sites: [{ id: 'w', kind: 'warehouse', value: 1e6, controls: ['cage', 'training'] }],
    threats: [{ id: 'theft', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: lambda }, loss: { amount: { lognormal: { mu, sigma } } } }],
    controls: [
      { id: 'cage', name: 'Cage', element: 'facility', appliesTo: 'site', effects: { theft: { severityFactor: s } }, reliability: 1, cost: { annual: 12_000 } },
      { id: 'training', name: 'Training', element: 'personnel', appliesTo: 'site', effects: { tampering: { frequencyFactor: 0.5 } }, cost: { annual: 3_000 } },
    ],
  }),
);

describe('control effectiveness by element', () => {
  it('elementRemovals: one removal per element with placed controls, in ISO 28000 element order', () => {
    const r = elementRemovals(scenario);
    expect(r.map((x) => [x.element, x.controls])).toEqual([
      ['facility', ['cage']],
      ['personnel', ['training']],
    ]);
    expect(r[0]!.treatment.id).toBe(`${REMOVAL_PREFIX}facility`);
  });

  it('elementEffect: loss avoided = (1 − s)λE[X] within 4 paired standard errors; cost = the controls’ annual cost; a control that acts on nothing here avoids exactly 0', async () => {
    const n = 40_000;
    const removals = elementRemovals(scenario);
    const r = await simulateScenario({ ...scenario, treatments: removals.map((x) => x.treatment) }, { trials: n, seed: 5 });
    const [facility, personnel] = removals.map((x, i) => elementEffect(x, r.treatments[i]!));
    expectWithinSe(facility!.lossAvoided, (1 - s) * lambda * ex, (1 - s) * Math.sqrt((lambda * ex2) / n), 4, 'loss avoided');
    expect(facility!.ci95[0]).toBeLessThan(facility!.lossAvoided);
    expect(facility!.ci95[1]).toBeGreaterThan(facility!.lossAvoided);
    expect(facility!.annualCost).toBe(12_000);
    expect(personnel!.lossAvoided).toBe(0);
    expect(personnel!.annualCost).toBe(3_000);
  });
});
