// From a scenario and its results to the data each view draws (view-data.ts). Pure: no DOM, no
// engine runs. With a what-if, the views show the what-if's result and the baseline beside it.
import { DEFAULT_IMPACT_BANDS, DEFAULT_LIKELIHOOD_BANDS, levelOf, levelRank } from '../../engine/analysis/criteria.js';
import type { ElementEffect as MeasuredEffect } from '../../engine/analysis/control-effectiveness.js';
import type { Results, Summary } from '../../engine/results/schema.js';
import type { Element, Level, Scenario } from '../../engine/model/schema.js';
import { carriersServing } from '../../engine/model/carrier-regions.js';
import { money } from '../../engine/text/format.js';
import { targetCascades } from './cascades.js';
import { applicableControls, carrierOf, hasControl, placedControls, type WhatIf } from '../state/what-if.js';
import type {
  ControlEffectivenessData,
  ExceedanceCurve,
  ExposureMapData,
  HeaderAppetite,
  HeaderData,
  HeaderFigures,
  LossExceedanceData,
  MapLane,
  MapSite,
  MatrixCell,
  PanelTarget,
  RiskBrief,
  RiskCascade,
  RiskMatrixData,
  RiskRankingData,
  SidePanelData,
  TreatmentPoint,
  TreatmentsData,
} from './view-data.js';

/** What the page holds: the baseline results, and with a what-if its results and paired delta. */
export interface Shown {
  scenario?: Scenario;
  baseline: Results;
  whatIf?: { results: Results; vsBaseline: Results['treatments'][number]; scenario?: Scenario };
  /** Elements with controls placed, and their measured effects once known. */
  elements?: Array<{ element: Element; controls: string[] }>;
  effects?: MeasuredEffect[];
  /** Treatments' full exceedance curves by id (from the explorer's own runs). */
  treatmentCurves?: Record<string, Array<{ loss: number; probability: number }>>;
  /** Results without their scenario: control effects cannot be measured. */
  unmeasured?: boolean;
  progress?: number;
  locale?: string;
}

/** The result the views show first: the what-if's when there is one. */
export function mainResults(s: Shown): Results {
  return s.whatIf?.results ?? s.baseline;
}

const worse = (a: Level | null, b: Level): Level => (a === null || levelRank(b) > levelRank(a) ? b : a);

/** A risk's cascade with the raising threats' names, or nothing when no threat raises it. */
function cascadeOf(r: Results['risks'][number], name: (id: string) => string): { cascade?: RiskCascade; jointTargets?: number } {
  const c = r.cascade;
  return {
    ...(c ? { cascade: { triggeredBy: c.triggeredBy.map(name), factor: c.factor, excessEventsPerTrial: c.excessEventsPerTrial, excessEal: c.excessEal } } : {}),
    ...(r.joint ? { jointTargets: r.joint.targets } : {}),
  };
}

/** The register as the views list it, with threat names from the scenario. */
export function riskBriefs(results: Results, scenario?: Scenario): RiskBrief[] {
  const names = new Map((scenario?.threats ?? []).map((t) => [t.id, t.name ?? t.id]));
  const name = (id: string) => names.get(id) ?? id;
  return results.risks.map((r) => ({
    id: r.id,
    threat: r.threat,
    threatName: names.get(r.threat) ?? r.threat,
    category: r.category,
    target: r.target,
    targetKind: r.targetKind,
    eal: r.eal,
    tailContribution: r.tailContribution,
    likelihood: r.likelihood,
    impact: r.impact,
    level: r.level,
    borderline: r.borderline === true,
    ...cascadeOf(r, name),
  }));
}

