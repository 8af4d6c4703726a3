// The public API (engine/index.ts, the package's "exports"): a library user imports the package by
// name and runs the pipeline — parse, simulate, render — without reaching into the folders.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

  it('exports exactly the public API: an export added or removed by accident fails here', () => {
    // sorted by code unit (capitals first); types leave no name at run time
    const PUBLIC_API = [
      'CATALOG',
      'ENGINE_VERSION',
      'FORMATS',
      'RANGE_TRIALS',
      'RangeWorker',
      'SIMULATE_DEFAULTS',
      'analyse',
      'applyTreatment',
      'checkResults',
      'compare',
      'compareResults',
      'compilePlan',
      'csvReport',
      'generateScenario',
      'importNetwork',
      'isYamlName',
      'markdownReport',
      'optimizeControls',
      'parseInput',
      'parseScenario',
      'parseScenarioText',
      'problemLine',
      'render',
      'resultsGeoJson',
      'routeOptions',
      'scenarioCsv',
      'scenarioSchema',
      'scenarioWarnings',
      'sensitivity',
      'shardRanges',
      'simulate',
      'simulateScenario',
      'stressTest',
      'tableReport',
      'trialRanges',
      'validateScenario',
    ];
    expect(Object.keys(api).sort()).toEqual(PUBLIC_API);
  });

  it('the package name resolves for a Node.js program run with tsx, and so do the shipped scenarios', () => {
    const code = [
      "const api = await import('chainward');",
      "const { default: s } = await import('chainward/scenarios/eu-electronics-inbound.json', { with: { type: 'json' } });",
      'const v = api.validateScenario(s);',
      "process.stdout.write(JSON.stringify({ ok: v.ok, version: api.ENGINE_VERSION, render: typeof api.render }));",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ ok: true, version: api.ENGINE_VERSION, render: 'function' });
  });
});
