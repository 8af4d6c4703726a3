// Deterministic sin, cos and asin: the same bits in every JavaScript engine. Node 20's V8 runs fdlibm's
// sin, cos and asin; newer V8 (current Chromium) runs other libm code that differs in the last bit for
// some inputs, so the engine core calls these. Ported from fdlibm (s_sin.c, s_cos.c, k_sin.c, k_cos.c,
// e_rem_pio2.c, k_rem_pio2.c, e_asin.c) as V8 carries it, with IEEE basic operations only (+ − × ÷,
// Math.sqrt, Math.abs, Math.floor, Math.trunc: exact everywhere) and bit reads through one scratch.
// Every finite argument is reduced exactly (Payne–Hanek for |x| ≥ 2^19·π/2); no allocation per call.
//
// Ported from fdlibm; the Sun Microsystems copyright notice permits use:
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

import { clearLowWord, F64, fromWords, HI, highWord, I32, LO, U32 } from './words.js';

/** 2^k for k in [−1022, 1023] (the exponents k_rem_pio2 scales by), exact. */
function pow2(k: number): number {
  return fromWords((k + 1023) << 20, 0);
}

// ---------------------------------------------------------------------------------------------
// Kernels on [−π/4, π/4]: x + y is the reduced argument with its tail y (k_sin.c, k_cos.c)

// sin(x) ≈ x + S1·x³ + … + S6·x¹³ on [0, π/4], |error| < 2^−58
const S1 = -1.66666666666666324348e-1; // 0xbfc55555_55555549
const S2 = 8.33333333332248946124e-3; // 0x3f811111_1110f8a6
const S3 = -1.98412698298579493134e-4; // 0xbf2a01a0_19c161d5
const S4 = 2.75573137070700676789e-6; // 0x3ec71de3_57b1fe7d
const S5 = -2.50507602534068634195e-8; // 0xbe5ae5e6_8a2b9ceb
const S6 = 1.58969099521155010221e-10; // 0x3de5d93a_5acfd57c

// cos(x) ≈ 1 − x²/2 + C1·x⁴ + … + C6·x¹⁴ on [0, π/4], |error| < 2^−58
const C1 = 4.16666666666666019037e-2; // 0x3fa55555_5555554c
const C2 = -1.38888888888741095749e-3; // 0xbf56c16c_16c15177
const C3 = 2.48015872894767294178e-5; // 0x3efa01a0_19cb1590
const C4 = -2.75573143513906633035e-7; // 0xbe927e4f_809c52ad
const C5 = 2.08757232129817482790e-9; // 0x3e21ee9e_bdb4b1c4
const C6 = -1.13596475577881948265e-11; // 0xbda8fae9_be8838d4

