// The plans of one run: the baseline and each selected treatment, compiled before anything is
// simulated, so a treatment's problems surface first. A large run keeps in memory only the plans it
// is simulating: each treatment is compiled up front to check it, and its plan waits in a store (a
// file) or is compiled again when its turn comes (README.md, "Memory").
import type { Scenario, Treatment } from '../model/schema.js';
import { applyTreatment, type TreatedScenario } from '../plan/apply-treatment.js';
import { compilePlan } from '../plan/compile-plan.js';
import type { CompiledScenario, PlanIndex, SimulationPlan } from '../plan/plan.js';
import { planBytes } from './plan-bytes.js';
import type { PlanStore, RunOptions } from './run-options.js';

/** A plan to simulate: the baseline (treatment undefined) or one treatment. */
export interface RunUnit {
  treatment?: Treatment;
  treated?: TreatedScenario;
  compiled: CompiledScenario;
}

/** Compiles the baseline and the selected treatments (treatment problems surface before any simulation). */
export function prepareUnits(scenario: Scenario, opts: Pick<RunOptions, 'seed' | 'treatments'>): RunUnit[] {
  const units: RunUnit[] = [{ compiled: compilePlan(scenario, opts.seed) }];
  for (const t of selectTreatments(scenario, opts.treatments)) units.push(compileTreatment(scenario, t, opts.seed));
  return units;
}

/** The unit of treatment `t`: the scenario with `t` applied, compiled (its limit errors name the treatment). */
export function compileTreatment(scenario: Scenario, t: Treatment, seed: number | string): RunUnit {
  const treated = applyTreatment(scenario, t);
  const where = `treatments[${(scenario.treatments ?? []).indexOf(t)}] "${t.id}"`;
  return { treatment: t, treated, compiled: compilePlan(treated.scenario, seed, where) };
}

/** Plans of treatments kept in memory from their check up to this many bytes together. */
export const KEEP_PLAN_BYTES = 64 * 1024 * 1024;

/** A treatment of a run, checked; its plan is taken once, when its turn comes. */
export interface TreatmentUnit {
  treatment: Treatment;
  /** The plan: kept from the check, or compiled again (the same plan: compiling is deterministic). */
  take(): SimulationPlan;
}

/** The baseline of a run, compiled: its index, and its plan kept in memory or parked in a store. */
export interface BaselineUnit {
  index: PlanIndex;
  /** The plan (from the store, once, when it was parked there). */
  takePlan(): SimulationPlan;
}

/**
 * `plan` parked in `store` when it is larger than `keepBytes` (and the store takes it); what gives it
 * back, once. A plan kept in memory is held by the returned function only.
 */
export function parkPlan(plan: SimulationPlan, store: PlanStore | undefined, keepBytes = store?.keepBytes ?? KEEP_PLAN_BYTES): () => SimulationPlan {
  const parked = store !== undefined && planBytes(plan) > keepBytes ? store.keep(plan) : undefined;
  return parked ?? (() => plan);
}

/**
 * The baseline compiled, and each selected treatment compiled once up front so its problems surface
 * before any simulation. `checked` sees each treatment's unit (and the baseline's index) before it is
 * let go (to take its cost, say); then only its plan is kept: in memory while the kept plans total at
 * most `keepBytes` (default: the store's, else KEEP_PLAN_BYTES), beyond that in `store` (a file), else nowhere — take() then compiles it again. A
 * baseline plan above `keepBytes` waits in the store too while the treatments are checked. So a large
 * run holds one treatment's plan at a time, not all of them (README.md, "Memory").
 */
export function prepareUnitsLazily(
  scenario: Scenario,
  opts: Pick<RunOptions, 'seed' | 'treatments'>,
  checked?: (unit: RunUnit, base: PlanIndex) => void,
  where: { keepBytes?: number; store?: PlanStore } = {},
): { base: BaselineUnit; treatments: TreatmentUnit[] } {
  const keepBytes = where.keepBytes ?? where.store?.keepBytes ?? KEEP_PLAN_BYTES;
  const base = baselineUnit(compilePlan(scenario, opts.seed), where.store, keepBytes);
  let kept = 0;
  const treatments = selectTreatments(scenario, opts.treatments).map((t): TreatmentUnit => {
    const unit = compileTreatment(scenario, t, opts.seed);
    checked?.(unit, base.index);
    const plan = unit.compiled.plan;
    const bytes = planBytes(plan);
    let back: (() => SimulationPlan) | undefined;
    if (kept + bytes <= keepBytes) {
      kept += bytes;
      back = () => plan;
    } else back = where.store?.keep(plan);
    return treatmentUnit(scenario, t, opts.seed, back);
  });
  return { base, treatments };
}

/** The baseline unit of a compiled scenario, its plan parked (apart from other variables: see treatmentUnit). */
function baselineUnit(compiled: CompiledScenario, store: PlanStore | undefined, keepBytes: number): BaselineUnit {
  let back: (() => SimulationPlan) | undefined = parkPlan(compiled.plan, store, keepBytes);
  return {
    index: compiled.index,
    takePlan() {
      if (back === undefined) throw new Error('BaselineUnit: the plan was taken already');
      const plan = back();
      back = undefined;
      return plan;
    },
  };
}

/**
 * A TreatmentUnit made apart from prepareUnitsLazily's other variables: a closure keeps its whole
 * scope alive, and take() must keep neither the baseline's first plan (the caller may hold another
 * copy) nor the treatment's index and treated scenario.
 */
function treatmentUnit(scenario: Scenario, t: Treatment, seed: number | string, back: (() => SimulationPlan) | undefined): TreatmentUnit {
  return {
    treatment: t,
    take() {
      const plan = back?.() ?? compileTreatment(scenario, t, seed).compiled.plan;
      back = undefined;
      return plan;
    },
  };
}

/** The treatments selected by `--treatments`. Unknown ids are an error naming them. */
export function selectTreatments(scenario: Scenario, which: RunOptions['treatments'] = 'all') {
  const all = scenario.treatments ?? [];
  if (which === 'all') return all;
  if (which === 'none') return [];
  const unknown = which.filter((id) => !all.some((t) => t.id === id));
  if (unknown.length) throw new UnknownTreatmentError(unknown, all.map((t) => t.id));
  return which.map((id) => all.find((t) => t.id === id)!);
}

export class UnknownTreatmentError extends Error {
  constructor(
    readonly unknown: string[],
    readonly known: string[],
  ) {
    super(`unknown treatment ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${known.join(', ') || '(none)'}`);
  }
}
