// The effect a control has on a threat: the entry of its `effects` for the threat's id, else for the
// threat's category (an id wins). One lookup for the plan compiler, the screening estimates, the
// warnings and the generator; own keys only, so a threat id such as "toString" never finds a member
// of Object.prototype.
import type { Control } from './schema.js';

export type ControlEffect = Control['effects'][string];

/** The control's effect on a threat of `threatId` and `category`, or undefined when it has none. */
export function controlEffect(control: Pick<Control, 'effects'>, threatId: string, category: string): ControlEffect | undefined {
  const effects = control.effects;
  if (Object.hasOwn(effects, threatId)) return effects[threatId];
  if (Object.hasOwn(effects, category)) return effects[category];
  return undefined;
}
