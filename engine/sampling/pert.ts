// PERT (modified beta, gamma = 4; Vose, "Risk Analysis", 2008): min + (max − min)·Beta(α, β) with
// α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min); the beta from two Marsaglia–Tsang gammas.
import type { Rng } from '../rng/rng.js';
import { sampleBeta } from './beta.js';

/** One PERT(min, mode, max) draw; min itself (no draw) when max == min. Needs min ≤ mode ≤ max. */
export function samplePert(rng: Rng, min: number, mode: number, max: number): number {
  const range = max - min;
  if (range === 0) return min;
  const alpha = 1 + (4 * (mode - min)) / range;
  const beta = 1 + (4 * (max - mode)) / range;
  return min + range * sampleBeta(rng, alpha, beta);
}

/** The PERT mean (min + 4·mode + max)/6. */
export function pertMean(min: number, mode: number, max: number): number {
  return (min + 4 * mode + max) / 6;
}
