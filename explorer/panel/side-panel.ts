// The side panel for the selected site, lane or risk: its risks (a risk with its level, marked "~"
// when borderline, its impact interval and P(≥ 1 event) from the rate beside the simulated check),
// its expected loss split into direct, interruption and reroute cost, its controls with what-if
// toggles, a lane's carrier picker, the flows through it, the cascades acting there (a trigger whose
// events here open windows, or whose windows raise a threat here) and its common-cause threats, and
// the what-if in force. A function of its
// view data (sidePanelData in build-view-data.ts), never of Results; built with DOM calls and
// textContent only: names and ids from scenario files never reach the page as markup.
import { probability } from '../../engine/text/format.js';
import type { PanelCascade, PanelRisk, SidePanelData } from '../model/view-data.js';
import { BORDERLINE_MARK, BORDERLINE_NOTE, ELEMENT_LABELS, LEVEL_LABELS } from '../views/parts/names.js';
import { LEVEL_COLOURS, LEVEL_TEXT } from '../views/parts/palette.js';
import { moneyExact, moneyShort, pct } from '../views/parts/format.js';
import { factorText, jointText, orList, triggerText } from '../views/parts/cascade.js';
import { h, type Child } from './h.js';

export type { SidePanelData };

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

/** What a cascade's line means, by where the selected target stands in it (its title). */
const ROLE_TITLES: Record<PanelCascade['role'], (trigger: string, raised: string) => string> = {
  out: (t, r) => `An event of ${t} here opens a window that raises ${r} on the targets in scope`,
  in: (t, r) => `Windows opened by events of ${t} raise ${r} here`,
  both: (t, r) => `An event of ${t} here opens a window that raises ${r} here`,
};

/** Under the cascades: how a window works (docs/scenario-format.md, "Cascades"). */
export const CASCADE_HINT = "Each event opens a window of that many days from its start; while one is open the raised threat's rate is multiplied (windows do not stack).";

/** The selected risk's cascade and common cause as facts (none when it has neither). */
function cascadeFacts(risk: PanelRisk, money: (x: number) => string, exact: (x: number) => string): HTMLElement[] {
  const out: HTMLElement[] = [];
  const c = risk.cascade;
  if (c) {
    const by = c.triggeredBy.length ? orList(c.triggeredBy) : 'another threat';
    out.push(
      h('dt', {}, 'Triggered excess'),
      h(
        'dd',
        { class: 'cascade', title: `${exact(c.excessEal)} of its expected annual loss and ${c.excessEventsPerTrial.toPrecision(3)} events a year come only while windows opened by ${by} are open (rate ${factorText(c.factor)})` },
        h('span', {}, `${money(c.excessEal)} a year`),
        h('span', { class: 'sub' }, `${factorText(c.factor)} by ${by}`),
      ),
    );
  }
  if (risk.jointTargets !== undefined) out.push(h('dt', {}, 'Common cause'), h('dd', { class: 'joint' }, `each event ${jointText(risk.jointTargets)}`));
  return out;
}

