// The compiled simulation plan: everything the trial loop reads, as flat typed arrays indexed by
// integers. Strings (ids, names) live only in PlanIndex, for mapping results back to the scenario.
import type { Category, Element, SiteKind } from '../model/schema.js';
import type { CsrGraph } from '../graph/csr-graph.js';

/** How a risk's direct loss is measured. */
export const LOSS_NONE = 0;
export const LOSS_SITE_FRACTION = 1;
export const LOSS_SHIPMENT_FRACTION = 2;
export const LOSS_AMOUNT = 3;

/**
 * A scenario compiled for the simulation kernel: flat typed arrays indexed by integers (sites, lanes,
 * risks, flows, controls), no strings. Built by `compilePlan`; its ids are in the CompiledScenario's index.
 */
export interface SimulationPlan {
  horizonDays: number;
  /** Root of every random stream: four words from seedrandom(seed). */
  root: Uint32Array;
  graph: CsrGraph;
  nSites: number;
  nLanes: number;
  /** nSites + nLanes; element index = site index, or nSites + lane index. */
  nElements: number;

  nRisks: number;
  /** Hash of the risk id: keys the risk's random streams. */
  riskHash: Uint32Array;
  /** Element index of the risk's target. */
  riskElement: Int32Array;
  /** Rate of the generated events per trial before frequency controls (λ_gen). */
  riskGenRate: Float64Array;
  /** Probability an event survives the frequency controls: Π (1 − reliability·(1 − frequencyFactor)). */
  riskKeep: Float64Array;
  riskLossMode: Uint8Array;
  /** Site value for LOSS_SITE_FRACTION. */
  riskExposure: Float64Array;
  /** Compiled loss and downtime distributions, [code, p0, p1, p2] each (code −1 = none). */
  riskLoss: Float64Array;
  riskDowntime: Float64Array;
  /** Controls with a severity effect on risk r: sev*[sevStart[r] .. sevStart[r+1]). */
  sevStart: Int32Array;
  sevFactor: Float64Array;
  sevReliability: Float64Array;
  sevHash: Uint32Array;
  /** Controls with a downtime effect on risk r, likewise. */
  downStart: Int32Array;
  downFactor: Float64Array;
  downReliability: Float64Array;
  downHash: Uint32Array;

  /** Flows on lane l (by primary route): laneFlow[laneFlowStart[l] .. laneFlowStart[l+1]) with cumulative shipment shares. */
  laneFlowStart: Int32Array;
  laneFlow: Int32Array;
  laneFlowCum: Float64Array;

  nFlows: number;
  flowFrom: Int32Array;
  flowTo: Int32Array;
  flowBufferDays: Float64Array;
  flowCostPerDay: Float64Array;
  flowValuePerShipment: Float64Array;
  /** Shipments per day of flow f (shipmentsPerYear / 365): what a reroute's extra cost is paid on. */
  flowShipmentsPerDay: Float64Array;
  /** Transport cost per shipment of flow f's primary route (Σ laneCost over its lanes). */
  flowRouteCost: Float64Array;
  /** Transport cost per shipment of lane l: its own costPerShipment, else its carrier's, else 0. */
  laneCost: Float64Array;
  /** Elements that lie between flow f's origin and destination, sorted ascending (relevant to its service). */
  relevantStart: Int32Array;
  relevantElem: Int32Array;
  /**
   * The inverse, with the route bit: the flows to which element e is relevant are
   * elemFlowRoute[elemFlowStart[e] .. elemFlowStart[e+1]), each as 2·f + 1 when e is on flow f's
   * primary route, else 2·f.
   */
  elemFlowStart: Int32Array;
  elemFlowRoute: Int32Array;
  /** A random 32-bit key per element (two words), XORed into a flow's down-set signature. */
  elemKeyLo: Uint32Array;
  elemKeyHi: Uint32Array;

  /** Risk indices in generation order: the risks of a threat come after those of the threats that raise it. */
  genOrder: Int32Array;
  /** Envelope factor of each risk (1 unless a trigger raises it): its events are generated at riskGenRate × riskRaise and thinned. */
  riskRaise: Float64Array;
  /** Trigger edges of risk a: trigRisk/trigFactor/trigDays[trigStart[a] .. trigStart[a+1]) — each event of a opens a window of trigDays on trigRisk. */
  trigStart: Int32Array;
  trigRisk: Int32Array;
  trigFactor: Float64Array;
  trigDays: Float64Array;
  /** Head risk of the joint group of risk r (a jointly threat's first risk), or −1; the group is risks head .. head + jointSize[head] − 1. */
  riskJointHead: Int32Array;
  jointSize: Int32Array;
  /** At a group's head: the hash keying the group's one stream, and its generated rate (the largest riskGenRate of the group). */
  jointHash: Uint32Array;
  jointRate: Float64Array;
}

/** Strings and metadata for mapping plan indices back to the scenario. */
export interface PlanIndex {
  siteIds: string[];
  siteKinds: SiteKind[];
  laneIds: string[];
  flowIds: string[];
  riskIds: string[];
  riskThreat: string[];
  riskCategory: Category[];
  riskElementIso: Element[];
  riskOwner: string[];
  /** Controls on the target that act on the risk. */
  riskControls: string[][];
  /** Effective rate λ per trial (after controls). */
  riskRate: Float64Array;
  /** Shipments per year on each lane (from the flows' primary routes). */
  laneShipments: Float64Array;
  /** Shipments per year through each site (origin or on a primary route). */
  siteShipments: Float64Array;
  /** Primary route (lane ids) per flow. */
  flowRoutes: string[][];
  /** Yearly cost the scenario carries: controls, lane transport and buffer stock. */
  costs: PlanCosts;
  /** Ids of the threats whose triggers raise each risk (empty for most). */
  riskTriggeredBy: string[][];
}

export interface PlanCosts {
  controls: number;
  transport: number;
  buffers: number;
  total: number;
  /** Per control id: placements and yearly cost. */
  perControl: Map<string, { element: Element; placements: number; annualCost: number }>;
}

/** A compiled scenario: the plan the kernel runs, and the index that maps its integers back to the scenario's ids. */
export interface CompiledScenario {
  plan: SimulationPlan;
  index: PlanIndex;
}

