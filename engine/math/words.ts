// The 64-bit words of a double, as fdlibm reads and writes them (GET_HIGH_WORD, SET_LOW_WORD…): one
// 8-byte scratch seen as a double and as two 32-bit words, shared by det-math.ts and det-trig.ts.
// Typed arrays use the platform's byte order, so the index of the high word (sign, exponent, top of
// the mantissa) is found once, here. Every use writes the scratch and reads it back before calling
// anything else, so one scratch serves every function.

export const F64 = new Float64Array(1);
export const U32 = new Uint32Array(F64.buffer);
export const I32 = new Int32Array(F64.buffer);
F64[0] = 1; // 0x3ff00000_00000000
export const HI = U32[1] === 0x3ff00000 ? 1 : 0;
export const LO = 1 - HI;

/** The high word of x, signed (fdlibm's GET_HIGH_WORD). */
export function highWord(x: number): number {
  F64[0] = x;
  return I32[HI]!;
}

/** The double with the given high and low words. */
export function fromWords(hi: number, lo: number): number {
  I32[HI] = hi;
  U32[LO] = lo;
  return F64[0]!;
}

/** The double with the given high word and a zero low word (2^k from 0x3ff00000 + (k << 20)). */
export function fromHighWord(hi: number): number {
  return fromWords(hi, 0);
}

/** x with its low 32 bits cleared (fdlibm's SET_LOW_WORD(x, 0): the head of a head + tail split). */
export function clearLowWord(x: number): number {
  F64[0] = x;
  U32[LO] = 0;
  return F64[0]!;
}
