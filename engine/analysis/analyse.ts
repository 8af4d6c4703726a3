// analyseUnits: the results of a run from each unit's merged summary over the same trials — the register,
// targets, flows, controls, exceedance curve, treatment deltas and appetite. A pure function of its
// inputs but `run`, so a single run and merged shards give the same bytes.
import type { Scenario, Treatment } from '../model/schema.js';
import { assertFiniteFigures } from '../model/limits.js';
import { scenarioCosts } from '../plan/compile-plan.js';
import type { CompiledScenario, PlanIndex, SimulationPlan } from '../plan/plan.js';
import { flowLoss, type BatchSummary } from '../summary/batch-summary.js';
import type { RunInfo } from '../run/run-options.js';
import type { RunUnit } from '../run/units.js';
import type { FlowRow, Results, Summary, TreatmentResult } from '../results/schema.js';
import { scenarioHash } from '../results/scenario-hash.js';
import { scenarioWarnings } from '../validate/warnings.js';
import { ENGINE_VERSION } from '../version.js';
import { appetiteOf } from './appetite.js';
import { lossExceedance, lossSummary, sortedLosses } from './loss-summary.js';
import { pairedDifference } from './paired-difference.js';
import { riskRegister } from './register.js';
import { riskControlList } from './risk-control-list.js';

/** The loss summary of one simulated plan, and its losses sorted ascending. */
function summarisePlan(plan: SimulationPlan, merged: BatchSummary): { summary: Summary; sorted: Float64Array } {
  let cutDays = 0;
  for (let f = 0; f < plan.nFlows; f++) cutDays += merged.flowCutDays.get(f);
  const sorted = sortedLosses(merged);
  return { summary: lossSummary(merged, sorted, plan.horizonDays, plan.nFlows, cutDays), sorted };
}

/** What a treatment's result needs of the baseline: its loss summary and losses. */
export interface BaselineFigures {
  scenario: Scenario;
  summary: Summary;
  /** Trial losses in trial order (paired with a treatment's) and sorted ascending. */
  losses: Float64Array;
  sorted: Float64Array;
}

/** The baseline's figures from its merged summary: what the treatments and the results are measured from. */
export function baselineFigures(scenario: Scenario, plan: SimulationPlan, merged: BatchSummary): BaselineFigures {
  const { summary, sorted } = summarisePlan(plan, merged);
  return { scenario, summary, losses: merged.losses, sorted };
}

/**
 * The yearly cost a treatment adds: its scenario's cost (controls' annual + perShipment × shipments +
 * capex / lifetimeYears, transport, buffer stock) less the baseline's, each priced with its own plan's
 * shipments and the treatment's carrying-cost rates.
 */
export function treatmentCost(scenario: Scenario, base: PlanIndex, unit: RunUnit): number {
  const treated = unit.treated!;
  const costBefore = scenarioCosts(scenario, base.laneShipments, base.siteShipments, treated.carryingRates).total;
  const costAfter = scenarioCosts(treated.scenario, unit.compiled.index.laneShipments, unit.compiled.index.siteShipments, treated.carryingRates).total;
  return costAfter - costBefore;
}

/**
 * A treatment's id, name and place in the risk treatment plan, as its result carries them: `status`
 * always (proposed when the scenario states none), `owner`, `due` and `decision` when stated. The
 * status changes nothing in the simulation: rejected and done treatments are simulated like the others.
 */
export function treatmentPlanFields(t: Treatment): Pick<TreatmentResult, 'id' | 'name' | 'status' | 'owner' | 'due' | 'decision'> {
  return {
    id: t.id,
    name: t.name,
    status: t.status ?? 'proposed',
    ...(t.owner !== undefined ? { owner: t.owner } : {}),
    ...(t.due !== undefined ? { due: t.due } : {}),
    ...(t.decision !== undefined ? { decision: t.decision } : {}),
  };
}

/**
 * One treatment's result from its merged summary over the baseline's trials: its loss summary, the
 * paired delta against the baseline (common random numbers make its interval narrow), cost, net
 * benefit and ROSI. `annualCost` is treatmentCost of its unit; of the plan only its horizon and flow
 * count are read, so the caller may keep nothing else of the unit.
 */
