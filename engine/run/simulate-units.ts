// Simulates the baseline and the treatments over the same trial ranges (common random numbers),
// stopping the baseline at a target standard error when one is asked for. One plan at a time: each
// unit's plan is asked for when its turn comes and its accumulator handed to the caller at once, so a
// run need not hold every plan and every merged summary together (README.md, "Memory").
import type { SimulationPlan } from '../plan/plan.js';
import type { SummaryAccumulator } from '../summary/summary-accumulator.js';
import { MIN_TRIALS_FOR_TARGET } from './ranges.js';
import { runRanges } from './run-ranges.js';
import type { RunOptions, TargetInfo } from './run-options.js';
import type { RunUnit } from './units.js';

/**
 * Simulates `count` units (the baseline first) over the same trials. `planOf(i)` gives unit i's plan
 * when its turn comes (nothing keeps it after the unit is done), and `done(i, acc, trials)` turns its
 * accumulator into what the caller keeps (`trials`: the run's trial count, known once the baseline
 * is done). With a target SE the baseline stops at the first range boundary where it is met (in
 * trial order, so the trial count depends only on the seed and the target), and the treatments run
 * the same ranges.
 */
export async function simulateEach<T>(
  count: number,
  planOf: (i: number) => SimulationPlan,
  ranges: ReadonlyArray<readonly [number, number]>,
  tailKeep: number,
  opts: RunOptions,
  done: (i: number, acc: SummaryAccumulator, trials: number) => T | Promise<T>,
): Promise<{ values: T[]; trials: number; target?: TargetInfo }> {
  let perUnit = 0;
  for (const [, c] of ranges) perUnit += c;
  let simulated = 0;
  // the baseline's figures as progress reports them: from its accumulator while it runs, then fixed
  let eal = 0;
  let relativeSe = Infinity;
  const report = (acc: SummaryAccumulator, isBase: boolean) => {
    if (isBase) {
      eal = acc.count > 0 ? acc.lossSum / acc.count : 0;
      relativeSe = acc.relativeSe();
    }
    opts.onProgress?.({ trialsDone: simulated + acc.count, trialsPlanned: perUnit * count, eal, relativeSe });
  };
  const target = opts.targetSe;
  let baseAcc: SummaryAccumulator | undefined = await runRanges(
    planOf(0),
    ranges,
    tailKeep,
    opts,
    (acc) => {
      report(acc, true);
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
  simulated = perUnit = trials;
  let n = 0;
  const used = ranges.filter(([, c]) => (n += c) <= trials);
  const first = done(0, baseAcc, trials);
  baseAcc = undefined; // what the caller keeps of it is in `first`
  const values = [await first];
  for (let i = 1; i < count; i++) {
    const acc = await runRanges(planOf(i), used, tailKeep, opts, (a) => report(a, false));
    simulated += acc.count;
    values.push(await done(i, acc, trials));
  }
  return { values, trials, ...(targetInfo ? { target: targetInfo } : {}) };
}

/** Simulates every unit over the same trials and returns their accumulators (baseline first); see simulateEach. */
export async function simulateUnits(
  units: readonly RunUnit[],
  ranges: ReadonlyArray<readonly [number, number]>,
  tailKeep: number,
  opts: RunOptions,
): Promise<{ accs: SummaryAccumulator[]; trials: number; target?: TargetInfo }> {
  const { values, ...rest } = await simulateEach(units.length, (i) => units[i]!.compiled.plan, ranges, tailKeep, opts, (_i, acc) => acc);
  return { accs: values, ...rest };
}
