// The chainward/v1 scenario schema (SPEC §1) in zod: the single source of the scenario's shape,
// of its TypeScript types and of the published JSON Schema. Cross-references and graph checks
// that a schema cannot express live in validate.ts.
import { z } from 'zod';
import { REGION_CODE } from './carrier-regions.js';

export const SITE_KINDS = ['supplier', 'factory', 'warehouse', 'port', 'airport', 'dc', 'crossdock', 'customer'] as const;
export const MODES = ['road', 'rail', 'sea', 'air', 'barge'] as const;
export const CATEGORIES = ['theft', 'hijacking', 'intrusion', 'tampering', 'breach', 'disruption', 'terrorism'] as const;
export const ELEMENTS = ['policy', 'risk', 'supplier', 'facility', 'transport', 'personnel', 'information', 'emergency', 'monitoring'] as const;
export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;

export type SiteKind = (typeof SITE_KINDS)[number];
export type Mode = (typeof MODES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Element = (typeof ELEMENTS)[number];
export type Level = (typeof LEVELS)[number];

const id = z.string().min(1).describe('A non-empty identifier, unique within its list');
const ids = z.array(id);
const nonNeg = z.number().min(0);
const factor = z.number().min(0).max(1).describe('A factor in [0, 1]: 0.6 means a 40 % reduction');
const finite = z.number();

const ordered3 = (what: string) =>
  z.tuple([finite, finite, finite]).refine((t) => t[0] <= t[1] && t[1] <= t[2], {
    message: `expected ${what} with min ≤ mode ≤ max`,
  });

const lognormal = z.union([
  z
    .strictObject({ median: z.number().gt(0), p90: z.number().gt(0) })
    .refine((l) => l.p90 > l.median, { message: 'expected p90 > median' }),
  z.strictObject({ mu: finite, sigma: nonNeg }),
]);

/** A probability distribution: exactly one of the keys below. */
export const distSchema = z
  .union([
    z.strictObject({ fixed: finite }),
    z.strictObject({
      uniform: z.tuple([finite, finite]).refine((t) => t[0] <= t[1], { message: 'expected [a, b] with a ≤ b' }),
    }),
    z.strictObject({ triangular: ordered3('[min, mode, max]') }),
    z.strictObject({ pert: ordered3('[min, mode, max]') }),
    z.strictObject({ lognormal }),
    z.strictObject({ exponential: z.strictObject({ mean: z.number().gt(0) }) }),
  ])
  .describe('One of fixed, uniform, triangular, pert (γ = 4), lognormal (median/p90 or mu/sigma), exponential');

export const selectorSchema = z
  .strictObject({
    kind: z.enum(['site', 'lane']),
    ids: ids.optional(),
    siteKinds: z.array(z.enum(SITE_KINDS)).optional(),
    modes: z.array(z.enum(MODES)).optional(),
    regions: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
  })
  .describe('Matches sites or lanes; every given field must match');

const tags = z.array(z.string()).optional();

export const siteSchema = z.strictObject({
  id,
  name: z.string().optional(),
  kind: z.enum(SITE_KINDS),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  region: z.string().optional(),
  value: nonNeg.optional().describe('Average value of goods on site exposed to theft or tampering'),
  controls: ids.optional(),
  owner: z.string().optional(),
  tags,
});

export const laneSchema = z.strictObject({
  id,
  name: z.string().optional(),
  from: id,
  to: id,
  mode: z.enum(MODES),
  carrier: id.optional(),
  transitDays: nonNeg,
  costPerShipment: nonNeg.optional(),
  controls: ids.optional(),
  region: z.string().optional(),
  owner: z.string().optional(),
  tags,
});

export const carrierSchema = z.strictObject({
  id,
  name: z.string().optional(),
  modes: z.array(z.enum(MODES)).optional(),
  regions: z.array(z.string().regex(REGION_CODE, { message: 'expected an ISO 3166 code such as "MX" or "US-TX"' })).optional().describe('ISO 3166 codes of the countries or subdivisions the carrier serves (all when left out); it runs only lanes in them'),
  riskFactor: nonNeg.optional(),
  disruptionFactor: nonNeg.optional(),
  certifications: z.array(z.string()).optional(),
  costPerShipment: nonNeg.optional(),
});

export const flowSchema = z.strictObject({
  id,
  name: z.string().optional(),
  from: id,
  to: id,
  valuePerYear: nonNeg,
  shipmentsPerYear: z.number().gt(0),
  bufferDays: nonNeg.optional(),
  interruptionCostPerDay: nonNeg.optional(),
  path: ids.optional(),
});

export const threatSchema = z.strictObject({
  id,
  name: z.string().optional(),
  description: z.string().optional(),
  category: z.enum(CATEGORIES),
  appliesTo: selectorSchema,
  frequency: z.union([z.strictObject({ perYear: nonNeg }), z.strictObject({ perShipment: nonNeg })]),
  loss: z.union([z.strictObject({ fraction: distSchema }), z.strictObject({ amount: distSchema })]).optional(),
  downtimeDays: distSchema.optional(),
  regionFactors: z.record(z.string(), nonNeg).optional(),
});

export const effectSchema = z.strictObject({
  frequencyFactor: factor.optional(),
  severityFactor: factor.optional(),
  downtimeFactor: factor.optional(),
});

export const costSchema = z.strictObject({
  annual: nonNeg.optional(),
  perShipment: nonNeg.optional(),
  capex: nonNeg.optional(),
  lifetimeYears: z.number().gt(0).optional(),
});

export const controlSchema = z.strictObject({
  id,
  name: z.string(),
  description: z.string().optional(),
  element: z.enum(ELEMENTS),
  appliesTo: z.enum(['site', 'lane']),
  effects: z.record(z.string(), effectSchema).describe('Keyed by threat category or threat id (id wins)'),
  reliability: factor.optional(),
  cost: costSchema.optional(),
  source: z.string().optional(),
});

export const changeSchema = z.union([
  z.strictObject({ addControls: ids, to: selectorSchema }),
  z.strictObject({ removeControls: ids, from: selectorSchema }),
  z.strictObject({ setCarrier: id, lanes: ids }),
  z.strictObject({ route: z.strictObject({ flow: id, path: ids }) }),
  z.strictObject({
    setBuffer: z.strictObject({ flow: id, bufferDays: nonNeg, carryingCostRate: nonNeg.optional() }),
  }),
  z.strictObject({ addLanes: z.array(laneSchema) }),
  z.strictObject({ addSites: z.array(siteSchema) }),
]);

export const treatmentSchema = z.strictObject({
  id,
  name: z.string(),
  description: z.string().optional(),
  changes: z.array(changeSchema).min(1),
});

const ascending4 = z
  .tuple([finite, finite, finite, finite])
  .refine((t) => t[0] < t[1] && t[1] < t[2] && t[2] < t[3], { message: 'expected four ascending thresholds' });

export const criteriaSchema = z.strictObject({
  likelihoodBands: ascending4
    .optional()
    .describe('Upper bounds of P(≥1 event per horizon) for likelihood 1..4; default [0.01, 0.05, 0.2, 0.5]'),
  impactBands: ascending4
    .optional()
    .describe('Upper bounds of mean loss per event for impact 1..4; default [1e4, 1e5, 1e6, 1e7]'),
  levelScores: z
    .strictObject({ medium: z.number().int().min(1), high: z.number().int().min(1), critical: z.number().int().min(1) })
    .refine((l) => l.medium < l.high && l.high < l.critical, { message: 'expected medium < high < critical' })
    .optional()
    .describe('Lowest score of each level; default { medium: 5, high: 10, critical: 20 }'),
});

export const appetiteSchema = z.strictObject({
  maxLevel: z.enum(LEVELS).optional(),
  maxEal: nonNeg.optional(),
  maxCvar95: nonNeg.optional(),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal('chainward/v1'),
  name: z.string().min(1),
  description: z.string().optional(),
  sources: z.array(z.string()).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code such as "EUR"' })
    .optional(),
  horizonDays: z.number().gt(0).max(3660).optional(),
  appetite: appetiteSchema.optional(),
  criteria: criteriaSchema.optional(),
  sites: z.array(siteSchema),
  lanes: z.array(laneSchema).optional(),
  carriers: z.array(carrierSchema).optional(),
  flows: z.array(flowSchema).optional(),
  threats: z.array(threatSchema),
  controls: z.array(controlSchema).optional(),
  treatments: z.array(treatmentSchema).optional(),
});

export type Dist = z.infer<typeof distSchema>;
export type Selector = z.infer<typeof selectorSchema>;
export type Site = z.infer<typeof siteSchema>;
export type Lane = z.infer<typeof laneSchema>;
export type Carrier = z.infer<typeof carrierSchema>;
export type Flow = z.infer<typeof flowSchema>;
export type Threat = z.infer<typeof threatSchema>;
export type Effect = z.infer<typeof effectSchema>;
export type Control = z.infer<typeof controlSchema>;
export type Change = z.infer<typeof changeSchema>;
export type Treatment = z.infer<typeof treatmentSchema>;
export type Criteria = z.infer<typeof criteriaSchema>;
export type Appetite = z.infer<typeof appetiteSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
