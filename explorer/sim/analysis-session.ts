// The explorer's analysis: the engine's own units, ranges, merge and analyse, run on a RangeRunner
// (the Web Worker pool in the page). It simulates in the order a person reads the page — baseline,
// what-if, scenario treatments, control effectiveness by element — reporting after each, and keeps
// each unit's summary so that a what-if re-runs only the what-if (the baseline and treatments for
// the same seed and trials are the same bytes). Everything here is plain engine code: no DOM.
import { applyTreatment } from '../../engine/plan/apply-treatment.js';
import { elementEffect, elementRemovals, type ElementEffect } from '../../engine/analysis/control-effectiveness.js';
import { analyseUnits } from '../../engine/analysis/analyse.js';
import { canonicalJson } from '../../engine/results/canonical-json.js';
import { runInfo, type RangeRunner } from '../../engine/run/run-options.js';
import { runRanges } from '../../engine/run/run-ranges.js';
import { trialRanges, RANGE_TRIALS } from '../../engine/run/ranges.js';
import { type Results, type TreatmentResult } from '../../engine/results/schema.js';
import { type RunUnit } from '../../engine/run/units.js';
import { lossExceedance, sortedLosses } from '../../engine/analysis/loss-summary.js';
import type { Change, Scenario, Treatment } from '../../engine/model/schema.js';
import { validateScenario, type ValidationIssue } from '../../engine/validate/validate.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { tailSizeFor, type BatchSummary } from '../../engine/summary/batch-summary.js';
import { CancelledError } from './web-pool.js';

/** The id of the live what-if when it is shown as a treatment beside the scenario's own. */
export const WHAT_IF_ID = 'what-if';

export interface AnalysisRequest {
  scenario: Scenario;
  seed: number | string;
  trials: number;
  /** The what-if changes on top of the scenario (empty: none). */
  whatIf: Change[];
}

export interface WhatIfResult {
  changes: Change[];
  /** The scenario with the changes applied. */
  scenario: Scenario;
  /** The scenario with the changes, analysed as a scenario of its own (no treatments). */
  results: Results;
  /** The what-if as a treatment of the baseline: paired delta, cost, ROSI. */
  vsBaseline: TreatmentResult;
}

/** What the page shows; filled in as the units finish. */
export interface AnalysisState {
  request: AnalysisRequest;
  baseline: Results;
  whatIf?: WhatIfResult;
  /** Control effectiveness by element; undefined until the removal runs finish. */
  effects?: ElementEffect[];
  /** Each scenario treatment's loss exceedance curve (results keep the baseline's only), by treatment id. */
  treatmentCurves: Record<string, Array<{ loss: number; probability: number }>>;
  /** Elements with controls, known before their effects. */
  elements: Array<{ element: ElementEffect['element']; controls: string[] }>;
}

/** Which part of the state an update changed. */
export type AnalysisStage = 'baseline' | 'whatif' | 'treatment' | 'effects' | 'done';

export interface AnalysisProgress {
  trialsDone: number;
  trialsPlanned: number;
}

