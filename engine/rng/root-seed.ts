// The user's seed enters here, once, through seedrandom; every stream derives from the result.
import seedrandom from 'seedrandom';

/** Four 32-bit words drawn from seedrandom(String(seed)): the root of every stream of a run. */
export function rootSeed(seed: number | string): Uint32Array {
  const prng = seedrandom(String(seed));
  const out = new Uint32Array(4);
  for (let i = 0; i < 4; i++) out[i] = prng.int32() >>> 0;
  return out;
}
