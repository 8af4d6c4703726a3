// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { efficientFrontier } from '../../../explorer/views/efficient-frontier.js';

type P = { id: string; annualCost: number; reduction: number };
const p = (id: string, annualCost: number, reduction: number): P => ({ id, annualCost, reduction });

const dominates = (a: P, b: P): boolean =>
  a.annualCost <= b.annualCost && a.reduction >= b.reduction && (a.annualCost < b.annualCost || a.reduction > b.reduction);

describe('efficientFrontier', () => {
  it('efficientFrontier keeps the non-dominated points of a small case, sorted by cost', () => {
    // By hand: B (200, 400) is beaten by A (100, 500); F (300, 800) by C (300, 900); H (400, 900) by C.
    // E is the cheapest (a saving) so it stays although it avoids a negative amount; G ties A exactly.
    const pts = [p('A', 100, 500), p('B', 200, 400), p('C', 300, 900), p('D', 50, 100), p('E', -20, -30), p('F', 300, 800), p('G', 100, 500), p('H', 400, 900)];
    expect(efficientFrontier(pts).map((q) => q.id)).toEqual(['E', 'D', 'A', 'G', 'C']);
  });

  it('efficientFrontier returns [] for no points and ignores non-finite ones', () => {
    expect(efficientFrontier([])).toEqual([]);
    expect(efficientFrontier([p('nan', Number.NaN, 5), p('a', 1, 1)]).map((q) => q.id)).toEqual(['a']);
  });

  it('efficientFrontier: no kept point is dominated, every dropped point is (seeded random sets)', () => {
    let s = 12345;
    const rand = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 200; round++) {
      const pts = Array.from({ length: 1 + Math.floor(rand() * 12) }, (_, i) => p(String(i), Math.round(rand() * 20) - 5, Math.round(rand() * 20) - 5));
      const front = efficientFrontier(pts);
      for (const f of front) expect(pts.some((q) => dominates(q, f))).toBe(false);
      for (const q of pts) if (!front.includes(q)) expect(pts.some((r) => dominates(r, q))).toBe(true);
      for (let i = 1; i < front.length; i++) expect(front[i]!.annualCost).toBeGreaterThanOrEqual(front[i - 1]!.annualCost);
    }
  });
});
