// loadInput tells scenarios from results, and reports what is wrong with either by JSON path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadInput } from '../../../explorer/io/load-input.js';

const text = readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8');

describe('loadInput', () => {
  it('loadInput accepts a scenario and lists a bad one’s problems with their paths', () => {
    expect(loadInput(text).kind).toBe('scenario');
    const bad = JSON.parse(text);
    bad.lanes[2].from = 'atlantis';
    const r = loadInput(JSON.stringify(bad));
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.issues.map((i) => i.path)).toContain('lanes[2].from');
  });

  it('loadInput reports a JSON syntax error with its line', () => {
    const r = loadInput('{\n  "format": "chainward/v1",\n  "name": ,\n}');
    expect(r.kind === 'invalid' && r.issues[0]!.message).toMatch(/line 3/);
  });

  it('loadInput accepts results and names the missing or mistyped results fields', () => {
    const ok = { format: 'chainward-results/v1', scenario: 's', currency: 'EUR', trials: 10, baseline: {}, risks: [], targets: [], flows: [], controls: [], exceedance: [], treatments: [], appetite: {} };
    expect(loadInput(JSON.stringify(ok)).kind).toBe('results');
    const r = loadInput(JSON.stringify({ ...ok, risks: {}, currency: 'euro' }));
    expect(r.kind === 'invalid' && r.issues.map((i) => i.path)).toEqual(['risks']);
    const c = loadInput(JSON.stringify({ ...ok, currency: 'euro' }));
    expect(c.kind === 'invalid' && c.issues[0]!.path).toBe('currency');
  });
});
