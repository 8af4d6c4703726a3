// Deterministic exp, log, log1p, expm1, pow, log10 and pow10: the same bits in every JavaScript
// engine. ECMAScript leaves Math's exp, log, pow… implementation-approximated (V8 changed its libm
// between Node 20 and current Chromium, moving ~3–10 % of results by an ulp), so the engine core calls
// these instead. Ported from fdlibm / FreeBSD msun (e_exp.c, e_log.c, s_log1p.c, s_expm1.c, e_pow.c,
// e_log10.c) with only IEEE basic operations (+ − × ÷, Math.sqrt, Math.abs: exact everywhere) and bit
// reads through one shared scratch; error < 1 ulp. No allocation per call: exp runs once per
// lognormal event in the kernel.
// Where fdlibm writes exponent bits (2^k, normalising a mantissa), exp, log, log1p and expm1 multiply
// by an entry of an exact table of powers of two instead: the same bits (the product is exact, or
// rounds once where fdlibm's does), and V8 multiplies far faster than it round-trips such a write.
//
// Ported from fdlibm/FreeBSD msun; the Sun Microsystems copyright notice permits use:
// ====================================================
// Copyright (C) 1993, 2004 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

import { clearLowWord, F64, fromHighWord, HI, I32, LO, U32 } from './words.js';

const LN2_HI = 6.93147180369123816490e-1; // 0x3fe62e42_fee00000: k·LN2_HI is exact for |k| < 2000
const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef_35793c76
const INV_LN2 = 1.44269504088896338700e0; // 0x3ff71547_652b82fe
const O_THRESHOLD = 7.09782712893383973096e2; // 0x40862e42_fefa39ef: exp overflows above
const U_THRESHOLD = -7.45133219101941108420e2; // 0xc0874910_d52d3051: exp underflows to 0 below
const TWO54 = 1.8014398509481984e16; // 2^54
const TWO53 = 9007199254740992; // 2^53
const TWO_P1023 = 8.98846567431158e307; // 2^1023
const TWO_M1000 = 9.332636185032189e-302; // 2^−1000
const E = 2.718281828459045; // 0x4005bf0a_8b145769: e correctly rounded
// exp's thresholds on |x|: the doubles with fdlibm's high words and a zero low word
const EXP_BEYOND = 709.7822265625; // 0x40862e42_00000000
const HALF_LN2_UP = 0.3465735912322998; // 0x3fd62e43_00000000
const THREE_HALVES_LN2 = 1.0397205352783203; // 0x3ff0a2b2_00000000
const TWO_M28 = 3.725290298461914e-9; // 0x3e300000_00000000

/** 2^k for k in [−1074, 1023] at POW2[k + POW2_BIAS], built by exact doubling and halving. */
const POW2_BIAS = 1074;
const POW2 = new Float64Array(POW2_BIAS + 1024);
{
  let p = 1;
  for (let k = 0; k <= 1023; k++, p *= 2) POW2[k + POW2_BIAS] = p;
  p = 1;
  for (let k = 0; k >= -1074; k--, p /= 2) POW2[k + POW2_BIAS] = p;
}

// exp(r) ≈ 1 + r + r·R1(r)/(2 − R1(r)), R1(r) = r − (P1·r² + … + P5·r¹⁰), error < 2^−59 (e_exp.c)
const P1 = 1.66666666666666019037e-1; // 0x3fc55555_5555553e
const P2 = -2.77777777770155933842e-3; // 0xbf66c16c_16bebd93
const P3 = 6.61375632143793436117e-5; // 0x3f11566a_af25de2c
const P4 = -1.65339022054652515390e-6; // 0xbebbbd41_c5d26bf1
const P5 = 4.13813679705723846039e-8; // 0x3e663769_72bea4d0

// log(1 + f) = 2s + s·R(s²), s = f/(2 + f), R by a degree-14 Remez fit, error < 2^−58.45 (e_log.c, s_log1p.c)
const LG1 = 6.666666666666735130e-1; // 0x3fe55555_55555593
const LG2 = 3.999999999940941908e-1; // 0x3fd99999_9997fa04
const LG3 = 2.857142874366239149e-1; // 0x3fd24924_94229359
const LG4 = 2.222219843214978396e-1; // 0x3fcc71c5_1d8e78af
const LG5 = 1.818357216161805012e-1; // 0x3fc74664_96cb03de
const LG6 = 1.531383769920937332e-1; // 0x3fc39a09_d078c69f
const LG7 = 1.479819860511658591e-1; // 0x3fc2f112_df3e5244

