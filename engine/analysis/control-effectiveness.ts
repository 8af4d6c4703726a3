// Control effectiveness by ISO 28000 element: for each element with controls placed in the
// scenario, a treatment that removes all of them. Simulated with common random numbers beside the
// baseline, its delta is the expected loss those controls avoid together (with a paired interval),
// and its cost saving is what they cost a year. Measured, not estimated from factors.
import type { Element, Scenario, Treatment } from '../model/schema.js';
import { ELEMENTS } from '../model/schema.js';
import { controlsOf } from '../catalog/controls-of.js';
import type { TreatmentResult } from '../results/schema.js';

/** Prefix of the ids of the removal treatments (never clashes with a scenario id: they are not in the scenario). */
export const REMOVAL_PREFIX = 'without-element:';

export interface ElementRemoval {
  element: Element;
  /** Ids of the element's controls placed on some site or lane, sorted. */
  controls: string[];
  treatment: Treatment;
}

/** One removal treatment per element that has controls placed, in the order of ELEMENTS. */
export function elementRemovals(scenario: Scenario): ElementRemoval[] {
  const known = controlsOf(scenario);
  const placed = new Set<string>();
  for (const s of scenario.sites) for (const c of s.controls ?? []) placed.add(c);
  for (const l of scenario.lanes ?? []) for (const c of l.controls ?? []) placed.add(c);
  const out: ElementRemoval[] = [];
  for (const element of ELEMENTS) {
    const controls = [...placed].filter((id) => known.get(id)?.element === element).sort();
    if (controls.length === 0) continue;
    out.push({
      element,
      controls,
      treatment: {
        id: `${REMOVAL_PREFIX}${element}`,
        name: `Without ${element} controls`,
        changes: [
          { removeControls: controls, from: { kind: 'site' } },
          { removeControls: controls, from: { kind: 'lane' } },
        ],
      },
    });
  }
  return out;
}

export interface ElementEffect {
  element: Element;
  controls: string[];
  /** What the element's placed controls cost a year. */
  annualCost: number;
  /** Expected annual loss they avoid together: EAL without them − EAL with them. */
  lossAvoided: number;
  /** Paired 95 % interval of lossAvoided. */
  ci95: [number, number];
}

/** Reads each removal's simulated result as the effect of the element's controls. */
export function elementEffect(removal: ElementRemoval, result: TreatmentResult): ElementEffect {
  if (result.id !== removal.treatment.id) throw new Error(`elementEffect: result ${result.id} is not ${removal.treatment.id}`);
  // the removal's delta is baseline − without = −(loss avoided); its cost change is −(the controls' cost)
  const neg = (x: number) => (x === 0 ? 0 : -x); // no −0 in the results
  return {
    element: removal.element,
    controls: removal.controls,
    annualCost: neg(result.annualCost),
    lossAvoided: neg(result.delta.eal),
    ci95: [neg(result.delta.ealCi95[1]), neg(result.delta.ealCi95[0])],
  };
}
