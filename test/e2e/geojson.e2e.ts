// The GeoJSON map of docs/geojson.md (geojson-map.ts, the renderer of docs/geojson-default.png) in
// Debian's Chromium: d3-geo draws one non-empty path per feature with a geometry, for the default
// scenario and for a Pacific network whose lanes are cut at the antimeridian, with no console error,
// no request, and the scenario's names as text.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { resultsGeoJson, type ResultsFeatureCollection } from '../../engine/interchange/geojson.js';
import { launchChromium } from '../../engine/serve/chromium.js';
import { parseScenario, validateScenario } from '../../engine/validate/validate.js';
import { CHROMIUM } from './browser.js';
import { drawMap, geojsonMapScript, openMapPage, type MapPage } from './geojson-render.js';

const WIDTH = 1600;
const HEIGHT = 900;

/** Each drawn feature's id, path data and on-screen box. */
async function drawnPaths(m: MapPage) {
  return m.page.$$eval('svg path.feature', (paths) =>
    paths.map((p) => {
      const b = (p as SVGPathElement).getBBox();
      return { id: p.getAttribute('data-id') ?? '', d: p.getAttribute('d') ?? '', width: b.width, height: b.height };
    }),
  );
}

/** The points of each subpath of an SVG path of moves and lines (d3-geo's output for lines). */
function subpaths(d: string): Array<Array<[number, number]>> {
  return d
    .split('M')
    .filter((s) => s !== '')
    .map((s) => s.split('L').map((xy) => xy.split(',').map(Number) as [number, number]));
}

