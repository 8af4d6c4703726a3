// The explorer's stress test end to end in Chromium, on the default scenario: the switch at the
// ranking panel's bottom right draws the stress chart (the command line's `chainward stress` order,
// "!" on the elements that need mitigation) and brings the ranking back; the map's Stress button
// colours sites by Risk Exposure Index, outlines the flagged ones and swaps the legend, and turns it
// all off again; results opened without their scenario say the stress test needs it. See README.md
// ("The explorer") and docs/stress-test.md.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreServer } from '../../engine/serve/explore-server.js';
import { ACCENT, BLUE } from '../../explorer/views/parts/palette.js';
import { reiColour } from '../../explorer/views/exposure-map/stress-overlay.js';
import { launch, openPage, ready, serve, type Browser } from './browser.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const DEFAULT = join(ROOT, 'scenarios/eu-electronics-inbound.json');
const cli = (args: string[]) => promisify(execFile)(process.execPath, [join(ROOT, 'bin/chainward.js'), ...args], { maxBuffer: 64 << 20 });

interface StressElement {
  id: string;
  kind: 'site' | 'lane';
  name: string;
  ttrDays: number | null;
  rei: number | null;
  needsMitigation: boolean;
}

/** The rows of the stress chart as drawn, top to bottom. */
function stressRows(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGGElement>('#view-stress svg.chart g.st-rows g.row')]
      .map((g) => ({
        id: g.dataset.id ?? '',
        y: Number(/translate\(0,([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '')?.[1]),
        mark: g.querySelector('text.mark')?.textContent ?? '',
        name: g.querySelector('text.name')?.textContent ?? '',
        fill: g.querySelector('rect.loss')?.getAttribute('fill') ?? '',
        width: Number(g.querySelector('rect.loss')?.getAttribute('width')),
        label: g.getAttribute('aria-label') ?? '',
      }))
      .sort((a, b) => a.y - b.y),
  );
}

/** What the map shows of the stress overlay: its button, legend, outlines and site fills. */
function mapState(page: Page) {
  return page.evaluate(() => {
    const map = document.querySelector('#view-map svg.chart')!;
    const button = map.querySelector('g.stress-button');
    return {
      pressed: button?.getAttribute('aria-pressed') ?? null,
      buttonText: button?.querySelector('text')?.textContent ?? null,
      title: map.querySelector('text.chart-title')?.textContent ?? '',
      legendTitle: map.querySelector('g.legend-levels text.legend-title')?.textContent ?? '',
      legendText: [...map.querySelectorAll('g.legend-levels text')].map((t) => t.textContent ?? ''),
      outlinedSites: [...map.querySelectorAll('g.site circle.stress')].map((c) => (c.parentNode as SVGGElement).dataset.id ?? '').sort(),
      outlinedLanes: [...map.querySelectorAll('g.lane path.stress')].map((c) => (c.parentNode as SVGGElement).dataset.id ?? '').sort(),
      fills: Object.fromEntries([...map.querySelectorAll<SVGGElement>('g.site')].map((g) => [g.dataset.id ?? '', g.querySelector('circle.mark')?.getAttribute('fill') ?? ''])),
    };
  });
}

