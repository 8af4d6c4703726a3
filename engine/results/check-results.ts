// Checks a chainward-results/v1 document read from a file before it is shown, against the results
// schema (schema.ts): each problem with its JSON path. Extra fields are allowed (results grow) and
// left out of what is returned; the numbers themselves are not re-derived.
import { ENGINE_VERSION } from '../version.js';
import { formatPath } from '../model/json-path.js';
import type { ValidationIssue } from '../validate/validate.js';
import { resultsSchema, type Results } from './schema.js';

/** Whether a parsed JSON value claims to be results (its `format`). */
export function looksLikeResults(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as { format?: unknown }).format === 'chainward-results/v1';
}

/** The results of a parsed JSON value, or every problem with its JSON path (at most 50). */
export function readResults(raw: unknown): { ok: true; results: Results } | { ok: false; issues: ValidationIssue[] } {
  const r = resultsSchema.safeParse(raw);
  if (r.success) return { ok: true, results: r.data };
  // results of another engine version lack or mean other fields: say that once, not field by field
  const version = (raw as { engineVersion?: unknown } | null)?.engineVersion;
  if (typeof version === 'string' && version !== ENGINE_VERSION) {
    return { ok: false, issues: [{ path: 'engineVersion', message: `written by chainward ${version}, whose results this version (${ENGINE_VERSION}) cannot show; run the scenario again with this version` }] };
  }
  return { ok: false, issues: r.error.issues.slice(0, 50).map((i) => ({ path: formatPath(i.path as Array<string | number>), message: i.message })) };
}

/** Every problem of a results document, with its JSON path (at most 50); empty when it is fine. */
export function checkResults(raw: unknown): ValidationIssue[] {
  const r = readResults(raw);
  return r.ok ? [] : r.issues;
}
