// `chainward import` and `chainward export` through the real command line: a generated network of
// 2 000 sites written to CSV, imported, validated and run; a CSV with many kinds of mistakes
// reported all at once at file:line:column with exit 2 and nothing written; export → import over
// the scenario gives the default scenario back; GeoJSON from a scenario and from results.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../../engine/generate/generate-scenario.js';
import { scenarioCsv } from '../../../engine/interchange/scenario-csv.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { runCli, runMany, stackProblem } from '../../support/run-cli.js';

const SCENARIO = 'scenarios/eu-electronics-inbound.json';
const dir = mkdtempSync(join(tmpdir(), 'chainward-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Writes the CSV files of `s` into `folder` (the test's own helper, beside `chainward export`). */
function writeCsv(s: Scenario, folder: string): Record<string, string> {
  mkdirSync(folder, { recursive: true });
  const paths: Record<string, string> = {};
  for (const f of scenarioCsv(s)) {
    paths[f.table] = join(folder, f.file);
    writeFileSync(paths[f.table]!, f.text);
  }
  return paths;
}

const tableArgs = (paths: Record<string, string>) => Object.entries(paths).flatMap(([t, p]) => [`--${t}`, p]);

describe('chainward import and export', () => {
  it('import: a generated network of 2 000 sites from CSV imports, validates and runs', async () => {
    const g = generateScenario({ sites: 2000, seed: 1 }) as Scenario;
    const base = join(dir, 'g2000.json');
    writeFileSync(base, JSON.stringify(g));
    const paths = writeCsv(g, join(dir, 'g2000'));
    const out = join(dir, 'imported-2000.json');
    const imported = await runCli(['import', ...tableArgs(paths), '--base', base, '--name', 'Imported 2000', '--out', out]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/chainward: imported "Imported 2000": 2,000 sites, [\d,]+ lanes, [\d,]+ flows, \d+ carriers, \d+ threats, \d+ treatments/);
    const written = json(out);
    expect(written).toEqual({ ...JSON.parse(JSON.stringify(g)), name: 'Imported 2000' });
    expect(readFileSync(out, 'utf8')).toBe(JSON.stringify(written, null, 2) + '\n');
    const [valid, run] = await runMany([
      ['validate', out],
      ['run', out, '--trials', '500', '--format', 'json', '--quiet'],
    ]);
    expect(valid!.status, valid!.stderr).toBe(0);
    expect(valid!.stdout).toMatch(/valid chainward\/v1 scenario "Imported 2000": 2,000 sites/);
    expect(run!.status, run!.stderr).toBe(0);
    const results = JSON.parse(run!.stdout);
    expect(results.trials).toBe(500);
    expect(results.baseline.eal).toBeGreaterThan(0);
  }, 300_000);

  it('import: every mistake of every file at file:line:column, exit 2, nothing written', async () => {
    const folder = join(dir, 'bad');
    mkdirSync(folder);
    const sites = join(folder, 'sites.csv');
    const lanes = join(folder, 'lanes.csv');
    const flows = join(folder, 'flows.csv');
    writeFileSync(
      sites,
      [
        'id,kind,latitude,longitude,vaule', // an unknown column (did you mean value?)
        'fac-sz,factory,22.6,114.0,',
        'port-rtm,port,91,4.14,', // latitude out of range
        'dc-venlo,dc,51.37,6.1.7,', // not a number
        'port-rtm,port,51.9,4.1,', // the id again
        'dc-lyon,warehuose,45.7,4.8,', // not a site kind
      ].join('\r\n') + '\r\n',
    );
    writeFileSync(lanes, ['id,origin,destination,mode,transit days', 'l1,fac-sz,port-rtm,Ocean,32', 'l2,port-rtm,dc-vnlo,road,1', 'l3,port-rtm,dc-lyon,raod,2'].join('\n') + '\n');
    writeFileSync(flows, ['id,from,to,value per year,shipments,path', 'f1,fac-sz,dc-venlo,1e8,500,l1;l2;l9', 'f2,fac-sz,dc-paris,"1,000,000",10,'].join('\n') + '\n');
    const out = join(folder, 'never.json');
    const r = await runCli(['import', '--sites', sites, '--lanes', lanes, '--flows', flows, '--out', out]);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(stackProblem(r.stderr)).toBeUndefined();
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('chainward: import: 10 problems; nothing written');
    expect(lines.slice(1).map((l) => l.trim().replace(folder + '/', ''))).toEqual([
      'sites.csv:1:28: unknown column "vaule" (did you mean "value"?), expected one of id, name, kind, lat, lon, region, value, controls, ttrDays, owner, tags (docs/import-export.md lists the other names each is known by)',
      'sites.csv:3:15: lat: expected a value ≤ 90, got 91',
      'sites.csv:4:19: lon: "6.1.7" is not a number, expected a number such as 1200, 0.5 or 1.2e5 (no thousands separators, spaces or currency signs)',
      'sites.csv:5:1: id: site "port-rtm" again, expected each id once (first on line 3)',
      'sites.csv:6:9: kind: "warehuose" is not one of supplier, factory, warehouse, port, airport, dc, crossdock, customer (did you mean "warehouse"?)',
      'lanes.csv:3:13: to: unknown site "dc-vnlo" (did you mean "dc-venlo"?)',
      'lanes.csv:4:21: mode: "raod" is not one of road, rail, sea, air, barge (did you mean "road"?)',
      'flows.csv:2:28: path: unknown lane "l9" (did you mean "l1"?)',
      'flows.csv:3:11: to: unknown site "dc-paris"',
      'flows.csv:3:20: valuePerYear: "1,000,000" is not a number, expected a number such as 1200, 0.5 or 1.2e5 (no thousands separators, spaces or currency signs)',
    ]);
  }, 120_000);

  it('export → import --base gives the default scenario back; --out checked; --help', async () => {
    const folder = join(dir, 'eu');
    const out = join(dir, 'eu-again.json');
    const exported = await runCli(['export', SCENARIO, '--format', 'csv', '--out', folder]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stderr).toContain(`wrote ${folder}/sites.csv, ${folder}/lanes.csv, ${folder}/flows.csv, ${folder}/carriers.csv, ${folder}/threats.csv`);
    const files = ['sites', 'lanes', 'flows', 'carriers', 'threats'];
    const back = await runCli(['import', ...files.flatMap((t) => [`--${t}`, join(folder, `${t}.csv`)]), '--base', SCENARIO, '--out', out]);
    expect(back.status, back.stderr).toBe(0);
    expect(json(out)).toEqual(json(SCENARIO));
    const [importHelp, exportHelp, noLanes, csvFromResults, overInput] = await runMany([
      ['import', '--help'],
      ['export', '--help'],
      ['import', '--sites', join(folder, 'sites.csv')],
      ['export', SCENARIO, '--format', 'csv'],
      ['import', '--sites', join(folder, 'sites.csv'), '--lanes', join(folder, 'lanes.csv'), '--out', join(folder, 'lanes.csv')],
    ]);
    expect(importHelp!.status).toBe(0);
    expect(importHelp!.stdout).toContain('--sites FILE.csv');
    expect(exportHelp!.status).toBe(0);
    expect(exportHelp!.stdout).toContain('--format csv|geojson');
    expect(noLanes!.status).toBe(2);
    expect(noLanes!.stderr).toContain('import needs --lanes FILE.csv');
    expect(csvFromResults!.status).toBe(2);
    expect(csvFromResults!.stderr).toContain('--format csv needs --out DIR');
    expect(overInput!.status).toBe(2);
    expect(overInput!.stderr).toContain('--out');
  }, 120_000);

  it('export --format geojson: from a scenario (simulated), and from results with --scenario checked by hash', async () => {
    const results = join(dir, 'eu-results.json');
    const fromScenario = join(dir, 'from-scenario.geojson');
    const fromResults = join(dir, 'from-results.geojson');
    const [ran, simulated] = await runMany([
      ['run', SCENARIO, '--trials', '1000', '--seed', '3', '--format', 'json', '--out', results, '--quiet'],
      ['export', SCENARIO, '--format', 'geojson', '--trials', '1000', '--seed', '3', '--out', fromScenario, '--quiet'],
    ]);
    expect(ran!.status, ran!.stderr).toBe(0);
    expect(simulated!.status, simulated!.stderr).toBe(0);
    const [fromRun, wrongScenario, noScenario] = await runMany([
      ['export', results, '--format', 'geojson', '--scenario', SCENARIO, '--out', fromResults],
      ['export', results, '--format', 'geojson', '--scenario', 'scenarios/pharma-cold-chain-air.json'],
      ['export', results, '--format', 'geojson'],
    ]);
    expect(fromRun!.status, fromRun!.stderr).toBe(0);
    expect(readFileSync(fromResults, 'utf8')).toBe(readFileSync(fromScenario, 'utf8'));
    const geo = json(fromResults);
    const s = json(SCENARIO);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(s.sites.length + s.lanes.length);
    expect(geo.chainward.trials).toBe(1000);
    expect(wrongScenario!.status).toBe(2);
    expect(wrongScenario!.stderr).toMatch(/--scenario: scenarios\/pharma-cold-chain-air\.json is not the scenario eu-results\.json was run on/);
    expect(noScenario!.status).toBe(2);
    expect(noScenario!.stderr).toContain('--format geojson from results needs --scenario');
  }, 240_000);
});
