// Runs a whole analysis: the baseline and each treatment over the same fixed trial ranges (common
// random numbers), then the register, targets, flows, controls, exceedance curve, treatment deltas
// and appetite. The ranges are the unit of work: `runRange` may run them in-process or
// in worker threads, a shard may run a contiguous share of them, and any split gives the same bytes.
import type { Scenario, Treatment } from '../model/schema.js';
import { scenarioWarnings, type ScenarioWarning } from '../validate/warnings.js';
import { assertFiniteFigures } from '../model/limits.js';
import { compilePlan, scenarioCosts } from '../plan/compile-plan.js';
import type { CompiledScenario, SimulationPlan } from '../plan/plan.js';
import { Simulator } from '../simulate/run-batch.js';
import { flowLoss, tailSizeFor, type BatchSummary } from '../summary/batch-summary.js';
import { SummaryAccumulator } from '../summary/summary-accumulator.js';
import { TopK } from '../summary/top-k.js';
import { ENGINE_VERSION } from '../version.js';
import { applyTreatment, type TreatedScenario } from '../plan/apply-treatment.js';
import { appetiteOf, type Appetite } from './appetite.js';
import { lossExceedance, lossSummary, sortedLosses, Z95, type Summary } from './loss-summary.js';
import { riskRegister, type RiskRow } from './register.js';
import { riskControlList, type ControlListEntry } from './risk-control-list.js';
import type { SensitivityRow } from './sensitivity.js';
import { sha256Hex } from '../results/sha256.js';

/** Trials per unit of work. Fixed, so the split never depends on the number of workers. */
export const RANGE_TRIALS = 2048;
/** With a target standard error, at least this many trials are run before stopping. */
export const MIN_TRIALS_FOR_TARGET = 4 * RANGE_TRIALS;

/**
 * Runs one trial range of a plan, keeping the breakdown of the range's worst `tailSize` trials at or
 * above `tailFloor` (see Simulator.runBatch). `runId` names the run the range belongs to: a runner
 * may keep the largest losses it has seen for that run to raise the floor further (0: it may not).
 */
export type RangeRunner = (plan: SimulationPlan, first: number, count: number, tailSize: number, tailFloor: number, runId: number) => BatchSummary | Promise<BatchSummary>;

let nextRunId = 1;

/** What a progress callback hears after each range is merged. */
export interface Progress {
  /** Trials simulated so far over the baseline and the treatments. */
  trialsDone: number;
  /** Trials planned over the baseline and the treatments (an upper bound with a target SE). */
  trialsPlanned: number;
  /** Baseline mean loss and its relative standard error so far. */
  eal: number;
  relativeSe: number;
}

