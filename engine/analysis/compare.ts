// compareResults: what changed between two results — a review's "performance trends" (ISO 28000
// monitoring and improvement) or the before and after of a calibration or a folded treatment: the
// headline figures, the EAL change with its 95 % interval (paired when both sides were simulated over
// the same trials with the same seed, else from the two standard errors), the appetite, the risks whose
// level changed or that appeared or disappeared, control spend by ISO 28000 element, and the risk
// treatment plan. A pure function of the two documents (and the paired difference, when known): no
// clock, so the same inputs give the same bytes (docs/results-format.md, "Comparisons").
import { ELEMENTS, LEVELS, TREATMENT_STATUSES, type Element, type Level, type TreatmentStatus } from '../model/schema.js';
import type { AppetiteStatus, Results } from '../results/schema.js';
import { money } from '../text/format.js';
import { Z95 } from './loss-summary.js';

export const COMPARE_FORMAT = 'chainward-compare/v1';

/** Where one side of a comparison came from, and the run that made it. */
export interface CompareSide {
  /** "results": a results file as given; "scenario": a scenario simulated for the comparison. */
  source: 'results' | 'scenario';
  /** The file name as given, when known. */
  file?: string;
  scenario: string;
  scenarioHash: string;
  seed: number | string;
  trials: number;
  engineVersion: string;
  horizonDays: number;
  /** The incident log the scenario was calibrated to, when it says so (its `calibration` block). */
  calibration?: { incidents: string; from: string; to: string };
}

/** One headline figure before and after. */
export interface MeasureChange {
  measure: 'eal' | 'var95' | 'p99' | 'cvar95' | 'cvar99' | 'pAnyLoss' | 'serviceLevel';
  label: string;
  kind: 'money' | 'share';
  before: number;
  after: number;
  /** after − before. */
  change: number;
  /** change / before; null when before is 0. */
  relativeChange: number | null;
  /** Each side's own 95 % interval, null for figures without one. */
  beforeCi95: [number, number] | null;
  afterCi95: [number, number] | null;
}

/** The change of the EAL (after − before) with its 95 % interval, and whether it is beyond the noise. */
export interface EalChange {
  change: number;
  ci95: [number, number];
  /** paired: from the per-trial differences (same seed and trials); unpaired: ± Z95 · √(se_before² + se_after²). */
  interval: 'paired' | 'unpaired';
  /** The interval holds 0: the difference may be the simulation's noise alone. */
  withinNoise: boolean;
  /** An unpaired interval of two sides with the same seed and trials: their common random numbers make the true interval narrower. */
  conservative: boolean;
  /**
   * The two runs are the same: every trial's loss is equal (paired, a difference of exactly 0 in
   * every trial) or, for results, the same seed, trials, engine and loss distribution. The change is
   * then 0 with the interval [0, 0], and not a matter of noise (withinNoise is false).
   */
  identical: boolean;
  /** The finding in one sentence. */
  text: string;
}

export interface AppetiteCheckChange {
  limit: 'maxLevel' | 'maxEal' | 'maxCvar95';
  /** Each side's threshold, estimate and status; null when that side states no such limit. */
  before: { threshold: number | string; value: number; status: AppetiteStatus } | null;
  after: { threshold: number | string; value: number; status: AppetiteStatus } | null;
}

export interface RiskSide {
  level: Level;
  eal: number;
  borderline: boolean;
}

export interface RiskChange {
  id: string;
  before: RiskSide;
  after: RiskSide;
  /** up: a higher level after; down: a lower one. */
  direction: 'up' | 'down';
}

export interface ElementSpend {
  element: Element;
  /** Yearly cost of the controls of this element placed in each scenario, and the change. */
  before: number;
  after: number;
  change: number;
  placementsBefore: number;
  placementsAfter: number;
}

/** A treatment as the plan states it (status always; owner, due and decision when stated). */
export interface PlanEntry {
  status: TreatmentStatus;
  owner?: string;
  due?: string;
  decision?: string;
}

export interface PlanChange {
  id: string;
  name: string;
  /** null when the side has no such treatment (not yet proposed, folded by `apply`, or removed). */
  before: PlanEntry | null;
  after: PlanEntry | null;
}

