// `chainward import`: a scenario from CSV files of sites, lanes and optionally flows, carriers and
// threats, on top of a base scenario or of minimal defaults (docs/import-export.md). Every problem of
// every file is reported at once at its file, line and column: those of the CSV itself, and those the
// scenario validator finds, traced back from their JSON path to the cell they come from.
import '../model/zod-config.js'; // first: before any schema is built
import { formatPath, type PathSegment } from '../model/json-path.js';
import { parsePath } from '../model/parse-path.js';
import { scenarioSchema, type Scenario } from '../model/schema.js';
import { Suggester } from '../text/did-you-mean.js';
import { validateScenario, type ValidationIssue } from '../validate/validate.js';
import { TABLES, type TableName, type TableSpec } from './csv-tables.js';
import { pruneBase, type KeptIndex } from './prune-base.js';
import { readTable, type TableRow } from './read-table.js';

/** One CSV file given to the import: its name as the user gave it, and its text. */
export interface CsvInput {
  file: string;
  text: string;
}

/** The base scenario (valid), and where a JSON path of it is in its file (YAML), when known. */
export interface BaseInput {
  file: string;
  scenario: Scenario;
  place?: (path: string) => { line: number; column: number } | undefined;
}

/** What `importNetwork` reads: the CSV files by list (sites and lanes required), a base scenario, a name. */
export interface ImportInput {
  tables: Partial<Record<TableName, CsvInput>> & { sites: CsvInput; lanes: CsvInput };
  base?: BaseInput;
  /** --name: the scenario's name. */
  name?: string;
}

/** A problem or warning: in a file at a line and column (a CSV cell), or at a JSON path of the base. */
export interface ImportProblem {
  file: string;
  line?: number;
  column?: number;
  path?: string;
  message: string;
}

/** The imported scenario (validated) with warnings about the base, or every problem of every file. */
export type ImportResult = { ok: true; scenario: Scenario; warnings: ImportProblem[] } | { ok: false; problems: ImportProblem[]; warnings: ImportProblem[] };

/** The scenario's name without --name or a base. */
export const DEFAULT_NAME = 'Imported network';

