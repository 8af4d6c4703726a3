// The risk register: per risk its rate, P(≥1 event), mean loss per event with its interval, expected
// loss, share, tail contribution, and its ISO 28000 assessment; sorted by expected loss, descending
// (docs/results-format.md, "Risks").
import type { Scenario } from '../model/schema.js';
import type { RiskRow } from '../results/schema.js';
import type { CompiledScenario } from '../plan/plan.js';
import { expm1 } from '../math/det-math.js';
import { riskLoss, type BatchSummary } from '../summary/batch-summary.js';
import { assess, levelBounds } from './criteria.js';
import { Z95 } from './loss-summary.js';

/**
 * The 95 % interval of a risk's mean loss per event m = ΣL / ΣN over n trials (L its loss and N its
 * events in a trial): the ratio estimator's standard error is √(n · Σ(L − mN)² / (n − 1)) / ΣN.
 * Clipped at 0 below. Null when fewer than 2 trials have an event (no interval can be told).
 */
export function impactInterval(n: number, trialsWithEvents: number, sumN: number, sumL: number, sumL2: number, sumLN: number, sumN2: number): [number, number] | null {
  if (trialsWithEvents < 2 || !(sumN > 0) || n < 2) return null;
  const m = sumL / sumN;
  const ss = sumL2 - 2 * m * sumLN + m * m * sumN2;
  const se = Math.sqrt((n * Math.max(0, ss)) / (n - 1)) / sumN;
  // losses are never negative: nor is the interval's lower end
  return [Math.max(0, m - Z95 * se), m + Z95 * se];
}

/**
 * Builds the register. meanLossPerEvent counts the risk's direct loss and its shares of
 * interruption and reroute cost, so eal ≈ frequency × meanLossPerEvent. The likelihood band comes
 * from the exact rate, the impact band from the simulated mean loss per event; a risk whose impact
 * interval straddles a band edge that changes its level is borderline. tailContribution is the risk's mean loss over the
 * worst ⌈5 %⌉ trials: the contributions sum to cvar95.
 */
export function riskRegister(merged: BatchSummary, compiled: CompiledScenario, scenario: Scenario): RiskRow[] {
  const { plan, index } = compiled;
  const n = merged.count;
  const R = plan.nRisks;
  const tailSum = new Float64Array(R);
  const tail = merged.tail;
  for (let i = 0; i < tail.trial.length; i++) {
    for (let q = tail.start[i]!; q < tail.start[i + 1]!; q++) tailSum[tail.risk[q]!]! += tail.riskLoss[q]!;
  }
  const k = tail.trial.length;
  let totalEal = 0;
  const eals = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    eals[r] = riskLoss(merged, r) / n;
    totalEal += eals[r]!;
  }
  const rows: RiskRow[] = [];
  for (let r = 0; r < R; r++) {
    const e = plan.riskElement[r]!;
    const events = merged.riskEvents[r]!;
    const total = riskLoss(merged, r);
    const pEvent = merged.riskTrials[r]! / n;
    const meanLossPerEvent = events > 0 ? total / events : 0;
    const frequency = index.riskRate[r]!;
    const pEventExpected = -expm1(-frequency);
    const impactCi95 = impactInterval(n, merged.riskTrials[r]!, events, total, merged.riskLossSq.get(r), merged.riskLossEvents.get(r), merged.riskEventsSq[r]!);
    const [lowest, highest] = levelBounds(pEventExpected, impactCi95, scenario.criteria);
    const borderline = frequency > 0 && lowest !== highest;
    rows.push({
      id: index.riskIds[r]!,
      threat: index.riskThreat[r]!,
      category: index.riskCategory[r]!,
      target: e < plan.nSites ? index.siteIds[e]! : index.laneIds[e - plan.nSites]!,
      targetKind: e < plan.nSites ? 'site' : 'lane',
      element: index.riskElementIso[r]!,
      owner: index.riskOwner[r]!,
      frequency,
      pEventExpected,
      pEvent,
      meanLossPerEvent,
      impactCi95,
      borderline,
      eal: eals[r]!,
      directEal: merged.riskDirect.get(r) / n,
      interruptionEal: merged.riskInterruption.get(r) / n,
      rerouteEal: merged.riskReroute.get(r) / n,
      share: totalEal > 0 ? eals[r]! / totalEal : 0,
      tailContribution: k > 0 ? tailSum[r]! / k : 0,
      ...assess(pEventExpected, meanLossPerEvent, scenario.criteria),
      controls: index.riskControls[r]!,
      ...(plan.riskRaise[r]! > 1
        ? {
            cascade: {
              triggeredBy: index.riskTriggeredBy[r]!,
              factor: plan.riskRaise[r]!,
              excessEventsPerTrial: merged.riskExcessEvents.get(r) / n,
              excessEal: merged.riskExcess.get(r) / n,
            },
          }
        : {}),
      ...(plan.riskJointHead[r]! >= 0 ? { joint: { targets: plan.jointSize[plan.riskJointHead[r]!]! } } : {}),
    });
  }
  return rows.sort((a, b) => b.eal - a.eal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
