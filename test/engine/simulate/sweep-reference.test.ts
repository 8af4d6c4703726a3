// Differential test of the trial kernel's network sweep: for random small networks with many
// overlapping site and lane outages, each trial's outages are read back from the Simulator and the
// trial is recomputed by a plain reference implementation (cascade windows and joint storms
// included: excess outages lie in a fire's window, a storm downs every site at once): cut out the time
// axis at every outage start and end; in each piece, a flow is served by its primary route,
// rerouted (some path with every site and lane up) or cut; a maximal cut interval costs
// c·max(0, days − bufferDays), each piece's billed cost shared equally among the active outages on
// elements between the flow's ends; a rerouted piece costs its days × shipments per day × the extra
// cost per shipment of the fastest up path over the primary route (never negative), shared equally
// among the active outages on the primary route. The engine's per-trial cut days, rerouted days,
// interruption and reroute cost (per flow and per risk) and direct losses must match.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../engine/model/schema.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';
import { Rng } from '../../../engine/rng/rng.js';
import { BLOCK, Simulator } from '../../../engine/simulate/run-batch.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

/** The Simulator's outage buffers after a batch (white box: read only). */
interface Internals {
  bucket: Int32Array;
  /** The block's outage records in trial order, 11 numbers each: start, end, direct, kept, risk·2 + excess, … */
  sorted: Float64Array;
}

interface Net {
  sites: string[];
  lanes: Array<{ id: string; from: number; to: number; transit: number; cost: number }>;
  flows: Array<{ from: number; to: number; buffer: number; cost: number; perDay: number }>;
}

/** A random network where every flow has a route, with random site and lane outage threats. */
function randomScenario(rng: Rng, H: number, intensity = 1): Scenario {
  const nS = 5 + Math.floor(rng.next() * 3);
  const sites = Array.from({ length: nS }, (_, i) => ({ id: `s${i}`, kind: 'warehouse', value: 1e5 }));
  const lanes: Array<Record<string, unknown>> = [];
  // a chain s0 → s1 → … guarantees routes from lower to higher sites; extra random lanes add detours
  for (let i = 0; i + 1 < nS; i++) lanes.push({ id: `c${i}`, from: `s${i}`, to: `s${i + 1}`, mode: 'road', transitDays: 1 + rng.next() * 3, costPerShipment: Math.round(rng.next() * 900) });
  for (let k = 0; k < nS + 2; k++) {
    const u = Math.floor(rng.next() * nS);
    let v = Math.floor(rng.next() * nS);
    if (v === u) v = (u + 1) % nS;
    // some detours cost more per shipment than the chain, some less, some state no cost
    const cost = rng.next() < 0.25 ? {} : { costPerShipment: Math.round(rng.next() * 2000) };
    lanes.push({ id: `x${k}`, from: `s${u}`, to: `s${v}`, mode: 'rail', transitDays: 0.5 + rng.next() * 8, ...cost });
  }
  const flows = [
    { id: 'f0', from: 's0', to: `s${nS - 1}`, valuePerYear: 3.65e6, shipmentsPerYear: 50, bufferDays: Math.floor(rng.next() * 4) },
    { id: 'f1', from: 's1', to: `s${nS - 2}`, valuePerYear: 1e6, shipmentsPerYear: 20, bufferDays: 0, interruptionCostPerDay: 777 },
    { id: 'f2', from: 's0', to: `s${nS - 2}`, valuePerYear: 2e6, shipmentsPerYear: 30, bufferDays: 2.5 },
  ];
  const threats = [
    { id: 'site-out', category: 'disruption', appliesTo: { kind: 'site' }, frequency: { perYear: intensity * (0.5 + rng.next() * 2) }, downtimeDays: { exponential: { mean: 5 + rng.next() * 20 } } },
    { id: 'lane-out', category: 'disruption', appliesTo: { kind: 'lane' }, frequency: { perYear: intensity * (1 + rng.next() * 4) }, downtimeDays: { uniform: [1, 10 + rng.next() * 50] } },
    // a second outage process on the chain lanes: overlapping outages of one element
    { id: 'chain-out', category: 'disruption', appliesTo: { kind: 'lane', modes: ['road'] }, frequency: { perYear: intensity * 2 }, downtimeDays: { fixed: 15 } },
    // losses with downtime, and losses on shipments; a fire raises the outages of the lanes leaving its site (a cascade)
    {
      id: 'fire',
      category: 'terrorism',
      appliesTo: { kind: 'site' },
      frequency: { perYear: 0.3 },
      loss: { fraction: { uniform: [0.1, 0.9] } },
      downtimeDays: { fixed: 400 },
      triggers: [{ threat: 'lane-out', factor: 6, days: 90, scope: 'lanes-from' }],
    },
    // a common cause: one storm takes every site down at once, for one shared downtime
    { id: 'storm', category: 'disruption', appliesTo: { kind: 'site' }, jointly: true, frequency: { perYear: intensity * 0.6 }, downtimeDays: { uniform: [1, 30] } },
    { id: 'theft', category: 'theft', appliesTo: { kind: 'lane' }, frequency: { perShipment: 0.01 }, loss: { fraction: { pert: [0, 0.2, 1] } } },
  ];
  return scenarioOf(envelope('random sweep', { horizonDays: H, sites, lanes, flows, threats }));
}

