// @vitest-environment jsdom
/// <reference lib="dom" />
// The stress test in the explorer: stressViewData from the hand-worked network of
// test/engine/analysis/stress-fixture.ts (and nothing without the scenario), the chart's layout
// (ranked bars in proportion to loss, the flag, TTS ticks and ∞, headings and legend inside the
// width at a panel's sizes), the drawn SVG (snapshot, names as text, a click selecting, the
// "needs the scenario" message), and the exposure map's stress overlay and toggle.
import { describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import type { Scenario } from '../../../engine/model/schema.js';
import type { Shown } from '../../../explorer/model/build-view-data.js';
import { mapStressData, stressOf, stressViewData } from '../../../explorer/model/stress-view-data.js';
import { stressKey } from '../../../explorer/model/stress-key.js';
import type { StressViewData } from '../../../explorer/model/view-data.js';
import { exposureMap } from '../../../explorer/views/exposure-map.js';
import { reiColour } from '../../../explorer/views/exposure-map/stress-overlay.js';
import { layoutStressChart, stressChart } from '../../../explorer/views/stress-test.js';
import { textWidth } from '../../../explorer/views/parts/text.js';
import { reiText } from '../../../explorer/views/parts/format.js';
import { stressScenario } from '../../engine/analysis/stress-fixture.js';
import { mapFixture } from './fixtures-map.js';
import { container, snapshot } from './render.js';

function scenarioOf(json: Record<string, unknown>): Scenario {
  const r = parseScenario(JSON.stringify(json));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
}

/** A page state with the scenario (the stress test reads only the scenario and the results' currency). */
const shownWith = (scenario?: Scenario): Shown => ({ ...(scenario ? { scenario } : {}), baseline: { currency: 'EUR' } as Results });
const data = (extra: Partial<StressViewData> = {}): StressViewData => ({ ...stressViewData(shownWith(scenarioOf(stressScenario()))), size: { width: 520, height: 300 }, ...extra });

describe('stressViewData', () => {
  it('lists the stressed elements by loss with names from the scenario; counts the unstressed', () => {
    const d = stressViewData(shownWith(scenarioOf(stressScenario())));
    expect(d.elements!.map((e) => e.id)).toEqual(['A', 'D', 'b-d', 'B', 'd-e', 'a-b', 'C', 'c-d']);
    const a = d.elements![0]!;
    expect(a).toMatchObject({ name: 'Supplier A', kind: 'site', detail: 'supplier', loss: 15_000, rei: 1, ttrDays: 20, ttrFrom: 'its ttrDays', ttsDays: 5, needsMitigation: true, flowsCut: ['f1'], flowsRerouted: 0 });
    expect(d.elements![3]).toMatchObject({ id: 'B', ttrFrom: 'p90 of port-closure', ttsDays: null, flowsRerouted: 1 });
    expect([d.notStressed, d.unstressedCutting]).toEqual([2, 1]); // E (cuts f2) and a-c
  });

  it('without the scenario (results opened alone) there is nothing to stress, and no map overlay', () => {
    expect(stressViewData(shownWith()).elements).toBeNull();
    expect(mapStressData(shownWith(), true)).toBeUndefined();
  });

  it('mapStressData keys REI and the flag by kind and id, and computes once per scenario', () => {
    const s = shownWith(scenarioOf(stressScenario()));
    const m = mapStressData(s, true)!;
    expect(m.flagged).toBe(3);
    expect(m.elements.get(stressKey('site', 'D'))).toEqual({ rei: 0.4, needsMitigation: true });
    expect(m.elements.get(stressKey('site', 'E'))).toEqual({ rei: null, needsMitigation: false });
    expect(m.elements.get(stressKey('lane', 'd-e'))!.needsMitigation).toBe(true);
    expect(stressOf(s)).toBe(stressOf(s)); // one stress test per scenario object
    // off: nothing computed, the toggle only
    const fresh = shownWith(scenarioOf(stressScenario()));
    expect(mapStressData(fresh, false)).toMatchObject({ on: false, flagged: null });
    expect(mapStressData(fresh, false)!.elements.size).toBe(0);
  });
});

describe('layoutStressChart', () => {
  it('ranks the bars in proportion to loss, flags TTS < TTR, puts the TTS tick by its days and ∞ when unlimited', () => {
    const scene = layoutStressChart(data(), { width: 520, height: 300 });
    expect(scene.title).toBe('3 of 8 elements cannot survive their recovery time');
    const [a, d] = scene.rows;
    expect(scene.rows.map((r) => r.mark)).toEqual(['!', '!', '', '', '!', '', '', '']);
    expect(d!.barWidth / a!.barWidth).toBeCloseTo(0.4, 9); // 6 000 / 15 000
    // REI to two significant digits, as the stress report writes it (a small one is not 0.00)
    expect(a!.valueText).toBe('€15K · 1');
    expect(d!.valueText).toBe('€6K · 0.4');
    expect(scene.rows.at(-1)!.valueText).toMatch(/ · (0|0\.0\d+)$/);
    expect(reiText(0.0028)).toBe('0.0028');
    // A: TTS 5 days, TTR 20: the tick left of the TTR bar's end
    expect(a!.ttsX!).toBeLessThan(scene.daysX + a!.ttrWidth);
    expect(scene.rows[2]!.ttsX).toBeNull(); // b-d reroutes: unlimited
    for (const r of scene.rows) expect(r.valueX + textWidth(r.valueText, 10)).toBeLessThanOrEqual(scene.daysX - 8);
  });

  it.each([
    [380, 260],
    [520, 300],
    [760, 520],
  ])('at %i × %i: headings apart, legend and note inside the width, rows above the legend', (width, height) => {
    const scene = layoutStressChart(data(), { width, height });
    const [loss, days] = scene.headings;
    expect(loss!.x + textWidth(loss!.text, 10.5, true)).toBeLessThan(days!.x - textWidth(days!.text, 10.5, true));
    for (const item of scene.legend) {
      const text = item.parts[1]!.text!;
      expect(item.at![0] + 17 + textWidth(text, 10), text).toBeLessThanOrEqual(width - 8 + 1e-9);
    }
    expect(textWidth(scene.note.text, 10)).toBeLessThanOrEqual(width - 16);
    expect(scene.note.y).toBeLessThanOrEqual(height - 4); // the baseline, with room for descenders
    const last = scene.rows[scene.rows.length - 1]!;
    expect(last.y + scene.rowH).toBeLessThanOrEqual(scene.legend[0]!.at![1]);
  });

  it('shows as many rows as fit and says how many more there are', () => {
    const scene = layoutStressChart(data(), { width: 760, height: 170 });
    expect(scene.rows.length).toBeLessThan(8);
    expect(scene.note.text).toContain(`${8 - scene.rows.length} more stressed element`);
    expect(scene.note.text).toContain('2 without a time to recover not stressed (1 of them cut a flow)');
  });
});

describe('stressChart', () => {
  it('draws the hand-worked network (snapshot)', async () => {
    const el = container();
    stressChart(el, data());
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/stress-test.svg.snap');
  });

  it('draws names as text, labels the chart, and selects an element on click or Enter', () => {
    const el = container();
    const picked: string[] = [];
    const d = data({ onSelect: (id, kind) => picked.push(`${kind}:${id}`) });
    d.elements![0]!.name = '<img src=x onerror=alert(1)>';
    stressChart(el, d);
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('g.row text.name')!.textContent).toContain('<img');
    expect(el.querySelector('svg.chart')!.getAttribute('aria-label')).toContain('ranked by the loss over that time');
    const rows = el.querySelectorAll<SVGGElement>('g.row');
    expect(rows).toHaveLength(8);
    rows[1]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    rows[4]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(picked).toEqual(['site:D', 'lane:d-e']);
    expect(rows[0]!.getAttribute('aria-label')).toContain('needs mitigation');
    // idempotent: drawing again keeps one chart and one group per row
    stressChart(el, d);
    expect(el.querySelectorAll('g.row')).toHaveLength(8);
  });

  it('says it needs the scenario when results were opened alone', () => {
    const el = container();
    stressChart(el, { ...stressViewData(shownWith()), size: { width: 520, height: 300 } });
    expect(el.querySelector('text.chart-title')!.textContent).toBe('Stress test: open the scenario to run it');
    expect(el.textContent).toContain('The stress test needs the scenario: open the scenario file');
    expect(el.querySelectorAll('g.row')).toHaveLength(0);
  });
});