/** The whole comparison (`compare --format json`). */
export interface Comparison {
  format: typeof COMPARE_FORMAT;
  currency: string;
  before: CompareSide;
  after: CompareSide;
  /** What makes the two sides less comparable: other seeds, trials, horizons or engine versions. */
  warnings: string[];
  measures: MeasureChange[];
  ealChange: EalChange;
  appetite: { before: AppetiteStatus | 'none'; after: AppetiteStatus | 'none'; checks: AppetiteCheckChange[] };
  risks: {
    before: number;
    after: number;
    levelsBefore: Record<Level, number>;
    levelsAfter: Record<Level, number>;
    /** Risks in both whose level changed, largest move first, then by id. */
    levelChanged: RiskChange[];
    /** Risks only after (a new threat, site or lane), and only before; each by EAL descending, then id. */
    appeared: Array<{ id: string } & RiskSide>;
    disappeared: Array<{ id: string } & RiskSide>;
  };
  controlSpend: { elements: ElementSpend[]; before: number; after: number; change: number };
  treatmentPlan: { before: Record<TreatmentStatus, number>; after: Record<TreatmentStatus, number>; treatments: PlanChange[] };
}

/** What `compareResults` knows besides the two documents: the paired difference, and where each side came from. */
export interface CompareOptions {
  /**
   * The mean and 95 % interval of the per-trial differences after − before, when both sides were
   * simulated over the same trials with the same seed (pairedDifference of their losses).
   */
  paired?: { mean: number; ci95: [number, number] };
  /** Where each side came from (default: results files, unnamed). */
  sources?: { before?: Pick<CompareSide, 'source' | 'file'>; after?: Pick<CompareSide, 'source' | 'file'> };
}

/** Two results that cannot be compared (other currencies). */
export class CompareError extends Error {}

function sideOf(r: Results, src: Pick<CompareSide, 'source' | 'file'> | undefined): CompareSide {
  return {
    source: src?.source ?? 'results',
    ...(src?.file !== undefined ? { file: src.file } : {}),
    scenario: r.scenario,
    scenarioHash: r.scenarioHash,
    seed: r.seed,
    trials: r.trials,
    engineVersion: r.engineVersion,
    horizonDays: r.horizonDays,
    ...(r.calibration ? { calibration: { incidents: r.calibration.incidents, from: r.calibration.from, to: r.calibration.to } } : {}),
  };
}

const MEASURES: ReadonlyArray<{ measure: MeasureChange['measure']; label: string; kind: 'money' | 'share'; ci?: 'ci95' | 'var95Ci95' | 'p99Ci95' | 'cvar95Ci95' | 'cvar99Ci95' }> = [
  { measure: 'eal', label: 'Expected annual loss (EAL)', kind: 'money', ci: 'ci95' },
  { measure: 'var95', label: '1-in-20-year loss (VaR95)', kind: 'money', ci: 'var95Ci95' },
  { measure: 'p99', label: '1-in-100-year loss (p99)', kind: 'money', ci: 'p99Ci95' },
  { measure: 'cvar95', label: 'Mean of worst 5 % (CVaR95)', kind: 'money', ci: 'cvar95Ci95' },
  { measure: 'cvar99', label: 'Mean of worst 1 % (CVaR99)', kind: 'money', ci: 'cvar99Ci95' },
  { measure: 'pAnyLoss', label: 'P(any loss in a year)', kind: 'share' },
  { measure: 'serviceLevel', label: 'Service level (all flows)', kind: 'share' },
];

/** Whether the two sides are the same run (EalChange.identical). */
function sameRun(before: Results, after: Results, paired: CompareOptions['paired']): boolean {
  if (paired) return paired.mean === 0 && paired.ci95[0] === 0 && paired.ci95[1] === 0;
  return (
    before.seed === after.seed &&
    before.trials === after.trials &&
    before.engineVersion === after.engineVersion &&
    before.horizonDays === after.horizonDays &&
    JSON.stringify(before.baseline) === JSON.stringify(after.baseline)
  );
}

