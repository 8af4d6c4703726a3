// distFromCell and distToCell: every distribution form read and written back, a bare number as
// fixed, names in any case, and what is not a distribution.
import { describe, expect, it } from 'vitest';
import { distFromCell, distToCell } from '../../../engine/interchange/dist-cell.js';
import { joinList, splitList } from '../../../engine/interchange/list-cell.js';
import type { Dist } from '../../../engine/model/schema.js';

describe('distFromCell', () => {
  const forms: Array<[string, Dist]> = [
    ['2', { fixed: 2 }],
    ['-0.5', { fixed: -0.5 }],
    ['uniform(1, 3)', { uniform: [1, 3] }],
    ['triangular(0, 1, 5)', { triangular: [0, 1, 5] }],
    ['pert(0.05, 0.2, 0.7)', { pert: [0.05, 0.2, 0.7] }],
    ['lognormal(median=15000, p90=80000)', { lognormal: { median: 15000, p90: 80000 } }],
    ['lognormal(mu=9.6, sigma=1.3)', { lognormal: { mu: 9.6, sigma: 1.3 } }],
    ['exponential(mean=3)', { exponential: { mean: 3 } }],
    ['1e+21', { fixed: 1e21 }],
  ];
  it.each(forms)('distFromCell(%s) and back', (text, dist) => {
    expect(distFromCell(text)).toEqual({ dist });
    expect(distToCell(dist)).toBe(text);
  });

  it('distFromCell: any case and spacing, fixed(x), exponential(m), p90 before median', () => {
    expect(distFromCell(' PERT( 1 ,2,3 ) ')).toEqual({ dist: { pert: [1, 2, 3] } });
    expect(distFromCell('fixed(4)')).toEqual({ dist: { fixed: 4 } });
    expect(distFromCell('exponential(2)')).toEqual({ dist: { exponential: { mean: 2 } } });
    expect(distFromCell('lognormal(p90=9, median=3)')).toEqual({ dist: { lognormal: { median: 3, p90: 9 } } });
  });

  it('distFromCell: what is not a distribution says which forms are', () => {
    for (const bad of ['pert(1, 2)', 'normal(0, 1)', 'lognormal(median=1)', '1,5', 'pert(1, 2, x)', '']) {
      const r = distFromCell(bad);
      expect('error' in r && r.error).toMatch(/is not a distribution, expected a number \(fixed\), fixed\(x\), uniform\(a, b\)/);
    }
  });

  it('splitList and joinList: ";" and "\\\\" in items escaped, a lone ";" the empty list', () => {
    for (const items of [[], ['a'], ['a;b', 'c\\d', 'e\\;f', '\\']]) expect(splitList(joinList(items))).toEqual(items);
    expect(splitList(' a ;; b ;')).toEqual(['a', 'b']);
    expect(splitList('x\\y')).toEqual(['x\\y']);
  });
});
