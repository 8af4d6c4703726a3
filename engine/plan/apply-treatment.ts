// Applies a treatment's changes (docs/scenario-format.md, "Treatments") to a scenario, in order,
// returning a new scenario; the original is not touched. Also returns the carrying-cost rate of every
// flow whose buffer changed.
import { laneRegion } from '../model/selector.js';
import type { Carrier, Lane, Scenario, Treatment } from '../model/schema.js';
import { selectsLane, selectsSite } from '../model/selector.js';

export interface TreatedScenario {
  scenario: Scenario;
  carryingRates: Map<string, number>;
}

/** A deep copy of validated JSON data (plain objects and arrays only; no prototype keys survive validation). */
function cloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * A lane's cost per shipment as the scenario states it: its own `costPerShipment`, else its
 * carrier's, else undefined (no cost stated anywhere).
 */
export function statedLaneCost(lane: Lane, carriers: ReadonlyMap<string, Carrier>): number | undefined {
  return lane.costPerShipment ?? (lane.carrier !== undefined ? carriers.get(lane.carrier)?.costPerShipment : undefined);
}

/**
 * The scenario with `treatment` applied. Changing a lane's carrier: a new carrier that states a
 * cost per shipment replaces the lane's cost (its own one is dropped); one that states none leaves
 * the lane's cost as it was (own, else the old carrier's, now written on the lane).
 */
export function applyTreatment(base: Scenario, treatment: Treatment): TreatedScenario {
  const s = cloneJson(base);
  s.lanes ??= [];
  s.flows ??= [];
  const carryingRates = new Map<string, number>();
  const carriers = new Map<string, Carrier>((s.carriers ?? []).map((c) => [c.id, c]));
  for (const change of treatment.changes) {
    if ('addSites' in change) s.sites.push(...cloneJson(change.addSites));
    else if ('addLanes' in change) s.lanes.push(...cloneJson(change.addLanes));
    else if ('addControls' in change || 'removeControls' in change) {
      const adding = 'addControls' in change;
      const ids = adding ? change.addControls : change.removeControls;
      const sel = adding ? change.to : change.from;
      const edit = (controls: string[] | undefined) =>
        adding ? [...(controls ?? []), ...ids.filter((id) => !(controls ?? []).includes(id))] : (controls ?? []).filter((id) => !ids.includes(id));
      if (sel.kind === 'site') for (const site of s.sites) selectsSite(sel, site) && (site.controls = edit(site.controls));
      else {
        const sitesById = new Map(s.sites.map((x) => [x.id, x]));
        for (const lane of s.lanes) selectsLane(sel, lane, laneRegion(lane, sitesById)) && (lane.controls = edit(lane.controls));
      }
    } else if ('setCarrier' in change) {
      const stated = carriers.get(change.setCarrier)?.costPerShipment;
      for (const lane of s.lanes) {
        if (!change.lanes.includes(lane.id)) continue;
        // a carrier that states no price leaves the lane's cost as it was: the lane keeps what it paid,
        // its own cost or else its old carrier's, instead of becoming free (docs/scenario-format.md, "Carriers")
        const kept = statedLaneCost(lane, carriers);
        lane.carrier = change.setCarrier;
        if (stated !== undefined) delete lane.costPerShipment;
        else if (kept !== undefined) lane.costPerShipment = kept;
      }
    } else if ('route' in change) {
      const flow = s.flows.find((f) => f.id === change.route.flow)!;
      flow.path = [...change.route.path];
    } else if ('setBuffer' in change) {
      const flow = s.flows.find((f) => f.id === change.setBuffer.flow)!;
      flow.bufferDays = change.setBuffer.bufferDays;
      if (change.setBuffer.carryingCostRate !== undefined) carryingRates.set(flow.id, change.setBuffer.carryingCostRate);
    }
  }
  return { scenario: s, carryingRates };
}
