// The management review pack in Chromium: `chainward report` of the default scenario writes one HTML
// page that opens with no console error, loads nothing, and shows every section and chart; the PDF is
// that page printed (two pages at least); the explorer's Report button downloads the same page as
// the command line for the same scenario, seed and trials. CHAINWARD_PACK_SCREENSHOTS=docs refreshes
// docs/review-pack-page1.png and page2.png.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreServer } from '../../engine/serve/explore-server.js';
import { PACK_SECTIONS } from '../../engine/report/review-pack.js';
import { launch, openPage, ready, serve, type Browser } from './browser.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const DEFAULT = join(ROOT, 'scenarios/eu-electronics-inbound.json');
/** The run `npm start` shows (and the README's figures): the page of the screenshots. */
const RUN = ['--trials', '20000', '--seed', '1'];
/** A shorter run for the PDFs. */
const SHORT = ['--trials', '2000', '--seed', '7'];

let dir: string;
let browser: Browser;
let html: string;

/** `chainward report …` through the shipped entry, as a person runs it. */
async function report(args: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin/chainward.js'), 'report', ...args, '--quiet'], { maxBuffer: 64 << 20, env: { ...process.env, CHAINWARD_CHROMIUM: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } });
}

/** The page without its provenance row naming the input file (the button has no file name). */
const withoutSource = (page: string) => page.replace(/<tr><td>made from<\/td><td>[^<]*<\/td><\/tr>/, '');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-pack-e2e-'));
  await report([DEFAULT, ...RUN, '--out', join(dir, 'pack.html')]);
  html = readFileSync(join(dir, 'pack.html'), 'utf8');
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('review pack in Chromium', () => {
  it('opens with no console error, loads nothing, and shows every section and chart', async () => {
    const { page, errors } = await openPage(browser, `file://${join(dir, 'pack.html')}`);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.reload();
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    const ids = await page.locator('section.pack-section').evaluateAll((s) => s.map((x) => x.id));
    expect(ids).toEqual(PACK_SECTIONS.map((s) => s.id).filter((id) => id !== 'changes'));
    const charts = await page.locator('figure.chart > svg').evaluateAll((s) => s.map((x) => [x.getAttribute('class'), x.querySelectorAll('*').length, Math.round(x.getBoundingClientRect().width)] as const));
    expect(charts.map((c) => c[0])).toEqual(['chart chart-map', 'chart chart-matrix', 'chart chart-ranking', 'chart chart-exceedance', 'chart chart-controls', 'chart chart-treatments', 'chart chart-stress']);
    for (const [, marks, width] of charts) {
      expect(marks).toBeGreaterThan(20);
      expect(width).toBeGreaterThan(500); // scaled to the page, not drawn at zero size
    }
    // the map shows the sites where they are: Rotterdam west of Shenzhen
    expect(await page.locator('#map svg g.site').count()).toBeGreaterThanOrEqual(15);
    const shots = process.env.CHAINWARD_PACK_SCREENSHOTS;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      // an A4 page's proportions on a screen: the first screen, then the pack from the map on
      await page.setViewportSize({ width: 900, height: 1270 });
      await page.screenshot({ path: join(shots, 'review-pack-page1.png') });
      await page.evaluate(() => document.getElementById('assessment')!.scrollIntoView());
      await page.screenshot({ path: join(shots, 'review-pack-page2.png') });
    }
    await page.close();
  });

  it('prints to a PDF of several pages, A4 by default and Letter on request', async () => {
    const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
    const box = (pdf: Buffer) => /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'))?.slice(1).map((x) => Math.round(Number(x)));
    await report([DEFAULT, ...SHORT, '--format', 'pdf', '--out', join(dir, 'pack.pdf')]);
    const a4 = readFileSync(join(dir, 'pack.pdf'));
    expect(a4.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages(a4)).toBeGreaterThanOrEqual(2);
    expect(box(a4)).toEqual([596, 843]); // A4 (595.3 × 841.9 points), rounded up by Chromium
    await report([DEFAULT, ...SHORT, '--format', 'pdf', '--paper', 'letter', '--out', join(dir, 'letter.pdf')]);
    expect(box(readFileSync(join(dir, 'letter.pdf')))).toEqual([612, 792]);
  });

  it("the explorer's Report button downloads the page the command line writes for the same run", async () => {
    const server: ExploreServer = await serve({ text: readFileSync(DEFAULT, 'utf8'), name: 'eu-electronics-inbound.json' });
    try {
      const { page, errors } = await openPage(browser, `${server.url}?trials=20000&seed=1`);
      await ready(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-report').click()]);
      expect(download.suggestedFilename()).toBe('eu-electronics-inbound-review-pack.html');
      const fromButton = readFileSync((await download.path())!, 'utf8');
      expect(errors).toEqual([]);
      expect(withoutSource(fromButton)).toBe(withoutSource(html));
      await page.close();
    } finally {
      await server.close();
    }
  });
});
