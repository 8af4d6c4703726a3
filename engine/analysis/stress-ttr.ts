// The time to recover (TTR) of each site and lane for the stress test (docs/stress-test.md, "Time to
// recover"): its own `ttrDays`, else the largest 90th percentile of the downtime of the disruption
// threats that apply to it, else none. The percentiles are exact closed forms
// (engine/sampling/dist-quantile.ts); nothing is sampled.
import type { Dist, Lane, Scenario, Site } from '../model/schema.js';
import { laneRegion, selectsLane, selectsSite } from '../model/selector.js';
import { distQuantile } from '../sampling/dist-quantile.js';

/** Where an element's TTR comes from: its own ttrDays, or the p90 of a disruption threat's downtime. */
export type TtrSource = 'ttrDays' | 'disruption-p90';

export interface Ttr {
  days: number;
  source: TtrSource;
  /** With source disruption-p90: the threat whose downtime p90 it is (the largest). */
  threat?: string;
}

/** The 90th percentile of a distribution as a scenario writes it (a lognormal's stated p90 as it is). */
export function distP90(d: Dist): number {
  if ('lognormal' in d && 'p90' in d.lognormal) return d.lognormal.p90;
  return distQuantile(d, 0.9);
}

/**
 * The TTR of every site (in scenario order) and every lane: `ttrDays` when given, else the largest
 * p90 of `downtimeDays` among the disruption threats whose selector picks it (the same selectors as
 * the simulation's, engine/model/selector.ts), at least 0; null when neither applies.
 */
export function timesToRecover(scenario: Scenario): { sites: Array<Ttr | null>; lanes: Array<Ttr | null> } {
  const sitesById = new Map(scenario.sites.map((s) => [s.id, s]));
  const disruptions = scenario.threats.filter((t) => t.category === 'disruption' && t.downtimeDays !== undefined);
  const p90s = disruptions.map((t) => Math.max(0, distP90(t.downtimeDays!)));
  const fromThreats = (picks: (sel: (typeof disruptions)[number]['appliesTo']) => boolean): Ttr | null => {
    let best: Ttr | null = null;
    disruptions.forEach((t, i) => {
      if (picks(t.appliesTo) && (best === null || p90s[i]! > best.days)) best = { days: p90s[i]!, source: 'disruption-p90', threat: t.id };
    });
    return best;
  };
  const own = (e: Site | Lane): Ttr | null => (e.ttrDays !== undefined ? { days: e.ttrDays, source: 'ttrDays' } : null);
  return {
    sites: scenario.sites.map((s) => own(s) ?? fromThreats((sel) => selectsSite(sel, s))),
    lanes: (scenario.lanes ?? []).map((l) => own(l) ?? fromThreats((sel) => selectsLane(sel, l, laneRegion(l, sitesById)))),
  };
}
