// compilePlan: a validated scenario → the flat SimulationPlan the trial loop reads, plus
// the PlanIndex that maps indices back to ids. Everything that can be computed once is computed
// here: effective rates, control products, distribution constants, primary routes, lane mixes
// (docs/simulation.md, "Events").
import { controlsOf } from '../catalog/controls-of.js';
import { controlEffect } from '../model/control-effect.js';
import type { Category, Element, Lane, Scenario, Site, Threat } from '../model/schema.js';
import { laneRegion, selectsLane, selectsSite } from '../model/selector.js';
import { hashString, mix2 } from '../rng/mix.js';
import { rootSeed } from '../rng/root-seed.js';
import { compileDist, DIST_STRIDE } from '../sampling/dist.js';
import { buildCsrGraph } from '../graph/csr-graph.js';
import { checkEventLimits } from './plan-limits.js';
import { ScenarioLimitError } from '../model/limits.js';

/** Most (trigger risk, raised risk) pairs a scenario's cascades may link. */
export const MAX_TRIGGER_EDGES = 2_000_000;
import { CsrDijkstra } from '../graph/csr-dijkstra.js';
import {
  LOSS_AMOUNT,
  LOSS_NONE,
  LOSS_SHIPMENT_FRACTION,
  LOSS_SITE_FRACTION,
  type CompiledScenario,
  type PlanCosts,
  type SimulationPlan,
} from './plan.js';

/** Default yearly carrying cost of buffer stock, as a share of its value (setBuffer's carryingCostRate). */
export const DEFAULT_CARRYING_COST_RATE = 0.2;
/** Default lifetime over which capex is spread, in years. */
export const DEFAULT_LIFETIME_YEARS = 10;

/** A lane's transport cost per shipment: its own, else its carrier's, else 0. */
export function laneCostPerShipment(lane: Lane, carriers: ReadonlyMap<string, { costPerShipment?: number }>): number {
  return lane.costPerShipment ?? (lane.carrier !== undefined ? carriers.get(lane.carrier)?.costPerShipment : undefined) ?? 0;
}

/** A threat's frequency multiplier for a target in `region`: its own `regionFactors` entry (an own key only), else 1. */
function regionFactorOf(threat: Threat, region: string | undefined): number {
  const factors = threat.regionFactors;
  return region !== undefined && factors !== undefined && Object.hasOwn(factors, region) ? factors[region]! : 1;
}

/** The ISO 28000 element that treats a risk of `category` on a target. */
function isoElement(category: Category, targetKind: 'site' | 'lane', site: Site | undefined): Element {
  if (category === 'breach') return 'information';
  if (category === 'disruption') return 'emergency';
  if (targetKind === 'lane') return 'transport';
  return site?.kind === 'supplier' ? 'supplier' : 'facility';
}

/**
 * Compiles a validated scenario for a seed. Throws a ScenarioLimitError (engine/model/limits.ts) when
 * the plan expects more events than the limits allow; `context` (such as `treatments[1] "id"`) then
 * starts its messages.
 */
