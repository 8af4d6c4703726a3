// The stress test (docs/stress-test.md; after Simchi-Levi et al., "Identifying risks and mitigating
// disruptions in the automotive supply chain", Interfaces 45(5), 2015): each site and lane taken down
// on its own for its time to recover (TTR), with the flows it cuts, the loss over the TTR, the time
// to survive (TTS), the Risk Exposure Index and the flag TTS < TTR; and the minimal cut sets of each
// flow up to two elements (the reverse stress test). Deterministic: nothing is sampled. The routes
// and reroutes are the simulation's (docs/simulation.md, "Outages and flows"): the same plan, the same
// Dijkstra over each flow's relevant subgraph, the same detour cost.
import { CsrDijkstra } from '../graph/csr-dijkstra.js';
import type { Lane, Scenario, Site } from '../model/schema.js';
import { compilePlan } from '../plan/compile-plan.js';
import type { SimulationPlan } from '../plan/plan.js';
import { timesToRecover, type Ttr, type TtrSource } from './stress-ttr.js';

/** Flows with more relevant elements than this get no pair search (its work grows with their square). */
export const MAX_PAIR_ELEMENTS = 500;

/** What one element's outage does to one flow whose primary route uses it. */
export interface StressFlowEffect {
  flow: string;
  /** cut: no path from origin to destination while the element is down; rerouted: the fastest other path. */
  effect: 'cut' | 'rerouted';
  bufferDays: number;
  /** Rerouted: extra transport cost per shipment of the detour over the primary route (≥ 0); cut: 0. */
  extraCostPerShipment: number;
  /** The flow's loss over the element's TTR; null when the element has no TTR. */
  loss: number | null;
}

/** One site or lane, taken down for its time to recover. */
export interface StressElement {
  id: string;
  kind: 'site' | 'lane';
  /** Display name (the id when the scenario gives none). */
  name: string;
  /** The site's kind or the lane's mode. */
  detail: string;
  /** Time to recover in days; null: no ttrDays and no disruption threat with a downtime applies (not stressed). */
  ttrDays: number | null;
  ttrSource: TtrSource | null;
  /** With ttrSource disruption-p90: the threat whose downtime p90 is the TTR. */
  ttrThreat: string | null;
  /** The flows whose primary route uses the element, each with what the outage does to it. */
  flows: StressFlowEffect[];
  flowsCut: string[];
  flowsRerouted: string[];
  /** Σ over cut flows of interruptionCostPerDay × max(0, TTR − bufferDays); null when not stressed. */
  interruptionLoss: number | null;
  /** Σ over rerouted flows of TTR × shipmentsPerYear/365 × extra cost per shipment; null when not stressed. */
  rerouteLoss: number | null;
  loss: number | null;
  /** Time to survive in days: the least bufferDays of the flows it cuts; null when unlimited (it cuts none). */
  ttsDays: number | null;
  /** Risk Exposure Index: loss ÷ the largest loss of any element, in [0, 1]; null when not stressed. */
  rei: number | null;
  /** TTS < TTR: an outage this long interrupts a flow beyond its buffer. */
  needsMitigation: boolean;
}

/** An element of a cut set; `end` marks a flow's own origin or destination. */
export interface CutElement {
  id: string;
  kind: 'site' | 'lane';
  end?: 'origin' | 'destination';
}

/** The minimal cut sets of one flow up to two elements. */
export interface FlowCutSets {
  flow: string;
  from: string;
  to: string;
  /** Sites and lanes on some path from origin to destination: where the search looks. */
  relevantElements: number;
  /** Elements whose loss alone cuts the flow (single points of failure), origin and destination included. */
  singles: CutElement[];
  /** Pairs of elements that cut the flow together though neither does alone. */
  pairs: Array<[CutElement, CutElement]>;
  /** False when the flow has more relevant elements than the limit (MAX_PAIR_ELEMENTS): pairs not searched. */
  pairsSearched: boolean;
}

/** The stress test of a scenario: each site and lane down for its TTR (loss, TTS, REI, flag) and each flow's minimal cut sets (docs/stress-test.md). */
export interface StressResult {
  scenario: string;
  currency: string;
  sites: number;
  lanes: number;
  flows: number;
  /** Stressed elements by loss (largest first), then the ones without a TTR in scenario order. */
  elements: StressElement[];
  stressed: number;
  notStressed: number;
  /** Elements with needsMitigation. */
  needsMitigation: number;
  /** The largest loss of any element (the REI's denominator). */
  worstLoss: number;
  cutSets: FlowCutSets[];
  /** The pair search's limit on a flow's relevant elements. */
  maxPairElements: number;
}

