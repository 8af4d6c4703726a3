// analyse: the results of a run from each unit's merged summary over the same trials — the register,
// targets, flows, controls, exceedance curve, treatment deltas and appetite. A pure function of its
// inputs but `run`, so a single run and merged shards give the same bytes.
import type { Scenario } from '../model/schema.js';
import { assertFiniteFigures } from '../model/limits.js';
import { scenarioCosts } from '../plan/compile-plan.js';
import type { SimulationPlan } from '../plan/plan.js';
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

/**
 * The results from each unit's merged summary over the same trials (baseline first).
 * A pure function of its inputs but `run`: a single run and merged shards give the same bytes.
 */
export function analyse(scenario: Scenario, units: readonly RunUnit[], summaries: readonly BatchSummary[], seed: number | string, run: RunInfo): Results {
  const baseCompiled = units[0]!.compiled;
  const baseMerged = summaries[0]!;
  const base = summarisePlan(baseCompiled.plan, baseMerged);
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

  const treatmentResults: TreatmentResult[] = [];
  units.slice(1).forEach((u, i) => {
    const t = u.treatment!;
    const treated = u.treated!;
    const compiled = u.compiled;
    const merged = summaries[i + 1]!;
    if (merged.count !== n) throw new Error(`analyse: treatment ${t.id} has ${merged.count} trials, the baseline ${n}`);
    const result = summarisePlan(compiled.plan, merged);
    // paired per-trial differences: common random numbers make this interval narrow
    const { mean, ci95 } = pairedDifference(baseMerged.losses, merged.losses);
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
        ealCi95: ci95,
        var95: base.summary.var95 - result.summary.var95,
        cvar95: base.summary.cvar95 - result.summary.cvar95,
      },
      annualCost,
      netBenefit,
      rosi: annualCost > 0 ? netBenefit / annualCost : null,
    });
  });

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
    run,
  };
  assertFiniteFigures(results); // a backstop: the limits keep every figure of a valid scenario finite
  return results;
}
