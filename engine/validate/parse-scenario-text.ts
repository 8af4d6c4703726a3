// A scenario file's text read by its name: `.yaml` and `.yml` as YAML, everything else as JSON
// (docs/import-export.md, "YAML scenario files"). A YAML file's problems carry the line and column
// of the node their JSON path names, found through the document's node ranges.
import { readYaml, type TextPlace } from '../text/read-yaml.js';
import { parsePath } from '../model/parse-path.js';
import { parseScenario, validateScenario, type ValidationIssue, type ValidationResult } from './validate.js';

/** A problem with its JSON path and, in a YAML file, the line and column where it is. */
export type PlacedIssue = ValidationIssue & Partial<TextPlace>;

/** Whether a file of this name is read as YAML. */
export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/**
 * Reads YAML text into plain data: the data and a function placing a JSON path in the text, or the
 * syntax problems as issues at line and column (path `(file)`).
 */
export function readYamlData(text: string): { ok: true; raw: unknown; place: (issue: ValidationIssue) => PlacedIssue } | { ok: false; issues: PlacedIssue[] } {
  const r = readYaml(text);
  if (!r.ok) return { ok: false, issues: r.problems.map((p) => ({ path: '(file)', message: `invalid YAML: ${p.message}`, line: p.line, column: p.column })) };
  return { ok: true, raw: r.value, place: (issue) => ({ ...issue, ...r.locate(parsePath(issue.path)) }) };
}

/** Parses and validates a YAML scenario; every problem with its JSON path and its line and column. */
export function parseScenarioYaml(text: string): ValidationResult {
  const read = readYamlData(text);
  if (!read.ok) return { ok: false, issues: read.issues };
  const result = validateScenario(read.raw);
  return result.ok ? result : { ok: false, issues: result.issues.map(read.place) };
}

/** Parses and validates a scenario file's text, as YAML when its name ends in .yaml or .yml, else as JSON. */
export function parseScenarioText(text: string, name: string): ValidationResult {
  return isYamlName(name) ? parseScenarioYaml(text) : parseScenario(text);
}

/** `12:5: sites[3].lat` for a placed issue, `sites[3].lat` otherwise: where in its file a problem is. */
export function issuePlace(issue: PlacedIssue): string {
  return issue.line === undefined ? issue.path : `${issue.line}:${issue.column ?? 1}: ${issue.path}`;
}

/** `file:12:5: sites[3].lat` for a placed issue, `file: sites[3].lat` otherwise: where a problem is, as the CLI prints it. */
export function issueWhere(file: string, issue: PlacedIssue): string {
  return issue.line === undefined ? `${file}: ${issue.path}` : `${file}:${issuePlace(issue)}`;
}
