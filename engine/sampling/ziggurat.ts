// Ziggurat samplers for the standard normal and the unit exponential (G. Marsaglia and W. W. Tsang,
// "The Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8), 2000): one 32-bit
// draw, a table lookup and a multiply about 98–99 % of the time, exact rejection otherwise. The box
// index and the magnitude come from disjoint bits of the draw (the low 7 or 8 bits pick the box, the
// high 24 or 25 bits the position), avoiding the correlation of the original (Doornik 2005).
import type { Rng } from '../rng/rng.js';
import { exp, log } from '../math/det-math.js';

// --- normal: 128 boxes, r = 3.442619855899, v = 9.91256303526217e-3
const N_R = 3.442619855899;
const N_SCALE = 16777216; // 2^24 magnitude bits: a signed 25-bit integer in [−2^24, 2^24)
const kn = new Float64Array(128);
const wn = new Float64Array(128);
const fn = new Float64Array(128);
{
  let dn = N_R;
  let tn = dn;
  const vn = 9.91256303526217e-3;
  const q = vn / exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * N_SCALE;
  kn[1] = 0;
  wn[0] = q / N_SCALE;
  wn[127] = dn / N_SCALE;
  fn[0] = 1;
  fn[127] = exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * log(vn / dn + exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * N_SCALE;
    tn = dn;
    fn[i] = exp(-0.5 * dn * dn);
    wn[i] = dn / N_SCALE;
  }
}

/** A standard normal draw by the ziggurat method (a variable number of draws, one most of the time). */
export function zigguratNormal(rng: Rng): number {
  const u = rng.nextU32() | 0;
  const iz = u & 127;
  const hz = u >> 7;
  if ((hz < 0 ? -hz : hz) < kn[iz]!) return hz * wn[iz]!;
  return normalSlow(rng, hz, iz);
}

function normalSlow(rng: Rng, hz: number, iz: number): number {
  for (;;) {
    if (iz === 0) {
      // the tail beyond r (Marsaglia 1964)
      let x: number;
      let y: number;
      do {
        x = -log(rng.nextOpen()) / N_R;
        y = -log(rng.nextOpen());
      } while (y + y < x * x);
      return hz > 0 ? N_R + x : -N_R - x;
    }
    const x = hz * wn[iz]!;
    if (fn[iz]! + rng.next() * (fn[iz - 1]! - fn[iz]!) < exp(-0.5 * x * x)) return x;
    const u = rng.nextU32() | 0;
    iz = u & 127;
    hz = u >> 7;
    if ((hz < 0 ? -hz : hz) < kn[iz]!) return hz * wn[iz]!;
  }
}

// --- exponential: 256 boxes, r = 7.697117470131487, v = 3.949659822581572e-3
const E_R = 7.697117470131487;
const E_SCALE = 16777216; // 2^24 magnitude bits: an unsigned 24-bit integer
const ke = new Float64Array(256);
const we = new Float64Array(256);
const fe = new Float64Array(256);
{
  let de = E_R;
  let te = de;
  const ve = 3.949659822581572e-3;
  const q = ve / exp(-de);
  ke[0] = (de / q) * E_SCALE;
  ke[1] = 0;
  we[0] = q / E_SCALE;
  we[255] = de / E_SCALE;
  fe[0] = 1;
  fe[255] = exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -log(ve / de + exp(-de));
    ke[i + 1] = (de / te) * E_SCALE;
    te = de;
    fe[i] = exp(-de);
    we[i] = de / E_SCALE;
  }
}

/** A unit exponential draw by the ziggurat method (a variable number of draws, one most of the time). */
export function zigguratExponential(rng: Rng): number {
  const u = rng.nextU32();
  const iz = u & 255;
  const jz = u >>> 8;
  // the midpoint of the 2^−24 step: never exactly 0 (a gap of 0 for every rate), unbiased within a box
  if (jz < ke[iz]!) return (jz + 0.5) * we[iz]!;
  return exponentialSlow(rng, jz, iz);
}

function exponentialSlow(rng: Rng, jz: number, iz: number): number {
  for (;;) {
    if (iz === 0) return E_R - log(rng.nextOpen()); // memoryless tail beyond r
    const x = jz * we[iz]!;
    if (fe[iz]! + rng.next() * (fe[iz - 1]! - fe[iz]!) < exp(-x)) return x;
    const u = rng.nextU32();
    iz = u & 255;
    jz = u >>> 8;
    if (jz < ke[iz]!) return (jz + 0.5) * we[iz]!;
  }
}