/** Sites and lanes with their expected loss, worst level and top risks (from the scenario when given, else from the results' targets). */
export function exposureMapData(s: Shown, extra: Pick<ExposureMapData, 'highlight' | 'selected' | 'onSelect'> = {}): ExposureMapData {
  const results = mainResults(s);
  const briefs = riskBriefs(results, s.scenario);
  const byTarget = new Map<string, RiskBrief[]>();
  for (const b of briefs) {
    const list = byTarget.get(b.target) ?? [];
    list.push(b);
    byTarget.set(b.target, list);
  }
  const eal = new Map(results.targets.map((t) => [t.id, t.eal]));
  const levelOfTarget = (id: string) => (byTarget.get(id) ?? []).reduce<Level | null>((l, b) => worse(l, b.level), null);
  // the highest level may change with the seed only when every risk that reaches it is borderline
  const levelBorderline = (id: string) => {
    const level = levelOfTarget(id);
    const at = (byTarget.get(id) ?? []).filter((b) => b.level === level);
    return at.length > 0 && at.every((b) => b.borderline);
  };
  const top = (id: string) => (byTarget.get(id) ?? []).slice(0, 5);
  let sites: MapSite[];
  let lanes: MapLane[];
  if (s.scenario) {
    const scenario = s.whatIf?.scenario ?? s.scenario;
    sites = scenario.sites.map((x) => ({
      id: x.id,
      name: x.name ?? x.id,
      kind: x.kind,
      ...(x.lat !== undefined && x.lon !== undefined ? { lat: x.lat, lon: x.lon } : {}),
      eal: eal.get(x.id) ?? 0,
      level: levelOfTarget(x.id),
      ...(levelBorderline(x.id) ? { levelBorderline: true } : {}),
      topRisks: top(x.id),
    }));
    lanes = (scenario.lanes ?? []).map((l) => ({
      id: l.id,
      name: l.name ?? l.id,
      from: l.from,
      to: l.to,
      mode: l.mode,
      ...(l.carrier !== undefined ? { carrier: l.carrier } : {}),
      transitDays: l.transitDays,
      eal: eal.get(l.id) ?? 0,
      level: levelOfTarget(l.id),
      ...(levelBorderline(l.id) ? { levelBorderline: true } : {}),
      topRisks: top(l.id),
    }));
  } else {
    // results alone: the targets with losses, laid out without coordinates or lanes
    sites = results.targets.map((t) => ({ id: t.id, name: t.id, kind: t.kind, eal: t.eal, level: levelOfTarget(t.id), ...(levelBorderline(t.id) ? { levelBorderline: true } : {}), topRisks: top(t.id) }));
    lanes = [];
  }
  return { currency: results.currency, ...(s.locale ? { locale: s.locale } : {}), sites, lanes, ...extra };
}

const LIKELIHOOD_NAMES = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'];
const IMPACT_NAMES = ['Minor', 'Moderate', 'Major', 'Severe', 'Catastrophic'];

function bandLabels(names: string[], bounds: readonly number[], fmt: (x: number) => string): string[] {
  return names.map((n, i) => (i === 0 ? `${n} (< ${fmt(bounds[0]!)})` : i === names.length - 1 ? `${n} (≥ ${fmt(bounds[i - 1]!)})` : `${n} (${fmt(bounds[i - 1]!)}–${fmt(bounds[i]!)})`));
}

/** The 5 × 5 matrix: every cell with its level and its risks, band labels from the scenario's criteria. */
export function riskMatrixData(s: Shown, extra: Pick<RiskMatrixData, 'selectedRisk' | 'onRiskClick'> = {}): RiskMatrixData {
  const results = mainResults(s);
  const criteria = s.scenario?.criteria;
  const briefs = riskBriefs(results, s.scenario);
  const cells: MatrixCell[] = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact;
      cells.push({ likelihood, impact, score, level: levelOf(score, criteria), risks: briefs.filter((b) => b.likelihood === likelihood && b.impact === impact) });
    }
  }
  const moneyShort = (x: number) => money(x, results.currency, { locale: s.locale ?? 'en-US', plain: true });
  const maxLevel = s.scenario?.appetite?.maxLevel;
  return {
    currency: results.currency,
    ...(s.locale ? { locale: s.locale } : {}),
    cells,
    likelihoodLabels: bandLabels(LIKELIHOOD_NAMES, criteria?.likelihoodBands ?? DEFAULT_LIKELIHOOD_BANDS, (x) => `${+(x * 100).toPrecision(3)} %`),
    impactLabels: bandLabels(IMPACT_NAMES, criteria?.impactBands ?? DEFAULT_IMPACT_BANDS, moneyShort),
    ...(maxLevel ? { maxLevel } : {}),
    ...extra,
  };
}