/** Limits of the stress test's search. */
export interface StressOptions {
  /** The pair search's limit on a flow's relevant elements (default MAX_PAIR_ELEMENTS). */
  maxPairElements?: number;
}

/** Searches over one flow's relevant subgraph with some elements down (a reusable scratch state). */
class FlowSearch {
  private readonly dijkstra: CsrDijkstra;
  private readonly allow: Int32Array;
  private stamp = 0;
  private flowIndex = -1;
  readonly down: Uint8Array;

  constructor(private readonly plan: SimulationPlan) {
    this.dijkstra = new CsrDijkstra(plan.graph);
    this.allow = new Int32Array(plan.nElements);
    this.down = new Uint8Array(plan.nElements);
  }

  /** Restricts the searches to flow f's relevant elements (as the simulation does). */
  use(f: number): void {
    if (this.flowIndex === f) return;
    this.flowIndex = f;
    this.stamp++;
    const p = this.plan;
    for (let i = p.relevantStart[f]!; i < p.relevantStart[f + 1]!; i++) this.allow[p.relevantElem[i]!] = this.stamp;
  }

  /** The fastest open path's lanes from the flow's origin to its destination, or null when it is cut. */
  path(f: number): number[] | null {
    this.use(f);
    const p = this.plan;
    const d = this.dijkstra.shortest(p.flowFrom[f]!, p.flowTo[f]!, this.down, this.allow, this.stamp);
    return d < Infinity ? this.dijkstra.pathLanes(p.flowTo[f]!) : null;
  }
}

/** The elements of a path given by its lanes: the origin, then each lane and the site it reaches. */
function pathElements(plan: SimulationPlan, from: number, lanes: readonly number[]): number[] {
  const out = [from];
  for (const l of lanes) out.push(plan.nSites + l, plan.graph.laneTo[l]!);
  return out;
}

/**
 * The stress test of a validated scenario (its baseline, no treatment): every site and lane down on
 * its own for its TTR (stress-ttr.ts), and each flow's minimal cut sets of one and two elements.
 * Throws the plan's ScenarioLimitError for a scenario beyond the limits (as `run` would).
 */
export function stressTest(scenario: Scenario, options: StressOptions = {}): StressResult {
  const maxPairElements = options.maxPairElements ?? MAX_PAIR_ELEMENTS;
  const { plan, index } = compilePlan(scenario, 1);
  const S = plan.nSites;
  const E = plan.nElements;
  const sites = scenario.sites;
  const lanes = scenario.lanes ?? [];
  const flows = scenario.flows ?? [];
  const ttr = timesToRecover(scenario);
  const search = new FlowSearch(plan);
  const down = search.down;
  const laneCost = plan.laneCost;

  const elements: StressElement[] = [];
  for (let e = 0; e < E; e++) {
    const site = e < S ? sites[e]! : undefined;
    const lane = e < S ? undefined : lanes[e - S]!;
    const t: Ttr | null = site ? ttr.sites[e]! : ttr.lanes[e - S]!;
    const T = t?.days ?? null;
    const effects: StressFlowEffect[] = [];
    let tts = Infinity;
    let interruption = 0;
    let reroute = 0;
    down[e] = 1;
    for (let i = plan.elemFlowStart[e]!; i < plan.elemFlowStart[e + 1]!; i++) {
      const code = plan.elemFlowRoute[i]!;
      if ((code & 1) === 0) continue; // not on the flow's primary route: the flow stays on it
      const f = code >> 1;
      const buffer = plan.flowBufferDays[f]!;
      const detour = search.path(f);
      if (detour === null) {
        const loss = T === null ? null : plan.flowCostPerDay[f]! * Math.max(0, T - buffer);
        if (loss !== null) interruption += loss;
        tts = Math.min(tts, buffer);
        effects.push({ flow: index.flowIds[f]!, effect: 'cut', bufferDays: buffer, extraCostPerShipment: 0, loss });
      } else {
        let cost = 0;
        for (const l of detour) cost += laneCost[l]!;
        const extra = Math.max(0, cost - plan.flowRouteCost[f]!);
        const loss = T === null ? null : T * plan.flowShipmentsPerDay[f]! * extra;
        if (loss !== null) reroute += loss;
        effects.push({ flow: index.flowIds[f]!, effect: 'rerouted', bufferDays: buffer, extraCostPerShipment: extra, loss });
      }
    }
    down[e] = 0;
    const loss = T === null ? null : interruption + reroute;
    elements.push({
      id: site ? site.id : lane!.id,
      kind: site ? 'site' : 'lane',
      name: (site ? site.name : lane!.name) ?? (site ? site.id : lane!.id),
      detail: site ? site.kind : lane!.mode,
      ttrDays: T,
      ttrSource: t?.source ?? null,
      ttrThreat: t?.threat ?? null,
      flows: effects,
      flowsCut: effects.filter((x) => x.effect === 'cut').map((x) => x.flow),
      flowsRerouted: effects.filter((x) => x.effect === 'rerouted').map((x) => x.flow),
      interruptionLoss: T === null ? null : interruption,
      rerouteLoss: T === null ? null : reroute,
      loss,
      ttsDays: tts < Infinity ? tts : null,
      rei: null,
      needsMitigation: T !== null && tts < T,
    });
  }

  let worst = 0;
  for (const x of elements) if (x.loss !== null && x.loss > worst) worst = x.loss;
  for (const x of elements) if (x.loss !== null) x.rei = worst > 0 ? x.loss / worst : 0;
  // by loss, the flagged first among equal losses, then scenario order (sites, then lanes); unstressed last
  const order = elements.map((x, i) => ({ x, i }));
  order.sort((a, b) => {
    const la = a.x.loss ?? -1;
    const lb = b.x.loss ?? -1;
    if (la !== lb) return lb - la;
    if (a.x.needsMitigation !== b.x.needsMitigation) return a.x.needsMitigation ? -1 : 1;
    return a.i - b.i;
  });
  const ranked = order.map((o) => o.x);

  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const cutSets = flows.map((_, f) => flowCutSets(plan, f, search, index.flowRoutes[f]!.map((id) => laneIndex.get(id)!), maxPairElements, index.flowIds[f]!, sites, lanes));
  const stressed = ranked.filter((x) => x.ttrDays !== null).length;
  return {
    scenario: scenario.name,
    currency: scenario.currency ?? 'USD',
    sites: S,
    lanes: plan.nLanes,
    flows: plan.nFlows,
    elements: ranked,
    stressed,
    notStressed: ranked.length - stressed,
    needsMitigation: ranked.filter((x) => x.needsMitigation).length,
    worstLoss: worst,
    cutSets,
    maxPairElements,
  };
}

