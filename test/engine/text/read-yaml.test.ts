// readYaml: plain data with the line and column of every node, and what it refuses — keys given
// twice, tags, merge keys, alias bombs — each at its place; __proto__ stays an own key.
import { describe, expect, it } from 'vitest';
import { readYaml, MAX_ALIAS_COUNT } from '../../../engine/text/read-yaml.js';

describe('readYaml', () => {
  it('readYaml: reads plain data and places a JSON path at its node', () => {
    const r = readYaml('name: x\nsites:\n  - id: a\n    lat: 91\n  - {id: b, kind: dc}\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ name: 'x', sites: [{ id: 'a', lat: 91 }, { id: 'b', kind: 'dc' }] });
    expect(r.locate(['sites', 0, 'lat'])).toEqual({ line: 4, column: 10 });
    expect(r.locate(['sites', 1, 'kind'])).toEqual({ line: 5, column: 19 });
    // a missing key is placed at the nearest node that is there
    expect(r.locate(['sites', 1, 'value'])).toEqual({ line: 5, column: 5 });
  });

  it('readYaml: a key given twice, a tag and a syntax error are problems at their line and column', () => {
    const r = readYaml('a: 1\nb:\n  c: 1\n  c: 2\nd: !!binary aGVsbG8=\ne: !foo x\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      '4:3: a key given twice in one mapping, expected each key once',
      expect.stringMatching(/^5:4: Unresolved tag: tag:yaml.org,2002:binary: expected plain YAML/),
      expect.stringMatching(/^6:4: Unresolved tag: !foo: expected plain YAML/),
    ]);
    const bad = readYaml('a: [1, 2\nb: 3\n');
    expect(bad.ok).toBe(false);
  });

  it('readYaml: a billion-laughs document fails at once with one clear problem', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let k = 1; k < names.length; k++) levels.push(`${names[k]}: &${names[k]} [${Array(9).fill(`*${names[k - 1]}`).join(',')}]`);
    const started = performance.now();
    const r = readYaml(levels.join('\n') + '\n');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ line: 1, column: 1, message: expect.stringContaining(`more aliases than a scenario needs (at most ${MAX_ALIAS_COUNT} expanded)`) }]);
  });

  it('readYaml: a few aliases of a distribution are read as copies', () => {
    const r = readYaml('d: &d {pert: [0, 1, 2]}\nx: *d\ny: *d\n');
    expect(r.ok && r.value).toEqual({ d: { pert: [0, 1, 2] }, x: { pert: [0, 1, 2] }, y: { pert: [0, 1, 2] } });
  });

  it('readYaml: __proto__ is an own key, no prototype changes; << is a plain key', () => {
    const r = readYaml('__proto__:\n  polluted: yes\n<<: {merged: 1}\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', '<<']);
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(v['<<']).toEqual({ merged: 1 });
  });

  it('readYaml: a second document and nesting beyond what a parser can hold are one clear problem each', () => {
    const multi = readYaml('a: 1\n---\nb: 2\n');
    expect(!multi.ok && multi.problems).toEqual([{ line: 2, column: 1, message: 'a second YAML document (after ---), expected one scenario a file' }]);
    const deep = readYaml('['.repeat(100_000) + ']'.repeat(100_000));
    expect(!deep.ok && deep.problems.map((p) => p.message)).toEqual(['nested too deeply to read, expected a scenario (about 8 levels deep)']);
  });

  it('readYaml: YAML 1.1 spellings stay text (yes, dates) and a %YAML 1.1 directive does not switch schema', () => {
    const r = readYaml('%YAML 1.1\n---\na: yes\nb: 2026-12-01\nc: 0o17\n');
    expect(r.ok && r.value).toEqual({ a: 'yes', b: '2026-12-01', c: 15 });
  });
});
