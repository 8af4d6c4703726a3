// The side panel for the selected site, lane or risk: its risks (a risk with its level, marked "~"
// when borderline, its impact interval and P(≥ 1 event) from the rate beside the simulated check),
// its expected loss split into direct, interruption and reroute cost, its controls with what-if
// toggles, a lane's carrier picker, the flows through it, and the what-if in force. Built with DOM
// calls and textContent only: names and ids from scenario files never reach the page as markup.
import { DEFAULT_IMPACT_BANDS } from '../../engine/analysis/criteria.js';
import type { Results } from '../../engine/analysis/simulate-scenario.js';
import { carriersServing } from '../../engine/model/carrier-regions.js';
import { probability } from '../../engine/text/format.js';
import type { Scenario } from '../../engine/model/schema.js';
import type { Selection } from '../state/url-state.js';
import { applicableControls, carrierOf, hasControl, isEmpty, placedControls, type TargetKind, type WhatIf } from '../state/what-if.js';
import { BORDERLINE_MARK, BORDERLINE_NOTE, ELEMENT_LABELS, LEVEL_COLOURS, LEVEL_LABELS, LEVEL_TEXT, moneyExact, moneyShort, pct } from '../views/common.js';

export interface SidePanelData {
  scenario?: Scenario;
  results: Results;
  selection: Selection;
  whatIf: WhatIf;
  /** What-ifs can run (a scenario is loaded, not only results). */
  canEdit: boolean;
  onToggleControl(kind: TargetKind, id: string, control: string): void;
  onSetCarrier(lane: string, carrier: string): void;
  onSelect(sel: Selection | undefined): void;
  onResetWhatIf(): void;
}

type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes. */
export function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** A level's coloured badge ("High", "High ~" when borderline: the level may change with the seed). */
function levelBadge(level: keyof typeof LEVEL_COLOURS, borderline = false): HTMLElement {
  const b = h('span', { class: 'level', ...(borderline ? { title: BORDERLINE_NOTE } : {}) }, borderline ? `${LEVEL_LABELS[level]} ${BORDERLINE_MARK}` : LEVEL_LABELS[level]);
  b.style.background = LEVEL_COLOURS[level];
  b.style.color = LEVEL_TEXT[level];
  return b;
}

/** Why a risk is borderline: the impact band edges its loss-per-event interval straddles, or no interval at all. */
export function borderlineReason(impactCi95: [number, number] | null, edges: readonly number[], money: (x: number) => string): string {
  if (impactCi95 === null) return `${BORDERLINE_NOTE}: too few years with an event to tell its loss per event within a band`;
  const inside = edges.filter((e) => impactCi95[0] < e && e <= impactCi95[1]);
  return inside.length
    ? `${BORDERLINE_NOTE}: its loss per event interval straddles the impact band ${inside.length === 1 ? 'edge' : 'edges'} ${inside.map(money).join(' and ')}`
    : BORDERLINE_NOTE;
}

/** ["€4.89M direct", "€1.54M interruption", "€257K reroute"] (one line each), and the same in full for the title. */
function split(direct: number, interruption: number, reroute: number, money: (x: number) => string, exact: (x: number) => string): [string[], string] {
  return [
    [`${money(direct)} direct`, `${money(interruption)} interruption`, `${money(reroute)} reroute`],
    `direct loss ${exact(direct)}, interruption cost ${exact(interruption)}, reroute cost (extra transport on detours) ${exact(reroute)}`,
  ];
}

