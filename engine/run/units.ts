// The plans of one run: the baseline and each selected treatment, compiled before anything is
// simulated, so a treatment's problems surface first.
import type { Scenario, Treatment } from '../model/schema.js';
import { applyTreatment, type TreatedScenario } from '../plan/apply-treatment.js';
import { compilePlan } from '../plan/compile-plan.js';
import type { CompiledScenario } from '../plan/plan.js';
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
  for (const t of selectTreatments(scenario, opts.treatments)) {
    const treated = applyTreatment(scenario, t);
    const where = `treatments[${(scenario.treatments ?? []).indexOf(t)}] "${t.id}"`;
    units.push({ treatment: t, treated, compiled: compilePlan(treated.scenario, opts.seed, where) });
  }
  return units;
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
