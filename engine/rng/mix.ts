// Cheap integer mixing for stream derivation: splitmix32-style finalisers and a string hash.
// Used to key streams by (root seed, risk id, block or event) without seeding from strings.

/** The splitmix32 / murmur3 finaliser: a bijective avalanche of a 32-bit integer. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Combines two 32-bit words into one well-mixed word (order matters). */
export function mix2(a: number, b: number): number {
  return mix32((Math.imul(mix32(a), 0x27d4eb2f) ^ b) | 0);
}

/** FNV-1a over UTF-16 code units, then mixed: a stable 32-bit hash of an id. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}
