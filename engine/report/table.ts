// The text report a risk analyst reads first, in a terminal: the summary with its 95 % intervals, the
// appetite checks, the top risks with their levels, the treatments (with the ids `--treatments`
// takes), the flows, the risk control list, the sensitivity tornado, the scenario's warnings and the
// run. Lines fit 120 columns unless `wide`: long names are cut with "…" and sentences wrapped or cut;
// the sections and their notes are those of every format (sections.ts).
import type { Results } from '../results/schema.js';
import { count, money, num, percent, plural, probability } from '../text/format.js';
import { line, oneLine, paragraph, REPORT_WIDTH, textTable, truncateRisk, type Shrink } from './format.js';
import {
  appetiteCells,
  appetiteHeadline,
  BORDERLINE_MARK,
  cascadeGroups,
  cascadeSentence,
  calibrationNote,
  horizonNote,
  listedFlows,
  DEFAULT_TOP,
  LISTED_CONTROL_ENTRIES,
  LISTED_SENSITIVITY_ROWS,
  LISTED_WARNINGS,
  hasPlan,
  NOTES,
  planText,
  plusMinus,
  runLine,
  summaryMeasures,
  type ReportOptions,
  rosiText,
} from './sections.js';

/** Renders results as a text report; see ReportOptions for `top` and `wide`. */
export function tableReport(r: Results, opts: ReportOptions = {}): string {
  const top = opts.top ?? DEFAULT_TOP;
  const wide = opts.wide === true;
  const width = wide ? Infinity : REPORT_WIDTH;
  const m = (x: number) => money(x, r.currency);
  const interval = (ci: readonly [number, number]) => `${m(ci[0])} to ${m(ci[1])}`;
  const table = (header: string[], rows: string[][], right: number[], shrink: Shrink[] = [], spans?: Map<number, string>) =>
    textTable(header, rows, new Set(right), { width, shrink, ...(spans ? { spans } : {}) });
  const note = (s: string) => paragraph(s, width);
  const more = (shown: number, all: number, what: string) => (all > shown ? [`… and ${count(all - shown)} more ${what} (--wide, or the JSON output)`] : []);
  const out: string[] = [];

  out.push(line(`chainward · ${r.scenario} · ${plural(r.trials, 'trial')} · seed ${r.seed} · horizon ${plural(r.horizonDays, 'day')}`, width));
  const horizon = horizonNote(r.horizonDays);
  if (horizon) out.push(note(horizon));
  const calibrated = calibrationNote(r);
  if (calibrated) out.push(note(calibrated));
  out.push('');

  // summary
  out.push('Summary');
  out.push(
    table(
      ['measure', 'value', '95 % interval'],
      summaryMeasures(r).map((x) => [
        x.label,
        x.kind === 'share' ? percent(x.value, x.field === 'serviceLevel' ? 2 : 1) : x.symmetric && x.ci95 ? plusMinus(x.value, x.ci95, m) : m(x.value),
        x.ci95 ? interval(x.ci95) : '',
      ]),
      [],
    ),
  );
  out.push(note(NOTES.parts), note(NOTES.serviceLevel));

  // appetite
  const a = r.appetite;
  out.push('', `Appetite: ${appetiteHeadline(r)}`);
  if (a.checks.length > 0) {
    out.push(
      table(
        ['limit', 'threshold', 'estimate', '95 % interval', 'status'],
        a.checks.map((c) => {
          const cells = appetiteCells(r, c);
          return [c.limit, cells.threshold, cells.value, cells.interval, c.status === 'within' ? c.status : c.status.toUpperCase()];
        }),
        [1, 2],
      ),
    );
    for (const b of a.breaches) out.push(line(`  ! ${b}`, width));
    for (const u of a.uncertain) out.push(line(`  ? ${u}`, width));
    if (a.uncertain.length > 0) out.push(note(NOTES.uncertain));
  }

  // top risks
  const shown = r.risks.slice(0, top);
  // the cascade and common-cause columns only when a listed risk has one (other reports stay as they were)
  const triggered = shown.some((k) => k.cascade);
  const atOnce = shown.some((k) => k.joint);
  const extraHeader = [...(triggered ? ['trig-\ngered'] : []), ...(atOnce ? ['at\nonce'] : [])];
  const extraCells = (k: Results['risks'][number]) => [...(triggered ? [k.cascade ? m(k.cascade.excessEal) : ''] : []), ...(atOnce ? [k.joint ? count(k.joint.targets) : ''] : [])];
  out.push('', `Top ${count(shown.length)} of ${plural(r.risks.length, 'risk')} by expected annual loss`);
  out.push(
    table(
      ['#', 'risk', 'level', 'L×I', 'events\nper yr', 'P(≥1)', 'sim.', 'loss/event\n(95 %)', 'EAL', 'share', 'tail', ...extraHeader],
      shown.map((k, i) => [
        count(i + 1),
        oneLine(k.id),
        `${k.level.toUpperCase()}${k.borderline ? BORDERLINE_MARK : ''}`,
        `${k.likelihood}×${k.impact}`,
        num(k.frequency),
        probability(k.pEventExpected),
        probability(k.pEvent),
        impactCell(k.meanLossPerEvent, k.impactCi95, m),
        m(k.eal),
        percent(k.share),
        m(k.tailContribution),
        ...extraCells(k),
      ]),
      [0, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      // the ids give way to the extra columns (their threats are named in full below the table)
      [{ column: 1, mode: 'truncate', min: Math.max(16, 24 - (triggered ? 9 : 0) - (atOnce ? 6 : 0)), cut: truncateRisk }],
    ),
  );
  const legend: string[] = [NOTES.levels, ...(shown.some((k) => k.borderline) ? [NOTES.borderline] : []), NOTES.pEvent, NOTES.tail];
  if (shown.some((k) => k.impactCi95 === null)) legend.push('± ?: fewer than 2 simulated years with an event, no interval.');
  if (triggered) legend.push(NOTES.triggered);
  if (atOnce) legend.push(NOTES.atOnce);
  for (const s of legend) out.push(note(s));
  for (const g of cascadeGroups(shown)) out.push(paragraph(`  ${cascadeSentence(g, m)}`, width, 4));

  // treatments
  if (r.treatments.length > 0) {
    out.push('', `Treatments: ${plural(r.treatments.length, 'treatment')} against the baseline`);
    out.push(
      table(
        ['id', 'status', 'name', 'EAL\nafter', 'EAL reduction\n(95 %)', 'CVaR95\nreduction', 'annual\ncost', 'net\nbenefit', 'ROSI'],
        r.treatments.map((t) => [
          oneLine(t.id),
          t.status,
          oneLine(t.name),
          m(t.summary.eal),
          plusMinus(t.delta.eal, t.delta.ealCi95, m),
          m(t.delta.cvar95),
          m(t.annualCost),
          m(t.netBenefit),
          rosiText(t.rosi),
        ]),
        [3, 4, 5, 6, 7, 8],
        // ids are what --treatments takes: never cut
        [{ column: 2, mode: 'truncate', min: 16 }],
      ),
    );
    out.push(note(NOTES.treatments), note(NOTES.treatmentStatus));
    // the risk treatment plan: who, by when, and what was decided, for the treatments that say so
    const planned = r.treatments.filter(hasPlan);
    if (planned.length > 0) {
      out.push('', 'Treatment plan: owner, due date and decision');
      for (const t of planned) out.push(paragraph(`  ${oneLine(t.id)} (${t.status}): ${planText(t)}`, width, 4));
    }
  }

  // flows
  if (r.flows.length > 0) {
    const flows = listedFlows(r.flows, wide);
    out.push('', `Flows: expected loss and its parts, interrupted and rerouted days a year, service level`);
    out.push(
      table(
        ['flow', 'EAL', 'direct', 'interruption', 'reroute', 'interrupted\ndays', 'rerouted\ndays', 'service\nlevel'],
        flows.map((f) => [oneLine(f.id), m(f.eal), m(f.directEal), m(f.interruptionEal), m(f.rerouteCost), num(f.interruptionDaysMean), num(f.reroutedDaysMean), percent(f.serviceLevel, 2)]),
        [1, 2, 3, 4, 5, 6, 7],
        [{ column: 0, mode: 'truncate', min: 12 }],
      ),
    );
    out.push(...more(flows.length, r.flows.length, r.flows.length - flows.length === 1 ? 'flow' : 'flows'), note(NOTES.flows(r)), note(NOTES.serviceLevel));
  }

  // risk control list
  const list = r.riskControlList;
  if (list.length > 0) {
    const listed = wide ? list : list.slice(0, LISTED_CONTROL_ENTRIES);
    const maxLevel = r.appetite.checks.find((c) => c.limit === 'maxLevel')?.threshold;
    out.push('', `Risk control list: ${plural(list.length, 'risk')} above appetite${maxLevel === undefined ? '' : ` (maxLevel ${maxLevel})`}, with options`);
    const rows: string[][] = [];
    const spans = new Map<number, string>();
    for (const e of listed) {
      spans.set(rows.length, `${e.risk} · ${e.level.toUpperCase()}${e.borderline ? BORDERLINE_MARK : ''} (${e.likelihood}×${e.impact}) · EAL ${m(e.eal)}${e.owner ? ` · owner ${e.owner}` : ''}`);
      for (const o of e.options) rows.push([`  ${o.kind}`, o.levelAfter ?? '—', o.annualCost === undefined ? '' : m(o.annualCost), oneLine(o.description)]);
    }
    out.push(table(['option', 'level\nafter', 'annual\ncost', 'what'], rows, [2], [{ column: 3, mode: 'wrap', min: 30 }], spans));
    out.push(...more(listed.length, list.length, list.length - listed.length === 1 ? 'risk' : 'risks'));
    out.push(note(NOTES.controlList));
  }

  // sensitivity
  if (r.sensitivity && r.sensitivity.length > 0) {
    const rows = wide ? r.sensitivity : r.sensitivity.slice(0, LISTED_SENSITIVITY_ROWS);
    const d = r.sensitivity[0]!.delta;
    out.push('', line(`Sensitivity: each parameter at ${percent(1 - d, 0)} and ${percent(1 + d, 0)} (same random numbers), by EAL swing`, width));
    out.push(
      table(
        ['parameter', 'EAL low', 'EAL high', 'EAL swing', 'CVaR95 low', 'CVaR95 high', 'CVaR95 swing'],
        rows.map((x) => [oneLine(x.parameter), m(x.low), m(x.high), m(x.swing), m(x.cvar95Low), m(x.cvar95High), m(x.cvar95Swing)]),
        [1, 2, 3, 4, 5, 6],
        [{ column: 0, mode: 'truncate', min: 24 }],
      ),
    );
    out.push(...more(rows.length, r.sensitivity.length, r.sensitivity.length - rows.length === 1 ? 'parameter' : 'parameters'));
  }

  // warnings
  const warnings = r.warnings ?? [];
  if (warnings.length > 0) {
    const listed = wide ? warnings : warnings.slice(0, LISTED_WARNINGS);
    out.push('', `Warnings: ${plural(warnings.length, 'part')} of the scenario that can never do anything`);
    for (const w of listed) out.push(line(`  ${w.path}: ${w.message}`, width));
    out.push(...more(listed.length, warnings.length, warnings.length - listed.length === 1 ? 'warning' : 'warnings'));
  }

  out.push('', paragraph(`Run: ${runLine(r)}`, width));
  return out.join('\n') + '\n';
}

/** A loss per event with its interval: "€1.19M ± €50.5K", "€40K (≤ €1.5M)" when the interval is cut at 0, "€40K ± ?" without one. */
function impactCell(mean: number, ci: [number, number] | null, m: (x: number) => string): string {
  if (ci === null) return `${m(mean)} ± ?`;
  const half = (ci[1] - ci[0]) / 2;
  return ci[0] === 0 && mean - half < 0 ? `${m(mean)} (≤ ${m(ci[1])})` : plusMinus(mean, ci, m);
}
