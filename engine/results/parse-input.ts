// Reads an input file a person gives `explore` or opens in the explorer: a chainward/v1 scenario,
// validated with every problem's JSON path, or chainward-results/v1 results, checked against the
// results schema. Nothing from the file is ever evaluated.
import '../model/zod-config.js'; // first: before any schema is built
import type { Results } from './schema.js';
import { looksLikeResults, readResults } from './check-results.js';
import type { Scenario } from '../model/schema.js';
import { parseScenario, type ValidationIssue } from '../validate/validate.js';

/** A scenario comes with the warnings about its text, if any (a key that appears twice in an object). */
export type Loaded = { kind: 'scenario'; scenario: Scenario; warnings?: ValidationIssue[] } | { kind: 'results'; results: Results } | { kind: 'invalid'; issues: ValidationIssue[] };

/** Classifies and checks an input text. */
export function parseInput(text: string): Loaded {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const r = parseScenario(text); // the engine's parser names the line and column
    return r.ok ? { kind: 'scenario', scenario: r.scenario, ...(r.warnings ? { warnings: r.warnings } : {}) } : { kind: 'invalid', issues: r.issues };
  }
  if (looksLikeResults(raw)) {
    const r = readResults(raw);
    return r.ok ? { kind: 'results', results: r.results } : { kind: 'invalid', issues: r.issues };
  }
  const r = parseScenario(text);
  return r.ok ? { kind: 'scenario', scenario: r.scenario, ...(r.warnings ? { warnings: r.warnings } : {}) } : { kind: 'invalid', issues: r.issues };
}
