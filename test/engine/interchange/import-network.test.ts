// importNetwork and scenarioCsv: exported files imported over their scenario give it back (every
// shipped scenario, a generated one, hostile text); the validator's problems come back at the cell
// they come from; a base's entries that no longer fit are left out with a warning; without a base
// the import is a minimal valid scenario.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateScenario } from '../../../engine/generate/generate-scenario.js';
import { DEFAULT_NAME, importNetwork, problemLine, type ImportInput } from '../../../engine/interchange/import-network.js';
import { readBase } from '../../../engine/interchange/read-base.js';
import { scenarioCsv } from '../../../engine/interchange/scenario-csv.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import { minimalScenario } from '../../support/scenario-fixtures.js';

const load = (file: string): Scenario => {
  const r = parseScenario(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file} is not valid`);
  return r.scenario;
};

/** The CSV files of `s` as the import takes them (only `only` when given). */
function tablesOf(s: Scenario, only?: string[]): ImportInput['tables'] {
  const files = scenarioCsv(s).filter((f) => !only || only.includes(f.table));
  return Object.fromEntries(files.map((f) => [f.table, { file: f.file, text: f.text }])) as ImportInput['tables'];
}

const SHIPPED = readdirSync('scenarios').filter((f) => f.endsWith('.json') && !f.includes('schema'));

describe('importNetwork', () => {
  it.each(SHIPPED)('importNetwork(scenarioCsv(s), base s) gives s back: %s', (file) => {
    const s = load(`scenarios/${file}`);
    const r = importNetwork({ tables: tablesOf(s), base: { file, scenario: s } });
    expect(r.ok ? r.warnings : r.problems.map(problemLine)).toEqual([]);
    expect(r.ok && r.scenario).toEqual(s);
  });

  it('importNetwork: a generated network of 300 sites round-trips, and its CSV alone (no base) imports into a valid scenario', () => {
    const s = generateScenario({ sites: 300, seed: 3 }) as Scenario;
    const r = importNetwork({ tables: tablesOf(s), base: { file: 'g.json', scenario: s } });
    expect(r.ok && r.scenario).toEqual(s);
    const bare = { ...s, sites: s.sites.map(({ controls: _c, ...site }) => site), lanes: s.lanes!.map(({ controls: _c, ...lane }) => lane) };
    const alone = importNetwork({ tables: tablesOf(bare) });
    expect(alone.ok ? [] : alone.problems.map(problemLine)).toEqual([]);
    expect(alone.ok && alone.scenario.name).toBe(DEFAULT_NAME);
    expect(alone.ok && alone.scenario.threats).toEqual(s.threats);
    expect(alone.ok && 'treatments' in alone.scenario).toBe(false);
  });

  it('scenarioCsv → importNetwork: hostile text (commas, quotes, line breaks, formulas, ";" and "\\\\" in list items, spaces) round-trips', () => {
    const s = minimalScenario();
    s.name = 'x';
    s.sites[0].name = ' =HYPERLINK("http://x"), "quoted"\nsecond line ';
    s.sites[0].tags = ['a;b', 'c\\d', '-1', '@x'];
    s.sites[1].name = '';
    s.sites[1].owner = "'=already quoted";
    s.sites[2].tags = [];
    s.lanes[0].name = '+1';
    s.threats[0].regionFactors = { 'N;L': 1.5, CN: 0 };
    const valid = parseScenario(JSON.stringify(s));
    expect(valid.ok).toBe(true);
    if (!valid.ok) return;
    const r = importNetwork({ tables: tablesOf(valid.scenario), base: { file: 'b.json', scenario: valid.scenario } });
    expect(r.ok ? r.warnings : r.problems.map(problemLine)).toEqual([]);
    expect(r.ok && r.scenario).toEqual(valid.scenario);
    const text = tablesOf(valid.scenario).sites.text;
    expect(text).toContain('" =HYPERLINK(""http://x""), ""quoted""\nsecond line "');
    expect(text).toContain(`wh,"",warehouse,NL,500000,,''=already quoted,\r\n`); // a formula guard before the quote already there
    expect(text).toContain(String.raw`a\;b; c\\d; -1; @x`); // ";" and "\" escaped in a list item
  });

  it("importNetwork: the validator's problems at the cell they come from, with did-you-mean", () => {
    const r = importNetwork({
      tables: {
        sites: { file: 'sites.csv', text: 'id,kind,lat,lon\nsup,supplier,91,4\ndc-venlo,dc,51.4,6.2\n' },
        lanes: { file: 'lanes.csv', text: 'id,from,to,mode,transitDays\nl1,sup,dc-vnelo,road,2\nl2,sup,dc-venlo,road,-1\n' },
        flows: { file: 'flows.csv', text: 'id,from,to,valuePerYear,shipmentsPerYear,path\nf1,sup,dc-venlo,1e6,0,l1;l9\n' },
      },
    });
    expect(r.ok ? [] : r.problems.map(problemLine)).toEqual([
      'sites.csv:2:14: lat: expected a value ≤ 90, got 91',
      'lanes.csv:2:8: to: unknown site "dc-vnelo" (did you mean "dc-venlo"?)',
      'lanes.csv:3:22: transitDays: expected a number ≥ 0, got -1',
      "flows.csv:2:17: valuePerYear: expected one shipment's value, valuePerYear / shipmentsPerYear, of at most 1e+15, got 1000000",
      'flows.csv:2:21: shipmentsPerYear: expected a number ≥ 0.000001, got 0',
      'flows.csv:2:23: path: unknown lane "l9" (did you mean "l1"?)',
    ]);
  });

  it('importNetwork --base: flows and treatments naming what the import lacks are left out with a warning; a threat keeps the targets left', () => {
    const s = load('scenarios/eu-electronics-inbound.json');
    const cut = { ...s, sites: s.sites.filter((x) => x.id !== 'dc-venlo'), lanes: s.lanes!.filter((l) => l.from !== 'dc-venlo' && l.to !== 'dc-venlo') };
    const r = importNetwork({ tables: tablesOf(cut, ['sites', 'lanes']), base: { file: 'base.json', scenario: s }, name: 'Without Venlo' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map(problemLine)).toEqual([
      'base.json: flows[0]: flow "fl-phones-venlo" left out: it names site "dc-venlo", which the imported network does not have',
      'base.json: flows[7]: flow "fl-dist-benelux" left out: it names site "dc-venlo", which the imported network does not have',
      'base.json: flows[10]: flow "fl-replen-milan" left out: it names site "dc-venlo", which the imported network does not have',
      'base.json: treatments[1]: treatment "tr-long-haul-bundle" left out: it names lane "la-vnl-mil", which the imported network does not have',
      'base.json: treatments[2]: treatment "tr-haulier-tsr1" left out: it names lane "la-vnl-mil", which the imported network does not have',
    ]);
    expect(r.scenario.name).toBe('Without Venlo');
    expect(r.scenario.flows).toHaveLength(8);
    expect(r.scenario.treatments!.map((t) => t.id)).toEqual(['tr-dc-fsr-upgrade', 'tr-port-contingency', 'tr-components-buffer', 'tr-laptops-rail']);

    const picky = structuredClone(s);
    picky.threats[0]!.appliesTo = { kind: 'site', ids: ['dc-venlo', 'dc-dortmund'] };
    picky.threats[1]!.appliesTo = { kind: 'site', ids: ['dc-venlo'] };
    const kept = importNetwork({ tables: tablesOf(cut, ['sites', 'lanes']), base: { file: 'base.json', scenario: picky } });
    expect(kept.ok && kept.warnings.map(problemLine).filter((w) => w.includes('threats['))).toEqual([
      'base.json: threats[0].appliesTo.ids: threat "theft-dc-warehouse" keeps 1 of its sites: "dc-venlo" is not in the imported network',
      'base.json: threats[1]: threat "theft-parked-truck" left out: none of the sites it applies to ("dc-venlo") is in the imported network',
    ]);
    expect(kept.ok && kept.scenario.threats[0]!.appliesTo.ids).toEqual(['dc-dortmund']);
  });

  it('importNetwork --base YAML: warnings about the base at its line and column', () => {
    const s = load('scenarios/eu-electronics-inbound.json');
    const text = stringify(s);
    const read = readBase(text, 'base.yaml');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const cut = { ...s, sites: s.sites.filter((x) => x.id !== 'dc-venlo'), lanes: s.lanes!.filter((l) => l.from !== 'dc-venlo' && l.to !== 'dc-venlo') };
    const r = importNetwork({ tables: tablesOf(cut, ['sites', 'lanes']), base: read.base });
    const first = r.ok ? r.warnings[0]! : undefined;
    const line = text.split('\n').findIndex((l) => l === 'flows:') + 2; // the first flow's "- id:" line
    expect(first && problemLine(first)).toBe(`base.yaml:${line}:5: flows[0]: flow "fl-phones-venlo" left out: it names site "dc-venlo", which the imported network does not have`);
  });

  it('importNetwork: "__proto__" is an id like any other, and refused as a region factor key at its cell; nothing is polluted', () => {
    const r = importNetwork({
      tables: {
        sites: { file: 's.csv', text: 'id,kind,region\n__proto__,dc,constructor\nb,dc,NL\n' },
        lanes: { file: 'l.csv', text: 'id,from,to,mode,transitDays\nl,__proto__,b,road,1\n' },
        threats: { file: 't.csv', text: 'id,category,appliesTo,perYear,lossAmount,regionFactors\nt,theft,site,1,1000,"__proto__=2; NL=1.5"\nu,theft,site,1,1000,\n' },
      },
    });
    expect(r.ok ? [] : r.problems.map(problemLine)).toEqual(['t.csv:2:21: regionFactors: key "__proto__" is not allowed (it could alter object prototypes)']);
    expect(({} as { NL?: unknown }).NL).toBeUndefined();
    const ok = importNetwork({
      tables: { sites: { file: 's.csv', text: 'id,kind,region\n__proto__,dc,constructor\nb,dc,NL\n' }, lanes: { file: 'l.csv', text: 'id,from,to,mode,transitDays\nl,__proto__,b,road,1\n' } },
    });
    expect(ok.ok && ok.scenario.sites[0]).toEqual({ id: '__proto__', kind: 'dc', region: 'constructor' });
  });

  it('importNetwork without a base: a minimal scenario, and unknown references say where they would come from', () => {
    const ok = importNetwork({ tables: { sites: { file: 's.csv', text: 'id,kind\na,dc\nb,dc\n' }, lanes: { file: 'l.csv', text: 'id,from,to,mode,transitDays\nab,a,b,road,1\n' } } });
    expect(ok.ok && ok.scenario).toEqual({ format: 'chainward/v1', name: DEFAULT_NAME, sites: [{ id: 'a', kind: 'dc' }, { id: 'b', kind: 'dc' }], lanes: [{ id: 'ab', from: 'a', to: 'b', mode: 'road', transitDays: 1 }], threats: [] });
    const bad = importNetwork({ tables: { sites: { file: 's.csv', text: 'id,kind,controls\na,dc,cctv-dock\nb,dc,\n' }, lanes: { file: 'l.csv', text: 'id,from,to,mode,carrier,transitDays\nab,a,b,road,trk,1\n' } } });
    expect(bad.ok ? [] : bad.problems.map(problemLine)).toEqual([
      's.csv:2:6: controls: unknown control "cctv-dock" (did you mean "cctv-docks"?); expected a catalog control (`chainward controls` lists them), or give --base with the scenario that defines it',
      'l.csv:2:13: carrier: unknown carrier "trk"; expected a carrier of --carriers (none given) or of --base',
    ]);
  });
});