/** `file:line:column: message`, `file: path: message` or `file:line:column: path: message`. */
export function problemLine(p: ImportProblem): string {
  const at = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${at}: ${p.path === undefined ? '' : `${p.path}: `}${p.message}`;
}

type Origin = { table: TableSpec; file: string; row: TableRow } | { base: number };

/** The column of `table` whose field is the longest prefix of `rest` (at least its first key). */
function columnFor(table: TableSpec, rest: readonly PathSegment[]): TableSpec['columns'][number] | undefined {
  let best: TableSpec['columns'][number] | undefined;
  let bestLength = 0;
  for (const c of table.columns) {
    let n = 0;
    while (n < c.path.length && n < rest.length && c.path[n] === rest[n]) n++;
    if (n > bestLength) {
      best = c;
      bestLength = n;
    }
  }
  return best;
}

/**
 * Reads the CSV files and puts the scenario together over the base (or minimal defaults): the valid
 * scenario, or every problem of every file at its file, line and column (docs/import-export.md).
 */
export function importNetwork(input: ImportInput): ImportResult {
  const hints = new Suggester();
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const origins = new Map<string, Origin[]>();
  const reads = new Map<TableName, { spec: TableSpec; file: string; present: Set<string> }>();
  const lists: Partial<Record<TableName, unknown[]>> = {};
  for (const spec of TABLES) {
    const csv = input.tables[spec.name];
    if (!csv) continue;
    const read = readTable(spec, csv.text, hints);
    for (const p of read.problems) problems.push({ file: csv.file, line: p.line, column: p.column, message: p.message });
    reads.set(spec.name, { spec, file: csv.file, present: read.present });
    lists[spec.name] = read.rows.map((r) => r.entry);
    origins.set(
      spec.name,
      read.rows.map((row) => ({ table: spec, file: csv.file, row })),
    );
  }

  // the scenario: the base's, or minimal defaults, with the imported lists in the schema's order
  const base = input.base?.scenario;
  const assembled: Record<string, unknown> = {};
  for (const key of Object.keys(scenarioSchema.shape)) {
    const value = Object.hasOwn(lists, key) ? lists[key as TableName] : key === 'name' ? (input.name ?? base?.name ?? DEFAULT_NAME) : key === 'format' ? 'chainward/v1' : key === 'threats' && !base ? [] : base?.[key as keyof Scenario];
    if (value !== undefined) assembled[key] = value;
  }
  let kept: KeptIndex = {};
  let scenario = assembled as unknown as Scenario;
  if (input.base) {
    const pruned = pruneBase(scenario, new Set(reads.keys()));
    scenario = pruned.scenario;
    kept = pruned.kept;
    for (const w of pruned.warnings) warnings.push(baseProblem(input.base, w.path, w.message));
    for (const key of ['carriers', 'flows', 'threats', 'controls', 'treatments'] as const) {
      if (origins.has(key) || !scenario[key]) continue;
      origins.set(key, (kept[key as keyof KeptIndex] ?? scenario[key]!.map((_, i) => i)).map((i) => ({ base: i })));
    }
  }

  const result = validateScenario(scenario);
  if (result.ok && problems.length === 0) return { ok: true, scenario: result.scenario, warnings };
  // what was left of the base matters little while the network itself has problems
  // the validator's problems at the cells they come from; a cell with a problem of its own keeps only that one
  const taken = new Set(problems.map((p) => `${p.file}:${p.line}:${p.column}`));
  for (const issue of result.ok ? [] : result.issues) {
    const p = placeIssue(issue, input, origins, reads);
    if (p === undefined) continue;
    const key = `${p.file}:${p.line}:${p.column}`;
    if (p.line !== undefined && taken.has(key)) continue;
    taken.add(key);
    problems.push(p);
  }
  const order = [...TABLES.map((t) => input.tables[t.name]?.file), input.base?.file];
  const rank = (p: ImportProblem) => {
    const i = order.indexOf(p.file);
    return i < 0 ? order.length : i;
  };
  problems.sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, problems, warnings: [] };
}

/** Where the missing piece of an unknown reference would come from, when the import has no source for it. */
function hintFor(message: string, input: ImportInput): string {
  if (input.base) return '';
  if (message.startsWith('unknown control')) return '; expected a catalog control (`chainward controls` lists them), or give --base with the scenario that defines it';
  if (message.startsWith('unknown carrier') && !input.tables.carriers) return '; expected a carrier of --carriers (none given) or of --base';
  if (message.startsWith('unknown threat') && !input.tables.threats) return '; expected a threat of --threats (none given) or of --base';
  return '';
}

/** A problem at a JSON path of the base file, at its line and column when the base is YAML. */
function baseProblem(base: BaseInput, path: string, message: string): ImportProblem {
  const at = base.place?.(path);
  return { file: base.file, path, message, ...(at ? { line: at.line, column: at.column } : {}) };
}

/** Where a validator issue comes from: a CSV cell (or row), the base file, or --name; undefined when its column's absence is reported already. */
function placeIssue(issue: ValidationIssue, input: ImportInput, origins: Map<string, Origin[]>, reads: Map<TableName, { spec: TableSpec; file: string; present: Set<string> }>): ImportProblem | undefined {
  const segs = parsePath(issue.path);
  const [list, index, ...rest] = segs;
  const origin = typeof list === 'string' && typeof index === 'number' ? origins.get(list)?.[index] : undefined;
  if (origin === undefined) {
    if (list === 'name' && input.name !== undefined) return { file: '--name', message: issue.message };
    if (input.base) return baseProblem(input.base, issue.path, issue.message);
    return { file: '(imported scenario)', path: issue.path, message: issue.message };
  }
  if ('base' in origin) return baseProblem(input.base!, formatPath([list!, origin.base, ...rest]), issue.message);
  const read = reads.get(origin.table.name)!;
  const column = columnFor(origin.table, rest);
  const cell = column === undefined ? undefined : origin.row.cells.get(column.header);
  if (column && cell) return { file: origin.file, line: cell.line, column: cell.column, message: `${column.header}: ${issue.message}${hintFor(issue.message, input)}` };
  // a required column the file lacks is one problem at the header, not one a row
  if (column?.required && !read.present.has(column.header)) return undefined;
  const id = typeof origin.row.entry.id === 'string' ? ` ${JSON.stringify(origin.row.entry.id)}` : '';
  return { file: origin.file, line: origin.row.line, column: 1, message: `${origin.table.what}${id}: ${rest.length > 0 ? `${formatPath(rest)}: ` : ''}${issue.message}` };
}