// expm1: the scaled Q's of s_expm1.c, for R1(2z) with z = x²/2, error < 2^−61
const Q1 = -3.33333333333331316428e-2; // 0xbfa11111_111110f4
const Q2 = 1.58730158725481460165e-3; // 0x3f5a01a0_19fe5585
const Q3 = -7.93650757867487942473e-5; // 0xbf14ce19_9eaadbb7
const Q4 = 4.00821782732936239552e-6; // 0x3ed0cfca_86e65239
const Q5 = -2.01099218183624371326e-7; // 0xbe8afdb7_6e09c32d

/**
 * e^x, fdlibm's __ieee754_exp: x = k·ln2 + r with |r| ≤ ln2/2, exp(r) by a rational approximation,
 * scaled by 2^k. Error < 1 ulp. exp(NaN) = NaN, exp(+∞) = +∞, exp(−∞) = 0; overflows to +∞ above
 * 709.782712893384 and underflows to 0 below −745.1332191019411 (subnormal results in between);
 * exp(1) is Math.E exactly, as in V8's port.
 *
 * This is fdlibm's exp for 2^−28 ≤ |x| < 709.78… in one path. Its k = ±1 branch (ln2/2 < |x| <
 * 1.5·ln2) is the general reduction, whose rounding of x/ln2 gives ±1 there; its k = 0 branch is the
 * general one with k = 0, bit for bit (x − 0·ln2_hi = x, and (x·c)/(c − 2) − x = −((x·c)/(2 − c) + x)
 * exactly). Kept small for V8 to inline, with the constants written out so that they stay immediates
 * when a bundler turns module constants into variables. Everything else goes to expFull.
 */
export function exp(x: number): number {
  const ax = x < 0 ? -x : x;
  if (!(ax >= 3.725290298461914e-9 && ax < 709.7822265625)) return expFull(x); // TWO_M28, EXP_BEYOND; NaN
  if (x === 1) return 2.718281828459045; // E, as V8's fdlibm port: the steps below give e + 1 ulp
  // k = 0 below HALF_LN2_UP, else x/ln2 rounded (INV_LN2; C's (int) truncation)
  const k = ax < 0.3465735912322998 ? 0 : (1.4426950408889634 * x + (x > 0 ? 0.5 : -0.5)) | 0;
  const hi = x - k * 0.6931471803691238; // LN2_HI, exact
  const lo = k * 1.9082149292705877e-10; // LN2_LO
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (0.16666666666666602 + t * (-0.0027777777777015593 + t * (6.613756321437934e-5 + t * (-1.6533902205465252e-6 + t * 4.1381367970572385e-8)))); // P1..P5
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return k >= -1021 && k <= 1023 ? y * POW2[k + 1074]! : scaleBeyond(y, k); // POW2_BIAS
}

/** fdlibm's exp in full, every branch as written: what exp runs for |x| < 2^−28, |x| ≥ 709.78… and NaN. */
function expFull(x: number): number {
  // fdlibm branches on the high word hx of |x|; each test below is the same test on |x| itself
  // (hx ≥ h ⟺ |x| ≥ the double with high word h and low word 0), which spares the bit read.
  const ax = x < 0 ? -x : x;
  if (!(ax < EXP_BEYOND)) return expBeyond(x); // hx ≥ 0x40862e42: |x| ≥ 709.78…, or NaN
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax >= HALF_LN2_UP) {
    // hx > 0x3fd62e42: |x| > ln2/2, reduce
    if (ax < THREE_HALVES_LN2) {
      // hx < 0x3ff0a2b2: |x| < 1.5·ln2, k = ±1
      if (x === 1) return E; // as V8's fdlibm port: the steps below give e + 1 ulp
      if (x > 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INV_LN2 * x + (x > 0 ? 0.5 : -0.5)) | 0; // C's (int) truncation
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < TWO_M28) {
    // hx < 0x3e300000: |x| < 2^−28
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021 && k <= 1023) return y * POW2[k + POW2_BIAS]!;
  return scaleBeyond(y, k);
}

