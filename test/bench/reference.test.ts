// The benchmark compares like with like: the hand-written reference loop and the engine simulate the
// same risks of the reference workload, so both estimate the same expected annual loss. Closed form:
// EAL = Σ_r λ_r·keep_r · e^{μ_r + σ_r²/2} · Π_c (1 − rel_c·(1 − f_c)) over the severity controls c of
// risk r (thinning keeps a Poisson process Poisson; severity draws are independent of the loss).
// The benchmark itself runs end to end on a tiny configuration (its timings are not checked).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceKernel, referenceRisks } from '../../bench/reference-kernel.js';
import { referenceScenario } from '../../bench/reference-workload.js';
import { runBench } from '../../bench/run-bench.js';
import { validateScenario } from '../../engine/validate/validate.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { runBatch } from '../../engine/simulate/run-batch.js';

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
      await runBench({ workers: 2, rounds: 1, trials: 2048, sizes: [50], out }, (s) => lines.push(s));
      const r = JSON.parse(readFileSync(out, 'utf8'));
      expect(r.format).toBe('chainward-bench/v1');
      expect(r.reference.referenceLoopTrialsPerSecond).toBeGreaterThan(0);
      expect(r.reference.engineNWorkersTrialsPerSecond).toBeGreaterThan(0);
      expect(r.reference.scalingNWorkersOver1Worker).toBeGreaterThan(0);
      expect(r.networks).toHaveLength(1);
      expect(r.networks[0].sites).toBe(50);
      expect(lines.join('\n')).toMatch(/hand-written loop, 1 thread/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
