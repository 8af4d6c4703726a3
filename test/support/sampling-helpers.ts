// Shared helpers for the sampling tests: draw into a Float64Array, moments, empirical CDF shares,
// binomial tolerances, and a numeric regularized incomplete beta (composite Simpson) with bisection.
import type { Rng } from '../../engine/rng/rng.js';

/** Default draw count for statistical checks. */
export const N = 200_000;

/** n draws of `sample(rng)`. */
export function draw(rng: Rng, n: number, sample: (rng: Rng) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sample(rng);
  return out;
}

export function mean(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

/** Unbiased sample variance (two-pass). */
export function variance(xs: Float64Array): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m;
    s += d * d;
  }
  return s / (xs.length - 1);
}

/** Share of samples ≤ q: the empirical CDF at q. */
export function shareAtMost(xs: Float64Array, q: number): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i]! <= q) c++;
  return c / xs.length;
}

/** Share of samples equal to v. */
export function shareEqual(xs: Float64Array, v: number): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] === v) c++;
  return c / xs.length;
}

/** Sample median. */
export function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2]! : 0.5 * (s[n / 2 - 1]! + s[n / 2]!);
}

/** 4 binomial standard errors of an empirical CDF at a point of true probability p: 4·√(p(1−p)/n). */
export function binomialTol(p: number, n: number): number {
  return 4 * Math.sqrt((p * (1 - p)) / n);
}

/** Snapshot of an Rng's state, to check how many numbers a sampler consumed. */
export function rngState(rng: Rng): [number, number, number, number] {
  return [rng.a, rng.b, rng.c, rng.d];
}

/**
 * The regularized incomplete beta I_x(a, b) by composite Simpson on the unnormalised density
 * t^(a−1)(1−t)^(b−1), divided by the same integral over [0, 1]. Meant for a, b ≥ 1 (bounded integrand);
 * accuracy ~1e-6, far tighter than any sampling tolerance here.
 */
export function regularizedBeta(x: number, a: number, b: number, steps = 20_000): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return simpson(0, x, a, b, steps) / simpson(0, 1, a, b, steps);
}

function simpson(lo: number, hi: number, a: number, b: number, steps: number): number {
  const n = steps % 2 === 0 ? steps : steps + 1;
  const h = (hi - lo) / n;
  const f = (t: number): number => Math.pow(t, a - 1) * Math.pow(1 - t, b - 1);
  let s = f(lo) + f(hi);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (s * h) / 3;
}

/** The Beta(a, b) density at x, normalised numerically. */
export function betaDensity(x: number, a: number, b: number): number {
  return (Math.pow(x, a - 1) * Math.pow(1 - x, b - 1)) / simpson(0, 1, a, b, 20_000);
}

/** The p-quantile of Beta(a, b) by bisection on regularizedBeta. */
export function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (regularizedBeta(mid, a, b, 4_000) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Central moments 2 and 4 of Beta(a, b) from raw moments E[X^k] = Π_{i<k} (a+i)/(a+b+i). */
export function betaCentralMoments(a: number, b: number): { m2: number; m4: number } {
  const r1 = a / (a + b);
  const r2 = (r1 * (a + 1)) / (a + b + 1);
  const r3 = (r2 * (a + 2)) / (a + b + 2);
  const r4 = (r3 * (a + 3)) / (a + b + 3);
  const m2 = r2 - r1 * r1;
  const m4 = r4 - 4 * r1 * r3 + 6 * r1 * r1 * r2 - 3 * r1 ** 4;
  return { m2, m4 };
}
