// Sensitivity (tornado) against closed forms on a single-risk scenario. EAL is linear in frequency:
// at (1 ± δ)λ, EAL = (1 ± δ)λ·E[X], so the swing is 2δλ·E[X]; with common random numbers the high
// and low runs differ only by the events kept in one and not the other (a compound Poisson of rate
// 2δλ), se = √(2δλ·E[X²]/n). A severity factor s (reliability 1) scales every loss, so its swing is
// 2δ·s·λ·E[X] with se = 2δ·s·√(λ·E[X²]/n).
import { describe, expect, it } from 'vitest';
import { sensitivity } from '../../../engine/analysis/sensitivity.js';
import { envelope, expectWithinSe, scenarioOf } from '../../support/engine-helpers.js';

const lambda = 3;
const [mu, sigma] = [Math.log(20_000), 0.6];
const ex = Math.exp(mu + (sigma * sigma) / 2);
const ex2 = Math.exp(2 * mu + 2 * sigma * sigma);
const s = 0.6;

const scenario = scenarioOf(
  envelope('single risk', {
    sites: [{ id: 'w', kind: 'warehouse', value: 1e6, controls: ['cage'] }],
    threats: [{ id: 'theft', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: lambda }, loss: { amount: { lognormal: { mu, sigma } } } }],
    controls: [{ id: 'cage', name: 'Cage', element: 'facility', appliesTo: 'site', effects: { theft: { severityFactor: s } }, reliability: 1 }],
  }),
);

describe('sensitivity', () => {
  it('sensitivity: threat frequency swing = 2δλE[X] and a severity factor swing = 2δsλE[X], within 4 standard errors', async () => {
    const n = 40_000;
    const delta = 0.25;
    const r = await sensitivity(scenario, { trials: n, seed: 3, delta });
    expect(r.rows.map((x) => x.parameter).sort()).toEqual(['control cage factors', 'threat theft frequency']);
    const freq = r.rows.find((x) => x.kind === 'threat-frequency')!;
    expectWithinSe(freq.swing, 2 * delta * lambda * ex * s, Math.sqrt((2 * delta * lambda * ex2 * s * s) / n), 4, 'frequency swing');
    expect(freq.high).toBeGreaterThan(freq.low);
    // the linear form: high/low = (1 + δ)/(1 − δ) up to the noise of the events kept in both
    expectWithinSe(freq.low + freq.high, 2 * lambda * ex * s, Math.sqrt((4 * lambda * ex2 * s * s) / n), 4, 'low + high');
    const ctl = r.rows.find((x) => x.kind === 'control-factors')!;
    expectWithinSe(ctl.swing, 2 * delta * s * lambda * ex, 2 * delta * s * Math.sqrt((lambda * ex2) / n), 4, 'severity swing');
    // common random numbers: the swing is far more precise than two independent runs would give
    const independentSe = Math.sqrt((2 * lambda * ex2 * s * s) / n);
    expect(Math.abs(ctl.swing - 2 * delta * s * lambda * ex)).toBeLessThan(independentSe);
    expect(r.reference.eal).toBeGreaterThan(0);
  });

  it('sensitivity rejects a delta outside (0, 1)', async () => {
    await expect(sensitivity(scenario, { trials: 100, seed: 1, delta: 1.5 })).rejects.toThrow(/delta/);
  });
});
