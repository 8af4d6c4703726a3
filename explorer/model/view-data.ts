// The data each view draws: plain objects derived from a scenario and its results (build-view-data.ts).
// Views are functions `(element, data) => void` of these shapes only; they never read the engine.
import type { Category, Element, Level, TreatmentStatus, TriggerScope } from '../../engine/model/schema.js';

/** Fixed drawing size (tests and exports); a view falls back to its element's client size, then a default. */
export interface ViewSize {
  width: number;
  height: number;
}

/** Shared by every view: the currency (ISO 4217) and locale the money is written in. */
export interface ViewBase {
  currency: string;
  /** BCP 47 locale for Intl formats; default "en-US". */
  locale?: string;
  size?: ViewSize;
}

/** One risk as the views list it: a threat on one site or lane. */
export interface RiskBrief {
  id: string;
  threat: string;
  /** Display name of the threat (falls back to the id). */
  threatName: string;
  category: Category;
  target: string;
  targetKind: 'site' | 'lane';
  eal: number;
  tailContribution: number;
  likelihood: number;
  impact: number;
  level: Level;
  /** The risk's impact interval straddles a band edge that changes its level: the level may change with the seed (marked "~"). */
  borderline: boolean;
  /** Other threats' events raise its rate (a cascade); absent otherwise. */
  cascade?: RiskCascade;
  /** A common-cause threat: the number of targets each of its events hits at once; absent otherwise. */
  jointTargets?: number;
}

/** A cascade raising a risk, from the results: who raises it, by how much, and the loss it lets in. */
export interface RiskCascade {
  /** The raising threats' display names (their ids when unnamed). */
  triggeredBy: string[];
  /** The largest factor of the windows that raise it. */
  factor: number;
  /** Events and expected loss per horizon that only the open windows let in (part of eal). */
  excessEventsPerTrial: number;
  excessEal: number;
}

export interface MapSite {
  id: string;
  name: string;
  kind: string;
  lat?: number;
  lon?: number;
  /** Expected annual loss of the risks on this site (direct + interruption). */
  eal: number;
  /** Highest level of its risks; null without risks. */
  level: Level | null;
  /** Every risk at that highest level is borderline: the highest level itself may change with the seed. */
  levelBorderline?: boolean;
  /** Its risks by EAL, largest first (at most 5). */
  topRisks: RiskBrief[];
}

export interface MapLane {
  id: string;
  name: string;
  from: string;
  to: string;
  mode: string;
  carrier?: string;
  transitDays: number;
  eal: number;
  level: Level | null;
  levelBorderline?: boolean;
  topRisks: RiskBrief[];
}

export interface ExposureMapData extends ViewBase {
  sites: MapSite[];
  lanes: MapLane[];
  /** A site or lane id to highlight (e.g. the target of the risk clicked in the matrix). */
  highlight?: string;
  /** The selected site or lane id (outlined). */
  selected?: string;
  onSelect?: (id: string, kind: 'site' | 'lane') => void;
  /** The stress test on the map (with the scenario only): the toggle, and when on, REI colours and the flagged outlined. */
  stress?: MapStress;
}

/** The stress test as the exposure map shows it (docs/stress-test.md). */
export interface MapStress {
  /** The overlay is shown: sites and lanes coloured by REI, those that need mitigation outlined. */
  on: boolean;
  /** REI (null: no TTR, not stressed) and the flag TTS < TTR, keyed "site:ID" or "lane:ID" (stressKey). */
  elements: ReadonlyMap<string, { rei: number | null; needsMitigation: boolean }>;
  /** Elements that need mitigation; null while the overlay is off (not computed). */
  flagged: number | null;
  onToggle?: (on: boolean) => void;
}

/** One stressed site or lane as the stress view draws it: down for its time to recover. */
export interface StressBar {
  id: string;
  kind: 'site' | 'lane';
  name: string;
  /** The site's kind or the lane's mode. */
  detail: string;
  /** Loss over the TTR (interruption and reroute cost). */
  loss: number;
  /** Risk Exposure Index: loss ÷ the largest loss, in [0, 1]. */
  rei: number;
  ttrDays: number;
  /** Where the TTR comes from: "its ttrDays", or the disruption threat's name. */
  ttrFrom: string;
  /** Time to survive in days; null: unlimited (it cuts no flow). */
  ttsDays: number | null;
  needsMitigation: boolean;
  /** Names of the flows it cuts; how many it reroutes. */
  flowsCut: string[];
  flowsRerouted: number;
}

export interface StressViewData extends ViewBase {
  /** The stressed elements by loss, largest first; null without the scenario (results opened alone). */
  elements: StressBar[] | null;
  /** Elements without a TTR (not stressed), and how many of them still cut a flow. */
  notStressed: number;
  unstressedCutting: number;
  selected?: string;
  onSelect?: (id: string, kind: 'site' | 'lane') => void;
}

