// Flow interruption against closed forms. Every outage here has a fixed length d
// and starts uniformly on [0, H] as a Poisson process of rate λ per horizon (H = 365), clipped at H.
// An element is down at t iff one of its outages started in (t − d, t]; that window has length
// min(t, d), so p(t) = P(down at t) = 1 − exp(−λ·min(t, d)/H), independently across elements (each
// risk has its own streams). Expected days in a state = ∫_0^H P(state at t) dt (Fubini).
// Standard errors come from the per-trial values (each trial run as its own batch).
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { envelope, expectWithinSe, integrate, moments, pDown, perTrialFlowDays, scenarioOf } from '../support/engine-helpers.js';

const H = 365;
const C = 1000; // interruptionCostPerDay

function outage(id: string, lanes: string[] | undefined, lambda: number, d: number) {
  return {
    id,
    category: 'disruption',
    appliesTo: lanes ? { kind: 'lane', ids: lanes } : { kind: 'lane' },
    frequency: { perYear: lambda },
    downtimeDays: { fixed: d },
  };
}

function flow(from: string, to: string, bufferDays = 0) {
  return { id: 'f', from, to, valuePerYear: 3.65e6, shipmentsPerYear: 52, interruptionCostPerDay: C, bufferDays };
}

describe('simulateScenario: interruption of a single lane', () => {
  const lambda = 4;
  const d = 20;
  const scenario = scenarioOf(
    envelope('single lane', {
      sites: [
        { id: 'A', kind: 'supplier' },
        { id: 'B', kind: 'customer' },
      ],
      lanes: [{ id: 'ab', from: 'A', to: 'B', mode: 'road', transitDays: 1 }],
      flows: [flow('A', 'B')],
      threats: [outage('outage', ['ab'], lambda, d)],
    }),
  );
  const n = 40_000;
  const seed = 5;

  it('simulateScenario: interrupted days = ∫(1 − e^{−λ·min(t,d)/H})dt, cost = c·days, serviceLevel = 1 − days/H', async () => {
    const res = await simulateScenario(scenario, { trials: n, seed, treatments: 'none' });
    const f = res.flows[0]!;
    // E[days] = ∫_0^H (1 − e^{−λ min(t,d)/H}) dt = d − (H/λ)(1 − e^{−λd/H}) + (H − d)(1 − e^{−λd/H})  (H ≥ d)
    const q = 1 - Math.exp((-lambda * d) / H);
    const closed = d - (H / lambda) * q + (H - d) * q;
    const numeric = integrate(pDown(lambda, d, H), H, [d]);
    expect(numeric).toBeCloseTo(closed, 6);
    // the only loss is interruption cost c·days (bufferDays 0), so days have sd = baseline.sd / c
    const se = res.baseline.se / C;
    expectWithinSe(f.interruptionDaysMean, closed, se, 4, 'interruptionDaysMean');
    // cost = c·days exactly (up to cents and microdays)
    expect(res.baseline.interruptionEal).toBeCloseTo(C * f.interruptionDaysMean, 2);
    expect(res.baseline.eal).toBeCloseTo(C * f.interruptionDaysMean, 2);
    expect(f.eal).toBeCloseTo(C * f.interruptionDaysMean, 2);
    expect(res.baseline.directEal).toBe(0);
    expect(res.risks[0]!.interruptionEal).toBeCloseTo(res.baseline.eal, 2);
    // service level = 1 − E[days]/H, for the flow and (one flow) for the baseline
    expect(f.serviceLevel).toBeCloseTo(1 - f.interruptionDaysMean / H, 12);
    expect(res.baseline.serviceLevel).toBeCloseTo(f.serviceLevel, 12);
    expectWithinSe(f.serviceLevel, 1 - closed / H, se / H, 4, 'serviceLevel');
    // a single lane has no alternative: never rerouted
    expect(f.reroutedDaysMean).toBe(0);
  });

  it('Simulator.runBatch: one-trial batches reproduce the run\'s mean interrupted days and its loss sd', async () => {
    const trials = 10_000;
    const res = await simulateScenario(scenario, { trials, seed, treatments: 'none' });
    const { plan } = compilePlan(scenario, seed);
    const { cut } = perTrialFlowDays(plan, trials);
    const m = moments(cut);
    expect(m.mean).toBeCloseTo(res.flows[0]!.interruptionDaysMean, 6);
    expect(m.sd * C).toBeCloseTo(res.baseline.sd, -1); // c·sd(days) = sd(loss), within cents rounding
    // no trial is interrupted for longer than the horizon
    expect(Math.max(...cut)).toBeLessThanOrEqual(H);
  });
});

