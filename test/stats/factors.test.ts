// The frequency, severity and downtime modifiers against closed forms:
// λ = base × horizonDays/365 × regionFactor × carrier factor × Π (1 − reliability·(1 − frequencyFactor)),
// severity and downtime controls acting per event with probability `reliability`, perShipment
// rates and the shipment drawn in proportion to the flows' shipments.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { envelope, expectWithinSe, integrate, moments, perTrialFlowDays, scenarioOf } from '../support/engine-helpers.js';

describe('simulateScenario: frequency factors', () => {
  const scenario = scenarioOf(
    envelope('frequency factors', {
      horizonDays: 730,
      sites: [
        { id: 'P', kind: 'port', region: 'NL', controls: ['half-08', 'by-id'] },
        { id: 'Q', kind: 'warehouse', region: 'DE' },
      ],
      carriers: [{ id: 'k', riskFactor: 1.5, disruptionFactor: 0.5 }],
      lanes: [
        { id: 'PQ', from: 'P', to: 'Q', mode: 'road', carrier: 'k', transitDays: 1 },
        { id: 'QP', from: 'Q', to: 'P', mode: 'road', transitDays: 1 },
      ],
      threats: [
        { id: 'theft-p', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 0.6 }, regionFactors: { NL: 2 }, loss: { amount: { fixed: 1000 } } },
        { id: 'lane-theft', category: 'theft', appliesTo: { kind: 'lane' }, frequency: { perYear: 0.2 }, regionFactors: { DE: 3 }, loss: { amount: { fixed: 10 } } },
        { id: 'lane-dis', category: 'disruption', appliesTo: { kind: 'lane' }, frequency: { perYear: 0.4 }, downtimeDays: { fixed: 1 } },
      ],
      controls: [
        { id: 'half-08', name: 'Halves theft, 80 % reliable', element: 'facility', appliesTo: 'site', effects: { theft: { frequencyFactor: 0.5 } }, reliability: 0.8 },
        // keyed by threat id and by category: the id wins (0.7, not 0.1)
        { id: 'by-id', name: 'By id', element: 'facility', appliesTo: 'site', effects: { 'theft-p': { frequencyFactor: 0.7 }, theft: { frequencyFactor: 0.1 } } },
      ],
    }),
  );
  const n = 50_000;

  it('simulateScenario: frequency = base × H/365 × region × carrier × Π(1 − rel·(1 − ff))', async () => {
    const res = await simulateScenario(scenario, { trials: n, seed: 31, treatments: 'none' });
    const freq = (id: string) => res.risks.find((r) => r.id === id)!.frequency;
    const years = 730 / 365;
    // site P (NL): 0.6 × 2 × 2 × (1 − 0.8·0.5) × (1 − 1·0.3)
    expect(freq('theft-p@P')).toBeCloseTo(0.6 * years * 2 * (1 - 0.8 * 0.5) * (1 - 0.3), 12);
    // site Q (DE, no factor for DE): 0.6 × 2
    expect(freq('theft-p@Q')).toBeCloseTo(0.6 * years, 12);
    // lane PQ takes region NL from its origin (no factor) and carrier k's riskFactor 1.5
    expect(freq('lane-theft@PQ')).toBeCloseTo(0.2 * years * 1.5, 12);
    // lane QP: region DE from Q (factor 3), no carrier
    expect(freq('lane-theft@QP')).toBeCloseTo(0.2 * years * 3, 12);
    // disruptions use the carrier's disruptionFactor 0.5
    expect(freq('lane-dis@PQ')).toBeCloseTo(0.4 * years * 0.5, 12);
    expect(freq('lane-dis@QP')).toBeCloseTo(0.4 * years, 12);
    expect(res.risks.find((r) => r.id === 'theft-p@P')!.controls.sort()).toEqual(['by-id', 'half-08']);

    // Monte Carlo: the thinned process at P is Poisson(λ_P): P(≥1) = 1 − e^−λ_P, EAL = 1000·λ_P
    const lp = freq('theft-p@P');
    const row = res.risks.find((r) => r.id === 'theft-p@P')!;
    const p = 1 - Math.exp(-lp);
    expectWithinSe(row.pEvent, p, Math.sqrt((p * (1 - p)) / n), 4, 'pEvent at P');
    expectWithinSe(row.eal, 1000 * lp, 1000 * Math.sqrt(lp / n), 4, 'eal at P'); // Var = 1000²·λ
    const lq = freq('theft-p@Q');
    expectWithinSe(res.risks.find((r) => r.id === 'theft-p@Q')!.eal, 1000 * lq, 1000 * Math.sqrt(lq / n), 4, 'eal at Q');
  });
});

