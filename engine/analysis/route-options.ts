// Route and carrier options for one flow (README "Routes and carriers"): the k fastest loop-free
// routes by Yen's algorithm, and optionally a carrier switch on each road lane of those routes to
// every carrier that serves the lane's mode and regions. Every option is a treatment (a `route`
// change, plus a `setCarrier` change for carrier options), simulated with common random numbers
// against the current scenario, so the differences between options are paired and their intervals
// narrow. The non-dominated options form the recommendation, each with the reason it is kept.
import { carriersServing } from '../model/carrier-regions.js';
import { didYouMean } from '../text/did-you-mean.js';
import type { Carrier, Change, Lane, Scenario, Site, Treatment } from '../model/schema.js';
import { laneCostPerShipment, scenarioCosts } from '../plan/compile-plan.js';
import { signedDays, signedMoney } from '../text/format.js';
import { buildCsrGraph } from '../graph/csr-graph.js';
import { YenKShortest } from '../graph/yen-k-shortest.js';
import { flowLoss, tailSizeFor } from '../summary/batch-summary.js';
import { statedLaneCost } from '../plan/apply-treatment.js';
import { analyseUnits } from './analyse.js';
import { prepareUnits } from '../run/units.js';
import { runInfo, type Progress, type RangeRunner } from '../run/run-options.js';
import { simulateUnits } from '../run/simulate-units.js';
import { trialRanges } from '../run/ranges.js';

export const ROUTES_FORMAT = 'chainward-routes/v1';

export interface RouteOptionsSettings {
  flowId: string;
  /** Routes to list: the k fastest loop-free routes (the current route is added when it is not among them). */
  k: number;
  /** Also list a carrier switch for each road lane of the routes that has alternative carriers. */
  carriers: boolean;
  trials: number;
  seed: number | string;
  /** Runs one trial range of a plan (e.g. on a worker pool); defaults to in-process. */
  runRange?: RangeRunner;
  inFlight?: number;
  /** Trials per range (results do not depend on it). */
  rangeTrials?: number;
  /** Worker threads behind runRange, for the record only. */
  workers?: number;
  onProgress?: (p: Progress) => void;
}

export interface RouteOption {
  /** "baseline", "route-2", "carrier-<lane>-<carrier>" or "route-2+carrier-<lane>-<carrier>". */
  id: string;
  kind: 'baseline' | 'route' | 'carrier';
  description: string;
  /** The flow's route under this option, as lane ids from origin to destination. */
  route: string[];
  /**
   * For carrier options: the lane, its carrier before and after, whether the new carrier states a
   * cost per shipment (when it does not, the lane keeps its cost), and the lane's cost per shipment
   * under the option (null: none stated).
   */
  carrier?: { lane: string; from: string | null; to: string; priceStated: boolean; costPerShipment: number | null };
  /**
   * The option this one changes: "baseline" for other routes and for carrier switches on the
   * current route, "route-N" for a carrier switch on route N; null for the baseline itself.
   */
  variantOf: string | null;
  /**
   * True when the loss of every trial is exactly that of the option it changes: the change acts on
   * no risk (e.g. a carrier switch on a lane no threat reaches), so it differs only in time and cost.
   */
  noEffect: boolean;
  /** The treatment that makes this option (a route change, and a carrier change for carrier options). */
  treatment: Treatment;
  /** Transit days of the flow's route. */
  transitDays: number;
  /** Yearly transport cost of the whole network (cost per shipment × shipments per lane). */
  transportCost: number;
  /** Yearly transport cost of this flow's shipments along its route. */
  flowTransportCost: number;
  /** Expected loss per horizon of the flow (direct, interruption and reroute cost). */
  flowEal: number;
  /** Expected extra transport cost per horizon of the flow's detours while its route is down. */
  flowRerouteCost: number;
  /** Expected loss per horizon of the whole network (EAL). */
  eal: number;
  /** The 1-in-20-year loss of the whole network. */
  var95: number;
  /** Days per horizon the flow is interrupted (beyond its buffer). */
  interruptedDays: number;
  /** Change against the baseline (option − baseline): positive EAL means more loss. */
  delta: { eal: number; ealCi95: [number, number]; flowEal: number; transportCost: number; transitDays: number };
  /** True when another option is no worse on transit days, transport cost and network EAL, and better on one. */
  dominated: boolean;
  /** The ids of the options that dominate this one. */
  dominatedBy: string[];
}

