// jsonChunks and canonicalJsonChunks: joined pieces equal JSON.stringify(v, null, indent) and the
// canonical JSON character for character, on odd values and at every piece size; Sha256 fed in
// pieces equals node:crypto on the whole UTF-8 text.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../../engine/results/json-chunks.js';
import { canonicalJson, canonicalJsonChunks } from '../../../engine/results/canonical-json.js';
import { Sha256, sha256Hex } from '../../../engine/results/sha256.js';
import { generateScenario } from '../../../engine/generate/generate-scenario.js';

/** The canonical JSON as it was first written (recursive, one string): the oracle for the pieces. */
function canonicalReference(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalReference).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalReference((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const ODD: unknown[] = [
  -0,
  0,
  1e21,
  1e-7,
  5e-324,
  -1.7976931348623157e308,
  0.1 + 0.2,
  123456789012345680000,
  NaN,
  Infinity,
  -Infinity,
  '',
  'é\u2028\u2029"\\/\b\f\n\r\t\u0000\u001f',
  '\ud83d\ude00 pair, lone \ud800 and \udc00',
  true,
  false,
  null,
  [],
  {},
  [[]],
  [{}],
  { a: {} },
  { a: [] },
  { u: undefined, f: () => 1, s: Symbol('x') },
  [undefined, () => 1, Symbol('y')],
  { b: 1, a: 2, '10': 3, '9': 4, z: [1, { y: undefined, x: -0 }] },
  { date: new Date(Date.UTC(2024, 1, 29)), boxed: [new Number(-0), new String('s'), new Boolean(false)] },
  { toJSON: (k: string) => ({ key: k, n: 1 }) },
  [{ toJSON: (k: string) => `at ${k}` }, { inner: { toJSON: (k: string) => `at ${k}` } }],
  new Float64Array([1.5, -0, 2]),
  { deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown },
];

describe('jsonChunks', () => {
  it.each(ODD.map((v, i) => [i, v]))('jsonChunks (stringify) of odd value %i equals JSON.stringify with indent 0, 1, 2 and 10, at every piece size', (_i, v) => {
    for (const indent of [0, 1, 2, 10, 12]) {
      const expected = JSON.stringify(v, null, indent) as string | undefined;
      for (const chunkChars of [1, 7, 1 << 16]) {
        const pieces = [...jsonChunks(v, { mode: 'stringify', indent, chunkChars })];
        expect(pieces.length === 0 ? undefined : pieces.join('')).toBe(expected);
      }
    }
  });

  it.each(ODD.map((v, i) => [i, v]))('canonicalJsonChunks of odd value %i equals the recursive canonical JSON', (_i, v) => {
    for (const chunkChars of [1, 5, 1 << 16]) expect([...canonicalJsonChunks(v, chunkChars)].join('')).toBe(canonicalReference(v));
    expect(canonicalJson(v)).toBe(canonicalReference(v));
  });

  it('jsonChunks gives nothing for a value JSON.stringify writes as nothing', () => {
    expect([...jsonChunks(undefined, { mode: 'stringify', indent: 2 })]).toEqual([]);
    expect([...jsonChunks(() => 1, { mode: 'stringify' })]).toEqual([]);
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('jsonChunks throws a TypeError on a circular structure, as JSON.stringify does; a shared (not circular) object is written twice', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    expect(() => [...jsonChunks(loop, { mode: 'stringify', indent: 2 })]).toThrow(TypeError);
    const shared = { x: 1 };
    const twice = { a: shared, b: [shared, shared] };
    expect([...jsonChunks(twice, { mode: 'stringify', indent: 2 })].join('')).toBe(JSON.stringify(twice, null, 2));
  });

  it('jsonChunks of a large generated scenario equals JSON.stringify (indent 2) and the canonical JSON, in pieces of about the asked size', () => {
    const s = generateScenario({ sites: 3000, seed: 4 });
    const pieces = [...jsonChunks(s, { mode: 'stringify', indent: 2 })];
    expect(pieces.join('')).toBe(JSON.stringify(s, null, 2));
    expect(pieces.length).toBeGreaterThan(10);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(1 << 16);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan((1 << 16) + 4096);
    expect(canonicalJson(s)).toBe(canonicalReference(s));
  });
});

describe('Sha256', () => {
  const node = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

  it('sha256Hex equals node:crypto on empty, short, block-edge and multi-byte texts', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) expect(sha256Hex('a'.repeat(n))).toBe(node('a'.repeat(n)));
    for (const t of ['é', '€uro', '\ud83d\ude00', 'x\ud800y', '\udc00', 'end\ud800', '𝄞'.repeat(40)]) expect(sha256Hex(t)).toBe(node(t));
  });

  it('Sha256 fed in pieces (surrogate pairs split between pieces) equals the hash of the whole text', () => {
    const text = 'ab\ud83d\ude00cd\ud800\ud83d\ude00é'.repeat(37) + '\ud83d';
    for (let cut = 0; cut <= text.length; cut++) {
      const h = new Sha256().update(text.slice(0, cut)).update(text.slice(cut)).hex();
      expect(h).toBe(node(text));
    }
    const bytes = new Sha256();
    for (const ch of text) bytes.update(ch);
    expect(bytes.hex()).toBe(node(text));
  });

  it('Sha256.hex finishes the hash: asking again gives the same digest, and update after it throws', () => {
    const h = new Sha256().update('abc');
    expect(h.hex()).toBe(node('abc'));
    expect(h.hex()).toBe(node('abc'));
    expect(() => h.update('d')).toThrow(/after hex/);
  });
});
