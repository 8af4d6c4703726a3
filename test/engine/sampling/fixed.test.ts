import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { fixedMean, sampleFixed } from '../../../engine/sampling/fixed.js';
import { rngState } from '../../support/sampling-helpers.js';

describe('fixed', () => {
  it('sampleFixed returns x and draws nothing', () => {
    const rng = new Rng(1, 2, 3, 4);
    const before = rngState(rng);
    expect(sampleFixed(rng, 42.5)).toBe(42.5);
    expect(sampleFixed(rng, -1)).toBe(-1);
    expect(rngState(rng)).toEqual(before);
  });

  it('fixedMean is x', () => {
    expect(fixedMean(3)).toBe(3);
  });
});
