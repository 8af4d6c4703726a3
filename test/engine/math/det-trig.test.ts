// det-trig: sin, cos and asin ported from fdlibm, checked bit for bit against Node 20's Math.sin, cos
// and asin (V8 11.3 runs that fdlibm code; newer V8 runs other libm code, so there they are only held
// to 1 ulp) on ~10^5 seeded inputs each: the synthetic generator's domain, every binade up to 1.8e308
// (the Payne–Hanek reduction), near multiples of π/2 and the branch edges; special values exactly; and
// digests of the outputs, so that a change in the port shows up on any host.
import { describe, expect, it } from 'vitest';
import { asin, cos, sin } from '../../../engine/math/det-trig.js';
import { Rng } from '../../../engine/rng/rng.js';

/** Node 20's V8, whose Math.sin, cos and asin are the fdlibm code these port: there they must agree exactly. */
const HOST_IS_REFERENCE = process.versions.v8.startsWith('11.3.');

const view = new DataView(new ArrayBuffer(8));
const scratch = new Float64Array(2);
const scratchBits = new BigInt64Array(scratch.buffer);

/** How many doubles apart a and b are (0 for two NaNs, and for −0 and +0). */
function ulpDistance(a: number, b: number): number {
  if (a === b || (a !== a && b !== b)) return 0;
  scratch[0] = a;
  scratch[1] = b;
  const ord = (i: bigint): bigint => (i < 0n ? -(i & 0x7fffffffffffffffn) : i);
  const d = ord(scratchBits[0]!) - ord(scratchBits[1]!);
  return Number(d < 0n ? -d : d);
}

/** Uniform on [0, 1) from 64 random bits, by basic operations only. */
function uniform(rng: Rng): number {
  return rng.nextU32() * 2.3283064365386963e-10 + rng.nextU32() * 5.421010862427522e-20; // 2^−32, 2^−64
}

/** A double of random sign from random bits with the high word of |x| in [hiMin, hiMax). */
function randomBits(rng: Rng, hiMin: number, hiMax: number): number {
  const sign = rng.nextU32() & 0x80000000;
  view.setUint32(0, (sign | (hiMin + (rng.nextU32() % (hiMax - hiMin)))) >>> 0);
  view.setUint32(4, rng.nextU32());
  return view.getFloat64(0);
}

/** The double `steps` places after x on the line of doubles (x > 0). */
function nextAfter(x: number, steps: number): number {
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(steps));
  return view.getFloat64(0);
}

/** The double with the given high and low words. */
function fromWords(hi: number, lo: number): number {
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}

const RAD = Math.PI / 180;

/** The trig inputs: the generator's domain, wide ranges, every binade, and near n·π/4 and the branch edges. */
function trigInputs(): number[] {
  const rng = new Rng(31, 32, 33, 34);
  const xs: number[] = [];
  // the generator's haversine: half a latitude or longitude difference, and a latitude, in radians
  for (let i = 0; i < 20_000; i++) xs.push(((uniform(rng) - 0.5) * 360 * RAD) / 2);
  for (let i = 0; i < 10_000; i++) xs.push((uniform(rng) - 0.5) * 170 * RAD);
  for (let i = 0; i < 20_000; i++) xs.push((uniform(rng) - 0.5) * 20); // several periods
  for (let i = 0; i < 10_000; i++) xs.push((uniform(rng) - 0.5) * 2e6); // |x| up to 1e6, both reductions
  for (let i = 0; i < 20_000; i++) xs.push(randomBits(rng, 0, 0x7ff00000)); // every binade, subnormals to 1.8e308
  // near n·π/4 for n up to 2^20: the reduction's cancellation cases and the kernels' edges
  for (let i = 0; i < 10_000; i++) {
    const n = 1 + (rng.nextU32() % (1 << (1 + (rng.nextU32() % 20))));
    xs.push((rng.nextU32() & 1 ? -1 : 1) * nextAfter((n * Math.PI) / 4, (rng.nextU32() % 41) - 20));
  }
  // Payne–Hanek's rare paths: few nonzero 24-bit pieces (powers of two and ten), a fraction that
  // cancels so that more terms of 2/π are needed (1e22, 2.74e42, the largest double), and the double
  // closest to a multiple of π/2 (6381956970095103·2^797)
  for (let k = -1074; k <= 1023; k++) xs.push(2 ** k, -(2 ** k));
  for (let k = 0; k <= 308; k++) xs.push(Number(`1e${k}`), -Number(`1e${k}`));
  for (const x of [1e22, 2.74405571512484e42, 5.319372648326541e255, 1.7976931348623157e308]) {
    for (let d = -3; d <= 3; d++) if (Number.isFinite(nextAfter(x, d))) xs.push(nextAfter(x, d), -nextAfter(x, d));
  }
  // the branch edges of sin, cos, remPio2 and the kernels: ±2 ulps around each high word
  for (const hi of [0x3e400000, 0x3fd33333, 0x3fe90000, 0x3fe921fb, 0x3ff921fb, 0x4002d97c, 0x413921fb, 0x7fefffff]) {
    for (const lo of [0, 1, 0x54442d18, 0xfffffffe, 0xffffffff]) {
      const x = fromWords(hi, lo);
      for (let d = -2; d <= 2; d++) if (x > 0 && nextAfter(x, d) > 0) xs.push(nextAfter(x, d), -nextAfter(x, d));
    }
  }
  return xs;
}