/** exp for |x| ≥ 709.78…: NaN, ±∞, overflow, underflow, and the finite results just inside the thresholds. */
function expBeyond(x: number): number {
  if (x !== x) return x + x; // NaN
  if (x > O_THRESHOLD) return Infinity; // overflow, and exp(+∞)
  if (x < U_THRESHOLD) return 0; // underflow, and exp(−∞)
  // fdlibm's general reduction (|x| > 1.5·ln2)
  const k = (INV_LN2 * x + (x > 0 ? 0.5 : -0.5)) | 0;
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  return scaleBeyond(1 - (lo - (r * c) / (2 - c) - hi), k);
}

/** y·2^k for k = 1024 (y·2·2^1023) or k < −1021 (a subnormal result: y·2^(k+1000) exact, then ·2^−1000 rounds once). */
function scaleBeyond(y: number, k: number): number {
  if (k >= -1021) return k === 1024 ? y * 2 * TWO_P1023 : y * POW2[k + POW2_BIAS]!;
  return y * POW2[k + 1000 + POW2_BIAS]! * TWO_M1000;
}

/**
 * The natural logarithm, fdlibm's __ieee754_log: x = 2^k·(1 + f) with √2/2 < 1 + f < √2, then
 * log(1 + f) = f − s·(f − R) or the hfsq form, plus k·ln2 in two pieces. Error < 1 ulp.
 * log(±0) = −∞, log(x < 0) = NaN, log(+∞) = +∞, log(NaN) = NaN; subnormals are handled.
 * Split in three (this, logBeyond, logReduced) so that V8 inlines the common path.
 */
export function log(x: number): number {
  F64[0] = x;
  let hx = I32[HI]!;
  if (hx < 0x00100000 || hx >= 0x7ff00000) return logBeyond(x); // ±0, negative, subnormal, ∞, NaN
  const e = (hx >> 20) - 1023; // the binary exponent
  hx &= 0x000fffff;
  const half = ((hx + 0x95f64) & 0x100000) >> 20; // 1 when the mantissa is ≥ √2: normalise to x/2
  // x·2^−(e+half) is exact: fdlibm's SET_HIGH_WORD of exponent 0x3ff or 0x3fe
  return logReduced(x * POW2[1074 - e - half]! - 1, hx, e + half); // POW2_BIAS = 1074
}

/** log for x < 2^−1022 (±0, negative, subnormal) and for ∞ and NaN. */
function logBeyond(x: number): number {
  if (x === 0) return -Infinity; // log(±0)
  if (!(x > 0)) return NaN; // log(x < 0), log(NaN)
  if (x === Infinity) return x;
  x *= TWO54; // a subnormal, scaled up: k starts at −54
  F64[0] = x;
  let hx = I32[HI]!;
  const e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const half = ((hx + 0x95f64) & 0x100000) >> 20;
  return logReduced(x * POW2[POW2_BIAS - e - half]! - 1, hx, e + half - 54);
}

/**
 * k·ln2 + log(1 + f) for the reduced f (hx: the top 20 mantissa bits of x before normalising).
 * fdlibm's separate k = 0 returns are folded in: with k = 0 they equal these bit for bit, since
 * 0 − y = −y and rounding to nearest is symmetric (f − d = −(d − f)).
 */
