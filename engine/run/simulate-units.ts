// Simulates the baseline and the treatments over the same trial ranges (common random numbers),
// stopping the baseline at a target standard error when one is asked for.
import type { SummaryAccumulator } from '../summary/summary-accumulator.js';
import { MIN_TRIALS_FOR_TARGET } from './ranges.js';
import { runRanges } from './run-ranges.js';
import type { RunOptions, TargetInfo } from './run-options.js';
import type { RunUnit } from './units.js';

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
