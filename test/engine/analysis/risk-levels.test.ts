// ISO 28000 risk levels that do not change with the seed (engine/analysis/register.ts): the
// likelihood band is read from P(≥ 1 event) = 1 − e^(−λ) with λ the exact effective rate of the plan,
// never from the simulated share of trials with an event; the impact band from the simulated mean
// loss per event, whose 95 % interval (ratio estimator over trials) flags a risk `borderline` when it
// straddles a band edge. Across seeds, a risk that is not flagged keeps its level.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { impactInterval } from '../../../engine/analysis/register.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

const SHIPPED = ['eu-electronics-inbound', 'pharma-cold-chain-air', 'us-mexico-crossborder-road'];

function oneSite(threat: Record<string, unknown>) {
  return scenarioOf(envelope('one site', { sites: [{ id: 'dc', kind: 'dc', value: 1e6 }], threats: [{ id: 't', category: 'disruption', appliesTo: { kind: 'site' }, ...threat }] }));
}

describe('riskRegister: levels that do not change with the seed', () => {
  it('riskRegister: a risk at λ = 0.01 (P = 0.995 %) is rare at every seed: likelihood from the rate, the simulated P(≥1) only beside it', async () => {
    const scenario = oneSite({ frequency: { perYear: 0.01 }, loss: { amount: { fixed: 2e6 } } });
    const seen = new Set<string>();
    let simulatedAbove = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const r = await simulateScenario(scenario, { trials: 20_000, seed, treatments: 'none' });
      const k = r.risks[0]!;
      expect(k.pEventExpected).toBeCloseTo(1 - Math.exp(-0.01), 15);
      expect(k.likelihood).toBe(1);
      expect(k.borderline).toBe(false); // a fixed loss: a zero-width impact interval inside band 4
      if (k.pEvent >= 0.01) simulatedAbove++;
      seen.add(`${k.likelihood}×${k.impact} ${k.level}`);
    }
    expect([...seen]).toEqual(['1×4 low']);
    expect(simulatedAbove).toBeGreaterThan(0); // the simulated share does cross 1 % at some seeds
  });

  it('riskRegister: every shipped scenario, seeds 1–10: a risk not flagged borderline keeps its level', async () => {
    const changes: string[] = [];
    let borderline = 0;
    for (const name of SHIPPED) {
      const scenario = scenarioOf(JSON.parse(readFileSync(new URL(`../../../scenarios/${name}.json`, import.meta.url), 'utf8')));
      const levels = new Map<string, Array<{ seed: number; level: string; borderline: boolean }>>();
      for (let seed = 1; seed <= 10; seed++) {
        const r = await simulateScenario(scenario, { trials: 20_000, seed, treatments: 'none' });
        for (const k of r.risks) {
          const list = levels.get(k.id) ?? [];
          list.push({ seed, level: k.level, borderline: k.borderline });
          levels.set(k.id, list);
          if (k.borderline) borderline++;
        }
      }
      for (const [id, list] of levels) {
        const steady = new Set(list.filter((x) => !x.borderline).map((x) => x.level));
        if (steady.size > 1) changes.push(`${name}: ${id}: ${list.map((x) => `seed ${x.seed} ${x.level}${x.borderline ? '~' : ''}`).join(', ')}`);
      }
    }
    expect(changes).toEqual([]);
    expect(borderline).toBeGreaterThan(0); // the flag is in use
  });

  it('riskRegister: a mean loss per event at an impact band edge is borderline; one far from the edges is not', async () => {
    // uniform on [5 000, 15 000]: the mean, 10 000, is the edge between impact bands 1 and 2
    const edge = await simulateScenario(oneSite({ frequency: { perYear: 2 }, loss: { amount: { uniform: [5000, 15000] } } }), { trials: 4096, seed: 1 });
    const k = edge.risks[0]!;
    expect(k.impactCi95![0]).toBeLessThan(10_000);
    expect(k.impactCi95![1]).toBeGreaterThan(10_000);
    expect(k.borderline).toBe(true);
    const far = await simulateScenario(oneSite({ frequency: { perYear: 2 }, loss: { amount: { uniform: [40_000, 60_000] } } }), { trials: 4096, seed: 1 });
    expect(far.risks[0]!.borderline).toBe(false);
    // too few events to tell: borderline, with no interval
    const rare = await simulateScenario(oneSite({ frequency: { perYear: 1e-6 }, loss: { amount: { fixed: 5e4 } } }), { trials: 2048, seed: 1 });
    expect(rare.risks[0]!.impactCi95).toBeNull();
    expect(rare.risks[0]!.borderline).toBe(true);
  });

  it('riskRegister: an interval across a band edge that leaves the level as it is (5×2 and 5×3 are both high) is not borderline', async () => {
    // uniform on [50 000, 150 000] at λ = 2: the mean sits on the 100 000 edge between impact bands 2 and 3
    const r = await simulateScenario(oneSite({ frequency: { perYear: 2 }, loss: { amount: { uniform: [50_000, 150_000] } } }), { trials: 4096, seed: 1 });
    const k = r.risks[0]!;
    expect(k.impactCi95![0]).toBeLessThan(100_000);
    expect(k.impactCi95![1]).toBeGreaterThan(100_000);
    expect(k.level).toBe('high');
    expect(k.borderline).toBe(false);
  });

  it('riskRegister: small losses keep their spread: with an impact band edge at 30, a mean loss of 30 is borderline', async () => {
    const scenario = scenarioOf(
      envelope('small amounts', {
        criteria: { impactBands: [30, 1e5, 1e6, 1e7] },
        sites: [{ id: 'dc', kind: 'dc' }],
        threats: [{ id: 't', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 2 }, loss: { amount: { uniform: [10, 50] } } }],
      }),
    );
    const k = (await simulateScenario(scenario, { trials: 4096, seed: 1 })).risks[0]!;
    // the closed form of the width: 2 × 1.96 × σ/√(nλ) with σ = 40/√12, n = 4 096 trials, λ = 2 (0.50)
    const width = (2 * 1.959963984540054 * (40 / Math.sqrt(12))) / Math.sqrt(4096 * 2);
    expect(Math.abs(k.impactCi95![1] - k.impactCi95![0] - width)).toBeLessThan(0.15 * width);
    expect(k.impactCi95![0]).toBeLessThan(30);
    expect(k.impactCi95![1]).toBeGreaterThan(30);
    expect(k.borderline).toBe(true);
  });

  it('impactInterval: the ratio estimator ΣL/ΣN with standard error √(n·Σ(L − mN)²/(n − 1))/ΣN', () => {
    // trials: (N, L) = (0, 0), (1, 10), (2, 30), (1, 20)
    const N = [0, 1, 2, 1];
    const L = [0, 10, 30, 20];
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const m = sum(L) / sum(N); // 15
    const resid = sum(L.map((l, i) => (l - m * N[i]!) ** 2)); // 0 + 25 + 0 + 25
    const se = Math.sqrt((4 * resid) / 3) / sum(N);
    const ci = impactInterval(4, 3, sum(N), sum(L), sum(L.map((l) => l * l)), sum(L.map((l, i) => l * N[i]!)), sum(N.map((x) => x * x)))!;
    expect(ci[0]).toBeCloseTo(m - 1.959963984540054 * se, 12);
    expect(ci[1]).toBeCloseTo(m + 1.959963984540054 * se, 12);
    expect(impactInterval(4, 1, 1, 10, 100, 10, 1)).toBeNull();
  });
});
