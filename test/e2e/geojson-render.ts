// The GeoJSON map (geojson-map.ts) bundled with esbuild and drawn in a Chromium page that loads
// nothing from anywhere: shared by the browser test (geojson.e2e.ts) and the screenshot script
// (geojson-screenshot.ts), so the picture in docs/ comes from the renderer the test checks.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { ResultsFeatureCollection } from '../../engine/interchange/geojson.js';
import type { DrawSummary, MapOptions } from './geojson-map.js';

const ENTRY = fileURLToPath(new URL('./geojson-map.ts', import.meta.url));

/** geojson-map.ts with d3, topojson-client and the world-atlas land as one script (in memory). */
export function geojsonMapScript(): string {
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const built = buildSync({ entryPoints: [ENTRY], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, write: false, logLevel: 'silent', legalComments: 'none' });
  return built.outputFiles[0]!.text;
}

export interface MapPage {
  page: Page;
  /** Console errors and uncaught exceptions, as they come. */
  errors: string[];
  /** Requests the page tried (every one refused). */
  requests: string[];
}

/** An empty page at `width` × `height` with the map script loaded; every request it makes is refused and recorded. */
export async function openMapPage(browser: Browser, width: number, height: number, script = geojsonMapScript()): Promise<MapPage> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body style="margin:0"><div id="map"></div></body></html>');
  await page.addScriptTag({ content: script });
  return { page, errors, requests };
}

/** Draws `fc` into the page's #map (replacing what was there). */
export async function drawMap(page: Page, fc: ResultsFeatureCollection, options: MapOptions): Promise<DrawSummary> {
  return page.evaluate(
    ([g, o]) => {
      const draw = globalThis.chainwardGeoJsonMap;
      if (!draw) throw new Error('the map script is not loaded');
      return draw(document.getElementById('map')!, g, o);
    },
    [fc, options] as const,
  );
}
