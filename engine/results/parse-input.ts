// Reads an input file a person gives `explore` or opens in the explorer: a chainward/v1 scenario,
// validated with every problem's JSON path, or chainward-results/v1 results, checked against the
// results schema and for what every real run satisfies (check-results.ts). A document whose `format`
// is neither gets one line about that. Nothing from the file is ever evaluated.
import '../model/zod-config.js'; // first: before any schema is built
import type { Results } from './schema.js';
import { looksLikeResults, readResults } from './check-results.js';
import type { Scenario } from '../model/schema.js';
import { parseScenario, validateScenario, type ValidationIssue } from '../validate/validate.js';
import { isYamlName, readYamlData } from '../validate/parse-scenario-text.js';
import { shortJson } from '../model/json-path.js';

const SCENARIO_FORMAT = 'chainward/v1';
const RESULTS_FORMAT = 'chainward-results/v1';

/**
 * A scenario comes with the warnings about its text, if any (a key that appears twice in an object);
 * invalid input says whether it claimed to be results (its `format`).
 */
export type Loaded = { kind: 'scenario'; scenario: Scenario; warnings?: ValidationIssue[] } | { kind: 'results'; results: Results } | { kind: 'invalid'; issues: ValidationIssue[]; results?: true };

/**
 * Classifies and checks an input text. A file `name` ending in .yaml or .yml is read as YAML, its
 * problems placed at their line and column; any other as JSON.
 */
export function parseInput(text: string, name = ''): Loaded {
  if (isYamlName(name)) return parseYamlInput(text);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const r = parseScenario(text); // the engine's parser names the line and column
    return r.ok ? { kind: 'scenario', scenario: r.scenario, ...(r.warnings ? { warnings: r.warnings } : {}) } : { kind: 'invalid', issues: r.issues };
  }
  const other = otherFormat(raw);
  if (other) return other;
  if (looksLikeResults(raw)) {
    const r = readResults(raw);
    return r.ok ? { kind: 'results', results: r.results } : { kind: 'invalid', issues: r.issues, results: true };
  }
  const r = parseScenario(text);
  return r.ok ? { kind: 'scenario', scenario: r.scenario, ...(r.warnings ? { warnings: r.warnings } : {}) } : { kind: 'invalid', issues: r.issues };
}

/** A YAML scenario or results: the same checks, each problem placed at its line and column. */
function parseYamlInput(text: string): Loaded {
  const read = readYamlData(text);
  if (!read.ok) return { kind: 'invalid', issues: read.issues };
  const raw = read.raw;
  const other = otherFormat(raw);
  if (other) return { kind: 'invalid', issues: other.issues.map(read.place) };
  if (looksLikeResults(raw)) {
    const r = readResults(raw);
    return r.ok ? { kind: 'results', results: r.results } : { kind: 'invalid', issues: r.issues.map(read.place), results: true };
  }
  const r = validateScenario(raw);
  return r.ok ? { kind: 'scenario', scenario: r.scenario } : { kind: 'invalid', issues: r.issues.map(read.place) };
}

/** A document that says it is something else: one line about `format`, not every field of a scenario. */
function otherFormat(raw: unknown): { kind: 'invalid'; issues: ValidationIssue[] } | undefined {
  const format = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.prototype.hasOwnProperty.call(raw, 'format') ? (raw as { format: unknown }).format : undefined;
  if (format === undefined || format === SCENARIO_FORMAT || format === RESULTS_FORMAT) return undefined;
  return { kind: 'invalid', issues: [{ path: 'format', message: `expected "${SCENARIO_FORMAT}" (a scenario) or "${RESULTS_FORMAT}" (results), got ${shortJson(format)}` }] };
}