export interface MatrixCell {
  likelihood: number; // 1..5
  impact: number; // 1..5
  score: number;
  level: Level;
  risks: RiskBrief[];
}

export interface RiskMatrixData extends ViewBase {
  /** All 25 cells, likelihood and impact 1..5. */
  cells: MatrixCell[];
  likelihoodLabels: string[]; // 5 labels, 1..5 (rare … almost certain)
  impactLabels: string[]; // 5 labels, 1..5 (minor … catastrophic)
  /** Risks above this level are outside appetite (marked); undefined: no level appetite. */
  maxLevel?: Level;
  selectedRisk?: string;
  onRiskClick?: (risk: RiskBrief) => void;
}

export interface ExceedanceCurve {
  id: string;
  label: string;
  /** baseline: the scenario as it is; treatment: a scenario treatment; whatif: the live what-if; ghost: the baseline behind a what-if. */
  role: 'baseline' | 'treatment' | 'whatif' | 'ghost';
  /** P(annual loss > loss), loss ascending, probability descending. */
  points: Array<{ loss: number; probability: number }>;
}

export interface LossExceedanceData extends ViewBase {
  curves: ExceedanceCurve[];
  /** Marks on the curve of the main result (baseline, or the what-if when there is one). */
  var95: number;
  p99: number;
  cvar95: number;
  /** With a what-if: the baseline's 1-in-20-year loss, for the finding (the ghost curve is drawn through 60 points only). */
  baselineVar95?: number;
}

export interface RiskRankingData extends ViewBase {
  /** Every risk (views take the top N). */
  risks: RiskBrief[];
  /** Totals the bars are shares of. */
  eal: number;
  cvar95: number;
  selectedRisk?: string;
  onRiskClick?: (risk: RiskBrief) => void;
}

export interface TreatmentPoint {
  id: string;
  name: string;
  kind: 'treatment' | 'whatif';
  /** Yearly cost the treatment adds (may be negative: a cheaper carrier). */
  annualCost: number;
  /** Expected annual loss avoided (baseline − treated), with its paired 95 % interval. */
  reduction: number;
  ci95: [number, number];
  netBenefit: number;
  /** Return on security investment, null when the cost is not positive. */
  rosi: number | null;
  /** The risk treatment plan, as the scenario states it (a treatment's; the what-if has none). */
  status?: TreatmentStatus;
  owner?: string;
  /** YYYY-MM-DD, shown as stated (never compared with today). */
  due?: string;
  decision?: string;
}

export interface TreatmentsData extends ViewBase {
  points: TreatmentPoint[];
}

export interface ElementEffect {
  element: Element;
  /** Controls of this element placed in the scenario. */
  controls: string[];
  annualCost: number;
  /** Expected annual loss these controls avoid together (EAL without them − EAL with them), paired 95 % interval; undefined while computing. */
  lossAvoided?: number;
  ci95?: [number, number];
}

export interface ControlEffectivenessData extends ViewBase {
  elements: ElementEffect[];
  /** True while the removal runs are still simulating. */
  pending?: boolean;
  /** Results shown without their scenario: the loss avoided cannot be measured (no placeholder "computing…"). */
  unmeasured?: boolean;
}

export interface HeaderFigures {
  eal: number;
  /** Standard error of eal. */
  se: number;
  /** eal's 95 % interval as the results carry it (the summary's ci95: ± Z95 standard errors). */
  ealCi95: [number, number];
  /** The parts of eal: direct loss, interruption cost and reroute cost (extra transport on detours). */
  directEal: number;
  interruptionEal: number;
  rerouteEal: number;
  var95: number;
  p99: number;
  cvar95: number;
  /** 95 % intervals of the headline figures. */
  var95Ci95: [number, number];
  p99Ci95: [number, number];
  cvar95Ci95: [number, number];
  serviceLevel: number;
}

export type AppetiteStatus = 'within' | 'breached' | 'uncertain';

/** One appetite limit checked against its estimate's 95 % interval. */
export interface HeaderAppetiteCheck {
  limit: string;
  status: AppetiteStatus;
  /** The check as a sentence, with the estimate and its interval. */
  text: string;
}

export interface HeaderAppetite {
  /** breached if any check is, else uncertain if any check's interval straddles its limit, else within. */
  status: AppetiteStatus;
  checks: HeaderAppetiteCheck[];
}

export interface HeaderData extends ViewBase {
  scenario: string;
  seed: number | string;
  trials: number;
  figures: HeaderFigures;
  appetite: HeaderAppetite;
  /** With a what-if: the baseline's figures, and the paired change in EAL (baseline − what-if) with its 95 % interval. */
  baseline?: HeaderFigures;
  delta?: { eal: number; ci95: [number, number] };
  /** A run in progress: share done in [0, 1]. */
  progress?: number;
}

/** What the side panel is open on: a site, a lane or a risk (the URL's selection). */
export interface PanelSelection {
  kind: 'site' | 'lane' | 'risk';
  id: string;
}

