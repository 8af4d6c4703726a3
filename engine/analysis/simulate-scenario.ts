// Runs a whole analysis: the baseline and each treatment over the same fixed trial ranges (common
// random numbers), then the results. The ranges are the unit of work: `runRange` may run them
// in-process or in worker threads, a shard may run a contiguous share of them, and any split gives
// the same bytes.
import type { Scenario } from '../model/schema.js';
import { runInfo, type RunOptions } from '../run/run-options.js';
import type { Results } from '../results/schema.js';
import { assembleResults } from './analyse.js';
import { simulateAnalysis } from './simulate-analysis.js';

/** Runs the scenario: baseline and the selected treatments, with common random numbers. */
export async function simulateScenario(scenario: Scenario, opts: RunOptions): Promise<Results> {
  const started = Date.now();
  const run = await simulateAnalysis(scenario, opts);
  const wallMs = Date.now() - started;
  return assembleResults(run.base, run.baseCompiled(), run.baseMerged, run.treatments, opts.seed, runInfo(opts.workers ?? 1, wallMs, run.trials * run.units, run.target));
}
