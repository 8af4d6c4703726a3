// jsonValueSpan: the offsets of a value at a path of keys and indices in a formatted JSON text,
// through strings holding brackets and escaped quotes; a key given twice counts at its last place.
import { describe, expect, it } from 'vitest';
import { jsonValueSpan, membersOf } from '../../../engine/text/json-value-span.js';

const at = (text: string, path: Array<string | number>) => {
  const s = jsonValueSpan(text, path);
  return s && text.slice(s.start, s.end);
};

describe('jsonValueSpan', () => {
  const text = '{\n  "a": { "b": [1, {"c": "x]}\\"y"}, -2.5e-3 ] },\n  "d": true,\n  "a2": null,\n  "e": "{[",\n  "d": false\n}\n';

  it('jsonValueSpan: objects, arrays, numbers, strings with brackets and escapes, literals', () => {
    expect(JSON.parse(text)).toBeTruthy();
    expect(at(text, ['a', 'b', 0])).toBe('1');
    expect(at(text, ['a', 'b', 1, 'c'])).toBe('"x]}\\"y"');
    expect(at(text, ['a', 'b', 2])).toBe('-2.5e-3');
    expect(at(text, ['a2'])).toBe('null');
    expect(at(text, ['e'])).toBe('"{["');
    expect(at(text, ['a', 'b'])).toBe('[1, {"c": "x]}\\"y"}, -2.5e-3 ]');
    expect(at(text, [])).toBe(text.trim());
  });

  it('jsonValueSpan: the last of a repeated key, as JSON.parse reads it; undefined for a missing path', () => {
    expect(at(text, ['d'])).toBe('false');
    expect(at(text, ['nope'])).toBeUndefined();
    expect(at(text, ['a', 'b', 7])).toBeUndefined();
    expect(at(text, ['d', 'x'])).toBeUndefined();
    expect(membersOf(text, 0).map((m) => m.key)).toEqual(['a', 'd', 'a2', 'e', 'd']);
  });
});
