// The benchmark compares like with like: the hand-written reference loop and the engine simulate the
// same risks of the reference workload, so both estimate the same expected annual loss. Closed form:
// EAL = Σ_r λ_r·keep_r · e^{μ_r + σ_r²/2} · Π_c (1 − rel_c·(1 − f_c)) over the severity controls c of
// risk r (thinning keeps a Poisson process Poisson; severity draws are independent of the loss).
// The benchmark itself runs end to end on a tiny configuration (its timings are not checked), on
// ranges of whole event blocks only.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceKernel, referenceRisks } from '../../bench/reference-kernel.js';
import { referenceScenario } from '../../bench/reference-workload.js';
import { benchTable, blockRanges, networkWork, roundRatio, runBench } from '../../bench/run-bench.js';
import { validateScenario } from '../../engine/validate/validate.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { BLOCK, runBatch } from '../../engine/simulate/run-batch.js';
import { RANGE_TRIALS } from '../../engine/run/ranges.js';

const { plan } = compilePlan(referenceScenario(), 1);

function closedFormEal(): number {
  let eal = 0;
  for (let r = 0; r < plan.nRisks; r++) {
    let sev = 1;
    for (let c = plan.sevStart[r]!; c < plan.sevStart[r + 1]!; c++) sev *= 1 - plan.sevReliability[c]! * (1 - plan.sevFactor[c]!);
    const mu = plan.riskLoss[4 * r + 1]!;
    const sigma = plan.riskLoss[4 * r + 2]!;
    eal += plan.riskGenRate[r]! * plan.riskKeep[r]! * Math.exp(mu + 0.5 * sigma * sigma) * sev;
  }
  return eal;
}

function meanAndSe(xs: Float64Array): { mean: number; se: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (xs.length - 1) / xs.length) };
}