/** sin(x + y) for |x| ≤ π/4; `iy` 0 when y is known to be 0 (__kernel_sin). */
function kernelSin(x: number, y: number, iy: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return x; // |x| < 2^−27: sin(x) rounds to x
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/**
 * cos(x + y) for |x| ≤ π/4 (__kernel_cos): 1 − (x²/2 − (r − x·y)), and above |x| = 0.3 with an exact
 * qx (x/4 with the low word cleared, or 0.28125) taken out of both terms so the subtraction loses less.
 */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^−27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

// ---------------------------------------------------------------------------------------------
// Argument reduction: x − n·π/2 = Y0 + Y1 (e_rem_pio2.c)

/** The reduced argument of the last remPio2 call, head and tail (module state: no allocation per call). */
let Y0 = 0;
let Y1 = 0;

const INVPIO2 = 6.36619772367581382433e-1; // 0x3fe45f30_6dc9c883: 53 bits of 2/π
const PIO2_1 = 1.57079632673412561417e0; // 0x3ff921fb_54400000: the first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // 0x3dd0b461_1a626331: π/2 − PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // 0x3dd0b461_1a600000: the next 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // 0x3ba3198a_2e037073: π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // 0x3ba3198a_2e000000: the third 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // 0x397b839a_252049c1: π/2 − (PIO2_1 + PIO2_2 + PIO2_3)

/** High words of n·π/2 for n = 1…32: where the one-step reduction may cancel. */
const NPIO2_HW = new Int32Array([
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a, 0x402f6a7a, 0x4031475c, 0x4032d97c,
  0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c,
  0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
]);

/**
 * n with x − n·π/2 = Y0 + Y1, |Y0| ≤ ~π/4 (only n mod 4 matters to the callers). |x| < 3π/4: one step
 * with π/2 in 33 + 53 bits; |x| ≤ 2^19·π/2: up to three steps (33 bits of π/2 each) until no
 * cancellation is left; beyond: Payne–Hanek (kRemPio2). Callers handle |x| ≤ π/4, ∞ and NaN.
 */
function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        Y0 = z - PIO2_1T;
        Y1 = z - Y0 - PIO2_1T;
      } else {
        // near π/2: 33 + 33 + 53 bits of π/2
        z -= PIO2_2;
        Y0 = z - PIO2_2T;
        Y1 = z - Y0 - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      Y0 = z + PIO2_1T;
      Y1 = z - Y0 + PIO2_1T;
    } else {
      z += PIO2_2;
      Y0 = z + PIO2_2T;
      Y1 = z - Y0 + PIO2_2T;
    }
    return -1;
  }
  if (ix <= 0x413921fb) {
    // |x| ≤ 2^19·π/2: medium size
    const t0 = Math.abs(x);
    const n = (t0 * INVPIO2 + 0.5) | 0; // C's (int32_t) truncation; n < 2^20
    const fn = n;
    let r = t0 - fn * PIO2_1;
    let w = fn * PIO2_1T; // first round, good to 85 bits
    if (n < 32 && ix !== NPIO2_HW[n - 1]) {
      Y0 = r - w; // no cancellation
    } else {
      const j = ix >> 20;
      Y0 = r - w;
      let i = j - ((highWord(Y0) >> 20) & 0x7ff);
      if (i > 16) {
        // second round, good to 118 bits
        let t = r;
        w = fn * PIO2_2;
        r = t - w;
        w = fn * PIO2_2T - (t - r - w);
        Y0 = r - w;
        i = j - ((highWord(Y0) >> 20) & 0x7ff);
        if (i > 49) {
          // third round, 151 bits: covers every case
          t = r;
          w = fn * PIO2_3;
          r = t - w;
          w = fn * PIO2_3T - (t - r - w);
          Y0 = r - w;
        }
      }
    }
    Y1 = r - Y0 - w;
    if (hx < 0) {
      Y0 = -Y0;
      Y1 = -Y1;
      return -n;
    }
    return n;
  }
  // large |x|: split into three 24-bit pieces scaled by 2^−e0
  F64[0] = x;
  const low = U32[LO]!;
  const e0 = (ix >> 20) - 1046; // ilogb(x) − 23
  let z = fromWords(ix - (e0 << 20), low);
  TX[0] = Math.trunc(z);
  z = (z - TX[0]) * TWO24;
  TX[1] = Math.trunc(z);
  z = (z - TX[1]) * TWO24;
  TX[2] = z;
  let nx = 3;
  while (TX[nx - 1] === 0) nx--; // skip zero pieces
  const n = kRemPio2(TX, e0, nx);
  if (hx < 0) {
    Y0 = -Y0;
    Y1 = -Y1;
    return -n;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Payne–Hanek reduction for |x| > 2^19·π/2 (k_rem_pio2.c at 53-bit precision, prec = 2)

const TWO24 = 16777216; // 2^24
const TWON24 = 5.9604644775390625e-8; // 2^−24

/** 2/π in 24-bit pieces: IPIO2[i]·2^(−24(i+1)), 396 hexadecimal digits. */
const IPIO2 = new Int32Array([
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7, 0x246e3a, 0x424dd2, 0xe00649,
  0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b,
  0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5,
  0xf17b3d, 0x0739f7, 0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e, 0xe61b08,
  0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
]);

/** π/2 in 24-bit pieces (the doubles of k_rem_pio2.c's PIo2[]). */
const PIO2 = new Float64Array([
  1.57079625129699707031e0, // 0x3ff921fb_40000000
  7.54978941586159635335e-8, // 0x3e74442d_00000000
  5.39030252995776476554e-15, // 0x3cf84698_80000000
  3.28200341580791294123e-22, // 0x3b78cc51_60000000
  1.27065575308067607349e-29, // 0x39f01b83_80000000
  1.22933308981111328932e-36, // 0x387a2520_40000000
  2.73370053816464559624e-44, // 0x36e38222_80000000
  2.16741683877804819444e-51, // 0x3569f31d_00000000
]);

// k_rem_pio2.c's local arrays, kept between calls (every element is written before it is read)
const TX = new Float64Array(3);
const IQ = new Int32Array(20);
const F = new Float64Array(20);
const FQ = new Float64Array(20);
const Q = new Float64Array(20);

/**
 * The last three bits of n with x·2^e0 − n·π/2 = Y0 + Y1, for x given as nx 24-bit pieces (x[0] scaled
 * by 2^e0): the product with 2/π is formed from only the bits of 2/π that matter modulo 8, in 24-bit
 * integer chunks, with more terms added while the fraction cancels to zero.
 */
function kRemPio2(x: Float64Array, e0: number, nx: number): number {
  const jk = 4; // initial terms of IPIO2 for double precision
  const jp = jk;
  const jx = nx - 1;
  let jv = Math.trunc((e0 - 3) / 24);
  if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);

  // F[0 … jx + jk] = IPIO2[jv − jx … jv + jk]
  let j = jv - jx;
  const m = jx + jk;
  for (let i = 0; i <= m; i++, j++) F[i] = j < 0 ? 0 : IPIO2[j]!;
  // Q[0 … jk]
  for (let i = 0; i <= jk; i++) {
    let fw = 0;
    for (j = 0; j <= jx; j++) fw += x[j]! * F[jx + i - j]!;
    Q[i] = fw;
  }

  let jz = jk;
  let z = 0;
  let n = 0;
  let ih = 0;
  for (;;) {
    // distill Q[] into IQ[] in reverse
    let i = 0;
    z = Q[jz]!;
    for (j = jz; j > 0; i++, j--) {
      const fw = Math.trunc(TWON24 * z);
      IQ[i] = Math.trunc(z - TWO24 * fw);
      z = Q[j - 1]! + fw;
    }
    // n
    z *= pow2(q0); // the actual value of z
    z -= 8 * Math.floor(z * 0.125); // trim off integers ≥ 8
    n = Math.trunc(z);
    z -= n;
    ih = 0;
    if (q0 > 0) {
      // IQ[jz − 1] holds bits of n
      i = IQ[jz - 1]! >> (24 - q0);
      n += i;
      IQ[jz - 1] = IQ[jz - 1]! - (i << (24 - q0));
      ih = IQ[jz - 1]! >> (23 - q0);
    } else if (q0 === 0) ih = IQ[jz - 1]! >> 23;
    else if (z >= 0.5) ih = 2;

    if (ih > 0) {
      // the fraction is ≥ 0.5: take 1 − fraction, n + 1
      n += 1;
      let carry = 0;
      for (i = 0; i < jz; i++) {
        const w = IQ[i]!;
        if (carry === 0) {
          if (w !== 0) {
            carry = 1;
            IQ[i] = 0x1000000 - w;
          }
        } else IQ[i] = 0xffffff - w;
      }
      if (q0 === 1) IQ[jz - 1] = IQ[jz - 1]! & 0x7fffff;
      else if (q0 === 2) IQ[jz - 1] = IQ[jz - 1]! & 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= pow2(q0);
      }
    }

    // recompute with more terms if the fraction cancelled
    if (z === 0) {
      let w = 0;
      for (i = jz - 1; i >= jk; i--) w |= IQ[i]!;
      if (w === 0) {
        let k = 1;
        while (jk >= k && IQ[jk - k] === 0) k++; // k = the number of terms needed
        for (i = jz + 1; i <= jz + k; i++) {
          F[jx + i] = IPIO2[jv + i]!;
          let fw = 0;
          for (j = 0; j <= jx; j++) fw += x[j]! * F[jx + i - j]!;
          Q[i] = fw;
        }
        jz += k;
        continue;
      }
    }
    break;
  }

  // chop off zero terms
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (IQ[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    // break z into 24-bit pieces if necessary
    z *= pow2(-q0);
    if (z >= TWO24) {
      const fw = Math.trunc(TWON24 * z);
      IQ[jz] = z - TWO24 * fw; // Int32Array truncates as C's conversion does
      jz += 1;
      q0 += 24;
      IQ[jz] = fw;
    } else IQ[jz] = z;
  }

  // the integer chunks as doubles
  let fw = pow2(q0);
  for (let i = jz; i >= 0; i--) {
    Q[i] = fw * IQ[i]!;
    fw *= TWON24;
  }
  // PIO2[0 … jp] · Q[jz … 0]
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= jp && k <= jz - i; k++) fw += PIO2[k]! * Q[i + k]!;
    FQ[jz - i] = fw;
  }
  // compress FQ[] into Y0 + Y1
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += FQ[i]!;
  Y0 = ih === 0 ? fw : -fw;
  fw = FQ[0]! - fw;
  for (let i = 1; i <= jz; i++) fw += FQ[i]!;
  Y1 = ih === 0 ? fw : -fw;
  return n & 7;
}

