// Reads one CSV file of `chainward import` (sites, lanes, flows, carriers or threats) into scenario
// entries, keeping the cell each value came from, so that every problem — here or found later by the
// validator — is reported at its line and column (docs/import-export.md). Every problem of the file
// is collected; a row with a problem still gives the values of its good cells.
import { readCsv, type CsvField, type CsvProblem } from '../text/csv-read.js';
import type { Suggester } from '../text/did-you-mean.js';
import { headerNames, normalizeHeader, type ColumnSpec, type TableSpec } from './csv-tables.js';
import { quoted, readCell } from './read-cell.js';

export type { CsvProblem } from '../text/csv-read.js';

/** One data row: its entry (fields in the columns' order) and the cell of each column it has. */
export interface TableRow {
  line: number;
  entry: Record<string, unknown>;
  /** By column header (ColumnSpec.header). */
  cells: Map<string, CsvField>;
}

export interface TableRead {
  rows: TableRow[];
  problems: CsvProblem[];
  /** The headers (ColumnSpec.header) of the columns the file has. */
  present: Set<string>;
  /** Where the header line starts. */
  headerCell: { line: number; column: number };
}

/** A cell as the user wrote it: trimmed unless quoted, without the quote `export` puts before a leading =, +, - or @. */
function cellValue(f: CsvField): string {
  const t = f.quoted ? f.text : f.text.trim();
  return /^'+[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
}

/** Sets `value` at `path` in `entry`, creating the objects on the way. */
function setPath(entry: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = entry;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (next !== null && typeof next === 'object') at = next as Record<string, unknown>;
    else {
      const made: Record<string, unknown> = {};
      at[key] = made;
      at = made;
    }
  }
  at[path[path.length - 1]!] = value;
}

/** The header line's columns: which spec column each field is, with the problems of unknown, repeated and missing ones. */
function readHeader(spec: TableSpec, fields: readonly CsvField[], problems: CsvProblem[], hints: Suggester): { columns: Array<ColumnSpec | undefined>; present: Set<string> } {
  const byName = new Map<string, ColumnSpec>();
  for (const c of spec.columns) for (const n of headerNames(c)) byName.set(n, c);
  const headers = spec.columns.map((c) => c.header);
  // a near miss of any name a column is known by, suggested as the column's header
  const near = (text: string): string => {
    const n = hints.didYouMean(normalizeHeader(text), byName.keys());
    return n === undefined ? '' : ` (did you mean "${byName.get(n)!.header}"?)`;
  };
  const columns: Array<ColumnSpec | undefined> = [];
  const present = new Set<string>();
  const firstAt = new Map<string, CsvField>();
  for (const f of fields) {
    const text = f.text.trim();
    const column = byName.get(normalizeHeader(text));
    columns.push(undefined);
    if (text === '') continue; // a column without a header: its cells must be empty (checked by row)
    if (column === undefined) {
      problems.push({ line: f.line, column: f.column, message: `unknown column ${quoted(text)}${near(text)}, expected one of ${headers.join(', ')} (docs/import-export.md lists the other names each is known by)` });
      continue;
    }
    const first = firstAt.get(column.header);
    if (first !== undefined) {
      problems.push({ line: f.line, column: f.column, message: `column ${quoted(text)} is the ${column.header} column again (first at column ${first.column}), expected each column once` });
      continue;
    }
    firstAt.set(column.header, f);
    present.add(column.header);
    columns[columns.length - 1] = column;
  }
  return { columns, present };
}

/**
 * Reads `text` as the CSV file of `spec`. Without an id column, the name column gives the ids.
 * Empty unquoted cells leave their field out; a quoted empty cell is an empty text.
 */
export function readTable(spec: TableSpec, text: string, hints: Suggester): TableRead {
  const { records, problems } = readCsv(text);
  const header = records[0];
  if (!header) {
    const required = spec.columns.filter((c) => c.required).map((c) => c.header);
    problems.push({ line: 1, column: 1, message: `an empty file, expected a header line (${required.join(',')}, …) and a row per ${spec.what}` });
    return { rows: [], problems, present: new Set(), headerCell: { line: 1, column: 1 } };
  }
  const headerCell = { line: header.line, column: 1 };
  const { columns, present } = readHeader(spec, header.fields, problems, hints);
  // without an id column, the names are the ids
  const nameIsId = !present.has('id') && present.has('name');
  if (nameIsId) {
    const i = columns.findIndex((c) => c?.header === 'name');
    columns[i] = spec.columns.find((c) => c.header === 'id');
    present.delete('name');
    present.add('id');
  }
  const missing = spec.columns.filter((c) => c.required && !present.has(c.header)).map((c) => c.header);
  for (const m of missing) problems.push({ ...headerCell, message: `no ${quoted(m)} column, expected the columns ${spec.columns.filter((c) => c.required).map((c) => c.header).join(', ')} in any order (the others optional)` });
  for (const group of spec.oneOf ?? []) {
    if (!group.some((g) => present.has(g))) problems.push({ ...headerCell, message: `no ${group.map((g) => quoted(g)).join(' or ')} column, expected at least one of them` });
  }

  const rows: TableRow[] = [];
  const width = header.fields.length;
  const idLines = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (record.unclosed) continue; // the quote that never closes is its own problem
    const fields = record.fields;
    if (fields.every((f) => !f.quoted && f.text.trim() === '')) continue; // a row a spreadsheet left empty
    if (fields.length > width) {
      problems.push({ line: fields[width]!.line, column: fields[width]!.column, message: `${fields.length} fields, expected ${width} as in the header (a value with a comma is written in quotes: "Venlo, NL")` });
      continue;
    }
    const cells = new Map<string, CsvField>();
    const texts = new Map<string, string>();
    fields.forEach((f, i) => {
      const column = columns[i];
      const value = cellValue(f);
      if (column === undefined) {
        if (value !== '' && header.fields[i]!.text.trim() === '') problems.push({ line: f.line, column: f.column, message: `a value in a column without a header, expected a header for it or an empty cell` });
        return;
      }
      cells.set(column.header, f);
      if (value !== '' || f.quoted) texts.set(column.header, value);
    });
    const entry: Record<string, unknown> = {};
    for (const column of spec.columns) {
      const f = cells.get(column.header);
      const value = texts.get(column.header);
      if (value === undefined || (value === '' && column.type !== 'text')) {
        if (column.required && present.has(column.header)) {
          const at = f ?? { line: record.endLine, column: record.endColumn };
          problems.push({ line: at.line, column: at.column, message: `${column.header}: empty, expected ${column.type === 'enum' ? `one of ${(column.values ?? []).join(', ')}` : `the ${spec.what}'s ${column.header}`}` });
        }
        continue;
      }
      const read = readCell(column, value, hints);
      if ('error' in read) {
        problems.push({ line: f!.line, column: f!.column, message: `${column.header}: ${read.error}` });
        continue;
      }
      setPath(entry, column.path, read.value);
    }
    // ids once in the file
    const id = entry.id;
    if (typeof id === 'string') {
      const first = idLines.get(id);
      const f = cells.get('id')!;
      if (first !== undefined) problems.push({ line: f.line, column: f.column, message: `id: ${spec.what} ${quoted(id)} again, expected each id once (first on line ${first})` });
      else idLines.set(id, f.line);
    }
    rows.push({ line: record.line, entry, cells });
  }
  return { rows, problems, present, headerCell };
}
