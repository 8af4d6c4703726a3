// Simulates a run's baseline and treatments for its results, holding one plan at a time: each
// treatment is checked (compiled) up front and waits in memory, in a store (a file) or to be compiled
// again; it is simulated when its turn comes and reduced to its result at once. A large baseline plan
// waits in the store too while it is not simulated. So a large network needs the memory of about two
// plans, not of all of them (README.md, "Memory").
import type { Scenario } from '../model/schema.js';
import type { CompiledScenario, SimulationPlan } from '../plan/plan.js';
import { tailSizeFor, type BatchSummary } from '../summary/batch-summary.js';
import { trialRanges } from '../run/ranges.js';
import type { RunOptions, TargetInfo } from '../run/run-options.js';
import { simulateEach } from '../run/simulate-units.js';
import { parkPlan, prepareUnitsLazily, type BaselineUnit, type TreatmentUnit } from '../run/units.js';
import type { TreatmentResult } from '../results/schema.js';
import { baselineFigures, treatmentCost, treatmentResult, type BaselineFigures } from './analyse.js';

/** A run checked and ready to simulate: the baseline, the treatments and what each treatment costs a year. */
export interface PreparedAnalysis {
  base: BaselineUnit;
  treatments: TreatmentUnit[];
  costs: number[];
}

/**
 * Compiles the baseline and checks every selected treatment (their problems surface here, before any
 * simulation), taking each treatment's yearly cost; large plans wait in `opts.planStore`.
 */
export function prepareAnalysis(scenario: Scenario, opts: Pick<RunOptions, 'seed' | 'treatments' | 'planStore'>): PreparedAnalysis {
  const costs: number[] = [];
  const { base, treatments } = prepareUnitsLazily(scenario, opts, (unit, baseIndex) => costs.push(treatmentCost(scenario, baseIndex, unit)), { store: opts.planStore });
  return { base, treatments, costs };
}

/** What assembleResults needs, from a run simulated by simulateAnalysis. */
export interface SimulatedAnalysis {
  base: BaselineFigures;
  /** The baseline's plan and index, once (its plan may come back from the store). */
  baseCompiled: () => CompiledScenario;
  baseMerged: BatchSummary;
  treatments: TreatmentResult[];
  /** Trials run (fewer than asked when a target SE stopped the baseline early). */
  trials: number;
  /** Plans simulated: the baseline and each treatment. */
  units: number;
  target?: TargetInfo;
}

/**
 * Simulates the baseline and the selected treatments over the same trial ranges (common random
 * numbers). The same figures as analyseUnits() over prepareUnits and simulateUnits, to the bit; only the
 * memory differs. `ranges` defaults to the whole run's; `prepared` to prepareAnalysis(scenario, opts).
 */
export async function simulateAnalysis(scenario: Scenario, opts: RunOptions, ranges = trialRanges(opts.trials, opts.rangeTrials), prepared?: PreparedAnalysis): Promise<SimulatedAnalysis> {
  const share = opts.sharePlan ?? ((p: SimulationPlan) => p);
  const { base: baseUnit, treatments, costs } = prepared ?? prepareAnalysis(scenario, opts);
  const index = baseUnit.index;
  let base: BaselineFigures | undefined;
  let baseMerged: BatchSummary | undefined;
  let basePlan: (() => SimulationPlan) | undefined;
  let current: SimulationPlan | undefined;
  // the plan as the runner holds it (shared memory for a pool): one copy, not two
  const planOf = (i: number) => (current = share(i === 0 ? baseUnit.takePlan() : treatments[i - 1]!.take()));
  const { values, trials, target } = await simulateEach(1 + treatments.length, planOf, ranges, tailSizeFor(opts.trials), opts, (i, acc, trials) => {
    const merged = acc.result(tailSizeFor(trials));
    const plan = current!;
    current = undefined;
    if (i === 0) {
      baseMerged = merged;
      base = baselineFigures(scenario, plan, merged);
      basePlan = parkPlan(plan, opts.planStore); // back in the store while the treatments run
      return undefined;
    }
    return treatmentResult(base!, treatments[i - 1]!.treatment, costs[i - 1]!, plan, merged);
  });
  const baseCompiled = () => ({ index, plan: basePlan!() });
  return { base: base!, baseCompiled, baseMerged: baseMerged!, treatments: values.slice(1) as TreatmentResult[], trials, units: 1 + treatments.length, ...(target ? { target } : {}) };
}
