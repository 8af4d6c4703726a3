// A comparison of two runs (engine/analysis/compare.ts) as a text report for the terminal (lines of
// at most 120 columns) or as Markdown for a management review: the same sections in the same words,
// built once as plain rows and drawn by each format. Names and ids from the scenarios are shown as one
// line of plain text (terminal) or escaped (Markdown).
import type { Comparison, CompareSide, PlanEntry } from '../analysis/compare.js';
import { LEVELS } from '../model/schema.js';
import { count, money, percent, plural, signedMoney } from '../text/format.js';
import { line, oneLine, paragraph, REPORT_WIDTH, textTable } from './format.js';
import { mdCell, mdCode, mdText } from './markdown.js';

/** A section of the report: a title, sentences before its table, the table, and notes after it. */
interface Section {
  title: string;
  lead: string[];
  /** `code`: the column of ids (a code span in Markdown), also the one cut to fit the terminal. */
  table?: { header: string[]; rows: string[][]; right: number[]; code?: number };
  notes: string[];
}

/** The note on due dates: the comparison never reads the clock. */
export const DUE_NOTE = "Due dates are listed as the scenarios state them; nothing is judged overdue against today's date, so a comparison gives the same text on any day.";

function sideLine(label: string, s: CompareSide): string {
  const what = s.source === 'scenario' ? `scenario ${s.file ?? ''} simulated here` : `results ${s.file ?? ''}`;
  const calibrated = s.calibration ? ` · calibrated to ${s.calibration.incidents} (${s.calibration.from} to ${s.calibration.to})` : '';
  return `${label}: ${s.scenario} · ${what.replace(/ +/g, ' ').trim()} · ${s.scenarioHash.slice(0, 19)}… · seed ${s.seed} · ${plural(s.trials, 'trial')}${calibrated}`;
}

function planCell(e: PlanEntry | null): string {
  return e === null ? '—' : e.status;
}

/** A change as shown with a true minus, signed only when it shows as other than zero ("0.00 pts", not "−0.00 pts"). */
function signedShown(x: number, shown: string, digits: string): string {
  return `${Number(digits) === 0 ? '' : x > 0 ? '+' : '−'}${shown}`;
}

/** A change of a share in percentage points at two decimals: "+0.35 pts", "0.00 pts". */
export function pointsChange(x: number): string {
  const digits = (Math.abs(x) * 100).toFixed(2);
  return signedShown(x, `${digits} pts`, digits);
}

/** A relative change in per cent at one decimal: "−11.4 %", "0.0 %". */
export function percentChange(x: number): string {
  return signedShown(x, percent(Math.abs(x), 1), (Math.abs(x) * 100).toFixed(1));
}