export function compilePlan(scenario: Scenario, seed: number | string, context?: string): CompiledScenario {
  const horizonDays = scenario.horizonDays ?? 365;
  const years = horizonDays / 365;
  const sites = scenario.sites;
  const lanes = scenario.lanes ?? [];
  const flows = scenario.flows ?? [];
  const S = sites.length;
  const L = lanes.length;
  const E = S + L;
  const siteIndex = new Map(sites.map((s, i) => [s.id, i]));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const sitesById = new Map(sites.map((s) => [s.id, s]));
  const carriers = new Map((scenario.carriers ?? []).map((c) => [c.id, c]));
  const controls = controlsOf(scenario);

  // --- the network and primary routes
  const laneFrom = Int32Array.from(lanes, (l) => siteIndex.get(l.from)!);
  const laneTo = Int32Array.from(lanes, (l) => siteIndex.get(l.to)!);
  const laneTransit = Float64Array.from(lanes, (l) => l.transitDays);
  const laneCost = Float64Array.from(lanes, (l) => laneCostPerShipment(l, carriers));
  const graph = buildCsrGraph(S, laneFrom, laneTo, laneTransit);
  const dijkstra = new CsrDijkstra(graph);
  const flowRoutes: number[][] = flows.map((f) => {
    if (f.path) return f.path.map((id) => laneIndex.get(id)!);
    const d = dijkstra.shortest(siteIndex.get(f.from)!, siteIndex.get(f.to)!, null);
    if (!Number.isFinite(d)) throw new Error(`compilePlan: flow "${f.id}" has no route (the validator should have caught this)`);
    return dijkstra.pathLanes(siteIndex.get(f.to)!);
  });

  // --- shipments per lane and site, and the shipment mix of each lane
  const laneShipments = new Float64Array(L);
  const siteShipments = new Float64Array(S);
  flows.forEach((f, fi) => {
    const route = flowRoutes[fi]!;
    siteShipments[siteIndex.get(f.from)!]! += f.shipmentsPerYear;
    for (const l of route) {
      laneShipments[l]! += f.shipmentsPerYear;
      siteShipments[laneTo[l]!]! += f.shipmentsPerYear;
    }
  });
  const laneFlowLists: number[][] = lanes.map(() => []);
  flowRoutes.forEach((route, fi) => {
    for (const l of new Set(route)) laneFlowLists[l]!.push(fi);
  });
  const laneFlowStart = new Int32Array(L + 1);
  laneFlowLists.forEach((fl, l) => (laneFlowStart[l + 1] = laneFlowStart[l]! + fl.length));
  const laneFlow = new Int32Array(laneFlowStart[L]!);
  const laneFlowCum = new Float64Array(laneFlowStart[L]!);
  laneFlowLists.forEach((fl, l) => {
    let cum = 0;
    fl.forEach((fi, k) => {
      cum += flows[fi]!.shipmentsPerYear;
      laneFlow[laneFlowStart[l]! + k] = fi;
      laneFlowCum[laneFlowStart[l]! + k] = cum / laneShipments[l]!;
    });
    if (fl.length > 0) laneFlowCum[laneFlowStart[l + 1]! - 1] = 1;
  });

  // --- risks: (threat, target) pairs in threat order, then sites, then lanes
  type Target = RiskTarget;
  const risks: Array<{ threat: Scenario['threats'][number]; target: Target }> = [];
  for (const threat of scenario.threats) {
    const sel = threat.appliesTo;
    if (sel.kind === 'site') sites.forEach((site, i) => selectsSite(sel, site) && risks.push({ threat, target: { kind: 'site', i, site } }));
    else lanes.forEach((lane, i) => selectsLane(sel, lane, laneRegion(lane, sitesById)) && risks.push({ threat, target: { kind: 'lane', i, lane } }));
  }
  const R = risks.length;
  const riskHash = new Uint32Array(R);
  const riskElement = new Int32Array(R);
  const riskGenRate = new Float64Array(R);
  const riskKeep = new Float64Array(R);
  const riskRate = new Float64Array(R);
  const riskLossMode = new Uint8Array(R);
  const riskExposure = new Float64Array(R);
  const riskLoss = new Float64Array(R * DIST_STRIDE).fill(-1);
  const riskDowntime = new Float64Array(R * DIST_STRIDE).fill(-1);
  const sev: Array<[number, number, number]>[] = [];
  const down: Array<[number, number, number]>[] = [];
  const riskIds: string[] = [];
  const riskControls: string[][] = [];
  const riskElementIso: Element[] = [];
  const riskOwner: string[] = [];
  const threatIndexOf = new Map(scenario.threats.map((t, i) => [t, i]));
  const riskThreatIndex = Int32Array.from(risks, (x) => threatIndexOf.get(x.threat)!);

  const riskRegion = (target: (typeof risks)[number]['target']) => (target.kind === 'site' ? target.site.region : laneRegion(target.lane, sitesById));

  let maxRiskFactor = 1;
  let maxDisruptionFactor = 1;
  for (const c of carriers.values()) {
    maxRiskFactor = Math.max(maxRiskFactor, c.riskFactor ?? 1);
    maxDisruptionFactor = Math.max(maxDisruptionFactor, c.disruptionFactor ?? 1);
  }
  risks.forEach(({ threat, target }, r) => {
    const id = `${threat.id}@${target.kind === 'site' ? target.site.id : target.lane.id}`;
    riskIds.push(id);
    riskHash[r] = hashString(id);
    riskElement[r] = target.kind === 'site' ? target.i : S + target.i;
    const regionFactor = regionFactorOf(threat, riskRegion(target));
    // Lane risks are generated at the rate of the riskiest carrier of the scenario and thinned by
    // carrierFactor / that maximum, so a carrier switch keeps the events both carriers share
    // (common random numbers for "other carriers"), like a frequency control does.
    let carrierFactor = 1;
    let carrierMax = 1;
    if (target.kind === 'lane') {
      const disruption = threat.category === 'disruption';
      carrierMax = disruption ? maxDisruptionFactor : maxRiskFactor;
      if (target.lane.carrier !== undefined) {
        const carrier = carriers.get(target.lane.carrier)!;
        carrierFactor = disruption ? (carrier.disruptionFactor ?? 1) : (carrier.riskFactor ?? 1);
      }
    }
    const base =
      'perYear' in threat.frequency
        ? threat.frequency.perYear
        : threat.frequency.perShipment * (target.kind === 'lane' ? laneShipments[target.i]! : 0);
    riskGenRate[r] = base * years * regionFactor * carrierMax;

    const placed = (target.kind === 'site' ? target.site.controls : target.lane.controls) ?? [];
    let keep = carrierMax > 0 ? carrierFactor / carrierMax : 0;
    const sevList: Array<[number, number, number]> = [];
    const downList: Array<[number, number, number]> = [];
    const acting: string[] = [];
    for (const cid of new Set(placed)) {
      const control = controls.get(cid)!;
      const effect = controlEffect(control, threat.id, threat.category);
      if (!effect) continue;
      acting.push(cid);
      const rel = control.reliability ?? 1;
      const h = hashString(cid);
      if (effect.frequencyFactor !== undefined) keep *= 1 - rel * (1 - effect.frequencyFactor);
      if (effect.severityFactor !== undefined && effect.severityFactor < 1) sevList.push([effect.severityFactor, rel, h]);
      if (effect.downtimeFactor !== undefined && effect.downtimeFactor < 1) downList.push([effect.downtimeFactor, rel, mix2(h, 0x444f574e)]);
    }
    riskKeep[r] = keep;
    riskRate[r] = riskGenRate[r]! * keep;
    sev.push(sevList);
    down.push(downList);
    riskControls.push(acting);
    riskElementIso.push(isoElement(threat.category, target.kind, target.kind === 'site' ? target.site : undefined));
    riskOwner.push((target.kind === 'site' ? target.site.owner : target.lane.owner) ?? '');

    if (threat.loss) {
      if ('fraction' in threat.loss) {
        compileDist(threat.loss.fraction, riskLoss, r * DIST_STRIDE);
        if (target.kind === 'site') {
          riskLossMode[r] = LOSS_SITE_FRACTION;
          riskExposure[r] = target.site.value ?? 0;
        } else riskLossMode[r] = LOSS_SHIPMENT_FRACTION;
      } else {
        compileDist(threat.loss.amount, riskLoss, r * DIST_STRIDE);
        riskLossMode[r] = LOSS_AMOUNT;
      }
    } else riskLossMode[r] = LOSS_NONE;
    if (threat.downtimeDays) compileDist(threat.downtimeDays, riskDowntime, r * DIST_STRIDE);
  });
  const cascade = compileCascades(scenario, risks, riskGenRate, riskThreatIndex, (t) => riskRegion(t), S, laneFrom, laneTo);
  checkEventLimits({
    genRate: cascade.envelopeRate,
    threatIndex: riskThreatIndex,
    threatIds: scenario.threats.map((t) => t.id),
    target: (r) => {
      const t = risks[r]!.target;
      return t.kind === 'site' ? `site "${t.site.id}"` : `lane "${t.lane.id}"`;
    },
    explain: (r) => {
      const { threat, target } = risks[r]!;
      const region = riskRegion(target);
      const regionFactor = regionFactorOf(threat, region);
      const parts =
        'perYear' in threat.frequency
          ? [`perYear ${threat.frequency.perYear}`]
          : [`perShipment ${threat.frequency.perShipment}`, `${target.kind === 'lane' ? laneShipments[target.i]! : 0} shipments a year`];
      if (years !== 1) parts.push(`${years} years`);
      if (regionFactor !== 1) parts.push(`region factor ${regionFactor} (${region})`);
      if (target.kind === 'lane') {
        const carrierMax = threat.category === 'disruption' ? maxDisruptionFactor : maxRiskFactor;
        if (carrierMax !== 1) parts.push(`carrier factor ${carrierMax}, the largest of the scenario's carriers, at which lane events are drawn`);
      }
      return { field: 'perYear' in threat.frequency ? 'frequency.perYear' : 'frequency.perShipment', parts: parts.join(' × ') };
    },
    context,
  });

  const csr = (lists: Array<Array<[number, number, number]>>) => {
    const start = new Int32Array(lists.length + 1);
    lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length));
    const n = start[lists.length]!;
    const factor = new Float64Array(n);
    const rel = new Float64Array(n);
    const hash = new Uint32Array(n);
    let k = 0;
    for (const l of lists) for (const [f, r, h] of l) (factor[k] = f), (rel[k] = r), (hash[k++] = h);
    return { start, factor, rel, hash };
  };
  const sevCsr = csr(sev);
  const downCsr = csr(down);

  // --- flows: primary-route elements, relevant elements and their inverse with the route bit
  const F = flows.length;
  // the elements of each flow's primary route: its origin, and each lane with the site it reaches
  const routeSets = flowRoutes.map((route, fi) => {
    const elems = new Set([siteIndex.get(flows[fi]!.from)!]);
    for (const l of route) elems.add(S + l).add(laneTo[l]!);
    return elems;
  });
  const inLanes: number[][] = Array.from({ length: S }, () => []);
  for (let l = 0; l < L; l++) inLanes[laneTo[l]!]!.push(l);
  const fwdMarks = new Uint8Array(S);
  const bwdMarks = new Uint8Array(S);
  const relevantLists = flows.map((f) => relevantElements(graph, inLanes, siteIndex.get(f.from)!, siteIndex.get(f.to)!, fwdMarks, bwdMarks));
  const flatten = (lists: number[][]) => {
    const start = new Int32Array(lists.length + 1);
    lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length));
    const flat = new Int32Array(start[lists.length]!);
    lists.forEach((l, i) => flat.set(l, start[i]!));
    return { start, flat };
  };
  const invert = (lists: number[][]) => {
    const inv: number[][] = Array.from({ length: E }, () => []);
    lists.forEach((l, fi) => l.forEach((e) => inv[e]!.push(fi)));
    return flatten(inv);
  };
  const relevant = flatten(relevantLists);
  const elemFlow = invert(relevantLists);
  const elemFlowRoute = new Int32Array(elemFlow.flat.length);
  for (let e = 0; e < E; e++) {
    for (let i = elemFlow.start[e]!; i < elemFlow.start[e + 1]!; i++) {
      const f = elemFlow.flat[i]!;
      elemFlowRoute[i] = 2 * f + (routeSets[f]!.has(e) ? 1 : 0);
    }
  }
  const elemKeyLo = new Uint32Array(E);
  const elemKeyHi = new Uint32Array(E);
  for (let e = 0; e < E; e++) {
    const h = hashString(e < S ? `site:${sites[e]!.id}` : `lane:${lanes[e - S]!.id}`);
    elemKeyLo[e] = mix2(h, 1);
    elemKeyHi[e] = mix2(h, 2);
  }

  const plan: SimulationPlan = {
    horizonDays,
    root: rootSeed(seed),
    graph,
    nSites: S,
    nLanes: L,
    nElements: E,
    nRisks: R,
    riskHash,
    riskElement,
    riskGenRate,
    riskKeep,
    riskLossMode,
    riskExposure,
    riskLoss,
    riskDowntime,
    sevStart: sevCsr.start,
    sevFactor: sevCsr.factor,
    sevReliability: sevCsr.rel,
    sevHash: sevCsr.hash,
    downStart: downCsr.start,
    downFactor: downCsr.factor,
    downReliability: downCsr.rel,
    downHash: downCsr.hash,
    laneFlowStart,
    laneFlow,
    laneFlowCum,
    nFlows: F,
    flowFrom: Int32Array.from(flows, (f) => siteIndex.get(f.from)!),
    flowTo: Int32Array.from(flows, (f) => siteIndex.get(f.to)!),
    flowBufferDays: Float64Array.from(flows, (f) => f.bufferDays ?? 0),
    flowCostPerDay: Float64Array.from(flows, (f) => f.interruptionCostPerDay ?? f.valuePerYear / 365),
    flowValuePerShipment: Float64Array.from(flows, (f) => f.valuePerYear / f.shipmentsPerYear),
    flowShipmentsPerDay: Float64Array.from(flows, (f) => f.shipmentsPerYear / 365),
    flowRouteCost: Float64Array.from(flowRoutes, (route) => {
      let cost = 0;
      for (const l of route) cost += laneCost[l]!;
      return cost;
    }),
    laneCost,
    relevantStart: relevant.start,
    relevantElem: relevant.flat,
    elemFlowStart: elemFlow.start,
    elemFlowRoute,
    elemKeyLo,
    elemKeyHi,
    genOrder: cascade.genOrder,
    riskRaise: cascade.riskRaise,
    trigStart: cascade.trigStart,
    trigRisk: cascade.trigRisk,
    trigFactor: cascade.trigFactor,
    trigDays: cascade.trigDays,
    riskJointHead: cascade.riskJointHead,
    jointSize: cascade.jointSize,
    jointHash: cascade.jointHash,
    jointRate: cascade.jointRate,
  };
  return {
    plan,
    index: {
      siteIds: sites.map((s) => s.id),
      siteKinds: sites.map((s) => s.kind),
      laneIds: lanes.map((l) => l.id),
      flowIds: flows.map((f) => f.id),
      riskIds,
      riskThreat: risks.map((r) => r.threat.id),
      riskCategory: risks.map((r) => r.threat.category),
      riskElementIso,
      riskOwner,
      riskControls,
      riskRate,
      laneShipments,
      flowRoutes: flowRoutes.map((route) => route.map((l) => lanes[l]!.id)),
      siteShipments,
      costs: scenarioCosts(scenario, laneShipments, siteShipments),
      riskTriggeredBy: cascade.triggeredBy,
    },
  };
}

