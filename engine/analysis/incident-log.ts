// The incident log `chainward calibrate` fits a scenario to (docs/calibration.md, "The incident log"):
// a CSV of date, target, threat, loss and optional downtimeDays and notes, the header's names in any
// order and case. Each row is checked against the scenario — the target a site or lane, the threat a
// threat id or a category that names one risk on that target, the date a real ISO date within the
// span, the loss and downtime numbers ≥ 0 — and every problem is reported at once, at its line and column.
import { CATEGORIES, type Scenario } from '../model/schema.js';
import { MAX_DAYS, MAX_MONEY } from '../model/limits.js';
import { readCsv, type CsvField } from '../text/csv-read.js';
import { Suggester } from '../text/did-you-mean.js';

/** A risk the log may name: threat@target, as in the register. */
export interface LogRisk {
  id: string;
  threat: string;
  target: string;
  category: string;
}

/** One row of the log, checked. */
export interface Incident {
  line: number;
  date: string;
  /** Days since 1970-01-01. */
  day: number;
  /** Index into the risks the log was read against. */
  risk: number;
  /** The loss in the scenario's currency; undefined when the cell is empty (not known). */
  loss?: number;
  downtimeDays?: number;
  notes?: string;
}

/** A problem at a line and column of the log, with what was expected. */
export interface LogProblem {
  line: number;
  column: number;
  message: string;
}

/** The span the log covers: whole days from `from` to `to`, `years` long (docs/calibration.md, "The span"). */
export interface LogSpan {
  from: string;
  to: string;
  years: number;
}

export interface IncidentLog {
  incidents: Incident[];
  /** The first MAX_PROBLEMS problems, by line and column. */
  problems: LogProblem[];
  /** How many problems the log has in all. */
  problemCount: number;
  span?: LogSpan;
}

/** Problems kept (the first by line and column); the rest are only counted. */
export const MAX_PROBLEMS = 50;

/** The first MAX_PROBLEMS problems by line and column, and a count of all: a log of 300 000 bad rows keeps 50 objects, not a million. */
class ProblemList {
  readonly kept: LogProblem[] = [];
  count = 0;
  push(p: LogProblem): void {
    this.count++;
    const kept = this.kept;
    const before = (a: LogProblem, b: LogProblem) => a.line < b.line || (a.line === b.line && a.column < b.column);
    if (kept.length === MAX_PROBLEMS && !before(p, kept[kept.length - 1]!)) return;
    let i = kept.length;
    while (i > 0 && before(p, kept[i - 1]!)) i--;
    kept.splice(i, 0, p);
    if (kept.length > MAX_PROBLEMS) kept.pop();
  }
}

const REQUIRED = ['date', 'target', 'threat', 'loss'] as const;
const OPTIONAL = ['downtimeDays', 'notes'] as const;
const COLUMNS: readonly string[] = [...REQUIRED, ...OPTIONAL];
/** Days in the mean Gregorian year: a span of years that is not whole is this many days a year. */
export const DAYS_PER_YEAR = 365.2425;
/** Largest span the log may cover, in years. */
export const MAX_LOG_YEARS = 1000;
/** The dates a log may hold (docs/calibration.md, "The span"): a year outside them is a typing mistake. */
export const FIRST_DATE = '1970-01-01';
export const LAST_DATE = '2100-12-31';
/** Without --years, the largest gap between two incidents, in years: a date further from the others is refused. */
export const MAX_GAP_YEARS = 5;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A number as JSON writes it: 12500, 0.5, 1.2e5 (no thousands separators, no currency sign). */
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

