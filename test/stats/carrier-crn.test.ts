// A carrier switch is thinning, like a frequency control: lane risks are generated at the rate of the
// scenario's riskiest carrier and kept with probability factor / max, so switching carriers keeps
// the events both carriers share. Closed form: moving a lane with a lognormal theft of rate λ from a
// carrier of riskFactor a to one of riskFactor b < a removes events at rate λ(a − b), so
// delta EAL = λ(a − b)·E[X] and the paired per-trial difference is compound Poisson of that rate:
// Var = λ(a − b)·E[X²]. Without common random numbers the interval would be that of two independent runs.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { envelope, expectWithinSe, scenarioOf } from '../support/engine-helpers.js';

const Z = 1.959963984540054;
const lambda = 2; // events per year at riskFactor 1
const [mu, sigma] = [Math.log(50_000), 0.8];
const ex = Math.exp(mu + (sigma * sigma) / 2);
const ex2 = Math.exp(2 * mu + 2 * sigma * sigma);

const scenario = scenarioOf(
  envelope('carrier switch', {
    sites: [
      { id: 'a', kind: 'factory', value: 1e6 },
      { id: 'b', kind: 'dc', value: 1e6 },
    ],
    carriers: [
      { id: 'spot', modes: ['road'], riskFactor: 1.5 },
      { id: 'tapa', modes: ['road'], riskFactor: 0.6 },
      { id: 'almost-spot', modes: ['road'], riskFactor: 1.47 },
    ],
    lanes: [
      { id: 'ab', from: 'a', to: 'b', mode: 'road', transitDays: 1, carrier: 'spot' },
      { id: 'ab2', from: 'a', to: 'b', mode: 'road', transitDays: 2, carrier: 'spot' },
    ],
    threats: [{ id: 'theft', category: 'theft', appliesTo: { kind: 'lane' }, frequency: { perYear: lambda }, loss: { amount: { lognormal: { mu, sigma } } } }],
    treatments: [
      { id: 'to-tapa', name: 'Lane ab to the TAPA carrier', changes: [{ setCarrier: 'tapa', lanes: ['ab'] }] },
      { id: 'to-almost', name: 'Lane ab to a carrier 2 % safer', changes: [{ setCarrier: 'almost-spot', lanes: ['ab'] }] },
    ],
  }),
);

describe('simulateScenario: carrier switches share random numbers', () => {
  it('setCarrier: delta EAL = λ(a − b)·E[X] within 4 paired standard errors, with the paired interval of a compound Poisson of rate λ(a − b)', async () => {
    const n = 40_000;
    const res = await simulateScenario(scenario, { trials: n, seed: 9 });
    for (const [id, b] of [['to-tapa', 0.6], ['to-almost', 1.47]] as const) {
      const t = res.treatments.find((x) => x.id === id)!;
      const rate = lambda * (1.5 - b);
      const truth = rate * ex;
      const sePaired = (t.delta.ealCi95[1] - t.delta.ealCi95[0]) / (2 * Z);
      expectWithinSe(t.delta.eal, truth, sePaired, 4, `${id} delta.eal`);
      // the paired se matches the closed form √(λ(a − b)·E[X²]/n) (lognormal tails: 15 %)
      expect(Math.abs(sePaired / Math.sqrt((rate * ex2) / n) - 1)).toBeLessThan(0.15);
      // and is far narrower than an unpaired comparison of the two runs
      const unpaired = Math.sqrt(res.baseline.se ** 2 + t.summary.se ** 2);
      expect(sePaired * (id === 'to-almost' ? 5 : 1.3)).toBeLessThan(unpaired);
    }
  });
});
