// Merges the summaries of consecutive trial ranges as they arrive, in trial order, without holding
// them all: sums merge at once, losses go into one preallocated array, and the tail's candidate
// trials are compacted to the best k whenever they pile up. result() equals mergeSummaries of the
// same parts (the tail being a deterministic top-k), whatever the batch sizes were.
import { ExactSums } from './exact-sums.js';
import { TopK } from './top-k.js';
import { emptySummary, mergeSums, selectTail, SUM_KEYS, type BatchSummary, type SumKey, type TailSet } from './batch-summary.js';

export class SummaryAccumulator {
  private readonly acc: BatchSummary;
  private tails: TailSet[] = [];
  private tailTrials = 0;
  /** The tailSize largest losses merged so far: a floor for the final tail. */
  private readonly top: TopK;
  /** Trials merged so far. */
  count = 0;
  /** Running sum and sum of squares of the trial losses, in trial order. */
  lossSum = 0;
  lossSumSq = 0;

  /**
   * @param firstTrial first trial of the first range
   * @param maxCount most trials that will be added (sizes the loss array)
   * @param tailSize tail trials to keep (at least the tail of any prefix that will be asked for)
   */
  constructor(
    readonly firstTrial: number,
    maxCount: number,
    nRisks: number,
    nFlows: number,
    readonly tailSize: number,
  ) {
    this.acc = emptySummary(firstTrial, maxCount, nRisks, nFlows, tailSize);
    this.top = new TopK(tailSize);
  }

  /**
   * A lower bound of the tail threshold of any run that contains the trials merged so far: the
   * tailSize-th largest loss merged (−Infinity until that many). Trials below it can drop their breakdown.
   */
  floor(): number {
    return this.top.floor();
  }

  /** Adds the summary of the range that follows the trials added so far. */
  add(p: BatchSummary): void {
    const acc = this.acc;
    if (p.firstTrial !== this.firstTrial + this.count) {
      throw new Error(`SummaryAccumulator: range starting at trial ${p.firstTrial} does not follow trial ${this.firstTrial + this.count - 1}`);
    }
    if (this.count + p.count > acc.losses.length) throw new Error(`SummaryAccumulator: more than ${acc.losses.length} trials added`);
    acc.losses.set(p.losses, this.count);
    for (let i = 0; i < p.count; i++) {
      const x = p.losses[i]!;
      this.lossSum += x;
      this.lossSumSq += x * x;
      this.top.push(x);
    }
    this.count += p.count;
    mergeSums(acc, p);
    this.tails.push(p.tail);
    this.tailTrials += p.tail.trial.length;
    if (this.tailTrials > 3 * this.tailSize + 8192) this.compact(this.tailSize); // rarely: it copies the kept breakdowns
  }

  /** How many times the tail candidates were cut back to the best tailSize (when they pass 3·tailSize + 8192). */
  compactions = 0;

  private compact(k: number): void {
    this.compactions++;
    const t = selectTail(this.tails, k);
    this.tails = [t];
    this.tailTrials = t.trial.length;
  }

  /** Relative standard error of the mean loss so far (Infinity when undefined). */
  relativeSe(): number {
    const n = this.count;
    if (n < 2) return Infinity;
    const mean = this.lossSum / n;
    if (!(mean > 0)) return Infinity;
    const variance = Math.max(0, (this.lossSumSq - n * mean * mean) / (n - 1));
    return Math.sqrt(variance / n) / mean;
  }

  /** The merged summary of the trials added so far, its tail cut to `tailSize` (default: the constructor's). */
  result(tailSize = this.tailSize): BatchSummary {
    if (tailSize > this.tailSize) throw new Error(`SummaryAccumulator: asked for a tail of ${tailSize} but keeps ${this.tailSize}`);
    const acc = this.acc;
    const copy = (s: ExactSums) => new ExactSums(s.length, s.scale, s.hi.slice(), s.lo.slice());
    const sums = {} as Record<SumKey, ExactSums>;
    for (const k of SUM_KEYS) sums[k] = copy(acc[k]);
    return {
      firstTrial: this.firstTrial,
      count: this.count,
      losses: acc.losses.slice(0, this.count),
      riskEvents: acc.riskEvents.slice(),
      riskTrials: acc.riskTrials.slice(),
      riskEventsSq: acc.riskEventsSq.slice(),
      ...sums,
      tailSize,
      tail: selectTail(this.tails, tailSize),
    };
  }
}
