// The expected multipliers a control puts on a risk's rate, loss per event and downtime:
// 1 − reliability·(1 − factor) for each factor its effect on the threat (by id, else by category)
// states — the screening estimates of the risk control list and the optimizer's candidate ranking.
import { controlEffect } from '../model/control-effect.js';
import type { Control } from '../model/schema.js';

export interface EffectMultipliers {
  freq: number;
  sev: number;
  down: number;
}

/** The multipliers of `control` on a risk of `threatId`/`category`, or undefined when it does not act on it. */
export function effectMultipliers(control: Control, threatId: string, category: string): EffectMultipliers | undefined {
  const e = controlEffect(control, threatId, category);
  if (!e) return undefined;
  const rel = control.reliability ?? 1;
  const m = (f: number | undefined) => (f === undefined ? 1 : 1 - rel * (1 - f));
  return { freq: m(e.frequencyFactor), sev: m(e.severityFactor), down: m(e.downtimeFactor) };
}
