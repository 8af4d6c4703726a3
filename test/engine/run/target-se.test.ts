// simulateScenario with a target standard error (engine/analysis/simulate-scenario.ts): the baseline
// is merged range by range in trial order and stops at the first range boundary, at or past
// MIN_TRIALS_FOR_TARGET, where the relative standard error of the mean loss, se/eal = sd/√n/mean,
// is at most the target. So the trial count depends only on the seed and the target, and the result
// is the result of a fixed run of that many trials, whatever order the ranges complete in.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_TRIALS_FOR_TARGET, RANGE_TRIALS } from '../../../engine/run/ranges.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { type Progress, type RangeRunner, type RunOptions } from '../../../engine/run/run-options.js';
import { type Results } from '../../../engine/results/schema.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';
import type { SimulationPlan } from '../../../engine/plan/plan.js';
import { runBatch, Simulator } from '../../../engine/simulate/run-batch.js';
import type { BatchSummary } from '../../../engine/summary/batch-summary.js';
import { scenarioOf } from '../../support/engine-helpers.js';

const shipped = scenarioOf(JSON.parse(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8')));

/** The results as JSON without the `run` field (wall time and throughput). */
function stable(r: Results): string {
  const { run: _run, ...rest } = r;
  return JSON.stringify(rest);
}

const SEED = 1;
const MAX = 20 * RANGE_TRIALS;
/** For seed 1 this lies between the relative SEs after 6 and 7 ranges (0.01496 and 0.01353). */
const TARGET = 0.0145;
const TREATMENTS = ['tr-port-contingency'];

const base: RunOptions = { trials: MAX, seed: SEED, treatments: TREATMENTS, targetSe: TARGET };

/** The baseline's per-trial losses of a fixed run (the merge law makes them those of any run with this seed). */
let lossesMemo: Float64Array | undefined;
function losses(): Float64Array {
  lossesMemo ??= runBatch(compilePlan(shipped, SEED).plan, 0, 10 * RANGE_TRIALS, 1).losses;
  return lossesMemo;
}

/** se/eal = (sd/√n)/mean of the first n losses, in two passes. */
function relativeSe(xs: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1) / n) / mean;
}

/** The trial count the rule gives: the first multiple of RANGE_TRIALS ≥ MIN whose prefix meets the target. */
function expectedStop(xs: Float64Array, target: number): number {
  for (let n = MIN_TRIALS_FOR_TARGET; n <= xs.length; n += RANGE_TRIALS) if (relativeSe(xs, n) <= target) return n;
  throw new Error(`the target ${target} is not met within ${xs.length} trials`);
}

// The run with the target, with its progress reports, shared by the tests below.
const progress: Progress[] = [];
let targetRunMemo: Promise<Results> | undefined;
function targetRun(): Promise<Results> {
  targetRunMemo ??= simulateScenario(shipped, { ...base, onProgress: (p) => progress.push({ ...p }) });
  return targetRunMemo;
}

/**
 * A runner that completes ranges in the reverse of the order they were started: calls are held until
 * the event loop turns (by then runRanges has started every range it may have in flight), then
 * resolved last first. Records the completion order and the tail floors it was given.
 */
function reverseRunner() {
  const sims = new Map<SimulationPlan, Simulator>();
  const completed: Array<{ plan: SimulationPlan; first: number }> = [];
  const floors: number[] = [];
  let held: Array<() => void> = [];
  const release = () => {
    const batch = held;
    held = [];
    for (let i = batch.length - 1; i >= 0; i--) batch[i]!();
  };
  const runRange: RangeRunner = (plan, first, count, tailSize, tailFloor) => {
    floors.push(tailFloor);
    let sim = sims.get(plan);
    if (!sim) sims.set(plan, (sim = new Simulator(plan)));
    const summary = sim.runBatch(first, count, tailSize, tailFloor);
    return new Promise<BatchSummary>((resolve) => {
      held.push(() => {
        completed.push({ plan, first });
        resolve(summary);
      });
      if (held.length === 1) setImmediate(release);
    });
  };
  return { runRange, completed, floors };
}