/** The baseline curve and each treatment's; with a what-if, the what-if over a ghosted baseline. */
export function lossExceedanceData(s: Shown): LossExceedanceData {
  const base = s.baseline;
  const curves: ExceedanceCurve[] = [];
  if (s.whatIf) {
    curves.push({ id: 'baseline', label: 'Baseline', role: 'ghost', points: base.exceedance });
    curves.push({ id: 'what-if', label: 'What-if', role: 'whatif', points: s.whatIf.results.exceedance });
  } else {
    curves.push({ id: 'baseline', label: 'Baseline', role: 'baseline', points: base.exceedance });
    for (const t of base.treatments) curves.push({ id: `t:${t.id}`, label: t.name, role: 'treatment', points: simulatedCurve(s, t.id) ?? exceedanceOf(t.summary, base) });
  }
  const main = mainResults(s).baseline;
  return { currency: base.currency, ...(s.locale ? { locale: s.locale } : {}), curves, var95: main.var95, p99: main.p99, cvar95: main.cvar95, ...(s.whatIf ? { baselineVar95: base.baseline.var95 } : {}) };
}

/** Treatment `id`'s full curve once the explorer has simulated it: an own key only, as an id may be any text ("constructor"). */
function simulatedCurve(s: Shown, id: string): Array<{ loss: number; probability: number }> | undefined {
  return s.treatmentCurves !== undefined && Object.hasOwn(s.treatmentCurves, id) ? s.treatmentCurves[id] : undefined;
}

/**
 * A treatment's curve when only its results are at hand (a results file): results keep the full curve
 * for the baseline only, so it is drawn through the summary's quantiles (p50, p90, p95, p99, max),
 * exact at those points.
 */
function exceedanceOf(t: Summary, base: Results): Array<{ loss: number; probability: number }> {
  const pts = [
    { loss: 0, probability: t.pAnyLoss },
    { loss: t.p50, probability: 0.5 },
    { loss: t.p90, probability: 0.1 },
    { loss: t.p95, probability: 0.05 },
    { loss: t.p99, probability: 0.01 },
    { loss: t.max, probability: 1 / base.trials },
  ];
  return pts.filter((p) => p.loss > 0 && p.probability <= t.pAnyLoss).sort((a, b) => a.loss - b.loss);
}

export function riskRankingData(s: Shown, extra: Pick<RiskRankingData, 'selectedRisk' | 'onRiskClick'> = {}): RiskRankingData {
  const results = mainResults(s);
  return { currency: results.currency, ...(s.locale ? { locale: s.locale } : {}), risks: riskBriefs(results, s.scenario), eal: results.baseline.eal, cvar95: results.baseline.cvar95, ...extra };
}

export function treatmentsData(s: Shown): TreatmentsData {
  const points: TreatmentPoint[] = s.baseline.treatments.map((t) => ({
    id: t.id,
    name: t.name,
    kind: 'treatment',
    annualCost: t.annualCost,
    reduction: t.delta.eal,
    ci95: t.delta.ealCi95,
    netBenefit: t.netBenefit,
    rosi: t.rosi,
    status: t.status,
    ...(t.owner !== undefined ? { owner: t.owner } : {}),
    ...(t.due !== undefined ? { due: t.due } : {}),
    ...(t.decision !== undefined ? { decision: t.decision } : {}),
  }));
  if (s.whatIf) {
    const t = s.whatIf.vsBaseline;
    points.push({ id: 'what-if', name: 'What-if', kind: 'whatif', annualCost: t.annualCost, reduction: t.delta.eal, ci95: t.delta.ealCi95, netBenefit: t.netBenefit, rosi: t.rosi });
  }
  return { currency: s.baseline.currency, ...(s.locale ? { locale: s.locale } : {}), points };
}

export function controlEffectivenessData(s: Shown): ControlEffectivenessData {
  const cost = new Map<string, number>();
  for (const c of s.baseline.controls) cost.set(c.element, (cost.get(c.element) ?? 0) + c.annualCost);
  const effects = new Map((s.effects ?? []).map((e) => [e.element, e]));
  const elements = (s.elements ?? []).map((e) => {
    const m = effects.get(e.element);
    return m
      ? { element: e.element, controls: e.controls, annualCost: m.annualCost, lossAvoided: m.lossAvoided, ci95: m.ci95 }
      : { element: e.element, controls: e.controls, annualCost: cost.get(e.element) ?? 0 };
  });
  return { currency: s.baseline.currency, ...(s.locale ? { locale: s.locale } : {}), elements, pending: s.effects === undefined && !s.unmeasured, ...(s.unmeasured ? { unmeasured: true } : {}) };
}