export function sidePanel(element: HTMLElement, d: SidePanelData): void {
  const cur = d.currency;
  const money = (x: number) => moneyShort(x, cur, d.locale);
  const exact = (x: number) => moneyExact(x, cur, d.locale);
  const { selection, risk, target } = d;

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
        h('h2', {}, `${risk.threatName} @ ${risk.target}`),
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
          ...cascadeFacts(risk, money, exact),
        ),
        risk.borderline ? h('p', { class: 'hint borderline' }, borderlineReason(ci, d.impactBands, money)) : null,
      );
    }
  }

  if (target) {
    const { kind, id: targetId } = target;
    parts.push(h('p', { class: 'kicker' }, kind === 'site' ? `Site · ${target.detail}` : `Lane · ${target.detail}`), h('h2', {}, target.name));
    if (selection.kind === 'risk') {
      const open = h('button', { type: 'button', class: 'link' }, `Open ${kind}`);
      open.addEventListener('click', () => d.onSelect({ kind, id: targetId }));
      parts.push(open);
    }
    const facts: Child[] = [h('dt', {}, 'Expected annual loss'), h('dd', { title: exact(target.eal) }, money(target.eal))];
    if (target.split) {
      const [splitText, splitTitle] = split(target.split.directEal, target.split.interruptionEal, target.split.rerouteEal, money, exact);
      facts.push(h('dt', {}, 'of which'), h('dd', { class: 'split', title: splitTitle }, ...splitText.map((t) => h('span', {}, t))));
    }
    const lane = target.lane;
    if (lane) facts.push(h('dt', {}, 'From → to'), h('dd', {}, `${lane.fromName} → ${lane.toName}`), h('dt', {}, 'Transit'), h('dd', {}, `${lane.transitDays} days`));
    if (target.region) facts.push(h('dt', {}, 'Region'), h('dd', {}, target.region));
    if (target.owner) facts.push(h('dt', {}, 'Owner'), h('dd', {}, target.owner));
    parts.push(h('dl', { class: 'facts' }, ...facts));

    const risks = target.risks;
    if (risks.length) {
      const list = h('ul', { class: 'risks' });
      for (const r of risks) {
        const item = h(
          'button',
          { type: 'button', class: 'risk-item', 'aria-pressed': String(selection.kind === 'risk' && selection.id === r.id) },
          levelBadge(r.level, r.borderline),
          ` ${r.threatName}`,
          r.triggered ? h('span', { class: 'tag', title: 'Raised by a cascade: part of its expected loss comes while another threat\'s windows are open' }, 'triggered') : null,
          r.jointTargets !== undefined ? h('span', { class: 'tag', title: `Common cause: each event ${jointText(r.jointTargets)}` }, `common cause ×${r.jointTargets}`) : null,
          h('span', { class: 'num' }, money(r.eal)),
        );
        item.addEventListener('click', () => d.onSelect({ kind: 'risk', id: r.id }));
        list.append(h('li', {}, item));
      }
      parts.push(h('h3', {}, 'Risks'), list);
      if (risks.some((r) => r.borderline)) parts.push(h('p', { class: 'hint' }, BORDERLINE_NOTE));
    }

    if (target.cascades?.length) {
      const list = h('ul', { class: 'cascades' });
      for (const c of target.cascades) list.append(h('li', { class: `cascade ${c.role}`, title: ROLE_TITLES[c.role](c.trigger, c.raised) }, triggerText(c)));
      parts.push(h('h3', {}, 'Cascades'), list, h('p', { class: 'hint' }, CASCADE_HINT));
    }
    if (target.joint?.length) {
      const list = h('ul', { class: 'joint' });
      for (const j of target.joint) list.append(h('li', {}, `${j.threat}: each event ${jointText(j.targets)}`));
      parts.push(h('h3', {}, 'Common cause'), list);
    }

    if (target.carriers) {
      const current = target.carriers.current;
      const select = h('select', { id: 'carrier-picker', 'aria-label': 'Carrier of this lane', disabled: !d.canEdit }) as HTMLSelectElement;
      if (!current) select.append(h('option', { value: '' }, '(none)'));
      for (const c of target.carriers.options) {
        const risk = c.riskFactor !== undefined ? ` · risk ×${c.riskFactor}` : '';
        const cost = c.costPerShipment !== undefined ? ` · ${money(c.costPerShipment)}/shipment` : ' · price not stated (lane cost kept)';
        const o = h('option', { value: c.id }, `${c.name}${risk}${cost}`) as HTMLOptionElement;
        o.selected = c.id === current;
        select.append(o);
      }
      select.addEventListener('change', () => select.value && d.onSetCarrier(targetId, select.value));
      parts.push(h('h3', {}, 'Carrier'), select);
    }

    if (target.controls) {
      const list = h('div', { class: 'controls' });
      let element = '';
      for (const c of target.controls) {
        if (c.element !== element) {
          element = c.element;
          list.append(h('p', { class: 'element' }, ELEMENT_LABELS[c.element]));
        }
        const cost = c.annualCost !== undefined ? money(c.annualCost) + '/yr' : c.costPerShipment !== undefined ? money(c.costPerShipment) + '/shipment' : '';
        const box = h('input', { type: 'checkbox', 'data-control': c.id, disabled: !d.canEdit }) as HTMLInputElement;
        box.checked = c.on;
        box.addEventListener('change', () => d.onToggleControl(kind, targetId, c.id));
        list.append(h('label', { class: c.changed ? 'control changed' : 'control', title: c.source ? `${c.description ?? c.name} — ${c.source}` : (c.description ?? c.name) }, box, ` ${c.name}`, c.changed ? h('span', { class: 'tag' }, c.on ? 'added' : 'removed') : null, h('span', { class: 'num' }, cost)));
      }
      parts.push(h('h3', {}, 'Controls (what-if)'), d.canEdit ? null : h('p', { class: 'hint' }, 'Open the scenario to run what-ifs.'), list);
    }

    if (target.flows?.length) {
      const list = h('ul', { class: 'flows' });
      for (const f of target.flows) {
        const row = f.result;
        const title = row ? `Expected loss of this flow ${exact(row.eal)}: ${split(row.directEal, row.interruptionEal, row.rerouteCost, money, exact)[1]}; ${row.reroutedDaysMean.toFixed(1)} rerouted and ${row.interruptionDaysMean.toFixed(1)} interrupted days a year` : undefined;
        list.append(h('li', { ...(title ? { title } : {}) }, `${f.name}`, h('span', { class: 'num' }, row ? `${money(row.eal)} · reroute ${money(row.rerouteCost)} · service ${pct(row.serviceLevel)}` : '')));
      }
      parts.push(h('h3', {}, 'Flows'), list);
    }
  }

  if (d.whatIfChanges > 0) {
    const reset = h('button', { type: 'button', id: 'reset-what-if' }, 'Reset what-if');
    reset.addEventListener('click', () => d.onResetWhatIf());
    const n = d.whatIfChanges;
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