function netOf(s: Scenario): Net {
  const idx = new Map(s.sites.map((x, i) => [x.id, i]));
  return {
    sites: s.sites.map((x) => x.id),
    lanes: (s.lanes ?? []).map((l) => ({ id: l.id, from: idx.get(l.from)!, to: idx.get(l.to)!, transit: l.transitDays, cost: l.costPerShipment ?? 0 })),
    flows: (s.flows ?? []).map((f) => ({
      from: idx.get(f.from)!,
      to: idx.get(f.to)!,
      buffer: f.bufferDays ?? 0,
      cost: f.interruptionCostPerDay ?? f.valuePerYear / 365,
      perDay: f.shipmentsPerYear / 365,
    })),
  };
}

/** Least-transit path (lane indices) by Bellman–Ford over the up elements, or null. */
function fastest(net: Net, from: number, to: number, up: (e: number) => boolean): number[] | null {
  const S = net.sites.length;
  if (!up(from) || !up(to)) return null;
  const dist = new Array<number>(S).fill(Infinity);
  const prev = new Array<number>(S).fill(-1);
  dist[from] = 0;
  for (let it = 0; it < S; it++) {
    for (const [l, lane] of net.lanes.entries()) {
      if (!up(S + l) || !up(lane.to) || dist[lane.from] === Infinity) continue;
      if (dist[lane.from]! + lane.transit < dist[lane.to]!) {
        dist[lane.to] = dist[lane.from]! + lane.transit;
        prev[lane.to] = l;
      }
    }
  }
  if (dist[to] === Infinity) return null;
  const path: number[] = [];
  for (let v = to; v !== from; v = net.lanes[prev[v]!]!.from) path.push(prev[v]!);
  return path.reverse();
}

/** Elements on some walk from `from` to `to`: sites reachable from `from` that reach `to`, and lanes between them. */
function between(net: Net, from: number, to: number): Set<number> {
  const S = net.sites.length;
  const reach = (start: number, fwd: boolean) => {
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length) {
      const u = stack.pop()!;
      for (const l of net.lanes) {
        const [a, b] = fwd ? [l.from, l.to] : [l.to, l.from];
        if (a === u && !seen.has(b)) seen.add(b), stack.push(b);
      }
    }
    return seen;
  };
  const f = reach(from, true);
  const b = reach(to, false);
  const out = new Set<number>();
  for (let s = 0; s < S; s++) if (f.has(s) && b.has(s)) out.add(s);
  net.lanes.forEach((l, i) => f.has(l.from) && b.has(l.to) && out.add(S + i));
  return out;
}

interface Outage {
  elem: number;
  start: number;
  end: number;
  risk: number;
  /** Let in only by an open trigger window (the triggered excess). */
  excess: boolean;
}

