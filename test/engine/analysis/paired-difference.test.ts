// pairedDifference: the mean of per-trial differences and its 95 % interval, shared by the
// treatment deltas, the optimizer's reduction and the routes.
import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../../../engine/analysis/paired-difference.js';
import { Z95 } from '../../../engine/analysis/loss-summary.js';

describe('pairedDifference', () => {
  it('pairedDifference of [3, 5, 7] − [1, 2, 3]: mean 3, se √(2 / 2 / 3)', () => {
    const r = pairedDifference([3, 5, 7], [1, 2, 3]);
    expect(r.mean).toBe(3);
    const se = Math.sqrt(2 / 2 / 3);
    expect(r.ci95).toEqual([3 - Z95 * se, 3 + Z95 * se]);
  });

  it('pairedDifference of one trial is the difference, with no width', () => {
    expect(pairedDifference(Float64Array.of(10), Float64Array.of(4))).toEqual({ mean: 6, ci95: [6, 6] });
  });

  it('pairedDifference of equal runs is 0 ± 0, however large the losses', () => {
    const a = Float64Array.from({ length: 100 }, (_, i) => (i * 7919) % 101 * 1e6);
    expect(pairedDifference(a, a)).toEqual({ mean: 0, ci95: [0, 0] });
  });

  it('pairedDifference refuses runs of different lengths', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/2 trials against 1/);
  });
});
