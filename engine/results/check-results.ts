// Checks a chainward-results/v1 document read from a file before it is shown: the fields
// a reader (the explorer, `explore`) relies on, with their types, each problem with its JSON path.
// Extra fields are allowed (results grow); the numbers themselves are not re-derived.
import { z } from 'zod';
import { ENGINE_VERSION } from '../version.js';
import { formatPath } from '../model/json-path.js';
import { CATEGORIES, ELEMENTS, LEVELS } from '../model/schema.js';
import type { ValidationIssue } from '../validate/validate.js';

const num = z.number().refine(Number.isFinite, { message: 'expected a finite number' });
const str = z.string();
const band = z.number().int().min(1).max(5);
const interval = z.tuple([num, num]);
const status = z.enum(['within', 'breached', 'uncertain']);

const summary = z.object({
  eal: num,
  sd: num,
  se: num,
  ci95: z.tuple([num, num]),
  p50: num,
  p90: num,
  p95: num,
  p99: num,
  var95: num,
  cvar95: num,
  cvar99: num,
  var95Ci95: interval,
  p99Ci95: interval,
  cvar95Ci95: interval,
  cvar99Ci95: interval,
  pAnyLoss: num,
  max: num,
  directEal: num,
  interruptionEal: num,
  rerouteEal: num,
  serviceLevel: num,
});

export const resultsSchema = z.object({
  format: z.literal('chainward-results/v1'),
  scenario: str,
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code such as "EUR"' }),
  horizonDays: num,
  seed: z.union([num, str]),
  trials: z.number().int().min(1),
  baseline: summary,
  risks: z.array(
    z.object({
      id: str,
      threat: str,
      category: z.enum(CATEGORIES),
      target: str,
      targetKind: z.enum(['site', 'lane']),
      element: z.enum(ELEMENTS),
      owner: str,
      frequency: num,
      pEventExpected: num,
      pEvent: num,
      meanLossPerEvent: num,
      impactCi95: interval.nullable(),
      borderline: z.boolean(),
      eal: num,
      share: num,
      tailContribution: num,
      likelihood: band,
      impact: band,
      score: num,
      level: z.enum(LEVELS),
      controls: z.array(str),
    }),
  ),
  targets: z.array(z.object({ id: str, kind: z.enum(['site', 'lane']), eal: num, directEal: num, interruptionEal: num, rerouteEal: num, share: num })),
  flows: z.array(
    z.object({ id: str, eal: num, directEal: num, interruptionEal: num, rerouteCost: num, interruptionDaysMean: num, reroutedDaysMean: num, serviceLevel: num }),
  ),
  controls: z.array(z.object({ id: str, element: z.enum(ELEMENTS), placements: num, annualCost: num })),
  exceedance: z.array(z.object({ loss: num, probability: num })),
  treatments: z.array(
    z.object({
      id: str,
      name: str,
      summary,
      delta: z.object({ eal: num, ealCi95: z.tuple([num, num]), var95: num, cvar95: num }),
      annualCost: num,
      netBenefit: num,
      rosi: num.nullable(),
    }),
  ),
  engineVersion: str,
  appetite: z.object({
    status,
    withinAppetite: z.boolean(),
    breaches: z.array(str),
    uncertain: z.array(str),
    checks: z.array(
      z.object({
        limit: z.enum(['maxLevel', 'maxEal', 'maxCvar95']),
        threshold: z.union([num, z.enum(LEVELS)]),
        value: num,
        ci95: interval,
        status,
        text: str,
      }),
    ),
  }),
  // optional: results assembled by hand or by other tools may leave it out
  warnings: z.array(z.object({ path: str, message: str })).optional(),
});

/** Whether a parsed JSON value claims to be results (its `format`). */
export function looksLikeResults(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as { format?: unknown }).format === 'chainward-results/v1';
}

/** Every problem of a results document, with its JSON path (at most 50); empty when it is fine. */
export function checkResults(raw: unknown): ValidationIssue[] {
  const r = resultsSchema.safeParse(raw);
  if (r.success) return [];
  // results of another engine version lack or mean other fields: say that once, not field by field
  const version = (raw as { engineVersion?: unknown }).engineVersion;
  if (typeof version === 'string' && version !== ENGINE_VERSION) {
    return [{ path: 'engineVersion', message: `written by chainward ${version}, whose results this version (${ENGINE_VERSION}) cannot show; run the scenario again with this version` }];
  }
  return r.error.issues.slice(0, 50).map((i) => ({ path: formatPath(i.path as Array<string | number>), message: i.message }));
}