export interface RunOptions {
  /** Trials to run; with `targetSe`, the most trials to run. */
  trials: number;
  seed: number | string;
  /** "all", "none" or a list of treatment ids. */
  treatments?: 'all' | 'none' | string[];
  /** Runs one trial range of a plan; defaults to an in-process simulator. */
  runRange?: RangeRunner;
  /** Ranges in flight at once (for a worker pool: a few per worker). Default 1. */
  inFlight?: number;
  /**
   * Trials per range (default RANGE_TRIALS); results do not depend on it, except with `targetSe`,
   * whose stopping rule is checked at range boundaries (the CLI always uses RANGE_TRIALS).
   */
  rangeTrials?: number;
  /** Stop once the baseline EAL's relative standard error is at most this (checked after each range, in order). */
  targetSe?: number;
  /** Worker threads behind `runRange`, for the record in `run`. Default 1. */
  workers?: number;
  onProgress?: (p: Progress) => void;
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

export interface RunInfo {
  workers: number;
  wallMs: number;
  trialsPerSecond: number;
  /** With a target standard error: the target, the relative SE reached and what stopped the run. */
  targetSe?: number;
  achievedRelativeSe?: number;
  stoppedBy?: 'target' | 'max-trials';
}

/** The fixed trial ranges [first, count] covering `trials`. */
export function trialRanges(trials: number, rangeTrials = RANGE_TRIALS): Array<[number, number]> {
  if (!(Number.isInteger(rangeTrials) && rangeTrials >= 1)) throw new RangeError(`trialRanges: rangeTrials must be a positive integer, got ${rangeTrials}`);
  const out: Array<[number, number]> = [];
  for (let first = 0; first < trials; first += rangeTrials) out.push([first, Math.min(rangeTrials, trials - first)]);
  return out;
}

/** The contiguous share of `ranges` that shard `index` of `count` (1-based) runs. */
export function shardRanges<T>(ranges: readonly T[], index: number, count: number): T[] {
  if (!(Number.isInteger(count) && count >= 1 && Number.isInteger(index) && index >= 1 && index <= count)) {
    throw new RangeError(`shardRanges: expected 1 ≤ index ≤ count, got ${index}/${count}`);
  }
  return ranges.slice(Math.floor(((index - 1) * ranges.length) / count), Math.floor((index * ranges.length) / count));
}

/** A plan to simulate: the baseline (treatment undefined) or one treatment. */
export interface RunUnit {
  treatment?: Treatment;
  treated?: TreatedScenario;
  compiled: CompiledScenario;
}

/** Compiles the baseline and the selected treatments (treatment problems surface before any simulation). */
export function prepareUnits(scenario: Scenario, opts: Pick<RunOptions, 'seed' | 'treatments'>): RunUnit[] {
  const units: RunUnit[] = [{ compiled: compilePlan(scenario, opts.seed) }];
  for (const t of selectTreatments(scenario, opts.treatments)) {
    const treated = applyTreatment(scenario, t);
    const where = `treatments[${(scenario.treatments ?? []).indexOf(t)}] "${t.id}"`;
    units.push({ treatment: t, treated, compiled: compilePlan(treated.scenario, opts.seed, where) });
  }
  return units;
}

/**
 * Simulates `ranges` (consecutive) of one plan with up to `inFlight` ranges running at once, and
 * merges them in trial order. After each merge, `stop` may end the run; ranges beyond are dropped, so
 * the result depends only on the prefix merged. A failing range rejects naming its trials.
 */
export async function runRanges(
  plan: SimulationPlan,
  ranges: ReadonlyArray<readonly [number, number]>,
  tailKeep: number,
  opts: Pick<RunOptions, 'runRange' | 'inFlight'>,
  onMerged?: (acc: SummaryAccumulator) => boolean | void,
  /**
   * Whether runners may raise the floor with every loss they see in this run. Off when the run may
   * stop early: ranges simulated beyond the stop are not part of the result and must not count.
   */
  runnerFloors = true,
): Promise<SummaryAccumulator> {
  if (ranges.length === 0) throw new RangeError('runRanges: no ranges');
  let total = 0;
  for (const [, c] of ranges) total += c;
  const acc = new SummaryAccumulator(ranges[0]![0], total, plan.nRisks, plan.nFlows, tailKeep);
  let sim: Simulator | undefined;
  const seen = runnerFloors ? new TopK(tailKeep) : undefined;
  const run: RangeRunner = opts.runRange ?? ((p, first, count, tail, floor) => (sim ??= new Simulator(p)).runBatch(first, count, tail, floor, seen));
  const runId = runnerFloors ? nextRunId++ : 0;
  const inFlight = Math.max(1, opts.inFlight ?? 1);
  const pending: Array<Promise<BatchSummary> | undefined> = [];
  let next = 0;
  let running = 0;
  let merged = 0;
  let stopped = false;
  // keeps `inFlight` ranges running, starting a new one as soon as any finishes (not only the next
  // in order), with at most 4 × inFlight finished ranges waiting to be merged
  const fill = () => {
    while (!stopped && running < inFlight && next < ranges.length && next < merged + 4 * inFlight) start(next++);
  };
  const start = (i: number) => {
    const [first, count] = ranges[i]!;
    const floor = acc.floor(); // rises as ranges merge: later ranges keep fewer breakdowns
    running++;
    const p = Promise.resolve()
      .then(() => run(plan, first, count, tailKeep, floor, runId))
      .catch((e: unknown) => {
        stopped = true; // the run has failed: start no further ranges
        throw new RangeFailure(first, count, e);
      })
      .finally(() => {
        running--;
        fill();
      });
    p.catch(() => {}); // observed below; this keeps an early failure from being "unhandled"
    pending[i] = p;
  };
  fill();
  for (let i = 0; i < ranges.length; i++) {
    const part = await pending[i]!;
    pending[i] = undefined;
    acc.add(part);
    merged = i + 1;
    if (onMerged?.(acc)) {
      stopped = true;
      break;
    }
    fill();
  }
  return acc;
}

/** A trial range whose simulation failed (in a worker or in-process). */
export class RangeFailure extends Error {
  constructor(
    readonly first: number,
    readonly count: number,
    readonly reason: unknown,
  ) {
    super(`simulating trials ${first}–${first + count - 1} failed: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/**
 * Simulates every unit over the same trials and returns their accumulators (baseline first). With a
 * target SE the baseline stops at the first range boundary where it is met (in trial order, so the
 * trial count depends only on the seed and the target), and the treatments run the same ranges.
 */
export async function simulateUnits(
  units: readonly RunUnit[],
  ranges: ReadonlyArray<readonly [number, number]>,
  tailKeep: number,
  opts: RunOptions,
): Promise<{ accs: SummaryAccumulator[]; trials: number; target?: TargetInfo }> {
  let perUnit = 0;
  for (const [, c] of ranges) perUnit += c;
  let done = 0;
  let base: SummaryAccumulator | undefined;
  const report = (acc: SummaryAccumulator) => {
    base ??= acc;
    opts.onProgress?.({
      trialsDone: done + acc.count,
      trialsPlanned: perUnit * units.length,
      eal: base.count > 0 ? base.lossSum / base.count : 0,
      relativeSe: base.relativeSe(),
    });
  };
  const target = opts.targetSe;
  const baseAcc = await runRanges(
    units[0]!.compiled.plan,
    ranges,
    tailKeep,
    opts,
    (acc) => {
      report(acc);
      return target !== undefined && acc.count >= MIN_TRIALS_FOR_TARGET && acc.relativeSe() <= target;
    },
    target === undefined,
  );
  const trials = baseAcc.count;
  let targetInfo: TargetInfo | undefined;
  if (target !== undefined) {
    const achieved = baseAcc.relativeSe();
    targetInfo = { targetSe: target, achievedRelativeSe: achieved, stoppedBy: trials >= MIN_TRIALS_FOR_TARGET && achieved <= target ? 'target' : 'max-trials' };
  }
  done = perUnit = trials;
  let n = 0;
  const used = ranges.filter(([, c]) => (n += c) <= trials);
  const accs = [baseAcc];
  for (const u of units.slice(1)) {
    const acc = await runRanges(u.compiled.plan, used, tailKeep, opts, report);
    done += acc.count;
    accs.push(acc);
  }
  return { accs, trials, ...(targetInfo ? { target: targetInfo } : {}) };
}

/** How a run with a target standard error ended. */
export type TargetInfo = Required<Pick<RunInfo, 'targetSe' | 'achievedRelativeSe' | 'stoppedBy'>>;

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
  const units = prepareUnits(scenario, opts);
  const ranges = trialRanges(opts.trials, opts.rangeTrials);
  const { accs, trials, target } = await simulateUnits(units, ranges, tailSizeFor(opts.trials), opts);
  const summaries = accs.map((a) => a.result(tailSizeFor(trials)));
  const wallMs = Date.now() - started;
  return analyse(scenario, units, summaries, opts.seed, runInfo(opts.workers ?? 1, wallMs, trials * units.length, target));
}

/** The `run` record: workers, wall time and simulated trials (baseline and treatments) per second. */
export function runInfo(workers: number, wallMs: number, simulated: number, target?: TargetInfo): RunInfo {
  return { workers, wallMs, trialsPerSecond: wallMs > 0 ? Math.round((simulated / wallMs) * 1000) : simulated * 1000, ...target };
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
    let sum = 0;
    for (let i = 0; i < n; i++) sum += baseMerged.losses[i]! - merged.losses[i]!;
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = baseMerged.losses[i]! - merged.losses[i]! - mean;
      ss += d * d; // not d ** 2: a product is the same bits on every engine
    }
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
        ealCi95: [mean - Z95 * se, mean + Z95 * se],
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
    scenarioHash: `sha256:${sha256Hex(canonicalJson(scenario))}`,
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

/** JSON with object keys sorted, so equal scenarios hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
