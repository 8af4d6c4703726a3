// @vitest-environment jsdom
/// <reference lib="dom" />
// The explorer draws a scenario whose every id, region and tag is an Object.prototype member name
// ("__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"): every view and the side
// panel of each site, lane and risk show it with no lost value ("NaN", "undefined", "[object …]", a
// function's source), and draw as many marks as for the same scenario with ordinary names.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { type Results } from '../../engine/results/schema.js';
import type { Scenario } from '../../engine/model/schema.js';
import { validateScenario } from '../../engine/validate/validate.js';
import { controlEffectivenessData, exposureMapData, headerData, lossExceedanceData, riskMatrixData, riskRankingData, sidePanelData, treatmentsData, type Shown } from '../../explorer/model/build-view-data.js';
import { sidePanel } from '../../explorer/panel/side-panel.js';
import { emptyWhatIf } from '../../explorer/state/what-if.js';
import { controlEffectiveness } from '../../explorer/views/control-effectiveness.js';
import { exposureMap } from '../../explorer/views/exposure-map.js';
import { header } from '../../explorer/views/header.js';
import { lossExceedance } from '../../explorer/views/loss-exceedance.js';
import { riskMatrix } from '../../explorer/views/risk-matrix.js';
import { riskRanking } from '../../explorer/views/risk-ranking.js';
import { treatments } from '../../explorer/views/treatments.js';
import { namedScenario, PLAIN_NAMES, PROTO_NAMES } from './own-keys-fixture.js';

const LOST = /NaN|undefined|\[object|function |native code/;

function valid(raw: unknown): Scenario {
  const v = validateScenario(JSON.parse(JSON.stringify(raw)));
  if (!v.ok) expect.fail(`invalid scenario: ${JSON.stringify(v.issues)}`);
  return v.scenario;
}

function fresh(tag = 'div'): HTMLElement {
  document.body.replaceChildren();
  const el = document.createElement(tag);
  document.body.append(el);
  return el;
}

/** Each view's markup for the scenario and its results (treatment curves still pending). */
function drawAll(scenario: Scenario, results: Results): Map<string, string> {
  const shown: Shown = { scenario, baseline: results, treatmentCurves: {}, elements: [{ element: 'facility', controls: [PROTO_NAMES[0]] }] };
  const out = new Map<string, string>();
  const views: Array<[string, (el: HTMLElement) => void]> = [
    ['header', (el) => header(el, headerData(shown))],
    ['exposure map', (el) => exposureMap(el, exposureMapData(shown))],
    ['risk matrix', (el) => riskMatrix(el, riskMatrixData(shown))],
    ['risk ranking', (el) => riskRanking(el, riskRankingData(shown))],
    ['loss exceedance', (el) => lossExceedance(el, lossExceedanceData(shown))],
    ['treatments', (el) => treatments(el, treatmentsData(shown))],
    ['control effectiveness', (el) => controlEffectiveness(el, controlEffectivenessData(shown))],
  ];
  for (const [name, draw] of views) {
    const el = fresh();
    draw(el);
    out.set(name, el.innerHTML);
  }
  return out;
}

/** The side panel of one selection. */
function panel(scenario: Scenario, results: Results, kind: 'site' | 'lane' | 'risk', id: string): string {
  const el = fresh('aside');
  const noop = () => {};
  sidePanel(el, sidePanelData({ scenario, baseline: results }, { selection: { kind, id }, whatIf: emptyWhatIf(), canEdit: true, onToggleControl: noop, onSetCarrier: noop, onSelect: noop, onResetWhatIf: noop }));
  return el.innerHTML;
}

const tags = (html: string) => (html.match(/<[a-z]/g) ?? []).length;

describe('the explorer draws prototype-named ids like any other', async () => {
  const proto = valid(namedScenario(PROTO_NAMES));
  const plain = valid(namedScenario(PLAIN_NAMES));
  const [r, ref] = await Promise.all([simulateScenario(proto, { trials: 2048, seed: 3 }), simulateScenario(plain, { trials: 2048, seed: 3 })]);

  it('every view: no lost value, every site and lane on the map', () => {
    const views = drawAll(proto, r);
    for (const [name, html] of views) expect(html, name).not.toMatch(LOST);
    const map = views.get('exposure map')!;
    for (const id of PROTO_NAMES) expect(map, `map shows ${id}`).toContain(id);
    // the map and the treatments draw the same marks as with ordinary names (they do not depend on sampled levels)
    const refViews = drawAll(plain, ref);
    for (const name of ['exposure map', 'treatments', 'loss exceedance']) expect(tags(views.get(name)!), name).toBe(tags(refViews.get(name)!));
  });

  it('the side panel of every site, lane and risk: no lost value, the same sections as with ordinary names', () => {
    for (const kind of ['site', 'lane'] as const) {
      for (const [i, id] of PROTO_NAMES.entries()) {
        const html = panel(proto, r, kind, id);
        expect(html, `${kind} ${id}`).not.toMatch(LOST);
        expect(html, `${kind} ${id}`).toContain(id);
        const sections = (h: string) => (h.match(/<(h\d|dt)[ >]/g) ?? []).length;
        expect(sections(html), `${kind} ${id}`).toBe(sections(panel(plain, ref, kind, PLAIN_NAMES[i]!)));
      }
    }
    for (const risk of r.risks) expect(panel(proto, r, 'risk', risk.id), risk.id).not.toMatch(LOST);
  });
});
