// SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, synchronous and dependency-free so the engine core
// stays isomorphic (Node's crypto and the browser's async SubtleCrypto differ). Incremental: the text
// may come in pieces (Sha256.update), encoded straight into 64-byte blocks, so hashing a large
// scenario never holds its bytes at once.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** An incremental SHA-256 of UTF-8 text: update() with the pieces in order, then hex() once. */
export class Sha256 {
  private readonly h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  private readonly w = new Uint32Array(64);
  private readonly block = new Uint8Array(64);
  private readonly view = new DataView(this.block.buffer);
  /** Bytes in `block` so far. */
  private used = 0;
  /** Bytes hashed so far (whole blocks and `used`). */
  private bytes = 0;
  /** A high surrogate that ended the last piece: the pair may end in the next one. */
  private high = -1;
  private done = false;

  /** Adds the UTF-8 bytes of `text` (surrogate pairs joined, also across pieces; lone surrogates become U+FFFD). */
  update(text: string): this {
    if (this.done) throw new Error('Sha256: update after hex()');
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (this.high >= 0) {
        const hi = this.high;
        this.high = -1;
        if (c >= 0xdc00 && c <= 0xdfff) {
          this.codePoint(0x10000 + ((hi - 0xd800) << 10) + (c - 0xdc00));
          continue;
        }
        this.codePoint(0xfffd); // the high surrogate stood alone; `c` is taken on its own below
      }
      if (c >= 0xd800 && c <= 0xdbff) {
        this.high = c;
        continue;
      }
      if (c >= 0xdc00 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) this.byte(c);
      else this.codePoint(c);
    }
    return this;
  }

  /** Hex digest of everything added; the hash is finished (no update() after it). */
  hex(): string {
    if (!this.done) {
      if (this.high >= 0) this.codePoint(0xfffd);
      this.high = -1;
      const bitLen = this.bytes * 8;
      this.byte(0x80);
      while (this.used !== 56) this.byte(0);
      this.view.setUint32(56, Math.floor(bitLen / 4294967296));
      this.view.setUint32(60, bitLen >>> 0);
      this.compress();
      this.done = true;
    }
    return Array.from(this.h, (x) => x.toString(16).padStart(8, '0')).join('');
  }

  private codePoint(c: number): void {
    if (c < 0x80) this.byte(c);
    else if (c < 0x800) {
      this.byte(0xc0 | (c >> 6));
      this.byte(0x80 | (c & 63));
    } else if (c < 0x10000) {
      this.byte(0xe0 | (c >> 12));
      this.byte(0x80 | ((c >> 6) & 63));
      this.byte(0x80 | (c & 63));
    } else {
      this.byte(0xf0 | (c >> 18));
      this.byte(0x80 | ((c >> 12) & 63));
      this.byte(0x80 | ((c >> 6) & 63));
      this.byte(0x80 | (c & 63));
    }
  }

  private byte(b: number): void {
    this.block[this.used++] = b;
    if (!this.done) this.bytes++;
    if (this.used === 64) {
      this.compress();
      this.used = 0;
    }
  }

  private compress(): void {
    const { h, w, view } = this;
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(4 * i);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0]! += a;
    h[1]! += b;
    h[2]! += c;
    h[3]! += d;
    h[4]! += e;
    h[5]! += f;
    h[6]! += g;
    h[7]! += hh;
  }
}

/** Hex digest of the UTF-8 encoding of `text`. */
export function sha256Hex(text: string): string {
  return new Sha256().update(text).hex();
}
