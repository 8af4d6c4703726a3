// The risk register (SPEC §3): per risk its rate, P(≥1 event), mean loss per event, expected loss,
// share, tail contribution, and its ISO 28000 assessment; sorted by expected loss, descending.
import type { Category, Element, Level, Scenario } from '../model/schema.js';
import type { CompiledScenario } from '../plan/plan.js';
import type { BatchSummary } from '../summary/batch-summary.js';
import { assess } from './criteria.js';

export interface RiskRow {
  id: string;
  threat: string;
  category: Category;
  target: string;
  targetKind: 'site' | 'lane';
  element: Element;
  owner: string;
  frequency: number;
  pEvent: number;
  meanLossPerEvent: number;
  eal: number;
  directEal: number;
  interruptionEal: number;
  share: number;
  tailContribution: number;
  likelihood: number;
  impact: number;
  score: number;
  level: Level;
  controls: string[];
}

/**
 * Builds the register. meanLossPerEvent counts the risk's direct loss and its share of
 * interruption cost, so eal ≈ frequency × meanLossPerEvent. tailContribution is the risk's mean
 * loss over the worst ⌈5 %⌉ trials: the contributions sum to cvar95.
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
    eals[r] = (merged.riskDirect.get(r) + merged.riskInterruption.get(r)) / n;
    totalEal += eals[r]!;
  }
  const rows: RiskRow[] = [];
  for (let r = 0; r < R; r++) {
    const e = plan.riskElement[r]!;
    const events = merged.riskEvents[r]!;
    const total = merged.riskDirect.get(r) + merged.riskInterruption.get(r);
    const pEvent = merged.riskTrials[r]! / n;
    const meanLossPerEvent = events > 0 ? total / events : 0;
    rows.push({
      id: index.riskIds[r]!,
      threat: index.riskThreat[r]!,
      category: index.riskCategory[r]!,
      target: e < plan.nSites ? index.siteIds[e]! : index.laneIds[e - plan.nSites]!,
      targetKind: e < plan.nSites ? 'site' : 'lane',
      element: index.riskElementIso[r]!,
      owner: index.riskOwner[r]!,
      frequency: index.riskRate[r]!,
      pEvent,
      meanLossPerEvent,
      eal: eals[r]!,
      directEal: merged.riskDirect.get(r) / n,
      interruptionEal: merged.riskInterruption.get(r) / n,
      share: totalEal > 0 ? eals[r]! / totalEal : 0,
      tailContribution: k > 0 ? tailSum[r]! / k : 0,
      ...assess(pEvent, meanLossPerEvent, scenario.criteria),
      controls: index.riskControls[r]!,
    });
  }
  return rows.sort((a, b) => b.eal - a.eal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