/** Why a non-dominated option is worth considering. */
export interface Recommendation {
  option: string;
  /**
   * The dimensions on which it is the best of the recommended options (least transit days, least
   * network transport cost, least network EAL); empty for a trade-off between them.
   */
  best: Array<'transitDays' | 'transportCost' | 'eal'>;
  /** One line: "fastest", "cheapest", "least network loss" or the trade-off, with its figures. */
  reason: string;
}

/** A flow's alternative routes and carriers, each simulated with common random numbers: risk, transit days and cost (`routeOptions`). */
export interface RouteOptionsResult {
  format: typeof ROUTES_FORMAT;
  scenario: string;
  currency: string;
  horizonDays: number;
  flow: { id: string; name?: string; from: string; to: string; shipmentsPerYear: number };
  k: number;
  /** Loop-free routes from the flow's origin to its destination found, at most k (fewer when fewer exist). */
  routesFound: number;
  carriers: boolean;
  trials: number;
  seed: number | string;
  options: RouteOption[];
  /**
   * The options worth a decision: the non-dominated ones, each with its reason, leaving out any
   * option that changes nothing (no effect on loss, and the same transit days and transport cost
   * as the option it changes).
   */
  recommendation: Recommendation[];
}

/** A flow id the scenario does not have; `suggestion` is the closest known id, if any. */
export class UnknownFlowError extends Error {
  readonly suggestion: string | undefined;
  constructor(
    readonly flowId: string,
    readonly known: string[],
  ) {
    const s = didYouMean(flowId, known);
    super(`unknown flow "${flowId}"${s !== undefined ? ` (did you mean "${s}"?)` : ''}; known: ${known.join(', ') || '(none)'}`);
    this.suggestion = s;
  }
}

/** An option before simulation. */
interface Draft {
  id: string;
  kind: RouteOption['kind'];
  description: string;
  route: string[];
  carrier?: RouteOption['carrier'];
  /** The id of the option this one changes (null for the baseline). */
  base: string | null;
  changes: Change[];
}

/** Carriers that could run `lane` instead of its own: they serve its mode and regions (carriersServing). */
export function alternativeCarriers(lane: Lane, carriers: readonly Carrier[], sitesById: ReadonlyMap<string, Site>): Carrier[] {
  return carriersServing(lane, carriers, (id) => sitesById.get(id)?.region).filter((c) => c.id !== lane.carrier);
}

/**
 * The options to simulate: the baseline (current route) first, then other routes, then carrier
 * switches; and how many loop-free routes Yen's algorithm found (at most k).
 */
