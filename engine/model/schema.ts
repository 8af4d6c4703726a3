// The chainward/v1 scenario schema in zod: the single source of the scenario's shape, of its
// TypeScript types and of the published JSON Schema (docs/scenario-format.md). Every field
// carries a description with its meaning, unit and default, which editors show from the JSON
// Schema. Cross-references and graph checks that a schema cannot express live in validate.ts.
import { z } from 'zod';
import { calibrationSchema } from './calibration-schema.js';
import { log } from '../math/det-math.js';
import { REGION_CODE } from './carrier-regions.js';
import {
  MAX_DAYS,
  MAX_DRAW,
  MAX_FACTOR,
  MAX_FREQUENCY,
  MAX_ID_LENGTH,
  MAX_LIFETIME_YEARS,
  MIN_LIFETIME_YEARS,
  MAX_MONEY,
  MAX_RATE,
  MAX_SHIPMENTS_PER_YEAR,
  MIN_SHIPMENTS_PER_YEAR,
  NORMAL_DRAW_MAX,
} from './limits.js';

export const SITE_KINDS = ['supplier', 'factory', 'warehouse', 'port', 'airport', 'dc', 'crossdock', 'customer'] as const;
export const MODES = ['road', 'rail', 'sea', 'air', 'barge'] as const;
export const CATEGORIES = ['theft', 'hijacking', 'intrusion', 'tampering', 'breach', 'disruption', 'terrorism'] as const;
export const ELEMENTS = ['policy', 'risk', 'supplier', 'facility', 'transport', 'personnel', 'information', 'emergency', 'monitoring'] as const;
export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
/** Where a treatment stands in the risk treatment plan. */
export const TREATMENT_STATUSES = ['proposed', 'approved', 'in-progress', 'done', 'rejected'] as const;

