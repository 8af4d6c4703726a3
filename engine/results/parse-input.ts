// Reads an input file a person gives `explore` or opens in the explorer: a chainward/v1 scenario,
// validated with every problem's JSON path, or chainward-results/v1 results, checked against the
// results schema and for what every real run satisfies (check-results.ts). A document whose `format`
// is neither gets one line about that. Nothing from the file is ever evaluated.
import '../model/zod-config.js'; // first: before any schema is built
import type { Results } from './schema.js';
import { looksLikeResults, readResults } from './check-results.js';
import type { Scenario } from '../model/schema.js';
import { parseScenario, type ValidationIssue } from '../validate/validate.js';
import { shortJson } from '../model/json-path.js';

const SCENARIO_FORMAT = 'chainward/v1';
const RESULTS_FORMAT = 'chainward-results/v1';

/**
 * A scenario comes with the warnings about its text, if any (a key that appears twice in an object);
 * invalid input says whether it claimed to be results (its `format`).
 */
export type Loaded = { kind: 'scenario'; scenario: Scenario; warnings?: ValidationIssue[] } | { kind: 'results'; results: Results } | { kind: 'invalid'; issues: ValidationIssue[]; results?: true };

/** Classifies and checks an input text. */
export function parseInput(text: string): Loaded {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const r = parseScenario(text); // the engine's parser names the line and column
    return r.ok ? { kind: 'scenario', scenario: r.scenario, ...(r.warnings ? { warnings: r.warnings } : {}) } : { kind: 'invalid', issues: r.issues };
  }
  // a document that says it is something else: one line about `format`, not every field of a scenario
  const format = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.prototype.hasOwnProperty.call(raw, 'format') ? (raw as { format: unknown }).format : undefined;
  if (format !== undefined && format !== SCENARIO_FORMAT && format !== RESULTS_FORMAT) {
    return { kind: 'invalid', issues: [{ path: 'format', message: `expected "${SCENARIO_FORMAT}" (a scenario) or "${RESULTS_FORMAT}" (results), got ${shortJson(format)}` }] };
  }
  if (looksLikeResults(raw)) {
    const r = readResults(raw);
    return r.ok ? { kind: 'results', results: r.results } : { kind: 'invalid', issues: r.issues, results: true };
  }
  const r = parseScenario(text);
  return r.ok ? { kind: 'scenario', scenario: r.scenario, ...(r.warnings ? { warnings: r.warnings } : {}) } : { kind: 'invalid', issues: r.issues };
}
