// PERT (modified beta, gamma = 4; Vose, "Risk Analysis", 2008): min + (max − min)·Beta(α, β) with
// α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min); the beta from two Marsaglia–Tsang gammas.
import type { Rng } from '../rng/rng.js';
import { sampleBeta } from './beta.js';
import { gammaAtLeastOne } from './gamma.js';

/**
 * One PERT(min, mode, max) draw; min itself (no draw) when max == min. Needs min ≤ mode ≤ max.
 * Both shapes are at least 1, so the two gammas go straight to Marsaglia–Tsang's loop without the
 * shape-below-1 boost: the same draws and arithmetic as sampleBeta(rng, α, β) (tested bit for bit),
 * with a shorter chain of calls (each call returning a double costs the kernel a boxed number).
 */
export function samplePert(rng: Rng, min: number, mode: number, max: number): number {
  const range = max - min;
  if (range === 0) return min;
  const alpha = 1 + (4 * (mode - min)) / range;
  const beta = 1 + (4 * (max - mode)) / range;
  if (!(alpha < Infinity && beta < Infinity)) return min + range * sampleBeta(rng, alpha, beta);
  const x = gammaAtLeastOne(rng, alpha - 1 / 3);
  const y = gammaAtLeastOne(rng, beta - 1 / 3);
  return min + range * (x / (x + y));
}

/** The PERT mean (min + 4·mode + max)/6. */
export function pertMean(min: number, mode: number, max: number): number {
  return (min + 4 * mode + max) / 6;
}