export type SiteKind = (typeof SITE_KINDS)[number];
export type Mode = (typeof MODES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Element = (typeof ELEMENTS)[number];
/** An ISO 28000 risk level, from likelihood × impact: low, medium, high or critical. */
export type Level = (typeof LEVELS)[number];
export type TreatmentStatus = (typeof TREATMENT_STATUSES)[number];

// Every number has bounds (engine/model/limits.ts, README.md "Limits"), so that every figure
// derived from a valid scenario stays finite and the money sums stay exact.
const id = z.string().min(1).max(MAX_ID_LENGTH).describe(`A non-empty identifier of at most ${MAX_ID_LENGTH} characters, unique within its list`);
const ids = z.array(id);
const money = z.number().min(0).max(MAX_MONEY);
const days = z.number().min(0).max(MAX_DAYS);
const multiplier = z.number().min(0).max(MAX_FACTOR);
const frequency = z.number().min(0).max(MAX_FREQUENCY);
const factor = z.number().min(0).max(1).describe('A factor in [0, 1]: 0.6 means a 40 % reduction');
/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected an ISO date YYYY-MM-DD' })
  .refine((d) => {
    const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, { message: 'expected a date that exists, YYYY-MM-DD' });
/** A parameter of a distribution: a loss, days or a fraction, within ±MAX_MONEY. */
const param = z.number().min(-MAX_MONEY).max(MAX_MONEY);
/** Thresholds of the risk criteria (probabilities or money). */
const threshold = z.number().min(-MAX_MONEY).max(MAX_MONEY);

// descriptions shared by several objects
const nameText = 'Display name, shown in reports and the explorer (default: the id)';
const ownerText = "Who owns this target's risks (ISO 28000 policy element); shown in the risk register";
const ttrText = 'Time to recover, in days: how long it is out after a total loss (`chainward stress` takes it down for this long); default the p90 of the downtime of the disruptions that apply to it';
const tagsText = 'Free tags that threat and treatment selectors can match (`appliesTo.tags`, `to.tags`)';

const ordered3 = (what: string) =>
  z.tuple([param, param, param]).refine((t) => t[0] <= t[1] && t[1] <= t[2], {
    message: `expected ${what} with min ≤ mode ≤ max`,
  });

/** Φ⁻¹(0.9), the standard normal 90th percentile (as in engine/sampling/lognormal.ts). */
const Z90 = 1.2815515655446004;
/** ln of the largest draw a distribution may reach. */
const LOG_MAX_DRAW = log(MAX_DRAW);
const maxDrawText = `at most ${MAX_DRAW.toExponential()} (README.md, "Limits")`;

const lognormal = z.union([
  z
    .strictObject({
      median: z.number().gt(0).max(MAX_MONEY).describe(`The median (50th percentile), > 0 and ≤ ${MAX_MONEY.toExponential()}, in the unit of the quantity`),
      p90: z.number().gt(0).max(MAX_MONEY).describe(`The 90th percentile, > median and ≤ ${MAX_MONEY.toExponential()}, in the unit of the quantity`),
    })
    .refine((l) => l.p90 > l.median, { message: 'expected p90 > median' })
    // the longest tail draw median × (p90/median)^(Zmax/z90) must stay within MAX_DRAW
    .refine((l) => !(l.p90 > l.median) || log(l.median) + (log(l.p90 / l.median) / Z90) * NORMAL_DRAW_MAX <= LOG_MAX_DRAW, {
      message: `expected a lognormal whose largest draw, median × (p90/median)^${(NORMAL_DRAW_MAX / Z90).toFixed(2)}, is ${maxDrawText}: a lower p90 or median`,
    }),
  z
    .strictObject({
      mu: z.number().min(-100).max(41).describe('The mean of the natural logarithm of the quantity, from −100 to 41'),
      sigma: z.number().min(0).max(4).describe('The standard deviation of the natural logarithm of the quantity, from 0 to 4'),
    })
    .refine((l) => l.mu + l.sigma * NORMAL_DRAW_MAX <= LOG_MAX_DRAW, {
      message: `expected a lognormal whose largest draw, e^(mu + ${NORMAL_DRAW_MAX} × sigma), is ${maxDrawText}: mu + ${NORMAL_DRAW_MAX} × sigma ≤ ${LOG_MAX_DRAW.toFixed(2)}`,
    }),
]);

/** A probability distribution: exactly one of the keys below. */
export const distSchema = z
  .union([
    z.strictObject({ fixed: param.describe('Always this value') }),
    z.strictObject({
      uniform: z
        .tuple([param, param])
        .refine((t) => t[0] <= t[1], { message: 'expected [a, b] with a ≤ b' })
        .describe('[a, b]: any value from a to b equally likely'),
    }),
    z.strictObject({ triangular: ordered3('[min, mode, max]').describe('[min, mode, max]: the triangular distribution') }),
    z.strictObject({ pert: ordered3('[min, mode, max]').describe('[min, mode, max]: the beta-PERT distribution (γ = 4), smoother than triangular') }),
    z.strictObject({ lognormal: lognormal.describe('A lognormal: { median, p90 } or { mu, sigma } of the natural logarithm; a long right tail') }),
    z.strictObject({
      exponential: z
        .strictObject({
          mean: z
            .number()
            .gt(0)
            .max(MAX_MONEY)
            .describe(`The mean, > 0 and ≤ ${MAX_MONEY.toExponential()}, in the unit of the quantity`),
        })
        .describe('An exponential distribution with this mean'),
    }),
  ])
  .describe('One of fixed, uniform, triangular, pert (γ = 4), lognormal (median/p90 or mu/sigma), exponential');

export const selectorSchema = z
  .strictObject({
    kind: z.enum(['site', 'lane']).describe('"site" or "lane": what the selector picks'),
    ids: ids.optional().describe('Only the sites or lanes with these ids'),
    siteKinds: z.array(z.enum(SITE_KINDS)).optional().describe('Only sites of these kinds (with kind "site")'),
    modes: z.array(z.enum(MODES)).optional().describe('Only lanes of these modes (with kind "lane")'),
    regions: z
      .array(z.string())
      .optional()
      .describe("Only targets in one of these regions (a site's region; a lane's own region, else its origin site's)"),
    tags: z.array(z.string()).optional().describe('Only targets with at least one of these tags'),
  })
  .describe('Picks sites or lanes: all of them of its kind, narrowed by every other field given');

const tags = z.array(z.string()).optional();

export const siteSchema = z.strictObject({
  id: id.describe('Unique site id; lanes, flows, selectors and treatments refer to it'),
  name: z.string().optional().describe(nameText),
  kind: z.enum(SITE_KINDS).describe('What the site is: supplier, factory, warehouse, port, airport, dc, crossdock or customer'),
  lat: z.number().min(-90).max(90).optional().describe('Latitude in degrees (−90 to 90), for the map; without coordinates the explorer lays the network out'),
  lon: z.number().min(-180).max(180).optional().describe('Longitude in degrees (−180 to 180), for the map'),
  region: z
    .string()
    .optional()
    .describe('Region tag, usually an ISO 3166 code ("NL", "US-TX"): selectors pick by it, threats scale by it (regionFactors), lanes from the site inherit it'),
  value: money
    .optional()
    .describe("Average value of goods on site exposed to theft or tampering, in the scenario's currency: a site threat's loss.fraction is a share of it; default 0"),
  controls: ids.optional().describe('Ids of the site controls in place here (scenario or catalog controls)'),
  ttrDays: days.optional().describe(ttrText),
  owner: z.string().optional().describe(ownerText),
  tags: tags.describe(tagsText),
});

export const laneSchema = z.strictObject({
  id: id.describe('Unique lane id; flow paths, selectors and treatments refer to it'),
  name: z.string().optional().describe(nameText),
  from: id.describe('Id of the site the lane starts at'),
  to: id.describe('Id of the site the lane ends at (lanes are directed)'),
  mode: z.enum(MODES).describe('Transport mode: road, rail, sea, air or barge'),
  carrier: id
    .optional()
    .describe("Id of the carrier running the lane: its riskFactor and disruptionFactor scale the lane's threats, its costPerShipment the lane's cost"),
  transitDays: days.describe('Transit time in days; a flow without a path takes the route with the fewest total transit days'),
  costPerShipment: money
    .optional()
    .describe("Transport cost per shipment on the lane, in the scenario's currency; default the carrier's costPerShipment, else 0"),
  controls: ids.optional().describe('Ids of the lane controls in place here (scenario or catalog controls)'),
  region: z.string().optional().describe("Region tag of the lane (see the site's region); default the region of its origin site"),
  ttrDays: days.optional().describe(ttrText),
  owner: z.string().optional().describe(ownerText),
  tags: tags.describe(tagsText),
});

export const carrierSchema = z.strictObject({
  id: id.describe("Unique carrier id; lanes and treatments' setCarrier refer to it"),
  name: z.string().optional().describe(nameText),
  modes: z.array(z.enum(MODES)).optional().describe('The modes the carrier runs; only lanes of these modes may name it (all modes when left out)'),
  regions: z.array(z.string().regex(REGION_CODE, { message: 'expected an ISO 3166 code such as "MX" or "US-TX"' })).optional().describe('ISO 3166 codes of the countries or subdivisions the carrier serves (all when left out); it runs only lanes in them'),
  riskFactor: multiplier
    .optional()
    .describe('Multiplies the frequency of the security threats (every category but disruption) on the lanes the carrier runs; default 1'),
  disruptionFactor: multiplier.optional().describe('Multiplies the frequency of disruptions on the lanes the carrier runs; default 1'),
  certifications: z.array(z.string()).optional().describe('Security certifications the carrier holds, e.g. "TAPA TSR 1" (free text, for reports)'),
  costPerShipment: money
    .optional()
    .describe("Price per shipment on the lanes the carrier runs, in the scenario's currency; a lane's own costPerShipment wins; without it a lane's cost stays as it was"),
});

export const flowSchema = z.strictObject({
  id: id.describe('Unique flow id; treatments (route, setBuffer) refer to it'),
  name: z.string().optional().describe(nameText),
  from: id.describe('Id of the site the goods leave from'),
  to: id.describe('Id of the site they go to'),
  valuePerYear: money.describe("Value of the goods shipped per year, in the scenario's currency; one shipment is worth valuePerYear / shipmentsPerYear"),
  shipmentsPerYear: z
    .number()
    .min(MIN_SHIPMENTS_PER_YEAR)
    .max(MAX_SHIPMENTS_PER_YEAR)
    .describe(`Shipments per year (${MIN_SHIPMENTS_PER_YEAR} to ${MAX_SHIPMENTS_PER_YEAR.toExponential()}); each travels every lane of the primary route`),
  bufferDays: days.optional().describe('Inventory cover at the destination, in days: an interruption costs only the days beyond it; default 0'),
  interruptionCostPerDay: money
    .optional()
    .describe("Cost of each day the flow is interrupted beyond bufferDays, in the scenario's currency; default valuePerYear / 365"),
  path: ids.optional().describe("Lane ids of the primary route, in order from `from` to `to`; default the fastest route (fewest total transitDays)"),
}).refine((f) => !(f.valuePerYear / f.shipmentsPerYear > MAX_MONEY), {
  path: ['valuePerYear'],
  message: `expected one shipment's value, valuePerYear / shipmentsPerYear, of at most ${MAX_MONEY.toExponential()}`,
});

/** Where a trigger's window applies, relative to the target its event hit. */
export const TRIGGER_SCOPES = ['same-target', 'lanes-from', 'lanes-to', 'region'] as const;

export const triggerSchema = z.strictObject({
  threat: id.describe('Id of the threat whose rate the window raises: another threat, not a jointly one, and no loop of triggers back to this one'),
  factor: z
    .number()
    .min(1)
    .max(MAX_FACTOR)
    .describe("Multiplies the raised threat's rate on each target in scope while a window is open (1 to 1000); overlapping windows do not stack: the largest factor applies"),
  days: z.number().gt(0).max(MAX_DAYS).describe("Length of the window each event opens, in days from the event's start (> 0)"),
  scope: z
    .enum(TRIGGER_SCOPES)
    .describe(
      'Targets raised: same-target (the target hit; both threats of one kind), lanes-from / lanes-to (lanes leaving or entering the site hit; a site threat raising a lane threat), region (every target of the raised threat in the region of the target hit)',
    ),
});

export const threatSchema = z.strictObject({
  id: id.describe("Unique threat id; a risk is named threat@target, and controls' effects may name the threat by it"),
  name: z.string().optional().describe(nameText),
  description: z.string().optional().describe('What the threat is and where its figures come from (free text)'),
  category: z
    .enum(CATEGORIES)
    .describe('ISO 28000 threat category: theft, hijacking, intrusion, tampering, breach (information leakage), disruption or terrorism'),
  appliesTo: selectorSchema.describe('The sites or lanes the threat applies to: each one it picks is a risk (threat@target)'),
  frequency: z
    .union([
      z.strictObject({ perYear: frequency.describe('Expected events per year on each target (a Poisson rate, ≥ 0)') }),
      z.strictObject({
        perShipment: frequency.describe('Expected events per shipment on a lane (≥ 0), times the shipments per year its primary-route flows send over it'),
      }),
    ])
    .describe('How often events happen: { perYear } on each target, or { perShipment } on lanes; scaled by the horizon, regionFactors, the carrier and controls'),
  loss: z
    .union([
      z.strictObject({
        fraction: distSchema.describe("Share of the exposed value lost per event, clipped to [0, 1]: the site's value, or on a lane the value of the shipment hit"),
      }),
      z.strictObject({ amount: distSchema.describe("Loss per event, in the scenario's currency") }),
    ])
    .optional()
    .describe('Direct loss of each event: { fraction } of the exposed value or { amount }; none when left out (a threat needs loss, downtimeDays or both)'),
  downtimeDays: distSchema
    .optional()
    .describe('Days the target is unavailable after each event; flows reroute around it or are interrupted; none when left out'),
  regionFactors: z
    .record(z.string(), multiplier)
    .optional()
    .describe('Frequency multiplier by the region of the target (a lane\'s own region, else its origin site\'s), e.g. { "IT": 1.8 }; 1 for other regions'),
  triggers: z
    .array(triggerSchema)
    .optional()
    .describe("Cascades: each event of this threat opens a window of `days` during which another threat's rate on the targets in `scope` is multiplied by `factor` (windows do not stack); triggers must not loop"),
  jointly: z
    .boolean()
    .optional()
    .describe('Common cause: one event stream for all the targets the threat applies to; each event hits all of them at once with one shared downtime (losses drawn per target); needs frequency.perYear; default false'),
});

export const effectSchema = z.strictObject({
  frequencyFactor: factor.optional().describe('Multiplies the frequency of events when the control performs, in [0, 1] (0.6 = 40 % fewer events); default 1, no effect'),
  severityFactor: factor.optional().describe("Multiplies an event's direct loss when the control performs, in [0, 1]; default 1, no effect"),
  downtimeFactor: factor.optional().describe("Multiplies an event's downtime when the control performs, in [0, 1]; default 1, no effect"),
});

export const costSchema = z.strictObject({
  annual: money.optional().describe("Yearly cost of each placement, in the scenario's currency; default 0"),
  perShipment: money
    .optional()
    .describe("Cost per shipment through the target (over a lane; leaving, passing or reaching a site), in the scenario's currency; default 0"),
  capex: money.optional().describe("One-off investment per placement, in the scenario's currency, spread over lifetimeYears; default 0"),
  lifetimeYears: z.number().min(MIN_LIFETIME_YEARS).max(MAX_LIFETIME_YEARS).optional().describe(`Years over which capex is spread (${MIN_LIFETIME_YEARS} to ${MAX_LIFETIME_YEARS}); default 10`),
});

export const controlSchema = z.strictObject({
  id: id.describe('Unique control id; sites, lanes and treatments place it by this id; the id of a catalog control replaces that entry'),
  name: z.string().describe('Display name'),
  description: z.string().optional().describe('What the control is (free text)'),
  element: z
    .enum(ELEMENTS)
    .describe('ISO 28000 control element: policy, risk, supplier, facility, transport, personnel, information, emergency or monitoring'),
  appliesTo: z.enum(['site', 'lane']).describe('"site" or "lane": where the control can be placed'),
  effects: z
    .record(z.string(), effectSchema)
    .describe('What the control does, keyed by threat category or threat id (an id wins over its category): frequency, severity and downtime factors'),
  reliability: factor.optional().describe('Chance the control performs when an event happens, in [0, 1]; default 1'),
  cost: costSchema.optional().describe('What one placement (on one site or lane) costs; default nothing'),
  source: z.string().optional().describe('Where the factors and costs come from (free text)'),
});

export const changeSchema = z
  .union([
    z.strictObject({
      addControls: ids.describe('Ids of the controls (scenario or catalog) to place on every target `to` picks'),
      to: selectorSchema.describe('The sites or lanes to place the controls on'),
    }),
    z.strictObject({
      removeControls: ids.describe('Ids of the controls to take off every target `from` picks'),
      from: selectorSchema.describe('The sites or lanes to take the controls off'),
    }),
    z.strictObject({
      setCarrier: id.describe('Id of the carrier to run the lanes'),
      lanes: ids.describe('Ids of the lanes it takes over'),
    }),
    z.strictObject({
      route: z
        .strictObject({
          flow: id.describe('Id of the flow'),
          path: ids.describe("Lane ids of its new primary route, in order from the flow's origin to its destination"),
        })
        .describe('A new primary route for a flow'),
    }),
    z.strictObject({
      setBuffer: z
        .strictObject({
          flow: id.describe('Id of the flow'),
          bufferDays: days.describe('Its new inventory cover at the destination, in days'),
          carryingCostRate: z
            .number()
            .min(0)
            .max(MAX_RATE)
            .optional()
            .describe('Yearly cost of holding the buffer stock, as a share of its value (bufferDays × valuePerYear / 365); default 0.2'),
        })
        .describe("A flow's new buffer, with the yearly cost of carrying it"),
    }),
    z.strictObject({ addLanes: z.array(laneSchema).describe('New lanes, as in `lanes`; later changes and routing in this treatment can use them') }),
    z.strictObject({ addSites: z.array(siteSchema).describe('New sites, as in `sites`; later changes can use them') }),
  ])
  .describe('One change: exactly one of addControls (with to), removeControls (with from), setCarrier (with lanes), route, setBuffer, addLanes, addSites');

export const treatmentSchema = z.strictObject({
  id: id.describe('Unique treatment id; `run --treatments` picks treatments by it'),
  name: z.string().describe('Display name'),
  description: z.string().optional().describe('What the treatment does and why (free text)'),
  owner: z.string().optional().describe('Who is responsible for carrying the treatment out (the risk treatment plan)'),
  due: isoDate.optional().describe('When it is due, an ISO date YYYY-MM-DD (the risk treatment plan)'),
  status: z
    .enum(TREATMENT_STATUSES)
    .optional()
    .describe('Where it stands in the risk treatment plan: proposed, approved, in-progress, done or rejected; default proposed. `chainward apply` folds a done treatment into the scenario'),
  decision: z.string().optional().describe('The decision taken on it and why, e.g. in a management review (free text)'),
  changes: z
    .array(changeSchema)
    .min(1)
    .describe('The changes to the scenario, applied in order (a change may use sites and lanes an earlier one adds)'),
});

const ascending4 = z
  .tuple([threshold, threshold, threshold, threshold])
  .refine((t) => t[0] < t[1] && t[1] < t[2] && t[2] < t[3], { message: 'expected four ascending thresholds' });

export const criteriaSchema = z.strictObject({
  likelihoodBands: ascending4
    .optional()
    .describe('Upper bounds of P(≥1 event per horizon) for likelihood 1..4; default [0.01, 0.05, 0.2, 0.5]'),
  impactBands: ascending4
    .optional()
    .describe('Upper bounds of mean loss per event for impact 1..4; default [1e4, 1e5, 1e6, 1e7]'),
  levelScores: z
    .strictObject({
      medium: z.number().int().min(1).max(100).describe('Lowest likelihood × impact score (1–25) that is medium; default 5'),
      high: z.number().int().min(1).max(100).describe('Lowest score that is high; default 10'),
      critical: z.number().int().min(1).max(100).describe('Lowest score that is critical; default 20'),
    })
    .refine((l) => l.medium < l.high && l.high < l.critical, { message: 'expected medium < high < critical' })
    .optional()
    .describe('Lowest score of each level; default { medium: 5, high: 10, critical: 20 }'),
});

export const appetiteSchema = z.strictObject({
  maxLevel: z
    .enum(LEVELS)
    .optional()
    .describe('Highest acceptable risk level: a risk above it breaches the appetite and goes to the risk control list; no limit when left out'),
  maxEal: money
    .optional()
    .describe("Highest acceptable expected loss per trial (per year with the default horizon), in the scenario's currency; no limit when left out"),
  maxCvar95: money
    .optional()
    .describe("Highest acceptable CVaR95, the mean loss of the worst 5 % of trials, in the scenario's currency; no limit when left out"),
});

/**
 * The chainward/v1 scenario (README.md, "The scenario format"): its zod schema, with defaults and a
 * description of every field (`npm run schema` writes the JSON Schema from it). Parse with
 * `validateScenario`, which also checks what a schema cannot (ids, references, limits).
 */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional().describe('The JSON Schema editors check the file against, e.g. "./chainward-v1.schema.json"; the engine ignores it'),
  format: z.literal('chainward/v1').describe('The file format and its version: always "chainward/v1"'),
  name: z.string().min(1).describe('Name of the scenario, shown in reports and the explorer'),
  description: z.string().optional().describe('What the scenario models (free text)'),
  sources: z.array(z.string()).optional().describe('Where its figures come from, one reference each (free text)'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code such as "EUR"' })
    .optional()
    .describe('ISO 4217 code of the currency of every amount in the scenario and its results (values, costs, losses); default "USD"'),
  horizonDays: z
    .number()
    .gt(0)
    .max(3660)
    .optional()
    .describe('Length of one trial (one simulated period) in days, up to 3660; yearly frequencies are scaled by horizonDays / 365; default 365'),
  appetite: appetiteSchema.optional().describe('Risk appetite: the limits the results are checked against, each breach reported; no limits when left out'),
  criteria: criteriaSchema.optional().describe('Risk criteria replacing the default ISO 28000 5 × 5 likelihood × impact matrix; the default when left out'),
  sites: z.array(siteSchema).describe('The sites of the network: suppliers, factories, warehouses, ports, airports, DCs, cross-docks, customers'),
  lanes: z.array(laneSchema).optional().describe('The lanes: directed transport legs between two sites; none when left out'),
  carriers: z.array(carrierSchema).optional().describe('The carriers lanes can name; none when left out'),
  flows: z.array(flowSchema).optional().describe('The cargo: each flow ships goods from one site to another over lanes; none when left out'),
  threats: z.array(threatSchema).describe('The threats and the sites or lanes they apply to; each threat on each target it picks is one risk'),
  controls: z
    .array(controlSchema)
    .optional()
    .describe('Your own controls, merged over the built-in catalog (`npx chainward controls`): the same id replaces the catalog entry'),
  treatments: z
    .array(treatmentSchema)
    .optional()
    .describe('Alternatives simulated against the baseline with the same random numbers: controls, carriers, routes, buffers, new lanes and sites'),
  calibration: calibrationSchema.optional(),
});

/** A distribution of a loss, a downtime or a cost: fixed, uniform, triangular, PERT, lognormal (README.md, "The scenario format"). */
export type Dist = z.infer<typeof distSchema>;
export type Selector = z.infer<typeof selectorSchema>;
/** A site of the network: supplier, factory, warehouse, port, airport, DC, cross-dock or customer, with its value at risk and location. */
export type Site = z.infer<typeof siteSchema>;
/** A lane: a directed transport leg between two sites, with its mode, transit days, cost and carrier. */
export type Lane = z.infer<typeof laneSchema>;
/** A carrier lanes can name, with the security factors it brings. */
export type Carrier = z.infer<typeof carrierSchema>;
/** A flow of cargo from one site to another over lanes: its value per year, shipments and buffer stock. */
export type Flow = z.infer<typeof flowSchema>;
/** A threat (theft, hijacking, intrusion, tampering, information leakage, terrorism, disruption), its frequency, losses and the targets it applies to. */
export type Threat = z.infer<typeof threatSchema>;
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerScope = (typeof TRIGGER_SCOPES)[number];
export type Effect = z.infer<typeof effectSchema>;
/** A security control: the ISO 28000 element it belongs to, the categories it acts on, its factors and its cost. */
export type Control = z.infer<typeof controlSchema>;
export type Change = z.infer<typeof changeSchema>;
/** A treatment simulated against the baseline with the same random numbers: changes (controls, carriers, routes, buffers) and its place in the treatment plan. */
export type Treatment = z.infer<typeof treatmentSchema>;
export type Criteria = z.infer<typeof criteriaSchema>;
export type Appetite = z.infer<typeof appetiteSchema>;
/** A validated chainward/v1 scenario, as `validateScenario` returns it (defaults filled in). */
export type Scenario = z.infer<typeof scenarioSchema>;
