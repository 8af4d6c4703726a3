// Sensitivity (tornado): each threat's frequency and each placed control's factors varied by ±X %
// (default 25 %), one at a time, with common random numbers, and the resulting swing of EAL and
// CVaR95, sorted by swing. Every plan of the analysis generates events at (1 + X) × the rate and
// keeps them with probability rate / generated rate, so a frequency variant only changes which
// events are kept — like a frequency control — and all variants share their events. (This family
// of plans draws other events than the main run, whose expectation it shares.)
import type { Control, Scenario } from '../model/schema.js';
import { controlsOf } from '../catalog/controls-of.js';
import { compilePlan } from '../plan/compile-plan.js';
import type { SimulationPlan } from '../plan/plan.js';
import { tailSizeFor } from '../summary/batch-summary.js';
import { cvar, sortedLosses } from './loss-summary.js';
import type { SensitivityRow } from '../results/schema.js';
import { simulateEach } from '../run/simulate-units.js';
import { trialRanges } from '../run/ranges.js';
import type { PlanStore, RunOptions } from '../run/run-options.js';
import { KEEP_PLAN_BYTES } from '../run/units.js';
import { planBytes } from '../run/plan-bytes.js';

/** Default relative variation of each parameter. */
export const DEFAULT_SENSITIVITY_DELTA = 0.25;

export interface SensitivityResult {
  delta: number;
  /** EAL and CVaR95 of this analysis' reference plan (the baseline, with its own random numbers). */
  reference: { eal: number; cvar95: number };
  rows: SensitivityRow[];
}

/** A copy of `plan` whose events are generated at `inflate` × the rate and kept with 1/inflate as often. */
function inflated(plan: SimulationPlan, inflate: number, keepScale?: (r: number) => number): SimulationPlan {
  const riskGenRate = plan.riskGenRate.map((x) => x * inflate);
  const riskKeep = plan.riskKeep.map((k, r) => Math.min(1, (k * (keepScale ? keepScale(r) : 1)) / inflate));
  return { ...plan, riskGenRate, riskKeep };
}

function scaledControl(c: Control, scale: number): Control {
  const f = (x: number | undefined) => (x === undefined ? undefined : Math.min(1, x * scale));
  // built with fromEntries: the keys are threat ids and categories, each an own key whatever its name
  const effects: Control['effects'] = Object.fromEntries(
    Object.entries(c.effects).map(([k, e]) => [
      k,
      Object.fromEntries(Object.entries({ frequencyFactor: f(e.frequencyFactor), severityFactor: f(e.severityFactor), downtimeFactor: f(e.downtimeFactor) }).filter(([, v]) => v !== undefined)),
    ]),
  );
  return { ...c, effects };
}

/** The ids of controls placed on some site or lane of the scenario, in first-use order. */
function placedControls(scenario: Scenario): string[] {
  const seen = new Set<string>();
  for (const x of [...scenario.sites, ...(scenario.lanes ?? [])]) for (const id of x.controls ?? []) seen.add(id);
  return [...seen];
}

/**
 * Runs the sensitivity analysis of `scenario` (treatments are not part of it). The control variants
 * are compiled up front (their problems surface before any simulation), then each variant's plan is
 * made when its turn comes and reduced to its EAL and CVaR95 at once: a large network holds one
 * variant at a time, not all of them (README.md, "Memory").
 */
