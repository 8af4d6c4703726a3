// What a command writes for results in a report format: JSON in pieces (never one string: the results
// of a large network run to hundreds of megabytes), the other formats as render() makes them.
import type { Results } from '../results/schema.js';
import { jsonDocumentChunks } from '../results/json-chunks.js';
import { render, type Format } from '../report/render.js';
import type { ReportOptions } from '../report/sections.js';
import type { TextContent } from '../io/utf8-pieces.js';

/** The results in `format`: the same characters as render(results, format, opts), JSON as a generator of pieces. */
export function renderContent(results: Results, format: Format, opts: ReportOptions = {}): TextContent {
  return format === 'json' ? jsonDocumentChunks(results, 2) : render(results, format, opts);
}
