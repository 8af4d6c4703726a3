// Exact sums at the largest amounts the scenario limits allow (README.md, "Limits"): a money amount
// of up to 10^15 per value is 10^17 cents, beyond the 2^53 a float64 adds exactly, so add() must
// split it into limbs; any order and any split of the additions then gives the same bits.
import { describe, expect, it } from 'vitest';
import { ExactSums, MONEY_SCALE } from '../../../engine/summary/exact-sums.js';

const LIMB = 2n ** 40n;
const total = (s: ExactSums, i = 0) => BigInt(s.hi[i]!) * LIMB + BigInt(s.lo[i]!);
const exact = (xs: number[]) => xs.reduce((a, x) => a + BigInt(Math.round(x * MONEY_SCALE)), 0n);

describe('ExactSums.add with amounts above 2^53 quanta', () => {
  // amounts up to the money limit (1e15) and draws up to 1e18, mixed with cents
  const xs = [0.01, 1e15, 0.03, 999_999_999_999_999.9, 123.45, 1e18, 7.77, 4.5e13, 3e17 + 0.5, 0.99];

  it('sums them exactly: 0.01 then 10^15 keeps the cent (it was lost when lo + q rounded)', () => {
    const s = new ExactSums(1, MONEY_SCALE);
    s.add(0, 0.01);
    s.add(0, 1e15);
    expect(total(s)).toBe(100_000_000_000_000_001n);
    const all = new ExactSums(1, MONEY_SCALE);
    for (const x of xs) all.add(0, x);
    expect(total(all)).toBe(exact(xs));
  });

  it('gives the same limbs total in any order and any split merged back', () => {
    const whole = new ExactSums(1, MONEY_SCALE);
    for (const x of xs) whole.add(0, x);
    for (let cut = 1; cut < xs.length; cut++) {
      const a = new ExactSums(1, MONEY_SCALE);
      const b = new ExactSums(1, MONEY_SCALE);
      xs.slice(0, cut).forEach((x) => a.add(0, x));
      xs.slice(cut).reverse().forEach((x) => b.add(0, x));
      a.merge(b);
      expect(total(a)).toBe(total(whole));
      expect(a.get(0)).toBe(whole.get(0));
    }
  });

  it('negative amounts likewise', () => {
    const s = new ExactSums(1, MONEY_SCALE);
    for (const x of xs) s.add(0, -x);
    expect(total(s)).toBe(-exact(xs));
  });
});