// ---------------------------------------------------------------------------------------------

/**
 * The sine of x (radians), fdlibm's sin: x reduced to x − n·π/2 in [−π/4, π/4] (head and tail), then
 * the sin or cos kernel by n mod 4. Error < 1 ulp. sin(±0) = ±0, sin(±∞) = NaN, sin(NaN) = NaN.
 */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, 0); // |x| ≤ ~π/4
  if (ix >= 0x7ff00000) return NaN; // ±∞, NaN
  switch (remPio2(x) & 3) {
    case 0:
      return kernelSin(Y0, Y1, 1);
    case 1:
      return kernelCos(Y0, Y1);
    case 2:
      return -kernelSin(Y0, Y1, 1);
    default:
      return -kernelCos(Y0, Y1);
  }
}

/**
 * The cosine of x (radians), fdlibm's cos: reduced as in sin, then the cos or sin kernel by n mod 4.
 * Error < 1 ulp. cos(±0) = 1, cos(±∞) = NaN, cos(NaN) = NaN.
 */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0); // |x| ≤ ~π/4
  if (ix >= 0x7ff00000) return NaN; // ±∞, NaN
  switch (remPio2(x) & 3) {
    case 0:
      return kernelCos(Y0, Y1);
    case 1:
      return -kernelSin(Y0, Y1, 1);
    case 2:
      return -kernelCos(Y0, Y1);
    default:
      return kernelSin(Y0, Y1, 1);
  }
}

