// Sensitivity (tornado): each threat's frequency and each placed control's factors varied by ±X %
// (default 25 %), one at a time, with common random numbers, and the resulting swing of EAL and
// CVaR95, sorted by swing. Every plan of the analysis generates events at (1 + X) × the rate and
// keeps them with probability rate / generated rate, so a frequency variant only changes which
// events are kept — like a frequency control — and all variants share their events. (This family
// of plans draws other events than the main run, whose expectation it shares.)
import type { Control, Scenario } from '../model/schema.js';
import { controlsOf } from '../catalog/controls-of.js';
import { compilePlan } from '../plan/compile-plan.js';
import type { CompiledScenario, SimulationPlan } from '../plan/plan.js';
import { tailSizeFor } from '../summary/batch-summary.js';
import { cvar, sortedLosses } from './loss-summary.js';
import type { SensitivityRow } from '../results/schema.js';
import { simulateUnits } from '../run/simulate-units.js';
import { trialRanges } from '../run/ranges.js';
import { type RunOptions } from '../run/run-options.js';
import { type RunUnit } from '../run/units.js';

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

/** Runs the sensitivity analysis of `scenario` (treatments are not part of it). */
export async function sensitivity(
  scenario: Scenario,
  opts: Pick<RunOptions, 'trials' | 'seed' | 'runRange' | 'inFlight'> & { delta?: number },
): Promise<SensitivityResult> {
  const delta = opts.delta ?? DEFAULT_SENSITIVITY_DELTA;
  if (!(delta > 0 && delta < 1)) throw new RangeError(`sensitivity: delta must be between 0 and 1, got ${delta}`);
  const inflate = 1 + delta;
  const base = compilePlan(scenario, opts.seed);
  const unit = (plan: SimulationPlan, index: CompiledScenario['index']): RunUnit => ({ compiled: { plan, index } });
  const units: RunUnit[] = [unit(inflated(base.plan, inflate), base.index)];
  const params: Array<{ parameter: string; kind: SensitivityRow['kind'] }> = [];

  const threats = scenario.threats.map((t) => t.id);
  for (const id of threats) {
    const mine = (r: number) => base.index.riskThreat[r] === id;
    params.push({ parameter: `threat ${id} frequency`, kind: 'threat-frequency' });
    units.push(unit(inflated(base.plan, inflate, (r) => (mine(r) ? 1 - delta : 1)), base.index));
    units.push(unit(inflated(base.plan, inflate, (r) => (mine(r) ? 1 + delta : 1)), base.index));
  }
  const known = controlsOf(scenario);
  for (const id of placedControls(scenario)) {
    const c = known.get(id);
    if (!c) continue;
    params.push({ parameter: `control ${id} factors`, kind: 'control-factors' });
    for (const scale of [1 - delta, 1 + delta]) {
      const variant: Scenario = { ...scenario, controls: [...(scenario.controls ?? []).filter((x) => x.id !== id), scaledControl(c, scale)] };
      const compiled = compilePlan(variant, opts.seed);
      units.push(unit(inflated(compiled.plan, inflate), compiled.index));
    }
  }

  const trials = opts.trials;
  const { accs } = await simulateUnits(units, trialRanges(trials), tailSizeFor(trials), { ...opts, treatments: 'none' });
  const measure = (k: number) => {
    const sorted = sortedLosses(accs[k]!.result());
    let s = 0;
    for (const x of sorted) s += x;
    return { eal: s / sorted.length, cvar95: cvar(sorted, 0.95) };
  };
  const rows = params.map((p, i) => {
    const lo = measure(1 + 2 * i);
    const hi = measure(2 + 2 * i);
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
  return { delta, reference: measure(0), rows };
}