describe('simulateScenario: two parallel lanes', () => {
  // fast lane (1 day, the primary route) with outages (λ1, d1), slow lane (3 days) with (λ2, d2)
  const [l1, d1] = [6, 15];
  const [l2, d2] = [4, 25];
  const scenario = scenarioOf(
    envelope('parallel lanes', {
      sites: [
        { id: 'A', kind: 'supplier' },
        { id: 'B', kind: 'customer' },
      ],
      lanes: [
        { id: 'fast', from: 'A', to: 'B', mode: 'road', transitDays: 1 },
        { id: 'slow', from: 'A', to: 'B', mode: 'rail', transitDays: 3 },
      ],
      flows: [flow('A', 'B')],
      threats: [outage('out-fast', ['fast'], l1, d1), outage('out-slow', ['slow'], l2, d2)],
    }),
  );

  it('simulateScenario: interrupted days = ∫p1·p2 dt and rerouted days = ∫p1·(1 − p2) dt', async () => {
    const n = 20_000;
    const seed = 9;
    const res = await simulateScenario(scenario, { trials: n, seed, treatments: 'none' });
    const f = res.flows[0]!;
    const p1 = pDown(l1, d1, H);
    const p2 = pDown(l2, d2, H);
    const cutClosed = integrate((t) => p1(t) * p2(t), H, [d1, d2]); // both lanes down
    const rerClosed = integrate((t) => p1(t) * (1 - p2(t)), H, [d1, d2]); // primary down, slow lane up
    // SE: the per-trial sd estimated on the first 5000 trials (one-trial batches), over √n
    const { cut, rerouted } = perTrialFlowDays(compilePlan(scenario, seed).plan, 5000);
    const seCut = moments(cut).sd / Math.sqrt(n);
    const seRer = moments(rerouted).sd / Math.sqrt(n);
    expectWithinSe(f.interruptionDaysMean, cutClosed, seCut, 4, 'interruptionDaysMean');
    expectWithinSe(f.reroutedDaysMean, rerClosed, seRer, 4, 'reroutedDaysMean');
    expect(res.baseline.eal).toBeCloseTo(C * f.interruptionDaysMean, 2);
  });
});

describe('simulateScenario: the bridge network', () => {
  // s→a, s→b, a→b (the bridge), a→t, b→t; each lane down independently with p(t). Minimal paths:
  // P1 = {sa, at}, P2 = {sb, bt}, P3 = {sa, ab, bt}. The lanes are directed and there is no b→a, so
  // inclusion–exclusion gives the directed bridge R(q) = 2q² + q³ − 3q⁴ + q⁵ (q = 1 − p), not the
  // undirected 2q² + 2q³ − 5q⁴ + 2q⁵, which also counts the path s→b→a→t.
  const lambda = 5;
  const d = 20;
  const lanes = [
    { id: 'sa', from: 's', to: 'a', mode: 'road', transitDays: 1 },
    { id: 'sb', from: 's', to: 'b', mode: 'road', transitDays: 2 },
    { id: 'ab', from: 'a', to: 'b', mode: 'road', transitDays: 1 },
    { id: 'at', from: 'a', to: 't', mode: 'road', transitDays: 1 },
    { id: 'bt', from: 'b', to: 't', mode: 'road', transitDays: 2 },
  ];
  const scenario = scenarioOf(
    envelope('bridge', {
      sites: ['s', 'a', 'b', 't'].map((id) => ({ id, kind: 'warehouse' })),
      lanes,
      flows: [flow('s', 't')],
      threats: [outage('out', undefined, lambda, d)],
    }),
  );
  const R = (q: number) => 2 * q ** 2 + q ** 3 - 3 * q ** 4 + q ** 5;

  it('R(q), the closed form used below: the directed bridge polynomial matches enumeration of the 2⁵ lane states', () => {
    // brute force: up-sets of the five lanes (bit i = lane i up) that connect s to t
    const connected = (up: number) => {
      const [sa, sb, ab, at, bt] = [0, 1, 2, 3, 4].map((i) => (up >> i) & 1);
      return (sa && at) || (sb && bt) || (sa && ab && bt);
    };
    for (const q of [0, 0.1, 0.37, 0.5, 0.8, 1]) {
      let r = 0;
      for (let up = 0; up < 32; up++) {
        let w = 1;
        for (let i = 0; i < 5; i++) w *= (up >> i) & 1 ? q : 1 - q;
        if (connected(up)) r += w;
      }
      expect(R(q)).toBeCloseTo(r, 12);
    }
  });

  it('simulateScenario: interrupted days = ∫U(p(t))dt, rerouted days = ∫(1 − q² − U)dt', async () => {
    const n = 20_000;
    const seed = 3;
    const res = await simulateScenario(scenario, { trials: n, seed, treatments: 'none' });
    expect(res.risks).toHaveLength(5);
    const f = res.flows[0]!;
    const p = pDown(lambda, d, H);
    const cutClosed = integrate((t) => 1 - R(1 - p(t)), H, [d]); // U(p) = 1 − R(1 − p)
    // primary route s→a→t is up with probability q²; rerouted = not primary, but connected
    const rerClosed = integrate((t) => R(1 - p(t)) - (1 - p(t)) ** 2, H, [d]);
    // SE: the per-trial sd estimated on the first 5000 trials (one-trial batches), over √n
    const { cut, rerouted } = perTrialFlowDays(compilePlan(scenario, seed).plan, 5000);
    const seCut = moments(cut).sd / Math.sqrt(n);
    const seRer = moments(rerouted).sd / Math.sqrt(n);
    expectWithinSe(f.interruptionDaysMean, cutClosed, seCut, 4, 'interruptionDaysMean');
    expectWithinSe(f.reroutedDaysMean, rerClosed, seRer, 4, 'reroutedDaysMean');
    // interruption cost is shared among the active outages; the risks' shares add up to the total
    const sumRisks = res.risks.reduce((s, r) => s + r.interruptionEal, 0);
    expect(sumRisks).toBeCloseTo(res.baseline.interruptionEal, 1);
  });
});

