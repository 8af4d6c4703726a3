// The what-if a person builds in the side panel: controls added to or removed from one site or lane,
// and lanes switched to another carrier. Turned into engine treatment changes (changes()).
import type { Change, Scenario } from '../../engine/model/schema.js';
import { controlsOf } from '../../engine/catalog/controls-of.js';

export type TargetKind = 'site' | 'lane';

export interface WhatIf {
  /** [kind, target id, control id] placed by the what-if. */
  add: Array<[TargetKind, string, string]>;
  /** [kind, target id, control id] taken off by the what-if. */
  remove: Array<[TargetKind, string, string]>;
  /** [lane id, carrier id]. */
  carriers: Array<[string, string]>;
}

export const emptyWhatIf = (): WhatIf => ({ add: [], remove: [], carriers: [] });

export function isEmpty(w: WhatIf): boolean {
  return w.add.length + w.remove.length + w.carriers.length === 0;
}

/** The controls on a target in the scenario as given. */
export function placedControls(scenario: Scenario, kind: TargetKind, id: string): string[] {
  const t = kind === 'site' ? scenario.sites.find((s) => s.id === id) : (scenario.lanes ?? []).find((l) => l.id === id);
  return t?.controls ?? [];
}

/** Whether `control` is on the target under the what-if. */
export function hasControl(scenario: Scenario, w: WhatIf, kind: TargetKind, id: string, control: string): boolean {
  const same = (e: [TargetKind, string, string]) => e[0] === kind && e[1] === id && e[2] === control;
  if (w.add.some(same)) return true;
  if (w.remove.some(same)) return false;
  return placedControls(scenario, kind, id).includes(control);
}

/** The what-if with `control` switched on the target (undoing an earlier edit when it goes back). */
export function toggleControl(scenario: Scenario, w: WhatIf, kind: TargetKind, id: string, control: string): WhatIf {
  const same = (e: [TargetKind, string, string]) => e[0] === kind && e[1] === id && e[2] === control;
  const placed = placedControls(scenario, kind, id).includes(control);
  const on = hasControl(scenario, w, kind, id, control);
  const add = w.add.filter((e) => !same(e));
  const remove = w.remove.filter((e) => !same(e));
  if (on && placed) remove.push([kind, id, control]);
  if (!on && !placed) add.push([kind, id, control]);
  return { ...w, add, remove };
}

/** The what-if with the lane on `carrier` (its own carrier: no edit). */
export function setCarrier(scenario: Scenario, w: WhatIf, lane: string, carrier: string): WhatIf {
  const own = (scenario.lanes ?? []).find((l) => l.id === lane)?.carrier;
  const carriers = w.carriers.filter((c) => c[0] !== lane);
  if (carrier !== own) carriers.push([lane, carrier]);
  return { ...w, carriers };
}

/** The carrier of a lane under the what-if. */
export function carrierOf(scenario: Scenario, w: WhatIf, lane: string): string | undefined {
  return w.carriers.find((c) => c[0] === lane)?.[1] ?? (scenario.lanes ?? []).find((l) => l.id === lane)?.carrier;
}

/** Controls that can go on a target of this kind: the catalog and the scenario's own, by name. */
export function applicableControls(scenario: Scenario, kind: TargetKind) {
  return [...controlsOf(scenario).values()].filter((c) => c.appliesTo === kind).sort((a, b) => (a.element < b.element ? -1 : a.element > b.element ? 1 : a.name < b.name ? -1 : 1));
}

/** The what-if as engine treatment changes, grouped per target, in a stable order. */
export function changes(w: WhatIf): Change[] {
  const out: Change[] = [];
  const group = (list: Array<[TargetKind, string, string]>) => {
    const m = new Map<string, { kind: TargetKind; id: string; controls: string[] }>();
    for (const [kind, id, c] of list) {
      const key = `${kind}\u0000${id}`;
      const g = m.get(key) ?? { kind, id, controls: [] };
      g.controls.push(c);
      m.set(key, g);
    }
    return [...m.values()].sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : 1));
  };
  for (const g of group(w.remove)) out.push({ removeControls: [...g.controls].sort(), from: { kind: g.kind, ids: [g.id] } });
  for (const g of group(w.add)) out.push({ addControls: [...g.controls].sort(), to: { kind: g.kind, ids: [g.id] } });
  for (const [lane, carrier] of [...w.carriers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push({ setCarrier: carrier, lanes: [lane] });
  return out;
}

/** Reads a what-if from untrusted JSON (the URL): anything not of the right shape is dropped. */
export function parseWhatIf(text: string | null): WhatIf {
  const w = emptyWhatIf();
  if (!text) return w;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return w;
  }
  if (raw === null || typeof raw !== 'object') return w;
  const o = raw as Record<string, unknown>;
  const triples = (v: unknown) =>
    Array.isArray(v) ? v.filter((e): e is [TargetKind, string, string] => Array.isArray(e) && e.length === 3 && (e[0] === 'site' || e[0] === 'lane') && typeof e[1] === 'string' && typeof e[2] === 'string') : [];
  w.add = triples(o.add);
  w.remove = triples(o.remove);
  w.carriers = Array.isArray(o.carriers) ? o.carriers.filter((e): e is [string, string] => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string') : [];
  return w;
}
