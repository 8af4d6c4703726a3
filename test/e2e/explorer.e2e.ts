// The explorer end to end in Chromium: it loads without console errors, every view draws inside its
// panel without overlapping text, its numbers are the command line's for the same scenario, seed and
// trials, a what-if changes EAL, exports give a valid SVG and PNG, bad files show their JSON paths,
// and names with HTML in them stay text.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JSDOM } from 'jsdom';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreServer } from '../../engine/serve/explore-server.js';
import { percent } from '../../engine/text/format.js';
import { launch, openPage, ready, serve, type Browser } from './browser.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const DEFAULT = join(ROOT, 'scenarios/eu-electronics-inbound.json');
const VIEWS = ['map', 'matrix', 'ranking', 'exceedance', 'treatments', 'controls'];

/** Runs the real command line and returns its results JSON. */
async function cliResults(args: string[]): Promise<{
  baseline: { eal: number; p99: number; cvar95: number };
  treatments: Array<{ id: string; delta: { eal: number }; rosi: number | null }>;
  appetite: { status: string };
}> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/chainward.js'), 'run', ...args, '--format', 'json', '--quiet'], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

/** Text boxes of each chart that leave their chart, and pairs of text boxes that overlap. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((views) => {
    const out: string[] = [];
    for (const v of views) {
      const svg = document.querySelector<SVGSVGElement>(`#view-${v} svg.chart`);
      if (!svg) {
        out.push(`${v}: no chart`);
        continue;
      }
      const frame = svg.getBoundingClientRect();
      const boxes = [...svg.querySelectorAll('text')]
        .filter((t) => (t.textContent ?? '').trim() && getComputedStyle(t).display !== 'none' && t.getAttribute('opacity') !== '0')
        .map((t) => ({ t: t.textContent!.trim(), r: t.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0 && b.r.height > 0);
      for (const b of boxes) {
        if (b.r.left < frame.left - 1 || b.r.right > frame.right + 1 || b.r.top < frame.top - 1 || b.r.bottom > frame.bottom + 1) out.push(`${v}: "${b.t}" is clipped`);
      }
      if (v === 'map') continue; // map labels are placed by collision checks of their own; country shapes carry none
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r;
          const c = boxes[j]!.r;
          const ox = Math.min(a.right, c.right) - Math.max(a.left, c.left);
          const oy = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
          if (ox > 2 && oy > 2) out.push(`${v}: "${boxes[i]!.t}" overlaps "${boxes[j]!.t}"`);
        }
      }
    }
    return out;
  }, VIEWS);
}

describe('explorer in Chromium', () => {
  let browser: Browser;
  let server: ExploreServer;

  beforeAll(async () => {
    server = await serve({ text: readFileSync(DEFAULT, 'utf8'), name: 'eu-electronics-inbound.json' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the default scenario without console errors and draws every view', async () => {
    // the run `npm start` shows (20 000 trials, seed 1), so the screenshots match the terminal's figures
    const { page, errors } = await openPage(browser, `${server.url}?trials=20000&seed=1`);
    await ready(page);
    for (const v of VIEWS) {
      const marks = await page.locator(`#view-${v} svg.chart *`).count();
      expect(marks, `${v} draws`).toBeGreaterThan(10);
      expect(await page.locator(`#view-${v} svg.chart`).getAttribute('aria-label')).toBeTruthy();
    }
    expect(await page.locator('#header').textContent()).toMatch(/€/);
    expect(await page.locator('#view-map svg.chart circle').count()).toBeGreaterThanOrEqual(19);
    expect(errors).toEqual([]);
    const problems = await layoutProblems(page);
    expect(problems).toEqual([]);
    const dir = process.env.CHAINWARD_SCREENSHOTS;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, 'explorer-1600x1000.png') });
    }
    // a laptop screen: the page scrolls rather than squeeze the charts; still nothing clipped or overlapping
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(800);
    expect(await layoutProblems(page)).toEqual([]);
    if (dir) await page.screenshot({ path: join(dir, 'explorer-1280x720.png'), fullPage: true });
    await page.close();
  });

  it('raises no Content Security Policy violation (zod runs jitless: no `Function` probe)', async () => {
    const page = await browser.context.newPage();
    // listening from the first script on: zod's probe ran while the bundle loaded
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.goto(`${server.url}?trials=2048&seed=1`);
    await ready(page);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    await page.close();
  });

  it('gives the command line’s EAL for the same scenario, seed and trials', async () => {
    const { page } = await openPage(browser, `${server.url}?trials=6000&seed=42`);
    await ready(page);
    const shown = await page.evaluate(() => ({ ...document.getElementById('app')!.dataset }));
    const cli = await cliResults(['--trials', '6000', '--seed', '42', '--workers', '2']);
    expect(Number(shown.baselineEal)).toBe(cli.baseline.eal);
    expect(Number(shown.p99)).toBe(cli.baseline.p99);
    expect(Number(shown.cvar95)).toBe(cli.baseline.cvar95);
    const treatment = JSON.parse(shown.treatments!) as Array<{ id: string; delta: number }>;
    expect(treatment).toEqual(cli.treatments.map((t) => ({ id: t.id, delta: t.delta.eal })));
    await page.close();
  });

  it('runs the trials and seed `chainward explore` was given when the URL names none, as `npm start` needs', async () => {
    // what `explore --trials 6000 --seed 42` serves: the page opened at the bare address it prints
    const asked = await serve({ text: readFileSync(DEFAULT, 'utf8'), name: 'eu-electronics-inbound.json', run: { trials: 6000, seed: 42 } });
    try {
      const { page, errors } = await openPage(browser, asked.url);
      await ready(page);
      const shown = await page.evaluate(() => ({ ...document.getElementById('app')!.dataset }));
      expect([shown.trials, shown.seed]).toEqual(['6000', '42']);
      expect(await page.locator('#trials').inputValue()).toBe('6000');
      expect(await page.locator('#seed').inputValue()).toBe('42');
      expect(new URL(page.url()).search).toBe('?trials=6000&seed=42'); // and the URL says so
      const cli = await cliResults(['--trials', '6000', '--seed', '42', '--workers', '2']);
      expect(Number(shown.baselineEal)).toBe(cli.baseline.eal);
      // the page and the terminal agree on the appetite and write ROSI in the same unit
      expect(await page.locator('#header .cw-appetite').getAttribute('data-status')).toBe(cli.appetite.status);
      const rosi = cli.treatments.find((t) => t.rosi !== null)!;
      expect(await page.locator('#view-treatments svg.chart').getAttribute('aria-label')).toContain(`ROSI ${percent(rosi.rosi!, 0).replace('-', '−')}`);
      expect(await page.locator('#header .cw-figure-split').textContent()).toMatch(/^direct€[\d.]+[KM]interruption€[\d.]+[KM]reroute€[\d.]+[KM]$/);
      // a URL that names its own run wins over the server's (a shared link)
      const { page: linked } = await openPage(browser, `${asked.url}?trials=2000&seed=3`);
      await ready(linked);
      expect(await linked.evaluate(() => [document.getElementById('app')!.dataset.trials, document.getElementById('app')!.dataset.seed])).toEqual(['2000', '3']);
      await linked.close();
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await asked.close();
    }
  });

  it('a what-if toggle re-runs in the workers and changes EAL, shown beside the baseline', async () => {
    const { page, errors } = await openPage(browser, `${server.url}?trials=10000&seed=1`);
    await ready(page);
    // select a lane on the map by its mark, then toggle a control in the side panel
    await page.locator('#view-map [data-id="la-rtm-lyo"]').first().click();
    await expect.poll(() => page.locator('#side').isVisible()).toBe(true);
    const before = Number(await page.evaluate(() => document.getElementById('app')!.dataset.eal));
    const started = Date.now();
    await page.locator('#side input[data-control="gps-geofence"]').check();
    await page.waitForFunction((b) => document.getElementById('app')!.dataset.status === 'ready' && Number(document.getElementById('app')!.dataset.eal) !== b, before, { timeout: 60_000 });
    const ms = Date.now() - started;
    const after = Number(await page.evaluate(() => document.getElementById('app')!.dataset.eal));
    expect(after).toBeLessThan(before);
    expect(await page.locator('#header').textContent()).toMatch(/baseline/i);
    expect(page.url()).toContain('gps-geofence'); // the what-if is in the URL
    if (process.env.CHAINWARD_SCREENSHOTS) await page.screenshot({ path: join(process.env.CHAINWARD_SCREENSHOTS, 'explorer-what-if.png') });
    console.log(`what-if (10 000 trials) back in ${ms} ms (click to result)`);
    // a new trial count re-runs everything; a seed change replaces that run (still running, still
    // cancellable); cancel stops it and puts back the last complete result
    await page.locator('#trials').selectOption('100000');
    await page.waitForFunction(() => document.getElementById('app')!.dataset.status === 'running');
    await page.locator('#seed').fill('2');
    await page.locator('#seed').press('Enter');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.getElementById('app')!.dataset.status)).toBe('running');
    expect(await page.locator('#cancel').isDisabled()).toBe(false);
    await page.locator('#cancel').click();
    await page.waitForFunction(() => document.getElementById('app')!.dataset.status === 'cancelled');
    expect(Number(await page.evaluate(() => document.getElementById('app')!.dataset.eal))).toBe(after);
    expect(await page.locator('#trials').inputValue()).toBe('10000');
    expect(await page.locator('#seed').inputValue()).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports a chart as a valid SVG and PNG, and the results as JSON and CSV', async () => {
    const { page } = await openPage(browser, `${server.url}?trials=4000`);
    await ready(page);
    await page.locator('section.exceedance').hover();
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.locator('section.exceedance button[data-export="svg"]').click()]);
    const svgText = readFileSync((await svgDownload.path())!, 'utf8');
    const doc = new new JSDOM('').window.DOMParser().parseFromString(svgText, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror').length).toBe(0);
    expect(doc.documentElement.nodeName).toBe('svg');
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(doc.getElementsByTagName('path').length).toBeGreaterThan(0);
    expect(svgDownload.suggestedFilename()).toMatch(/exceedance\.svg$/);

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('section.exceedance button[data-export="png"]').click()]);
    const png = readFileSync((await pngDownload.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width at 2×

    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    expect(JSON.parse(readFileSync((await json.path())!, 'utf8')).format).toBe('chainward-results/v1');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    expect(readFileSync((await csv.path())!, 'utf8').split('\n').length).toBeGreaterThan(10);
    await page.close();
  });

  it('shows a bad scenario’s problems with their JSON paths, and opens a good one afresh (no what-if carried over)', async () => {
    const w = encodeURIComponent(JSON.stringify({ add: [['lane', 'la-rtm-lyo', 'gps-geofence']], remove: [], carriers: [] }));
    const { page } = await openPage(browser, `${server.url}?trials=2000&w=${w}`);
    await ready(page);
    expect(await page.locator('#header').textContent()).toMatch(/baseline/i); // the URL's what-if ran
    const bad = JSON.parse(readFileSync(DEFAULT, 'utf8'));
    bad.lanes[0].to = 'nowhere';
    bad.sites[1].kind = 'castle';
    await page.locator('#file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect.poll(() => page.locator('#errors').isVisible()).toBe(true);
    const text = await page.locator('#errors').textContent();
    expect(text).toContain('lanes[0].to');
    expect(text).toContain('sites[1].kind');
    await page.locator('#file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "chainward/v1",\n  "name": }') });
    await expect.poll(() => page.locator('#errors').textContent()).toMatch(/line 2/);
    const other = readFileSync(join(ROOT, 'scenarios/us-mexico-crossborder-road.json'));
    await page.locator('#file').setInputFiles({ name: 'us.json', mimeType: 'application/json', buffer: other });
    await page.waitForFunction(() => document.title.includes('Mexico') || document.title.includes('US'));
    await ready(page);
    expect(await page.locator('#errors').isVisible()).toBe(false);
    const name = JSON.parse(other.toString('utf8')).name as string;
    expect(await page.locator('#header h1').textContent()).toBe(name);
    expect(await page.locator('#header').textContent()).not.toMatch(/baseline/i);
    expect(page.url()).not.toContain('w=');
    await page.close();
  });

  it('opens a scenario with a key twice in one object, runs it, and shows the warning with its JSON path', async () => {
    const { page, errors } = await openPage(browser, `${server.url}?trials=2000`);
    await ready(page);
    const text = readFileSync(DEFAULT, 'utf8').replace('"name":', '"name": "An earlier name",\n  "name":');
    await page.locator('#file').setInputFiles({ name: 'dup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect.poll(() => page.locator('#errors').isVisible()).toBe(true);
    expect(await page.locator('#errors').textContent()).toContain('name key "name" appears 2 times; the last one is used');
    await ready(page);
    expect(await page.locator('#header h1').textContent()).toBe(JSON.parse(text).name); // the last one
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('explorer with untrusted names', () => {
  let browser: Browser;
  let server: ExploreServer;
  const EVIL = '<img src=x onerror="window.__pwned=1">';
  const SCRIPT = '<script>window.__pwned=2</script>';

  beforeAll(async () => {
    const s = JSON.parse(readFileSync(DEFAULT, 'utf8'));
    s.name = `Evil ${SCRIPT}`;
    s.sites[0].name = `${EVIL} supplier`;
    s.lanes[0].name = `${SCRIPT} lane`;
    for (const t of s.threats) t.name = `${EVIL} ${t.name ?? t.id}`;
    s.sites.push({ id: '<b>bold</b>', name: `${EVIL} site`, kind: 'warehouse', lat: 51, lon: 4 });
    server = await serve({ text: JSON.stringify(s), name: '<evil>.json' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders names and ids with HTML in them as text, never as markup', async () => {
    const { page } = await openPage(browser, `${server.url}?trials=2000&sel=site:sup-sz-components`);
    await ready(page);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('#app script').count()).toBe(0);
    expect(await page.locator('b').count()).toBe(0);
    expect(await page.locator('#header').textContent()).toContain(SCRIPT);
    expect(await page.locator('#side').textContent()).toContain(EVIL);
    // focus a map mark (as the keyboard does): the tooltip shows the name as text
    await page.locator('#view-map [data-id="sup-sz-components"]').first().focus();
    await expect.poll(() => page.locator('#view-map .tooltip').textContent()).toContain(EVIL);
    expect(await page.locator('#view-map .tooltip img').count()).toBe(0);
    await page.close();
  });
});

describe('explorer with a results file', () => {
  let browser: Browser;
  let server: ExploreServer;

  beforeAll(async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/chainward.js'), 'run', '--trials', '3000', '--format', 'json', '--quiet', '--workers', '1'], { maxBuffer: 64 << 20 });
    server = await serve({ text: stdout, name: 'results.json' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows results opened without their scenario: every view, control effects "not measured", no what-ifs', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await ready(page);
    for (const v of VIEWS) expect(await page.locator(`#view-${v} svg.chart`).count(), v).toBe(1);
    expect(await page.locator('#header h1').textContent()).toBe('EU electronics inbound');
    expect(await page.locator('#view-controls').textContent()).toContain('not measured');
    expect(await page.locator('#status').textContent()).toMatch(/open the scenario to run what-ifs/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
