// The controls a scenario can place: the built-in catalog, overridden by the scenario's own controls
// of the same id.
import type { Control, Scenario } from '../model/schema.js';
import { catalogById } from './controls.js';

/** Controls known to a scenario: the built-in catalog overridden by the scenario's own. */
export function controlsOf(scenario: Scenario): Map<string, Control> {
  const map = new Map<string, Control>(catalogById);
  for (const c of scenario.controls ?? []) map.set(c.id, c);
  return map;
}
