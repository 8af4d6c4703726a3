// controlEffect: a control's effect on a threat — by the threat's id, else its category — from the
// control's own keys only.
import { describe, expect, it } from 'vitest';
import { controlEffect } from '../../../engine/model/control-effect.js';

describe('controlEffect', () => {
  const control = { effects: { theft: { frequencyFactor: 0.5 }, 'theft-road': { severityFactor: 0.2 } } };

  it('controlEffect: the threat id wins over its category; a category alone is used when no id matches', () => {
    expect(controlEffect(control, 'theft-road', 'theft')).toEqual({ severityFactor: 0.2 });
    expect(controlEffect(control, 'theft-dc', 'theft')).toEqual({ frequencyFactor: 0.5 });
    expect(controlEffect(control, 'fire', 'disruption')).toBeUndefined();
  });

  it('controlEffect: an id such as "toString" or "constructor" finds no member of Object.prototype', () => {
    expect(controlEffect(control, 'toString', 'hijacking')).toBeUndefined();
    expect(controlEffect(control, 'constructor', '__proto__')).toBeUndefined();
  });
});