export function treatmentResult(base: BaselineFigures, treatment: Treatment, annualCost: number, plan: SimulationPlan, merged: BatchSummary): TreatmentResult {
  const n = base.losses.length;
  if (merged.count !== n) throw new Error(`analyse: treatment ${treatment.id} has ${merged.count} trials, the baseline ${n}`);
  const result = summarisePlan(plan, merged);
  const { mean, ci95 } = pairedDifference(base.losses, merged.losses);
  const netBenefit = mean - annualCost;
  return {
    ...treatmentPlanFields(treatment),
    summary: result.summary,
    delta: {
      eal: mean,
      ealCi95: ci95,
      var95: base.summary.var95 - result.summary.var95,
      cvar95: base.summary.cvar95 - result.summary.cvar95,
    },
    annualCost,
    netBenefit,
    rosi: annualCost > 0 ? netBenefit / annualCost : null,
  };
}

/**
 * The results from each unit's merged summary over the same trials (baseline first).
 * A pure function of its inputs but `run`: a single run and merged shards give the same bytes.
 */
export function analyseUnits(scenario: Scenario, units: readonly RunUnit[], summaries: readonly BatchSummary[], seed: number | string, run: RunInfo): Results {
  const compiled = units[0]!.compiled;
  const base = baselineFigures(scenario, compiled.plan, summaries[0]!);
  const treatments = units.slice(1).map((u, i) => treatmentResult(base, u.treatment!, treatmentCost(scenario, compiled.index, u), u.compiled.plan, summaries[i + 1]!));
  return assembleResults(base, compiled, summaries[0]!, treatments, seed, run);
}

/**
 * The results from the baseline's figures, compiled plan and merged summary (the register, targets,
 * flows, controls, exceedance curve and appetite come from them) and the treatments' results, in order.
 */
export function assembleResults(
  base: BaselineFigures,
  baseCompiled: CompiledScenario,
  baseMerged: BatchSummary,
  treatmentResults: TreatmentResult[],
  seed: number | string,
  run: RunInfo,
): Results {
  const { scenario } = base;
  const { plan, index } = baseCompiled;
  const n = baseMerged.count;

  const risks = riskRegister(baseMerged, baseCompiled, scenario);
  const totalEal = base.summary.eal;
  const targetMap = new Map<number, { direct: number; interruption: number; reroute: number }>();
  for (let r = 0; r < plan.nRisks; r++) {
    const e = plan.riskElement[r]!;
    const t = targetMap.get(e) ?? { direct: 0, interruption: 0, reroute: 0 };
    t.direct += baseMerged.riskDirect.get(r) / n;
    t.interruption += baseMerged.riskInterruption.get(r) / n;
    t.reroute += baseMerged.riskReroute.get(r) / n;
    targetMap.set(e, t);
  }
  const targets = [...targetMap.entries()]
    .map(([e, t]) => ({
      id: e < plan.nSites ? index.siteIds[e]! : index.laneIds[e - plan.nSites]!,
      kind: (e < plan.nSites ? 'site' : 'lane') as 'site' | 'lane',
      eal: t.direct + t.interruption + t.reroute,
      directEal: t.direct,
      interruptionEal: t.interruption,
      rerouteEal: t.reroute,
      share: totalEal > 0 ? (t.direct + t.interruption + t.reroute) / totalEal : 0,
    }))
    .sort((a, b) => b.eal - a.eal || (a.id < b.id ? -1 : 1));
  const flows: FlowRow[] = index.flowIds.map((id, f) => ({
    id,
    eal: flowLoss(baseMerged, f) / n,
    directEal: baseMerged.flowDirect.get(f) / n,
    interruptionEal: baseMerged.flowInterruption.get(f) / n,
    rerouteCost: baseMerged.flowReroute.get(f) / n,
    interruptionDaysMean: baseMerged.flowCutDays.get(f) / n,
    reroutedDaysMean: baseMerged.flowReroutedDays.get(f) / n,
    serviceLevel: 1 - baseMerged.flowCutDays.get(f) / n / plan.horizonDays,
  }));
  const controls = [...index.costs.perControl.entries()]
    .map(([id, c]) => ({ id, element: c.element, placements: c.placements, annualCost: c.annualCost }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  const results: Results = {
    format: 'chainward-results/v1',
    scenario: scenario.name,
    currency: scenario.currency ?? 'USD',
    horizonDays: plan.horizonDays,
    seed,
    trials: n,
    engineVersion: ENGINE_VERSION,
    scenarioHash: scenarioHash(scenario),
    baseline: base.summary,
    risks,
    targets,
    flows,
    controls,
    exceedance: lossExceedance(base.sorted),
    treatments: treatmentResults,
    appetite: appetiteOf(scenario, base.summary, risks),
    riskControlList: riskControlList(scenario, risks, baseCompiled),
    warnings: scenarioWarnings(scenario),
    ...(scenario.calibration !== undefined ? { calibration: scenario.calibration } : {}),
    run,
  };
  assertFiniteFigures(results); // a backstop: the limits keep every figure of a valid scenario finite
  return results;
}
