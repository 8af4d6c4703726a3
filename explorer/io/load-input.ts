// Reads a file the person opens or drops (or the one the server was started with): a chainward/v1
// scenario, validated by the engine with every problem's JSON path, or chainward-results/v1 results,
// checked for the fields the views read. Nothing from the file is ever evaluated or parsed as HTML.
import type { Results } from '../../engine/analysis/simulate-scenario.js';
import type { Scenario } from '../../engine/model/schema.js';
import { checkResults, looksLikeResults } from '../../engine/model/check-results.js';
import { parseScenario, type ValidationIssue } from '../../engine/model/validate.js';

export type Loaded = { kind: 'scenario'; scenario: Scenario } | { kind: 'results'; results: Results } | { kind: 'invalid'; issues: ValidationIssue[] };

/** Classifies and checks an input text. */
export function loadInput(text: string): Loaded {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const r = parseScenario(text); // the engine's parser names the line and column
    return r.ok ? { kind: 'scenario', scenario: r.scenario } : { kind: 'invalid', issues: r.issues };
  }
  if (looksLikeResults(raw)) {
    const issues = checkResults(raw);
    return issues.length ? { kind: 'invalid', issues } : { kind: 'results', results: raw as Results };
  }
  const r = parseScenario(text);
  return r.ok ? { kind: 'scenario', scenario: r.scenario } : { kind: 'invalid', issues: r.issues };
}
