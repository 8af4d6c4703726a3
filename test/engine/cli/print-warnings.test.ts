// How `validate` and `run` print scenario warnings (engine/cli/print-warnings.ts): one line each,
// at most MAX_PRINTED and then a count, nothing with --quiet.
import { describe, expect, it } from 'vitest';
import { MAX_PRINTED, printWarnings, warningCount } from '../../../engine/cli/print-warnings.js';

const sink = () => {
  const lines: string[] = [];
  return { lines, write: (s: string) => lines.push(...s.split('\n').filter(Boolean)) };
};
const some = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `sites[${i}].controls[0]`, message: `m${i}` }));

describe('printWarnings', () => {
  it('prints "chainward: warning: FILE: PATH: MESSAGE", one a line', () => {
    const out = sink();
    printWarnings('s.json', some(2), false, out);
    expect(out.lines).toEqual(['chainward: warning: s.json: sites[0].controls[0]: m0', 'chainward: warning: s.json: sites[1].controls[0]: m1']);
  });

  it('prints at most MAX_PRINTED, then how many more', () => {
    const out = sink();
    printWarnings('s.json', some(MAX_PRINTED + 7), false, out);
    expect(out.lines).toHaveLength(MAX_PRINTED + 1);
    expect(out.lines[MAX_PRINTED - 1]).toContain(`sites[${MAX_PRINTED - 1}]`);
    expect(out.lines[MAX_PRINTED]).toBe('chainward: warning: s.json: … and 7 more warnings (`run --format json` lists them all in `warnings`)');
    const exact = sink();
    printWarnings('s.json', some(MAX_PRINTED), false, exact);
    expect(exact.lines).toHaveLength(MAX_PRINTED);
  });

  it('prints nothing when quiet', () => {
    const out = sink();
    printWarnings('s.json', some(3), true, out);
    expect(out.lines).toEqual([]);
  });
});

describe('warningCount', () => {
  it('is empty without warnings, and counts them otherwise', () => {
    expect(warningCount([])).toBe('');
    expect(warningCount(some(1))).toBe(' (1 warning)');
    expect(warningCount(some(3))).toBe(' (3 warnings)');
  });
});