/**
 * Elements between a flow's origin and destination: sites reachable from the origin that can reach
 * the destination, and lanes joining two such sites, ascending. Outages elsewhere cannot affect the
 * flow. Work is proportional to the part of the network reachable from the origin (the marks are
 * scratch arrays shared across flows and cleared after use).
 */
function relevantElements(g: ReturnType<typeof buildCsrGraph>, inLanes: number[][], from: number, to: number, fwd: Uint8Array, bwd: Uint8Array): number[] {
  const S = g.nSites;
  const fwdList = [from];
  fwd[from] = 1;
  for (let head = 0; head < fwdList.length; head++) {
    const u = fwdList[head]!;
    for (let e = g.outStart[u]!; e < g.outStart[u + 1]!; e++) {
      const v = g.laneTo[g.outLane[e]!]!;
      if (!fwd[v]) (fwd[v] = 1), fwdList.push(v);
    }
  }
  // backward reachability over reversed lanes, within the forward set only
  const bwdList = [to];
  bwd[to] = 1;
  for (let head = 0; head < bwdList.length; head++) {
    const v = bwdList[head]!;
    for (const l of inLanes[v]!) {
      const u = g.laneFrom[l]!;
      if (fwd[u] && !bwd[u]) (bwd[u] = 1), bwdList.push(u);
    }
  }
  const out: number[] = [];
  if (fwd[to]) {
    for (const s of bwdList) out.push(s);
    for (const u of bwdList) {
      for (let e = g.outStart[u]!; e < g.outStart[u + 1]!; e++) {
        const l = g.outLane[e]!;
        if (bwd[g.laneTo[l]!]) out.push(S + l);
      }
    }
  }
  for (const s of fwdList) fwd[s] = 0;
  for (const s of bwdList) bwd[s] = 0;
  return out.sort((a, b) => a - b);
}

