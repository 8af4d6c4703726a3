// Runs a whole analysis: the baseline and each treatment over the same fixed trial ranges (common
// random numbers), then the register, targets, flows, controls, exceedance curve, treatment deltas
// and appetite of SPEC §3. The ranges are the unit of work: `runRange` may run them in-process or
// elsewhere, and any split gives the same results.
import type { Scenario } from '../model/schema.js';
import { compilePlan, scenarioCosts } from '../plan/compile-plan.js';
import type { SimulationPlan } from '../plan/plan.js';
import { Simulator } from '../simulate/run-batch.js';
import { mergeSummaries, tailSizeFor, type BatchSummary } from '../summary/batch-summary.js';
import { ENGINE_VERSION } from '../version.js';
import { applyTreatment } from './apply-treatment.js';
import { appetiteOf } from './appetite.js';
import { lossExceedance, lossSummary, sortedLosses, type Summary } from './loss-summary.js';
import { riskRegister, type RiskRow } from './register.js';
import { sha256Hex } from './sha256.js';

/** Trials per unit of work. Fixed, so the split never depends on the number of workers. */
export const RANGE_TRIALS = 2048;

export interface RunOptions {
  trials: number;
  seed: number | string;
  /** "all", "none" or a list of treatment ids. */
  treatments?: 'all' | 'none' | string[];
  /** Runs one trial range of a plan; defaults to an in-process simulator. */
  runRange?: (plan: SimulationPlan, first: number, count: number, tailSize: number) => BatchSummary | Promise<BatchSummary>;
  /** Trials per range (default RANGE_TRIALS); results do not depend on it. */
  rangeTrials?: number;
}

export interface TreatmentResult {
  id: string;
  name: string;
  summary: Summary;
  delta: { eal: number; ealCi95: [number, number]; var95: number; cvar95: number };
  annualCost: number;
  netBenefit: number;
  rosi: number | null;
}

export interface Results {
  format: 'chainward-results/v1';
  scenario: string;
  currency: string;
  horizonDays: number;
  seed: number | string;
  trials: number;
  engineVersion: string;
  scenarioHash: string;
  baseline: Summary;
  risks: RiskRow[];
  targets: Array<{ id: string; kind: 'site' | 'lane'; eal: number; directEal: number; interruptionEal: number; share: number }>;
  flows: Array<{ id: string; eal: number; interruptionDaysMean: number; reroutedDaysMean: number; serviceLevel: number }>;
  controls: Array<{ id: string; element: string; placements: number; annualCost: number }>;
  exceedance: Array<{ loss: number; probability: number }>;
  treatments: TreatmentResult[];
  appetite: { withinAppetite: boolean; breaches: string[] };
  run: { workers: number; wallMs: number; trialsPerSecond: number };
}

/** The fixed trial ranges [first, count] covering `trials`. */
export function trialRanges(trials: number, rangeTrials = RANGE_TRIALS): Array<[number, number]> {
  if (!(Number.isInteger(rangeTrials) && rangeTrials >= 1)) throw new RangeError(`trialRanges: rangeTrials must be a positive integer, got ${rangeTrials}`);
  const out: Array<[number, number]> = [];
  for (let first = 0; first < trials; first += rangeTrials) out.push([first, Math.min(rangeTrials, trials - first)]);
  return out;
}

/** Simulates every range of one plan and merges the summaries in range order. */
export async function simulatePlan(plan: SimulationPlan, opts: RunOptions): Promise<BatchSummary> {
  const tailSize = tailSizeFor(opts.trials);
  let sim: Simulator | undefined;
  const run = opts.runRange ?? ((p, first, count, tail) => (sim ??= new Simulator(p)).runBatch(first, count, tail));
  const parts = await Promise.all(trialRanges(opts.trials, opts.rangeTrials).map(([first, count]) => run(plan, first, count, tailSize)));
  return mergeSummaries(parts);
}

/** The treatments selected by `--treatments`. Unknown ids are an error naming them. */
export function selectTreatments(scenario: Scenario, which: RunOptions['treatments'] = 'all') {
  const all = scenario.treatments ?? [];
  if (which === 'all') return all;
  if (which === 'none') return [];
  const unknown = which.filter((id) => !all.some((t) => t.id === id));
  if (unknown.length) throw new UnknownTreatmentError(unknown, all.map((t) => t.id));
  return which.map((id) => all.find((t) => t.id === id)!);
}

export class UnknownTreatmentError extends Error {
  constructor(
    readonly unknown: string[],
    readonly known: string[],
  ) {
    super(`unknown treatment ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${known.join(', ') || '(none)'}`);
  }
}

