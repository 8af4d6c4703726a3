// Runs a whole analysis in one call: `simulate` (the baseline and each treatment over the same fixed
// trial ranges: common random numbers), then `analyse` (the results). The ranges are the unit of
// work: `runRange` may run them in-process or in worker threads, a shard may run a contiguous share of
// them, and any split gives the same bytes.
import type { Scenario } from '../model/schema.js';
import type { RunOptions } from '../run/run-options.js';
import type { Results } from '../results/schema.js';
import { analyse, simulate } from './simulation.js';

/** Runs the scenario: baseline and the selected treatments, with common random numbers; its results. */
export async function simulateScenario(scenario: Scenario, opts: RunOptions): Promise<Results> {
  return analyse(await simulate(scenario, opts));
}
