// @vitest-environment jsdom
/// <reference lib="dom" />
// The side panel names the cascades and common causes that act on the selection: at a site or lane,
// each trigger as "trigger → raised × factor for N days (where)" and each common-cause threat with
// the targets its events hit; on a risk, its triggered excess and who raises it; in a target's risk
// list, a tag on the triggered and common-cause risks. Names are text, never markup.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import type { Results } from '../../../engine/results/schema.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { sidePanelData } from '../../../explorer/model/build-view-data.js';
import type { PanelSelection } from '../../../explorer/model/view-data.js';
import { CASCADE_HINT, sidePanel } from '../../../explorer/panel/side-panel.js';
import { emptyWhatIf } from '../../../explorer/state/what-if.js';
import { moneyShort } from '../../../explorer/views/parts/format.js';
import { cascadeScenario, withoutCascades } from './cascade-scenario.js';

function valid(raw: unknown): Scenario {
  const v = validateScenario(JSON.parse(JSON.stringify(raw)));
  if (!v.ok) expect.fail(`invalid scenario: ${JSON.stringify(v.issues)}`);
  return v.scenario;
}

function panel(scenario: Scenario, results: Results, selection: PanelSelection): HTMLElement {
  document.body.replaceChildren();
  const el = document.createElement('aside');
  document.body.append(el);
  const noop = () => {};
  sidePanel(el, sidePanelData({ scenario, baseline: results }, { selection, whatIf: emptyWhatIf(), canEdit: true, onToggleControl: noop, onSetCarrier: noop, onSelect: noop, onResetWhatIf: noop }));
  return el;
}

const items = (el: Element, sel: string) => [...el.querySelectorAll(sel)].map((x) => x.textContent);
const heads = (el: Element) => items(el, 'h3');

describe('sidePanel: cascades and common causes', async () => {
  const scenario = valid(cascadeScenario());
  // simulated without the new fields (whichever kernel is in place); the results' cascade and joint written by hand
  const plain = await simulateScenario(valid(withoutCascades(cascadeScenario())), { trials: 256, seed: 1, treatments: 'none' });
  const l2 = plain.risks.find((r) => r.id === 'theft-road@l2')!;
  const results: Results = {
    ...plain,
    risks: plain.risks.map((r) =>
      r.id === l2.id
        ? { ...r, cascade: { triggeredBy: ['ransomware', 'strike'], factor: 3, excessEventsPerTrial: 0.04, excessEal: 12_000 } }
        : r.threat === 'strike'
          ? { ...r, joint: { targets: 2 } }
          : r,
    ),
  };

  it('sidePanel lists at a site the triggers whose events there open windows, and its common-cause threats', () => {
    const el = panel(scenario, results, { kind: 'site', id: 'wh' });
    expect(heads(el)).toContain('Cascades');
    expect(items(el, 'ul.cascades li')).toEqual([
      'Fire → Ransomware × 2 for 10 days (this site)',
      'Ransomware → Road theft × 3 for 30 days (the lane leaving this site)',
      'Port strike → Road theft × 1.5 for 5 days (targets in region NL)',
    ]);
    expect(el.querySelector('ul.cascades li.out')!.getAttribute('title')).toBe('An event of Ransomware here opens a window that raises Road theft on the targets in scope');
    expect(items(el, 'p.hint')).toContain(CASCADE_HINT);
    expect(items(el, 'ul.joint li')).toEqual(['Port strike: each event hits 2 targets at once']);
    // the target's risk list tags the common-cause risk
    const strike = [...el.querySelectorAll('button.risk-item')].find((b) => b.textContent!.includes('Port strike'))!;
    expect(items(strike, '.tag')).toEqual(['common cause ×2']);
  });

  it('sidePanel lists on a lane the cascades raising its risks, and tags the triggered risk', () => {
    const el = panel(scenario, results, { kind: 'lane', id: 'l2' });
    expect(items(el, 'ul.cascades li')).toEqual([
      'Ransomware → Road theft × 3 for 30 days (this lane, after an event at Venlo warehouse, where it starts)',
      'Port strike → Road theft × 1.5 for 5 days (this lane, after an event anywhere in region NL)',
    ]);
    expect([...el.querySelectorAll('ul.cascades li')].map((li) => li.className)).toEqual(['cascade in', 'cascade in']);
    expect(el.querySelector('ul.joint')).toBeNull();
    expect(items(el, 'button.risk-item .tag')).toEqual(['triggered']);
  });

  it('sidePanel states a risk\'s triggered excess, who raises it and by how much', () => {
    const el = panel(scenario, results, { kind: 'risk', id: l2.id });
    const dd = el.querySelector('dd.cascade')!;
    expect(items(dd, 'span')).toEqual([`${moneyShort(12_000, 'EUR')} a year`, '× 3 by Ransomware or Port strike']);
    expect(dd.getAttribute('title')).toMatch(/^€12,000 of its expected annual loss and 0\.0400 events a year come only while windows opened by Ransomware or Port strike are open \(rate × 3\)$/);
    expect(el.querySelector('dd.joint')).toBeNull();
    const strike = results.risks.find((r) => r.threat === 'strike')!;
    expect(panel(scenario, results, { kind: 'risk', id: strike.id }).querySelector('dd.joint')!.textContent).toBe('each event hits 2 targets at once');
  });

  it('sidePanel shows nothing of cascades where none acts, and none without the scenario\'s triggers', () => {
    const el = panel(scenario, plain, { kind: 'lane', id: 'l3' });
    expect(heads(el)).not.toContain('Cascades');
    expect(heads(el)).not.toContain('Common cause');
    const bare = panel(valid(withoutCascades(cascadeScenario())), plain, { kind: 'site', id: 'wh' });
    expect(bare.querySelector('ul.cascades, ul.joint, .tag, dd.cascade')).toBeNull();
  });

  it('sidePanel writes threat names from the scenario as text: markup in a name stays text', () => {
    const raw = cascadeScenario();
    raw.threats.find((t: { id: string }) => t.id === 'ransomware').name = '<img src=x onerror=alert(1)>Ransomware';
    const el = panel(valid(raw), results, { kind: 'site', id: 'wh' });
    expect(el.querySelector('img')).toBeNull();
    expect(items(el, 'ul.cascades li')[1]).toBe('<img src=x onerror=alert(1)>Ransomware → Road theft × 3 for 30 days (the lane leaving this site)');
  });
});
