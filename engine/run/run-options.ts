// What a run is asked for (trials, seed, treatments, how ranges are run) and what it reports as it
// goes (progress) and when done (the `run` record of the results).
import '../model/zod-config.js'; // first: before any schema is built
import { z } from 'zod';
import type { BatchSummary } from '../summary/batch-summary.js';
import type { SimulationPlan } from '../plan/plan.js';

/**
 * Runs one trial range of a plan, keeping the breakdown of the range's worst `tailSize` trials at or
 * above `tailFloor` (see Simulator.runBatch). `runId` names the run the range belongs to: a runner
 * may keep the largest losses it has seen for that run to raise the floor further (0: it may not).
 */
export type RangeRunner = (plan: SimulationPlan, first: number, count: number, tailSize: number, tailFloor: number, runId: number) => BatchSummary | Promise<BatchSummary>;

/**
 * Where a checked treatment's plan may wait for its turn outside the memory (the command line spills
 * it to a temporary file, engine/io/plan-spill.ts). keep() returns what gives the plan back once, or
 * undefined when it could not keep it (the plan is then compiled again).
 */
export interface PlanStore {
  keep(plan: SimulationPlan): (() => SimulationPlan) | undefined;
  /** Plans stay in memory while they total at most this many bytes (default KEEP_PLAN_BYTES, engine/run/units.ts). */
  keepBytes?: number;
}

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

/** How a run is simulated: trials, seed, treatments, and who runs the trial ranges (in this thread by default). */
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
   * The plan as `runRange` wants it held, such as a worker pool's copy in shared memory: a run that
   * uses it keeps that one copy instead of two (README.md, "Memory"). Default: the plan itself.
   */
  sharePlan?: (plan: SimulationPlan) => SimulationPlan;
  /** Where large treatment plans wait between their check and their turn (see prepareUnitsLazily); default: compiled again. */
  planStore?: PlanStore;
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

/** The `run` record of the results (part of the results schema, engine/results/schema.ts). */
export const runInfoSchema = z.object({
  workers: z.number(),
  wallMs: z.number(),
  trialsPerSecond: z.number(),
  /** With a target standard error: the target, the relative SE reached and what stopped the run. */
  targetSe: z.number().optional(),
  achievedRelativeSe: z.number().optional(),
  stoppedBy: z.enum(['target', 'max-trials']).optional(),
});

/** The results' `run` record: worker threads, wall-clock time, trials simulated, and the stopping rule's outcome. */
export type RunInfo = z.output<typeof runInfoSchema>;

/** The `run` record: workers, wall time and simulated trials (baseline and treatments) per second. */
export function runInfo(workers: number, wallMs: number, simulated: number, target?: TargetInfo): RunInfo {
  return { workers, wallMs, trialsPerSecond: wallMs > 0 ? Math.round((simulated / wallMs) * 1000) : simulated * 1000, ...target };
}

/** How a run with a target standard error ended. */
export type TargetInfo = Required<Pick<RunInfo, 'targetSe' | 'achievedRelativeSe' | 'stoppedBy'>>;
