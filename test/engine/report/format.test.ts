// The shared formats (engine/text/format.ts) and the text-table layout (engine/report/format.ts):
// thousands separators, percentages, plurals, cutting and wrapping by characters, and names that
// cannot send control sequences to a terminal.
import { describe, expect, it } from 'vitest';
import { line, paragraph, plain, textTable, truncate, truncateRisk, wrapWords } from '../../../engine/report/format.js';
import { count, money, num, percent, plural, probability, signedDays, signedMoney } from '../../../engine/text/format.js';
import { chars } from '../../support/report-fixture.js';

describe('number formats', () => {
  it('num: significant digits with thousands separators, never a raw 6421509', () => {
    expect(num(6421509)).toBe('6,420,000');
    expect(num(1234)).toBe('1,230');
    expect(num(0.0692)).toBe('0.0692');
    expect(num(0.9900000000000001)).toBe('0.99');
    expect(num(0)).toBe('0');
    expect(num(Number.NaN)).toBe('—');
  });

  it('count: whole numbers with thousands separators', () => {
    expect(count(12429)).toBe('12,429');
    expect(count(20000)).toBe('20,000');
    expect(count(7)).toBe('7');
  });

  it('percent: one unit for shares and ratios (ROSI 8.55 is 855 %), separators above 999 %', () => {
    expect(percent(8.55, 0)).toBe('855 %');
    expect(percent(12.5, 0)).toBe('1,250 %');
    expect(percent(-0.72, 0)).toBe('-72 %');
    expect(percent(-12.5, 0)).toBe('-1,250 %');
    expect(percent(0.99414, 2)).toBe('99.41 %');
  });

  it('plural: "1 treatment", "2 treatments", "12,429 risks"', () => {
    expect(plural(1, 'treatment')).toBe('1 treatment');
    expect(plural(2, 'treatment')).toBe('2 treatments');
    expect(plural(0, 'risk')).toBe('0 risks');
    expect(plural(12429, 'risk')).toBe('12,429 risks');
    expect(plural(3, 'country', 'countries')).toBe('3 countries');
  });

  it('money: compact, in the currency', () => {
    expect(money(6421509, 'EUR')).toBe('€6.42M');
    expect(money(-209000, 'USD')).toBe('−$209K');
  });

  it('signedMoney and signedDays: an explicit plus, a true minus, nothing for zero', () => {
    expect(signedMoney(1_234_567, 'EUR')).toBe('+€1.23M');
    expect(signedMoney(-55_000, 'EUR')).toBe('−€55K');
    expect(signedMoney(0, 'EUR')).toBe('€0');
    expect(signedMoney(-3_512_400, 'EUR', { exact: true })).toBe('−€3,512,400');
    expect(signedDays(1)).toBe('+1 day');
    expect(signedDays(-16)).toBe('−16 days');
    expect(signedDays(0.5)).toBe('+0.5 days');
  });
});

describe('cutting and wrapping by characters', () => {
  it('truncate counts characters, not bytes or UTF-16 units, and ends in "…"', () => {
    expect(truncate('Querétaro → Nuevo Laredo', 10)).toBe('Querétaro…');
    expect(chars(truncate('𝔸𝔹ℂ𝔻𝔼𝔽', 4))).toBe(4);
    expect(truncate('short', 10)).toBe('short');
  });

  it('truncateRisk shortens the threat and keeps the target', () => {
    expect(truncateRisk('disruption-production-stop@sup-sz-components', 35)).toBe('disruption-produ…@sup-sz-components');
    expect(chars(truncateRisk('disruption-production-stop@sup-sz-components', 35))).toBe(35);
    expect(truncateRisk('a-very-long-threat-id-without-a-target', 12)).toBe('a-very-long…');
  });

  it('wrapWords breaks at spaces, and cuts a word longer than the line', () => {
    expect(wrapWords('insure the loss or shift it by contract', 16)).toEqual(['insure the loss', 'or shift it by', 'contract']);
    expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(paragraph('  a b c d e f', 8, 4)).toBe('  a b c\n    d e\n    f');
  });

  it('plain: control characters and bidirectional overrides in names become spaces', () => {
    expect(plain('evil\u001b[2J\u001b]0;title\u0007name\u202e')).toBe('evil [2J ]0;title name ');
    expect(line('a\nb', 10)).toBe('a b');
  });
});

describe('textTable', () => {
  const header = ['id', 'name', 'cost'];
  const rows = [
    ['tr-1', 'A treatment whose name goes on and on well past any reasonable width for a terminal column', '€1K'],
    ['tr-2', 'Short', '€20K'],
  ];

  it('without a width: every cell whole, numbers right-aligned', () => {
    const t = textTable(header, rows, new Set([2])).split('\n');
    expect(t[2]).toContain(rows[0]![1]);
    expect(t[3]!.endsWith(' €20K')).toBe(true);
  });

  it('with a width: the shrinking column is cut with "…" and every line fits', () => {
    const t = textTable(header, rows, new Set([2]), { width: 40, shrink: [{ column: 1, mode: 'truncate' }] }).split('\n');
    for (const l of t) expect(chars(l), l).toBeLessThanOrEqual(40);
    expect(t[2]).toContain('…');
    expect(t[2]!.startsWith('tr-1')).toBe(true);
  });

  it('with a width: a wrapping column breaks into lines under its own column', () => {
    const t = textTable(header, rows, new Set([2]), { width: 40, shrink: [{ column: 1, mode: 'wrap' }] }).split('\n');
    for (const l of t) expect(chars(l), l).toBeLessThanOrEqual(40);
    expect(t.length).toBeGreaterThan(4);
    const name = t.slice(2).map((l) => l.slice(6, 6 + 28).trim()).join(' ');
    expect(name).toContain(rows[0]![1]);
    expect(t[3]!.startsWith('      ')).toBe(true); // continuation lines leave the id column empty
  });

  it('multi-line headers sit on the rule; spans head a group of rows', () => {
    const t = textTable(['id', 'annual\ncost'], [['a', '1'], ['b', '2']], new Set([1]), { spans: new Map([[1, 'group b']]) }).split('\n');
    expect(t).toEqual(['    annual', 'id    cost', '──  ──────', 'a        1', 'group b', 'b        2']);
  });

  it('escape sequences in cells never reach the terminal', () => {
    const t = textTable(['id'], [['x\u001b[31mred']], new Set());
    expect(t).not.toContain('\u001b');
  });

  it('probability: 3 significant digits, cut, so it never shows across a band edge such as 1 %', () => {
    expect(probability(1 - Math.exp(-0.01))).toBe('0.995 %'); // rounding would say "1.0 %", the "unlikely" band
    expect(probability(1 - Math.exp(-0.015))).toBe('1.48 %');
    expect(probability(0.05)).toBe('5.00 %');
    expect(probability(0.6284)).toBe('62.8 %');
    expect(probability(0)).toBe('0 %');
    expect(probability(1)).toBe('100 %');
    expect(probability(2.3e-7)).toBe('0.000023 %');
  });
});
