// A degenerate (point-mass) distribution: always the given value. Draws nothing, so a fixed
// parameter leaves the stream exactly where it was.
import type { Rng } from '../rng/rng.js';

/** Returns x; draws nothing from `rng` (the parameter keeps the common sampler signature). */
export function sampleFixed(_rng: Rng, x: number): number {
  return x;
}

/** The mean: x. */
export function fixedMean(x: number): number {
  return x;
}
