// The bench's limit column simulates the same risks as the engine: the superposition kernel's mean
// loss per trial against the closed form Σ_r λ_r·E[loss_r], with λ_r = riskGenRate·riskKeep and
// E[loss_r] = e^{μ_r + σ_r²/2} · Π_c (1 − rel_c·(1 − f_c)) over the severity controls c of risk r;
// its event counts against Poisson(Λ) (mean Λ, variance Λ). The alias tables are checked exactly.
import { describe, expect, it } from 'vitest';
import { aliasPick, aliasTable, type AliasTable } from '../../bench/alias-table.js';
import { poissonTable, superpositionKernel, superpositionRisks } from '../../bench/superposition-kernel.js';
import { referenceScenario } from '../../bench/reference-workload.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { Rng } from '../../engine/rng/rng.js';

const { plan } = compilePlan(referenceScenario(), 1);

/** The probability of each outcome implied by an alias table: (keep_i + Σ_{j: alias_j = i} (1 − keep_j)) / n. */
function impliedProbabilities(t: AliasTable): Float64Array {
  const p = new Float64Array(t.n);
  for (let i = 0; i < t.n; i++) {
    const k = t.keep[i]! / 2 ** 32;
    p[i]! += k / t.n;
    p[t.alias[i]!]! += (1 - k) / t.n;
  }
  return p;
}

function meanAndSe(xs: ArrayLike<number>): { mean: number; variance: number; se: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  const mean = s / xs.length;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i]! - mean) ** 2;
  const variance = ss / (xs.length - 1);
  return { mean, variance, se: Math.sqrt(variance / xs.length) };
}

describe('aliasTable', () => {
  it('aliasTable gives each outcome exactly its share of the weights (zeros included)', () => {
    const weights = [0, 3, 1, 0.5, 7, 0, 2.25, 1e-9];
    const total = weights.reduce((a, b) => a + b, 0);
    const p = impliedProbabilities(aliasTable(weights));
    weights.forEach((w, i) => expect(p[i]).toBeCloseTo(w / total, 14));
  });

  it('aliasTable over the reference workload\'s 6000 risks: every risk at its rate share', () => {
    const rates = Array.from({ length: plan.nRisks }, (_, r) => plan.riskGenRate[r]! * plan.riskKeep[r]!);
    const total = rates.reduce((a, b) => a + b, 0);
    const p = impliedProbabilities(aliasTable(rates));
    let worst = 0;
    rates.forEach((w, i) => (worst = Math.max(worst, Math.abs(p[i]! - w / total) / (w / total))));
    expect(worst).toBeLessThan(1e-9);
  });

  it('aliasPick draws in proportion to the weights (seeded, 4 standard errors)', () => {
    const t = aliasTable([1, 2, 5]);
    const rng = new Rng(7, 1, 2, 3);
    const hits = [0, 0, 0];
    const n = 80_000;
    for (let i = 0; i < n; i++) hits[aliasPick(t, rng)]!++;
    [1 / 8, 2 / 8, 5 / 8].forEach((p, i) => expect(Math.abs(hits[i]! / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n)));
  });

  it('aliasTable refuses negative, infinite or all-zero weights', () => {
    expect(() => aliasTable([1, -1])).toThrow(/weight 1/);
    expect(() => aliasTable([1, Infinity])).toThrow(/weight 1/);
    expect(() => aliasTable([0, 0])).toThrow(/positive finite sum/);
  });
});

describe('poissonTable', () => {
  it.each([0, 0.3, 4.5, 280, 10_000])('poissonTable(%d) has the Poisson mean and variance λ', (lambda) => {
    const { first, table } = poissonTable(lambda);
    const p = impliedProbabilities(table);
    let mean = 0;
    let second = 0;
    p.forEach((q, i) => {
      mean += q * (first + i);
      second += q * (first + i) ** 2;
    });
    expect(Math.abs(mean - lambda)).toBeLessThan(1e-9 * Math.max(1, lambda));
    expect(Math.abs(second - mean * mean - lambda)).toBeLessThan(1e-7 * Math.max(1, lambda));
    if (lambda === 0) expect([first, table.n]).toEqual([0, 1]);
  });

  it('poissonTable(4.5) holds P(0) = e^−4.5 and P(7) = e^−4.5·4.5^7/7!', () => {
    const { first, table } = poissonTable(4.5);
    const p = impliedProbabilities(table);
    expect(first).toBe(0);
    expect(p[0]).toBeCloseTo(Math.exp(-4.5), 14);
    expect(p[7]).toBeCloseTo((Math.exp(-4.5) * 4.5 ** 7) / 5040, 14);
  });
});

describe('superpositionKernel', () => {
  const risks = superpositionRisks(plan);

  it('superpositionRisks: Λ is Σ riskGenRate·riskKeep of the reference workload', () => {
    let lambda = 0;
    for (let r = 0; r < plan.nRisks; r++) lambda += plan.riskGenRate[r]! * plan.riskKeep[r]!;
    expect(risks.lambda).toBeCloseTo(lambda, 9);
    expect(risks.lambda).toBeGreaterThan(100);
    expect(risks.lambda).toBeLessThan(300); // 6000 × 0.05, less what the frequency controls remove
  });

  it('superpositionKernel estimates the closed-form mean loss per trial, and counts events Poisson(Λ), within 4 standard errors', () => {
    let truth = 0;
    for (let r = 0; r < plan.nRisks; r++) {
      let sev = 1;
      for (let c = plan.sevStart[r]!; c < plan.sevStart[r + 1]!; c++) sev *= 1 - plan.sevReliability[c]! * (1 - plan.sevFactor[c]!);
      const mu = plan.riskLoss[4 * r + 1]!;
      const sigma = plan.riskLoss[4 * r + 2]!;
      truth += plan.riskGenRate[r]! * plan.riskKeep[r]! * Math.exp(mu + 0.5 * sigma * sigma) * sev;
    }
    const trials = 6000;
    const counts = new Int32Array(trials);
    const riskSum = new Float64Array(plan.nRisks);
    const losses = superpositionKernel(risks, trials, 3, riskSum, counts);
    const loss = meanAndSe(losses);
    expect(Math.abs(loss.mean - truth)).toBeLessThan(4 * loss.se);
    expect(loss.se / truth).toBeLessThan(0.05); // the check has teeth: a few per cent

    const n = meanAndSe(counts);
    const lambda = risks.lambda;
    expect(Math.abs(n.mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / trials));
    // the sample variance of Poisson counts has variance (λ + 2λ²)/(trials − 1) to first order
    expect(Math.abs(n.variance - lambda)).toBeLessThan(4 * Math.sqrt((lambda + 2 * lambda * lambda) / (trials - 1)));

    // the per-risk sums add up to the per-trial losses
    const byRisk = riskSum.reduce((a, b) => a + b, 0);
    const byTrial = losses.reduce((a, b) => a + b, 0);
    expect(Math.abs(byRisk - byTrial) / byTrial).toBeLessThan(1e-9);
  });

  it('superpositionKernel: the same seed gives the same losses, another seed others', () => {
    const a = superpositionKernel(risks, 64, 11);
    expect(superpositionKernel(risks, 64, 11)).toEqual(a);
    expect(superpositionKernel(risks, 64, 12)).not.toEqual(a);
  });
});