export function routeOptionDrafts(
  scenario: Scenario,
  flowId: string,
  k: number,
  carriers: boolean,
  currentRoute: readonly string[],
): { drafts: Draft[]; routesFound: number } {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`routeOptions: k must be a whole number ≥ 1, got ${k}`);
  const flow = (scenario.flows ?? []).find((f) => f.id === flowId)!;
  const lanes = scenario.lanes ?? [];
  const siteIndex = new Map(scenario.sites.map((s, i) => [s.id, i]));
  const laneById = new Map(lanes.map((l) => [l.id, l]));
  // the network as compilePlan builds it: lane transit days as weights
  const graph = buildCsrGraph(
    scenario.sites.length,
    Int32Array.from(lanes, (l) => siteIndex.get(l.from)!),
    Int32Array.from(lanes, (l) => siteIndex.get(l.to)!),
    Float64Array.from(lanes, (l) => l.transitDays),
  );
  const fastest = new YenKShortest(graph).paths(siteIndex.get(flow.from)!, siteIndex.get(flow.to)!, k).map((p) => p.lanes.map((l) => lanes[l]!.id));
  const key = (r: readonly string[]) => r.join('\u0000');
  const routes: string[][] = [[...currentRoute], ...fastest.filter((r) => key(r) !== key(currentRoute))];
  const arrow = (r: readonly string[]) => r.join(' → ');
  const drafts: Draft[] = routes.map((r, i) => ({
    id: i === 0 ? 'baseline' : `route-${i + 1}`,
    kind: i === 0 ? 'baseline' : 'route',
    description: i === 0 ? `current route ${arrow(r)}` : `route ${arrow(r)}`,
    route: r,
    base: i === 0 ? null : 'baseline',
    changes: [{ route: { flow: flowId, path: [...r] } }],
  }));
  if (carriers) {
    const all = scenario.carriers ?? [];
    const sitesById = new Map(scenario.sites.map((x) => [x.id, x]));
    const carriersById = new Map(all.map((c) => [c.id, c]));
    const done = new Set<string>();
    routes.forEach((r, i) => {
      for (const laneId of r) {
        const lane = laneById.get(laneId)!;
        if (lane.mode !== 'road' || done.has(laneId)) continue;
        done.add(laneId);
        for (const c of alternativeCarriers(lane, all, sitesById)) {
          const priceStated = c.costPerShipment !== undefined;
          // a carrier without a price leaves the lane's cost as it was (see applyTreatment)
          const cost = priceStated ? c.costPerShipment! : statedLaneCost(lane, carriersById);
          const switchText = `${laneId}: ${lane.carrier ?? '(no carrier)'} → ${c.id}${priceStated ? '' : ' (price not stated: lane cost kept)'}`;
          drafts.push({
            id: `${i === 0 ? '' : `route-${i + 1}+`}carrier-${laneId}-${c.id}`,
            kind: 'carrier',
            description: i === 0 ? `carrier ${switchText}` : `route ${arrow(r)}, carrier ${switchText}`,
            route: r,
            carrier: { lane: laneId, from: lane.carrier ?? null, to: c.id, priceStated, costPerShipment: cost ?? null },
            base: i === 0 ? 'baseline' : `route-${i + 1}`,
            changes: [{ route: { flow: flowId, path: [...r] } }, { setCarrier: c.id, lanes: [laneId] }],
          });
        }
      }
    });
  }
  return { drafts, routesFound: fastest.length };
}

/**
 * Simulates the route (and carrier) options of a flow with common random numbers and reports each
 * one's transit days, transport cost, flow and network loss, interruption and dominance.
 */