export function sidePanel(element: HTMLElement, d: SidePanelData): void {
  const cur = d.results.currency;
  const money = (x: number) => moneyShort(x, cur);
  const exact = (x: number) => moneyExact(x, cur);
  const { scenario, results, selection } = d;
  const risk = selection.kind === 'risk' ? results.risks.find((r) => r.id === selection.id) : undefined;
  const kind: TargetKind | undefined = selection.kind === 'risk' ? risk?.targetKind : selection.kind;
  const targetId = selection.kind === 'risk' ? risk?.target : selection.id;
  const site = kind === 'site' ? scenario?.sites.find((s) => s.id === targetId) : undefined;
  const lane = kind === 'lane' ? scenario?.lanes?.find((l) => l.id === targetId) : undefined;
  const siteName = (id: string) => scenario?.sites.find((s) => s.id === id)?.name ?? id;
  const threatName = (id: string) => scenario?.threats.find((t) => t.id === id)?.name ?? id;

  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close the panel' }, '×');
  close.addEventListener('click', () => d.onSelect(undefined));
  const parts: Child[] = [close];

  if (selection.kind === 'risk') {
    if (!risk) parts.push(h('p', {}, 'This risk is not in the current result.'));
    else {
      const ci = risk.impactCi95;
      const [splitText, splitTitle] = split(risk.directEal, risk.interruptionEal, risk.rerouteEal, money, exact);
      parts.push(
        h('p', { class: 'kicker' }, 'Risk'),
        h('h2', {}, `${threatName(risk.threat)} @ ${risk.target}`),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Level'),
          h('dd', { class: 'risk-level' }, levelBadge(risk.level, risk.borderline), ` likelihood ${risk.likelihood} × impact ${risk.impact} = ${risk.score}`),
          h('dt', {}, 'Expected annual loss'),
          h('dd', { title: exact(risk.eal) }, `${money(risk.eal)} (${pct(risk.share)} of the total)`),
          h('dt', {}, 'of which'),
          h('dd', { class: 'split', title: splitTitle }, ...splitText.map((t) => h('span', {}, t))),
          h('dt', {}, 'Events per year'),
          h('dd', {}, risk.frequency.toPrecision(3)),
          // the likelihood band is read from the exact rate; the simulated share of years only checks it
          h('dt', {}, 'P(at least one a year)'),
          h(
            'dd',
            { class: 'p-event', title: `1 − e^(−${risk.frequency.toPrecision(3)}) from the rate, which sets the likelihood band; ${pct(risk.pEvent, 2)} of the simulated years had an event` },
            h('span', {}, probability(risk.pEventExpected)),
            h('span', { class: 'sub' }, `simulated ${probability(risk.pEvent)}`),
          ),
          h('dt', {}, 'Loss per event'),
          h(
            'dd',
            { class: 'impact', title: ci ? `${exact(risk.meanLossPerEvent)}, 95 % interval ${exact(ci[0])} to ${exact(ci[1])}` : `${exact(risk.meanLossPerEvent)}; no interval (fewer than 2 years with an event)` },
            h('span', {}, money(risk.meanLossPerEvent)),
            h('span', { class: 'sub' }, ci ? `95 %: ${money(ci[0])}–${money(ci[1])}` : 'no interval'),
          ),
          h('dt', {}, 'Share of the worst 5 % (CVaR95)'),
          h('dd', { title: exact(risk.tailContribution) }, money(risk.tailContribution)),
          h('dt', {}, 'Owner'),
          h('dd', {}, risk.owner || '—'),
        ),
        risk.borderline ? h('p', { class: 'hint borderline' }, borderlineReason(ci, scenario?.criteria?.impactBands ?? DEFAULT_IMPACT_BANDS, money)) : null,
      );
    }
  }

  if (kind && targetId) {
    const name = site?.name ?? lane?.name ?? targetId;
    const target = results.targets.find((t) => t.id === targetId);
    parts.push(h('p', { class: 'kicker' }, kind === 'site' ? `Site · ${site?.kind ?? ''}` : `Lane · ${lane?.mode ?? ''}`), h('h2', {}, name));
    if (selection.kind === 'risk') {
      const open = h('button', { type: 'button', class: 'link' }, `Open ${kind}`);
      open.addEventListener('click', () => d.onSelect({ kind, id: targetId }));
      parts.push(open);
    }
    const facts: Child[] = [h('dt', {}, 'Expected annual loss'), h('dd', { title: exact(target?.eal ?? 0) }, money(target?.eal ?? 0))];
    if (target) {
      const [splitText, splitTitle] = split(target.directEal, target.interruptionEal, target.rerouteEal, money, exact);
      facts.push(h('dt', {}, 'of which'), h('dd', { class: 'split', title: splitTitle }, ...splitText.map((t) => h('span', {}, t))));
    }
    if (lane) facts.push(h('dt', {}, 'From → to'), h('dd', {}, `${siteName(lane.from)} → ${siteName(lane.to)}`), h('dt', {}, 'Transit'), h('dd', {}, `${lane.transitDays} days`));
    if (site?.region) facts.push(h('dt', {}, 'Region'), h('dd', {}, site.region));
    const owner = site?.owner ?? lane?.owner;
    if (owner) facts.push(h('dt', {}, 'Owner'), h('dd', {}, owner));
    parts.push(h('dl', { class: 'facts' }, ...facts));

    const risks = results.risks.filter((r) => r.target === targetId).slice(0, 8);
    if (risks.length) {
      const list = h('ul', { class: 'risks' });
      for (const r of risks) {
        const item = h('button', { type: 'button', class: 'risk-item', 'aria-pressed': String(selection.kind === 'risk' && selection.id === r.id) }, levelBadge(r.level, r.borderline), ` ${threatName(r.threat)}`, h('span', { class: 'num' }, money(r.eal)));
        item.addEventListener('click', () => d.onSelect({ kind: 'risk', id: r.id }));
        list.append(h('li', {}, item));
      }
      parts.push(h('h3', {}, 'Risks'), list);
      if (risks.some((r) => r.borderline)) parts.push(h('p', { class: 'hint' }, BORDERLINE_NOTE));
    }

    if (scenario && lane) {
      // the carriers that may run this lane: its mode and every region it runs in (as validation requires)
      const regionOf = (id: string) => scenario.sites.find((x) => x.id === id)?.region;
      const serving = carriersServing(lane, scenario.carriers ?? [], regionOf);
      if (serving.length) {
        const current = carrierOf(scenario, d.whatIf, lane.id);
        const select = h('select', { id: 'carrier-picker', 'aria-label': 'Carrier of this lane', disabled: !d.canEdit }) as HTMLSelectElement;
        if (!current) select.append(h('option', { value: '' }, '(none)'));
        for (const c of serving) {
          const risk = c.riskFactor !== undefined ? ` · risk ×${c.riskFactor}` : '';
          const cost = c.costPerShipment !== undefined ? ` · ${money(c.costPerShipment)}/shipment` : ' · price not stated (lane cost kept)';
          const o = h('option', { value: c.id }, `${c.name ?? c.id}${risk}${cost}`) as HTMLOptionElement;
          o.selected = c.id === current;
          select.append(o);
        }
        select.addEventListener('change', () => select.value && d.onSetCarrier(lane.id, select.value));
        parts.push(h('h3', {}, 'Carrier'), select);
      }
    }

    if (scenario) {
      const placed = new Set(placedControls(scenario, kind, targetId));
      const all = applicableControls(scenario, kind);
      const list = h('div', { class: 'controls' });
      let element = '';
      for (const c of all) {
        if (c.element !== element) {
          element = c.element;
          list.append(h('p', { class: 'element' }, ELEMENT_LABELS[c.element]));
        }
        const on = hasControl(scenario, d.whatIf, kind, targetId, c.id);
        const changed = on !== placed.has(c.id);
        const cost = c.cost?.annual !== undefined ? money(c.cost.annual) + '/yr' : c.cost?.perShipment !== undefined ? money(c.cost.perShipment) + '/shipment' : '';
        const box = h('input', { type: 'checkbox', 'data-control': c.id, disabled: !d.canEdit }) as HTMLInputElement;
        box.checked = on;
        box.addEventListener('change', () => d.onToggleControl(kind, targetId, c.id));
        list.append(h('label', { class: changed ? 'control changed' : 'control', title: c.source ? `${c.description ?? c.name} — ${c.source}` : (c.description ?? c.name) }, box, ` ${c.name}`, changed ? h('span', { class: 'tag' }, on ? 'added' : 'removed') : null, h('span', { class: 'num' }, cost)));
      }
      parts.push(h('h3', {}, 'Controls (what-if)'), d.canEdit ? null : h('p', { class: 'hint' }, 'Open the scenario to run what-ifs.'), list);
    }

    if (scenario) {
      const flows = (scenario.flows ?? []).filter((f) => (kind === 'site' ? f.from === targetId || f.to === targetId || (f.path ?? []).some((l) => scenario.lanes?.find((x) => x.id === l && (x.from === targetId || x.to === targetId))) : (f.path ?? []).includes(targetId)));
      if (flows.length) {
        const fr = new Map(results.flows.map((f) => [f.id, f]));
        const list = h('ul', { class: 'flows' });
        for (const f of flows) {
          const row = fr.get(f.id);
          const title = row ? `Expected loss of this flow ${exact(row.eal)}: ${split(row.directEal, row.interruptionEal, row.rerouteCost, money, exact)[1]}; ${row.reroutedDaysMean.toFixed(1)} rerouted and ${row.interruptionDaysMean.toFixed(1)} interrupted days a year` : undefined;
          list.append(h('li', { ...(title ? { title } : {}) }, `${f.name ?? f.id}`, h('span', { class: 'num' }, row ? `${money(row.eal)} · reroute ${money(row.rerouteCost)} · service ${pct(row.serviceLevel)}` : '')));
        }
        parts.push(h('h3', {}, 'Flows'), list);
      }
    }
  }

  if (!isEmpty(d.whatIf)) {
    const reset = h('button', { type: 'button', id: 'reset-what-if' }, 'Reset what-if');
    reset.addEventListener('click', () => d.onResetWhatIf());
    const n = d.whatIf.add.length + d.whatIf.remove.length + d.whatIf.carriers.length;
    parts.push(h('div', { class: 'what-if-box' }, h('p', {}, `What-if: ${n} change${n === 1 ? '' : 's'} in force`), reset));
  }
  // keep keyboard focus on the same control across the redraw (a toggle redraws the panel)
  const active = element.ownerDocument.activeElement;
  const focusKey = active && element.contains(active) ? (active.getAttribute('data-control') ?? active.id) : '';
  element.replaceChildren(...parts.filter((p): p is Node | string => p !== null && p !== undefined && p !== false));
  if (focusKey) {
    const again = [...element.querySelectorAll<HTMLElement>('[data-control], [id]')].find((e) => (e.getAttribute('data-control') ?? e.id) === focusKey);
    again?.focus();
  }
}