describe('exposure map stress overlay', () => {
  const elements = new Map([
    [stressKey('site', 'dc-venlo'), { rei: 1, needsMitigation: true }],
    [stressKey('site', 'port-rotterdam'), { rei: 0.2, needsMitigation: false }],
    [stressKey('lane', 'la-sea-shekou-rtm'), { rei: 0.5, needsMitigation: true }],
    [stressKey('site', 'cust-hamburg'), { rei: null, needsMitigation: false }],
  ]);

  it('without the stress test in the data: no toggle, nothing outlined', () => {
    const el = container();
    exposureMap(el, mapFixture());
    expect(el.querySelector('g.stress-button')).toBeNull();
    expect(el.querySelector('circle.stress')).toBeNull();
  });

  it('off: the toggle only; on: REI colours, the flagged outlined, the title and legend say so; the toggle asks to flip', () => {
    const el = container();
    const asked: boolean[] = [];
    exposureMap(el, mapFixture({ stress: { on: false, elements, flagged: 2, onToggle: (on) => asked.push(on) } }));
    const button = el.querySelector<SVGGElement>('g.stress-button')!;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(el.querySelector('circle.stress')).toBeNull();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(asked).toEqual([true]);

    exposureMap(el, mapFixture({ stress: { on: true, elements, flagged: 2, onToggle: (on) => asked.push(on) } }));
    expect(el.querySelector('g.stress-button')!.getAttribute('aria-pressed')).toBe('true');
    expect(el.querySelector('text.chart-title')!.textContent).toMatch(/^Stress test: 2 sites and lanes need mitigation/);
    expect([...el.querySelectorAll('g.site')].filter((g) => g.querySelector('circle.stress')).map((g) => g.getAttribute('data-id'))).toEqual(['dc-venlo']);
    expect(el.querySelector('g.lane[data-id="la-sea-shekou-rtm"] path.stress')).not.toBeNull();
    expect(el.querySelector('g.site[data-id="dc-venlo"] circle.mark')!.getAttribute('fill')).toBe(reiColour(1));
    expect(el.querySelector('g.site[data-id="cust-hamburg"] circle.mark')!.getAttribute('fill')).toBe(reiColour(null));
    expect(el.querySelector('g.site[data-id="dc-venlo"]')!.getAttribute('aria-label')).toContain('stress test: Risk Exposure Index 1.00, needs mitigation');
    expect(el.querySelector('g.legend')!.textContent).toContain('Stress test: Risk Exposure Index');
    el.querySelector<SVGGElement>('g.stress-button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(asked).toEqual([true, false]);

    // off again: the level colours and legend are back, the outlines gone
    exposureMap(el, mapFixture({ stress: { on: false, elements, flagged: 2 } }));
    expect(el.querySelector('circle.stress')).toBeNull();
    expect(el.querySelector('path.stress')).toBeNull();
    expect(el.querySelector('g.legend')!.textContent).toContain('Highest risk level at site');
  });
});