function logReduced(f: number, hx: number, k: number): number {
  // Constants written out (LN2_HI, LN2_LO, LG1–LG7) so that they stay immediates when bundled.
  if (((2 + hx) & 0x000fffff) < 3) {
    // −2^−20 ≤ f < 2^−20
    if (f === 0) return k === 0 ? 0 : k * 0.6931471803691238 + k * 1.9082149292705877e-10;
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return k * 0.6931471803691238 - (r - k * 1.9082149292705877e-10 - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (0.3999999999940942 + w * (0.22222198432149784 + w * 0.15313837699209373)); // LG2, LG4, LG6
  const t2 = z * (0.6666666666666735 + w * (0.2857142874366239 + w * (0.1818357216161805 + w * 0.14798198605116586))); // LG1, 3, 5, 7
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k * 0.6931471803691238 - (hfsq - (s * (hfsq + r) + k * 1.9082149292705877e-10) - f);
  }
  return k * 0.6931471803691238 - (s * (f - r) - k * 1.9082149292705877e-10 - f);
}

/**
 * log(1 + x), accurate for small x: msun's log1p (1 + x = 2^k·(1 + f) with a correction term c/u for
 * the rounding of u = 1 + x). Error < 1 ulp. log1p(−1) = −∞, log1p(x < −1) = NaN, log1p(±0) = ±0,
 * log1p(+∞) = +∞, log1p(NaN) = NaN.
 */
export function log1p(x: number): number {
  F64[0] = x;
  const hx = I32[HI]!;
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2+
    if (ax >= 0x3ff00000) {
      // x ≤ −1
      if (x === -1) return -Infinity;
      return NaN;
    }
    if (ax < 0x3e200000) {
      // |x| < 2^−29
      if (ax < 0x3c900000) return x; // |x| < 2^−54
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // √2/2− ≤ 1 + x < √2+: f = x exactly
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      F64[0] = u;
      hu = I32[HI]!;
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // the correction term
      c /= u;
    } else {
      u = x; // x ≥ 2^53: 1 + x rounds to x
      hu = hx;
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu >= 0x6a09e) {
      k += 1; // normalise u/2 rather than u
      hu = (0x00100000 - hu) >> 2;
    }
    u *= POW2[POW2_BIAS - k]!; // exact: the exponent field becomes 0x3ff (u) or 0x3fe (u/2)
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^−20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const r = hfsq * (1 - 0.66666666666666666 * f);
    if (k === 0) return f - r;
    return k * LN2_HI - (r - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + r));
  return k * LN2_HI - (hfsq - (s * (hfsq + r) + (k * LN2_LO + c)) - f);
}

/**
 * e^x − 1, accurate for small x: fdlibm's expm1 (x = k·ln2 + r with a correction c, a rational
 * approximation of expm1(r), then 2^k·(expm1(r) + 1) − 1 arranged to avoid cancellation). Error < 1 ulp.
 * expm1(±0) = ±0, expm1(+∞) = +∞, expm1(−∞) = −1, expm1(NaN) = NaN; −1 below −56·ln2; +∞ above 709.78….
 */
export function expm1(x: number): number {
  F64[0] = x;
  let hx = I32[HI]!;
  const negative = hx < 0;
  hx &= 0x7fffffff; // high word of |x|
  if (hx >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (hx >= 0x40862e42) {
      // |x| ≥ 709.78…
      if (hx >= 0x7ff00000) {
        if (x !== x) return x + x; // NaN
        return negative ? -1 : x; // expm1(±∞) = {∞, −1}
      }
      if (x > O_THRESHOLD) return Infinity;
    }
    if (negative) return -1; // x < −56·ln2
  }
  let k = 0;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5·ln2
      if (!negative) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    // |x| < 2^−54
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  let y: number;
  if (k <= -2 || k > 56) {
    // exp(x) − 1 suffices
    y = 1 - (e - x);
    if (k === 1024) y = y * 2 * TWO_P1023;
    else y = y * POW2[k + POW2_BIAS]!;
    return y - 1;
  }
  if (k < 20) {
    t = 1 - POW2[POW2_BIAS - k]!; // 1 − 2^−k, exact
    y = t - (e - x);
  } else {
    t = POW2[POW2_BIAS - k]!; // 2^−k
    y = x - (e + t);
    y += 1;
  }
  return y * POW2[k + POW2_BIAS]!;
}

