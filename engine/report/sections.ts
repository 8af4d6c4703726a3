// What every report format carries, in this order, and the sentences that explain it, so the table,
// Markdown and CSV reports say the same things in the same words (README.md, "Results"). The JSON
// output is `Results` itself; `jsonField` names where each section lives there.
import type { Results, RiskRow, TreatmentResult } from '../results/schema.js';
import { count, money, num, percent, plural } from '../text/format.js';

export type SectionId = 'summary' | 'appetite' | 'risks' | 'treatments' | 'flows' | 'riskControlList' | 'sensitivity' | 'warnings' | 'run';

/** The sections of a report in order: an id, its title (Markdown heading, CSV block title) and its field in the JSON results. */
export const SECTIONS: ReadonlyArray<{ id: SectionId; title: string; jsonField: keyof Results }> = [
  { id: 'summary', title: 'Summary', jsonField: 'baseline' },
  { id: 'appetite', title: 'Appetite', jsonField: 'appetite' },
  { id: 'risks', title: 'Risk register', jsonField: 'risks' },
  { id: 'treatments', title: 'Treatments', jsonField: 'treatments' },
  { id: 'flows', title: 'Flows', jsonField: 'flows' },
  { id: 'riskControlList', title: 'Risk control list', jsonField: 'riskControlList' },
  { id: 'sensitivity', title: 'Sensitivity', jsonField: 'sensitivity' },
  { id: 'warnings', title: 'Warnings', jsonField: 'warnings' },
  { id: 'run', title: 'Run', jsonField: 'run' },
];

export function titleOf(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)!.title;
}

/** Risks listed in the table and Markdown reports unless `--top` says otherwise. */
export const DEFAULT_TOP = 15;
/** Risk-control-list entries, sensitivity rows and warnings listed unless `--wide`. */
export const LISTED_CONTROL_ENTRIES = 10;
export const LISTED_SENSITIVITY_ROWS = 15;
export const LISTED_WARNINGS = 10;
/** Flows listed unless `--wide` (those with the most expected loss, when there are more). */
export const LISTED_FLOWS = 20;

/** The flows a report lists: all with `wide` or when few, else the LISTED_FLOWS with the most expected loss, in scenario order. */
export function listedFlows<F extends { eal: number }>(flows: readonly F[], wide: boolean): F[] {
  if (wide || flows.length <= LISTED_FLOWS) return [...flows];
  const keep = new Set([...flows].sort((a, b) => b.eal - a.eal).slice(0, LISTED_FLOWS));
  return flows.filter((f) => keep.has(f));
}

/** What a renderer is asked for: how many risks, and whether anything may be cut to fit 120 columns. */
export interface ReportOptions {
  /** Risks listed (table and Markdown; CSV and JSON carry them all). Default DEFAULT_TOP. */
  top?: number;
  /** Full names and sentences, every entry: no line is cut to fit the terminal. */
  wide?: boolean;
}

/** One figure of the summary: its field in `baseline`, its label, its value and 95 % interval if it has one. */
export interface Measure {
  field: string;
  label: string;
  value: number;
  kind: 'money' | 'share';
  ci95?: readonly [number, number];
  /** EAL: the interval is symmetric, so it reads as "± half-width" too. */
  symmetric?: boolean;
}

/**
 * "value ± half-width" of a symmetric 95 % interval, read from the interval the results carry (the
 * EAL's ci95, a treatment's ealCi95, a route option's ealCi95), never recomputed from a standard
 * error. `half` writes the half-width when the value is written differently (a signed change).
 */
export function plusMinus(value: number, ci95: readonly [number, number], m: (x: number) => string, half: (x: number) => string = m): string {
  return `${m(value)} ± ${half((ci95[1] - ci95[0]) / 2)}`;
}

/** The summary's figures, in the order every report lists them. */
export function summaryMeasures(r: Results): Measure[] {
  const b = r.baseline;
  return [
    { field: 'eal', label: 'Expected annual loss (EAL)', value: b.eal, kind: 'money', ci95: b.ci95, symmetric: true },
    { field: 'directEal', label: '  direct loss', value: b.directEal, kind: 'money' },
    { field: 'interruptionEal', label: '  interruption cost', value: b.interruptionEal, kind: 'money' },
    { field: 'rerouteEal', label: '  reroute cost', value: b.rerouteEal, kind: 'money' },
    { field: 'var95', label: '1-in-20-year loss (VaR95)', value: b.var95, kind: 'money', ci95: b.var95Ci95 },
    { field: 'p99', label: '1-in-100-year loss (p99)', value: b.p99, kind: 'money', ci95: b.p99Ci95 },
    { field: 'cvar95', label: 'Mean of worst 5 % (CVaR95)', value: b.cvar95, kind: 'money', ci95: b.cvar95Ci95 },
    { field: 'cvar99', label: 'Mean of worst 1 % (CVaR99)', value: b.cvar99, kind: 'money', ci95: b.cvar99Ci95 },
    { field: 'pAnyLoss', label: 'P(any loss in a year)', value: b.pAnyLoss, kind: 'share' },
    { field: 'serviceLevel', label: 'Service level (all flows)', value: b.serviceLevel, kind: 'share' },
  ];
}