describe('simulateScenario: severity and downtime controls', () => {
  it('simulateScenario: a severity control (factor s, reliability r) gives E[loss per event] = x·(1 − r·(1 − s))', async () => {
    const [x, s, r, lambda] = [1000, 0.4, 0.75, 2];
    const scenario = scenarioOf(
      envelope('severity', {
        sites: [{ id: 'S', kind: 'warehouse', controls: ['sev'] }],
        threats: [{ id: 'intr', category: 'intrusion', appliesTo: { kind: 'site' }, frequency: { perYear: lambda }, loss: { amount: { fixed: x } } }],
        controls: [{ id: 'sev', name: 'Severity', element: 'facility', appliesTo: 'site', effects: { intrusion: { severityFactor: s } }, reliability: r }],
      }),
    );
    const n = 50_000;
    const res = await simulateScenario(scenario, { trials: n, seed: 32, treatments: 'none' });
    const row = res.risks[0]!;
    expect(row.frequency).toBe(lambda); // severity controls do not thin
    const m = x * (1 - r * (1 - s)); // per event: x·s with probability r, else x
    const sdEvent = x * (1 - s) * Math.sqrt(r * (1 - r));
    expectWithinSe(row.meanLossPerEvent, m, sdEvent / Math.sqrt(lambda * n), 4, 'meanLossPerEvent');
    // EAL = λ·m, Var = λ·E[X²] = λ·(r·(xs)² + (1 − r)·x²)
    expectWithinSe(row.eal, lambda * m, Math.sqrt((lambda * (r * (x * s) ** 2 + (1 - r) * x * x)) / n), 4, 'eal');
  });

  it('simulateScenario: a downtime control (factor ½, reliability ½) splits outages into two Poisson streams of d and d/2', async () => {
    // each outage lasts d w.p. ½ and d/2 w.p. ½, independently: two independent Poisson processes of
    // rate λ/2, so P(up at t) = exp(−(λ/2H)·min(t, d)) · exp(−(λ/2H)·min(t, d/2)).
    const [lambda, d, H] = [4, 20, 365];
    const scenario = scenarioOf(
      envelope('downtime', {
        sites: [
          { id: 'A', kind: 'supplier' },
          { id: 'B', kind: 'customer' },
        ],
        lanes: [{ id: 'ab', from: 'A', to: 'B', mode: 'road', transitDays: 1, controls: ['half-down'] }],
        flows: [{ id: 'f', from: 'A', to: 'B', valuePerYear: 3.65e6, shipmentsPerYear: 52 }],
        threats: [{ id: 'out', category: 'disruption', appliesTo: { kind: 'lane' }, frequency: { perYear: lambda }, downtimeDays: { fixed: d } }],
        controls: [{ id: 'half-down', name: 'Half downtime', element: 'emergency', appliesTo: 'lane', effects: { disruption: { downtimeFactor: 0.5 } }, reliability: 0.5 }],
      }),
    );
    const n = 20_000;
    const seed = 33;
    const res = await simulateScenario(scenario, { trials: n, seed, treatments: 'none' });
    const closed = integrate((t) => 1 - Math.exp((-lambda / (2 * H)) * (Math.min(t, d) + Math.min(t, d / 2))), H, [d / 2, d]);
    const { cut } = perTrialFlowDays(compilePlan(scenario, seed).plan, n);
    const m = moments(cut);
    expect(m.mean).toBeCloseTo(res.flows[0]!.interruptionDaysMean, 6);
    expectWithinSe(res.flows[0]!.interruptionDaysMean, closed, m.se, 4, 'interruptionDaysMean with downtime control');
    // the default interruption cost per day is valuePerYear / 365 = 10 000
    expect(res.baseline.eal).toBeCloseTo(10_000 * res.flows[0]!.interruptionDaysMean, 2);
  });
});

describe('simulateScenario: perShipment lane risks', () => {
  it('simulateScenario: perShipment rate = p × shipments, and flow f loses p·V_f·E[F] per year', async () => {
    // λ = p·(s1 + s2); an event hits flow f w.p. s_f/S and takes F·V_f/s_f, so flow f's direct EAL is
    // λ·(s_f/S)·(V_f/s_f)·E[F] = p·V_f·E[F], whatever the shipment counts.
    const p = 0.02;
    const flows = [
      { id: 'f1', from: 'A', to: 'B', valuePerYear: 1e6, shipmentsPerYear: 10 },
      { id: 'f2', from: 'A', to: 'B', valuePerYear: 4e6, shipmentsPerYear: 40 },
    ];
    const scenario = scenarioOf(
      envelope('per shipment', {
        sites: [
          { id: 'A', kind: 'supplier' },
          { id: 'B', kind: 'customer' },
        ],
        lanes: [{ id: 'ab', from: 'A', to: 'B', mode: 'road', transitDays: 1 }],
        flows,
        threats: [{ id: 'theft', category: 'theft', appliesTo: { kind: 'lane' }, frequency: { perShipment: p }, loss: { fraction: { uniform: [0.1, 0.5] } } }],
      }),
    );
    const n = 50_000;
    const res = await simulateScenario(scenario, { trials: n, seed: 34, treatments: 'none' });
    const S = 50;
    expect(res.risks[0]!.frequency).toBeCloseTo(p * S, 12);
    const eF = 0.3;
    const eF2 = 0.4 ** 2 / 12 + eF * eF; // Uniform(0.1, 0.5): Var = 0.4²/12
    for (const [i, f] of flows.entries()) {
      const rate = p * S * (f.shipmentsPerYear / S);
      const perShipment = f.valuePerYear / f.shipmentsPerYear;
      const se = Math.sqrt((rate * perShipment ** 2 * eF2) / n); // compound Poisson Var = rate·E[X²]
      expectWithinSe(res.flows[i]!.eal, p * f.valuePerYear * eF, se, 4, `flow ${f.id} eal`);
    }
    // all the risk's loss is attributed to the two flows
    expect(res.flows[0]!.eal + res.flows[1]!.eal).toBeCloseTo(res.baseline.eal, 2);
  });
});
