// resultsGeoJson against RFC 7946 (a small structural checker below), the great-circle arcs and the
// antimeridian cut on a Pacific network, and the properties against the results' rows and the explorer's map.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { levelRank } from '../../../engine/analysis/criteria.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { boundingBox, resultsGeoJson, type LaneFeature, type Position, type ResultsFeatureCollection, type SiteFeature } from '../../../engine/interchange/geojson.js';
import { greatCircleKm } from '../../../engine/interchange/great-circle.js';
import type { Scenario } from '../../../engine/model/schema.js';
import type { Results } from '../../../engine/results/schema.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import { exposureMapData } from '../../../explorer/model/build-view-data.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

function shipped(name: string): Scenario {
  const parsed = parseScenario(readFileSync(new URL(`../../../scenarios/${name}.json`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name} invalid`);
  return parsed.scenario;
}

/**
 * RFC 7946 structure, as far as this file uses it: a FeatureCollection of Features without `crs`;
 * each geometry null, a Point, a LineString (≥ 2 positions) or a MultiLineString (parts of ≥ 2);
 * positions [lon, lat] in range with at most 6 decimals; no step across more than 180° of longitude
 * (section 3.1.9: cut at the antimeridian); a bbox of 4 numbers, west > east only across the antimeridian (section 5.2).
 * Returns every problem as "where: what".
 */
function rfc7946Problems(doc: unknown): string[] {
  const problems: string[] = [];
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const position = (p: unknown, at: string) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => typeof x === 'number' && Number.isFinite(x))) return problems.push(`${at}: not [lon, lat]`);
    const [lon, lat] = p as [number, number];
    if (lon < -180 || lon > 180) problems.push(`${at}: longitude ${lon} out of [−180, 180]`);
    if (lat < -90 || lat > 90) problems.push(`${at}: latitude ${lat} out of [−90, 90]`);
    for (const x of p as number[]) if (Math.round(x * 1e6) / 1e6 !== x) problems.push(`${at}: ${x} has more than 6 decimals`);
  };
  const line = (c: unknown, at: string) => {
    if (!Array.isArray(c) || c.length < 2) return problems.push(`${at}: a line needs ≥ 2 positions`);
    c.forEach((p, i) => position(p, `${at}[${i}]`));
    for (let i = 1; i < c.length; i++) {
      const d = Math.abs((c[i] as number[])[0]! - (c[i - 1] as number[])[0]!);
      if (d > 180) problems.push(`${at}[${i}]: a step across ${d}° of longitude (not cut at the antimeridian)`);
    }
  };
  if (!isObj(doc) || doc.type !== 'FeatureCollection') return ['$: not a FeatureCollection'];
  if ('crs' in doc) problems.push('$.crs: RFC 7946 has no crs member');
  if (doc.bbox !== undefined) {
    const b = doc.bbox;
    if (!Array.isArray(b) || b.length !== 4) problems.push('$.bbox: not [west, south, east, north]');
    else if (b[1] > b[3]) problems.push('$.bbox: south above north');
  }
  if (!Array.isArray(doc.features)) return [...problems, '$.features: not an array'];
  doc.features.forEach((f: unknown, i) => {
    const at = `$.features[${i}]`;
    if (!isObj(f) || f.type !== 'Feature') return problems.push(`${at}: not a Feature`);
    if (!('geometry' in f) || !isObj(f.properties)) return problems.push(`${at}: geometry and properties are required`);
    const g = f.geometry;
    if (f.id !== undefined && typeof f.id !== 'string' && typeof f.id !== 'number') problems.push(`${at}.id: not a string or number`);
    if (g === null) return;
    if (!isObj(g)) return problems.push(`${at}.geometry: not an object`);
    if (g.type === 'Point') position(g.coordinates, `${at}.geometry.coordinates`);
    else if (g.type === 'LineString') line(g.coordinates, `${at}.geometry.coordinates`);
    else if (g.type === 'MultiLineString') {
      if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) problems.push(`${at}.geometry.coordinates: no parts`);
      else g.coordinates.forEach((part, j) => line(part, `${at}.geometry.coordinates[${j}]`));
    } else problems.push(`${at}.geometry.type: unexpected ${String(g.type)}`);
  });
  return problems;
}

const sites = (g: ResultsFeatureCollection) => g.features.filter((f): f is SiteFeature => f.properties.target === 'site');
const lanes = (g: ResultsFeatureCollection) => g.features.filter((f): f is LaneFeature => f.properties.target === 'lane');
const lines = (f: LaneFeature): Position[][] => (f.geometry === null ? [] : f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates);

/** The properties the results imply for a target: EAL summed over its target rows, the worst level and the risks by EAL. */
function expectedFor(results: Results, kind: 'site' | 'lane', id: string) {
  const rows = results.targets.filter((t) => t.kind === kind && t.id === id);
  const risks = results.risks.filter((r) => r.targetKind === kind && r.target === id).sort((a, b) => b.eal - a.eal || (a.id < b.id ? -1 : 1));
  const level = risks.reduce<string | null>((l, r) => (l === null || levelRank(r.level) > levelRank(l as never) ? r.level : l), null);
  return { eal: rows.reduce((a, t) => a + t.eal, 0), interruptionEal: rows.reduce((a, t) => a + t.interruptionEal, 0), level, risks };
}

describe('resultsGeoJson on the default scenario', async () => {
  const scenario = shipped('eu-electronics-inbound');
  const results = await simulateScenario(scenario, { trials: 2000, seed: 1 });
  const g = resultsGeoJson(scenario, results);

  it('resultsGeoJson gives RFC 7946 structure: every position [lon, lat] in range, lines of ≥ 2 positions, no crs', () => {
    expect(rfc7946Problems(g)).toEqual([]);
    expect(rfc7946Problems(JSON.parse(JSON.stringify(g)))).toEqual([]);
    expect(g.features).toHaveLength(scenario.sites.length + scenario.lanes!.length);
    expect(g.features.every((f) => f.geometry !== null)).toBe(true);
    expect(g.name).toBe(scenario.name);
    expect(g.chainward).toMatchObject({ format: 'chainward-geojson/v1', scenarioHash: results.scenarioHash, seed: 1, trials: 2000, currency: 'EUR', maxStepKm: 100 });
  });

  it('resultsGeoJson: each element EAL is the sum of its results target rows, its level the worst of its risks, its top risks the largest', () => {
    for (const f of g.features) {
      const p = f.properties;
      const want = expectedFor(results, p.target, p.id);
      expect(p.eal).toBe(want.eal);
      expect(p.interruptionEal).toBe(want.interruptionEal);
      expect(p.level).toBe(want.level);
      expect(p.riskCount).toBe(want.risks.length);
      expect(p.topRisks.map((r) => r.id)).toEqual(want.risks.slice(0, 3).map((r) => r.id));
      for (const r of p.topRisks) {
        expect(r.id).toBe(`${r.threat}@${p.id}`);
        expect(r).toEqual({ id: r.id, threat: r.threat, eal: results.risks.find((x) => x.id === r.id)!.eal, level: results.risks.find((x) => x.id === r.id)!.level });
      }
      expect(p.currency).toBe('EUR');
    }
    const total = g.features.reduce((a, f) => a + f.properties.eal, 0);
    expect(total).toBeCloseTo(results.targets.reduce((a, t) => a + t.eal, 0), 6);
  });

  it('resultsGeoJson agrees with the explorer exposure map on every site and lane: EAL, level, top risks', () => {
    const map = exposureMapData({ scenario, baseline: results });
    for (const [mine, theirs] of [
      [sites(g), map.sites],
      [lanes(g), map.lanes],
    ] as const) {
      expect(mine.map((f) => f.properties.id)).toEqual(theirs.map((x) => x.id));
      mine.forEach((f, i) => {
        const x = theirs[i]!;
        expect(f.properties.name).toBe(x.name);
        expect(f.properties.eal).toBe(x.eal);
        expect(f.properties.level).toBe(x.level);
        expect(f.properties.topRisks.map((r) => r.id)).toEqual(x.topRisks.slice(0, 3).map((r) => r.id));
      });
    }
  });

  it('resultsGeoJson lists the flows on each lane of a stated path, and at each site they start, end or pass', () => {
    for (const flow of scenario.flows!) {
      if (!flow.path) continue;
      for (const laneId of flow.path) expect(lanes(g).find((f) => f.properties.id === laneId)!.properties.flows).toContain(flow.id);
      const passed = new Set([flow.from, flow.to, ...flow.path.flatMap((id) => [scenario.lanes!.find((l) => l.id === id)!.from, scenario.lanes!.find((l) => l.id === id)!.to])]);
      for (const s of sites(g)) expect(s.properties.flows.includes(flow.id)).toBe(passed.has(s.properties.id));
    }
    const unused = scenario.lanes!.filter((l) => !scenario.flows!.some((f) => f.path?.includes(l.id) || (f.from === l.from && !f.path)));
    for (const l of unused) expect(lanes(g).find((f) => f.properties.id === l.id)!.properties.flows).toEqual([]);
  });

  it('resultsGeoJson puts sites at their coordinates and lanes from end to end, a position at least every 100 km', () => {
    for (const f of sites(g)) {
      const s = scenario.sites.find((x) => x.id === f.properties.id)!;
      expect(f.geometry).toEqual({ type: 'Point', coordinates: [s.lon, s.lat] });
    }
    for (const f of lanes(g)) {
      const l = scenario.lanes!.find((x) => x.id === f.properties.id)!;
      const [a, b] = [l.from, l.to].map((id) => scenario.sites.find((s) => s.id === id)!);
      const [coords] = lines(f);
      expect(f.geometry!.type).toBe('LineString');
      expect(coords![0]).toEqual([a!.lon, a!.lat]);
      expect(coords![coords!.length - 1]).toEqual([b!.lon, b!.lat]);
      const km = greatCircleKm([a!.lon!, a!.lat!], [b!.lon!, b!.lat!]);
      expect(f.properties.lengthKm).toBeCloseTo(km, 1);
      expect(coords).toHaveLength(Math.max(1, Math.ceil(km / 100)) + 1);
      // rounding to 6 decimals moves a position by at most ~0.08 m
      for (let i = 1; i < coords!.length; i++) expect(greatCircleKm(coords![i - 1]!, coords![i]!)).toBeLessThanOrEqual(100 + 1e-3);
    }
  });

  it('resultsGeoJson: docs/geojson.md names every member and property the file has', () => {
    const doc = readFileSync(new URL('../../../docs/geojson.md', import.meta.url), 'utf8');
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
      }
    };
    walk(g);
    expect([...keys].filter((k) => !doc.includes(`\`${k}\``)).sort()).toEqual([]);
  });

  it('resultsGeoJson is deterministic: the same input gives the same bytes', () => {
    expect(JSON.stringify(resultsGeoJson(scenario, results))).toBe(JSON.stringify(g));
  });

  it('resultsGeoJson checks its options', () => {
    expect(() => resultsGeoJson(scenario, results, { maxStepKm: 0 })).toThrow(/maxStepKm/);
    expect(() => resultsGeoJson(scenario, results, { topRisks: 1.5 })).toThrow(/topRisks/);
    const one = resultsGeoJson(scenario, results, { topRisks: 1, maxStepKm: 500 });
    expect(one.features.every((f) => f.properties.topRisks.length <= 1)).toBe(true);
    expect(lanes(one).some((f) => lines(f)[0]!.length < lines(lanes(g).find((x) => x.id === f.id)!)[0]!.length)).toBe(true);
  });
});

