// The 95 % intervals of the headline figures (engine/analysis/loss-summary.ts), checked for coverage
// on a closed-form compound Poisson: N ~ Poisson(λ = 3) events a year, each an Exponential loss of
// mean μ = 100 000. Its survival function is S(x) = Σ_{k≥1} P(N = k)·P(Gamma(k, μ) > x) with the
// Erlang tail P(Gamma(k, μ) > x) = e^(−x/μ)·Σ_{j<k} (x/μ)^j / j!, so the p-quantile solves S(q) = 1 − p
// and CVaR_p = E[L; L > q] / (1 − p) = Σ_k P(N = k)·kμ·P(Gamma(k + 1, μ) > q) / (1 − p). Over 400
// independent seeds of 4 096 trials each, every interval must cover the true value in 90–99 % of them.
import { describe, expect, it } from 'vitest';
import { cvarCi95, lossSummary, quantileCi95, sortedLosses } from '../../engine/analysis/loss-summary.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { Simulator } from '../../engine/simulate/run-batch.js';
import { tailSizeFor } from '../../engine/summary/batch-summary.js';
import { envelope, scenarioOf } from '../support/engine-helpers.js';

const LAMBDA = 3;
const MU = 1e5;

function pPoisson(k: number): number {
  let p = Math.exp(-LAMBDA);
  for (let i = 1; i <= k; i++) p *= LAMBDA / i;
  return p;
}
function erlangTail(k: number, x: number): number {
  let term = 1;
  let s = 1;
  for (let j = 1; j < k; j++) {
    term *= x / MU / j;
    s += term;
  }
  return Math.exp(-x / MU) * s;
}
const survival = (x: number) => {
  let s = 0;
  for (let k = 1; k < 80; k++) s += pPoisson(k) * erlangTail(k, x);
  return s;
};
function quantile(p: number): number {
  let lo = 0;
  let hi = 1e8;
  for (let i = 0; i < 200; i++) {
    const m = (lo + hi) / 2;
    if (survival(m) > 1 - p) lo = m;
    else hi = m;
  }
  return (lo + hi) / 2;
}
function cvar(p: number): number {
  const q = quantile(p);
  let s = 0;
  for (let k = 1; k < 80; k++) s += pPoisson(k) * k * MU * erlangTail(k + 1, q);
  return s / (1 - p);
}

describe('lossSummary: 95 % intervals of VaR95, p99, CVaR95 and CVaR99', () => {
  it('lossSummary: each interval covers the compound-Poisson closed form in 90–99 % of 400 seeds', () => {
    const scenario = scenarioOf(
      envelope('compound Poisson', {
        sites: [{ id: 's', kind: 'warehouse' }],
        threats: [{ id: 't', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: LAMBDA }, loss: { amount: { exponential: { mean: MU } } } }],
      }),
    );
    const truth = { var95: quantile(0.95), p99: quantile(0.99), cvar95: cvar(0.95), cvar99: cvar(0.99) };
    // the closed forms themselves: S(q) = 1 − p, and CVaR above the quantile
    expect(survival(truth.var95)).toBeCloseTo(0.05, 9);
    expect(truth.cvar95).toBeGreaterThan(truth.var95);
    const n = 4096;
    const seeds = 400;
    const covered = { var95: 0, p99: 0, cvar95: 0, cvar99: 0 };
    for (let seed = 1; seed <= seeds; seed++) {
      const { plan } = compilePlan(scenario, seed);
      const b = new Simulator(plan).runBatch(0, n, tailSizeFor(n));
      const s = lossSummary(b, sortedLosses(b), 365, 0, 0);
      const inside = (ci: [number, number], x: number) => (ci[0] <= x && x <= ci[1] ? 1 : 0);
      covered.var95 += inside(s.var95Ci95, truth.var95);
      covered.p99 += inside(s.p99Ci95, truth.p99);
      covered.cvar95 += inside(s.cvar95Ci95, truth.cvar95);
      covered.cvar99 += inside(s.cvar99Ci95, truth.cvar99);
      expect(s.var95Ci95[0]).toBeLessThanOrEqual(s.var95);
      expect(s.var95Ci95[1]).toBeGreaterThanOrEqual(s.var95);
      expect(s.cvar99Ci95[0]).toBeLessThan(s.cvar99);
    }
    for (const [what, c] of Object.entries(covered)) {
      expect(c / seeds, `${what} covered in ${c} of ${seeds}`).toBeGreaterThanOrEqual(0.9);
      expect(c / seeds, `${what} covered in ${c} of ${seeds}`).toBeLessThanOrEqual(0.99);
    }
  });

  it('quantileCi95: the order statistics np ∓ 1.96·√(np(1 − p)), rounded outwards', () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    // np = 500, 1.96·√250 = 30.99: ranks 469 and 532 (u = ⌈531⌉ + 1)
    expect(quantileCi95(sorted, 0.5)).toEqual([469, 532]);
    expect(quantileCi95(Float64Array.of(7), 0.95)).toEqual([7, 7]);
  });

  it('cvarCi95: zero width when every trial of the tail loses the same', () => {
    const sorted = new Float64Array(100).fill(5);
    expect(cvarCi95(sorted, 0.95)).toEqual([5, 5]);
  });
});
