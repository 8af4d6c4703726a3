// PERT (modified beta, gamma = 4; Vose, "Risk Analysis", 2008): min + (max − min)·Beta(α, β) with
// α = 1 + 4(mode − min)/(max − min), β = 1 + 4(max − mode)/(max − min); the beta from two Marsaglia–Tsang gammas.
import type { Rng } from '../rng/rng.js';
import { log } from '../math/det-math.js';
import { sampleBeta } from './beta.js';
import { zigguratNormal } from './ziggurat.js';

/**
 * One PERT(min, mode, max) draw; min itself (no draw) when max == min. Needs min ≤ mode ≤ max.
 * Both shapes are at least 1, so the two gammas are Marsaglia–Tsang without the shape-below-1
 * boost: they are written out here, the same draws and arithmetic as sampleBeta(rng, α, β) (tested
 * bit for bit), in one function (a chain of calls returning doubles costs the kernel a boxed number each).
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

/** Gamma(d + 1/3) for d ≥ 2/3: sampleGamma's loop for a shape of at least 1 (Marsaglia and Tsang 2000). */
function gammaAtLeastOne(rng: Rng, d: number): number {
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = zigguratNormal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.nextOpen();
    const x2 = x * x;
    // Squeeze first, then the exact log test.
    if (u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
}

/** The PERT mean (min + 4·mode + max)/6. */
export function pertMean(min: number, mode: number, max: number): number {
  return (min + 4 * mode + max) / 6;
}