// asin(x) = x + x·R(x²) on [0, 0.5], R = pS(t)/qS(t) a rational fit, |error| < 2^−58.75 (e_asin.c)
const PIO2_HI = 1.57079632679489655800e0; // 0x3ff921fb_54442d18
const PIO2_LO = 6.12323399573676603587e-17; // 0x3c91a626_33145c07
const PIO4_HI = 7.85398163397448278999e-1; // 0x3fe921fb_54442d18
const PS0 = 1.66666666666666657415e-1; // 0x3fc55555_55555555
const PS1 = -3.25565818622400915405e-1; // 0xbfd4d612_03eb6f7d
const PS2 = 2.01212532134862925881e-1; // 0x3fc9c155_0e884455
const PS3 = -4.00555345006794114027e-2; // 0xbfa48228_b5688f3b
const PS4 = 7.91534994289814532176e-4; // 0x3f49efe0_7501b288
const PS5 = 3.47933107596021167570e-5; // 0x3f023de1_0dfdf709
const QS1 = -2.40339491173441421878e0; // 0xc0033a27_1c8a2d4b
const QS2 = 2.02094576023350569471e0; // 0x40002ae5_9c598ac8
const QS3 = -6.88283971605453293030e-1; // 0xbfe6066c_1b8d0159
const QS4 = 7.70381505559019352791e-2; // 0x3fb3b8c5_b12e9282

/**
 * The arcsine of x in radians, fdlibm's asin: x + x·R(x²) for |x| < 0.5, else π/2 − 2·asin(√((1 − |x|)/2))
 * with √ split into head and tail for |x| ≤ 0.975. Error < 1 ulp. asin(±0) = ±0, asin(±1) = ±π/2,
 * asin(x) = NaN for |x| > 1 and NaN.
 */
export function asin(x: number): number {
  F64[0] = x;
  const hx = I32[HI]!;
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| ≥ 1 or NaN
    if (((ix - 0x3ff00000) | U32[LO]!) === 0) return x * PIO2_HI + x * PIO2_LO; // asin(±1) = ±π/2
    return NaN;
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix < 0x3e400000) return x; // |x| < 2^−27
    const t = x * x;
    const p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
    const q = 1 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
    return x + x * (p / q);
  }
  // 0.5 ≤ |x| < 1
  const w = 1 - Math.abs(x);
  let t = w * 0.5;
  const p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
  const q = 1 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
  const s = Math.sqrt(t);
  if (ix >= 0x3fef3333) {
    // |x| > 0.975
    t = PIO2_HI - (2 * (s + s * (p / q)) - PIO2_LO);
  } else {
    const f = clearLowWord(s);
    const c = (t - f * f) / (s + f); // f + c ≈ √t
    const r = p / q;
    const pp = 2 * s * r - (PIO2_LO - 2 * c);
    const qq = PIO4_HI - 2 * f;
    t = PIO4_HI - (pp - qq);
  }
  return hx > 0 ? t : -t;
}