// pow: log2(x) in extra precision, y·log2(x) = n + y', 2^y' by the exp approximation (e_pow.c)
const DP_H1 = 5.84962487220764160156e-1; // 0x3fe2b803_40000000: log2(1.5) head
const DP_L1 = 1.35003920212974897128e-8; // 0x3e4cfdeb_43cfd006: log2(1.5) tail
const L1 = 5.99999999999994648725e-1; // 0x3fe33333_33333303
const L2 = 4.28571428578550184252e-1; // 0x3fdb6db6_db6fabff
const L3 = 3.33333329818377432918e-1; // 0x3fd55555_518f264d
const L4 = 2.72728123808534006489e-1; // 0x3fd17460_a91d4101
const L5 = 2.30660745775561754067e-1; // 0x3fcd864a_93c9db65
const L6 = 2.06975017800338417784e-1; // 0x3fca7e28_4a454eef
const LG2_ = 6.93147180559945286227e-1; // 0x3fe62e42_fefa39ef: ln 2
const LG2_H = 6.93147182464599609375e-1; // 0x3fe62e43_00000000
const LG2_L = -1.90465429995776804525e-9; // 0xbe205c61_0ca86c39
const OVT = 8.0085662595372944372e-17; // −(1024 − log2(ovfl + 0.5 ulp))
const CP = 9.61796693925975554329e-1; // 0x3feec709_dc3a03fd: 2/(3·ln2)
const CP_H = 9.61796700954437255859e-1; // 0x3feec709_e0000000
const CP_L = -7.02846165095275826516e-9; // 0xbe3e2fe0_145b01f5
const IVLN2 = 1.44269504088896338700e0; // 0x3ff71547_652b82fe: 1/ln2
const IVLN2_H = 1.44269502162933349609e0; // 0x3ff71547_60000000
const IVLN2_L = 1.92596299112661746887e-8; // 0x3e54ae0b_f85ddf44

/**
 * x^y, fdlibm's __ieee754_pow: log2(x) in two pieces, y·log2(x) = n + y' in simulated extra precision,
 * then 2^n·exp(y'·ln2). Nearly correctly rounded (error < 1 ulp in practice); pow(integer, integer) is
 * exact when representable. Special cases as in fdlibm 5.3, which match ECMAScript's `**`:
 * x^±0 = 1 (even for NaN x), NaN if either is NaN otherwise (so 1^NaN = NaN), (±1)^±∞ = NaN,
 * (|x| > 1)^+∞ = +∞, (|x| < 1)^+∞ = +0, ±0 and ±∞ bases by the sign and oddness of y, and
 * (x < 0)^(non-integer) = NaN.
 */