function figures(r: Results): HeaderFigures {
  const b = r.baseline;
  return {
    eal: b.eal,
    se: b.se,
    ealCi95: b.ci95,
    directEal: b.directEal,
    interruptionEal: b.interruptionEal,
    rerouteEal: b.rerouteEal,
    var95: b.var95,
    p99: b.p99,
    cvar95: b.cvar95,
    var95Ci95: b.var95Ci95,
    p99Ci95: b.p99Ci95,
    cvar95Ci95: b.cvar95Ci95,
    serviceLevel: b.serviceLevel,
  };
}

/** The appetite as the header's badge shows it: its status and each limit's check. */
function headerAppetite(a: Results['appetite']): HeaderAppetite {
  return { status: a.status, checks: a.checks.map((c) => ({ limit: c.limit, status: c.status, text: c.text })) };
}

export function headerData(s: Shown): HeaderData {
  const main = mainResults(s);
  return {
    currency: main.currency,
    ...(s.locale ? { locale: s.locale } : {}),
    scenario: s.baseline.scenario,
    seed: s.baseline.seed,
    trials: s.baseline.trials,
    figures: figures(main),
    appetite: headerAppetite(main.appetite),
    ...(s.whatIf ? { baseline: figures(s.baseline), delta: { eal: s.whatIf.vsBaseline.delta.eal, ci95: s.whatIf.vsBaseline.delta.ealCi95 } } : {}),
    ...(s.progress !== undefined && s.progress < 1 ? { progress: s.progress } : {}),
  };
}

/** The side panel's selection, the what-if in force and the panel's actions. */
export type SidePanelInput = Pick<SidePanelData, 'selection' | 'canEdit' | 'onToggleControl' | 'onSetCarrier' | 'onSelect' | 'onResetWhatIf'> & { whatIf: WhatIf };

/**
 * What the side panel shows of the selection: the risk, its site or lane with the target's split,
 * risks, carriers, controls under the what-if and flows. The scenario's parts (names, controls,
 * carriers, flows) are there only when the scenario is; results alone give the figures.
 */
export function sidePanelData(s: Shown, input: SidePanelInput): SidePanelData {
  const results = mainResults(s);
  const { scenario } = s;
  const { selection, whatIf } = input;
  const found = selection.kind === 'risk' ? results.risks.find((r) => r.id === selection.id) : undefined;
  const kind = selection.kind === 'risk' ? found?.targetKind : selection.kind;
  const targetId = selection.kind === 'risk' ? found?.target : selection.id;
  const siteName = (id: string) => scenario?.sites.find((x) => x.id === id)?.name ?? id;
  const threatName = (id: string) => scenario?.threats.find((t) => t.id === id)?.name ?? id;
  const risk = found && {
    id: found.id,
    threatName: threatName(found.threat),
    target: found.target,
    level: found.level,
    borderline: found.borderline === true,
    likelihood: found.likelihood,
    impact: found.impact,
    score: found.score,
    eal: found.eal,
    share: found.share,
    directEal: found.directEal,
    interruptionEal: found.interruptionEal,
    rerouteEal: found.rerouteEal,
    frequency: found.frequency,
    pEvent: found.pEvent,
    pEventExpected: found.pEventExpected,
    meanLossPerEvent: found.meanLossPerEvent,
    impactCi95: found.impactCi95,
    tailContribution: found.tailContribution,
    owner: found.owner,
    ...cascadeOf(found, threatName),
  };
  return {
    currency: results.currency,
    ...(s.locale ? { locale: s.locale } : {}),
    selection,
    ...(risk ? { risk } : {}),
    ...(kind && targetId ? { target: panelTarget(results, scenario, whatIf, kind, targetId, siteName, threatName) } : {}),
    impactBands: scenario?.criteria?.impactBands ?? DEFAULT_IMPACT_BANDS,
    canEdit: input.canEdit,
    whatIfChanges: whatIf.add.length + whatIf.remove.length + whatIf.carriers.length,
    onToggleControl: input.onToggleControl,
    onSetCarrier: input.onSetCarrier,
    onSelect: input.onSelect,
    onResetWhatIf: input.onResetWhatIf,
  };
}