/** The loss summary of one simulated plan, and its losses sorted ascending. */
function summarisePlan(plan: SimulationPlan, merged: BatchSummary): { summary: Summary; sorted: Float64Array } {
  let cutDays = 0;
  for (let f = 0; f < plan.nFlows; f++) cutDays += merged.flowCutDays.get(f);
  const sorted = sortedLosses(merged);
  return { summary: lossSummary(merged, sorted, plan.horizonDays, plan.nFlows, cutDays), sorted };
}

/** Runs the scenario: baseline and the selected treatments, with common random numbers. */
export async function simulateScenario(scenario: Scenario, opts: RunOptions): Promise<Results> {
  const started = Date.now();
  const treatments = selectTreatments(scenario, opts.treatments);
  const baseCompiled = compilePlan(scenario, opts.seed);
  const baseMerged = await simulatePlan(baseCompiled.plan, opts);
  const base = summarisePlan(baseCompiled.plan, baseMerged);
  const { plan, index } = baseCompiled;
  const n = baseMerged.count;

  const risks = riskRegister(baseMerged, baseCompiled, scenario);
  const totalEal = base.summary.eal;
  const targetMap = new Map<number, { direct: number; interruption: number }>();
  for (let r = 0; r < plan.nRisks; r++) {
    const e = plan.riskElement[r]!;
    const t = targetMap.get(e) ?? { direct: 0, interruption: 0 };
    t.direct += baseMerged.riskDirect.get(r) / n;
    t.interruption += baseMerged.riskInterruption.get(r) / n;
    targetMap.set(e, t);
  }
  const targets = [...targetMap.entries()]
    .map(([e, t]) => ({
      id: e < plan.nSites ? index.siteIds[e]! : index.laneIds[e - plan.nSites]!,
      kind: (e < plan.nSites ? 'site' : 'lane') as 'site' | 'lane',
      eal: t.direct + t.interruption,
      directEal: t.direct,
      interruptionEal: t.interruption,
      share: totalEal > 0 ? (t.direct + t.interruption) / totalEal : 0,
    }))
    .sort((a, b) => b.eal - a.eal || (a.id < b.id ? -1 : 1));
  const flows = index.flowIds.map((id, f) => ({
    id,
    eal: (baseMerged.flowDirect.get(f) + baseMerged.flowInterruption.get(f)) / n,
    interruptionDaysMean: baseMerged.flowCutDays.get(f) / n,
    reroutedDaysMean: baseMerged.flowReroutedDays.get(f) / n,
    serviceLevel: 1 - baseMerged.flowCutDays.get(f) / n / plan.horizonDays,
  }));
  const controls = [...index.costs.perControl.entries()]
    .map(([id, c]) => ({ id, element: c.element, placements: c.placements, annualCost: c.annualCost }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  const treatmentResults: TreatmentResult[] = [];
  for (const t of treatments) {
    const treated = applyTreatment(scenario, t);
    const compiled = compilePlan(treated.scenario, opts.seed);
    const merged = await simulatePlan(compiled.plan, opts);
    const result = summarisePlan(compiled.plan, merged);
    // paired per-trial differences: common random numbers make this interval narrow
    let sum = 0;
    for (let i = 0; i < n; i++) sum += baseMerged.losses[i]! - merged.losses[i]!;
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (baseMerged.losses[i]! - merged.losses[i]! - mean) ** 2;
    const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
    const costBefore = scenarioCosts(scenario, index.laneShipments, index.siteShipments, treated.carryingRates).total;
    const costAfter = scenarioCosts(treated.scenario, compiled.index.laneShipments, compiled.index.siteShipments, treated.carryingRates).total;
    const annualCost = costAfter - costBefore;
    const netBenefit = mean - annualCost;
    treatmentResults.push({
      id: t.id,
      name: t.name,
      summary: result.summary,
      delta: {
        eal: mean,
        ealCi95: [mean - 1.959963984540054 * se, mean + 1.959963984540054 * se],
        var95: base.summary.var95 - result.summary.var95,
        cvar95: base.summary.cvar95 - result.summary.cvar95,
      },
      annualCost,
      netBenefit,
      rosi: annualCost > 0 ? netBenefit / annualCost : null,
    });
  }

  const wallMs = Date.now() - started;
  const simulated = n * (1 + treatments.length);
  return {
    format: 'chainward-results/v1',
    scenario: scenario.name,
    currency: scenario.currency ?? 'USD',
    horizonDays: plan.horizonDays,
    seed: opts.seed,
    trials: n,
    engineVersion: ENGINE_VERSION,
    scenarioHash: `sha256:${sha256Hex(canonicalJson(scenario))}`,
    baseline: base.summary,
    risks,
    targets,
    flows,
    controls,
    exceedance: lossExceedance(base.sorted),
    treatments: treatmentResults,
    appetite: appetiteOf(scenario, base.summary, risks),
    run: { workers: 1, wallMs, trialsPerSecond: wallMs > 0 ? Math.round((simulated / wallMs) * 1000) : simulated * 1000 },
  };
}

/** JSON with object keys sorted, so equal scenarios hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