export function pow(x: number, y: number): number {
  F64[0] = x;
  const hx = I32[HI]!;
  const lx = U32[LO]!;
  F64[0] = y;
  const hy = I32[HI]!;
  const ly = U32[LO]!;
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x^±0 = 1
  // NaN if either argument is NaN (fdlibm 5.3; C99's 1^NaN = 1 is not ECMAScript's)
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) {
    return NaN;
  }

  // yisint: 0 if y is not an integer, 1 if an odd integer, 2 if an even integer (only when x < 0)
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2; // |y| ≥ 2^53: even
    else if (iy >= 0x3ff00000) {
      const e = (iy >> 20) - 0x3ff; // exponent of y
      if (e > 20) {
        const j = ly >>> (52 - e);
        if (j << (52 - e) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - e);
        if (j << (20 - e) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  // special values of y
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±∞
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // (|x| > 1)^±∞ = {∞, 0}
      return hy < 0 ? -y : 0; // (|x| < 1)^−,+∞ = {∞, 0}
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x ≥ +0
  }

  let ax = Math.abs(x);
  // special values of x: ±0, ±∞, ±1
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    let z = ax;
    if (hy < 0) z = 1 / z; // 1/|x|
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = NaN; // (−1)^non-integer
      else if (yisint === 1) z = -z; // (x < 0)^odd = −(|x|^odd)
    }
    return z;
  }

  let n = (hx >>> 31) - 1; // 0 when x < 0, −1 otherwise
  if ((n | yisint) === 0) return NaN; // (x < 0)^non-integer

  let s = 1; // the sign of the result: −1 for (negative)^(odd integer)
  if ((n | (yisint - 1)) === 0) s = -1;

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: must overflow or underflow
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      if (ix >= 0x3ff00000) return hy > 0 ? Infinity : 0;
    }
    // overflow or underflow unless x is close to 1
    if (ix < 0x3fefffff) return hy < 0 ? s * Infinity : s * 0;
    if (ix > 0x3ff00000) return hy > 0 ? s * Infinity : s * 0;
    // |1 − x| ≤ 2^−20: log(x) by x − x²/2 + x³/3 − x⁴/4
    const t = ax - 1; // 20 trailing zeros
    const w = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u = IVLN2_H * t; // IVLN2_H has 21 significant bits
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLowWord(u + v);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO53;
      n -= 53;
      F64[0] = ax;
      ix = I32[HI]!;
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    // the interval of the mantissa: [1, √1.5), [√1.5, √3), or halve it
    ix = j | 0x3ff00000;
    let half: number; // 0: bp = 1, 1: bp = 1.5
    if (j <= 0x3988e) half = 0;
    else if (j < 0xbb67a) half = 1;
    else {
      half = 0;
      n += 1;
      ix -= 0x00100000;
    }
    F64[0] = ax;
    I32[HI] = ix;
    ax = F64[0]!;
    const bp = half === 0 ? 1 : 1.5;
    const dpH = half === 0 ? 0 : DP_H1;
    const dpL = half === 0 ? 0 : DP_L1;

    // ss = s_h + s_l = (x − 1)/(x + 1) or (x − 1.5)/(x + 1.5)
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = clearLowWord(ss);
    // t_h = ax + bp, high part
    let tH = fromHighWord(((ix >> 1) | 0x20000000) + 0x00080000 + (half << 18));
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = clearLowWord(3 + s2 + r);
    tL = r - (tH - 3 - s2);
    // u + v = ss·(1 + …)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3·ln2)·(ss + …)
    const pH = clearLowWord(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH; // CP_H + CP_L = 2/(3·ln2)
    const zL = CP_L * pH + pL * CP + dpL;
    // log2(ax) = (ss + …)·2/(3·ln2) = n + dp_h + z_h + z_l
    const t = n;
    t1 = clearLowWord(zH + zL + dpH + t);
    t2 = zL - (t1 - t - dpH - zH);
  }

  // split y into y1 + y2 and compute (y1 + y2)·(t1 + t2)
  const y1 = clearLowWord(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  F64[0] = z;
  let j = I32[HI]!;
  let i = U32[LO]!;
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return s * Infinity; // z > 1024
    if (pL + OVT > z - pH) return s * Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (j !== (0xc090cc00 | 0) || i !== 0) return s * 0; // z < −1075
    if (pL <= z - pH) return s * 0;
  }

  // 2^(p_h + p_l)
  i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff; // the new k for n
    const t = fromHighWord(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLowWord(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2_ + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const r1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * r1) / (r1 - 2) - (w + z * w);
  z = 1 - (r - z);
  F64[0] = z;
  j = I32[HI]! + (n << 20);
  if (j >> 20 <= 0) {
    // subnormal result: scalbn(z, n) with one rounding (z·2^(n+1000) is exact, ·2^−1000 rounds)
    z = z * POW2[n + 1000 + POW2_BIAS]! * TWO_M1000;
  } else {
    I32[HI] = j;
    z = F64[0]!;
  }
  return s * z;
}

// pow10: 10^y as V8 computes `10 ** y` (Node 20 and current Chromium alike). V8's port of e_pow.c ends
// with r = (z·t1)/((t1 − 2) − (w + z·w)) where fdlibm has (z·t1)/(t1 − 2) − (w + z·w); the two differ by
// an ulp for a few per cent of inputs. pow above keeps fdlibm's line (the kernel's draws rest on it);
// pow10 keeps V8's, so that the synthetic generator's site values stay the bits it always gave.
const LOG2_10_HI = 3.321928024291992; // 0x400a934f_00000000: e_pow.c's t1 for x = 10 (log2(10), low word cleared)
const LOG2_10_LO = 7.05953701603694e-8; // 0x3e72f346_e2bf9206: its t2, log2(10) − t1 in extra precision

/**
 * 10^y, bit for bit what V8's `10 ** y` (Math.pow(10, y)) returns: e_pow.c with x = 10, so log2(10) is
 * the constant pair t1 + t2 that e_pow.c's first half computes for x = 10, then y·log2(10) = n + y' in
 * simulated extra precision and 2^n·2^y' as in pow. 10^±0 = 1, 10^NaN = NaN, 10^+∞ = +∞, 10^−∞ = +0,
 * 10^1 = 10, 10^−1 = 0.1 (1/10), 10^2 = 100, 10^0.5 = √10; overflows to +∞ above ~308.25 and
 * underflows to 0 below ~−323.6, with subnormal results in between.
 */
