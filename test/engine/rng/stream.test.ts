// Stream derivation: the kernel's split form of the keyed control draw gives exactly keyedUniform,
// and keyed draws are uniform and independent across controls of one event.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { eventKeyMix, keyedUniform, keyedUniformMixed, RiskBlockSeeder, riskWord, seedRiskBlock } from '../../../engine/rng/stream.js';
import { hashString } from '../../../engine/rng/mix.js';

describe('stream', () => {
  it('RiskBlockSeeder.seed gives the state of seedRiskBlock bit for bit', () => {
    const rng = new Rng(3, 1, 4, 1);
    const a = new Rng();
    const b = new Rng();
    for (let i = 0; i < 200; i++) {
      const root = Uint32Array.of(rng.nextU32(), rng.nextU32(), rng.nextU32(), rng.nextU32());
      const seeder = new RiskBlockSeeder(root);
      const block = rng.nextU32() % 100_000;
      seeder.setBlock(block);
      for (let j = 0; j < 20; j++) {
        const h = rng.nextU32();
        seedRiskBlock(a, root, h, block);
        seeder.seed(b, h, riskWord(root, h));
        expect([b.a, b.b, b.c, b.d, b.nextU32()]).toEqual([a.a, a.b, a.c, a.d, a.nextU32()]);
      }
    }
  });

  it('keyedUniformMixed(eventKeyMix(k), h) === keyedUniform(k, h) bit for bit', () => {
    const rng = new Rng(7, 7, 7, 7);
    for (let i = 0; i < 10_000; i++) {
      const k = rng.nextU32();
      const h = rng.nextU32();
      expect(keyedUniformMixed(eventKeyMix(k), h)).toBe(keyedUniform(k, h));
    }
  });

  it('keyedUniform: mean 1/2 and variance 1/12 over event keys, and two controls of one event uncorrelated (4 standard errors)', () => {
    const rng = new Rng(1, 2, 3, 4);
    const h1 = hashString('cctv');
    const h2 = hashString('guards');
    const n = 200_000;
    let s1 = 0;
    let s11 = 0;
    let s12 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const k = rng.nextU32();
      const a = keyedUniform(k, h1);
      const b = keyedUniform(k, h2);
      expect(a >= 0 && a < 1).toBe(true);
      s1 += a;
      s2 += b;
      s11 += a * a;
      s12 += a * b;
    }
    const m1 = s1 / n;
    const m2 = s2 / n;
    expect(Math.abs(m1 - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s11 / n - m1 * m1 - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / n)); // the sample variance has sd √(Var((U − ½)²)/n), Var((U − ½)²) = 1/80 − 1/144 = 1/180
    const cov = s12 / n - m1 * m2;
    expect(Math.abs(cov)).toBeLessThan(4 * (1 / 12) / Math.sqrt(n)); // sd of the sample covariance of independent uniforms: (1/12)/√n
  });
});
