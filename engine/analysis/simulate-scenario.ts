// Runs a whole analysis: the baseline and each treatment over the same fixed trial ranges (common
// random numbers), then analyse(). The ranges are the unit of work: `runRange` may run them
// in-process or in worker threads, a shard may run a contiguous share of them, and any split gives
// the same bytes.
import type { Scenario } from '../model/schema.js';
import { tailSizeFor } from '../summary/batch-summary.js';
import { trialRanges } from '../run/ranges.js';
import { runInfo, type RunOptions } from '../run/run-options.js';
import { simulateUnits } from '../run/simulate-units.js';
import { prepareUnits } from '../run/units.js';
import type { Results } from '../results/schema.js';
import { analyse } from './analyse.js';

/** Runs the scenario: baseline and the selected treatments, with common random numbers. */
export async function simulateScenario(scenario: Scenario, opts: RunOptions): Promise<Results> {
  const started = Date.now();
  const units = prepareUnits(scenario, opts);
  const ranges = trialRanges(opts.trials, opts.rangeTrials);
  const { accs, trials, target } = await simulateUnits(units, ranges, tailSizeFor(opts.trials), opts);
  const summaries = accs.map((a) => a.result(tailSizeFor(trials)));
  const wallMs = Date.now() - started;
  return analyse(scenario, units, summaries, opts.seed, runInfo(opts.workers ?? 1, wallMs, trials * units.length, target));
}
