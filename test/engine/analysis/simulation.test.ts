// simulate → analyse, the library's two steps: the same results as simulateScenario (the command
// line's path) to the bit but for the wall-clock time, the command line's defaults, and compare.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../engine/validate/validate.js';
import { analyse, simulate, SIMULATE_DEFAULTS } from '../../../engine/analysis/simulation.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { compareResults } from '../../../engine/analysis/compare.js';
import { DEFAULT_TRIALS } from '../../../engine/cli/run-command.js';

const parsed = parseScenario(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('the default scenario does not validate');
const scenario = parsed.scenario;
/** The results but the clock's part of `run` (wall time and trials per second). */
const withoutClock = <T extends { run: object }>(r: T) => ({ ...r, run: { ...r.run, wallMs: 0, trialsPerSecond: 0 } });

describe('simulate and analyse', () => {
  it('analyse(simulate(s)) equals simulateScenario(s), treatments and all', async () => {
    const opts = { trials: 1024, seed: 7, treatments: 'all' as const };
    const sim = await simulate(scenario, opts);
    expect(sim.trials).toBe(1024);
    expect(sim.workers).toBe(1);
    expect(sim.seed).toBe(7);
    const twoStep = analyse(sim);
    const oneCall = await simulateScenario(scenario, opts);
    expect(JSON.stringify(withoutClock(twoStep)) === JSON.stringify(withoutClock(oneCall))).toBe(true);
    expect(twoStep.treatments.length).toBe(scenario.treatments!.length);
  });

  it('fills in the command line defaults: 20,000 trials, seed 1, every treatment', () => {
    expect(SIMULATE_DEFAULTS).toEqual({ trials: DEFAULT_TRIALS, seed: 1, treatments: 'all' });
  });

  it('compare of a run with itself is no change, and not a matter of noise', async () => {
    const r = analyse(await simulate(scenario, { trials: 512, treatments: 'none' }));
    const c = compareResults(r, r);
    expect(c.ealChange.change).toBe(0);
    expect(c.ealChange.withinNoise).toBe(false);
  });
});
