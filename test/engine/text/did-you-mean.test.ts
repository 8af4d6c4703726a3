// The suggestion engine (engine/text/did-you-mean.ts): the same suggestions as a full edit distance,
// with bounded work, so that huge ids and thousands of unknown references validate at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, editDistanceWithin, MAX_SUGGESTED_LENGTH, Suggester, SUGGESTION_BUDGET } from '../../../engine/text/did-you-mean.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { minimalScenario } from '../../support/scenario-fixtures.js';

/** The textbook optimal string alignment distance over a full matrix. */
function fullDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistanceWithin', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 });
  it('equals the full distance when within the limit, and limit + 1 otherwise', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 14 }), (a, b, limit) => {
        const full = fullDistance(a, b);
        expect(editDistanceWithin(a, b, limit)).toBe(full <= limit ? full : limit + 1);
        expect(editDistance(a, b)).toBe(full);
      }),
      { numRuns: 3000 },
    );
  });

  it('computes only the band around the diagonal and stops at a row beyond the limit', () => {
    const meter = { cells: 0 };
    const a = 'x'.repeat(1000);
    expect(editDistanceWithin(a, 'x'.repeat(999) + 'y', 2, meter)).toBe(1);
    expect(meter.cells).toBeLessThanOrEqual(1000 * 5); // 2·limit + 1 cells a row
    meter.cells = 0;
    expect(editDistanceWithin(a, 'y'.repeat(1000), 2, meter)).toBe(3);
    expect(meter.cells).toBeLessThanOrEqual(4 * 5); // all rows past the third exceed 2
  });
});

describe('didYouMean: bounded', () => {
  it('suggests nothing for a word longer than MAX_SUGGESTED_LENGTH, without looking at the candidates', () => {
    const long = 'a'.repeat(MAX_SUGGESTED_LENGTH + 1);
    const s = new Suggester();
    expect(s.didYouMean(long, [long + 'b'])).toBeUndefined();
    expect(s.work).toBe(0);
    expect(didYouMean('a'.repeat(MAX_SUGGESTED_LENGTH - 1) + 'b', ['a'.repeat(MAX_SUGGESTED_LENGTH)])).toBe('a'.repeat(MAX_SUGGESTED_LENGTH));
  });

  it('skips candidates whose length alone is too far', () => {
    const s = new Suggester();
    expect(s.didYouMean('carier', ['x'.repeat(200_000), 'carrier'])).toBe('carrier');
    expect(s.work).toBeLessThan(100); // two candidates looked at, a band of 3 × 6 rows for one
  });

  it('stops suggesting once its budget is spent', () => {
    const s = new Suggester(20_000);
    const ids = Array.from({ length: 100 }, (_, i) => `site-${String(i).padStart(4, '0')}`);
    expect(s.didYouMean('site-0042x', ids)).toBe('site-0042');
    for (let k = 0; k < 100; k++) s.didYouMean('site-0042x', ids);
    expect(s.work).toBeGreaterThanOrEqual(20_000);
    expect(s.didYouMean('site-0042x', ids)).toBeUndefined();
  });
});

describe('validation with huge ids and many unknown references', () => {
  it('two 200 000-character ids: the unknown one is reported, with no suggestion (minutes of work before)', () => {
    const s = minimalScenario();
    const big = 'h'.repeat(200_000);
    s.sites[0].id = big;
    s.lanes[0].from = big.slice(0, -1) + 'x'; // differs in the last letter only
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    // (the schema also limits the length of ids: the suggestion engine must be fast regardless)
    const issue = r.issues.find((i) => i.path === 'lanes[0].from' && i.message.startsWith('unknown site'));
    expect(issue?.message).toBe(`unknown site "${big.slice(0, -1)}x"`);
  }, 60_000); // a generous limit for a loaded machine: the unbounded search took minutes

  it('20 000 unknown references against 20 000 sites: every one reported, suggestions within the budget', () => {
    const s = minimalScenario();
    const n = 20_000;
    const kind = s.sites[0].kind;
    s.sites = Array.from({ length: n }, (_, i) => ({ id: `s${String(i).padStart(6, '0')}`, kind }));
    s.lanes = Array.from({ length: n / 2 }, (_, i) => ({ ...minimalScenario().lanes[0], id: `l${i}`, from: `u${String(2 * i).padStart(6, '0')}`, to: `u${String(2 * i + 1).padStart(6, '0')}` }));
    s.flows = [];
    s.threats = [];
    s.treatments = [];
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    const unknown = r.issues.filter((i) => /^lanes\[\d+\]\.(from|to)$/.test(i.path));
    expect(unknown).toHaveLength(n);
    expect(unknown[0]!.message).toBe('unknown site "u000000" (did you mean "s000000"?)'); // the first ones still get one
    const suggested = unknown.filter((i) => i.message.includes('did you mean')).length;
    expect(suggested).toBeGreaterThan(0);
    expect(suggested).toBeLessThan(n); // the budget ran out: each of the rest would have looked at 20 000 ids
    expect(SUGGESTION_BUDGET).toBeLessThan(n * n); // the unbounded work was 20 000 × 20 000 candidates
  }, 60_000);
});