/** Reference per-trial results for each flow, and interruption and reroute cost per risk. */
function reference(net: Net, H: number, outages: Outage[], nRisks: number) {
  const S = net.sites.length;
  const primary = net.flows.map((f) => fastest(net, f.from, f.to, () => true)!);
  const rel = net.flows.map((f) => between(net, f.from, f.to));
  const pts = [...new Set([0, H, ...outages.flatMap((o) => [o.start, o.end])])].sort((a, b) => a - b);
  const out = net.flows.map(() => ({ cut: 0, rerouted: 0, cost: 0, reroute: 0 }));
  const riskInt = new Float64Array(nRisks);
  const riskReroute = new Float64Array(nRisks);
  const riskExcess = new Float64Array(nRisks);
  const pathCost = (path: number[]) => path.reduce((c, l) => c + net.lanes[l]!.cost, 0);
  const onRoute = primary.map((route, fi) => new Set([net.flows[fi]!.from, ...route.flatMap((l) => [S + l, net.lanes[l]!.to])]));
  const cutStart = net.flows.map(() => NaN);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    if (!(b > a)) continue;
    const active = outages.filter((o) => o.start <= a && o.end >= b);
    const down = new Set(active.map((o) => o.elem));
    const up = (e: number) => !down.has(e);
    net.flows.forEach((f, fi) => {
      const route = primary[fi]!;
      const primaryUp = up(f.from) && route.every((l) => up(S + l) && up(net.lanes[l]!.to));
      const detour = primaryUp ? null : fastest(net, f.from, f.to, up);
      if (primaryUp || detour !== null) {
        if (detour !== null) {
          out[fi]!.rerouted += b - a;
          const extra = Math.max(0, pathCost(detour) - pathCost(route));
          const billed = (b - a) * f.perDay * extra;
          out[fi]!.reroute += billed;
          const forcing = active.filter((o) => onRoute[fi]!.has(o.elem));
          for (const o of forcing) {
            riskReroute[o.risk]! += billed / forcing.length;
            if (o.excess) riskExcess[o.risk]! += billed / forcing.length;
          }
        }
        cutStart[fi] = NaN;
        return;
      }
      if (Number.isNaN(cutStart[fi])) cutStart[fi] = a;
      const s = cutStart[fi]!;
      out[fi]!.cut += b - a;
      const billed = f.cost * (Math.max(0, b - s - f.buffer) - Math.max(0, a - s - f.buffer));
      out[fi]!.cost += billed;
      const sharing = active.filter((o) => rel[fi]!.has(o.elem));
      for (const o of sharing) {
        riskInt[o.risk]! += billed / sharing.length;
        if (o.excess) riskExcess[o.risk]! += billed / sharing.length;
      }
    });
  }
  return { flows: out, riskInt, riskReroute, riskExcess, primary };
}

