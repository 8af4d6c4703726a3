// editJson rewrites only what changed in a hand-formatted JSON text: a changed value in place, a member
// cut with its comma (first, middle, last, a run, all), members added after the last one at its
// indentation (on one line in a one-line container), items with ids matched by id; the result always
// reads back as the new data, and an unchanged document is the same bytes.
import { describe, expect, it } from 'vitest';
import { editJson, jsonLayout } from '../../../engine/text/json-edit.js';

const TEXT = `{
  "name":   "x",
  "list": [
    { "id": "a", "v": 1 },
    { "id": "b", "v": 2 },
    { "id": "c", "v": 3 }
  ],
  "tags": ["p", "q"],
  "n": 1.50
}
`;

const edit = (f: (x: any) => void, text = TEXT): string => {
  const before = JSON.parse(text);
  const after = structuredClone(before);
  f(after);
  const out = editJson(text, before, after);
  expect(JSON.parse(out)).toEqual(after);
  return out;
};

describe('editJson', () => {
  it('keeps the text of an unchanged document, numbers and spacing as written', () => {
    expect(edit(() => {})).toBe(TEXT);
    expect(edit((x) => (x.n = 1.5))).toBe(TEXT); // 1.50 is 1.5
  });

  it('replaces a changed value where it stands', () => {
    expect(edit((x) => (x.list[1].v = 20))).toBe(TEXT.replace('"v": 2', '"v": 20'));
    expect(edit((x) => (x.name = 'y'))).toBe(TEXT.replace('"x"', '"y"'));
  });

  it('cuts items with their comma: first, middle, last, a run at the end, all', () => {
    expect(edit((x) => x.list.splice(0, 1))).toBe(TEXT.replace('    { "id": "a", "v": 1 },\n', ''));
    expect(edit((x) => x.list.splice(1, 1))).toBe(TEXT.replace('    { "id": "b", "v": 2 },\n', ''));
    expect(edit((x) => x.list.splice(2, 1))).toBe(TEXT.replace(',\n    { "id": "c", "v": 3 }', ''));
    expect(edit((x) => x.list.splice(1, 2))).toBe(TEXT.replace(',\n    { "id": "b", "v": 2 },\n    { "id": "c", "v": 3 }', ''));
    expect(edit((x) => (x.list = []))).toBe(TEXT.replace(/\[\n[^\]]*\]/, '[]'));
    expect(edit((x) => delete x.n)).toBe(TEXT.replace(',\n  "n": 1.50', ''));
  });

  it('adds members after the last one, at its indentation, or on the line of a one-line container', () => {
    expect(edit((x) => x.list.push({ id: 'd', v: 4 }))).toBe(TEXT.replace('{ "id": "c", "v": 3 }', '{ "id": "c", "v": 3 },\n    { "id": "d", "v": 4 }'));
    expect(edit((x) => x.tags.push('r'))).toBe(TEXT.replace('["p", "q"]', '["p", "q", "r"]'));
    expect(edit((x) => (x.list[0].w = true))).toBe(TEXT.replace('{ "id": "a", "v": 1 }', '{ "id": "a", "v": 1, "w": true }'));
    expect(edit((x) => (x.more = { a: [1, 2] }))).toBe(TEXT.replace('"n": 1.50', '"n": 1.50,\n  "more": { "a": [1, 2] }'));
  });

  it('matches items by id: one taken out and another changed leave the rest as written', () => {
    expect(edit((x) => {
      x.list.splice(0, 1);
      x.list[1].v = 30;
    })).toBe(TEXT.replace('    { "id": "a", "v": 1 },\n', '').replace('"v": 3', '"v": 30'));
    // reordered: laid out anew, still the new data
    edit((x) => x.list.reverse());
  });

  it('a key given twice: that object is laid out anew', () => {
    const text = '{\n  "a": { "k": 1, "k": 2 },\n  "b": 3\n}\n';
    expect(edit((x) => (x.a.k = 5), text)).toBe('{\n  "a": { "k": 5 },\n  "b": 3\n}\n');
  });

  it('jsonLayout lays out as the shipped scenarios: two spaces, one line when it fits in 120 columns', () => {
    expect(jsonLayout({ a: [1, 2], b: { c: 'd' } })).toBe('{\n  "a": [1, 2],\n  "b": { "c": "d" }\n}');
    expect(jsonLayout(['x'.repeat(70), 'y'.repeat(70)], '  ', 10)).toBe(`[\n    "${'x'.repeat(70)}",\n    "${'y'.repeat(70)}"\n  ]`);
  });
});
