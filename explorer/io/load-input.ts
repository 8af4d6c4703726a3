// Reads a file the person opens or drops (or the one the server was started with): a chainward/v1
// scenario, validated by the engine with every problem's JSON path, or chainward-results/v1 results,
// checked for the fields the views read. Nothing from the file is ever evaluated or parsed as HTML.
import type { Results } from '../../engine/analysis/simulate-scenario.js';
import type { Scenario } from '../../engine/model/schema.js';
import { parseScenario, type ValidationIssue } from '../../engine/model/validate.js';

export type Loaded = { kind: 'scenario'; scenario: Scenario } | { kind: 'results'; results: Results } | { kind: 'invalid'; issues: ValidationIssue[] };

const RESULTS_FIELDS: Array<[string, 'object' | 'array' | 'string' | 'number']> = [
  ['scenario', 'string'],
  ['currency', 'string'],
  ['trials', 'number'],
  ['baseline', 'object'],
  ['risks', 'array'],
  ['targets', 'array'],
  ['flows', 'array'],
  ['controls', 'array'],
  ['exceedance', 'array'],
  ['treatments', 'array'],
  ['appetite', 'object'],
];

const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** Classifies and checks an input text. */
export function loadInput(text: string): Loaded {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const r = parseScenario(text); // the engine's parser names the line and column
    return r.ok ? { kind: 'scenario', scenario: r.scenario } : { kind: 'invalid', issues: r.issues };
  }
  if (raw !== null && typeof raw === 'object' && (raw as { format?: unknown }).format === 'chainward-results/v1') {
    const issues: ValidationIssue[] = [];
    const o = raw as Record<string, unknown>;
    for (const [k, t] of RESULTS_FIELDS) if (typeOf(o[k]) !== t) issues.push({ path: k, message: `expected ${t === 'array' ? 'an array' : `a${t === 'object' ? 'n' : ''} ${t}`}, got ${typeOf(o[k])}` });
    if (!issues.length && !/^[A-Z]{3}$/.test(String(o.currency))) issues.push({ path: 'currency', message: 'expected an ISO 4217 currency code such as "EUR"' });
    return issues.length ? { kind: 'invalid', issues } : { kind: 'results', results: raw as Results };
  }
  const r = parseScenario(text);
  return r.ok ? { kind: 'scenario', scenario: r.scenario } : { kind: 'invalid', issues: r.issues };
}
