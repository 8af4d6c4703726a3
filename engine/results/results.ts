// The results document (chainward-results/v1): what `run` writes, `merge` rebuilds and the explorer
// reads. See docs/results-format.md.
import type { ScenarioWarning } from '../validate/warnings.js';
import type { RunInfo } from '../run/run-options.js';
import type { Appetite } from '../analysis/appetite.js';
import type { Summary } from '../analysis/loss-summary.js';
import type { RiskRow } from '../analysis/register.js';
import type { ControlListEntry } from '../analysis/risk-control-list.js';
import type { SensitivityRow } from '../analysis/sensitivity.js';

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
  targets: Array<{ id: string; kind: 'site' | 'lane'; eal: number; directEal: number; interruptionEal: number; rerouteEal: number; share: number }>;
  flows: FlowRow[];
  controls: Array<{ id: string; element: string; placements: number; annualCost: number }>;
  exceedance: Array<{ loss: number; probability: number }>;
  treatments: TreatmentResult[];
  appetite: Appetite;
  /** Risks above appetite.maxLevel with the options that bring them within it (empty without maxLevel). */
  riskControlList: ControlListEntry[];
  /** What the scenario has that can never do anything (scenarioWarnings, engine/validate/warnings.ts): where and what. */
  warnings: ScenarioWarning[];
  /** With `run --sensitivity`: each parameter varied by ±delta, sorted by EAL swing. */
  sensitivity?: SensitivityRow[];
  run: RunInfo;
}

/**
 * A flow's expected loss per horizon and its parts: losses on its own shipments (direct), its
 * interruption cost and the extra transport cost of its detours (reroute). Network-wide losses (a
 * site's stock, fixed amounts per event) belong to no flow, so flow EALs do not add up to the EAL.
 */
export interface FlowRow {
  id: string;
  eal: number;
  directEal: number;
  interruptionEal: number;
  rerouteCost: number;
  interruptionDaysMean: number;
  reroutedDaysMean: number;
  /** Share of the horizon the flow is served (1 − interrupted days / horizon days). */
  serviceLevel: number;
}
