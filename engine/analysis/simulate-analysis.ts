// Simulates a run's baseline and treatments for its results, holding one treatment at a time: each
// treatment is checked (compiled) up front, simulated when its turn comes and reduced to its result
// at once, so a large network needs the memory of two plans, not of all of them (README.md, "Memory").
import type { Scenario } from '../model/schema.js';
import type { CompiledScenario, SimulationPlan } from '../plan/plan.js';
import { tailSizeFor, type BatchSummary } from '../summary/batch-summary.js';
import { trialRanges } from '../run/ranges.js';
import type { RunOptions, TargetInfo } from '../run/run-options.js';
import { simulateEach } from '../run/simulate-units.js';
import { prepareUnitsLazily } from '../run/units.js';
import type { TreatmentResult } from '../results/schema.js';
import { baselineFigures, treatmentCost, treatmentResult, type BaselineFigures } from './analyse.js';

/** What assembleResults needs, from a run simulated by simulateAnalysis. */
export interface SimulatedAnalysis {
  base: BaselineFigures;
  baseMerged: BatchSummary;
  treatments: TreatmentResult[];
  /** Trials run (fewer than asked when a target SE stopped the baseline early). */
  trials: number;
  /** Plans simulated: the baseline and each treatment. */
  units: number;
  target?: TargetInfo;
}

/** The run's units, checked; the baseline's plan as the runner holds it (shared memory for a pool): one copy, not two. */
function prepare(scenario: Scenario, opts: RunOptions, share: (p: SimulationPlan) => SimulationPlan) {
  const costs: number[] = [];
  const { base, treatments } = prepareUnitsLazily(scenario, opts, (unit, b) => costs.push(treatmentCost(scenario, b.compiled, unit)));
  const baseCompiled: CompiledScenario = { ...base.compiled, plan: share(base.compiled.plan) };
  return { baseCompiled, treatments, costs };
}

/**
 * Simulates the baseline and the selected treatments over the same trial ranges (common random
 * numbers). The same figures as analyse() over prepareUnits and simulateUnits, to the bit; only the
 * memory differs. `ranges` defaults to the whole run's.
 */
export async function simulateAnalysis(scenario: Scenario, opts: RunOptions, ranges = trialRanges(opts.trials, opts.rangeTrials)): Promise<SimulatedAnalysis> {
  const share = opts.sharePlan ?? ((p: SimulationPlan) => p);
  const { baseCompiled, treatments, costs } = prepare(scenario, opts, share);
  let base: BaselineFigures | undefined;
  let baseMerged: BatchSummary | undefined;
  let current: SimulationPlan | undefined;
  const planOf = (i: number) => (current = i === 0 ? baseCompiled.plan : share(treatments[i - 1]!.take().compiled.plan));
  const { values, trials, target } = await simulateEach(1 + treatments.length, planOf, ranges, tailSizeFor(opts.trials), opts, (i, acc, trials) => {
    const merged = acc.result(tailSizeFor(trials));
    const plan = current!;
    current = undefined;
    if (i === 0) {
      baseMerged = merged;
      base = baselineFigures(scenario, baseCompiled, merged);
      return undefined;
    }
    return treatmentResult(base!, treatments[i - 1]!.treatment, costs[i - 1]!, plan, merged);
  });
  return { base: base!, baseMerged: baseMerged!, treatments: values.slice(1) as TreatmentResult[], trials, units: 1 + treatments.length, ...(target ? { target } : {}) };
}
