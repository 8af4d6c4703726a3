// parseInput tells scenarios from results, and reports what is wrong with either by JSON path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import { parseInput } from '../../../engine/results/parse-input.js';

const text = readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8');

describe('parseInput', () => {
  it('parseInput accepts a scenario and lists a bad one’s problems with their paths', () => {
    expect(parseInput(text).kind).toBe('scenario');
    const bad = JSON.parse(text);
    bad.lanes[2].from = 'atlantis';
    const r = parseInput(JSON.stringify(bad));
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.issues.map((i) => i.path)).toContain('lanes[2].from');
  });

  it('parseInput reports a JSON syntax error with its line', () => {
    const r = parseInput('{\n  "format": "chainward/v1",\n  "name": ,\n}');
    expect(r.kind === 'invalid' && r.issues[0]!.message).toMatch(/line 3/);
  });

  it('parseInput accepts real results and names the missing or mistyped fields by path', async () => {
    const p = parseScenario(text);
    if (!p.ok) throw new Error('invalid');
    const results = JSON.parse(JSON.stringify(await simulateScenario(p.scenario, { trials: 500, seed: 1 })));
    expect(parseInput(JSON.stringify(results)).kind).toBe('results');
    const broken = JSON.parse(JSON.stringify(results));
    broken.risks[3] = null;
    broken.baseline.eal = 'lots';
    broken.currency = 'euro';
    delete broken.treatments[0].delta;
    const r = parseInput(JSON.stringify(broken));
    expect(r.kind === 'invalid' && r.issues.map((i) => i.path).sort()).toEqual(['baseline.eal', 'currency', 'risks[3]', 'treatments[0].delta']);
  });

  it('parseInput refuses results of another engine version in one sentence, not field by field', async () => {
    const p = parseScenario(text);
    if (!p.ok) throw new Error('invalid');
    const older = JSON.parse(JSON.stringify(await simulateScenario(p.scenario, { trials: 500, seed: 1 })));
    older.engineVersion = '0.1.0';
    delete older.baseline.rerouteEal; // what a 0.1.0 result lacks
    delete older.appetite.checks;
    const r = parseInput(JSON.stringify(older));
    expect(r.kind === 'invalid' && r.issues).toEqual([
      { path: 'engineVersion', message: expect.stringMatching(/^written by chainward 0\.1\.0, whose results this version \(\d+\.\d+\.\d+\) cannot show; run the scenario again/) },
    ]);
  });
});
