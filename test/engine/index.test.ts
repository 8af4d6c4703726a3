// The public API (engine/index.ts, the package's "exports"): a library user imports the package by
// name and runs the pipeline — parse, simulate, render — without reaching into the folders.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from 'chainward';

const text = readFileSync(new URL('../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8');

describe('chainward (engine/index.ts)', () => {
  it('parseScenario → simulateScenario → render, through the package name', async () => {
    const parsed = api.parseScenario(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const results = await api.simulateScenario(parsed.scenario, { trials: 2048, seed: 1, treatments: 'none' });
    expect(results.format).toBe('chainward-results/v1');
    expect(results.engineVersion).toBe(api.ENGINE_VERSION);
    expect(api.checkResults(JSON.parse(JSON.stringify(results)))).toEqual([]);
    expect(api.render(results, 'table')).toContain('Expected annual loss (EAL)');
  });

  it('re-exports only: every export is defined', () => {
    for (const [name, value] of Object.entries(api)) expect(value, name).toBeDefined();
    expect(Object.keys(api)).toEqual(expect.arrayContaining(['validateScenario', 'compilePlan', 'simulateScenario', 'optimizeControls', 'routeOptions', 'sensitivity', 'csvReport', 'markdownReport', 'tableReport']));
  });
});