/** The asin inputs: uniform on (−1, 1), near ±1, ±0.5 and ±0.975, small magnitudes and subnormals. */
function asinInputs(): number[] {
  const rng = new Rng(41, 42, 43, 44);
  const xs: number[] = [];
  for (let i = 0; i < 40_000; i++) xs.push(2 * uniform(rng) - 1);
  // the generator's asin(min(1, √h)), h in [0, 1]
  for (let i = 0; i < 20_000; i++) xs.push(Math.min(1, Math.sqrt(uniform(rng))));
  for (let i = 0; i < 20_000; i++) xs.push(randomBits(rng, 0, 0x3ff00000)); // every binade below 1
  for (let i = 0; i < 10_000; i++) xs.push((rng.nextU32() & 1 ? -1 : 1) * (1 - uniform(rng) * 2 ** -(1 + (rng.nextU32() % 52))));
  for (const edge of [0.5, 0.975, 1, 2 ** -27]) {
    for (let d = -50; d <= 50; d++) {
      const x = nextAfter(edge, d);
      xs.push(x, -x);
    }
  }
  return xs;
}

/** FNV-1a over the bit patterns of f(x) for every x: 8 hex digits that change with any output bit. */
function digest(xs: readonly number[], f: (x: number) => number): string {
  let h = 0x811c9dc5;
  for (const x of xs) {
    view.setFloat64(0, f(x));
    h = Math.imul(h ^ view.getUint32(0), 0x01000193);
    h = Math.imul(h ^ view.getUint32(4), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Every x where f and the host's g differ (bit for bit on Node 20, by more than 1 ulp elsewhere). */
function mismatches(xs: readonly number[], f: (x: number) => number, g: (x: number) => number): string[] {
  const bad: string[] = [];
  for (const x of xs) {
    const a = f(x);
    const b = g(x);
    const ok = HOST_IS_REFERENCE ? Object.is(a, b) : ulpDistance(a, b) <= 1;
    if (!ok && bad.length < 5) bad.push(`x = ${x}: ${a} vs ${b}`);
  }
  return bad;
}

const TRIG = trigInputs();
const ASIN = asinInputs();

describe(`det-trig against Math.* (${HOST_IS_REFERENCE ? 'bit for bit: Node 20' : 'within 1 ulp: not Node 20'})`, () => {
  it(`sin on ${TRIG.length} inputs: the generator's domain, |x| up to 1e6 and 1.8e308, near n·π/4`, () => {
    expect(mismatches(TRIG, sin, Math.sin)).toEqual([]);
  });

  it(`cos on the same ${TRIG.length} inputs`, () => {
    expect(mismatches(TRIG, cos, Math.cos)).toEqual([]);
  });

  it(`asin on ${ASIN.length} inputs: (−1, 1), near ±1, ±0.5, ±0.975, tiny and subnormal`, () => {
    expect(mismatches(ASIN, asin, Math.asin)).toEqual([]);
  });
});

describe('det-trig special values, exactly (Object.is)', () => {
  const same = (got: number, want: number): void => {
    expect(Object.is(got, want), `${got} vs ${want}`).toBe(true);
  };

  it('sin and cos: ±0, subnormals, NaN, ±∞, ±π/4 and ±π/2', () => {
    same(sin(0), 0);
    same(sin(-0), -0);
    same(cos(0), 1);
    same(cos(-0), 1);
    same(sin(5e-324), 5e-324);
    same(sin(-5e-324), -5e-324);
    same(cos(5e-324), 1);
    for (const x of [NaN, Infinity, -Infinity]) {
      same(sin(x), NaN);
      same(cos(x), NaN);
    }
    same(sin(Math.PI / 4), 0.7071067811865475);
    same(cos(Math.PI / 4), 0.7071067811865476);
    same(sin(-Math.PI / 2), -1);
    same(cos(Math.PI / 2), 6.123233995736766e-17);
    same(sin(Math.PI), 1.2246467991473532e-16);
  });

  it('asin: ±0, ±1 (±π/2), |x| > 1 and NaN, tiny x returned as is', () => {
    same(asin(0), 0);
    same(asin(-0), -0);
    same(asin(1), Math.PI / 2);
    same(asin(-1), -Math.PI / 2);
    same(asin(0.5), 0.5235987755982989);
    same(asin(1e-10), 1e-10);
    same(asin(-5e-324), -5e-324);
    for (const x of [1.0000000000000002, -1.5, Infinity, -Infinity, NaN]) same(asin(x), NaN);
  });
});

describe('det-trig reference bit patterns (a change in the port changes these on any host)', () => {
  it('digests of every output above', () => {
    expect({ sin: digest(TRIG, sin), cos: digest(TRIG, cos), asin: digest(ASIN, asin) }).toEqual({ sin: '8dac8b45', cos: 'c91e982f', asin: '918a1a08' });
  });
});