/**
 * Flow f's minimal cut sets of one and two elements. A cut set meets every path, so the single ones
 * lie on the primary route, and for each element a that is not single, the partners b of a pair
 * {a, b} lie on the fastest path that avoids a: each pair is found from its lower element, with one
 * search per (a, b) tried, all within the flow's relevant subgraph.
 */
function flowCutSets(plan: SimulationPlan, f: number, search: FlowSearch, route: readonly number[], maxPairElements: number, flowId: string, sites: readonly Site[], lanes: readonly Lane[]): FlowCutSets {
  const S = plan.nSites;
  const from = plan.flowFrom[f]!;
  const to = plan.flowTo[f]!;
  const down = search.down;
  const isCut = (...es: number[]) => {
    for (const e of es) down[e] = 1;
    const p = search.path(f);
    for (const e of es) down[e] = 0;
    return p === null;
  };
  const describe = (e: number): CutElement => {
    const base: CutElement = e < S ? { id: sites[e]!.id, kind: 'site' } : { id: lanes[e - S]!.id, kind: 'lane' };
    if (e === from) base.end = 'origin';
    else if (e === to) base.end = 'destination';
    return base;
  };
  const onRoute = [...new Set(pathElements(plan, from, route))].sort((a, b) => a - b);
  const single = new Set(onRoute.filter((e) => isCut(e)));
  const relevant = plan.relevantElem.subarray(plan.relevantStart[f]!, plan.relevantStart[f + 1]!);
  const pairsSearched = relevant.length <= maxPairElements;
  const pairs: Array<[number, number]> = [];
  if (pairsSearched) {
    for (const a of relevant) {
      if (single.has(a)) continue;
      down[a] = 1;
      const avoid = search.path(f);
      down[a] = 0;
      if (avoid === null) continue; // not single, so a path avoids a
      for (const b of new Set(pathElements(plan, from, avoid))) {
        if (b > a && !single.has(b) && isCut(a, b)) pairs.push([a, b]);
      }
    }
    pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  }
  return {
    flow: flowId,
    from: sites[from]!.id,
    to: sites[to]!.id,
    relevantElements: relevant.length,
    singles: [...single].sort((a, b) => a - b).map(describe),
    pairs: pairs.map(([a, b]) => [describe(a), describe(b)]),
    pairsSearched,
  };
}
