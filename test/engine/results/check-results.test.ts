// Results read from a file must be ones a real run could have written: losses and their spread never
// negative, each interval around its estimate, quantiles rising with their level, a tail's mean
// between its threshold and the largest loss, a well-formed scenario hash. Each problem is named by
// JSON path in the words of the scenario checks ("expected …, got …"), and a document of another
// format gets one line about `format`.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { checkResults } from '../../../engine/results/check-results.js';
import { parseInput } from '../../../engine/results/parse-input.js';
import type { Results } from '../../../engine/results/schema.js';
import { parseScenario } from '../../../engine/validate/validate.js';

const text = readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8');
let real: Results;
const runs: Results[] = [];

beforeAll(async () => {
  const p = parseScenario(text);
  if (!p.ok) throw new Error('invalid');
  for (const trials of [1, 2, 3, 500]) runs.push(JSON.parse(JSON.stringify(await simulateScenario(p.scenario, { trials, seed: 7 }))) as Results);
  real = runs[runs.length - 1]!;
}, 120_000);

const changed = (f: (r: Results) => void): Results => {
  const r = structuredClone(real);
  f(r);
  return r;
};

describe('checkResults', () => {
  it('real runs pass, down to a single trial (every treatment’s summary too)', () => {
    for (const r of runs) expect(checkResults(r), `${r.trials} trials`).toEqual([]);
  });

  it('names each impossible figure by path, expected and got', () => {
    const b = real.baseline;
    expect(checkResults(changed((r) => (r.baseline.se = -1)))).toEqual([{ path: 'baseline.se', message: 'expected a number ≥ 0 (a loss or its spread is never negative), got -1' }]);
    expect(checkResults(changed((r) => (r.baseline.eal = -5)))).toEqual([
      { path: 'baseline.eal', message: 'expected a number ≥ 0 (a loss or its spread is never negative), got -5' },
      { path: 'baseline.ci95', message: `expected an interval around eal (low ≤ -5 ≤ high), got [${b.ci95[0]}, ${b.ci95[1]}]` },
    ]);
    // an EAL ten times outside its own interval, and above the mean of the worst 5 %
    const ten = checkResults(changed((r) => (r.baseline.eal *= 10)));
    expect(ten.map((i) => i.path)).toEqual(['baseline.ci95', 'baseline.cvar95']);
    expect(ten[1]!.message).toMatch(/^expected eal ≤ cvar95, got eal \S+ and cvar95 \S+$/);
    expect(checkResults(changed((r) => (r.baseline.cvar99 = r.baseline.max * 2)))).toContainEqual({ path: 'baseline.max', message: `expected cvar99 ≤ max, got cvar99 ${b.max * 2} and max ${b.max}` });
    expect(checkResults(changed((r) => (r.baseline.p90 = r.baseline.p99 * 2))).map((i) => i.path)).toContain('baseline.p95');
    expect(checkResults(changed((r) => (r.baseline.pAnyLoss = 1.5)))).toEqual([{ path: 'baseline.pAnyLoss', message: 'expected a share in [0, 1], got 1.5' }]);
    expect(checkResults(changed((r) => (r.treatments[1]!.summary.sd = -2)))).toEqual([{ path: 'treatments[1].summary.sd', message: 'expected a number ≥ 0 (a loss or its spread is never negative), got -2' }]);
    expect(checkResults(changed((r) => (r.scenarioHash = 'sha256:xyz')))).toEqual([{ path: 'scenarioHash', message: 'expected "sha256:" and 64 hex digits, got "sha256:xyz"' }]);
    expect(checkResults(changed((r) => (r.risks[0]!.eal = -1)))).toEqual([{ path: 'risks[0].eal', message: 'expected a number ≥ 0, got -1' }]);
  });

  it('words the schema’s problems as the scenario checks do, not as zod’s defaults', () => {
    expect(checkResults(changed((r) => (r.baseline.sd = Infinity)))).toEqual([{ path: 'baseline.sd', message: 'expected a finite number, got Infinity' }]);
    expect(checkResults(changed((r) => (r.trials = 0)))).toEqual([{ path: 'trials', message: 'expected a number ≥ 1, got 0' }]);
    expect(checkResults(changed((r) => ((r.baseline as unknown as Record<string, unknown>).eal = 'lots')))).toEqual([{ path: 'baseline.eal', message: 'expected a number, got "lots"' }]);
    expect(checkResults(changed((r) => delete (r.baseline as Partial<Results['baseline']>).eal))).toEqual([{ path: 'baseline.eal', message: 'missing; expected a number' }]);
    expect(checkResults(changed((r) => (r.risks[0]!.level = 'huge' as 'high')))).toEqual([{ path: 'risks[0].level', message: 'expected one of "low", "medium", "high", "critical", got "huge"' }]);
    for (const i of checkResults(changed((r) => ((r as unknown as Record<string, unknown>).seed = null)))) expect(i.message).toMatch(/^expected .*, got null$/);
    // 1e999 in the file reads as Infinity
    expect(parseInput(JSON.stringify(real).replace(/"sd":[^,]+/, '"sd":1e999'))).toEqual({ kind: 'invalid', results: true, issues: [{ path: 'baseline.sd', message: 'expected a finite number, got Infinity' }] });
  });

  it('a document of another format is one line about `format`, not every field of a scenario', () => {
    for (const format of ['chainward-results/v2', 'chainward/v2', 7]) {
      const r = parseInput(JSON.stringify({ ...real, format }));
      expect(r).toEqual({ kind: 'invalid', issues: [{ path: 'format', message: `expected "chainward/v1" (a scenario) or "chainward-results/v1" (results), got ${JSON.stringify(format)}` }] });
    }
    expect(parseInput(JSON.stringify(real)).kind).toBe('results');
  });
});
