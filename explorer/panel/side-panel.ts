// The side panel for the selected site, lane or risk: its risks, its controls with what-if toggles,
// a lane's carrier picker, the flows through it, and the what-if in force. Built with DOM calls and
// textContent only: names and ids from scenario files never reach the page as markup.
import type { Results } from '../../engine/analysis/simulate-scenario.js';
import type { Scenario } from '../../engine/model/schema.js';
import type { Selection } from '../state/url-state.js';
import { applicableControls, carrierOf, hasControl, isEmpty, placedControls, type TargetKind, type WhatIf } from '../state/what-if.js';
import { ELEMENT_LABELS, LEVEL_COLOURS, LEVEL_LABELS, LEVEL_TEXT, moneyExact, moneyShort, pct } from '../views/common.js';

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

function levelBadge(level: keyof typeof LEVEL_COLOURS): HTMLElement {
  const b = h('span', { class: 'level' }, LEVEL_LABELS[level]);
  b.style.background = LEVEL_COLOURS[level];
  b.style.color = LEVEL_TEXT[level];
  return b;
}

export function sidePanel(element: HTMLElement, d: SidePanelData): void {
  const cur = d.results.currency;
  const money = (x: number) => moneyShort(x, cur);
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
      parts.push(
        h('p', { class: 'kicker' }, 'Risk'),
        h('h2', {}, `${threatName(risk.threat)} @ ${risk.target}`),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, 'Level'),
          h('dd', {}, levelBadge(risk.level), ` likelihood ${risk.likelihood} × impact ${risk.impact} = ${risk.score}`),
          h('dt', {}, 'Expected annual loss'),
          h('dd', { title: moneyExact(risk.eal, cur) }, `${money(risk.eal)} (${pct(risk.share)} of the total)`),
          h('dt', {}, 'Events per year'),
          h('dd', {}, risk.frequency.toPrecision(3)),
          h('dt', {}, 'P(at least one a year)'),
          h('dd', {}, pct(risk.pEvent)),
          h('dt', {}, 'Loss per event'),
          h('dd', { title: moneyExact(risk.meanLossPerEvent, cur) }, money(risk.meanLossPerEvent)),
          h('dt', {}, 'Share of the worst 5 % (CVaR95)'),
          h('dd', { title: moneyExact(risk.tailContribution, cur) }, money(risk.tailContribution)),
          h('dt', {}, 'Owner'),
          h('dd', {}, risk.owner || '—'),
        ),
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
    const facts: Child[] = [h('dt', {}, 'Expected annual loss'), h('dd', { title: moneyExact(target?.eal ?? 0, cur) }, money(target?.eal ?? 0))];
    if (lane) facts.push(h('dt', {}, 'From → to'), h('dd', {}, `${siteName(lane.from)} → ${siteName(lane.to)}`), h('dt', {}, 'Transit'), h('dd', {}, `${lane.transitDays} days`));
    if (site?.region) facts.push(h('dt', {}, 'Region'), h('dd', {}, site.region));
    const owner = site?.owner ?? lane?.owner;
    if (owner) facts.push(h('dt', {}, 'Owner'), h('dd', {}, owner));
    parts.push(h('dl', { class: 'facts' }, ...facts));

    const risks = results.risks.filter((r) => r.target === targetId).slice(0, 8);
    if (risks.length) {
      const list = h('ul', { class: 'risks' });
      for (const r of risks) {
        const item = h('button', { type: 'button', class: 'risk-item', 'aria-pressed': String(selection.kind === 'risk' && selection.id === r.id) }, levelBadge(r.level), ` ${threatName(r.threat)}`, h('span', { class: 'num' }, money(r.eal)));
        item.addEventListener('click', () => d.onSelect({ kind: 'risk', id: r.id }));
        list.append(h('li', {}, item));
      }
      parts.push(h('h3', {}, 'Risks'), list);
    }

    if (scenario && lane) {
      const modeOk = (scenario.carriers ?? []).filter((c) => !c.modes || c.modes.includes(lane.mode));
      if (modeOk.length) {
        const current = carrierOf(scenario, d.whatIf, lane.id);
        const select = h('select', { id: 'carrier-picker', 'aria-label': 'Carrier of this lane', disabled: !d.canEdit }) as HTMLSelectElement;
        if (!current) select.append(h('option', { value: '' }, '(none)'));
        for (const c of modeOk) {
          const risk = c.riskFactor !== undefined ? ` · risk ×${c.riskFactor}` : '';
          const cost = c.costPerShipment !== undefined ? ` · ${money(c.costPerShipment)}/shipment` : '';
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
        for (const f of flows) list.append(h('li', {}, `${f.name ?? f.id}`, h('span', { class: 'num' }, fr.get(f.id) ? `service ${pct(fr.get(f.id)!.serviceLevel)}` : '')));
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