/**
 * The yearly cost a scenario carries: control placements (annual + perShipment × shipments +
 * capex / lifetimeYears), transport (cost per shipment × shipments per lane) and buffer stock
 * (bufferDays of flow value × carrying rate, by flow id in `carryingRates`, default 0.2).
 */
export function scenarioCosts(
  scenario: Scenario,
  laneShipments: Float64Array,
  siteShipments: Float64Array,
  carryingRates?: Map<string, number>,
): PlanCosts {
  const controls = controlsOf(scenario);
  const perControl: PlanCosts['perControl'] = new Map();
  let controlTotal = 0;
  const place = (ids: string[] | undefined, shipments: number) => {
    for (const id of new Set(ids ?? [])) {
      const c = controls.get(id)!;
      const cost = c.cost ?? {};
      const yearly = (cost.annual ?? 0) + (cost.perShipment ?? 0) * shipments + (cost.capex ?? 0) / (cost.lifetimeYears ?? DEFAULT_LIFETIME_YEARS);
      const entry = perControl.get(id) ?? { element: c.element, placements: 0, annualCost: 0 };
      entry.placements++;
      entry.annualCost += yearly;
      perControl.set(id, entry);
      controlTotal += yearly;
    }
  };
  scenario.sites.forEach((s, i) => place(s.controls, siteShipments[i]!));
  const carriers = new Map((scenario.carriers ?? []).map((c) => [c.id, c]));
  let transport = 0;
  (scenario.lanes ?? []).forEach((l, i) => {
    place(l.controls, laneShipments[i]!);
    transport += laneCostPerShipment(l, carriers) * laneShipments[i]!;
  });
  let buffers = 0;
  for (const f of scenario.flows ?? []) {
    const rate = carryingRates?.get(f.id) ?? DEFAULT_CARRYING_COST_RATE;
    buffers += ((f.bufferDays ?? 0) * f.valuePerYear * rate) / 365;
  }
  return { controls: controlTotal, transport, buffers, total: controlTotal + transport + buffers, perControl };
}

