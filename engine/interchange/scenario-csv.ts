// `chainward export --format csv`: a scenario's sites, lanes, flows, carriers and threats as the CSV
// files `chainward import` reads (docs/import-export.md). Each file has the columns some row uses
// (and the required ones), in a fixed order; importing the files with the scenario as --base gives the
// scenario back.
import type { Scenario } from '../model/schema.js';
import { TABLES, type ColumnSpec, type TableName } from './csv-tables.js';
import { cellText } from './cell-text.js';

/** One file to write: `sites.csv` and its text. */
export interface CsvFile {
  table: TableName;
  file: string;
  text: string;
}

/**
 * A CSV cell (RFC 4180): a leading =, +, - or @ (and a quote before one) gets a quote in front so
 * that spreadsheets do not run it as a formula (the import takes it off again); quoted when it holds a
 * quote, a comma, a line break or spaces at either end, or is an empty text. Numbers stay as they are.
 */
function csvField(column: ColumnSpec, text: string): string {
  if (column.type === 'number') return text;
  let s = /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  if (s === '' || /[",\n\r]/.test(s) || s.trim() !== s) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

const valueAt = (entry: unknown, path: readonly string[]): unknown => {
  let v = entry;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
};

/** The CSV files of `scenario`: sites and lanes always, flows, carriers and threats when it has the list. */
export function scenarioCsv(scenario: Scenario): CsvFile[] {
  const files: CsvFile[] = [];
  for (const table of TABLES) {
    const entries = (scenario as Record<TableName, unknown[] | undefined>)[table.name] ?? (table.name === 'lanes' ? [] : undefined);
    if (entries === undefined) continue;
    const columns = table.columns.filter((c) => c.required || entries.some((e) => valueAt(e, c.path) !== undefined));
    const lines = [columns.map((c) => c.header).join(',')];
    for (const e of entries) lines.push(columns.map((c) => {
      const text = cellText(c, valueAt(e, c.path));
      return text === undefined ? '' : csvField(c, text);
    }).join(','));
    files.push({ table: table.name, file: `${table.name}.csv`, text: lines.join('\r\n') + '\r\n' });
  }
  return files;
}
