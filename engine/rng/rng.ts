// The random source every sampler takes: a small, fast sfc32 generator (Chris Doty-Humphrey's
// "small fast chaotic" PRNG, 128-bit state). One class for every stream keeps call sites monomorphic.

/** 2^−32: multiplying by it is exact and faster than dividing by 2^32. */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** A seedable sfc32 generator. `next()` is uniform on [0, 1); `nextOpen()` on (0, 1). */
export class Rng {
  a = 0;
  b = 0;
  c = 0;
  d = 0;

  constructor(s0 = 0, s1 = 0, s2 = 0, s3 = 1) {
    this.seed4(s0, s1, s2, s3);
  }

  /** Sets the state from four 32-bit words and warms up so close seeds diverge. */
  seed4(s0: number, s1: number, s2: number, s3: number): void {
    this.a = s0 | 0;
    this.b = s1 | 0;
    this.c = s2 | 0;
    this.d = s3 | 0;
    for (let i = 0; i < 8; i++) this.nextU32();
  }

  /**
   * Sets the state from four words that are already well mixed (hash outputs, or words of another
   * sfc32 stream) and runs `rounds` steps: cheaper than seed4 for the many short streams of the kernel.
   */
  seedMixed(s0: number, s1: number, s2: number, s3: number, rounds: number): void {
    this.a = s0 | 0;
    this.b = s1 | 0;
    this.c = s2 | 0;
    this.d = s3 | 0;
    for (let i = 0; i < rounds; i++) this.nextU32();
  }

  /** A uniform unsigned 32-bit integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextU32() * TWO_POW_MINUS_32;
  }

  /** Uniform on the open interval (0, 1): safe for log and inverse CDFs. */
  nextOpen(): number {
    return (this.nextU32() + 0.5) * TWO_POW_MINUS_32;
  }
}
