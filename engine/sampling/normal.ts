// Standard normal: erfc by W. J. Cody's rational Chebyshev approximations (Math. Comp. 1969; netlib CALERF),
// the quantile by P. J. Acklam's rational approximation refined with one Halley step against that erfc,
// and sampling by the ziggurat method.
import type { Rng } from '../rng/rng.js';
import { exp, log } from '../math/det-math.js';
import { zigguratNormal } from './ziggurat.js';

const SQRT_2PI = 2.5066282746310002; // sqrt(2π)
const SQRT1_2 = Math.SQRT1_2;

/**
 * The complementary error function erfc(x) = 1 − erf(x), by Cody's rational approximations
 * (relative error near 1e-16 across the range; 0 beyond x ≈ 26.543 where erfc underflows).
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  let r: number;
  if (y <= 0.46875) {
    // erf(x) = x · P(x²)/Q(x²) on |x| ≤ 0.46875.
    const z = y > 1.11e-16 ? y * y : 0;
    const num = (((0.185777706184603153 * z + 3.1611237438705656) * z + 113.864154151050156) * z +
      377.485237685302021) * z + 3209.37758913846947;
    const den = (((z + 23.6012909523441209) * z + 244.024637934444173) * z + 1282.61652607737228) * z +
      2844.23683343917062;
    return 1 - (x * num) / den;
  }
  if (y <= 4) {
    // erfc(y) = exp(−y²) · P(y)/Q(y) on 0.46875 < y ≤ 4.
    const num = (((((((2.15311535474403846e-8 * y + 0.564188496988670089) * y + 8.88314979438837594) * y +
      66.1191906371416295) * y + 298.635138197400131) * y + 881.95222124176909) * y + 1712.04761263407058) * y +
      2051.07837782607147) * y + 1230.33935479799725;
    const den = (((((((y + 15.7449261107098347) * y + 117.693950891312499) * y + 537.181101862009858) * y +
      1621.38957456669019) * y + 3290.79923573345963) * y + 4362.61909014324716) * y + 3439.36767414372164) * y +
      1230.33935480374942;
    r = num / den;
  } else if (y >= 26.543) {
    return x > 0 ? 0 : 2; // erfc(26.543) underflows
  } else {
    // erfc(y) = exp(−y²)/y · (1/√π + 1/y² · P(1/y²)/Q(1/y²)) for y > 4.
    const z = 1 / (y * y);
    const num = ((((0.0163153871373020978 * z + 0.305326634961232344) * z + 0.360344899949804439) * z +
      0.125781726111229246) * z + 0.0160837851487422766) * z + 6.58749161529837803e-4;
    const den = ((((z + 2.56852019228982242) * z + 1.87295284992346047) * z + 0.527905102951428412) * z +
      0.0605183413124413191) * z + 0.00233520497626869185;
    r = (0.56418958354775628695 - (z * num) / den) / y;
  }
  // exp(−y²) split as exp(−t²)·exp(−(y−t)(y+t)) with t = y rounded down to 1/16, so y² loses no bits.
  const t = Math.trunc(y * 16) / 16;
  r *= exp(-t * t) * exp(-(y - t) * (y + t));
  return x < 0 ? 2 - r : r;
}

/** The standard normal CDF Φ(x) = erfc(−x/√2)/2, accurate in relative terms in the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/**
 * The standard normal quantile Φ⁻¹(p): Acklam's approximation (relative error 1.15e-9) refined by
 * one Halley step, giving about 1e-15 relative accuracy. Returns ∓Infinity at p = 0 and 1, NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (p > 0.5) return -lowerQuantile(1 - p); // 1 − p is exact for p in [0.5, 1]
  return lowerQuantile(p);
}

/** Φ⁻¹(p) for p ≤ 0.5, where Φ(x) − p can be evaluated without cancellation. */
function lowerQuantile(p: number): number {
  if (!(p > 0)) return p === 0 ? -Infinity : NaN;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * log(p));
    x = (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q +
      4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r -
      3.066479806614716e1) * r + 2.506628277459239) * q) /
      (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r -
        1.328068155288572e1) * r + 1);
  }
  // One Halley step on Φ(x) − p = 0: u = (Φ(x) − p)/φ(x); x ← x − u/(1 + x·u/2).
  // Skipped below p ≈ 1e-300 where exp(x²/2) would overflow (Acklam alone is then within 1.15e-9).
  if (p > 1e-300) {
    const u = (normalCdf(x) - p) * SQRT_2PI * exp(0.5 * x * x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}

/**
 * One standard normal draw: the ziggurat method (one 32-bit draw most of the time; see
 * ziggurat.ts). Inversion (normalQuantile) stays for quantiles; sampling takes the faster path.
 */
export function sampleNormal(rng: Rng): number {
  return zigguratNormal(rng);
}
