// The management review pack as a document of plain data: its sections in the order an ISO 28000
// management review takes them (clause 9.3: previous actions, changes, performance, the risk
// assessment and treatment plan, improvement), each with its key sentence, figures, tables and the
// charts it shows. The HTML pack (explorer/report/) and the Markdown pack (review-pack-markdown.ts)
// render this one model, so both say the same things (docs/review-pack.md). No DOM, no I/O.
import { levelRank } from '../analysis/criteria.js';
import type { ElementEffect } from '../analysis/control-effectiveness.js';
import { ELEMENTS, LEVELS, type Element, type Level, type Scenario } from '../model/schema.js';
import type { Results, RiskRow, TreatmentResult } from '../results/schema.js';
import { count, money, num, percent, plural } from '../text/format.js';
import type { ChartId, KeyFigure, PackBlock, PackRow } from './review-pack-blocks.js';
import { calibrationBlocks } from './review-pack-calibration.js';
import { appetiteCells, appetiteHeadline, BORDERLINE_MARK, horizonNote, NOTES, rosiText } from './sections.js';

/** What the pack is made from. Everything but the results is optional; a section whose input is missing says what to pass. */
export interface ReviewPackInput {
  results: Results;
  /** The scenario the results were run on: names, the network (map, stress), the treatment plan, the calibration. */
  scenario?: Scenario;
  /** Control effectiveness by element, measured by simulating without each element's controls. */
  effects?: ElementEffect[];
  /** The changes since the previous review (a comparison of two runs, review-pack-changes.ts), or why there are none; absent: no section. */
  changes?: SectionContent;
  /** The stress test's finding and blocks, or why there are none. */
  stress?: SectionContent;
  /** The date of the review, YYYY-MM-DD, as given; no date is made up (the pack must be reproducible). */
  reviewDate?: string;
  /** What the pack was made from, for the provenance: the input file's name, and the previous results' when compared. */
  source?: { input: string; kind: 'results' | 'scenario'; scenarioFile?: string; previous?: string; previousHash?: string };
  /** The engine that made the pack (may differ from the one that ran the results). */
  packEngineVersion?: string;
  /** How a missing scenario is supplied, in the words of the tool that makes the pack ("pass --scenario SCENARIO.json"). */
  howToAddScenario?: string;
}

/** A section made elsewhere: its finding and blocks, or why it is not available. */
export type SectionContent = { lead: string; blocks: PackBlock[] } | { unavailable: string };

export type { ChartId, KeyFigure, PackBlock, PackColumn, PackRow } from './review-pack-blocks.js';

export type SectionId = 'summary' | 'changes' | 'map' | 'assessment' | 'register' | 'treatment-plan' | 'controls' | 'cost-benefit' | 'stress' | 'calibration' | 'provenance';

export interface PackSection {
  id: SectionId;
  title: string;
  /** The section's finding in one sentence, first. */
  lead: string;
  blocks: PackBlock[];
}

export interface ReviewPack {
  title: string;
  subtitle: string;
  scenario: string;
  currency: string;
  sections: PackSection[];
}

/** The section titles, in the order of the pack (ISO 28000 clause 9.3's inputs). */
export const PACK_SECTIONS: ReadonlyArray<{ id: SectionId; title: string }> = [
  { id: 'summary', title: 'Executive summary' },
  { id: 'changes', title: 'Changes since the last review' },
  { id: 'map', title: 'Exposure map' },
  { id: 'assessment', title: 'Risk assessment' },
  { id: 'register', title: 'Risk register' },
  { id: 'treatment-plan', title: 'Risk control list and treatment plan' },
  { id: 'controls', title: 'Control effectiveness by ISO 28000 element' },
  { id: 'cost-benefit', title: 'Treatment cost–benefit' },
  { id: 'stress', title: 'Stress test' },
  { id: 'calibration', title: 'Calibration' },
  { id: 'provenance', title: 'Provenance' },
];

/** ISO 28000 control elements as a review names them. */
export const ELEMENT_TITLES: Record<Element, string> = {
  policy: 'Security policy and organisation',
  risk: 'Risk assessment and treatment',
  supplier: 'Supplier and partner security',
  facility: 'Facility and physical security',
  transport: 'Transport and logistics security',
  personnel: 'Personnel security',
  information: 'Information security',
  emergency: 'Emergency preparedness and response',
  monitoring: 'Monitoring, audit and improvement',
};