describe('simulateScenario: buffer days', () => {
  // single lane, outages of d = 10 days at λ = 0.5 per year, bufferDays b = 3. Ignoring overlaps, each
  // outage starting at s costs c·max(0, min(d, H − s) − b), so by Campbell's formula
  // E[cost] = c·λ·(1/H)∫_0^H max(0, min(d, H − s) − b) ds = c·λ/H·[(H − d)(d − b) + (d − b)²/2].
  // Overlaps (two outages within d of each other, rate ≈ (λ²/2)·(2d/H) ≈ 0.7 % of trials) change a
  // trial's cost by at most ±7c days, on average by ≈ −2c: a bias ≈ −0.014c, below 1 SE here.
  const lambda = 0.5;
  const d = 10;
  const b = 3;
  const scenario = scenarioOf(
    envelope('buffer', {
      sites: [
        { id: 'A', kind: 'supplier' },
        { id: 'B', kind: 'customer' },
      ],
      lanes: [{ id: 'ab', from: 'A', to: 'B', mode: 'road', transitDays: 1 }],
      flows: [flow('A', 'B', b)],
      threats: [outage('outage', ['ab'], lambda, d)],
    }),
  );

  it('simulateScenario: cost with a buffer = c·λ/H·[(H − d)(d − b) + (d − b)²/2]', async () => {
    const n = 100_000;
    const res = await simulateScenario(scenario, { trials: n, seed: 21, treatments: 'none' });
    const closed = ((C * lambda) / H) * ((H - d) * (d - b) + ((d - b) ** 2) / 2);
    const numeric = (C * lambda * integrate((s) => Math.max(0, Math.min(d, H - s) - b), H, [H - d, H - b])) / H;
    expect(numeric).toBeCloseTo(closed, 4);
    expectWithinSe(res.baseline.eal, closed, res.baseline.se, 4, 'eal with buffer');
    // the buffer does not shorten the interruption itself: days still follow ∫(1 − e^{−λ min(t,d)/H})dt
    const q = 1 - Math.exp((-lambda * d) / H);
    const days = d - (H / lambda) * q + (H - d) * q;
    // SE of days: a trial's days ≤ Σ outage lengths, Var ≤ E[(dN)²] = d²(λ + λ²)
    expectWithinSe(res.flows[0]!.interruptionDaysMean, days, Math.sqrt((d * d * (lambda + lambda * lambda)) / n), 4, 'days');
    // every outage is cut for ≤ d days, so the billed part per event is ≤ d − b; the cost is below c·(d − b)·E[N]
    expect(res.baseline.eal).toBeLessThan(C * (d - b) * lambda * 1.05);
  });
});