function panelTarget(
  results: Results,
  scenario: Scenario | undefined,
  whatIf: WhatIf,
  kind: 'site' | 'lane',
  targetId: string,
  siteName: (id: string) => string,
  threatName: (id: string) => string,
): PanelTarget {
  const site = kind === 'site' ? scenario?.sites.find((x) => x.id === targetId) : undefined;
  const lane = kind === 'lane' ? scenario?.lanes?.find((l) => l.id === targetId) : undefined;
  const row = results.targets.find((t) => t.id === targetId);
  const owner = site?.owner ?? lane?.owner;
  const target: PanelTarget = {
    kind,
    id: targetId,
    name: site?.name ?? lane?.name ?? targetId,
    detail: kind === 'site' ? (site?.kind ?? '') : (lane?.mode ?? ''),
    eal: row?.eal ?? 0,
    ...(row ? { split: { directEal: row.directEal, interruptionEal: row.interruptionEal, rerouteEal: row.rerouteEal } } : {}),
    ...(lane ? { lane: { fromName: siteName(lane.from), toName: siteName(lane.to), transitDays: lane.transitDays } } : {}),
    ...(site?.region ? { region: site.region } : {}),
    ...(owner ? { owner } : {}),
    risks: results.risks
      .filter((r) => r.target === targetId)
      .slice(0, 8)
      .map((r) => ({
        id: r.id,
        threatName: threatName(r.threat),
        level: r.level,
        borderline: r.borderline === true,
        eal: r.eal,
        ...(r.cascade ? { triggered: true } : {}),
        ...(r.joint ? { jointTargets: r.joint.targets } : {}),
      })),
  };
  if (!scenario) return target;
  const { cascades, joint } = targetCascades(scenario, kind, targetId);
  target.cascades = cascades;
  target.joint = joint;
  if (lane) {
    // the carriers that may run this lane: its mode and every region it runs in (as validation requires)
    const regionOf = (id: string) => scenario.sites.find((x) => x.id === id)?.region;
    const serving = carriersServing(lane, scenario.carriers ?? [], regionOf);
    if (serving.length) {
      const current = carrierOf(scenario, whatIf, lane.id);
      target.carriers = {
        ...(current ? { current } : {}),
        options: serving.map((c) => ({
          id: c.id,
          name: c.name ?? c.id,
          ...(c.riskFactor !== undefined ? { riskFactor: c.riskFactor } : {}),
          ...(c.costPerShipment !== undefined ? { costPerShipment: c.costPerShipment } : {}),
        })),
      };
    }
  }
  const placed = new Set(placedControls(scenario, kind, targetId));
  target.controls = applicableControls(scenario, kind).map((c) => {
    const on = hasControl(scenario, whatIf, kind, targetId, c.id);
    return {
      id: c.id,
      name: c.name,
      element: c.element,
      ...(c.description !== undefined ? { description: c.description } : {}),
      ...(c.source !== undefined ? { source: c.source } : {}),
      on,
      changed: on !== placed.has(c.id),
      ...(c.cost?.annual !== undefined ? { annualCost: c.cost.annual } : {}),
      ...(c.cost?.perShipment !== undefined ? { costPerShipment: c.cost.perShipment } : {}),
    };
  });
  const through = (f: NonNullable<Scenario['flows']>[number]) =>
    kind === 'site'
      ? f.from === targetId || f.to === targetId || (f.path ?? []).some((l) => scenario.lanes?.find((x) => x.id === l && (x.from === targetId || x.to === targetId)))
      : (f.path ?? []).includes(targetId);
  const rows = new Map(results.flows.map((f) => [f.id, f]));
  target.flows = (scenario.flows ?? []).filter(through).map((f) => {
    const r = rows.get(f.id);
    return {
      id: f.id,
      name: f.name ?? f.id,
      ...(r
        ? { result: { eal: r.eal, directEal: r.directEal, interruptionEal: r.interruptionEal, rerouteCost: r.rerouteCost, reroutedDaysMean: r.reroutedDaysMean, interruptionDaysMean: r.interruptionDaysMean, serviceLevel: r.serviceLevel } }
        : {}),
    };
  });
  return target;
}
