// The base scenario of `chainward import --base`, JSON or YAML by its file name: validated, and for
// YAML with a way to place a JSON path of it at its line and column (docs/import-export.md).
import { isYamlName, readYamlData, type PlacedIssue } from '../validate/parse-scenario-text.js';
import { parseScenario, validateScenario } from '../validate/validate.js';
import type { BaseInput } from './import-network.js';

/** The base scenario read from `text`, or its problems. */
export function readBase(text: string, file: string): { ok: true; base: BaseInput } | { ok: false; issues: PlacedIssue[] } {
  if (!isYamlName(file)) {
    const r = parseScenario(text);
    return r.ok ? { ok: true, base: { file, scenario: r.scenario } } : { ok: false, issues: r.issues };
  }
  const read = readYamlData(text);
  if (!read.ok) return { ok: false, issues: read.issues };
  const r = validateScenario(read.raw);
  if (!r.ok) return { ok: false, issues: r.issues.map(read.place) };
  const place = (path: string) => {
    const at = read.place({ path, message: '' });
    return at.line === undefined ? undefined : { line: at.line, column: at.column ?? 1 };
  };
  return { ok: true, base: { file, scenario: r.scenario, place } };
}