const dayOf = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
const dateOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** A quoted value for a message: the text as the log has it, cut to 60 characters. */
function shown(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

function list(items: readonly string[], max = 6): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * Reads the incident log `text` against the risks of a scenario. `years` (`--years`) fixes the
 * span's length; without it the span is the whole calendar years from the first incident's to the
 * last one's. A date before the span is a problem at its cell.
 */
export function readIncidentLog(text: string, scenario: Scenario, risks: readonly LogRisk[], opts: { years?: number } = {}): IncidentLog {
  const currency = scenario.currency ?? 'USD';
  const { records, problems } = readCsv(text);
  const out = new ProblemList();
  for (const p of problems) out.push(p);
  const problem = (f: { line: number; column: number }, message: string) => out.push({ line: f.line, column: f.column, message });
  const suggester = new Suggester();

  const header = records[0];
  if (!header) {
    out.push({ line: 1, column: 1, message: `an empty log, expected a header line (${REQUIRED.join(',')}[,downtimeDays][,notes]) and a row per incident` });
    return { incidents: [], problems: out.kept, problemCount: out.count };
  }
  // the header: each known column once, the required ones present
  const columnOf = new Map<string, number>();
  header.fields.forEach((f, i) => {
    const name = f.text.trim();
    const known = COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (known === undefined) {
      const near = suggester.didYouMean(name.toLowerCase(), COLUMNS.map((c) => c.toLowerCase()));
      const hint = near === undefined ? '' : ` (did you mean "${COLUMNS.find((c) => c.toLowerCase() === near)}"?)`;
      problem(f, `unknown column ${shown(name)}, expected ${COLUMNS.join(', ')}${hint}`);
    } else if (columnOf.has(known)) problem(f, `column ${shown(name)} given twice, expected each column once`);
    else columnOf.set(known, i);
  });
  const missing = REQUIRED.filter((c) => !columnOf.has(c));
  if (missing.length > 0) {
    const first = header.fields[0]!;
    problem(first, `the header has no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length > 1 ? 's' : ''}, expected the columns ${REQUIRED.join(', ')} in any order (downtimeDays and notes optional)`);
    return { incidents: [], problems: out.kept, problemCount: out.count };
  }

  // what a row may name
  const siteIds = new Set(scenario.sites.map((s) => s.id));
  const laneIds = new Set((scenario.lanes ?? []).map((l) => l.id));
  const threatIds = new Set(scenario.threats.map((t) => t.id));
  const categories: readonly string[] = CATEGORIES;
  const targetNames = [...siteIds, ...laneIds];
  const threatNames = [...threatIds, ...categories];
  const risksOn = new Map<string, number[]>();
  risks.forEach((r, i) => {
    const l = risksOn.get(r.target);
    if (l) l.push(i);
    else risksOn.set(r.target, [i]);
  });
  const targetsOfThreat = new Map<string, string[]>();
  for (const r of risks) {
    const l = targetsOfThreat.get(r.threat);
    if (l) l.push(r.target);
    else targetsOfThreat.set(r.threat, [r.target]);
  }

  const incidents: Incident[] = [];
  const dateCells: Array<{ field: CsvField; day: number }> = [];
  const width = header.fields.length;
  for (const record of records.slice(1)) {
    const fields = record.fields;
    // a quote that never closes is its own problem: the rest of the file is one field, not a row to check
    if (record.unclosed) continue;
    if (fields.length > width) {
      problem(fields[width]!, `${fields.length} fields, expected ${width} as in the header (a value with a comma is written in quotes: "12,5")`);
      continue;
    }
    if (fields.length < width) {
      const absent = header.fields.slice(fields.length).map((f) => f.text.trim());
      out.push({
        line: record.endLine,
        column: record.endColumn,
        message: `missing column${absent.length > 1 ? 's' : ''} ${absent.map(shown).join(', ')}: ${fields.length} field${fields.length === 1 ? '' : 's'}, expected ${width} as in the header`,
      });
      continue;
    }
    const cell = (name: string): CsvField | undefined => {
      const i = columnOf.get(name);
      return i === undefined ? undefined : fields[i];
    };
    const value = (f: CsvField) => f.text.trim();
    let ok = true;

    // date
    const dateField = cell('date')!;
    const date = value(dateField);
    let day = 0;
    if (!DATE.test(date)) {
      problem(dateField, `expected an ISO date YYYY-MM-DD, got ${shown(date)}`);
      ok = false;
    } else if (date < FIRST_DATE || date > LAST_DATE) {
      problem(dateField, `${date} is outside the dates a log may hold, expected a date from ${FIRST_DATE} to ${LAST_DATE}`);
      ok = false;
    } else if (dateOf(dayOf(date)) !== date) {
      problem(dateField, `expected a date that exists, YYYY-MM-DD, got ${shown(date)}`);
      ok = false;
    } else {
      day = dayOf(date);
      dateCells.push({ field: dateField, day });
    }

    // target and threat → one risk
    const targetField = cell('target')!;
    const threatField = cell('threat')!;
    const target = value(targetField);
    const threat = value(threatField);
    let risk = -1;
    const knownTarget = siteIds.has(target) || laneIds.has(target);
    if (!knownTarget) {
      problem(targetField, `unknown target ${shown(target)}, expected a site or lane id of the scenario${suggester.suggestion(target, targetNames)}`);
      ok = false;
    }
    const isCategory = categories.includes(threat.toLowerCase());
    if (!threatIds.has(threat) && !isCategory) {
      problem(
        threatField,
        `unknown threat ${shown(threat)}, expected a threat id of the scenario or a category (${CATEGORIES.join(', ')})${suggester.suggestion(threat, threatNames)}`,
      );
      ok = false;
    } else if (knownTarget) {
      const here = risksOn.get(target) ?? [];
      const applying = [...new Set(here.map((r) => risks[r]!.threat))];
      const there = applying.length > 0 ? `the threats that apply to it: ${list(applying)}` : 'no threat of the scenario applies to it';
      if (threatIds.has(threat)) {
        risk = here.find((r) => risks[r]!.threat === threat) ?? -1;
        if (risk < 0) problem(threatField, `threat ${shown(threat)} does not apply to ${shown(target)}, expected one of ${there}`);
      } else {
        const category = threat.toLowerCase();
        const matching = here.filter((r) => risks[r]!.category === category);
        if (matching.length === 1) risk = matching[0]!;
        else if (matching.length === 0) problem(threatField, `no ${category} threat applies to ${shown(target)}, expected one of ${there}`);
        else {
          problem(
            threatField,
            `${shown(threat)} is ambiguous on ${shown(target)}: ${matching.length} ${category} threats apply (${list(matching.map((r) => risks[r]!.threat))}), expected one of their ids`,
          );
        }
      }
      if (risk < 0) ok = false;
    }

    // loss (empty: not known) and downtime
    const lossField = cell('loss')!;
    const loss = numberCell(lossField, `a loss ≥ 0 in ${currency}`, MAX_MONEY, problem);
    if (loss === null) ok = false;
    const downField = cell('downtimeDays');
    const downtime = downField ? numberCell(downField, 'downtime days ≥ 0', MAX_DAYS, problem) : undefined;
    if (downtime === null) ok = false;
    const notesField = cell('notes');
    if (ok) {
      incidents.push({
        line: record.line,
        date,
        day,
        risk,
        ...(loss !== undefined && loss !== null ? { loss } : {}),
        ...(downtime !== undefined && downtime !== null ? { downtimeDays: downtime } : {}),
        ...(notesField && notesField.text !== '' ? { notes: notesField.text } : {}),
      });
    }
  }

  // the span, and dates before it
  let span: LogSpan | undefined;
  if (dateCells.length > 0) {
    let first = Infinity;
    let last = -Infinity;
    for (const d of dateCells) {
      first = Math.min(first, d.day);
      last = Math.max(last, d.day);
    }
    const lastYear = Number(dateOf(last).slice(0, 4));
    const to = `${lastYear}-12-31`;
    let from: string;
    let years: number;
    if (opts.years === undefined) {
      isolatedDates(dateCells, problem);
      const firstYear = Number(dateOf(first).slice(0, 4));
      from = `${firstYear}-01-01`;
      years = lastYear - firstYear + 1;
    } else {
      years = opts.years;
      from = Number.isInteger(years)
        ? `${String(lastYear - years + 1).padStart(4, '0')}-01-01`
        : dateOf(dayOf(to) + 1 - Math.round(years * DAYS_PER_YEAR));
      const fromDay = dayOf(from);
      for (const d of dateCells) {
        if (d.day < fromDay) {
          problem(d.field, `${dateOf(d.day)} is before the span of --years ${years} (${from} to ${to}), expected a date from ${from} on, or a longer --years`);
        }
      }
    }
    span = { from, to, years };
  } else if (records.length === 1 && out.count === 0) {
    out.push({ line: header.line, column: 1, message: 'no incidents after the header, expected a row per incident: date,target,threat,loss' });
  }
  const result: IncidentLog = { incidents: out.count > 0 ? [] : incidents, problems: out.kept, problemCount: out.count };
  if (span && out.count === 0) result.span = span;
  return result;
}

/**
 * Without --years, the dates fall into groups separated by gaps of more than MAX_GAP_YEARS; every
 * date outside the largest group (the latest of equal ones) is a problem at its cell: one mistyped
 * year would otherwise stretch the span and divide every rate.
 */
function isolatedDates(cells: ReadonlyArray<{ field: CsvField; day: number }>, problem: (f: CsvField, message: string) => void): void {
  const days = [...new Set(cells.map((c) => c.day))].sort((a, b) => a - b);
  const maxGap = MAX_GAP_YEARS * DAYS_PER_YEAR;
  const groups: Array<{ first: number; last: number; rows: number }> = [];
  for (const d of days) {
    const g = groups[groups.length - 1];
    if (g && d - g.last <= maxGap) g.last = d;
    else groups.push({ first: d, last: d, rows: 0 });
  }
  if (groups.length === 1) return;
  const groupOf = (day: number) => groups.find((g) => day >= g.first && day <= g.last)!;
  for (const c of cells) groupOf(c.day).rows++;
  let main = groups[0]!;
  for (const g of groups) if (g.rows >= main.rows) main = g;
  for (const c of cells) {
    if (groupOf(c.day) === main) continue;
    const near = c.day < main.first ? main.first : main.last;
    problem(
      c.field,
      `${dateOf(c.day)} is ${Math.round(Math.abs(near - c.day) / DAYS_PER_YEAR)} years from the log's other incidents (nearest ${dateOf(near)}), ` +
        `expected no gap of more than ${MAX_GAP_YEARS} years between incidents (a mistyped year?), or --years N when the log does cover that long`,
    );
  }
}

/**
 * A number cell: undefined when empty, null (and a problem) when it is not a number from 0 to `max`.
 */
function numberCell(f: CsvField, expected: string, max: number, problem: (f: CsvField, message: string) => void): number | undefined | null {
  const text = f.text.trim();
  if (text === '') return undefined;
  if (!NUMBER.test(text)) {
    problem(f, `expected ${expected} (a number such as 12500, without separators or currency), got ${shown(text)}`);
    return null;
  }
  const x = Number(text);
  if (x < 0) {
    problem(f, `negative value ${text}, expected ${expected}`);
    return null;
  }
  if (!(x <= max)) {
    problem(f, `${text} is too large, expected ${expected} of at most ${max.toExponential()}`);
    return null;
  }
  return x;
}
