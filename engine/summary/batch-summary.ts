// The mergeable result of simulating a range of trials: per-trial losses (for quantiles and
// paired treatment deltas), exact per-risk and per-flow sums, and the worst trials with their
// per-risk breakdown (for tail contributions). merge(a, b) of adjacent ranges equals the summary of
// the joined range, bit for bit: sums are exact and the tail is a deterministic top-k.
import { DAYS_SCALE, ExactSums, MONEY_SCALE, SQUARE_SCALE } from './exact-sums.js';

/**
 * The worst trials of a range with each one's per-risk losses, ranked (loss descending, trial
 * ascending): a batch's as a merge's, so that one range and its merged halves give the same tail.
 */
export interface TailSet {
  /** Global trial indices. */
  trial: Int32Array;
  loss: Float64Array;
  /** Breakdown of tail entry i: risk[start[i] .. start[i+1]) with riskLoss. */
  start: Int32Array;
  risk: Int32Array;
  riskLoss: Float64Array;
}

export interface BatchSummary {
  firstTrial: number;
  count: number;
  /** Total loss of each trial of the range. */
  losses: Float64Array;
  /** [direct, interruption, reroute] money over the range. */
  money: ExactSums;
  /** Events and trials with at least one event, per risk (integers). */
  riskEvents: Float64Array;
  riskTrials: Float64Array;
  /** Σ over trials of N², N the risk's events in a trial (an integer): for the impact interval. */
  riskEventsSq: Float64Array;
  riskDirect: ExactSums;
  riskInterruption: ExactSums;
  riskReroute: ExactSums;
  /** Σ over trials of L² and of L·N, L the risk's loss in a trial (all three parts): for the impact interval. */
  riskLossSq: ExactSums;
  riskLossEvents: ExactSums;
  /**
   * Cascades: per risk, the events only open trigger windows let in (the triggered excess) and their
   * loss (direct, and their outages' shares of interruption and reroute cost). Part of the above.
   */
  riskExcessEvents: ExactSums;
  riskExcess: ExactSums;
  flowDirect: ExactSums;
  flowInterruption: ExactSums;
  flowReroute: ExactSums;
  flowCutDays: ExactSums;
  flowReroutedDays: ExactSums;
  /** How many worst trials the tail keeps: ⌈0.05 × total trials of the run⌉. */
  tailSize: number;
  tail: TailSet;
}

/** The exact sums of a summary, with their quantum and what their length counts. */
export const SUM_FIELDS = {
  money: { scale: MONEY_SCALE, per: 'part' },
  riskDirect: { scale: MONEY_SCALE, per: 'risk' },
  riskInterruption: { scale: MONEY_SCALE, per: 'risk' },
  riskReroute: { scale: MONEY_SCALE, per: 'risk' },
  riskLossSq: { scale: SQUARE_SCALE, per: 'risk' },
  riskLossEvents: { scale: MONEY_SCALE, per: 'risk' },
  riskExcessEvents: { scale: 1, per: 'risk' },
  riskExcess: { scale: MONEY_SCALE, per: 'risk' },
  flowDirect: { scale: MONEY_SCALE, per: 'flow' },
  flowInterruption: { scale: MONEY_SCALE, per: 'flow' },
  flowReroute: { scale: MONEY_SCALE, per: 'flow' },
  flowCutDays: { scale: DAYS_SCALE, per: 'flow' },
  flowReroutedDays: { scale: DAYS_SCALE, per: 'flow' },
} as const;
export type SumKey = keyof typeof SUM_FIELDS;
export const SUM_KEYS = Object.keys(SUM_FIELDS) as SumKey[];
/** The loss parts in `money`: direct, interruption, reroute. */
export const MONEY_PARTS = 3;

/** The length of sum `k` for a plan of `nRisks` risks and `nFlows` flows. */
export function sumLength(k: SumKey, nRisks: number, nFlows: number): number {
  const per = SUM_FIELDS[k].per;
  return per === 'part' ? MONEY_PARTS : per === 'risk' ? nRisks : nFlows;
}

/** Risk r's loss over the range: direct loss, its shares of interruption and of reroute cost. */
export function riskLoss(s: BatchSummary, r: number): number {
  return s.riskDirect.get(r) + s.riskInterruption.get(r) + s.riskReroute.get(r);
}

/** Flow f's loss over the range: losses on its shipments, its interruption cost and its reroute cost. */
export function flowLoss(s: BatchSummary, f: number): number {
  return s.flowDirect.get(f) + s.flowInterruption.get(f) + s.flowReroute.get(f);
}