/** A what-if whose changes do not fit the scenario (unknown control, carrier of the wrong mode…). */
export class WhatIfError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`the what-if does not fit the scenario: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/** Trials' worth of summaries the cache keeps (each holds a Float64Array of its trials and the tail breakdown). */
const CACHE_TRIALS = 2_000_000;

export class AnalysisSession {
  private cache = new Map<string, BatchSummary>();
  private cachedTrials = 0;
  /** Compiled units by treatment changes and seed: the same plan objects keep the workers' simulators (and their reroute caches) warm. */
  private units = new Map<string, RunUnit>();
  private cacheScenario: Scenario | undefined;
  private generation = 0;
  private running = 0;

  constructor(
    private readonly runner: { runRange: RangeRunner; inFlight: number; workers: number; cancel?: () => void },
    /** Trials' worth of summaries to keep (default CACHE_TRIALS). */
    private readonly cacheTrials = CACHE_TRIALS,
  ) {}

  /** Ends the run in progress (its promise rejects with CancelledError). */
  cancel(): void {
    this.generation++;
    if (this.running > 0) this.runner.cancel?.(); // idle workers stay, with the plans they hold
  }

  /** Checks what-if changes against the scenario; returns the treatment or throws WhatIfError. */
  static whatIfTreatment(scenario: Scenario, changes: Change[]): Treatment {
    const treatment: Treatment = { id: WHAT_IF_ID, name: 'What-if', changes };
    const taken = new Set((scenario.treatments ?? []).map((t) => t.id));
    if (taken.has(WHAT_IF_ID)) treatment.id = `${WHAT_IF_ID}-${taken.size}`;
    const check = validateScenario({ ...scenario, treatments: [...(scenario.treatments ?? []), treatment] });
    if (!check.ok) throw new WhatIfError(check.issues);
    return treatment;
  }

  /** Runs the request, calling `onUpdate` after each stage, and resolves with the final state. */
  async run(req: AnalysisRequest, onUpdate: (s: AnalysisState, stage: AnalysisStage) => void, onProgress?: (p: AnalysisProgress) => void): Promise<AnalysisState> {
    const gen = ++this.generation;
    if (this.cacheScenario !== req.scenario) {
      this.cache.clear();
      this.cachedTrials = 0;
      this.units.clear();
      this.cacheScenario = req.scenario;
    }
    this.running++;
    try {
      return await this.runStages(req, gen, onUpdate, onProgress);
    } catch (e) {
      // a failed run stops starting ranges; this also ends the ones still in flight in the workers
      if (!(e instanceof CancelledError) && !(e instanceof WhatIfError) && gen === this.generation) this.runner.cancel?.();
      throw e;
    } finally {
      this.running--;
    }
  }

  private async runStages(req: AnalysisRequest, gen: number, onUpdate: (s: AnalysisState, stage: AnalysisStage) => void, onProgress?: (p: AnalysisProgress) => void): Promise<AnalysisState> {
    const started = Date.now();
    const { scenario, seed, trials } = req;
    const whatIf = req.whatIf.length ? AnalysisSession.whatIfTreatment(scenario, req.whatIf) : undefined;
    const treatments = scenario.treatments ?? [];
    const removals = elementRemovals(scenario);

    const unitOf = (t?: Treatment): RunUnit => {
      const key = `${seed}|${t ? canonicalJson(t.changes) : 'baseline'}`;
      let unit = this.units.get(key);
      if (unit) return t ? { ...unit, treatment: t } : unit;
      if (!t) unit = { compiled: compilePlan(scenario, seed) };
      else {
        const treated = applyTreatment(scenario, t);
        const i = treatments.indexOf(t); // the what-if and the element groups are not in the scenario's list
        unit = { treatment: t, treated, compiled: compilePlan(treated.scenario, seed, i >= 0 ? `treatments[${i}] "${t.id}"` : `what-if "${t.id}"`) };
      }
      if (this.units.size >= 64) this.units.delete(this.units.keys().next().value!);
      this.units.set(key, unit);
      return unit;
    };
    const keyOf = (t?: Treatment) => `${seed}|${trials}|${t ? canonicalJson(t.changes) : 'baseline'}`;
    const plannedUnits = [undefined, whatIf, ...treatments, ...removals.map((r) => r.treatment)].filter((t, i) => i === 0 || t !== undefined);
    const plannedKeys = new Set(plannedUnits.map((t) => keyOf(t)));
    const toRun = plannedUnits.filter((t) => !this.cache.has(keyOf(t))).length;
    const progress: AnalysisProgress = { trialsDone: 0, trialsPlanned: toRun * trials };
    let simulated = 0;

    const ranges = trialRanges(trials, RANGE_TRIALS);
    const tailKeep = tailSizeFor(trials);
    const guarded: RangeRunner = (...args) => {
      if (gen !== this.generation) throw new CancelledError();
      return this.runner.runRange(...args);
    };
    const simulate = async (unit: RunUnit, key: string): Promise<BatchSummary> => {
      const hit = this.cache.get(key);
      if (hit) {
        this.cache.delete(key); // most recently used last: eviction takes the oldest first
        this.cache.set(key, hit);
        return hit;
      }
      const before = progress.trialsDone;
      let acc;
      try {
        acc = await runRanges(unit.compiled.plan, ranges, tailKeep, { runRange: guarded, inFlight: this.runner.inFlight }, (a) => {
          progress.trialsDone = before + a.count;
          onProgress?.({ ...progress });
        });
      } catch (e) {
        if (gen !== this.generation || (e as { reason?: unknown }).reason instanceof CancelledError) throw new CancelledError();
        throw e;
      }
      const summary = acc.result(tailKeep);
      if (gen !== this.generation) throw new CancelledError();
      simulated += trials;
      // evict the least recently used summaries, never one this run still reads (it may go over the
      // bound for the run's own units rather than simulate them twice)
      for (const [k, old] of this.cache) {
        if (this.cachedTrials + trials <= this.cacheTrials) break;
        if (plannedKeys.has(k)) continue;
        this.cache.delete(k);
        this.cachedTrials -= old.count;
      }
      this.cache.set(key, summary);
      this.cachedTrials += summary.count;
      return summary;
    };
    const info = () => runInfo(this.runner.workers, Date.now() - started, simulated);

    onProgress?.({ ...progress });
    const base = unitOf();
    const baseSummary = await simulate(base, keyOf());
    const elements = removals.map((r) => ({ element: r.element, controls: r.controls }));
    const state: AnalysisState = {
      request: req,
      baseline: analyseUnits(scenario, [base], [baseSummary], seed, info()),
      treatmentCurves: {},
      elements,
    };
    onUpdate({ ...state }, 'baseline');

    if (whatIf) {
      const unit = unitOf(whatIf);
      const s = await simulate(unit, keyOf(whatIf));
      const alone = analyseUnits(unit.treated!.scenario, [{ compiled: unit.compiled }], [s], seed, info());
      const paired = analyseUnits(scenario, [base, unit], [baseSummary, s], seed, info());
      state.whatIf = { changes: req.whatIf, scenario: unit.treated!.scenario, results: alone, vsBaseline: paired.treatments[0]! };
      onUpdate({ ...state }, 'whatif');
    }

    const treatmentUnits: RunUnit[] = [];
    const treatmentSummaries: BatchSummary[] = [];
    for (const t of treatments) {
      const unit = unitOf(t);
      const summary = await simulate(unit, keyOf(t));
      treatmentSummaries.push(summary);
      state.treatmentCurves = { ...state.treatmentCurves, [t.id]: lossExceedance(sortedLosses(summary)) };
      treatmentUnits.push(unit);
      state.baseline = analyseUnits(scenario, [base, ...treatmentUnits], [baseSummary, ...treatmentSummaries], seed, info());
      onUpdate({ ...state }, 'treatment');
    }

    if (removals.length) {
      const units = removals.map((r) => unitOf(r.treatment));
      const sums: BatchSummary[] = [];
      for (const [i, u] of units.entries()) sums.push(await simulate(u, keyOf(removals[i]!.treatment)));
      const measured = analyseUnits(scenario, [base, ...units], [baseSummary, ...sums], seed, info());
      state.effects = removals.map((r, i) => elementEffect(r, measured.treatments[i]!));
      onUpdate({ ...state }, 'effects');
    } else {
      state.effects = [];
    }
    state.baseline = { ...state.baseline, run: info() };
    onUpdate({ ...state }, 'done');
    return state;
  }
}