export function pow10(y: number): number {
  F64[0] = y;
  const hy = I32[HI]!;
  const ly = U32[LO]!;
  const iy = hy & 0x7fffffff;
  if ((iy | ly) === 0) return 1; // 10^±0
  if (iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) return NaN;
  if (ly === 0) {
    if (iy === 0x7ff00000) return hy >= 0 ? y : 0; // (|x| > 1)^±∞ = {∞, 0}
    if (iy === 0x3ff00000) return hy < 0 ? 1 / 10 : 10; // y = ±1
    if (hy === 0x40000000) return 100; // y = 2: x·x
    if (hy === 0x3fe00000) return Math.sqrt(10); // y = 0.5
  }
  // |y| > 2^31: e_pow.c's "x not close to 1" branch for x = 10 (and |y| > 2^64 gives the same)
  if (iy > 0x41e00000) return hy > 0 ? Infinity : 0;

  // split y into y1 + y2 and compute (y1 + y2)·(t1 + t2)
  const y1 = clearLowWord(y);
  const pL = (y - y1) * LOG2_10_HI + y * LOG2_10_LO;
  let pH = y1 * LOG2_10_HI;
  let z = pL + pH;
  F64[0] = z;
  let j = I32[HI]!;
  let i = U32[LO]!;
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return Infinity; // z > 1024
    if (pL + OVT > z - pH) return Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (j !== (0xc090cc00 | 0) || i !== 0) return 0; // z < −1075
    if (pL <= z - pH) return 0;
  }

  // 2^(p_h + p_l), as in pow
  i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  let n = 0;
  if (i > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromHighWord(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLowWord(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2_ + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const r1 = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * r1) / (r1 - 2 - (w + z * w)); // V8's grouping (see above)
  z = 1 - (r - z);
  F64[0] = z;
  j = I32[HI]! + (n << 20);
  if (j >> 20 <= 0) return z * POW2[n + 1000 + POW2_BIAS]! * TWO_M1000; // subnormal: scalbn with one rounding
  I32[HI] = j;
  return F64[0]!;
}

const IVLN10 = 4.34294481903251816668e-1; // 0x3fdbcb7b_1526e50e: 1/ln 10
const LOG10_2HI = 3.01029995663611771306e-1; // 0x3fd34413_509f6000: log10(2), 40 bits
const LOG10_2LO = 3.69423907715893078616e-13; // 0x3d59fef3_11f12b36: log10(2) − LOG10_2HI

/**
 * The base-10 logarithm, fdlibm's __ieee754_log10 as V8 runs it: x = 2^n·m with m in [1, 2) (or
 * [0.5, 1) for n < 0), then n·log10(2) in two pieces plus log(m)/ln 10. log10(10^k) = k exactly for
 * k = 0…22. log10(±0) = −∞, log10(x < 0) = NaN, log10(+∞) = +∞, log10(NaN) = NaN; subnormals handled.
 */
export function log10(x: number): number {
  F64[0] = x;
  let hx = I32[HI]!;
  const lx = U32[LO]!;
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^−1022
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log10(±0)
    if (hx < 0) return NaN; // log10(x < 0)
    k -= 54;
    x *= TWO54; // a subnormal, scaled up
    F64[0] = x;
    hx = I32[HI]!;
  }
  if (hx >= 0x7ff00000) return x + x; // +∞, NaN
  if (x === 1) return 0; // log10(1) = +0
  const e = (hx >> 20) - 1023; // the binary exponent of x (scaled up if subnormal)
  k += e;
  const i = k < 0 ? 1 : 0; // (k & 0x80000000) >>> 31
  const y = k + i;
  // x·2^−(e+i) is exact: fdlibm's SET_HIGH_WORD of exponent 0x3ff − i
  const m = x * POW2[POW2_BIAS - e - i]!;
  const z = y * LOG10_2LO + IVLN10 * log(m);
  return z + y * LOG10_2HI;
}
