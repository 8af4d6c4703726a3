// The results schema accepts every document the engine writes (treatments, sensitivity, a target
// standard error) and returns it as written; what it refuses, it names by JSON path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { sensitivity } from '../../../engine/analysis/sensitivity.js';
import { checkResults, readResults } from '../../../engine/results/check-results.js';
import { resultsSchema } from '../../../engine/results/schema.js';
import { parseScenario } from '../../../engine/validate/validate.js';

const SHIPPED = ['eu-electronics-inbound', 'pharma-cold-chain-air', 'us-mexico-crossborder-road'];

function scenarioOf(name: string) {
  const p = parseScenario(readFileSync(new URL(`../../../scenarios/${name}.json`, import.meta.url), 'utf8'));
  if (!p.ok) throw new Error(`${name} is invalid`);
  return p.scenario;
}

/** The JSON `run --sensitivity --format json` writes: the sensitivity rows before `run`. */
async function resultsJson(name: string, trials: number): Promise<string> {
  const scenario = scenarioOf(name);
  const results = await simulateScenario(scenario, { trials, seed: 1, treatments: 'all' });
  const { rows } = await sensitivity(scenario, { trials, seed: 1 });
  const { run, ...rest } = results;
  return JSON.stringify({ ...rest, sensitivity: rows, run }, null, 2);
}

describe('resultsSchema', () => {
  it.each(SHIPPED)('readResults accepts the results of %s with treatments and sensitivity, and returns them as written', async (name) => {
    const text = await resultsJson(name, 300);
    const r = readResults(JSON.parse(text));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.results.treatments.length).toBeGreaterThan(0);
    expect(r.results.sensitivity?.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.results, null, 2)).toBe(text);
  });

  it('readResults accepts a run stopped by a target standard error (targetSe, achievedRelativeSe, stoppedBy)', async () => {
    const results = await simulateScenario(scenarioOf('pharma-cold-chain-air'), { trials: 2000, seed: 1, treatments: 'none', targetSe: 0.5, rangeTrials: 256 });
    expect(results.run.stoppedBy).toBeDefined();
    const text = JSON.stringify(results, null, 2);
    const r = readResults(JSON.parse(text));
    expect(r.ok && JSON.stringify(r.results, null, 2)).toBe(text);
  });

  it('readResults allows fields it does not know and leaves them out; missing warnings read as none', async () => {
    const raw = JSON.parse(JSON.stringify(await simulateScenario(scenarioOf('eu-electronics-inbound'), { trials: 100, seed: 1, treatments: 'none' })));
    raw.newSection = [1, 2];
    raw.risks[0].newField = 'x';
    delete raw.warnings;
    const r = readResults(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect('newSection' in r.results).toBe(false);
    expect('newField' in r.results.risks[0]!).toBe(false);
    expect(r.results.warnings).toEqual([]);
  });

  it('checkResults names what the reports read and a document lacks: riskControlList, run, a risk’s parts, an option’s level', async () => {
    const raw = JSON.parse(JSON.stringify(await simulateScenario(scenarioOf('us-mexico-crossborder-road'), { trials: 100, seed: 1, treatments: 'none' })));
    expect(raw.riskControlList.length).toBeGreaterThan(0);
    const broken = structuredClone(raw);
    delete broken.run;
    delete broken.risks[1].rerouteEal;
    broken.riskControlList[0].options[0].levelAfter = 'severe';
    broken.scenarioHash = 7;
    expect(checkResults(broken).map((i) => i.path).sort()).toEqual(['riskControlList[0].options[0].levelAfter', 'risks[1].rerouteEal', 'run', 'scenarioHash']);
    delete raw.riskControlList;
    expect(checkResults(raw)).toEqual([{ path: 'riskControlList', message: expect.any(String) }]);
  });

  it('resultsSchema lists the document’s sections in the order the engine writes them', async () => {
    const results = await simulateScenario(scenarioOf('eu-electronics-inbound'), { trials: 100, seed: 1, treatments: 'none' });
    const written = Object.keys(results);
    expect(Object.keys(resultsSchema.shape).filter((k) => written.includes(k))).toEqual(written);
  });
});
