// Appetite checks (engine/analysis/appetite.ts): each limit against its estimate's 95 % interval —
// `breached` when the whole interval is beyond the limit, `within` when it is all inside, `uncertain`
// when it straddles the limit; the overall status is the worst of the checks.
import { describe, expect, it } from 'vitest';
import { statusOf } from '../../../engine/analysis/appetite.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

function scenario(appetite: Record<string, unknown>, loss: Record<string, unknown> = { amount: { lognormal: { median: 2e5, p90: 8e5 } } }) {
  return scenarioOf(
    envelope('appetite', {
      appetite,
      sites: [{ id: 'dc', kind: 'dc', value: 1e6 }],
      threats: [{ id: 'theft', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 2 }, loss }],
    }),
  );
}

describe('appetiteOf: breached, within or uncertain', () => {
  it('statusOf: the interval against the limit', () => {
    expect(statusOf([10, 20], 5)).toBe('breached');
    expect(statusOf([10, 20], 15)).toBe('uncertain');
    expect(statusOf([10, 20], 25)).toBe('within');
  });

  it('appetiteOf: maxEal and maxCvar95 at, far above and far below the estimate', async () => {
    const probe = await simulateScenario(scenario({}), { trials: 4096, seed: 2 });
    const eal = probe.baseline.eal;
    const cvar95 = probe.baseline.cvar95;
    const at = await simulateScenario(scenario({ maxEal: eal, maxCvar95: cvar95 }), { trials: 4096, seed: 2 });
    expect(at.appetite.checks.map((c) => [c.limit, c.status])).toEqual([
      ['maxEal', 'uncertain'],
      ['maxCvar95', 'uncertain'],
    ]);
    expect(at.appetite.status).toBe('uncertain');
    expect(at.appetite.withinAppetite).toBe(false);
    expect(at.appetite.breaches).toEqual([]);
    expect(at.appetite.uncertain).toHaveLength(2);
    expect(at.appetite.checks[0]!.ci95).toEqual(at.baseline.ci95);
    expect(at.appetite.checks[1]!.ci95).toEqual(at.baseline.cvar95Ci95);
    const within = await simulateScenario(scenario({ maxEal: 2 * eal, maxCvar95: 2 * cvar95 }), { trials: 4096, seed: 2 });
    expect(within.appetite.status).toBe('within');
    expect(within.appetite.withinAppetite).toBe(true);
    const breached = await simulateScenario(scenario({ maxEal: eal / 2, maxCvar95: 2 * cvar95 }), { trials: 4096, seed: 2 });
    expect(breached.appetite.status).toBe('breached');
    expect(breached.appetite.breaches).toHaveLength(1);
    // sentences use the scenario's money format, never raw numbers
    expect(breached.appetite.breaches[0]).toMatch(/^expected annual loss €[\d.]+K \(95 %: €[\d.]+K to €[\d.]+K\) above maxEal €[\d.]+K$/);
  });

  it('appetiteOf: maxLevel is uncertain when only borderline risks may be above it, breached when a steady one is', async () => {
    // mean loss per event at the 10 000 edge between impact bands 1 and 2: level 5×1 = 5 (medium) or 5×2 = 10 (high)
    const edge = await simulateScenario(scenario({ maxLevel: 'medium' }, { amount: { uniform: [5000, 15000] } }), { trials: 4096, seed: 1 });
    expect(edge.risks[0]!.borderline).toBe(true);
    expect(edge.appetite.checks[0]).toMatchObject({ limit: 'maxLevel', status: 'uncertain' });
    // borderline between high (5×3) and critical (5×4), yet above medium either way: breached, not uncertain
    const above = await simulateScenario(scenario({ maxLevel: 'medium' }, { amount: { uniform: [5e5, 1.5e6] } }), { trials: 4096, seed: 1 });
    expect(above.risks[0]!.borderline).toBe(true);
    expect(above.appetite.checks[0]).toMatchObject({ limit: 'maxLevel', status: 'breached', value: 1, ci95: [1, 1] });
    const steady = await simulateScenario(scenario({ maxLevel: 'medium' }, { amount: { fixed: 5e4 } }), { trials: 4096, seed: 1 });
    expect(steady.risks[0]!.level).toBe('high');
    expect(steady.appetite.checks[0]).toMatchObject({ limit: 'maxLevel', status: 'breached', value: 1 });
  });
});