export async function routeOptions(scenario: Scenario, opts: RouteOptionsSettings): Promise<RouteOptionsResult> {
  const flows = scenario.flows ?? [];
  const flow = flows.find((f) => f.id === opts.flowId);
  if (!flow) throw new UnknownFlowError(opts.flowId, flows.map((f) => f.id));
  if (!(Number.isInteger(opts.trials) && opts.trials >= 1)) throw new RangeError(`routeOptions: trials must be a whole number ≥ 1, got ${opts.trials}`);

  // the baseline unit is the scenario as it is: its compiled route is the flow's current route
  const baseUnits = prepareUnits(scenario, { seed: opts.seed, treatments: 'none' });
  const baseIndex = baseUnits[0]!.compiled.index;
  const fi = baseIndex.flowIds.indexOf(flow.id);
  const { drafts, routesFound } = routeOptionDrafts(scenario, flow.id, opts.k, opts.carriers, baseIndex.flowRoutes[fi]!);
  const treatments: Treatment[] = drafts.map((d) => ({ id: d.id, name: d.description, changes: d.changes }));

  // options 2… as treatments of a scenario copy; the baseline is its untreated plan
  const withOptions: Scenario = { ...scenario, treatments: treatments.slice(1) };
  const units = [baseUnits[0]!, ...prepareUnits(withOptions, { seed: opts.seed, treatments: 'all' }).slice(1)];
  const started = Date.now();
  const ranges = trialRanges(opts.trials, opts.rangeTrials);
  const { accs, trials } = await simulateUnits(units, ranges, tailSizeFor(opts.trials), {
    trials: opts.trials,
    seed: opts.seed,
    runRange: opts.runRange,
    inFlight: opts.inFlight,
    onProgress: opts.onProgress,
  });
  const summaries = accs.map((a) => a.result(tailSizeFor(trials)));
  const results = analyseUnits(withOptions, units, summaries, opts.seed, runInfo(opts.workers ?? 1, Date.now() - started, trials * units.length));

  const laneById = new Map((scenario.lanes ?? []).map((l) => [l.id, l]));
  const options: RouteOption[] = drafts.map((d, u) => {
    const unit = units[u]!;
    const s = unit.treated?.scenario ?? scenario;
    const index = unit.compiled.index;
    const merged = summaries[u]!;
    const n = merged.count;
    const f = index.flowIds.indexOf(flow.id);
    const carriersById = new Map((s.carriers ?? []).map((c) => [c.id, c]));
    const treatedLanes = new Map((s.lanes ?? []).map((l) => [l.id, l]));
    let flowTransportCost = 0;
    for (const id of d.route) flowTransportCost += laneCostPerShipment(treatedLanes.get(id)!, carriersById) * flow.shipmentsPerYear;
    let transitDays = 0;
    for (const id of d.route) transitDays += laneById.get(id)!.transitDays;
    const summary = u === 0 ? results.baseline : results.treatments[u - 1]!.summary;
    const reduction = u === 0 ? { eal: 0, ealCi95: [0, 0] as [number, number] } : results.treatments[u - 1]!.delta;
    return {
      id: d.id,
      kind: d.kind,
      description: d.description,
      route: d.route,
      ...(d.carrier ? { carrier: d.carrier } : {}),
      variantOf: d.base,
      noEffect: d.base !== null && sameLosses(merged.losses, summaries[drafts.findIndex((x) => x.id === d.base)]!.losses),
      treatment: treatments[u]!,
      transitDays,
      transportCost: scenarioCosts(s, index.laneShipments, index.siteShipments).transport,
      flowTransportCost,
      flowEal: flowLoss(merged, f) / n,
      flowRerouteCost: merged.flowReroute.get(f) / n,
      eal: summary.eal,
      var95: summary.var95,
      interruptedDays: merged.flowCutDays.get(f) / n,
      delta: { eal: 0 - reduction.eal, ealCi95: [0 - reduction.ealCi95[1], 0 - reduction.ealCi95[0]], flowEal: 0, transportCost: 0, transitDays: 0 },
      dominated: false,
      dominatedBy: [],
    };
  });
  const base = options[0]!;
  for (const o of options) {
    o.delta.flowEal = o.flowEal - base.flowEal;
    o.delta.transportCost = o.transportCost - base.transportCost;
    o.delta.transitDays = o.transitDays - base.transitDays;
    o.dominatedBy = options.filter((b) => b !== o && dominates(b, o)).map((b) => b.id);
    o.dominated = o.dominatedBy.length > 0;
  }
  return {
    format: ROUTES_FORMAT,
    scenario: scenario.name,
    currency: scenario.currency ?? 'USD',
    horizonDays: results.horizonDays,
    flow: { id: flow.id, ...(flow.name !== undefined ? { name: flow.name } : {}), from: flow.from, to: flow.to, shipmentsPerYear: flow.shipmentsPerYear },
    k: opts.k,
    routesFound,
    carriers: opts.carriers,
    trials,
    seed: opts.seed,
    options,
    recommendation: recommend(options, scenario.currency ?? 'USD'),
  };
}

