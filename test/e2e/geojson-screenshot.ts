// Writes docs/geojson-default.png: the default scenario run for 20 000 trials with seed 1 (as
// `chainward run` runs it), its GeoJSON (engine/interchange/geojson.ts) drawn by the d3-geo map that
// geojson.e2e.ts tests, in headless Chromium at 1600 × 900.
//   npx tsx test/e2e/geojson-screenshot.ts [out.png]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { resultsGeoJson } from '../../engine/interchange/geojson.js';
import { writeBytesAtomic } from '../../engine/io/write-atomic.js';
import { findChromium, launchChromium } from '../../engine/serve/chromium.js';
import { count } from '../../engine/text/format.js';
import { parseScenario } from '../../engine/validate/validate.js';
import { drawMap, openMapPage } from './geojson-render.js';

const WIDTH = 1600;
const HEIGHT = 900;
const TRIALS = 20_000;
const SEED = 1;
const SCENARIO = fileURLToPath(new URL('../../scenarios/eu-electronics-inbound.json', import.meta.url));
const OUT = process.argv[2] ?? fileURLToPath(new URL('../../docs/geojson-default.png', import.meta.url));

const parsed = parseScenario(readFileSync(SCENARIO, 'utf8'));
if (!parsed.ok) throw new Error(`${SCENARIO}: invalid`);
const results = await simulateScenario(parsed.scenario, { trials: TRIALS, seed: SEED });
const fc = resultsGeoJson(parsed.scenario, results);
const chromium = findChromium();
if (!('path' in chromium)) throw new Error(`no Chromium found at ${chromium.looked.join(', ')}`);
const browser = await launchChromium(chromium.path);
try {
  const { page, errors, requests } = await openMapPage(browser, WIDTH, HEIGHT);
  const summary = await drawMap(page, fc, { width: WIDTH, height: HEIGHT, subtitle: `chainward run, ${count(TRIALS)} trials, seed ${SEED} · chainward export --format geojson, drawn with d3-geo` });
  if (errors.length > 0 || requests.length > 0) throw new Error(`the page failed: ${[...errors, ...requests].join('; ')}`);
  const png = await page.locator('#map svg').screenshot({ type: 'png' });
  await writeBytesAtomic(OUT, png);
  console.log(`${OUT}: ${summary.drawn.length} features drawn, ${summary.unlocated.length} without coordinates, ${Math.round(png.length / 1024)} KB`);
} finally {
  await browser.close();
}