function ealChangeOf(before: Results, after: Results, paired: CompareOptions['paired']): EalChange {
  const m = (x: number) => money(x, after.currency);
  if (sameRun(before, after, paired)) {
    const why = paired ? 'every simulated year has the same loss on both sides' : 'the same seed, trials, engine and loss distribution';
    return { change: 0, ci95: [0, 0], interval: paired ? 'paired' : 'unpaired', withinNoise: false, conservative: false, identical: true, text: `No change: the two runs are the same (${why}).` };
  }
  const change = paired?.mean ?? after.baseline.eal - before.baseline.eal;
  let ci95: [number, number];
  if (paired) ci95 = [paired.ci95[0], paired.ci95[1]];
  else {
    const half = Z95 * Math.sqrt(before.baseline.se * before.baseline.se + after.baseline.se * after.baseline.se);
    ci95 = [change - half, change + half];
  }
  const withinNoise = ci95[0] <= 0 && ci95[1] >= 0;
  // common random numbers only when both the seed and the trials match (the same years drawn)
  const conservative = !paired && before.seed === after.seed && before.trials === after.trials;
  const verb = change < 0 ? `fell by ${m(-change)}` : change > 0 ? `rose by ${m(change)}` : 'did not change';
  const how = paired
    ? 'paired: both simulated over the same trials with the same random numbers'
    : `unpaired, from the two standard errors${conservative ? '; conservative, since both sides share their seed and trials and so their random numbers' : ''}`;
  const verdict = withinNoise
    ? "This is within the simulation's noise: the interval holds zero, so the difference may be chance alone."
    : "This is beyond the simulation's noise: the interval excludes zero.";
  return { change, ci95, interval: paired ? 'paired' : 'unpaired', withinNoise, conservative, identical: false, text: `EAL ${verb} (95 % interval ${m(ci95[0])} to ${m(ci95[1])}; ${how}). ${verdict}` };
}

function levelCounts(r: Results): Record<Level, number> {
  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const k of r.risks) counts[k.level]++;
  return counts;
}

const byEal = (a: { id: string; eal: number }, b: { id: string; eal: number }) => b.eal - a.eal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function risksOf(before: Results, after: Results): Comparison['risks'] {
  const rank = (l: Level) => LEVELS.indexOf(l);
  const side = (k: Results['risks'][number]): RiskSide => ({ level: k.level, eal: k.eal, borderline: k.borderline });
  const was = new Map(before.risks.map((k) => [k.id, k]));
  const now = new Map(after.risks.map((k) => [k.id, k]));
  const levelChanged: RiskChange[] = [];
  for (const k of after.risks) {
    const b = was.get(k.id);
    if (b === undefined || b.level === k.level) continue;
    levelChanged.push({ id: k.id, before: side(b), after: side(k), direction: rank(k.level) > rank(b.level) ? 'up' : 'down' });
  }
  levelChanged.sort((a, b) => Math.abs(rank(b.after.level) - rank(b.before.level)) - Math.abs(rank(a.after.level) - rank(a.before.level)) || (a.id < b.id ? -1 : 1));
  return {
    before: before.risks.length,
    after: after.risks.length,
    levelsBefore: levelCounts(before),
    levelsAfter: levelCounts(after),
    levelChanged,
    appeared: after.risks.filter((k) => !was.has(k.id)).map((k) => ({ id: k.id, ...side(k) })).sort(byEal),
    disappeared: before.risks.filter((k) => !now.has(k.id)).map((k) => ({ id: k.id, ...side(k) })).sort(byEal),
  };
}

function spendOf(before: Results, after: Results): Comparison['controlSpend'] {
  const sum = (r: Results) => {
    const by = new Map<Element, { cost: number; placements: number }>();
    for (const c of r.controls) {
      const e = by.get(c.element) ?? { cost: 0, placements: 0 };
      e.cost += c.annualCost;
      e.placements += c.placements;
      by.set(c.element, e);
    }
    return by;
  };
  const b = sum(before);
  const a = sum(after);
  const elements = ELEMENTS.filter((e) => b.has(e) || a.has(e)).map((element) => {
    const x = b.get(element) ?? { cost: 0, placements: 0 };
    const y = a.get(element) ?? { cost: 0, placements: 0 };
    return { element, before: x.cost, after: y.cost, change: y.cost - x.cost, placementsBefore: x.placements, placementsAfter: y.placements };
  });
  const total = (m: Map<Element, { cost: number }>) => [...m.values()].reduce((s, e) => s + e.cost, 0);
  return { elements, before: total(b), after: total(a), change: total(a) - total(b) };
}

function planOf(before: Results, after: Results): Comparison['treatmentPlan'] {
  const counts = (r: Results) => {
    const c = Object.fromEntries(TREATMENT_STATUSES.map((s) => [s, 0])) as Record<TreatmentStatus, number>;
    for (const t of r.treatments) c[t.status]++;
    return c;
  };
  const entry = (t: Results['treatments'][number]): PlanEntry => ({
    status: t.status,
    ...(t.owner !== undefined ? { owner: t.owner } : {}),
    ...(t.due !== undefined ? { due: t.due } : {}),
    ...(t.decision !== undefined ? { decision: t.decision } : {}),
  });
  const was = new Map(before.treatments.map((t) => [t.id, t]));
  const now = new Set(after.treatments.map((t) => t.id));
  const treatments: PlanChange[] = [
    ...after.treatments.map((t) => {
      const b = was.get(t.id);
      return { id: t.id, name: t.name, before: b === undefined ? null : entry(b), after: entry(t) };
    }),
    ...before.treatments.filter((t) => !now.has(t.id)).map((t) => ({ id: t.id, name: t.name, before: entry(t), after: null })),
  ];
  return { before: counts(before), after: counts(after), treatments };
}