/** Whether two runs lost exactly the same in every trial (common random numbers make this exact). */
function sameLosses(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** An option that changes nothing: no effect on loss, and the time and cost of the option it changes. */
export function changesNothing(o: RouteOption, all: readonly RouteOption[]): boolean {
  if (!o.noEffect) return false;
  const b = all.find((x) => x.id === o.variantOf);
  return b !== undefined && b.transitDays === o.transitDays && b.transportCost === o.transportCost;
}

const DIMENSIONS = ['transitDays', 'transportCost', 'eal'] as const;
type Dimension = (typeof DIMENSIONS)[number];
const BEST_WORDS: Record<Dimension, string> = { transitDays: 'fastest', transportCost: 'cheapest', eal: 'least network loss' };
const BETTER_WORDS: Record<Dimension, string> = { transitDays: 'faster', transportCost: 'cheaper', eal: 'less network loss' };

/**
 * The non-dominated options (without those that change nothing), each with the dimensions on which
 * it alone is the best of them, or else the trade-off it makes (what it beats the best ones on);
 * with its figures against the baseline.
 */
export function recommend(options: readonly RouteOption[], currency: string): Recommendation[] {
  const kept = options.filter((o) => !o.dominated && !changesNothing(o, options));
  // the option best on each dimension, where one option alone is best
  const holder = new Map<Dimension, RouteOption>();
  for (const d of DIMENSIONS) {
    const least = Math.min(...kept.map((o) => o[d]));
    const at = kept.filter((o) => o[d] === least);
    if (at.length === 1 && kept.length > 1) holder.set(d, at[0]!);
  }
  return kept.map((o) => {
    const best = DIMENSIONS.filter((d) => holder.get(d) === o);
    let head: string;
    if (best.length > 0) head = best.map((d) => BEST_WORDS[d]).join(', ');
    else {
      // best on no dimension alone, yet not dominated: what it beats the options that are best on
      // one on (or, when none is, each other recommended option)
      const clauses = (against: Iterable<RouteOption>) => {
        const out: string[] = [];
        for (const h of against) {
          const better = DIMENSIONS.filter((e) => o[e] < h[e]).map((e) => BETTER_WORDS[e]);
          const bestAt = DIMENSIONS.filter((d) => holder.get(d) === h).map((d) => BEST_WORDS[d]);
          if (h !== o && better.length > 0) out.push(`${better.join(' and ')} than ${h.id}${bestAt.length > 0 ? ` (${bestAt.join(', ')})` : ''}`);
        }
        return out;
      };
      let against = clauses(new Set(holder.values()));
      if (against.length === 0) against = clauses(kept);
      if (against.length > 0) head = `trade-off: ${against.join('; ')}`;
      else head = kept.length === 1 ? 'no other option is as good' : 'ties with other options on time, cost and loss';
    }
    return { option: o.id, best, reason: `${head}. ${vsBaseline(o, currency)}` };
  });
}

/** What an option changes against the baseline: days, transport cost a year and network EAL with its interval. */
function vsBaseline(o: RouteOption, currency: string): string {
  if (o.kind === 'baseline') return 'The current route as it is';
  const parts: string[] = [];
  const d = o.delta;
  if (d.transitDays !== 0) parts.push(signedDays(d.transitDays));
  if (d.transportCost !== 0) parts.push(`transport ${signedMoney(d.transportCost, currency)}/yr`);
  if (o.noEffect && o.variantOf === 'baseline') parts.push('the same loss in every trial');
  else parts.push(`network EAL ${signedMoney(d.eal, currency)} [${signedMoney(d.ealCi95[0], currency)}, ${signedMoney(d.ealCi95[1], currency)}]`);
  const text = `${parts.join(', ')} vs baseline`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether `a` is no worse than `b` on transit days, transport cost and network EAL, and better on one. */
export function dominates(a: Pick<RouteOption, 'transitDays' | 'transportCost' | 'eal'>, b: Pick<RouteOption, 'transitDays' | 'transportCost' | 'eal'>): boolean {
  if (a.transitDays > b.transitDays || a.transportCost > b.transportCost || a.eal > b.eal) return false;
  return a.transitDays < b.transitDays || a.transportCost < b.transportCost || a.eal < b.eal;
}
