// The Gamma distribution's CDF and quantile, for the Gamma–Poisson calibration (docs/calibration.md):
// ln Γ by Lanczos (g = 7, 9 terms), the regularised lower incomplete gamma P(a, x) by its series for
// x < a + 1 and by Lentz's continued fraction for Q = 1 − P otherwise (Numerical Recipes, 3rd ed.,
// sections 6.1–6.2), and the quantile by Newton steps kept inside a bisection bracket.
import { exp, log } from './det-math.js';

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.91893853320467274;

/** ln Γ(x) for x > 0 (Lanczos, relative error about 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  // Γ(x) = Γ(x + 1)/x keeps the approximation where it is accurate
  if (x < 0.5) return logGamma(x + 1) - log(x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return HALF_LOG_TWO_PI + (z + 0.5) * log(t) - t + log(a);
}

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/** P(a, x) by its series, for x < a + 1. */
function seriesP(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * exp(-x + a * log(x) - logGamma(a));
}

/** Q(a, x) by Lentz's continued fraction, for x ≥ a + 1. */
function fractionQ(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return exp(-x + a * log(x) - logGamma(a)) * h;
}

/** The regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a): the CDF of Gamma(shape a, rate 1) at x. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? seriesP(a, x) : 1 - fractionQ(a, x);
}

/** The upper Q(a, x) = 1 − P(a, x), accurate in the right tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - seriesP(a, x) : fractionQ(a, x);
}

/** The CDF of Gamma(shape, rate) at x. */
export function gammaCdf(x: number, shape: number, rate: number): number {
  return regularizedGammaP(shape, x * rate);
}

/**
 * The p-quantile of Gamma(shape, rate) (mean shape/rate): the x with P(shape, x·rate) = p, to about
 * 1e-12 relative. Newton steps on P from Wilson–Hilferty's start, each kept inside a bracket that
 * bisection narrows, so it converges for every shape (tiny shapes have most of their mass near 0).
 * NaN unless 0 ≤ p ≤ 1, shape > 0 and rate > 0.
 */
export function gammaQuantile(p: number, shape: number, rate: number): number {
  if (!(p >= 0 && p <= 1 && shape > 0 && rate > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const a = shape;
  // the bracket [lo, hi] of the unit-rate quantile
  let lo = 0;
  let hi = Math.max(1, a);
  while (regularizedGammaP(a, hi) < p) {
    lo = hi;
    hi *= 2;
  }
  // Wilson–Hilferty: (x/a)^(1/3) ≈ 1 − 1/(9a) + z/(3√a), z the normal quantile (a rough one is enough)
  const z = normalQuantileRough(p);
  const c = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
  // for a small shape the lower tail is P(a, x) ≈ x^a/(a·Γ(a)): its inverse starts nearer than Wilson–Hilferty
  let x = a < 1 ? exp((log(p) + log(a) + logGamma(a)) / a) : c > 0 ? a * c * c * c : (lo + hi) / 2;
  if (!(x > lo && x < hi)) x = (lo + hi) / 2;
  const lga = logGamma(a);
  for (let i = 0; i < 200; i++) {
    const f = regularizedGammaP(a, x) - p;
    if (f === 0) break;
    if (f < 0) lo = x;
    else hi = x;
    const density = exp(-x + (a - 1) * log(x) - lga);
    let next = density > 0 ? x - f / density : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-14 * x || hi - lo <= 1e-15 * hi) {
      x = next;
      break;
    }
    x = next;
  }
  return x / rate;
}

/**
 * Φ⁻¹(p) to about 4.5e-4 (Abramowitz & Stegun 26.2.23): only a starting point for the Newton steps
 * above.
 */
function normalQuantileRough(p: number): number {
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * log(q));
  const z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  return p < 0.5 ? -z : z;
}