describe('Simulator.runBatch: network sweep against a reference implementation', () => {
  it('Simulator.runBatch: per-trial cut days, rerouted days, interruption and reroute cost and their shares (triggered excess included) match the reference on 13 random networks with cascades and common-cause storms', () => {
    const rng = new Rng(4242, 1, 2, 3);
    let trialsWithCuts = 0;
    let trialsWithReroutes = 0;
    let trialsWithRerouteCost = 0;
    let maxOverlap = 0;
    const mismatches: string[] = [];
    let maxOutages = 0;
    let excessOutages = 0;
    let jointOutages = 0;
    for (let k = 0; k < 13; k++) {
      const H = k % 3 === 0 ? 120 : 365;
      // the last network has ~25× the outages: hundreds per trial, beyond the kernel's initial buffers
      const heavy = k === 12;
      const scenario = randomScenario(rng, H, heavy ? 25 : 1);
      const net = netOf(scenario);
      const { plan, index } = compilePlan(scenario, 1000 + k);
      const sim = new Simulator(plan);
      const internals = sim as unknown as Internals;
      const trials = heavy ? 8 : 150;
      for (let t = 0; t < trials; t++) {
        const s = sim.runBatch(t, 1, 1);
        const local = t % BLOCK;
        const outages: Outage[] = [];
        let direct = 0;
        for (let r = 0; r < plan.nRisks; r++) direct += s.riskDirect.get(r);
        for (let q = internals.bucket[local]!; q < internals.bucket[local + 1]!; q++) {
          const start = internals.sorted[11 * q]!;
          const end = internals.sorted[11 * q + 1]!;
          const risk = internals.sorted[11 * q + 4]! >> 1;
          const excess = (internals.sorted[11 * q + 4]! & 1) === 1;
          if (!(start >= 0 && start < H && end > start && end <= H)) mismatches.push(`network ${k}, trial ${t}: outage [${start}, ${end}) outside [0, H]`);
          outages.push({ elem: plan.riskElement[risk]!, start, end, risk, excess });
        }
        // cascades: an outage let in by a window starts inside a window of a fire on its lane's origin site
        for (const o of outages.filter((x) => x.excess)) {
          excessOutages++;
          const lane = net.lanes[o.elem - net.sites.length];
          const fires = outages.filter((x) => index.riskThreat[x.risk] === 'fire' && x.elem === lane?.from && x.start <= o.start && o.start < x.start + 90);
          if (index.riskThreat[o.risk] !== 'lane-out' || fires.length === 0) mismatches.push(`network ${k}, trial ${t}: excess outage of ${index.riskIds[o.risk]} at ${o.start} outside every window`);
        }
        // common cause: every storm outage is matched, same start and end, on every other site it applies to
        const storms = outages.filter((x) => index.riskThreat[x.risk] === 'storm');
        for (const o of storms) {
          jointOutages++;
          const hit = new Set(storms.filter((x) => x.start === o.start && x.end === o.end).map((x) => x.elem));
          if (hit.size !== net.sites.length) mismatches.push(`network ${k}, trial ${t}: storm at ${o.start} hits ${hit.size} of ${net.sites.length} sites`);
        }
        maxOutages = Math.max(maxOutages, outages.length);
        const ref = reference(net, H, outages, plan.nRisks);
        if (t === 0) expect(index.flowRoutes).toEqual(ref.primary.map((p) => p.map((l) => net.lanes[l]!.id)));
        const where = `network ${k}, trial ${t}`;
        // plain comparisons collected into one list (hundreds of thousands of expect() calls are slow)
        const check = (what: string, got: number, want: number, tol: number) => {
          if (!(Math.abs(got - want) <= tol) && mismatches.length < 20) mismatches.push(`${where}, ${what}: engine ${got}, reference ${want}`);
        };
        const moneyTol = 0.01 * (outages.length + 1); // cents rounding per piece
        for (let f = 0; f < net.flows.length; f++) {
          check(`flow ${f} cut days`, s.flowCutDays.get(f), ref.flows[f]!.cut, 1e-5);
          check(`flow ${f} rerouted days`, s.flowReroutedDays.get(f), ref.flows[f]!.rerouted, 1e-5);
          check(`flow ${f} interruption cost`, s.flowInterruption.get(f), ref.flows[f]!.cost, moneyTol);
          check(`flow ${f} reroute cost`, s.flowReroute.get(f), ref.flows[f]!.reroute, moneyTol);
          if (ref.flows[f]!.cut > 0) trialsWithCuts++;
          if (ref.flows[f]!.rerouted > 0) trialsWithReroutes++;
          if (ref.flows[f]!.reroute > 0) trialsWithRerouteCost++;
        }
        for (let r = 0; r < plan.nRisks; r++) {
          check(`risk ${index.riskIds[r]} interruption`, s.riskInterruption.get(r), ref.riskInt[r]!, moneyTol);
          check(`risk ${index.riskIds[r]} reroute cost`, s.riskReroute.get(r), ref.riskReroute[r]!, moneyTol);
          // the risks with excess here (lane outages) have no direct loss: their excess is all shares
          if (index.riskThreat[r] === 'lane-out') check(`risk ${index.riskIds[r]} triggered excess`, s.riskExcess.get(r), ref.riskExcess[r]!, moneyTol);
        }
        const totalCost = ref.flows.reduce((x, f) => x + f.cost + f.reroute, 0);
        // direct is read back from per-risk sums kept in cents: half a cent of rounding per risk
        check('trial loss', s.losses[0]!, direct + totalCost, 1e-9 * (direct + totalCost) + 0.005 * plan.nRisks);
        check('direct loss', s.money.get(0), direct, 0.01 * (plan.nRisks + 1));
        // overlap depth of one element's outages (the merge rule is exercised)
        for (const o of outages) maxOverlap = Math.max(maxOverlap, outages.filter((p) => p.elem === o.elem && p.start < o.end && o.start < p.end).length);
      }
    }
    expect(mismatches).toEqual([]);
    expect(trialsWithCuts).toBeGreaterThan(300);
    expect(trialsWithReroutes).toBeGreaterThan(300);
    expect(trialsWithRerouteCost).toBeGreaterThan(100);
    expect(maxOverlap).toBeGreaterThanOrEqual(2);
    expect(maxOutages).toBeGreaterThan(200);
    expect(excessOutages).toBeGreaterThan(50);
    expect(jointOutages).toBeGreaterThan(200);
  });
});
