// @vitest-environment jsdom
/// <reference lib="dom" />
// The review pack's HTML page built in jsdom from a simulated scenario whose names carry markup: every
// section in order, each chart drawn by its view, names as text, no script, no address outside the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareResults } from '../../../engine/analysis/compare.js';
import { elementEffect, elementRemovals, type ElementEffect } from '../../../engine/analysis/control-effectiveness.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { CHART_CAPTIONS, PACK_SECTIONS, type ReviewPackInput } from '../../../engine/report/review-pack.js';
import { changesBlocks } from '../../../engine/report/review-pack-changes.js';
import { stressBlocks } from '../../../engine/report/review-pack-stress.js';
import { stressTest } from '../../../engine/analysis/stress.js';
import type { Results } from '../../../engine/results/schema.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { REPORT_CSP, reviewPackHtml } from '../../../explorer/report/review-pack-html.js';

const HOSTILE_SITE = '<script>alert(1)</script> & "Co"';
const HOSTILE_THREAT = '<img src=x onerror=alert(2)>';

let scenario: Scenario;
let results: Results;
let effects: ElementEffect[];

/** The default scenario with markup in a site's and a threat's name. */
function hostileScenario(): Scenario {
  const raw = JSON.parse(readFileSync(join(process.cwd(), 'scenarios/eu-electronics-inbound.json'), 'utf8'));
  raw.sites[0].name = HOSTILE_SITE;
  raw.threats[0].name = HOSTILE_THREAT;
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.scenario;
}

beforeAll(async () => {
  scenario = hostileScenario();
  results = await simulateScenario(scenario, { trials: 512, seed: 1 });
  const removals = elementRemovals(scenario);
  const without = await simulateScenario({ ...scenario, treatments: removals.map((r) => r.treatment) }, { trials: 512, seed: 1 });
  effects = removals.map((r, i) => elementEffect(r, without.treatments[i]!));
}, 120_000);

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

function fullInput(): ReviewPackInput {
  return { results, scenario, effects, changes: changesBlocks(compareResults(results, results)), stress: stressBlocks(stressTest(scenario)), reviewDate: '2026-12-01' };
}

describe('reviewPackHtml', () => {
  it('reviewPackHtml gives every section in the order of the review, each with its title and finding', () => {
    const doc = parse(reviewPackHtml(document, fullInput()));
    const ids = [...doc.querySelectorAll('section.pack-section')].map((s) => s.id);
    expect(ids).toEqual(PACK_SECTIONS.map((s) => s.id));
    for (const s of doc.querySelectorAll('section.pack-section')) {
      expect(s.querySelector('h2')!.textContent).toMatch(/^\d+\. \S/);
      expect(s.querySelector('p.lead')!.textContent!.length).toBeGreaterThan(5);
    }
    // the stress test's outages, with the hostile name as text
    expect(doc.querySelector('#stress table')!.textContent).toContain('Assembly plant');
    // the contents link to each section
    expect([...doc.querySelectorAll('nav.contents a')].map((a) => a.getAttribute('href'))).toEqual(ids.map((id) => `#${id}`));
  });

  it('reviewPackHtml draws each chart with its view, captioned with what it shows', () => {
    const doc = parse(reviewPackHtml(document, fullInput()));
    const figures = [...doc.querySelectorAll('figure.chart')];
    expect(figures.map((f) => f.querySelector('svg')!.getAttribute('class'))).toEqual(['chart chart-map', 'chart chart-matrix', 'chart chart-ranking', 'chart chart-exceedance', 'chart chart-controls', 'chart chart-treatments', 'chart chart-stress']);
    for (const f of figures) {
      expect(Object.values(CHART_CAPTIONS)).toContain(f.querySelector('figcaption')!.textContent);
      // a page is not interactive: no focus stops or zoom buttons are left
      expect(f.querySelector('[tabindex], g.zoom-buttons')).toBeNull();
      expect(f.querySelector('svg')!.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    }
    // the matrix places every risk of the register once
    expect(doc.querySelectorAll('#assessment svg.chart-matrix g.cell')).toHaveLength(25);
  });

  it('reviewPackHtml shows names with markup as text: no script element, no attribute from a name', () => {
    const html = reviewPackHtml(document, fullInput());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    const doc = parse(html);
    expect(doc.querySelectorAll('script, img, iframe, object, embed, link')).toHaveLength(0);
    expect(doc.body.textContent).toContain(HOSTILE_SITE);
    expect(doc.body.textContent).toContain(HOSTILE_THREAT);
    // no event handler attribute anywhere
    for (const e of doc.querySelectorAll('*')) for (const a of e.attributes) expect(a.name).not.toMatch(/^on/i);
  });

  it('reviewPackHtml refers to nothing outside the page, and says so in its Content-Security-Policy', () => {
    const html = reviewPackHtml(document, fullInput());
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(?!data:)/i);
    const doc = parse(html);
    for (const e of doc.querySelectorAll('*')) {
      for (const a of e.attributes) if (/^(href|src|xlink:href|action|srcset)$/i.test(a.name)) expect(a.value).toMatch(/^(#|data:)/);
    }
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toBe(REPORT_CSP);
  });

  it('reviewPackHtml gives the same bytes for the same input', () => {
    expect(reviewPackHtml(document, fullInput())).toBe(reviewPackHtml(document, fullInput()));
  });

  it('reviewPackHtml from results alone says what the map and the control effectiveness need', () => {
    const doc = parse(reviewPackHtml(document, { results, howToAddScenario: 'pass --scenario SCENARIO.json' }));
    expect(doc.querySelector('#changes')).toBeNull(); // no previous results: no section
    expect(doc.querySelector('#map p.unavailable')!.textContent).toContain('pass --scenario SCENARIO.json');
    expect(doc.querySelector('#controls p.unavailable')!.textContent).toContain('pass --scenario SCENARIO.json');
    expect(doc.querySelector('#map svg')).toBeNull();
    // the charts that need only the results are drawn
    expect(doc.querySelector('#assessment svg.chart-matrix')).not.toBeNull();
  });
});
