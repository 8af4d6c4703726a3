// SummaryAccumulator (engine/summary/summary-accumulator.ts): merging the summaries of consecutive
// ranges as they arrive gives exactly what mergeSummaries gives for the same parts, whatever the
// range and tail sizes, also when each range was simulated with the accumulator's rising floor (the
// pruned breakdowns cannot be in the final tail); floor() and relativeSe() against direct
// computations from the losses; add() refuses a range that does not follow.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trialRanges } from '../../../engine/run/ranges.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';
import type { SimulationPlan } from '../../../engine/plan/plan.js';
import { Simulator } from '../../../engine/simulate/run-batch.js';
import { emptySummary, mergeSummaries, SUM_KEYS, type BatchSummary } from '../../../engine/summary/batch-summary.js';
import { SummaryAccumulator } from '../../../engine/summary/summary-accumulator.js';
import { scenarioOf } from '../../support/engine-helpers.js';

const shipped = scenarioOf(JSON.parse(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8')));
const { plan } = compilePlan(shipped, 7);

const TAIL_KEYS = ['trial', 'loss', 'start', 'risk', 'riskLoss'] as const;

/**
 * Deep equality of two typed arrays: same type, same length, every element the same (Object.is, so
 * 0 and −0 differ). Hand-written because toEqual walks typed arrays key by key (~170 ms per 10k).
 */
function expectSameArray(actual: Float64Array | Int32Array, expected: Float64Array | Int32Array, what: string): void {
  expect(actual.constructor.name, `${what}: type`).toBe(expected.constructor.name);
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

/** Field by field, so a failure names the field: typed arrays deep-equal, ExactSums limb by limb. */
function expectIdentical(actual: BatchSummary, expected: BatchSummary): void {
  expect(actual.firstTrial, 'firstTrial').toBe(expected.firstTrial);
  expect(actual.count, 'count').toBe(expected.count);
  expect(actual.tailSize, 'tailSize').toBe(expected.tailSize);
  expectSameArray(actual.losses, expected.losses, 'losses');
  expectSameArray(actual.riskEvents, expected.riskEvents, 'riskEvents');
  expectSameArray(actual.riskTrials, expected.riskTrials, 'riskTrials');
  expectSameArray(actual.riskEventsSq, expected.riskEventsSq, 'riskEventsSq');
  for (const k of SUM_KEYS) {
    expect(actual[k].length, `${k}.length`).toBe(expected[k].length);
    expect(actual[k].scale, `${k}.scale`).toBe(expected[k].scale);
    expectSameArray(actual[k].hi, expected[k].hi, `${k}.hi`);
    expectSameArray(actual[k].lo, expected[k].lo, `${k}.lo`);
  }
  for (const k of TAIL_KEYS) expectSameArray(actual.tail[k], expected.tail[k], `tail.${k}`);
}

const memo = new Map<string, BatchSummary[]>();

/**
 * The ranges' summaries, simulated one after the other by one Simulator (as runRanges does), and
 * memoised (the summaries are only read) so that tests over the same ranges simulate them once.
 */
function parts(p: SimulationPlan, ranges: Array<[number, number]>, tailSize: number): BatchSummary[] {
  const key = `${JSON.stringify(ranges)}/${tailSize}`;
  let out = memo.get(key);
  if (!out) {
    const sim = new Simulator(p);
    out = ranges.map(([first, count]) => sim.runBatch(first, count, tailSize));
    memo.set(key, out);
  }
  return out;
}

function total(ranges: Array<[number, number]>): number {
  return ranges.reduce((s, [, c]) => s + c, 0);
}

/** The relative SE sd/√n/mean of the first n losses, computed in two passes. */
function directRelativeSe(losses: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += losses[i]!;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (losses[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1)) / Math.sqrt(n) / mean;
}

describe('SummaryAccumulator', () => {
  // [name, range size, trials, tail size]. The accumulator compacts its tail candidates once they
  // exceed 3·tail + 8192: the last two cases get there (200 ranges × 60 = 12 000 > 8372; 256 ranges
  // × 64 = 16 384 > 8792), so the compaction path is part of what they check.
  const cases = [
    ['tail smaller than a range (2048)', 2048, 5 * 2048 + 301, 100],
    ['tail larger than a range (2048)', 2048, 5 * 2048 + 301, 3000],
    ['tail smaller than a range (100), compacting', 100, 20_000, 60],
    ['tail larger than a range (64), compacting', 64, 16_384, 200],
  ] as const;

  it.each(cases)('SummaryAccumulator.add then result() equals mergeSummaries of the same parts: %s', (name, rangeTrials, trials, tailSize) => {
    const ranges = trialRanges(trials, rangeTrials);
    const ps = parts(plan, ranges, tailSize);
    const merged = mergeSummaries(ps);
    expect(merged.tail.trial.length).toBe(tailSize);
    const acc = new SummaryAccumulator(0, trials, plan.nRisks, plan.nFlows, tailSize);
    const half = Math.floor(ps.length / 2);
    ps.forEach((p, i) => {
      acc.add(p);
      // a prefix (the accumulator sized for more trials than were added, as with a target SE)
      if (i === half - 1) expectIdentical(acc.result(), mergeSummaries(ps.slice(0, half)));
    });
    expect(acc.count).toBe(trials);
    expect(acc.compactions > 0).toBe(name.endsWith('compacting'));
    expectIdentical(acc.result(), merged);
    expectIdentical(acc.result(tailSize), merged);
    // result() copies: a second call gives the same again
    expectIdentical(acc.result(), merged);
  });

  it.each(cases)('SummaryAccumulator.result() is unchanged when each range was pruned below acc.floor() taken before it: %s', (_name, rangeTrials, trials, tailSize) => {
    const ranges = trialRanges(trials, rangeTrials);
    const unprunedParts = parts(plan, ranges, tailSize);
    const full = mergeSummaries(unprunedParts);
    const sim = new Simulator(plan);
    const acc = new SummaryAccumulator(0, trials, plan.nRisks, plan.nFlows, tailSize);
    const pruned: BatchSummary[] = [];
    const floors: number[] = [];
    for (const [first, count] of ranges) {
      const floor = acc.floor();
      floors.push(floor);
      const p = sim.runBatch(first, count, tailSize, floor);
      pruned.push(p);
      acc.add(p);
    }
    expectIdentical(acc.result(), full);
    expectIdentical(mergeSummaries(pruned), full);
    // the floor did rise above every loss of some trials and dropped their breakdown: not vacuous
    expect(floors.some((f) => Number.isFinite(f) && f > 0)).toBe(true);
    const kept = pruned.reduce((s, p) => s + p.tail.trial.length, 0);
    const unpruned = unprunedParts.reduce((s, p) => s + p.tail.trial.length, 0);
    expect(kept).toBeLessThan(unpruned);
  });

  it('SummaryAccumulator.result(k) with k below the kept tail equals mergeSummaries of parts made with tail k; above it throws', () => {
    const ranges = trialRanges(3 * 2048 + 5, 2048);
    const trials = total(ranges);
    const keep = 900; // as with a target SE: the tail of the most trials is kept, a shorter run's tail is asked for
    const acc = new SummaryAccumulator(0, trials, plan.nRisks, plan.nFlows, keep);
    for (const p of parts(plan, ranges, keep)) acc.add(p);
    for (const k of [1, 307, keep]) expectIdentical(acc.result(k), mergeSummaries(parts(plan, ranges, k)));
    expect(() => acc.result(keep + 1)).toThrow(/asked for a tail of 901 but keeps 900/);
  });

  it('SummaryAccumulator.floor() is −Infinity until tailSize losses were added, then the tailSize-th largest loss so far', () => {
    const tailSize = 300;
    const ranges = trialRanges(2000, 70); // 70 does not divide 300: the switch falls inside a range
    const acc = new SummaryAccumulator(0, 2000, plan.nRisks, plan.nFlows, tailSize);
    expect(acc.floor()).toBe(-Infinity);
    const seen: number[] = [];
    let finite = 0;
    for (const p of parts(plan, ranges, tailSize)) {
      acc.add(p);
      seen.push(...p.losses);
      if (seen.length < tailSize) {
        expect(acc.floor(), `after ${seen.length} trials`).toBe(-Infinity);
      } else {
        const desc = [...seen].sort((a, b) => b - a);
        expect(acc.floor(), `after ${seen.length} trials`).toBe(desc[tailSize - 1]);
        finite++;
      }
    }
    expect(finite).toBeGreaterThan(20);
    // the floor rose above 0: the comparison was against real losses, not a run of zero years
    expect(acc.floor()).toBeGreaterThan(0);
  });

  it('SummaryAccumulator.floor() stays −Infinity when fewer than tailSize trials can be added at all', () => {
    const acc = new SummaryAccumulator(0, 500, plan.nRisks, plan.nFlows, 1000);
    for (const p of parts(plan, trialRanges(500, 250), 1000)) acc.add(p);
    expect(acc.count).toBe(500);
    expect(acc.floor()).toBe(-Infinity);
  });

  it('SummaryAccumulator.relativeSe() equals sd/√n/mean computed directly from the losses after every range', () => {
    const ranges = trialRanges(6 * 2048, 1000);
    const trials = total(ranges);
    const ps = parts(plan, ranges, 10);
    const losses = mergeSummaries(ps).losses;
    const acc = new SummaryAccumulator(0, trials, plan.nRisks, plan.nFlows, 10);
    for (const p of ps) {
      acc.add(p);
      const direct = directRelativeSe(losses, acc.count);
      expect(Number.isFinite(direct) && direct > 0).toBe(true);
      expect(Math.abs(acc.relativeSe() / direct - 1), `after ${acc.count} trials: ${acc.relativeSe()} vs ${direct}`).toBeLessThan(1e-9);
      let s = 0;
      for (let i = 0; i < acc.count; i++) s += losses[i]!;
      expect(acc.lossSum / acc.count).toBeCloseTo(s / acc.count, 6);
    }
  });

  it('SummaryAccumulator.relativeSe() is Infinity with fewer than 2 trials or a mean loss of 0', () => {
    const acc = new SummaryAccumulator(0, 10, plan.nRisks, plan.nFlows, 1);
    expect(acc.relativeSe()).toBe(Infinity);
    const one = emptySummary(0, 1, plan.nRisks, plan.nFlows, 1);
    one.losses[0] = 5;
    acc.add(one);
    expect(acc.relativeSe()).toBe(Infinity);
    const zeros = new SummaryAccumulator(0, 10, plan.nRisks, plan.nFlows, 1);
    zeros.add(emptySummary(0, 10, plan.nRisks, plan.nFlows, 1));
    expect(zeros.relativeSe()).toBe(Infinity);
    // and a defined one: losses 1 and 3 give mean 2, sd √2, se 1, relative se 1/2
    const two = emptySummary(0, 2, plan.nRisks, plan.nFlows, 1);
    two.losses.set([1, 3]);
    const acc2 = new SummaryAccumulator(0, 2, plan.nRisks, plan.nFlows, 1);
    acc2.add(two);
    expect(acc2.relativeSe()).toBeCloseTo(0.5, 12);
  });

  it('SummaryAccumulator.add rejects a range that does not follow, and more trials than it was sized for', () => {
    const ps = parts(plan, trialRanges(400, 100), 5);
    const acc = new SummaryAccumulator(0, 300, plan.nRisks, plan.nFlows, 5);
    expect(() => acc.add(ps[1]!)).toThrow(/range starting at trial 100 does not follow/);
    acc.add(ps[0]!);
    expect(() => acc.add(ps[0]!)).toThrow(/range starting at trial 0 does not follow trial 99/);
    expect(() => acc.add(ps[2]!)).toThrow(/range starting at trial 200 does not follow trial 99/);
    // a rejected range leaves the accumulator as it was
    expect(acc.count).toBe(100);
    expectIdentical(acc.result(), mergeSummaries([ps[0]!]));
    acc.add(ps[1]!);
    acc.add(ps[2]!);
    expect(() => acc.add(ps[3]!)).toThrow(/more than 300 trials added/);
    expect(acc.count).toBe(300);
    // an accumulator that starts later wants its own first trial first
    const later = new SummaryAccumulator(200, 200, plan.nRisks, plan.nFlows, 5);
    expect(() => later.add(ps[0]!)).toThrow(/range starting at trial 0 does not follow trial 199/);
    later.add(ps[2]!);
    later.add(ps[3]!);
    expectIdentical(later.result(), mergeSummaries([ps[2]!, ps[3]!]));
  });
});
