// The conjugate pieces of the calibration against SciPy 1.17's values: the negative binomial tails of
// the predictive check (nbinom.cdf / nbinom.sf with size λ0·w and success w/(w + T)), the Gamma–Poisson
// posterior, and the median and p90 of PERT, triangular, uniform, exponential, lognormal and fixed
// distributions from which the lognormal prior of a loss is centred.
import { describe, expect, it } from 'vitest';
import { countCheck, gammaPoisson, lognormalOf, normalInverseGamma } from '../../../engine/analysis/calibration-update.js';
import { distQuantile } from '../../../engine/sampling/dist-quantile.js';

const rel = (x: number, want: number) => Math.abs(x - want) / Math.abs(want);

describe('countCheck', () => {
  it('countCheck: the two tails of the negative binomial predictive and the two-sided p-value', () => {
    // λ0 = 1.92, w = 2, T = 4: size 3.84, success 1/3; 0 observed
    const none = countCheck(1.92, 2, 0, 4);
    expect(rel(none.lower, 0.014718189215709306)).toBeLessThan(1e-10);
    expect(none.upper).toBe(1);
    expect(none.p).toBeCloseTo(2 * 0.014718189215709306, 12);
    expect(none.flag).toBe('overestimates');
    // λ0 = 0.495: size 0.99; 12 observed: P(N ≥ 12)
    const many = countCheck(0.495, 2, 12, 4);
    expect(rel(many.upper, 0.007543512551363549)).toBeLessThan(1e-10);
    expect(many.flag).toBe('underestimates');
    // near the expectation: no flag, p capped at 1
    const usual = countCheck(1.2, 2, 3, 4);
    expect(rel(usual.lower, 0.4429400045665876)).toBeLessThan(1e-10);
    expect(rel(usual.upper, 0.6840082682111537)).toBeLessThan(1e-10);
    expect(usual.p).toBeCloseTo(2 * 0.4429400045665876, 12);
    expect(usual.flag).toBeUndefined();
    // a zero rate predicts nothing: one incident has p = 0
    expect(countCheck(0, 2, 1, 4)).toMatchObject({ p: 0, flag: 'underestimates' });
    expect(countCheck(0, 2, 0, 4)).toMatchObject({ p: 1 });
  });
});

describe('gammaPoisson', () => {
  it('gammaPoisson: Gamma(λ0·w + n, w + T); shape ½ for a zero rate', () => {
    expect(gammaPoisson(0.5, 2, 6, 4)).toMatchObject({ shape: 7, rate: 6, mean: 7 / 6 });
    expect(gammaPoisson(0, 2, 3, 4)).toMatchObject({ shape: 3.5, rate: 6 });
    const p = gammaPoisson(0.5, 2, 6, 4);
    expect(p.ci90[0]).toBeLessThan(p.mean);
    expect(p.ci90[1]).toBeGreaterThan(p.mean);
  });
});

describe('distQuantile and lognormalOf', () => {
  it('distQuantile: median and p90 of each distribution', () => {
    expect(rel(distQuantile({ pert: [0.05, 0.2, 0.7] }, 0.5), 0.2446874473890147)).toBeLessThan(1e-9);
    expect(rel(distQuantile({ pert: [0.05, 0.2, 0.7] }, 0.9), 0.4200254791499373)).toBeLessThan(1e-9);
    expect(rel(distQuantile({ triangular: [0, 1, 4] }, 0.5), 1.5505102572168221)).toBeLessThan(1e-12);
    expect(rel(distQuantile({ triangular: [0, 1, 4] }, 0.9), 2.904554884989668)).toBeLessThan(1e-12);
    expect(distQuantile({ uniform: [0, 1] }, 0.9)).toBeCloseTo(0.9, 14);
    expect(rel(distQuantile({ exponential: { mean: 5 } }, 0.5), 3.4657359027997265)).toBeLessThan(1e-12);
    expect(rel(distQuantile({ exponential: { mean: 5 } }, 0.9), 11.51292546497023)).toBeLessThan(1e-12);
    expect(distQuantile({ lognormal: { median: 15000, p90: 80000 } }, 0.5)).toBeCloseTo(15000, 6);
    expect(rel(distQuantile({ lognormal: { median: 15000, p90: 80000 } }, 0.9), 80000)).toBeLessThan(1e-6);
    expect(distQuantile({ fixed: 3 }, 0.9)).toBe(3);
  });

  it('lognormalOf: the lognormal of the same median and p90; none when the median is not above 0', () => {
    const l = lognormalOf({ pert: [0.05, 0.2, 0.7] })!;
    expect(Math.exp(l.mu)).toBeCloseTo(0.2446874473890147, 9);
    expect(Math.exp(l.mu + 1.2815515655446004 * l.sigma)).toBeCloseTo(0.4200254791499373, 9);
    expect(lognormalOf({ fixed: 2 })).toEqual({ mu: Math.log(2), sigma: 0 });
    expect(lognormalOf({ uniform: [-1, 1] })).toBeUndefined();
    expect(lognormalOf({ fixed: 0 })).toBeUndefined();
  });

  it('normalInverseGamma: with no prior weight to speak of, the posterior follows the data; with much, the prior', () => {
    const values = [1, Math.E, Math.E * Math.E];
    const light = normalInverseGamma({ mu: 10, sigma: 3 }, 1e-9, values);
    expect(light.mu).toBeCloseTo(1, 6);
    expect(light.sigma).toBeCloseTo(Math.sqrt(2 / 3), 6); // √(Σ(y − ȳ)²/n)
    const heavy = normalInverseGamma({ mu: 10, sigma: 3 }, 1e9, values);
    expect(heavy.mu).toBeCloseTo(10, 6);
    expect(heavy.sigma).toBeCloseTo(3, 6);
  });
});