/** An empty summary for a range of `count` trials starting at `firstTrial`. */
export function emptySummary(firstTrial: number, count: number, nRisks: number, nFlows: number, tailSize: number): BatchSummary {
  const sums = {} as Record<SumKey, ExactSums>;
  for (const k of SUM_KEYS) sums[k] = new ExactSums(sumLength(k, nRisks, nFlows), SUM_FIELDS[k].scale);
  return {
    firstTrial,
    count,
    losses: new Float64Array(count),
    riskEvents: new Float64Array(nRisks),
    riskTrials: new Float64Array(nRisks),
    riskEventsSq: new Float64Array(nRisks),
    ...sums,
    tailSize,
    tail: { trial: new Int32Array(0), loss: new Float64Array(0), start: new Int32Array(1), risk: new Int32Array(0), riskLoss: new Float64Array(0) },
  };
}

/** Keeps the `k` worst entries of several tails (or of one unsorted set), in rank order (loss descending, trial ascending). */
export function selectTail(parts: readonly TailSet[], k: number): TailSet {
  let total = 0;
  for (const p of parts) total += p.trial.length;
  // flat references: part index and entry index, sorted by (loss descending, trial ascending)
  const partOf = new Int32Array(total);
  const entryOf = new Int32Array(total);
  const loss = new Float64Array(total);
  const trial = new Int32Array(total);
  let n = 0;
  parts.forEach((p, pi) => {
    for (let i = 0; i < p.trial.length; i++, n++) {
      partOf[n] = pi;
      entryOf[n] = i;
      loss[n] = p.loss[i]!;
      trial[n] = p.trial[i]!;
    }
  });
  const order = new Int32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => loss[b]! - loss[a]! || trial[a]! - trial[b]!);
  const m = Math.min(k, total);
  let entries = 0;
  for (let j = 0; j < m; j++) {
    const p = parts[partOf[order[j]!]!]!;
    const i = entryOf[order[j]!]!;
    entries += p.start[i + 1]! - p.start[i]!;
  }
  const out: TailSet = {
    trial: new Int32Array(m),
    loss: new Float64Array(m),
    start: new Int32Array(m + 1),
    risk: new Int32Array(entries),
    riskLoss: new Float64Array(entries),
  };
  let w = 0;
  for (let j = 0; j < m; j++) {
    const p = parts[partOf[order[j]!]!]!;
    const i = entryOf[order[j]!]!;
    out.trial[j] = p.trial[i]!;
    out.loss[j] = p.loss[i]!;
    const a = p.start[i]!;
    const b = p.start[i + 1]!;
    out.risk.set(p.risk.subarray(a, b), w);
    out.riskLoss.set(p.riskLoss.subarray(a, b), w);
    w += b - a;
    out.start[j + 1] = w;
  }
  return out;
}

/** Adds p's counts and exact sums (not its losses or tail) into `into`. */
export function mergeSums(into: BatchSummary, p: BatchSummary): void {
  for (let r = 0; r < into.riskEvents.length; r++) {
    into.riskEvents[r]! += p.riskEvents[r]!;
    into.riskTrials[r]! += p.riskTrials[r]!;
    into.riskEventsSq[r]! += p.riskEventsSq[r]!;
  }
  for (const k of SUM_KEYS) into[k].merge(p[k]);
}

/** Merges summaries of adjacent trial ranges, given in trial order, into the summary of their union. */
export function mergeSummaries(parts: readonly BatchSummary[]): BatchSummary {
  if (parts.length === 0) throw new Error('mergeSummaries: nothing to merge');
  const first = parts[0]!;
  let count = 0;
  for (const p of parts) {
    if (p.firstTrial !== first.firstTrial + count) {
      throw new Error(`mergeSummaries: range starting at trial ${p.firstTrial} does not follow trial ${first.firstTrial + count - 1}`);
    }
    count += p.count;
  }
  const out = emptySummary(first.firstTrial, count, first.riskEvents.length, first.flowDirect.length, first.tailSize);
  let at = 0;
  for (const p of parts) {
    out.losses.set(p.losses, at);
    at += p.count;
    mergeSums(out, p);
  }
  out.tail = selectTail(parts.map((p) => p.tail), first.tailSize);
  return out;
}

/** The number of worst trials that make up the 95 % tail of a run of `trials`: ⌈0.05 × trials⌉. */
export function tailSizeFor(trials: number, level = 0.95): number {
  return Math.max(1, Math.ceil((1 - level) * trials - 1e-9));
}