describe('resultsGeoJson across the Pacific', async () => {
  const scenario = scenarioOf(
    envelope('Pacific <b>test</b> "network"', {
      currency: 'USD',
      sites: [
        { id: 'tokyo', name: 'Tokyo <script>alert(1)</script>', kind: 'port', lat: 35.69, lon: 139.69, region: 'JP', value: 1e6 },
        { id: 'la', name: 'Los Angeles', kind: 'port', lat: 34.05, lon: -118.24, region: 'US' },
        { id: 'dc', name: 'Inland DC (no coordinates)', kind: 'dc', region: 'US', value: 5e5 },
      ],
      lanes: [
        { id: 'sea-east', from: 'tokyo', to: 'la', mode: 'sea', transitDays: 12 },
        { id: 'road-dc', from: 'la', to: 'dc', mode: 'road', transitDays: 1 },
        { id: 'sea-west', from: 'la', to: 'tokyo', mode: 'sea', transitDays: 14 },
      ],
      flows: [
        { id: 'f-east', from: 'tokyo', to: 'dc', valuePerYear: 5e7, shipmentsPerYear: 100 },
        { id: 'f-west', from: 'la', to: 'tokyo', valuePerYear: 1e7, shipmentsPerYear: 20, path: ['sea-west'] },
      ],
      threats: [
        { id: 'theft-sea', category: 'theft', appliesTo: { kind: 'lane', modes: ['sea'] }, frequency: { perShipment: 2e-3 }, loss: { fraction: { uniform: [0.1, 0.5] } } },
        { id: 'storm', category: 'disruption', appliesTo: { kind: 'lane', modes: ['sea'] }, frequency: { perYear: 0.5 }, downtimeDays: { pert: [1, 3, 10] } },
        { id: 'fire', category: 'disruption', appliesTo: { kind: 'site', ids: ['tokyo', 'dc'] }, frequency: { perYear: 0.1 }, loss: { fraction: { uniform: [0.05, 0.2] } }, downtimeDays: { pert: [2, 5, 20] } },
      ],
    }),
  );
  const results = await simulateScenario(scenario, { trials: 2000, seed: 1 });
  const g = resultsGeoJson(scenario, results);
  const lane = (id: string) => lanes(g).find((f) => f.properties.id === id)!;
  const site = (id: string) => sites(g).find((f) => f.properties.id === id)!;

  it('resultsGeoJson gives RFC 7946 structure with lanes cut at the antimeridian', () => {
    expect(rfc7946Problems(g)).toEqual([]);
  });

  it('resultsGeoJson splits Tokyo → Los Angeles into a MultiLineString whose parts meet at ±180 at one latitude', () => {
    for (const id of ['sea-east', 'sea-west']) {
      const geometry = lane(id).geometry!;
      expect(geometry.type).toBe('MultiLineString');
      const [first, second] = lines(lane(id)) as [Position[], Position[]];
      expect(lines(lane(id))).toHaveLength(2);
      const end = first[first.length - 1]!;
      expect(Math.abs(end[0])).toBe(180);
      expect(second[0]).toEqual([-end[0], end[1]]);
    }
    expect(lines(lane('sea-east'))[0]![0]).toEqual([139.69, 35.69]);
    expect(lines(lane('sea-east'))[1]!.at(-1)).toEqual([-118.24, 34.05]);
    expect(lines(lane('sea-west'))[0]![0]).toEqual([-118.24, 34.05]);
  });

  it('resultsGeoJson keeps elements without coordinates with a null geometry and all their properties', () => {
    expect(site('dc').geometry).toBeNull();
    expect(lane('road-dc').geometry).toBeNull();
    expect(lane('road-dc').properties.lengthKm).toBeNull();
    expect(site('dc').properties.eal).toBe(expectedFor(results, 'site', 'dc').eal);
    expect(site('dc').properties.eal).toBeGreaterThan(0);
    expect(site('dc').properties.flows).toEqual(['f-east']);
  });

  it('resultsGeoJson follows the fastest route of a flow without a path, and a stated path', () => {
    expect(lane('sea-east').properties.flows).toEqual(['f-east']);
    expect(lane('road-dc').properties.flows).toEqual(['f-east']);
    expect(lane('sea-west').properties.flows).toEqual(['f-west']);
    expect(site('tokyo').properties.flows).toEqual(['f-east', 'f-west']);
    expect(site('la').properties.flows).toEqual(['f-east', 'f-west']);
    expect(lane('sea-east').properties).toMatchObject({ target: 'lane', mode: 'sea', from: 'tokyo', to: 'la', carrier: null, transitDays: 12, region: 'JP', currency: 'USD' });
    expect(lane('road-dc').properties.region).toBe('US');
  });

  it('resultsGeoJson gives a bbox across the antimeridian (west > east) holding every position', () => {
    const [west, south, east, north] = g.bbox!;
    expect(west).toBe(139.69);
    expect(east).toBe(-118.24);
    expect(south).toBe(34.05);
    const all = g.features.flatMap((f) => (f.geometry === null ? [] : f.geometry.type === 'Point' ? [f.geometry.coordinates] : lines(f as LaneFeature).flat()));
    expect(north).toBe(Math.max(...all.map((p) => p[1])));
    expect(north).toBeGreaterThan(45); // the great circle bows north of both ends
    for (const [lon, lat] of all) {
      expect(lat >= south && lat <= north).toBe(true);
      expect(lon >= west || lon <= east).toBe(true);
    }
  });

  it('resultsGeoJson carries names as data: the text exactly as the scenario gives it', () => {
    expect(g.name).toBe('Pacific <b>test</b> "network"');
    expect(site('tokyo').properties.name).toBe('Tokyo <script>alert(1)</script>');
    expect(JSON.parse(JSON.stringify(g)).features[0].properties.name).toBe('Tokyo <script>alert(1)</script>');
  });
});