/** The one-sentence captions of the charts: what each shows, for a reader who has not seen the explorer. */
export const CHART_CAPTIONS: Record<ChartId, string> = {
  map: "Where the exposure sits: each site is a circle whose area grows with its expected annual loss and whose colour is the highest level of its risks; each lane is a line whose colour and width grow with its expected annual loss.",
  matrix: 'Every risk placed by likelihood (rows) and impact (columns); a cell’s colour is its ISO 28000 level, and cells above the appetite’s level are hatched.',
  ranking: 'The risks with the largest expected annual loss, and the risks that weigh most in the worst 5 % of years.',
  exceedance: 'The chance that a year’s loss exceeds each amount, for the network as it is and with each treatment; the 1-in-20 and 1-in-100-year losses are marked.',
  controls: 'For each ISO 28000 element, what its controls cost a year beside the expected loss they avoid (measured by simulating the network without them).',
  treatments: 'Each treatment’s yearly cost against the expected annual loss it avoids, with its 95 % interval; a treatment above the break-even line avoids more than it costs.',
  stress: 'Each site and lane taken down for its time to recover, ranked by the loss over that time, beside its time to recover against the time the network survives it; marked where it cannot (TTS < TTR).',
};

/** The appetite's limits as a review names them. */
export const APPETITE_LIMITS: Record<Results['appetite']['checks'][number]['limit'], string> = {
  maxLevel: 'Highest acceptable risk level',
  maxEal: 'Expected annual loss limit',
  maxCvar95: 'CVaR95 limit',
};

const LEVEL_WORDS: Record<Level, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

/** A level as the pack writes it: "High 4×4", with the borderline mark when it may change with the seed. */
function levelCell(level: Level, likelihood: number, impact: number, borderline: boolean): string {
  return `${LEVEL_WORDS[level]}${borderline ? ` ${BORDERLINE_MARK}` : ''} (${likelihood}×${impact})`;
}

/** The treatment plan's fields of a treatment: from the results when they carry them, else from the scenario. */
export interface PlanFields {
  status: string;
  owner?: string;
  due?: string;
  decision?: string;
}

export function planFields(t: TreatmentResult, scenario: Scenario | undefined): PlanFields {
  // results written before the plan was carried have none of these fields: read them loosely
  const r = t as TreatmentResult & Partial<PlanFields>;
  const s = scenario?.treatments?.find((x) => x.id === t.id);
  const owner = r.owner ?? s?.owner;
  const due = r.due ?? s?.due;
  const decision = r.decision ?? s?.decision;
  return { status: r.status ?? s?.status ?? 'proposed', ...(owner !== undefined ? { owner } : {}), ...(due !== undefined ? { due } : {}), ...(decision !== undefined ? { decision } : {}) };
}

/** Names of threats, sites and lanes from the scenario, else their ids. */
function namer(scenario: Scenario | undefined): { threat: (id: string) => string; target: (id: string) => string; risk: (r: RiskRow) => string } {
  const threats = new Map((scenario?.threats ?? []).map((t) => [t.id, t.name ?? t.id]));
  const targets = new Map<string, string>();
  for (const s of scenario?.sites ?? []) targets.set(s.id, s.name ?? s.id);
  for (const l of scenario?.lanes ?? []) targets.set(l.id, l.name ?? l.id);
  const threat = (id: string) => threats.get(id) ?? id;
  const target = (id: string) => targets.get(id) ?? id;
  return { threat, target, risk: (r) => `${threat(r.threat)} — ${target(r.target)}` };
}

/** "3 of 3 limits breached", "1 of 3 uncertain", "all 3 limits within". */
function appetiteCounts(r: Results): string {
  const n = r.appetite.checks.length;
  const breached = r.appetite.checks.filter((c) => c.status === 'breached').length;
  const uncertain = r.appetite.checks.filter((c) => c.status === 'uncertain').length;
  if (breached === 0 && uncertain === 0) return `all ${plural(n, 'limit')} within`;
  return [breached ? `${breached} of ${plural(n, 'limit')} breached` : '', uncertain ? `${uncertain} of ${n} uncertain` : ''].filter(Boolean).join(', ');
}