/** The notes each section ends with, in the reports' words. */
/** The mark after a borderline risk's level (the explorer uses the same). */
export const BORDERLINE_MARK = '~';

/**
 * The reports speak of years ("expected annual loss", "1-in-20-year loss"): one simulated year is
 * one horizon. For a horizon other than 365 days this sentence says what a "year" then means.
 */
export function horizonNote(horizonDays: number): string | undefined {
  if (horizonDays === 365) return undefined;
  const days = `${horizonDays.toLocaleString('en-US')}-day`;
  return `Horizon: every "year" in this report is one ${days} horizon: the expected "annual" loss is the expected loss per ${days} horizon, a "1-in-20-year" loss is exceeded in 1 horizon in 20, and appetite limits are compared per horizon.`;
}

/** Where the rates come from, when the scenario was calibrated (its `calibration` block): one sentence, else undefined. */
export function calibrationNote(r: Results): string | undefined {
  const c = r.calibration;
  if (c === undefined) return undefined;
  return `Calibrated: rates fitted to the incident log ${c.incidents} (${c.from} to ${c.to}, ${num(c.years)} ${c.years === 1 ? 'year' : 'years'}; the scenario's own figures weighted as ${num(c.weight)} ${c.weight === 1 ? 'year' : 'years'} of evidence).`;
}

export const NOTES = {
  parts: 'EAL = direct loss + interruption cost (after buffer stock) + reroute cost (the extra transport cost of detours while primary routes are down).',
  serviceLevel:
    "Service level: the share of the horizon a flow can be delivered, 1 − interrupted days / horizon days; the summary's is over all flows.",
  uncertain: 'uncertain: the 95 % interval straddles the limit, so more trials (--target-se) or another seed may tip it either way.',
  borderline: `${BORDERLINE_MARK}: borderline, the loss-per-event interval straddles an impact band edge that changes the level, so the level may change with the seed.`,
  levels: 'level: ISO 28000 level from likelihood × impact (L×I, bands 1–5).',
  pEvent:
    'P(≥1): chance of at least one event a year, 1 − e^−λ from the rate (the likelihood band is read from it); simulated: share of simulated years with one, a check.',
  tail: 'tail: mean loss of the risk over the worst 5 % of years (the tails add up to CVaR95).',
  treatments:
    'Reductions are paired with the baseline (the same random numbers), so their intervals are narrow; ROSI = net benefit / annual cost, — when the treatment costs nothing or saves money (no cost to return on). `--treatments` takes the ids.',
  treatmentStatus:
    'status: where each treatment stands in the risk treatment plan (proposed, approved, in-progress, done, rejected); every treatment is simulated whatever its status. `chainward apply` folds a done one into the scenario.',
  flows: (r: Results) =>
    `A flow's EAL counts only the losses on its own shipments, its interruption cost and its reroute cost; site stock and fixed-amount losses belong to no flow, so the flows' EALs do not add up to the network EAL (${money(r.baseline.eal, r.currency)}).`,
  controlList: 'Levels and EALs after are estimates from the register: simulate the chosen option as a treatment (or use `chainward optimize`).',
  triggered:
    "triggered: the part of a risk's EAL that only the windows opened by another threat's events let in (a cascade: while a window is open the risk's rate is multiplied; already counted in its EAL).",
  atOnce: 'at once: a common-cause threat (jointly): each of its events hits that many targets together, with one shared downtime.',
} as const;

/** A rate multiplier as the reports and the explorer write it: "× 3", "× 2.5". */
export function factorText(factor: number): string {
  return `× ${num(factor)}`;
}

/** A common-cause risk in words: "hits 3 targets at once". */
export function jointText(targets: number): string {
  return `hits ${plural(targets, 'target')} at once`;
}

/** The cascades of the listed risks, one per raised threat, factor and raising threats (a region window may raise many risks). */
export interface CascadeGroup {
  threat: string;
  factor: number;
  triggeredBy: readonly string[];
  risks: number;
  excessEal: number;
}