type RiskTarget = { kind: 'site'; i: number; site: Site } | { kind: 'lane'; i: number; lane: Lane };

/**
 * Cascades and common-cause threats (docs/simulation.md, "Cascades" and "Common cause"): the trigger
 * edges from each risk to the risks its events raise (with factor and window days), each raised
 * risk's envelope factor (the largest factor that can raise it: its events are generated at
 * λgen × that and thinned), the order in which risks are generated (a threat's triggers before the
 * threats they raise), and the joint groups (a jointly threat's risks share one stream at the
 * largest λgen of the group).
 */
function compileCascades(
  scenario: Scenario,
  risks: ReadonlyArray<{ threat: Threat; target: RiskTarget }>,
  genRate: Float64Array,
  threatIndex: Int32Array,
  regionOf: (t: RiskTarget) => string | undefined,
  S: number,
  laneFrom: Int32Array,
  laneTo: Int32Array,
) {
  const R = risks.length;
  const T = scenario.threats.length;
  const threatIdx = new Map(scenario.threats.map((t, i) => [t.id, i]));
  const elemOf = (t: RiskTarget) => (t.kind === 'site' ? t.i : S + t.i);
  // risks of each threat by element, and by region
  const byThreatElem = new Map<number, number>();
  const byThreatRegion = new Map<string, number[]>();
  risks.forEach(({ target }, r) => {
    byThreatElem.set(threatIndex[r]! * 4294967296 + elemOf(target), r);
    const region = regionOf(target);
    if (region !== undefined) {
      const key = `${threatIndex[r]}\u0000${region}`;
      const list = byThreatRegion.get(key);
      if (list) list.push(r);
      else byThreatRegion.set(key, [r]);
    }
  });
  const edges: Array<Array<[number, number, number]>> = Array.from({ length: R }, () => []);
  const riskRaise = new Float64Array(R).fill(1);
  const triggeredBy: string[][] = Array.from({ length: R }, () => []);
  const threatEdges: Array<Set<number>> = Array.from({ length: T }, () => new Set());
  let nEdges = 0;
  risks.forEach(({ threat, target }, a) => {
    for (const trig of threat.triggers ?? []) {
      const b = threatIdx.get(trig.threat);
      if (b === undefined) continue;
      threatEdges[threatIndex[a]!]!.add(b);
      const raised: number[] = [];
      const at = (elem: number) => {
        const r = byThreatElem.get(b * 4294967296 + elem);
        if (r !== undefined) raised.push(r);
      };
      if (trig.scope === 'same-target') at(elemOf(target));
      else if (trig.scope === 'region') {
        const region = regionOf(target);
        if (region !== undefined) raised.push(...(byThreatRegion.get(`${b}\u0000${region}`) ?? []));
      } else if (target.kind === 'site') {
        const ends = trig.scope === 'lanes-from' ? laneFrom : laneTo;
        for (let l = 0; l < ends.length; l++) if (ends[l] === target.i) at(S + l);
      }
      for (const r of raised) {
        edges[a]!.push([r, trig.factor, trig.days]);
        if (trig.factor > riskRaise[r]!) riskRaise[r] = trig.factor;
        if (!triggeredBy[r]!.includes(threat.id)) triggeredBy[r]!.push(threat.id);
      }
      nEdges += raised.length;
      if (nEdges > MAX_TRIGGER_EDGES) {
        throw new ScenarioLimitError(
          `threat "${threat.id}": its triggers link more than ${MAX_TRIGGER_EDGES.toLocaleString('en-US')} pairs of targets: narrow the scopes (README.md, "Limits")`,
          [],
        );
      }
    }
  });
  // a threat's triggers come before the threats they raise (Kahn's algorithm, stable by threat index)
  const indegree = new Int32Array(T);
  for (const set of threatEdges) for (const b of set) indegree[b]!++;
  const threatOrder: number[] = [];
  const ready: number[] = [];
  for (let t = 0; t < T; t++) if (indegree[t] === 0) ready.push(t);
  while (ready.length > 0) {
    ready.sort((x, y) => x - y);
    const t = ready.shift()!;
    threatOrder.push(t);
    for (const b of threatEdges[t]!) if (--indegree[b]! === 0) ready.push(b);
  }
  if (threatOrder.length < T) throw new Error('compilePlan: the triggers form a cycle (the validator should have caught this)');
  const risksOfThreat: number[][] = Array.from({ length: T }, () => []);
  for (let r = 0; r < R; r++) risksOfThreat[threatIndex[r]!]!.push(r);
  const genOrder = Int32Array.from(threatOrder.flatMap((t) => risksOfThreat[t]!));

  const trigStart = new Int32Array(R + 1);
  edges.forEach((l, r) => (trigStart[r + 1] = trigStart[r]! + l.length));
  const trigRisk = new Int32Array(nEdges);
  const trigFactor = new Float64Array(nEdges);
  const trigDays = new Float64Array(nEdges);
  let k = 0;
  for (const l of edges) for (const [r, f, d] of l) (trigRisk[k] = r), (trigFactor[k] = f), (trigDays[k++] = d);

  // joint groups: the risks of a jointly threat (consecutive indices) share the stream of their head
  const riskJointHead = new Int32Array(R).fill(-1);
  const jointSize = new Int32Array(R);
  const jointHash = new Uint32Array(R);
  const jointRate = new Float64Array(R);
  for (let t = 0; t < T; t++) {
    const list = risksOfThreat[t]!;
    if (!scenario.threats[t]!.jointly || list.length === 0) continue;
    const head = list[0]!;
    let max = 0;
    for (const r of list) {
      riskJointHead[r] = head;
      if (genRate[r]! > max) max = genRate[r]!;
    }
    jointSize[head] = list.length;
    jointHash[head] = hashString(`joint:${scenario.threats[t]!.id}`);
    jointRate[head] = max;
  }
  // the rate each stream is generated at, for the event limits
  const envelopeRate = new Float64Array(R);
  for (let r = 0; r < R; r++) envelopeRate[r] = riskJointHead[r]! >= 0 ? (riskJointHead[r] === r ? jointRate[r]! : 0) : genRate[r]! * riskRaise[r]!;
  return { genOrder, riskRaise, trigStart, trigRisk, trigFactor, trigDays, riskJointHead, jointSize, jointHash, jointRate, triggeredBy, envelopeRate };
}