/** The selected risk as the side panel states it: its level, loss, rate and owner. */
export interface PanelRisk {
  id: string;
  threatName: string;
  target: string;
  level: Level;
  borderline: boolean;
  likelihood: number;
  impact: number;
  score: number;
  eal: number;
  /** Share of the total expected annual loss, in [0, 1]. */
  share: number;
  directEal: number;
  interruptionEal: number;
  rerouteEal: number;
  /** Events per year. */
  frequency: number;
  /** Share of the simulated years with at least one event, and the same from the rate (1 − e^(−frequency)). */
  pEvent: number;
  pEventExpected: number;
  meanLossPerEvent: number;
  /** 95 % interval of the loss per event; null with fewer than 2 years with an event. */
  impactCi95: [number, number] | null;
  tailContribution: number;
  /** Empty when the register names none. */
  owner: string;
  cascade?: RiskCascade;
  jointTargets?: number;
}

/** A risk in the selected site's or lane's list. */
export interface PanelRiskItem {
  id: string;
  threatName: string;
  level: Level;
  borderline: boolean;
  eal: number;
  /** Raised by a cascade (the results carry a triggered excess for it). */
  triggered?: boolean;
  /** A common-cause risk: targets each event hits at once. */
  jointTargets?: number;
}

/**
 * A cascade acting on the selected target, from the scenario's triggers: an event of `trigger`
 * opens a window of `days` during which `raised`'s rate is × `factor` on the targets in scope.
 */
export interface PanelCascade {
  /** Threat ids (keys) and display names. */
  triggerId: string;
  trigger: string;
  raisedId: string;
  raised: string;
  factor: number;
  days: number;
  scope: TriggerScope;
  /** out: an event here opens windows (here or elsewhere); in: windows raise a threat here; both. */
  role: 'out' | 'in' | 'both';
  /** Where the window applies, in words: "lanes leaving this site", "this lane, when it hits Hamburg DC, where the lane starts". */
  where: string;
}

/** A common-cause threat on the selected target: one event hits all its targets at once. */
export interface PanelJoint {
  threatId: string;
  threat: string;
  targets: number;
}

/** A carrier that may run the selected lane (its mode and every region it runs in). */
export interface PanelCarrier {
  id: string;
  name: string;
  riskFactor?: number;
  costPerShipment?: number;
}

/** A control that applies to the selected target, on or off under the what-if. */
export interface PanelControl {
  id: string;
  name: string;
  element: Element;
  description?: string;
  source?: string;
  /** On the target under the what-if. */
  on: boolean;
  /** The what-if added or removed it (differs from the scenario as given). */
  changed: boolean;
  /** Yearly cost, else cost per shipment (money). */
  annualCost?: number;
  costPerShipment?: number;
}

/** A flow through the selected target, with its results when the run has them. */
export interface PanelFlow {
  id: string;
  name: string;
  result?: { eal: number; directEal: number; interruptionEal: number; rerouteCost: number; reroutedDaysMean: number; interruptionDaysMean: number; serviceLevel: number };
}

/** The selected site or lane (itself, or the target of the selected risk). */
export interface PanelTarget {
  kind: 'site' | 'lane';
  id: string;
  name: string;
  /** The site's kind or the lane's mode; empty when the scenario is not at hand. */
  detail: string;
  eal: number;
  /** The expected loss split; undefined when the results have no row for the target. */
  split?: { directEal: number; interruptionEal: number; rerouteEal: number };
  /** A lane's ends (site names) and transit time. */
  lane?: { fromName: string; toName: string; transitDays: number };
  region?: string;
  owner?: string;
  /** Its risks as the register orders them (at most 8). */
  risks: PanelRiskItem[];
  /** A lane's carrier picker: the carriers that may run it and the one in force; undefined without any. */
  carriers?: { current?: string; options: PanelCarrier[] };
  /** The controls that apply to its kind, by element; undefined without the scenario. */
  controls?: PanelControl[];
  /** The flows through it; undefined without the scenario. */
  flows?: PanelFlow[];
  /** The scenario's triggers that act on it (events here opening windows, windows raising threats here); undefined without the scenario. */
  cascades?: PanelCascade[];
  /** Its common-cause threats; undefined without the scenario. */
  joint?: PanelJoint[];
}

export interface SidePanelData extends ViewBase {
  selection: PanelSelection;
  /** The selected risk; undefined when the selection is not a risk or the risk is not in the result. */
  risk?: PanelRisk;
  target?: PanelTarget;
  /** The impact band edges (money), which name why a risk is borderline. */
  impactBands: readonly number[];
  /** What-ifs can run (a scenario is loaded, not only results). */
  canEdit: boolean;
  /** Edits in the what-if in force (0: none). */
  whatIfChanges: number;
  onToggleControl(kind: 'site' | 'lane', id: string, control: string): void;
  onSetCarrier(lane: string, carrier: string): void;
  onSelect(sel: PanelSelection | undefined): void;
  onResetWhatIf(): void;
}
