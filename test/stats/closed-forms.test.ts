// Direct losses against closed forms: a risk's events are a Poisson process of rate λ per
// horizon and each event's loss is an independent draw, so a trial's loss is compound Poisson:
// E = λ·E[X], Var = λ·E[X²], P(≥ 1 event) = 1 − e^−λ. Every tolerance is 4 standard errors.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { type Results } from '../../engine/results/schema.js';
import { Z90 } from '../../engine/sampling/lognormal.js';
import { envelope, expectWithinSe, scenarioOf } from '../support/engine-helpers.js';

const Z = 1.959963984540054;

function riskRow(res: Results, id: string) {
  const row = res.risks.find((r) => r.id === id);
  if (!row) expect.fail(`no risk ${id} in ${res.risks.map((r) => r.id).join(', ')}`);
  return row;
}

// PERT(0.05, 0.2, 0.6) with γ = 4: mean (min + 4·mode + max)/6, variance (mean − min)(max − mean)/7.
const PERT: [number, number, number] = [0.05, 0.2, 0.6];
const pertMean = (PERT[0] + 4 * PERT[1] + PERT[2]) / 6;
const pertVar = ((pertMean - PERT[0]) * (PERT[2] - pertMean)) / 7;

describe('simulateScenario: compound Poisson closed forms', () => {
  it('simulateScenario: lognormal amounts give EAL = λ·exp(μ + σ²/2), P(≥1 event) = 1 − e^−λ, frequency = λ', async () => {
    const lambda = 0.8;
    const median = 50_000;
    const p90 = 200_000;
    const scenario = scenarioOf(
      envelope('lognormal closed form', {
        sites: [{ id: 'wh', kind: 'warehouse', value: 1e6 }],
        threats: [
          {
            id: 'theft',
            category: 'theft',
            appliesTo: { kind: 'site' },
            frequency: { perYear: lambda },
            loss: { amount: { lognormal: { median, p90 } } },
          },
        ],
      }),
    );
    const n = 100_000;
    const res = await simulateScenario(scenario, { trials: n, seed: 11, treatments: 'none' });
    const mu = Math.log(median);
    const sigma = Math.log(p90 / median) / 1.2815515655446004;
    expect(Z90).toBe(1.2815515655446004);
    // E[X] = exp(μ + σ²/2); E[X²] = exp(2μ + 2σ²)
    const ex = Math.exp(mu + (sigma * sigma) / 2);
    const ex2 = Math.exp(2 * mu + 2 * sigma * sigma);
    const eal = lambda * ex; // EAL = λ·E[X]
    const se = Math.sqrt((lambda * ex2) / n); // SE = √(λ·E[X²]/n)
    expectWithinSe(res.baseline.eal, eal, se, 4, 'baseline.eal');
    const risk = riskRow(res, 'theft@wh');
    expectWithinSe(risk.eal, eal, se, 4, 'risk.eal');
    // sd of a trial's loss: √(λ·E[X²]); its SE ≈ √((μ4 − σ⁴)/(4σ²n)) is huge for a lognormal tail,
    // so only a loose 15 % check here.
    expect(Math.abs(res.baseline.sd / Math.sqrt(lambda * ex2) - 1)).toBeLessThan(0.15);

    const pAny = 1 - Math.exp(-lambda); // P(N ≥ 1) = 1 − e^−λ; every lognormal loss is > 0
    const seP = Math.sqrt((pAny * (1 - pAny)) / n);
    expectWithinSe(res.baseline.pAnyLoss, pAny, seP, 4, 'baseline.pAnyLoss');
    expectWithinSe(risk.pEvent, pAny, seP, 4, 'risk.pEvent');
    expect(risk.pEvent).toBe(res.baseline.pAnyLoss);
    expect(risk.frequency).toBe(lambda); // effective λ = base × H/365 × 1 × 1 = 0.8 exactly
    // events per trial: eal / meanLossPerEvent = events / n ≈ λ, SE √(λ/n)
    expectWithinSe(risk.eal / risk.meanLossPerEvent, lambda, Math.sqrt(lambda / n), 4, 'events per trial');
  });

  it('simulateScenario: fraction-of-value PERT losses give EAL = λ·value·(min + 4·mode + max)/6', async () => {
    const lambda = 1.5;
    const value = 2e6;
    const scenario = scenarioOf(
      envelope('pert fraction closed form', {
        sites: [{ id: 'wh', kind: 'warehouse', value }],
        threats: [
          { id: 'theft', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: lambda }, loss: { fraction: { pert: PERT } } },
        ],
      }),
    );
    const n = 100_000;
    const res = await simulateScenario(scenario, { trials: n, seed: 12, treatments: 'none' });
    const eal = lambda * value * pertMean; // EAL = λ·value·E[F]
    const ex2 = value * value * (pertVar + pertMean * pertMean); // E[X²] = value²·(Var F + E[F]²)
    const se = Math.sqrt((lambda * ex2) / n);
    expectWithinSe(res.baseline.eal, eal, se, 4, 'baseline.eal');
    const risk = riskRow(res, 'theft@wh');
    expectWithinSe(risk.eal, eal, se, 4, 'risk.eal');
    expect(risk.frequency).toBe(lambda);
    // mean loss per event = value·E[F]; SE = value·sd(F)/√(#events), #events ≈ λn
    expectWithinSe(risk.meanLossPerEvent, value * pertMean, (value * Math.sqrt(pertVar)) / Math.sqrt(lambda * n), 4, 'meanLossPerEvent');
    // every loss is ≥ 0.05·value > 0, so P(loss > 0) = P(N ≥ 1) = 1 − e^−λ
    const pAny = 1 - Math.exp(-lambda);
    expectWithinSe(res.baseline.pAnyLoss, pAny, Math.sqrt((pAny * (1 - pAny)) / n), 4, 'pAnyLoss');
    // no losses outside [0.05, 0.6]·value per event: the smallest positive trial loss is ≥ 0.05·value
    expect(res.exceedance[1]!.loss).toBeGreaterThanOrEqual(0.05 * value);
  });
});