export async function sensitivity(
  scenario: Scenario,
  opts: Pick<RunOptions, 'trials' | 'seed' | 'runRange' | 'inFlight' | 'sharePlan' | 'planStore'> & { delta?: number },
): Promise<SensitivityResult> {
  const delta = opts.delta ?? DEFAULT_SENSITIVITY_DELTA;
  if (!(delta > 0 && delta < 1)) throw new RangeError(`sensitivity: delta must be between 0 and 1, got ${delta}`);
  const share = opts.sharePlan ?? ((p: SimulationPlan) => p);
  const { params, variants } = variantsOf(scenario, opts.seed, delta, share, opts.planStore);
  const trials = opts.trials;
  const ranges = trialRanges(trials);
  const { values: measured } = await simulateEach(variants.length, (i) => share(variants[i]!()), ranges, tailSizeFor(trials), { ...opts, treatments: 'none' }, (_i, acc) => {
    const sorted = sortedLosses(acc.result());
    let s = 0;
    for (const x of sorted) s += x;
    return { eal: s / sorted.length, cvar95: cvar(sorted, 0.95) };
  });
  const rows = params.map((p, i) => {
    const lo = measured[1 + 2 * i]!;
    const hi = measured[2 + 2 * i]!;
    return {
      parameter: p.parameter,
      kind: p.kind,
      delta,
      low: lo.eal,
      high: hi.eal,
      swing: Math.abs(hi.eal - lo.eal),
      cvar95Low: lo.cvar95,
      cvar95High: hi.cvar95,
      cvar95Swing: Math.abs(hi.cvar95 - lo.cvar95),
    };
  });
  rows.sort((a, b) => b.swing - a.swing || (a.parameter < b.parameter ? -1 : 1));
  return { delta, reference: measured[0]!, rows };
}

/** The parameters varied and, for the reference and each parameter's low and high, what makes its plan. */
function variantsOf(scenario: Scenario, seed: number | string, delta: number, share: (p: SimulationPlan) => SimulationPlan, store: PlanStore | undefined) {
  const inflate = 1 + delta;
  const base = compilePlan(scenario, seed);
  // in the runner's memory once: the variants of the base plan share all its arrays but two
  const basePlan = share(base.plan);
  const riskThreat = base.index.riskThreat;
  const params: Array<{ parameter: string; kind: SensitivityRow['kind'] }> = [];
  const variants: Array<() => SimulationPlan> = [() => inflated(basePlan, inflate)];
  for (const id of scenario.threats.map((t) => t.id)) {
    const mine = (r: number) => riskThreat[r] === id;
    params.push({ parameter: `threat ${id} frequency`, kind: 'threat-frequency' });
    variants.push(() => inflated(basePlan, inflate, (r) => (mine(r) ? 1 - delta : 1)));
    variants.push(() => inflated(basePlan, inflate, (r) => (mine(r) ? 1 + delta : 1)));
  }
  const known = controlsOf(scenario);
  let kept = 0;
  const fits = (bytes: number) => {
    if (kept + bytes > (store?.keepBytes ?? KEEP_PLAN_BYTES)) return false;
    kept += bytes;
    return true;
  };
  for (const id of placedControls(scenario)) {
    const c = known.get(id);
    if (!c) continue;
    params.push({ parameter: `control ${id} factors`, kind: 'control-factors' });
    for (const scale of [1 - delta, 1 + delta]) {
      const variant: Scenario = { ...scenario, controls: [...(scenario.controls ?? []).filter((x) => x.id !== id), scaledControl(c, scale)] };
      variants.push(controlVariant(variant, seed, inflate, store, fits));
    }
  }
  return { params, variants };
}

/**
 * A control variant's inflated plan, compiled now (so its problems surface before any simulation)
 * and kept while `fits` its bytes, else parked in `store` or compiled again when its turn comes.
 */
function controlVariant(variant: Scenario, seed: number | string, inflate: number, store: PlanStore | undefined, fits: (bytes: number) => boolean): () => SimulationPlan {
  const plan = inflated(compilePlan(variant, seed).plan, inflate);
  if (fits(planBytes(plan))) return () => plan;
  return store?.keep(plan) ?? compileAgain(variant, seed, inflate);
}

/** What compiles a variant again (apart from controlVariant's scope, which holds its first plan). */
function compileAgain(variant: Scenario, seed: number | string, inflate: number): () => SimulationPlan {
  return () => inflated(compilePlan(variant, seed).plan, inflate);
}