describe('boundingBox', () => {
  const point = (lon: number, lat: number): SiteFeature => ({ type: 'Feature', id: 'p', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: {} as SiteFeature['properties'] });
  const line = (coordinates: Position[]): LaneFeature => ({ type: 'Feature', id: 'l', geometry: { type: 'LineString', coordinates }, properties: {} as LaneFeature['properties'] });

  it('boundingBox is the ordinary box when the widest empty stretch of longitude spans the antimeridian', () => {
    expect(boundingBox([point(4, 51), point(114, 22), point(23.5, 52)])).toEqual([4, 22, 114, 52]);
  });

  it('boundingBox crosses the antimeridian when that is smaller (RFC 7946 section 5.2), counting the steps of lines', () => {
    expect(boundingBox([point(170, -10), point(-170, 10)])).toEqual([170, -10, -170, 10]);
    // a line from −100 to 100 covers the stretch in between: the box cannot cross the antimeridian
    expect(
      boundingBox([
        line([
          [-100, 0],
          [100, 1],
        ]),
        point(170, 2),
      ]),
    ).toEqual([-100, 0, 170, 2]);
  });

  it('boundingBox is undefined without any geometry', () => {
    expect(boundingBox([{ ...point(0, 0), geometry: null }])).toBeUndefined();
  });
});
