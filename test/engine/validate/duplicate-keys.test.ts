// A key that appears twice in one JSON object: JSON.parse keeps the last value silently; the scenario
// is still accepted, with a warning naming the key's JSON path (engine/validate/duplicate-keys.ts).
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateKeyWarnings } from '../../../engine/validate/duplicate-keys.js';
import { parseInput } from '../../../engine/results/parse-input.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import { scenarioWarnings } from '../../../engine/validate/warnings.js';
import { runMany } from '../../support/run-cli.js';
import { minimalScenario } from '../../support/scenario-fixtures.js';

const twice = (key: string, n = 2) => `key ${JSON.stringify(key)} appears ${n} times; the last one is used`;

describe('duplicateKeyWarnings', () => {
  it('the case that was accepted silently: {"id":"a","id":"b"}', () => {
    expect(duplicateKeyWarnings('{"id":"a","id":"b"}')).toEqual([{ path: 'id', message: twice('id') }]);
  });

  it('names the path through objects and arrays, in document order, with the count', () => {
    const text = '{"sites":[{"id":"a"},{"id":"b","kind":"dc","id":"c","id":"d"}],"name":"x","lanes":[[{"q":1,"q":2}]],"name":"y"}';
    expect(duplicateKeyWarnings(text)).toEqual([
      { path: 'sites[1].id', message: twice('id', 3) },
      { path: 'name', message: twice('name') },
      { path: 'lanes[0][0].q', message: twice('q') },
    ]);
  });

  it('reads keys as JSON does: escapes decoded, quotes and brackets inside strings ignored', () => {
    expect(duplicateKeyWarnings('{"id":"a","i\\u0064":"b"}')).toEqual([{ path: 'id', message: twice('id') }]);
    expect(duplicateKeyWarnings('{"a\\"b":1,"a\\"b":2}')).toEqual([{ path: '["a\\"b"]', message: twice('a"b') }]);
    expect(duplicateKeyWarnings('{"s":"{\\"id\\":1,\\"id\\":2}, [", "t": "]}\\\\", "u": {"v": 1}}')).toEqual([]);
    expect(duplicateKeyWarnings('{"a":{"k":1},"b":{"k":2}}')).toEqual([]); // the same key in two objects is fine
  });

  it('property: JSON.stringify never writes a key twice, so no warning', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(duplicateKeyWarnings(JSON.stringify(v, null, 1) ?? 'null')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('property: a key written twice into any object is found at its path', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.string(), (o, key) => {
        const inner = JSON.stringify(o);
        const text = `{"outer":[0,${inner.slice(0, -1)},${JSON.stringify(key)}:1,${JSON.stringify(key)}:2}]}`;
        const w = duplicateKeyWarnings(text);
        const n = Object.hasOwn(o, key) ? 3 : 2;
        expect(w).toContainEqual({ path: `outer[1]${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`, message: twice(key, n) });
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseScenario and the warnings of a scenario', () => {
  /** The minimal scenario's text with a second `"id"` in the second site: the last one ("wh") is used. */
  const text = JSON.stringify(minimalScenario()).replace('{"id":"wh"', '{"id":"depot","id":"wh"');

  it('a valid scenario with a duplicate key: accepted, the last value used, the warning returned and listed first', () => {
    const r = parseScenario(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.sites[1]!.id).toBe('wh');
    expect(r.warnings).toEqual([{ path: 'sites[1].id', message: twice('id') }]);
    expect(scenarioWarnings(r.scenario)[0]).toEqual({ path: 'sites[1].id', message: twice('id') });
    const loaded = parseInput(text);
    expect(loaded.kind === 'scenario' && loaded.warnings).toEqual([{ path: 'sites[1].id', message: twice('id') }]);
  });

  it('a scenario without duplicates has no such warning (and no warnings field)', () => {
    const r = parseScenario(JSON.stringify(minimalScenario()));
    expect(r.ok && r.warnings).toBeUndefined();
  });

  it('validate and run print it like the other warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainward-dup-'));
    const file = join(dir, 'dup.json');
    writeFileSync(file, text);
    const [r, run] = await runMany([
      ['validate', file],
      ['run', file, '--trials', '256', '--workers', '1', '--format', 'json'],
    ]);
    expect(r!.status).toBe(0);
    expect(r!.stderr).toContain(`chainward: warning: ${file}: sites[1].id: ${twice('id')}`);
    expect(r!.stdout).toMatch(/\(\d+ warnings?\)/);
    expect(run!.status).toBe(0);
    expect(run!.stderr).toContain(`chainward: warning: ${file}: sites[1].id: ${twice('id')}`);
    expect(JSON.parse(run!.stdout).warnings[0]).toEqual({ path: 'sites[1].id', message: twice('id') }); // the results carry it too
  }, 60_000);
});

describe('a key given twice in an invalid scenario', () => {
  it('is listed beside the problems it may explain', () => {
    const r = parseScenario(
      '{"format":"chainward/v1","name":"d","sites":[{"id":"s0","id":"s9","kind":"dc"}],"lanes":[{"id":"l","from":"s0","to":"s9","mode":"road","transitDays":1}],"threats":[]}',
    );
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'lanes[0].from: unknown site "s0" (did you mean "s9"?)',
      'sites[0].id: key "id" appears 2 times; the last one is used (a warning, which may explain the problems above)',
    ]);
  });
});