/** The report's sections, as plain text rows. */
function sections(c: Comparison): Section[] {
  const m = (x: number) => money(x, c.currency);
  const sm = (x: number) => signedMoney(x, c.currency);
  const out: Section[] = [];

  const pct = (x: number | null) => (x === null ? '—' : percentChange(x));
  const pp = pointsChange;
  out.push({
    title: 'Headline figures',
    lead: [],
    table: {
      header: ['measure', 'before', 'after', 'change', 'change %'],
      rows: c.measures.map((x) =>
        x.kind === 'share'
          ? [x.label, percent(x.before, 2), percent(x.after, 2), pp(x.change), '']
          : [x.label, m(x.before), m(x.after), sm(x.change), pct(x.relativeChange)],
      ),
      right: [1, 2, 3, 4],
    },
    notes: [c.ealChange.text, 'Changes are after − before: a negative change in a loss is an improvement. Each side’s own 95 % intervals are in the JSON output.'],
  });

  const status = (s: string) => (s === 'within' || s === 'none' ? s : s.toUpperCase());
  out.push({
    title: `Appetite: ${status(c.appetite.before)} → ${status(c.appetite.after)}`,
    lead: c.appetite.checks.length === 0 ? ['Neither scenario states an appetite.'] : [],
    ...(c.appetite.checks.length > 0
      ? {
          table: {
            header: ['limit', 'threshold', 'before', 'status', 'after', 'status'],
            rows: c.appetite.checks.map((k) => {
              const value = (x: typeof k.before) => (x === null ? '—' : k.limit === 'maxLevel' ? `${plural(x.value, 'risk')} above` : m(x.value));
              const threshold = k.after ?? k.before!;
              return [
                k.limit,
                typeof threshold.threshold === 'number' ? m(threshold.threshold) : String(threshold.threshold),
                value(k.before),
                k.before === null ? '' : status(k.before.status),
                value(k.after),
                k.after === null ? '' : status(k.after.status),
              ];
            }),
            right: [1, 2, 4],
          },
        }
      : {}),
    notes: [],
  });

  const r = c.risks;
  const levels = LEVELS.slice()
    .reverse()
    .map((l) => `${l} ${count(r.levelsBefore[l])} → ${count(r.levelsAfter[l])}`)
    .join(', ');
  const riskRows: string[][] = [
    ...r.levelChanged.map((k) => [k.id, k.direction === 'up' ? 'level up' : 'level down', k.before.level, k.after.level, m(k.before.eal), m(k.after.eal)]),
    ...r.appeared.map((k) => [k.id, 'appeared', '—', k.level, '—', m(k.eal)]),
    ...r.disappeared.map((k) => [k.id, 'disappeared', k.level, '—', m(k.eal), '—']),
  ];
  out.push({
    title: `Risks: ${count(r.before)} before, ${count(r.after)} after`,
    lead: [
      `By level: ${levels}.`,
      riskRows.length === 0 ? 'No risk changed level, appeared or disappeared.' : `${plural(r.levelChanged.length, 'risk')} changed level, ${count(r.appeared.length)} appeared, ${count(r.disappeared.length)} disappeared:`,
    ],
    ...(riskRows.length > 0 ? { table: { header: ['risk', 'change', 'level before', 'level after', 'EAL before', 'EAL after'], rows: riskRows, right: [4, 5], code: 0 } } : {}),
    notes: r.levelChanged.some((k) => k.before.borderline || k.after.borderline) ? ['Some of these risks are borderline on one side: their level may change with the seed alone.'] : [],
  });

  const s = c.controlSpend;
  out.push({
    title: 'Control spend by ISO 28000 element (a year)',
    lead: s.elements.length === 0 ? ['Neither scenario places a priced or unpriced control.'] : [],
    ...(s.elements.length > 0
      ? {
          table: {
            header: ['element', 'before', 'after', 'change', 'placements'],
            rows: [
              ...s.elements.map((e) => [e.element, m(e.before), m(e.after), sm(e.change), `${count(e.placementsBefore)} → ${count(e.placementsAfter)}`]),
              ['total', m(s.before), m(s.after), sm(s.change), ''],
            ],
            right: [1, 2, 3, 4],
          },
        }
      : {}),
    notes: [],
  });

  const p = c.treatmentPlan;
  const counts = (side: Record<string, number>) =>
    Object.entries(side)
      .map(([k, n]) => `${k} ${count(n)}`)
      .join(', ');
  out.push({
    title: 'Risk treatment plan',
    lead: [`Before: ${counts(p.before)}.`, `After: ${counts(p.after)}.`],
    ...(p.treatments.length > 0
      ? {
          table: {
            header: ['treatment', 'before', 'after', 'owner', 'due'],
            rows: p.treatments.map((t) => {
              const e = t.after ?? t.before!;
              return [t.id, planCell(t.before), t.after === null ? '— (folded or removed)' : t.after.status, e.owner ?? '', e.due ?? ''];
            }),
            right: [],
            code: 0,
          },
        }
      : {}),
    notes: p.treatments.length > 0 ? [DUE_NOTE] : ['Neither side lists treatments (a run with --treatments none carries no plan).'],
  });
  return out;
}

/** The comparison as a text report of at most 120 columns (`wide`: uncut). */
export function compareTable(c: Comparison, opts: { wide?: boolean } = {}): string {
  const width = opts.wide === true ? Infinity : REPORT_WIDTH;
  const out: string[] = [line(`chainward compare · ${c.before.scenario} → ${c.after.scenario}`, width), paragraph(sideLine('before', c.before), width, 8), paragraph(sideLine('after ', c.after), width, 8)];
  for (const w of c.warnings) out.push(paragraph(`! ${w}`, width, 2));
  for (const s of sections(c)) {
    out.push('', line(s.title, width));
    for (const l of s.lead) out.push(paragraph(l, width));
    if (s.table) {
      const t = s.table;
      out.push(
        textTable(
          t.header,
          t.rows.map((row) => row.map(oneLine)),
          new Set(t.right),
          { width, shrink: t.code === undefined ? [] : [{ column: t.code, mode: 'truncate', min: 24 }] },
        ),
      );
    }
    for (const n of s.notes) out.push(paragraph(n, width));
  }
  return out.join('\n') + '\n';
}

/** The comparison as Markdown: a heading a section, tables, the notes as paragraphs. */
export function compareMarkdown(c: Comparison): string {
  const table = (header: string[], rows: string[][], right: ReadonlySet<number>) =>
    [`| ${header.map(mdCell).join(' | ')} |`, `| ${header.map((_, i) => (right.has(i) ? '---:' : '---')).join(' | ')} |`, ...rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`)].join('\n');
  const parts: string[] = [`# Comparison: ${mdText(c.before.scenario)} → ${mdText(c.after.scenario)}`, '', `- ${mdText(sideLine('before', c.before))}`, `- ${mdText(sideLine('after', c.after))}`];
  if (c.warnings.length > 0) parts.push('', ...c.warnings.map((w) => `> **Warning:** ${mdText(w)}`));
  for (const s of sections(c)) {
    parts.push('', `## ${mdText(s.title)}`);
    for (const l of s.lead) parts.push('', mdText(l));
    const t = s.table;
    if (t) parts.push('', table(t.header, t.rows.map((row) => row.map((x, i) => (i === t.code ? mdCode(x) : mdText(x)))), new Set(t.right)));
    for (const n of s.notes) parts.push('', mdText(n));
  }
  return parts.join('\n') + '\n';
}