describe('simulateScenario: treatments with common random numbers', () => {
  const lambdaA = 1.5;
  const valueA = 2e6;
  const halfTheft = {
    id: 'half-theft',
    name: 'Halves theft frequency',
    element: 'facility',
    appliesTo: 'site',
    effects: { theft: { frequencyFactor: 0.5 } },
    reliability: 1,
  };
  const raw = (siteAControls?: string[]) =>
    envelope('treatment closed form', {
      sites: [
        { id: 'A', kind: 'warehouse', value: valueA, ...(siteAControls ? { controls: siteAControls } : {}) },
        { id: 'B', kind: 'warehouse', value: 1e6 },
        { id: 'C', kind: 'dc', value: 5e5 },
      ],
      threats: [
        { id: 'theft-a', category: 'theft', appliesTo: { kind: 'site', ids: ['A'] }, frequency: { perYear: lambdaA }, loss: { fraction: { pert: PERT } } },
        { id: 'theft-b', category: 'theft', appliesTo: { kind: 'site', ids: ['B'] }, frequency: { perYear: 1 }, loss: { fraction: { uniform: [0.1, 0.3] } } },
        {
          id: 'intrusion-c',
          category: 'intrusion',
          appliesTo: { kind: 'site', ids: ['C'] },
          frequency: { perYear: 0.5 },
          loss: { amount: { lognormal: { median: 1e6, p90: 3e6 } } },
        },
        { id: 'breach-b', category: 'breach', appliesTo: { kind: 'site', ids: ['B'] }, frequency: { perYear: 0.3 }, loss: { amount: { fixed: 5e5 } } },
      ],
      controls: [halfTheft],
      treatments: [
        { id: 'guard-a', name: 'Halve theft at A', changes: [{ addControls: ['half-theft'], to: { kind: 'site', ids: ['A'] } }] },
        { id: 'noop', name: 'Control on no site', changes: [{ addControls: ['half-theft'], to: { kind: 'site', tags: ['no-such-tag'] } }] },
      ],
    });
  const n = 100_000;
  const seed = 2024;
  const exA = valueA * pertMean; // mean loss per event of theft-a
  const ex2A = valueA * valueA * (pertVar + pertMean * pertMean);

  it('simulateScenario: a frequencyFactor 0.5 control halves its risk, and the paired delta is exact and narrow', async () => {
    const res = await simulateScenario(scenarioOf(raw()), { trials: n, seed });
    const guard = res.treatments.find((t) => t.id === 'guard-a')!;
    // true reduction: λ/2 · E[X] (half of theft-a's events are removed; no other risk changes)
    const truth = (lambdaA / 2) * exA;
    const [lo, hi] = guard.delta.ealCi95;
    expect(lo).toBeLessThanOrEqual(truth);
    expect(hi).toBeGreaterThanOrEqual(truth);
    const sePaired = (hi - lo) / (2 * Z);
    // paired difference per trial = loss of the removed events: compound Poisson of rate λ/2, Var = (λ/2)·E[X²]
    expect(Math.abs(sePaired / Math.sqrt((lambdaA / 2) * ex2A / n) - 1)).toBeLessThan(0.05);
    expectWithinSe(guard.delta.eal, truth, sePaired, 4, 'delta.eal');
    // the unpaired interval ignores the shared randomness: 2·1.96·√(se_base² + se_treated²)
    const unpairedWidth = 2 * Z * Math.sqrt(res.baseline.se ** 2 + guard.summary.se ** 2);
    expect((hi - lo) * 3).toBeLessThan(unpairedWidth);
    expect(guard.annualCost).toBe(0);
    expect(guard.delta.eal).toBeCloseTo(res.baseline.eal - guard.summary.eal, 6);

    // The treated scenario simulated directly: theft-a has λ' = λ·(1 − 1·(1 − 0.5)) = 0.75 exactly and
    // EAL = λ'·E[X]; the others are untouched bit for bit (their streams do not depend on theft-a).
    const direct = await simulateScenario(scenarioOf(raw(['half-theft'])), { trials: n, seed, treatments: 'none' });
    const treatedA = riskRow(direct, 'theft-a@A');
    expect(treatedA.frequency).toBe(0.75);
    expect(treatedA.controls).toEqual(['half-theft']);
    expectWithinSe(treatedA.eal, (lambdaA / 2) * exA, Math.sqrt(((lambdaA / 2) * ex2A) / n), 4, 'treated theft-a eal');
    expectWithinSe(riskRow(res, 'theft-a@A').eal, lambdaA * exA, Math.sqrt((lambdaA * ex2A) / n), 4, 'baseline theft-a eal');
    for (const id of ['theft-b@B', 'intrusion-c@C', 'breach-b@B']) expect(riskRow(direct, id).eal).toBe(riskRow(res, id).eal);
    expect(direct.baseline).toEqual(guard.summary);
    // CRN: the treated trial losses never exceed the baseline's (events are only removed)
    expect(guard.summary.max).toBeLessThanOrEqual(res.baseline.max);
  });

  it('simulateScenario: a treatment that changes nothing has delta.eal 0 and ealCi95 [0, 0] exactly', async () => {
    const res = await simulateScenario(scenarioOf(raw()), { trials: 20_000, seed, treatments: ['noop'] });
    const noop = res.treatments[0]!;
    expect(noop.id).toBe('noop');
    expect(noop.delta.eal).toBe(0);
    expect(noop.delta.ealCi95).toEqual([0, 0]);
    expect(noop.delta.var95).toBe(0);
    expect(noop.delta.cvar95).toBe(0);
    expect(noop.summary).toEqual(res.baseline);
    expect(noop.annualCost).toBe(0);
  });
});
