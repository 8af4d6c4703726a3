// The results document (chainward-results/v1) as one zod schema: what `run` writes, `merge` rebuilds
// and the explorer reads (docs/results-format.md), with every row type inferred from it. Keys are in
// the order the engine writes them, so a parsed document serialises to the bytes it was read from.
import '../model/zod-config.js'; // first: before any schema is built
import { z } from 'zod';
import { CATEGORIES, ELEMENTS, LEVELS, TREATMENT_STATUSES } from '../model/schema.js';
import { calibrationSchema } from '../model/calibration-schema.js';
import { runInfoSchema } from '../run/run-options.js';

const num = z.number().refine(Number.isFinite, { message: 'expected a finite number' });
const str = z.string();
/** A likelihood or impact band of the ISO 28000 5 × 5 matrix. */
const band = z.number().int().min(1).max(5);
/** A 95 % interval: [low, high]. */
const interval = z.tuple([num, num]);
const targetKind = z.enum(['site', 'lane']);
const appetiteStatus = z.enum(['within', 'breached', 'uncertain']);

/** A run's loss distribution (engine/analysis/loss-summary.ts), each headline figure with its 95 % interval. */
export const summarySchema = z.object({
  eal: num,
  sd: num,
  se: num,
  ci95: interval,
  p50: num,
  p90: num,
  p95: num,
  p99: num,
  var95: num,
  cvar95: num,
  cvar99: num,
  /** Order-statistic intervals for the quantiles, the normal interval for CVaR. */
  var95Ci95: interval,
  p99Ci95: interval,
  cvar95Ci95: interval,
  cvar99Ci95: interval,
  pAnyLoss: num,
  max: num,
  directEal: num,
  interruptionEal: num,
  /** Expected extra transport cost of detours while primary routes are down. */
  rerouteEal: num,
  serviceLevel: num,
});

/** A row of the risk register (engine/analysis/register.ts). */
export const riskRowSchema = z.object({
  id: str,
  threat: str,
  category: z.enum(CATEGORIES),
  target: str,
  targetKind,
  element: z.enum(ELEMENTS),
  owner: str,
  /** Effective events per horizon (λ), exact from the plan. */
  frequency: num,
  /** P(≥ 1 event per horizon) = 1 − e^−λ from the rate: what the likelihood band is read from. */
  pEventExpected: num,
  /** Share of simulated trials with ≥ 1 event: a check of pEventExpected. */
  pEvent: num,
  meanLossPerEvent: num,
  /** 95 % interval of meanLossPerEvent (ratio estimator over trials); null with fewer than 2 trials with events. */
  impactCi95: interval.nullable(),
  /**
   * The level may change with the seed: the impact interval straddles an impact band edge that
   * changes the level (or is unknown while the level depends on it).
   */
  borderline: z.boolean(),
  eal: num,
  directEal: num,
  interruptionEal: num,
  /** Expected extra transport cost of the detours this risk's outages force. */
  rerouteEal: num,
  share: num,
  tailContribution: num,
  likelihood: band,
  impact: band,
  score: num,
  level: z.enum(LEVELS),
  controls: z.array(str),
  /**
   * Cascades raising this risk (its threat is named in another threat's `triggers`): the raising
   * threats, the largest factor, and the events and loss per horizon that only the open windows let
   * in (the triggered excess, in `eal` already). Absent when no threat raises it.
   */
  cascade: z
    .object({
      triggeredBy: z.array(str),
      factor: num,
      excessEventsPerTrial: num,
      excessEal: num,
    })
    .optional(),
  /** A common-cause threat (`jointly`): the number of targets each of its events hits at once. Absent otherwise. */
  joint: z.object({ targets: num }).optional(),
});

/** A site or lane with the expected loss of the risks on it. */
export const targetRowSchema = z.object({ id: str, kind: targetKind, eal: num, directEal: num, interruptionEal: num, rerouteEal: num, share: num });

/**
 * A flow's expected loss per horizon and its parts: losses on its own shipments (direct), its
 * interruption cost and the extra transport cost of its detours (reroute). Network-wide losses (a
 * site's stock, fixed amounts per event) belong to no flow, so flow EALs do not add up to the EAL.
 */
export const flowRowSchema = z.object({
  id: str,
  eal: num,
  directEal: num,
  interruptionEal: num,
  rerouteCost: num,
  interruptionDaysMean: num,
  reroutedDaysMean: num,
  /** Share of the horizon the flow is served (1 − interrupted days / horizon days). */
  serviceLevel: num,
});

/** A control placed in the scenario: on how many sites or lanes, at what yearly cost. */
export const controlRowSchema = z.object({ id: str, element: z.enum(ELEMENTS), placements: num, annualCost: num });

/** A point of the loss exceedance curve: P(loss ≥ x). */
export const exceedancePointSchema = z.object({ loss: num, probability: num });

/**
 * A treatment's results: where it stands in the risk treatment plan (status, and owner, due date and
 * decision when the scenario states them), its summary and its change against the baseline
 * (baseline − treated). Every treatment is simulated whatever its status, rejected ones too.
 */
export const treatmentResultSchema = z.object({
  id: str,
  name: str,
  /** The scenario's `status`, "proposed" when it states none (and in results written before the plan was carried). */
  status: z.enum(TREATMENT_STATUSES).default('proposed'),
  owner: str.optional(),
  /** An ISO date, YYYY-MM-DD, as the scenario states it. */
  due: str.optional(),
  decision: str.optional(),
  summary: summarySchema,
  /** ealCi95 is the paired interval of the per-trial differences (common random numbers). */
  delta: z.object({ eal: num, ealCi95: interval, var95: num, cvar95: num }),
  annualCost: num,
  netBenefit: num,
  /** netBenefit / annualCost; null without a positive cost. */
  rosi: num.nullable(),
});