describe('bench: reference workload', () => {
  it('referenceScenario is a valid scenario of 6000 risks with lognormal losses', () => {
    expect(validateScenario(JSON.parse(JSON.stringify(referenceScenario()))).ok).toBe(true);
    expect(plan.nRisks).toBe(6000);
    expect(plan.nFlows).toBe(0);
  });

  it('referenceKernel and the engine both estimate the closed-form EAL within 4 standard errors', () => {
    const truth = closedFormEal();
    const ref = meanAndSe(referenceKernel(referenceRisks(plan), 6000, 3));
    const eng = meanAndSe(runBatch(plan, 0, 6000, 300).losses);
    expect(Math.abs(ref.mean - truth)).toBeLessThan(4 * ref.se);
    expect(Math.abs(eng.mean - truth)).toBeLessThan(4 * eng.se);
    expect(ref.se / truth).toBeLessThan(0.05); // the check has teeth: a few per cent
  });

  it('runBench runs end to end on a tiny configuration and writes its figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainward-bench-'));
    try {
      const out = join(dir, 'results.json');
      const lines: string[] = [];
      await runBench({ workers: 2, rounds: 1, trials: 2048, sizes: [50], out }, (s) => lines.push(s), () => {});
      const r = JSON.parse(readFileSync(out, 'utf8'));
      expect(r.format).toBe('chainward-bench/v1');
      expect(r.block).toBe(BLOCK);
      expect(r.reference.referenceLoopTrialsPerSecond).toBeGreaterThan(0);
      expect(r.reference.superpositionLimitTrialsPerSecond).toBeGreaterThan(0);
      expect(r.reference.ratioToSuperpositionLimit).toBeGreaterThan(0);
      expect(r.reference.engineNWorkersTrialsPerSecond).toBeGreaterThan(0);
      expect(r.reference.scalingNWorkersOver1Worker).toBeGreaterThan(0);
      expect(r.reference.keptEventsPerTrial).toBeLessThan(r.reference.eventsPerTrial);
      expect(r.reference.rangeTrials % BLOCK).toBe(0);
      expect(Object.keys(r.reference.poolStartupMs).sort()).toEqual(['1', '2']);
      expect(r.networks).toHaveLength(1);
      const n = r.networks[0];
      expect(n.sites).toBe(50);
      expect([n.trials % BLOCK, n.rangeTrials % BLOCK]).toEqual([0, 0]);
      expect(n.trials / n.rangeTrials).toBeGreaterThanOrEqual(4 * 2);
      expect(n.rounds).toBe(1);
      expect(n.nsPerEvent).toBeCloseTo(1e9 / (n.oneWorkerTrialsPerSecond * n.eventsPerTrial), 6);
      expect(n.perWorkerTrialsPerSecond).toBeCloseTo(n.nWorkersTrialsPerSecond / 2, 6);
      for (const k of ['oneWorkerStartupMs', 'nWorkersStartupMs']) expect(n[k]).toBeGreaterThanOrEqual(0);
      expect(n.oneWorkerFirstCallMs).toBeGreaterThanOrEqual(n.oneWorkerStartupMs);
      const text = lines.join('\n');
      expect(text).toMatch(/superposition limit, 1 thread/);
      expect(text).toMatch(/hand-written loop, 1 thread/);
      expect(text).toMatch(/pool start-up/);
      expect(text).toMatch(/ns\/event/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench: ranges of whole blocks', () => {
  it('blockRanges cuts whole blocks, each starting on a block boundary', () => {
    expect(blockRanges(5 * BLOCK, 2 * BLOCK)).toEqual([
      [0, 2 * BLOCK],
      [2 * BLOCK, 2 * BLOCK],
      [4 * BLOCK, BLOCK],
    ]);
    expect(() => blockRanges(4 * BLOCK + 1, 2 * BLOCK)).toThrow(`trials must be a positive multiple of ${BLOCK}`);
    expect(() => blockRanges(4 * BLOCK, BLOCK / 8)).toThrow(`rangeTrials must be a positive multiple of ${BLOCK}`);
  });

  it('networkWork: the ranges of chainward run, 4 per worker up to 20 000 sites and 2 above, whole blocks', () => {
    expect(networkWork(1000, 2)).toEqual({ trials: 16_384, rangeTrials: 2048 });
    expect(networkWork(10_000, 2)).toEqual({ trials: 16_384, rangeTrials: 2048 });
    expect(networkWork(100_000, 2)).toEqual({ trials: 8192, rangeTrials: 2048 });
    for (const sites of [5, 50, 1000, 5000, 10_000, 50_000, 100_000]) {
      for (let workers = 1; workers <= 64; workers *= 2) {
        const { trials, rangeTrials } = networkWork(sites, workers);
        const ranges = blockRanges(trials, rangeTrials);
        expect(ranges.length).toBe((sites <= 20_000 ? 4 : 2) * workers);
        for (const [first, count] of ranges) expect([first % BLOCK, count]).toEqual([0, RANGE_TRIALS]);
      }
    }
  });

  it('roundRatio: the median of the per-round ratios, not the quotient of the medians', () => {
    // round 2 slowed both contenders alike, round 3 only B: the rounds' ratios are 2, 2 and 4, so the
    // ratio is 2, where the quotient of the medians (4 s / 1 s) would say 4
    expect(roundRatio([1, 2, 1], [2, 4, 4])).toBe(2);
    expect(roundRatio([2, 1, 4], [3, 4, 4])).toBe(1.5);
    expect(() => roundRatio([1], [1, 2])).toThrow('one time per round');
  });

  it('benchTable reads a results file of an older bench: the figures it lacks show as "–"', () => {
    const old = {
      reference: { workers: 2, referenceLoopTrialsPerSecond: 44_083, engineInProcessTrialsPerSecond: 33_821, engine1WorkerTrialsPerSecond: 31_689, engineNWorkersTrialsPerSecond: 59_846, poolStartupMs: { 1: 177, 2: 98 } },
      networks: [{ sites: 1000, lanes: 2187, flows: 50, risks: 6218, eventsPerTrial: 104, validateMs: 70, compileMs: 41, oneWorkerTrialsPerSecond: 46_095, nWorkersTrialsPerSecond: 86_646 }],
    };
    const text = benchTable(old);
    expect(text).toMatch(/engine, in-process\s+33,821\s+–\s+0\.77/);
    expect(text).toMatch(/1,000 sites, 2,187 lanes, 50 flows\s+6,218\s+104\s+0\.1 s\s+– \/ – ms\s+46,095\s+–\s+86,646\s+–\s+1\.88/);
  });
});