/**
 * The treatment still to decide or carry out (neither done nor rejected) with the largest positive
 * net benefit; undefined when none pays for itself.
 */
export function bestOpenTreatment(treatments: readonly TreatmentResult[], scenario: Scenario | undefined): TreatmentResult | undefined {
  const open = treatments.filter((t) => {
    const status = planFields(t, scenario).status;
    return status !== 'done' && status !== 'rejected' && t.netBenefit > 0;
  });
  return [...open].sort((x, y) => y.netBenefit - x.netBenefit)[0];
}

const worse = (a: Level | null, b: Level): Level => (a === null || levelRank(b) > levelRank(a) ? b : a);

/** Builds the review pack's document from the results and whatever else is at hand. */
export function reviewPack(input: ReviewPackInput): ReviewPack {
  const r = input.results;
  const scenario = input.scenario;
  const m = (x: number) => money(x, r.currency);
  const interval = (ci: readonly [number, number]) => `95 % interval ${m(ci[0])} to ${m(ci[1])}`;
  const names = namer(scenario);
  const maxLevel = scenario?.appetite?.maxLevel ?? (r.appetite.checks.find((c) => c.limit === 'maxLevel')?.threshold as Level | undefined);
  const title = (id: SectionId) => PACK_SECTIONS.find((s) => s.id === id)!.title;
  const addScenario = input.howToAddScenario ?? 'give the scenario these results were run on';
  const sections: PackSection[] = [];
  const b = r.baseline;
  // the scenario's treatments the results were run without (`run --treatments none` or a list)
  const simulated = new Set(r.treatments.map((t) => t.id));
  const notSimulated = (scenario?.treatments ?? []).filter((t) => !simulated.has(t.id));
  const ranWithout =
    r.treatments.length === 0
      ? `These results were run without treatments: what the scenario’s ${plural(notSimulated.length, 'treatment')} would avoid was not simulated. Run them with chainward run SCENARIO.json --treatments all --format json, or give the scenario to chainward report.`
      : `These results were run without ${count(notSimulated.length)} of the scenario’s treatments (${notSimulated.map((t) => t.name).join('; ')}): what ${notSimulated.length === 1 ? 'it' : 'they'} would avoid was not simulated. Run every treatment with chainward run SCENARIO.json --treatments all --format json.`;

  // ---- executive summary
  {
    const appetite = r.appetite;
    const figures: KeyFigure[] = [
      { label: 'Expected annual loss (EAL)', value: m(b.eal), interval: interval(b.ci95) },
      { label: '1-in-100-year loss (p99)', value: m(b.p99), interval: interval(b.p99Ci95) },
      { label: 'Mean of the worst 5 % of years (CVaR95)', value: m(b.cvar95), interval: interval(b.cvar95Ci95) },
      { label: 'Service level (all flows)', value: percent(b.serviceLevel, 2), interval: 'no interval: a mean over the simulated years of the share of days delivered' },
      {
        label: 'Risk appetite',
        value: appetite.checks.length === 0 ? 'none stated' : appetite.status === 'within' ? 'within' : appetite.status.toUpperCase(),
        interval: appetite.checks.length === 0 ? 'the scenario states no appetite' : appetiteCounts(r),
        ...(appetite.checks.length > 0 ? { status: appetite.status } : {}),
      },
    ];
    const findings: string[] = [];
    for (const c of appetite.checks) {
      const cells = appetiteCells(r, c);
      const status = c.status === 'within' ? 'within' : c.status.toUpperCase();
      // a count of risks above the level is exact unless borderline risks make it uncertain
      const estimate = c.limit === 'maxLevel' ? `${cells.value} above it${c.ci95[0] === c.ci95[1] ? '' : `, 95 % interval ${cells.interval}`}` : `estimate ${cells.value}, 95 % interval ${cells.interval}`;
      findings.push(`${APPETITE_LIMITS[c.limit]} (${cells.threshold}): ${status}, ${estimate}.`);
    }
    const top = r.risks.slice(0, 3);
    if (top.length > 0) {
      const share = top.reduce((s, k) => s + k.share, 0);
      findings.push(`The ${top.length === 1 ? 'largest risk carries' : `${top.length} largest risks carry`} ${percent(share, 0)} of the expected annual loss: ${top.map((k) => `${names.risk(k)} (${m(k.eal)})`).join('; ')}.`);
    }
    const above = r.riskControlList.length;
    if (maxLevel !== undefined) findings.push(above === 0 ? `No risk is above the appetite’s level (${maxLevel}).` : `${plural(above, 'risk')} ${above === 1 ? 'is' : 'are'} above the appetite’s level (${maxLevel}) and need${above === 1 ? 's' : ''} a treatment decision (the risk control list).`);
    const best = bestOpenTreatment(r.treatments, scenario);
    if (best) findings.push(`Best open treatment by net benefit: ${best.name} (avoids ${m(best.delta.eal)} a year for ${m(best.annualCost)}, net benefit ${m(best.netBenefit)}${best.rosi === null ? '' : `, ROSI ${rosiText(best.rosi)}`}).`);
    else if (r.treatments.length > 0) findings.push('No open treatment pays for itself: none that is neither done nor rejected avoids more expected loss than it costs.');
    const blocks: PackBlock[] = [{ kind: 'figures', items: figures }, { kind: 'list', items: findings }];
    const horizon = horizonNote(r.horizonDays);
    blocks.push({ kind: 'text', text: `${plural(r.trials, 'simulated year')}, seed ${String(r.seed)}. Each figure is an estimate from the simulation; its 95 % interval is how far it could move with another seed. ${NOTES.parts}`, note: true });
    if (horizon) blocks.push({ kind: 'text', text: horizon, note: true });
    sections.push({
      id: 'summary',
      title: title('summary'),
      lead: `Expected annual loss ${m(b.eal)}, 1-in-100-year loss ${m(b.p99)}; appetite: ${appetiteHeadline(r)}.`,
      blocks,
    });
  }

  // ---- changes since the last review
  if (input.changes !== undefined) {
    const c = input.changes;
    sections.push(
      'unavailable' in c
        ? { id: 'changes', title: title('changes'), lead: 'No comparison with the previous review.', blocks: [{ kind: 'unavailable', text: c.unavailable }] }
        : { id: 'changes', title: title('changes'), lead: c.lead, blocks: c.blocks },
    );
  }

  // ---- exposure map
  {
    const targets = [...r.targets].sort((x, y) => y.eal - x.eal);
    const levelOf = new Map<string, Level | null>();
    for (const k of r.risks) levelOf.set(k.target, worse(levelOf.get(k.target) ?? null, k.level));
    const shown = targets.slice(0, 10);
    const share = shown.reduce((s, t) => s + t.share, 0);
    const blocks: PackBlock[] = [];
    if (scenario) blocks.push({ kind: 'chart', chart: 'map', caption: CHART_CAPTIONS.map });
    else blocks.push({ kind: 'unavailable', text: `Not available: the map needs the network (sites, lanes and their coordinates), which the results do not carry; ${addScenario}.` });
    blocks.push({
      kind: 'table',
      caption: `The ${plural(shown.length, 'site or lane', 'sites and lanes')} with the most expected loss`,
      columns: [{ title: 'site or lane' }, { title: 'kind' }, { title: 'highest level' }, { title: 'EAL', align: 'right' }, { title: 'share', align: 'right' }],
      rows: shown.map((t) => {
        const l = levelOf.get(t.id) ?? null;
        return { cells: [names.target(t.id), t.kind, l ? LEVEL_WORDS[l] : '—', m(t.eal), percent(t.share)], ...(l ? { level: l } : {}) };
      }),
    });
    sections.push({
      id: 'map',
      title: title('map'),
      lead: shown.length ? `${plural(shown.length, 'site or lane', 'sites and lanes')} carry ${percent(share, 0)} of the expected annual loss; the largest is ${names.target(shown[0]!.id)} (${m(shown[0]!.eal)}).` : 'No site or lane carries a loss.',
      blocks,
    });
  }

  // ---- risk assessment: matrix, ranking, loss exceedance
  {
    const byLevel = LEVELS.map((l) => ({ l, n: r.risks.filter((k) => k.level === l).length, borderline: r.risks.filter((k) => k.level === l && k.borderline).length, eal: r.risks.filter((k) => k.level === l).reduce((s, k) => s + k.eal, 0) })).reverse();
    const worst = byLevel.find((x) => x.n > 0);
    sections.push({
      id: 'assessment',
      title: title('assessment'),
      lead: worst ? `${plural(r.risks.length, 'risk')} assessed; the worst level is ${worst.l} (${plural(worst.n, 'risk')}).` : 'No risks in the register.',
      blocks: [
        {
          kind: 'table',
          columns: [{ title: 'level' }, { title: 'risks', align: 'right' }, { title: 'of which borderline', align: 'right' }, { title: 'EAL', align: 'right' }, { title: 'share of EAL', align: 'right' }],
          rows: byLevel.map((x) => ({ cells: [LEVEL_WORDS[x.l], count(x.n), count(x.borderline), m(x.eal), percent(b.eal > 0 ? x.eal / b.eal : 0)], level: x.l })),
        },
        { kind: 'chart', chart: 'matrix', caption: CHART_CAPTIONS.matrix },
        { kind: 'chart', chart: 'ranking', caption: CHART_CAPTIONS.ranking },
        { kind: 'chart', chart: 'exceedance', caption: CHART_CAPTIONS.exceedance },
        { kind: 'text', text: `${NOTES.levels} ${BORDERLINE_MARK} ${NOTES.borderline.slice(BORDERLINE_MARK.length + 2)}`, note: true },
      ],
    });
  }

  // ---- risk register by element and by owner
  {
    const rows: PackRow[] = [];
    const groups = ELEMENTS.map((e) => ({ e, risks: r.risks.filter((k) => k.element === e) })).filter((g) => g.risks.length > 0);
    for (const g of groups) {
      const eal = g.risks.reduce((s, k) => s + k.eal, 0);
      rows.push({ group: `${ELEMENT_TITLES[g.e]}: ${plural(g.risks.length, 'risk')}, ${m(eal)} a year` });
      for (const k of g.risks) rows.push({ cells: [names.risk(k), k.category, levelCell(k.level, k.likelihood, k.impact, k.borderline), m(k.eal), percent(k.share), m(k.tailContribution), k.owner || '—'], level: k.level });
    }
    const owners = new Map<string, RiskRow[]>();
    for (const k of r.risks) owners.set(k.owner, [...(owners.get(k.owner) ?? []), k]);
    const ownerRows = [...owners.entries()]
      .map(([owner, list]) => ({ owner, list, eal: list.reduce((s, k) => s + k.eal, 0) }))
      .sort((x, y) => y.eal - x.eal || (x.owner < y.owner ? -1 : 1))
      .map(({ owner, list, eal }) => {
        const worstLevel = list.reduce<Level | null>((l, k) => worse(l, k.level), null)!;
        const above = maxLevel === undefined ? '—' : count(list.filter((k) => levelRank(k.level) > levelRank(maxLevel)).length);
        return { cells: [owner || '(no owner named)', count(list.length), ...LEVELS.slice().reverse().map((l) => count(list.filter((k) => k.level === l).length)), above, m(eal), percent(b.eal > 0 ? eal / b.eal : 0)], level: worstLevel };
      });
    const named = [...owners.keys()].filter((o) => o !== '').length;
    sections.push({
      id: 'register',
      title: title('register'),
      lead: `${plural(r.risks.length, 'risk')} in ${plural(groups.length, 'ISO 28000 element')}, owned by ${plural(named, 'named owner')}${owners.has('') ? ` (${plural(owners.get('')!.length, 'risk')} without one)` : ''}.`,
      blocks: [
        {
          kind: 'table',
          caption: 'By owner',
          columns: [{ title: 'owner' }, { title: 'risks', align: 'right' }, { title: 'critical', align: 'right' }, { title: 'high', align: 'right' }, { title: 'medium', align: 'right' }, { title: 'low', align: 'right' }, { title: 'above appetite', align: 'right' }, { title: 'EAL', align: 'right' }, { title: 'share', align: 'right' }],
          rows: ownerRows,
        },
        {
          kind: 'table',
          caption: 'By ISO 28000 element, most expected loss first',
          columns: [{ title: 'risk (threat — site or lane)' }, { title: 'category' }, { title: 'level (L×I)', nowrap: true }, { title: 'EAL', align: 'right' }, { title: 'share', align: 'right' }, { title: 'tail', align: 'right' }, { title: 'owner' }],
          rows,
        },
        { kind: 'text', text: `${NOTES.tail} ${NOTES.levels}`, note: true },
      ],
    });
  }

  // ---- risk control list and treatment plan
  {
    const list = r.riskControlList;
    const blocks: PackBlock[] = [];
    if (maxLevel === undefined) blocks.push({ kind: 'text', text: 'The scenario states no appetite level (appetite.maxLevel), so no risk is listed for treatment.' });
    else if (list.length === 0) blocks.push({ kind: 'text', text: `No risk is above the appetite’s level (${maxLevel}).` });
    else {
      const rows: PackRow[] = [];
      for (const e of list) {
        const risk = r.risks.find((k) => k.id === e.risk);
        e.options.forEach((o, i) =>
          rows.push({
            cells: [i === 0 ? (risk ? names.risk(risk) : e.risk) : '', i === 0 ? levelCell(e.level, e.likelihood, e.impact, e.borderline) : '', i === 0 ? e.owner || '—' : '', o.kind, o.description, o.levelAfter ? LEVEL_WORDS[o.levelAfter] : '—', o.annualCost === undefined ? '' : m(o.annualCost)],
            ...(i === 0 ? { level: e.level } : {}),
          }),
        );
      }
      blocks.push({
        kind: 'table',
        caption: `Risk control list: ${plural(list.length, 'risk')} above ${maxLevel}, with the options that bring ${list.length === 1 ? 'it' : 'each'} within appetite`,
        columns: [{ title: 'risk' }, { title: 'level', nowrap: true }, { title: 'owner' }, { title: 'option' }, { title: 'what' }, { title: 'level after' }, { title: 'annual cost', align: 'right' }],
        rows,
      });
      blocks.push({ kind: 'text', text: NOTES.controlList.replace(/`/g, ''), note: true });
    }
    // the plan: the simulated treatments, then the scenario's treatments the results were run without
    const plan: Array<{ name: string; p: PlanFields; t?: TreatmentResult }> = [
      ...r.treatments.map((t) => ({ name: t.name, p: planFields(t, scenario), t })),
      ...notSimulated.map((t) => ({ name: t.name, p: { status: t.status ?? 'proposed', ...(t.owner !== undefined ? { owner: t.owner } : {}), ...(t.due !== undefined ? { due: t.due } : {}), ...(t.decision !== undefined ? { decision: t.decision } : {}) } })),
    ];
    const overdue = (p: PlanFields) => input.reviewDate !== undefined && p.due !== undefined && p.due < input.reviewDate && p.status !== 'done' && p.status !== 'rejected';
    if (plan.length === 0) blocks.push({ kind: 'text', text: scenario || r.treatments.length > 0 ? 'The scenario holds no treatments: the treatment plan is empty.' : `These results hold no treatments, so the treatment plan is empty; if the scenario holds some, ${addScenario}.` });
    else
      blocks.push({
        kind: 'table',
        caption: 'Risk treatment plan',
        columns: [{ title: 'treatment' }, { title: 'status', nowrap: true }, { title: 'owner' }, { title: 'due', nowrap: true }, { title: 'decision' }, { title: 'EAL reduction', align: 'right' }, { title: '95 % interval', align: 'right' }],
        rows: plan.map(({ name, p, t }) => ({ cells: [name, `${p.status}${overdue(p) ? ' (OVERDUE)' : ''}`, p.owner ?? '—', p.due ?? '—', p.decision ?? '—', t ? m(t.delta.eal) : 'not simulated', t ? `${m(t.delta.ealCi95[0])} to ${m(t.delta.ealCi95[1])}` : '—'] })),
      });
    if (notSimulated.length > 0) blocks.push({ kind: 'text', text: ranWithout });
    const done = plan.filter(({ p }) => p.status === 'done');
    if (done.length > 0)
      blocks.push({
        kind: 'text',
        text: `${done.length === 1 ? `${done[0]!.name} is done, but its effect is` : `${plural(done.length, 'treatment')} are done (${done.map((d) => d.name).join('; ')}), but their effect is`} not in the baseline figures until chainward apply folds ${done.length === 1 ? 'it' : 'them'} into the scenario.`,
      });
    const byStatus = new Map<string, number>();
    for (const { p } of plan) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
    const late = plan.filter(({ p }) => overdue(p)).length;
    if (plan.length > 0) blocks.push({ kind: 'text', text: `Status: where each treatment stands in the plan (proposed, approved, in-progress, done, rejected); every treatment is simulated whatever its status. ${input.reviewDate ? `Overdue: due before the review date (${input.reviewDate}) and neither done nor rejected.` : 'Give the review date to mark overdue treatments.'}`.trim(), note: true });
    sections.push({
      id: 'treatment-plan',
      title: title('treatment-plan'),
      lead: `${maxLevel === undefined ? 'No appetite level stated' : plural(list.length, 'risk') + ' above appetite'}; ${plural(plan.length, 'treatment')} in the plan${plan.length ? ` (${[...byStatus.entries()].map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}${late ? `, ${late} overdue` : ''}.`,
      blocks,
    });
  }

  // ---- control effectiveness by element
  {
    const blocks: PackBlock[] = [];
    const effects = input.effects;
    let lead: string;
    if (effects && effects.length > 0) {
      blocks.push({ kind: 'chart', chart: 'controls', caption: CHART_CAPTIONS.controls });
      blocks.push({
        kind: 'table',
        columns: [{ title: 'element' }, { title: 'controls' }, { title: 'annual cost', align: 'right' }, { title: 'loss avoided', align: 'right' }, { title: '95 % interval', align: 'right' }, { title: 'avoided per unit of cost', align: 'right' }],
        rows: effects.map((e) => ({
          cells: [ELEMENT_TITLES[e.element], e.controls.join(', '), m(e.annualCost), m(e.lossAvoided), `${m(e.ci95[0])} to ${m(e.ci95[1])}`, e.annualCost > 0 ? `${num(e.lossAvoided / e.annualCost)}×` : '—'],
        })),
      });
      const best = [...effects].sort((x, y) => y.lossAvoided - x.lossAvoided)[0]!;
      lead = `The ${ELEMENT_TITLES[best.element].toLowerCase()} controls avoid the most expected loss: ${m(best.lossAvoided)} a year for ${m(best.annualCost)}.`;
    } else if (effects) {
      lead = 'No controls are placed in the scenario.';
      blocks.push({ kind: 'text', text: lead });
    } else {
      lead = 'What the controls cost is known; what they avoid was not measured.';
      blocks.push({ kind: 'unavailable', text: `Not available: the loss each element’s controls avoid is measured by simulating the network without them, which needs the scenario; ${addScenario}.` });
      const costs = ELEMENTS.map((e) => ({ e, list: r.controls.filter((c) => c.element === e) })).filter((x) => x.list.length > 0);
      if (costs.length)
        blocks.push({
          kind: 'table',
          caption: 'Controls placed, by element',
          columns: [{ title: 'element' }, { title: 'controls' }, { title: 'placements', align: 'right' }, { title: 'annual cost', align: 'right' }],
          rows: costs.map(({ e, list }) => ({ cells: [ELEMENT_TITLES[e], list.map((c) => c.id).join(', '), count(list.reduce((s, c) => s + c.placements, 0)), m(list.reduce((s, c) => s + c.annualCost, 0))] })),
        });
    }
    sections.push({ id: 'controls', title: title('controls'), lead, blocks });
  }

  // ---- treatment cost–benefit
  {
    const ts = r.treatments;
    const blocks: PackBlock[] = [];
    let lead = notSimulated.length > 0 && ts.length === 0 ? 'The results were run without treatments: no cost–benefit to show.' : 'No treatments to compare.';
    if (ts.length > 0) {
      const worth = ts.filter((t) => t.delta.ealCi95[0] > t.annualCost);
      lead = `${plural(worth.length, 'treatment')} of ${count(ts.length)} avoid${worth.length === 1 ? 's' : ''} more expected loss than ${worth.length === 1 ? 'it costs' : 'they cost'}, even at the low end of ${worth.length === 1 ? 'its' : 'their'} 95 % interval.`;
      blocks.push({ kind: 'chart', chart: 'treatments', caption: CHART_CAPTIONS.treatments });
      blocks.push({
        kind: 'table',
        columns: [{ title: 'treatment' }, { title: 'annual cost', align: 'right' }, { title: 'EAL reduction', align: 'right' }, { title: '95 % interval', align: 'right' }, { title: 'CVaR95 reduction', align: 'right' }, { title: 'net benefit', align: 'right' }, { title: 'ROSI', align: 'right' }],
        rows: ts.map((t) => ({ cells: [t.name, m(t.annualCost), m(t.delta.eal), `${m(t.delta.ealCi95[0])} to ${m(t.delta.ealCi95[1])}`, m(t.delta.cvar95), m(t.netBenefit), rosiText(t.rosi)] })),
      });
      blocks.push({ kind: 'text', text: NOTES.treatments.replace(/ `--treatments` takes the ids\./, ''), note: true });
      if (notSimulated.length > 0) blocks.push({ kind: 'text', text: ranWithout });
    } else blocks.push({ kind: 'text', text: notSimulated.length > 0 ? ranWithout : 'The scenario holds no treatments.' });
    sections.push({ id: 'cost-benefit', title: title('cost-benefit'), lead, blocks });
  }

  // ---- stress test
  {
    const s = input.stress;
    if (s === undefined) {
      sections.push({ id: 'stress', title: title('stress'), lead: 'Not run.', blocks: [{ kind: 'unavailable', text: scenario ? 'Not available: the stress test was not run for this pack.' : `Not available: the stress test takes each site and lane of the network down in turn, which needs the scenario; ${addScenario}.` }] });
    } else if ('unavailable' in s) {
      sections.push({ id: 'stress', title: title('stress'), lead: 'Not run.', blocks: [{ kind: 'unavailable', text: s.unavailable }] });
    } else {
      sections.push({ id: 'stress', title: title('stress'), lead: s.lead, blocks: s.blocks });
    }
  }

  // ---- calibration (the results carry the scenario's block; older results may not)
  {
    const c = calibrationBlocks(r.calibration ?? scenario?.calibration);
    sections.push({ id: 'calibration', title: title('calibration'), lead: c.lead, blocks: c.blocks });
  }

  // ---- provenance
  {
    const src = input.source;
    const rows: PackRow[] = [
      { cells: ['scenario', r.scenario] },
      { cells: ['scenario hash', r.scenarioHash] },
      { cells: ['engine that ran the results', r.engineVersion] },
      ...(input.packEngineVersion !== undefined ? [{ cells: ['engine that made this pack', input.packEngineVersion] }] : []),
      { cells: ['seed', String(r.seed)] },
      { cells: ['trials (simulated years)', count(r.trials)] },
      { cells: ['horizon', plural(r.horizonDays, 'day')] },
      { cells: ['treatments simulated', count(r.treatments.length)] },
      { cells: ['review date', input.reviewDate ?? 'not stated (the pack carries no date of its own, so the same input gives the same pack)'] },
      ...(src ? [{ cells: ['made from', `${src.kind === 'results' ? 'results' : 'scenario'} file ${src.input}${src.scenarioFile ? `, with scenario ${src.scenarioFile}` : ''}`] }] : []),
      ...(src?.previous ? [{ cells: ['compared with', `${src.previous}${src.previousHash ? ` (scenario hash ${src.previousHash})` : ''}`] }] : []),
    ];
    sections.push({
      id: 'provenance',
      title: title('provenance'),
      lead: `Reproduce these figures with seed ${String(r.seed)} and ${count(r.trials)} trials on the scenario whose hash is below.`,
      blocks: [
        { kind: 'table', columns: [{ title: 'item' }, { title: 'value' }], rows },
        { kind: 'text', text: 'The same scenario, seed and trials give the same figures to the bit, on any machine and with any number of workers. Control factors in the built-in catalog are planning defaults, not measured truths.', note: true },
      ],
    });
  }

  return {
    title: 'Management review pack',
    subtitle: `ISO 28000 supply chain security · ${r.scenario}`,
    scenario: r.scenario,
    currency: r.currency,
    sections,
  };
}
