// The library's pipeline in two steps: `simulate` runs the Monte Carlo (the baseline and each selected
// treatment over the same trials: common random numbers) and `analyse` turns what it simulated into the
// results document — the risk register, targets, flows, controls, exceedance curve, treatments and
// appetite. `simulateScenario` is the two in one call. README.md, "Using chainward as a library".
import type { Scenario } from '../model/schema.js';
import { runInfo, type RunOptions } from '../run/run-options.js';
import type { Results } from '../results/schema.js';
import { assembleResults } from './analyse.js';
import { simulateAnalysis, type SimulatedAnalysis } from './simulate-analysis.js';

/** The command line's defaults: 20,000 trials (simulated years), seed 1, every treatment. */
export const SIMULATE_DEFAULTS = { trials: 20_000, seed: 1, treatments: 'all' } as const;

/**
 * How to simulate: every field of RunOptions is optional here. Without `runRange` the trials run in
 * this thread (in Node.js, a browser or a web worker alike); for worker threads in Node.js, pass a
 * WorkerPool's `runRange`, `inFlight` and `share` as `sharePlan` (`import { WorkerPool } from 'chainward/node'`).
 */
export type SimulateOptions = Partial<RunOptions>;

/** A simulated run, ready for `analyse`: what was simulated and with which seed, and how long it took. */
export interface Simulation {
  /** The scenario simulated (as validated). */
  readonly scenario: Scenario;
  readonly seed: number | string;
  /** Trials simulated: the ones asked for, or fewer when `targetSe` stopped the run early. */
  readonly trials: number;
  /** Worker threads that ran the trials, and the wall-clock time in milliseconds (the results' `run` record). */
  readonly workers: number;
  readonly wallMs: number;
  /** The simulated summaries, each treatment already reduced to its figures (engine/analysis/simulate-analysis.ts). */
  readonly simulated: SimulatedAnalysis;
}

/**
 * Simulates a validated scenario (from `validateScenario` or `parseScenario`): the baseline and the
 * selected treatments over the same trial ranges, so a treatment's change is measured with common
 * random numbers. The same scenario, trials and seed give the same figures whatever runs the ranges.
 * Throws ScenarioLimitError for a scenario beyond the engine's limits (README.md, "Limits").
 *
 * @param scenario a validated chainward/v1 scenario
 * @param options trials (default 20,000 simulated years), seed (default 1), treatments ("all", "none"
 *   or ids; default "all"), and optionally a range runner for worker threads, progress and `targetSe`
 */
export async function simulate(scenario: Scenario, options: SimulateOptions = {}): Promise<Simulation> {
  const opts: RunOptions = { ...SIMULATE_DEFAULTS, ...options };
  const started = Date.now();
  const simulated = await simulateAnalysis(scenario, opts);
  return { scenario, seed: opts.seed, trials: simulated.trials, workers: opts.workers ?? 1, wallMs: Date.now() - started, simulated };
}

/**
 * The results document (`chainward-results/v1`, docs/results-format.md) of a simulation: the EAL and
 * tail figures with their intervals, the ISO 28000 risk register and ranking, losses by target and
 * flow, control costs, the loss exceedance curve, each treatment's change against the baseline (with
 * its paired 95 % interval), and the appetite. A pure function of the simulation but its `run` record.
 */
export function analyse(simulation: Simulation): Results {
  const s = simulation.simulated;
  const info = runInfo(simulation.workers, simulation.wallMs, s.trials * s.units, s.target);
  return assembleResults(s.base, s.baseCompiled(), s.baseMerged, s.treatments, simulation.seed, info);
}