/** The risks with a cascade grouped as `CascadeGroup`s, in the order the risks come. */
export function cascadeGroups(risks: readonly RiskRow[]): CascadeGroup[] {
  const groups = new Map<string, CascadeGroup>();
  for (const r of risks) {
    const c = r.cascade;
    if (!c) continue;
    const key = JSON.stringify([r.threat, c.factor, c.triggeredBy]);
    const g = groups.get(key);
    if (g) {
      g.risks++;
      g.excessEal += c.excessEal;
    } else groups.set(key, { threat: r.threat, factor: c.factor, triggeredBy: c.triggeredBy, risks: 1, excessEal: c.excessEal });
  }
  return [...groups.values()];
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}`;
}

/** One group as a sentence: "hijack-road × 3 while a window opened by breach-forwarder is open (2 risks listed, €240K triggered)". */
export function cascadeSentence(g: CascadeGroup, m: (x: number) => string): string {
  const by = g.triggeredBy.length ? orList(g.triggeredBy) : 'another threat';
  return `${g.threat} ${factorText(g.factor)} while a window opened by ${by} is open (${plural(g.risks, 'risk')} listed, ${m(g.excessEal)} triggered)`;
}

/** The appetite in a few words: "within appetite", "BREACHED (2 of 3 limits)", "UNCERTAIN (1 of 3 limits)". */
export function appetiteHeadline(r: Results): string {
  const a = r.appetite;
  const n = a.checks.length;
  if (n === 0) return 'none stated in the scenario';
  if (a.status === 'within') return 'within appetite';
  const breached = a.checks.filter((c) => c.status === 'breached').length;
  const uncertain = a.checks.filter((c) => c.status === 'uncertain').length;
  const parts = [breached > 0 ? `${breached} of ${n} ${n === 1 ? 'limit' : 'limits'} breached` : '', uncertain > 0 ? `${uncertain} uncertain` : ''].filter(Boolean);
  return `${a.status.toUpperCase()} (${parts.join(', ')})`;
}

/** An appetite check's limit, estimate and interval as text: "€6M", "€6.51M", "€6.13M to €6.9M"; maxLevel counts risks. */
export function appetiteCells(r: Results, c: Results['appetite']['checks'][number]): { threshold: string; value: string; interval: string } {
  if (c.limit === 'maxLevel') {
    return { threshold: String(c.threshold), value: plural(c.value, 'risk'), interval: `${count(c.ci95[0])} to ${plural(c.ci95[1], 'risk')}` };
  }
  const m = (x: number) => money(x, r.currency);
  return { threshold: typeof c.threshold === 'number' ? m(c.threshold) : String(c.threshold), value: m(c.value), interval: `${m(c.ci95[0])} to ${m(c.ci95[1])}` };
}

/** The run in one line: speed, workers, wall time, and with a target standard error how it ended. */
export function runLine(r: Results): string {
  const run = r.run;
  const speed = `${count(run.trialsPerSecond)} trials/s on ${plural(run.workers, 'worker')}, ${(run.wallMs / 1000).toFixed(2)} s`;
  if (run.targetSe === undefined) return `${plural(r.trials, 'trial')}; ${speed}`;
  const reached = run.achievedRelativeSe === undefined ? '' : `, reached ${percent(run.achievedRelativeSe, 2)}`;
  const stopped = run.stoppedBy === 'target' ? 'stopped by the target' : run.stoppedBy === 'max-trials' ? 'stopped at --max-trials before reaching the target' : '';
  return `${plural(r.trials, 'trial')}, target relative SE ${percent(run.targetSe, 2)}${reached}, ${stopped}; ${speed}`;
}

/** A ROSI as the reports write it: whole per cent with a true minus ("−72 %", like money), "—" when there is no cost. CSV keeps plain numbers. */
export function rosiText(rosi: number | null): string {
  if (rosi === null) return '—';
  const s = percent(rosi, 0);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** Whether a treatment states any part of its plan beyond its status: an owner, a due date or a decision. */
export function hasPlan(t: TreatmentResult): boolean {
  return t.owner !== undefined || t.due !== undefined || t.decision !== undefined;
}

/** A treatment's plan in words, as stated: "owner Port security · due 2027-03-31 · decision: approved at the 2026 review". */
export function planText(t: Pick<TreatmentResult, 'owner' | 'due' | 'decision'>): string {
  return [t.owner !== undefined ? `owner ${t.owner}` : '', t.due !== undefined ? `due ${t.due}` : '', t.decision !== undefined ? `decision: ${t.decision}` : '']
    .filter(Boolean)
    .join(' · ');
}