describe('explorer stress test in Chromium', () => {
  let browser: Browser;
  let server: ExploreServer;
  /** `chainward stress --format json` of the default scenario: the elements in the order it ranks them. */
  let elements: StressElement[];

  beforeAll(async () => {
    const [stress, s, b] = await Promise.all([cli(['stress', DEFAULT, '--format', 'json']), serve({ text: readFileSync(DEFAULT, 'utf8'), name: 'eu-electronics-inbound.json' }), launch()]);
    elements = (JSON.parse(stress.stdout) as { elements: StressElement[] }).elements;
    server = s;
    browser = b;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches the ranking panel to the stress chart, worst first with "!" on those that need mitigation, and back', async () => {
    const { page, errors } = await openPage(browser, `${server.url}?trials=2000&seed=1`);
    await ready(page);
    const ranking = page.locator('section.panel.ranking');
    const stress = page.locator('section.panel.stress');
    expect(await ranking.isVisible()).toBe(true);
    expect(await stress.isVisible()).toBe(false);
    expect(await page.locator('#show-ranking').getAttribute('aria-pressed')).toBe('true');

    await page.locator('#show-stress').click();
    await expect.poll(() => page.locator('#view-stress svg.chart g.row').count()).toBeGreaterThan(0);
    expect(await stress.isVisible()).toBe(true);
    expect(await ranking.isVisible()).toBe(false);
    expect(await page.locator('#show-stress').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#show-ranking').getAttribute('aria-pressed')).toBe('false');

    const stressed = elements.filter((e) => e.ttrDays !== null);
    const flagged = stressed.filter((e) => e.needsMitigation);
    expect(stressed[0]!.id).toBe('fac-sz-longhua'); // the scenario's worst, as the command line ranks it
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.length).toBeLessThan(stressed.length); // both kinds of row are on the chart

    /** The rows as drawn against the command line's order, marks and colours; returns them. */
    const checkRows = async () => {
      const rows = await stressRows(page);
      expect(rows.map((r) => r.id)).toEqual(stressed.slice(0, rows.length).map((e) => e.id));
      for (const [i, r] of rows.entries()) {
        const e = stressed[i]!;
        expect(r.mark, r.id).toBe(e.needsMitigation ? '!' : '');
        expect(r.fill, r.id).toBe(e.needsMitigation ? ACCENT : BLUE);
        expect(r.label.includes('needs mitigation'), r.id).toBe(e.needsMitigation);
      }
      const worst = rows[0]!;
      expect(worst.id).toBe('fac-sz-longhua');
      const display = stressed[0]!.name;
      expect(worst.label.startsWith(display)).toBe(true);
      expect(worst.name.length).toBeGreaterThan(5);
      expect(display.startsWith(worst.name.replace(/…$/, ''))).toBe(true); // the visible label, shortened to fit
      // bars ranked by loss: the worst's is the longest
      expect(Math.max(...rows.map((r) => r.width))).toBe(worst.width);
      expect(worst.width).toBeGreaterThan(50);
      // what does not fit is counted under the legend
      const more = stressed.length - rows.length;
      const note = (await page.locator('#view-stress svg.chart g.st-note').textContent()) ?? '';
      if (more > 0) expect(note).toContain(`${more} more stressed element${more === 1 ? '' : 's'} not shown`);
      else expect(note).not.toContain('more stressed');
      return rows;
    };
    // 1600×1000: the rows that fit (at least the worst few)
    expect((await checkRows()).length).toBeGreaterThanOrEqual(Math.min(5, stressed.length));
    // a taller window redraws it with more rows, down past the flagged ones to rows without "!"
    await page.setViewportSize({ width: 1600, height: 1500 });
    await expect.poll(async () => (await stressRows(page)).length).toBeGreaterThan(flagged.length);
    const rows = await checkRows();
    expect(rows.filter((r) => r.mark === '!').length).toBe(flagged.length);
    expect(await page.locator('#view-stress svg.chart text.chart-title').textContent()).toContain(String(flagged.length));
    expect(await page.locator('#view-stress').textContent()).toContain('needs mitigation: TTS < TTR');

    await page.locator('#show-ranking').click();
    await expect.poll(() => ranking.isVisible()).toBe(true);
    expect(await stress.isVisible()).toBe(false);
    expect(await page.locator('#show-ranking').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#show-stress').getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('#view-ranking svg.chart *').count()).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('turns the map’s stress overlay on (REI colours, flagged outlined, REI legend) and off again', async () => {
    const { page, errors } = await openPage(browser, `${server.url}?trials=2000&seed=1`);
    await ready(page);
    const before = await mapState(page);
    expect(before.pressed).toBe('false');
    expect(before.buttonText).toBe('Stress');
    expect(before.legendTitle).toBe('Highest risk level at site');
    expect(before.outlinedSites).toEqual([]);
    expect(before.outlinedLanes).toEqual([]);

    const flagged = (kind: 'site' | 'lane') =>
      elements
        .filter((e) => e.kind === kind && e.needsMitigation)
        .map((e) => e.id)
        .sort();
    const notStressed = elements.find((e) => e.kind === 'site' && e.ttrDays === null)!;
    expect(flagged('site')).toContain('fac-sz-longhua');
    expect(Object.keys(before.fills)).toEqual(expect.arrayContaining([...flagged('site'), notStressed.id]));

    await page.locator('#view-map g.stress-button').click();
    await expect.poll(async () => (await mapState(page)).pressed).toBe('true');
    const on = await mapState(page);
    expect(on.legendTitle).toBe('Stress test: Risk Exposure Index');
    expect(on.legendText).toEqual(expect.arrayContaining(['0.0', '0.5', '1.0', 'needs mitigation', 'no TTR']));
    expect(on.outlinedSites).toEqual(flagged('site'));
    expect(on.outlinedLanes).toEqual(flagged('lane'));
    expect(on.title).toMatch(new RegExp(`\\b${flagged('site').length + flagged('lane').length}\\b`));
    // fills by REI: the worst (REI 1) darkest, a site without a time to recover grey
    expect(on.fills['fac-sz-longhua']).toBe(reiColour(1));
    expect(on.fills[notStressed.id]).toBe(reiColour(null));
    expect(on.fills['fac-sz-longhua']).not.toBe(before.fills['fac-sz-longhua']);
    expect(await page.locator('#view-map svg.chart > title').textContent()).toContain('Stress test shown');

    // off again from the keyboard: everything as it was
    await page.locator('#view-map g.stress-button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await mapState(page)).pressed).toBe('false');
    const off = await mapState(page);
    expect(off.legendTitle).toBe(before.legendTitle);
    expect(off.legendText).toEqual(before.legendText);
    expect(off.outlinedSites).toEqual([]);
    expect(off.outlinedLanes).toEqual([]);
    expect(off.fills).toEqual(before.fills);
    expect(off.title).toBe(before.title);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('explorer stress test with a results file', () => {
  let browser: Browser;
  let server: ExploreServer;

  beforeAll(async () => {
    const [run, b] = await Promise.all([cli(['run', '--trials', '2000', '--format', 'json', '--quiet', '--workers', '1']), launch()]);
    browser = b;
    server = await serve({ text: run.stdout, name: 'results.json' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says the stress test needs the scenario, and the map has no Stress button', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await ready(page);
    expect(await page.locator('#header h1').textContent()).toBe('EU electronics inbound');
    expect(await page.locator('#view-map svg.chart g.stress-button').count()).toBe(0);
    await page.locator('#show-stress').click();
    await expect.poll(() => page.locator('#view-stress svg.chart').count()).toBe(1);
    expect(await page.locator('section.panel.stress').isVisible()).toBe(true);
    expect(await page.locator('#view-stress svg.chart g.st-empty').textContent()).toContain('needs the scenario');
    expect(await page.locator('#view-stress svg.chart text.chart-title').textContent()).toMatch(/needs the scenario|open the scenario/);
    expect(await page.locator('#view-stress svg.chart g.row').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
