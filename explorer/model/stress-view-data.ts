// The stress test (engine/analysis/stress.ts, docs/stress-test.md) as the explorer shows it: the
// data of the stress view and of the exposure map's stress overlay. It needs the scenario; with
// results opened alone there is nothing to stress. Deterministic and quick (no simulation), and
// computed once per scenario object.
import { stressTest, type StressResult } from '../../engine/analysis/stress.js';
import type { Scenario } from '../../engine/model/schema.js';
import { mainResults, type Shown } from './build-view-data.js';
import { stressKey } from './stress-key.js';
import type { MapStress, StressViewData } from './view-data.js';

const cache = new WeakMap<Scenario, StressResult>();

/** The scenario the views show: the what-if's when there is one (its carriers set the detours' cost). */
function shownScenario(s: Shown): Scenario | undefined {
  return s.whatIf?.scenario ?? s.scenario;
}

/** The stress test of the shown scenario (once per scenario object), or undefined without one. */
export function stressOf(s: Shown): StressResult | undefined {
  const scenario = shownScenario(s);
  if (!scenario) return undefined;
  let r = cache.get(scenario);
  if (!r) {
    r = stressTest(scenario);
    cache.set(scenario, r);
  }
  return r;
}

/** The stress view's data: the stressed elements by loss, with names from the scenario. */
export function stressViewData(s: Shown, extra: Pick<StressViewData, 'selected' | 'onSelect'> = {}): StressViewData {
  const base = { currency: mainResults(s).currency, ...(s.locale ? { locale: s.locale } : {}), ...extra };
  const r = stressOf(s);
  if (!r) return { ...base, elements: null, notStressed: 0, unstressedCutting: 0 };
  const scenario = shownScenario(s)!;
  const threatNames = new Map(scenario.threats.map((t) => [t.id, t.name ?? t.id]));
  const flowNames = new Map((scenario.flows ?? []).map((f) => [f.id, f.name ?? f.id]));
  const elements = r.elements
    .filter((e) => e.ttrDays !== null)
    .map((e) => ({
      id: e.id,
      kind: e.kind,
      name: e.name,
      detail: e.detail,
      loss: e.loss!,
      rei: e.rei!,
      ttrDays: e.ttrDays!,
      ttrFrom: e.ttrSource === 'ttrDays' ? 'its ttrDays' : `p90 of ${threatNames.get(e.ttrThreat ?? '') ?? e.ttrThreat ?? ''}`,
      ttsDays: e.ttsDays,
      needsMitigation: e.needsMitigation,
      flowsCut: e.flowsCut.map((f) => flowNames.get(f) ?? f),
      flowsRerouted: e.flowsRerouted.length,
    }));
  const unstressed = r.elements.filter((e) => e.ttrDays === null);
  return { ...base, elements, notStressed: unstressed.length, unstressedCutting: unstressed.filter((e) => e.flowsCut.length > 0).length };
}

/**
 * The exposure map's stress overlay: whether it is shown, and when it is, REI and flag by site or
 * lane; undefined without the scenario. The stress test runs only once the overlay is on (a large
 * network's first draw does not wait for it).
 */
export function mapStressData(s: Shown, on: boolean, onToggle?: (on: boolean) => void): MapStress | undefined {
  if (!shownScenario(s)) return undefined;
  if (!on) return { on, elements: new Map(), flagged: null, ...(onToggle ? { onToggle } : {}) };
  const r = stressOf(s)!;
  return {
    on,
    elements: new Map(r.elements.map((e) => [stressKey(e.kind, e.id), { rei: e.rei, needsMitigation: e.needsMitigation }])),
    flagged: r.needsMitigation,
    ...(onToggle ? { onToggle } : {}),
  };
}