/** One appetite limit checked against its estimate's 95 % interval (engine/analysis/appetite.ts). */
export const appetiteCheckSchema = z.object({
  limit: z.enum(['maxLevel', 'maxEal', 'maxCvar95']),
  /** The stated limit: a level for maxLevel, an amount in the scenario's currency otherwise. */
  threshold: z.union([num, z.enum(LEVELS)]),
  /** The estimate (maxLevel: the number of risks whose level, as estimated, is above the limit). */
  value: num,
  /** The estimate's 95 % interval (maxLevel: the risks above it at any seed, and those that may be). */
  ci95: interval,
  status: appetiteStatus,
  /** One sentence for reports. */
  text: str,
});

export const appetiteSchema = z.object({
  /** breached if any check is, else uncertain if any check is, else within. */
  status: appetiteStatus,
  /** status === 'within'. */
  withinAppetite: z.boolean(),
  /** The sentences of the breached checks. */
  breaches: z.array(str),
  /** The sentences of the uncertain checks. */
  uncertain: z.array(str),
  checks: z.array(appetiteCheckSchema),
});

/** An option of the risk control list (engine/analysis/risk-control-list.ts). */
export const controlListOptionSchema = z.object({
  kind: z.enum(['eliminate', 'reduce', 'transfer', 'accept']),
  description: str,
  /** Controls to add (reduce). */
  controls: z.array(str).optional(),
  /** Estimated level and expected annual loss of the risk after the option (absent when not modelled). */
  levelAfter: z.enum(LEVELS).optional(),
  ealAfter: num.optional(),
  /** Yearly cost of the option on this target (reduce). */
  annualCost: num.optional(),
});

/** A risk above appetite.maxLevel with the options that would bring it within appetite. */
export const controlListEntrySchema = z.object({
  risk: str,
  owner: str,
  level: z.enum(LEVELS),
  likelihood: band,
  impact: band,
  /** The risk's impact interval straddles a band edge that changes its level: the level may change with the seed. */
  borderline: z.boolean(),
  eal: num,
  options: z.array(controlListOptionSchema),
});

/** What the scenario has that can never do anything (engine/validate/warnings.ts): where and what. */
export const warningSchema = z.object({ path: str, message: str });

/** A row of the sensitivity tornado (engine/analysis/sensitivity.ts). */
export const sensitivityRowSchema = z.object({
  /** "threat <id> frequency" or "control <id> factors". */
  parameter: str,
  kind: z.enum(['threat-frequency', 'control-factors']),
  /** The relative variation: the parameter at (1 − delta)× and (1 + delta)×. */
  delta: num,
  /** EAL with the parameter at (1 − delta)× and at (1 + delta)× (control factors capped at 1). */
  low: num,
  high: num,
  /** |high − low|. */
  swing: num,
  cvar95Low: num,
  cvar95High: num,
  cvar95Swing: num,
});

/**
 * The whole document. Fields it does not know are allowed and left out of what a parse returns
 * (results grow); `warnings` may be missing (results assembled by hand or by other tools) and reads
 * as none.
 */
export const resultsSchema = z.object({
  format: z.literal('chainward-results/v1'),
  scenario: str,
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code such as "EUR"' }),
  horizonDays: num,
  seed: z.union([num, str]),
  trials: z.number().int().min(1),
  engineVersion: str,
  /** "sha256:" and the SHA-256 of the scenario's canonical JSON (engine/results/scenario-hash.ts). */
  scenarioHash: str,
  baseline: summarySchema,
  risks: z.array(riskRowSchema),
  targets: z.array(targetRowSchema),
  flows: z.array(flowRowSchema),
  controls: z.array(controlRowSchema),
  exceedance: z.array(exceedancePointSchema),
  treatments: z.array(treatmentResultSchema),
  appetite: appetiteSchema,
  /** Risks above appetite.maxLevel with the options that bring them within it (empty without maxLevel). */
  riskControlList: z.array(controlListEntrySchema),
  warnings: z.array(warningSchema).default(() => []),
  /** The scenario's `calibration` block as it states it (`chainward calibrate`), so a report from results can show it. Absent when it has none. */
  calibration: calibrationSchema.optional(),
  /** With `run --sensitivity`: each parameter varied by ±delta, sorted by EAL swing. */
  sensitivity: z.array(sensitivityRowSchema).optional(),
  /** Workers, wall time and speed: the only part that changes between identical runs. */
  run: runInfoSchema,
});

/** The results document, chainward-results/v1 (docs/results-format.md): what `analyse` and `simulateScenario` return and `chainward run --format json` writes. */
export type Results = z.output<typeof resultsSchema>;
export type Summary = z.output<typeof summarySchema>;
export type RiskRow = z.output<typeof riskRowSchema>;
export type TargetRow = z.output<typeof targetRowSchema>;
export type FlowRow = z.output<typeof flowRowSchema>;
export type ControlRow = z.output<typeof controlRowSchema>;
export type ExceedancePoint = z.output<typeof exceedancePointSchema>;
export type TreatmentResult = z.output<typeof treatmentResultSchema>;
export type AppetiteStatus = z.output<typeof appetiteStatus>;
export type AppetiteCheck = z.output<typeof appetiteCheckSchema>;
export type Appetite = z.output<typeof appetiteSchema>;
export type ControlListOption = z.output<typeof controlListOptionSchema>;
export type ControlListEntry = z.output<typeof controlListEntrySchema>;
export type SensitivityRow = z.output<typeof sensitivityRowSchema>;
export type { RunInfo } from '../run/run-options.js';