describe('the GeoJSON map in Chromium', () => {
  let browser: Browser;
  let script: string;
  let base: ResultsFeatureCollection;
  let pacific: ResultsFeatureCollection;

  beforeAll(async () => {
    browser = await launchChromium(CHROMIUM);
    script = geojsonMapScript();
    const parsed = parseScenario(readFileSync(new URL('../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('default scenario invalid');
    base = resultsGeoJson(parsed.scenario, await simulateScenario(parsed.scenario, { trials: 2000, seed: 1 }));
    const raw = {
      format: 'chainward/v1',
      name: 'Pacific <img src=x onerror="document.title=\'owned\'">',
      currency: 'USD',
      sites: [
        { id: 'tokyo', name: 'Tokyo <script>document.title="owned"</script>', kind: 'port', lat: 35.69, lon: 139.69, value: 1e6 },
        { id: 'la', name: 'Los Angeles', kind: 'port', lat: 34.05, lon: -118.24 },
        { id: 'auckland', name: 'Auckland', kind: 'port', lat: -36.85, lon: 174.76 },
        { id: 'dc', name: 'Inland DC', kind: 'dc', value: 5e5 },
      ],
      lanes: [
        { id: 'sea-east', from: 'tokyo', to: 'la', mode: 'sea', transitDays: 12 },
        { id: 'sea-west', from: 'la', to: 'auckland', mode: 'sea', transitDays: 16 },
        { id: 'road-dc', from: 'la', to: 'dc', mode: 'road', transitDays: 1 },
      ],
      flows: [{ id: 'f', from: 'tokyo', to: 'dc', valuePerYear: 5e7, shipmentsPerYear: 100 }],
      threats: [
        { id: 'theft-sea', category: 'theft', appliesTo: { kind: 'lane', modes: ['sea'] }, frequency: { perShipment: 2e-3 }, loss: { fraction: { uniform: [0.1, 0.5] } } },
        { id: 'fire', category: 'disruption', appliesTo: { kind: 'site' }, frequency: { perYear: 0.1 }, loss: { fraction: { uniform: [0.05, 0.2] } }, downtimeDays: { pert: [2, 5, 20] } },
      ],
    };
    const v = validateScenario(raw);
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    pacific = resultsGeoJson(v.scenario, await simulateScenario(v.scenario, { trials: 1000, seed: 1 }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every feature of the default scenario as a non-empty path, with no console error and no request', async () => {
    const m = await openMapPage(browser, WIDTH, HEIGHT, script);
    const summary = await drawMap(m.page, base, { width: WIDTH, height: HEIGHT });
    const paths = await drawnPaths(m);
    const ids = base.features.map((f) => f.id);
    expect(summary.unlocated).toEqual([]);
    expect([...summary.drawn].sort()).toEqual([...ids].sort());
    expect(paths.map((p) => p.id).sort()).toEqual([...ids].sort());
    for (const p of paths) {
      expect(p.d, p.id).toMatch(/^M/);
      expect(p.d, p.id).not.toMatch(/NaN|Infinity/);
      expect(p.width + p.height, p.id).toBeGreaterThan(0);
    }
    // sites as circles sized by EAL: the largest site's circle is the widest
    const sites = base.features.filter((f) => f.properties.target === 'site').sort((a, b) => b.properties.eal - a.properties.eal);
    const width = new Map(paths.map((p) => [p.id, p.width]));
    expect(width.get(sites[0]!.id)).toBe(Math.max(...sites.map((s) => width.get(s.id)!)));
    // lanes coloured by their level
    const lane = base.features.find((f) => f.properties.target === 'lane' && f.properties.level === 'high')!;
    expect(await m.page.getAttribute(`path.feature[data-id="${lane.id}"]`, 'stroke')).toBe('#fd8d3c');
    expect(await m.page.locator('svg text.title').textContent()).toBe(base.name);
    expect(m.errors).toEqual([]);
    expect(m.requests).toEqual([]);
    await m.page.context().close();
  });

  it('draws lanes cut at the antimeridian as one unbroken arc across the Pacific, skips elements without coordinates, and writes names as text', async () => {
    const m = await openMapPage(browser, WIDTH, HEIGHT, script);
    const summary = await drawMap(m.page, pacific, { width: WIDTH, height: HEIGHT });
    expect(summary.unlocated.sort()).toEqual(['lane:road-dc', 'site:dc']);
    const paths = await drawnPaths(m);
    expect(paths.map((p) => p.id).sort()).toEqual(['lane:sea-east', 'lane:sea-west', 'site:auckland', 'site:la', 'site:tokyo']);
    const byId = new Map(paths.map((p) => [p.id, p]));
    for (const id of ['lane:sea-east', 'lane:sea-west']) {
      expect(pacific.features.find((f) => f.id === id)!.geometry!.type).toBe('MultiLineString');
      const p = byId.get(id)!;
      expect(p.d).not.toMatch(/NaN/);
      // the map is centred on the Pacific: the second part starts on screen where the first ends (one unbroken arc), never a line across the map
      const parts = subpaths(p.d);
      expect(parts).toHaveLength(2);
      const end = parts[0]!.at(-1)!;
      const start = parts[1]![0]!;
      expect(Math.hypot(end[0] - start[0], end[1] - start[1])).toBeLessThan(0.5);
      expect(p.width).toBeLessThan(WIDTH * 0.8);
    }
    // the arc Tokyo → Los Angeles bows north of both ends (smaller y on screen)
    const tokyoY = await m.page.$eval('path.feature[data-id="site:tokyo"]', (e) => (e as SVGPathElement).getBBox().y);
    const arcTop = byId.get('lane:sea-east')!;
    const arcY = await m.page.$eval('path.feature[data-id="lane:sea-east"]', (e) => (e as SVGPathElement).getBBox().y);
    expect(arcTop.height).toBeGreaterThan(0);
    expect(arcY).toBeLessThan(tokyoY);
    const texts = await m.page.$$eval('svg text', (t) => t.map((x) => x.textContent));
    expect(texts).toContain(pacific.name);
    expect(texts.some((t) => t?.startsWith('Tokyo <script>'))).toBe(true);
    expect(await m.page.locator('svg img, svg script, #map script').count()).toBe(0);
    expect(await m.page.title()).not.toBe('owned');
    expect(m.errors).toEqual([]);
    expect(m.requests).toEqual([]);
    await m.page.context().close();
  });
});