describe('simulateScenario with targetSe', () => {
  it('simulateScenario with targetSe stops at the first multiple of 2048 trials ≥ MIN_TRIALS_FOR_TARGET where se/eal ≤ the target', async () => {
    const r = await targetRun();
    const xs = losses();
    expect(r.trials % RANGE_TRIALS).toBe(0);
    expect(r.trials).toBeGreaterThanOrEqual(MIN_TRIALS_FOR_TARGET);
    expect(r.trials).toBeLessThan(MAX);
    expect(r.trials).toBe(expectedStop(xs, TARGET));
    // the reported baseline meets the target …
    expect(r.baseline.se / r.baseline.eal).toBeLessThanOrEqual(TARGET);
    expect(r.baseline.se / r.baseline.eal).toBeCloseTo(relativeSe(xs, r.trials), 12);
    // … and one range fewer did not (that prefix is past the minimum, so it was checked and rejected)
    const shorter = r.trials - RANGE_TRIALS;
    expect(shorter).toBeGreaterThanOrEqual(MIN_TRIALS_FOR_TARGET);
    expect(relativeSe(xs, shorter)).toBeGreaterThan(TARGET);
    // and `run` says so
    expect(r.run.stoppedBy).toBe('target');
    expect(r.run.targetSe).toBe(TARGET);
    expect(r.run.achievedRelativeSe).toBeCloseTo(relativeSe(xs, r.trials), 9);
  });

  it('simulateScenario with targetSe equals (without `run`) simulateScenario with trials = the stopped count and no targetSe', async () => {
    const r = await targetRun();
    const fixed = await simulateScenario(shipped, { trials: r.trials, seed: SEED, treatments: TREATMENTS });
    expect(fixed.trials).toBe(r.trials);
    expect(r.treatments.map((t) => t.id)).toEqual(TREATMENTS);
    expect(stable(r)).toBe(stable(fixed));
  });

  it('simulateScenario with targetSe runs at least MIN_TRIALS_FOR_TARGET trials even when a shorter prefix meets the target', async () => {
    const xs = losses();
    // a target that the prefix of two ranges (below the minimum) meets by construction
    const target = relativeSe(xs, 2 * RANGE_TRIALS) * 1.0001;
    expect(2 * RANGE_TRIALS).toBeLessThan(MIN_TRIALS_FOR_TARGET);
    const r = await simulateScenario(shipped, { trials: MAX, seed: SEED, treatments: 'none', targetSe: target });
    expect(r.trials).toBeGreaterThanOrEqual(MIN_TRIALS_FOR_TARGET);
    expect(r.trials).toBe(expectedStop(xs, target));
    expect(r.baseline.se / r.baseline.eal).toBeLessThanOrEqual(target);
    const fixed = await simulateScenario(shipped, { trials: r.trials, seed: SEED, treatments: 'none' });
    expect(stable(r)).toBe(stable(fixed));
  });

  it('simulateScenario with targetSe is deterministic: a second call and ranges completing in reverse order with inFlight 4 give identical results', async () => {
    const r = await targetRun();
    const again = await simulateScenario(shipped, base);
    expect(stable(again)).toBe(stable(r));

    const runner = reverseRunner();
    const reversed = await simulateScenario(shipped, { ...base, runRange: runner.runRange, inFlight: 4 });
    expect(stable(reversed)).toBe(stable(r));
    // guards: ranges did complete out of trial order, and later ranges ran with a rising (pruning) floor
    const outOfOrder = runner.completed.some((c, i) => runner.completed.slice(0, i).some((d) => d.plan === c.plan && d.first > c.first));
    expect(outOfOrder).toBe(true);
    expect(runner.completed[0]!.first).toBe(3 * RANGE_TRIALS);
    expect(runner.floors.some((f) => Number.isFinite(f) && f > 0)).toBe(true);
  });

  it('simulateScenario with targetSe stops at `trials` (the most) when the target is never reached', async () => {
    const trials = 10_000; // not a multiple of 2048: the last range is short
    const target = 0.001;
    const r = await simulateScenario(shipped, { trials, seed: SEED, treatments: 'none', targetSe: target });
    expect(r.trials).toBe(trials);
    expect(r.baseline.se / r.baseline.eal).toBeGreaterThan(target);
    expect(r.run).toMatchObject({ targetSe: target, stoppedBy: 'max-trials' });
    expect(r.run.achievedRelativeSe).toBeGreaterThan(target);
    const fixed = await simulateScenario(shipped, { trials, seed: SEED, treatments: 'none' });
    expect(stable(r)).toBe(stable(fixed));
    expect(fixed.run.stoppedBy).toBeUndefined();
  });

  it('simulateScenario calls onProgress with increasing trialsDone and trialsPlanned ≥ trialsDone, ending at trials × units', async () => {
    const r = await targetRun();
    const units = 1 + TREATMENTS.length;
    const baselineRanges = r.trials / RANGE_TRIALS;
    // one report per merged range: the baseline's, then the treatment's over the same ranges
    expect(progress).toHaveLength(baselineRanges * units);
    progress.forEach((p, i) => {
      expect(p.trialsPlanned, `report ${i}`).toBeGreaterThanOrEqual(p.trialsDone);
      if (i > 0) expect(p.trialsDone, `report ${i}`).toBeGreaterThan(progress[i - 1]!.trialsDone);
    });
    // before the stop, the plan is the most trials; after it, the stopped count
    expect(progress[0]).toMatchObject({ trialsDone: RANGE_TRIALS, trialsPlanned: MAX * units });
    expect(progress.at(-1)).toMatchObject({ trialsDone: r.trials * units, trialsPlanned: r.trials * units });
    // the baseline's mean and relative SE as merged: the last baseline report is the final baseline
    const lastBaseline = progress[baselineRanges - 1]!;
    expect(lastBaseline.trialsDone).toBe(r.trials);
    expect(lastBaseline.eal / r.baseline.eal - 1).toBeCloseTo(0, 9);
    expect(lastBaseline.relativeSe / (r.baseline.se / r.baseline.eal) - 1).toBeCloseTo(0, 9);
    expect(lastBaseline.relativeSe).toBeLessThanOrEqual(TARGET);
    expect(progress[baselineRanges - 2]!.relativeSe).toBeGreaterThan(TARGET);
  });

  it('simulateScenario without targetSe reports a constant trialsPlanned of trials × units', async () => {
    const reports: Progress[] = [];
    const trials = 5000;
    await simulateScenario(shipped, { trials, seed: SEED, treatments: TREATMENTS, onProgress: (p) => reports.push({ ...p }) });
    expect(reports.map((p) => p.trialsDone)).toEqual([2048, 4096, 5000, 7048, 9096, 10_000]);
    expect(reports.every((p) => p.trialsPlanned === trials * 2)).toBe(true);
  });
});
