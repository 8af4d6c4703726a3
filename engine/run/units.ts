// The plans of one run: the baseline and each selected treatment, compiled before anything is
// simulated, so a treatment's problems surface first. A large run keeps only the plans it is
// simulating: each treatment is compiled up front to check it, then again when its turn comes
// (README.md, "Memory").
import type { Scenario, Treatment } from '../model/schema.js';
import { applyTreatment, type TreatedScenario } from '../plan/apply-treatment.js';
import { compilePlan } from '../plan/compile-plan.js';
import type { CompiledScenario } from '../plan/plan.js';
import { planBytes } from './plan-bytes.js';
import type { RunOptions } from './run-options.js';

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

/** Plans of treatments kept from their check up to this many bytes together; beyond, they are compiled again when simulated. */
export const KEEP_PLAN_BYTES = 64 * 1024 * 1024;

/** A treatment of a run, checked; its unit is taken once, when its turn comes. */
export interface TreatmentUnit {
  treatment: Treatment;
  /** The compiled unit: the one made by the check when it was kept, else compiled again (the same plan: compiling is deterministic). */
  take(): RunUnit;
}

/**
 * The baseline compiled, and each selected treatment compiled once up front so its problems surface
 * before any simulation. `checked` sees each treatment's unit (and the baseline's) before it is let go
 * (to take its cost, say). Treatment units are kept while their plans total at most `keepBytes`; the others are compiled
 * again by take(), so a large run holds one treatment's plan at a time, not all of them.
 */
export function prepareUnitsLazily(
  scenario: Scenario,
  opts: Pick<RunOptions, 'seed' | 'treatments'>,
  checked?: (unit: RunUnit, base: RunUnit) => void,
  keepBytes = KEEP_PLAN_BYTES,
): { base: RunUnit; treatments: TreatmentUnit[] } {
  const base: RunUnit = { compiled: compilePlan(scenario, opts.seed) };
  let kept = 0;
  const treatments = selectTreatments(scenario, opts.treatments).map((t): TreatmentUnit => {
    let unit: RunUnit | undefined = compileTreatment(scenario, t, opts.seed);
    checked?.(unit, base);
    const bytes = planBytes(unit.compiled.plan);
    if (kept + bytes <= keepBytes) kept += bytes;
    else unit = undefined;
    return {
      treatment: t,
      take() {
        const u = unit ?? compileTreatment(scenario, t, opts.seed);
        unit = undefined;
        return u;
      },
    };
  });
  return { base, treatments };
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