function appetiteOf(before: Results, after: Results): Comparison['appetite'] {
  const status = (r: Results) => (r.appetite.checks.length === 0 ? 'none' : r.appetite.status);
  const check = (r: Results, limit: AppetiteCheckChange['limit']) => {
    const c = r.appetite.checks.find((x) => x.limit === limit);
    return c === undefined ? null : { threshold: c.threshold, value: c.value, status: c.status };
  };
  const limits = (['maxLevel', 'maxEal', 'maxCvar95'] as const).filter((l) => check(before, l) !== null || check(after, l) !== null);
  return { before: status(before), after: status(after), checks: limits.map((limit) => ({ limit, before: check(before, limit), after: check(after, limit) })) };
}

function warningsOf(before: Results, after: Results, paired: CompareOptions['paired'], sources: CompareOptions['sources']): string[] {
  const w: string[] = [];
  const show = (v: number | string) => JSON.stringify(v);
  if (before.seed !== after.seed) w.push(`the seeds differ (${show(before.seed)} before, ${show(after.seed)} after): the two sides do not share their random numbers, so some of the difference is noise`);
  if (before.trials !== after.trials) w.push(`the trial counts differ (${before.trials} before, ${after.trials} after): the two estimates are not equally precise`);
  if (before.horizonDays !== after.horizonDays) w.push(`the horizons differ (${before.horizonDays} and ${after.horizonDays} days): every expected figure is per horizon, so they are not comparable as they stand`);
  if (before.engineVersion !== after.engineVersion) w.push(`the engine versions differ (${before.engineVersion} and ${after.engineVersion}): part of the difference may come from the engine`);
  if (!paired && before.seed === after.seed && before.trials === after.trials && !sameRun(before, after, paired)) {
    // what to give instead: the scenario of each side that is results (one side may be a scenario already)
    const asResults = (['before', 'after'] as const).filter((k) => (sources?.[k]?.source ?? 'results') === 'results');
    const advice =
      asResults.length === 0
        ? 'simulate the two scenarios together for the paired interval'
        : asResults.length === 2
        ? 'give the two scenarios instead of their results for the paired interval'
        : `give the scenario of ${sources?.[asResults[0]!]?.file ?? `the ${asResults[0]} side`} instead of its results, so both sides are simulated together, for the paired interval`;
    w.push(`both sides share their seed and trials but were not simulated together here: the interval of the EAL change is unpaired and wider than it needs to be; ${advice}`);
  }
  return w;
}

/**
 * What changed from `before` to `after` (changes are after − before; a negative EAL change is less
 * loss). `opts.paired` is the paired difference of their per-trial losses when both were simulated
 * over the same trials with the same seed; without it the EAL interval is unpaired. Throws a
 * CompareError when the currencies differ.
 */
export function compareResults(before: Results, after: Results, opts: CompareOptions = {}): Comparison {
  if (before.currency !== after.currency) throw new CompareError(`the currencies differ (${before.currency} before, ${after.currency} after): amounts in two currencies cannot be compared`);
  const measures = MEASURES.map(({ measure, label, kind, ci }) => {
    const b = before.baseline[measure];
    const a = after.baseline[measure];
    return {
      measure,
      label,
      kind,
      before: b,
      after: a,
      change: a - b,
      relativeChange: b !== 0 ? (a - b) / b : null,
      beforeCi95: ci ? ([...before.baseline[ci]] as [number, number]) : null,
      afterCi95: ci ? ([...after.baseline[ci]] as [number, number]) : null,
    };
  });
  return {
    format: COMPARE_FORMAT,
    currency: after.currency,
    before: sideOf(before, opts.sources?.before),
    after: sideOf(after, opts.sources?.after),
    warnings: warningsOf(before, after, opts.paired, opts.sources),
    measures,
    ealChange: ealChangeOf(before, after, opts.paired),
    appetite: appetiteOf(before, after),
    risks: risksOf(before, after),
    controlSpend: spendOf(before, after),
    treatmentPlan: planOf(before, after),
  };
}
