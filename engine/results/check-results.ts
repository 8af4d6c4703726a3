// Checks a chainward-results/v1 document read from a file before it is shown or compared: against the
// results schema (schema.ts), then for what every real run satisfies (losses are never negative, each
// interval holds its estimate, the tail figures are ordered; docs/results-format.md). Each problem
// comes with its JSON path and "expected …, got …". Extra fields are allowed (results grow) and left
// out of what is returned; the figures are not re-derived.
import { ENGINE_VERSION } from '../version.js';
import { describeValue, formatPath, shortJson, type PathSegment } from '../model/json-path.js';
import type { ValidationIssue } from '../validate/validate.js';
import { resultsSchema, type Results, type Summary } from './schema.js';
import type { z } from 'zod';

/** Problems listed at most. */
const MAX_ISSUES = 50;

/** Whether a parsed JSON value claims to be results (its `format`). */
export function looksLikeResults(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as { format?: unknown }).format === 'chainward-results/v1';
}

/** The results of a parsed JSON value, or every problem with its JSON path (at most 50). */
export function readResults(raw: unknown): { ok: true; results: Results } | { ok: false; issues: ValidationIssue[] } {
  const r = resultsSchema.safeParse(raw);
  if (r.success) {
    const issues = implausible(r.data);
    return issues.length === 0 ? { ok: true, results: r.data } : { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  }
  // results of another engine version lack or mean other fields: say that once, not field by field
  const version = (raw as { engineVersion?: unknown } | null)?.engineVersion;
  if (typeof version === 'string' && version !== ENGINE_VERSION) {
    return { ok: false, issues: [{ path: 'engineVersion', message: `written by chainward ${version}, whose results this version (${ENGINE_VERSION}) cannot show; run the scenario again with this version` }] };
  }
  return { ok: false, issues: r.error.issues.slice(0, MAX_ISSUES).map((i) => issueOf(i, raw)) };
}

/** Every problem of a results document, with its JSON path (at most 50); empty when it is fine. */
export function checkResults(raw: unknown): ValidationIssue[] {
  const r = readResults(raw);
  return r.ok ? [] : r.issues;
}

// ---------------------------------------------------------------------------------------------
// zod's issues in the project's words: "expected …, got …" (as engine/validate words a scenario's)

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

const A: Record<string, string> = { number: 'a number', string: 'a string', boolean: 'true or false', array: 'an array', object: 'an object', tuple: 'an array' };

function issueOf(issue: z.core.$ZodIssue, root: unknown): ValidationIssue {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p))) as PathSegment[];
  const value = valueAt(root, issue.path);
  const got = value === undefined ? 'nothing' : describeValue(value);
  const say = (expected: string): ValidationIssue => ({ path: formatPath(path), message: value === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${got}` });
  switch (issue.code) {
    case 'invalid_type':
      // JSON has no ∞ or NaN, but 1e999 reads as Infinity
      return say(issue.expected === 'number' && typeof value === 'number' ? 'a finite number' : (Object.hasOwn(A, issue.expected) ? A[issue.expected]! : issue.expected));
    case 'invalid_value':
      return say(issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`);
    case 'too_small':
      if (issue.origin === 'array') return say(`at least ${issue.minimum} items`);
      return say(`a number ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`);
    case 'too_big':
      if (issue.origin === 'array') return say(`at most ${issue.maximum} items`);
      return say(`a number ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`);
    case 'invalid_union':
      return say(path[path.length - 1] === 'seed' ? 'a number or a string' : 'a number or a level');
    case 'invalid_format':
    case 'custom':
      // the schema's own message is the expectation ("expected …")
      return { path: formatPath(path), message: `${issue.message}, got ${shortJson(value)}` };
    default:
      return { path: formatPath(path), message: `${issue.message}, got ${shortJson(value)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// What every real run satisfies

/** a ≤ b, allowing the last bits of a sum (a mean of equal values may round one ulp above them). */
function atMost(a: number, b: number): boolean {
  return a <= b + Math.abs(b) * 1e-12;
}

function money(x: number): string {
  return shortJson(x);
}

function checkSummary(s: Summary, base: PathSegment[], out: ValidationIssue[]): void {
  const at = (k: string) => formatPath([...base, k]);
  // every trial's loss is a sum of non-negative parts (docs/simulation.md, "The trial's loss")
  for (const k of ['eal', 'sd', 'se', 'p50', 'p90', 'p95', 'p99', 'var95', 'cvar95', 'cvar99', 'max', 'directEal', 'interruptionEal', 'rerouteEal'] as const) {
    if (s[k] < 0) out.push({ path: at(k), message: `expected a number ≥ 0 (a loss or its spread is never negative), got ${money(s[k])}` });
  }
  for (const k of ['pAnyLoss', 'serviceLevel'] as const) {
    if (s[k] < 0 || s[k] > 1) out.push({ path: at(k), message: `expected a share in [0, 1], got ${money(s[k])}` });
  }
  const around = (k: 'ci95' | 'var95Ci95' | 'p99Ci95' | 'cvar95Ci95' | 'cvar99Ci95', of: 'eal' | 'var95' | 'p99' | 'cvar95' | 'cvar99') => {
    const [lo, hi] = s[k];
    if (!(atMost(lo, s[of]) && atMost(s[of], hi))) out.push({ path: at(k), message: `expected an interval around ${of} (low ≤ ${money(s[of])} ≤ high), got [${money(lo)}, ${money(hi)}]` });
  };
  around('ci95', 'eal');
  around('var95Ci95', 'var95');
  around('p99Ci95', 'p99');
  around('cvar95Ci95', 'cvar95');
  around('cvar99Ci95', 'cvar99');
  // quantiles rise with their level, a tail's mean lies between its threshold and the largest loss
  const chains: Array<Array<keyof Summary & string>> = [
    ['p50', 'p90', 'p95', 'p99', 'max'],
    ['var95', 'cvar95', 'cvar99', 'max'],
    ['eal', 'cvar95'],
  ];
  for (const chain of chains) {
    for (let i = 1; i < chain.length; i++) {
      const a = chain[i - 1]!;
      const b = chain[i]!;
      const x = s[a] as number;
      const y = s[b] as number;
      if (!atMost(x, y)) {
        out.push({ path: at(b), message: `expected ${a} ≤ ${b}, got ${a} ${money(x)} and ${b} ${money(y)}` });
        break;
      }
    }
  }
}

/** What no real run writes, each with its JSON path; empty for a plausible document. */
function implausible(r: Results): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (!/^sha256:[0-9a-f]{64}$/.test(r.scenarioHash)) out.push({ path: 'scenarioHash', message: `expected "sha256:" and 64 hex digits, got ${shortJson(r.scenarioHash)}` });
  if (!(r.horizonDays > 0)) out.push({ path: 'horizonDays', message: `expected a number > 0, got ${shortJson(r.horizonDays)}` });
  checkSummary(r.baseline, ['baseline'], out);
  r.treatments.forEach((t, i) => checkSummary(t.summary, ['treatments', i, 'summary'], out));
  r.risks.forEach((k, i) => {
    for (const f of ['eal', 'frequency'] as const) if (k[f] < 0) out.push({ path: formatPath(['risks', i, f]), message: `expected a number ≥ 0, got ${shortJson(k[f])}` });
  });
  return out;
}
