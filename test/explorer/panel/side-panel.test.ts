// @vitest-environment jsdom
/// <reference lib="dom" />
// The side panel of a risk: its level marked "~" when borderline with the band edge that makes it
// so, P(≥ 1 event) from the rate beside the simulated check, the loss per event with its interval,
// and the expected loss split into direct, interruption and reroute cost (for its target too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { type Results } from '../../../engine/results/schema.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import { sidePanelData } from '../../../explorer/model/build-view-data.js';
import { borderlineReason, sidePanel } from '../../../explorer/panel/side-panel.js';
import { emptyWhatIf } from '../../../explorer/state/what-if.js';
import { probability } from '../../../engine/text/format.js';
import { moneyShort, pct } from '../../../explorer/views/parts/format.js';

const parsed = parseScenario(readFileSync(join(process.cwd(), 'scenarios/eu-electronics-inbound.json'), 'utf8'));
if (!parsed.ok) throw new Error('default scenario invalid');
const scenario = parsed.scenario;
const m = (x: number) => moneyShort(x, 'EUR');

function panel(results: Results, id: string, locale?: string): HTMLElement {
  document.body.replaceChildren();
  const el = document.createElement('aside');
  document.body.append(el);
  const noop = () => {};
  sidePanel(el, sidePanelData({ scenario, baseline: results, ...(locale ? { locale } : {}) }, { selection: { kind: 'risk', id }, whatIf: emptyWhatIf(), canEdit: true, onToggleControl: noop, onSetCarrier: noop, onSelect: noop, onResetWhatIf: noop }));
  return el;
}

describe('sidePanel', async () => {
  const results = await simulateScenario(scenario, { trials: 2000, seed: 1, treatments: 'none' });
  const risk = results.risks[0]!;

  it('sidePanel shows a risk\'s P(≥ 1) from its rate with the simulated check, its loss per event with the interval, and its loss split', () => {
    const el = panel(results, risk.id);
    const spans = (sel: string) => [...el.querySelectorAll(`${sel} span`)].map((x) => x.textContent);
    expect(spans('dd.p-event')).toEqual([probability(risk.pEventExpected), `simulated ${probability(risk.pEvent)}`]);
    const ci = risk.impactCi95!;
    expect(spans('dd.impact')).toEqual([m(risk.meanLossPerEvent), `95 %: ${m(ci[0])}–${m(ci[1])}`]);
    const splits = [...el.querySelectorAll('dd.split')].map((d) => [...d.querySelectorAll('span')].map((x) => x.textContent));
    expect(splits[0]).toEqual([`${m(risk.directEal)} direct`, `${m(risk.interruptionEal)} interruption`, `${m(risk.rerouteEal)} reroute`]);
    const target = results.targets.find((t) => t.id === risk.target)!;
    expect(splits[1]).toEqual([`${m(target.directEal)} direct`, `${m(target.interruptionEal)} interruption`, `${m(target.rerouteEal)} reroute`]);
    expect(el.querySelector('dd.risk-level .level')!.textContent).toBe(risk.borderline ? `${risk.level[0]!.toUpperCase()}${risk.level.slice(1)} ~` : `${risk.level[0]!.toUpperCase()}${risk.level.slice(1)}`);
  });

  it('sidePanel writes money in the scenario\'s locale, as the views do', () => {
    const el = panel(results, risk.id, 'de-DE');
    const de = (x: number) => moneyShort(x, 'EUR', 'de-DE');
    expect(de(risk.meanLossPerEvent)).not.toBe(m(risk.meanLossPerEvent));
    expect(el.querySelector('dd.impact span')!.textContent).toBe(de(risk.meanLossPerEvent));
  });

  it('sidePanel marks a borderline risk "~" in its level and in its target\'s risk list, and names the band edge', () => {
    // the risk made borderline: its loss per event interval straddles the €1M impact band edge
    const marked: Results = { ...results, risks: results.risks.map((r) => (r.id === risk.id ? { ...r, borderline: true, impactCi95: [900_000, 1_100_000] as [number, number] } : { ...r, borderline: false })) };
    const el = panel(marked, risk.id);
    const badge = el.querySelector('dd.risk-level .level')!;
    expect(badge.textContent).toMatch(/ ~$/);
    expect(badge.getAttribute('title')).toBe('~ borderline: the level may change with the seed');
    expect(el.querySelector('p.borderline')!.textContent).toBe('~ borderline: the level may change with the seed: its loss per event interval straddles the impact band edge €1M');
    const items = [...el.querySelectorAll('button.risk-item .level')].map((b) => b.textContent);
    expect(items.filter((t) => t!.endsWith('~'))).toHaveLength(1);
    expect([...el.querySelectorAll('p.hint')].map((p) => p.textContent)).toContain('~ borderline: the level may change with the seed');
    // not borderline: no mark, no note
    const plain = panel({ ...results, risks: results.risks.map((r) => ({ ...r, borderline: false })) }, risk.id);
    expect(plain.textContent).not.toContain('~');
  });

  it('borderlineReason names each band edge inside the interval, or says there is no interval', () => {
    const edges = [1e4, 1e5, 1e6, 1e7];
    expect(borderlineReason([80_000, 1_200_000], edges, m)).toBe('~ borderline: the level may change with the seed: its loss per event interval straddles the impact band edges €100K and €1M');
    expect(borderlineReason(null, edges, m)).toBe('~ borderline: the level may change with the seed: too few years with an event to tell its loss per event within a band');
  });
});

describe('sidePanel: the carrier picker', async () => {
  const results = await simulateScenario(scenario, { trials: 512, seed: 1, treatments: 'none' });

  it('sidePanel offers on a lane only the carriers that run its mode and serve its regions (no Shenzhen haulier on Hamburg–Dortmund)', () => {
    document.body.replaceChildren();
    const el = document.createElement('aside');
    document.body.append(el);
    const noop = () => {};
    const input = { whatIf: emptyWhatIf(), canEdit: true, onToggleControl: noop, onSetCarrier: noop, onSelect: noop, onResetWhatIf: noop };
    sidePanel(el, sidePanelData({ scenario, baseline: results }, { ...input, selection: { kind: 'lane', id: 'la-ham-dor' } }));
    const offered = [...el.querySelectorAll('#carrier-picker option')].map((o) => (o as HTMLOptionElement).value);
    expect(offered).toContain('haulier-tsr3'); // the lane's own
    expect(offered).toContain('haulier-spot');
    expect(offered).not.toContain('cn-haulier');
    // and a road lane in China is offered the Shenzhen haulier, not the EU hauliers
    sidePanel(el, sidePanelData({ scenario, baseline: results }, { ...input, selection: { kind: 'lane', id: 'la-ss-sk' } }));
    const inChina = [...el.querySelectorAll('#carrier-picker option')].map((o) => (o as HTMLOptionElement).value);
    expect(inChina).toContain('cn-haulier');
    expect(inChina).not.toContain('haulier-spot');
  });
});
