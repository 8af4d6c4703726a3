// The results in one of the report formats: JSON (the results document), CSV, Markdown or the table.
import type { Results } from '../results/schema.js';
import { csvReport } from './csv.js';
import { markdownReport } from './markdown.js';
import type { ReportOptions } from './sections.js';
import { tableReport } from './table.js';

/** The formats `render` writes results in: a terminal table, JSON (chainward-results/v1), CSV and Markdown. */
export const FORMATS = ['table', 'json', 'csv', 'md'] as const;
/** One of FORMATS. */
export type Format = (typeof FORMATS)[number];

/**
 * The results in `format`. `top` (risks listed) and `wide` (nothing cut to 120 columns) shape the
 * table and Markdown reports; CSV and JSON carry everything (README.md, "Command line").
 */
export function render(results: Results, format: Format, opts: ReportOptions = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify(results, null, 2) + '\n';
    case 'csv':
      return csvReport(results);
    case 'md':
      return markdownReport(results, opts);
    default:
      return tableReport(results, opts);
  }
}
