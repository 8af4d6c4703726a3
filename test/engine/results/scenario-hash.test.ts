// scenarioHash: one hash of a scenario for the results, the partial results and merge's check.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../engine/results/canonical-json.js';
import { scenarioHash } from '../../../engine/results/scenario-hash.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { minimalScenario } from '../../support/scenario-fixtures.js';

function valid(raw: unknown) {
  const r = validateScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

describe('scenarioHash', () => {
  it('scenarioHash is "sha256:" and the SHA-256 of the canonical JSON, whatever the key order', () => {
    const s = valid(minimalScenario());
    const reordered = valid(Object.fromEntries(Object.entries(minimalScenario()).reverse()));
    expect(scenarioHash(s)).toBe(`sha256:${createHash('sha256').update(canonicalJson(s)).digest('hex')}`);
    expect(scenarioHash(reordered)).toBe(scenarioHash(s));
  });

  it('scenarioHash is what the results carry', async () => {
    const s = valid(minimalScenario());
    expect((await simulateScenario(s, { trials: 16, seed: 1, treatments: 'none' })).scenarioHash).toBe(scenarioHash(s));
  });
});
