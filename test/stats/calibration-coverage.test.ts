// The calibration's rate posterior, checked through the whole path (CSV text → readIncidentLog →
// calibrateScenario) on logs generated from known rates with a seeded generator:
//
// - coverage: when each risk's true rate is drawn from the prior Gamma(λ0·w, w) and its count over T
//   years from Poisson(λT), the posterior's 90 % equal-tailed credible interval holds the true rate
//   with probability exactly 0.90 (averaged over the prior: P(λ ≤ q_p(posterior)) = p for any p, by
//   Bayes' rule). Over M independent intervals the share that cover is Binomial(M, 0.9)/M, standard
//   error √(0.09/M); M = 2 400 gives 0.0061, and the test asks for 0.9 ± 4 standard errors
//   (0.876–0.924), inside the 85–95 % band.
// - convergence: for a fixed true rate λ the posterior mean (λ0·w + n)/(w + T) has expectation
//   (λ0·w + λT)/(w + T) and variance λT/(w + T)²: its mean squared error
//   λT/(w + T)² + (w(λ0 − λ)/(w + T))² falls to 0 as T grows; the measured one is checked against it.
import { describe, expect, it } from 'vitest';
import { calibrateScenario, logRisks } from '../../engine/analysis/calibrate.js';
import { readIncidentLog } from '../../engine/analysis/incident-log.js';
import { compilePlan } from '../../engine/plan/compile-plan.js';
import { validateScenario } from '../../engine/validate/validate.js';
import { Rng } from '../../engine/rng/rng.js';
import { samplePoisson } from '../../engine/sampling/poisson.js';
import { sampleGamma } from '../../engine/sampling/gamma.js';
import type { Scenario } from '../../engine/model/schema.js';

/** Five risks of rates 0.3 to 4 a year: three site threats, one on two sites, and a per-shipment lane threat. */
const RAW = {
  format: 'chainward/v1',
  name: 'coverage',
  sites: [
    { id: 's1', kind: 'dc', region: 'FR' },
    { id: 's2', kind: 'dc' },
    { id: 'p', kind: 'port' },
  ],
  lanes: [{ id: 'l', from: 'p', to: 's1', mode: 'road', transitDays: 1 }],
  flows: [{ id: 'f', from: 'p', to: 's1', valuePerYear: 1e6, shipmentsPerYear: 500 }],
  threats: [
    { id: 'dc-theft', category: 'theft', appliesTo: { kind: 'site', siteKinds: ['dc'] }, frequency: { perYear: 0.3 }, loss: { amount: { fixed: 1000 } }, regionFactors: { FR: 2 } },
    { id: 'port-intrusion', category: 'intrusion', appliesTo: { kind: 'site', siteKinds: ['port'] }, frequency: { perYear: 4 }, loss: { amount: { fixed: 1000 } } },
    { id: 'port-closure', category: 'disruption', appliesTo: { kind: 'site', siteKinds: ['port'] }, frequency: { perYear: 1.5 }, downtimeDays: { fixed: 2 } },
    { id: 'truck-theft', category: 'hijacking', appliesTo: { kind: 'lane', modes: ['road'] }, frequency: { perShipment: 0.002 }, loss: { amount: { fixed: 1000 } } },
  ],
};

function scenario(): { s: Scenario; text: string } {
  const r = validateScenario(structuredClone(RAW));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { s: r.scenario, text: JSON.stringify(RAW, null, 2) };
}

const W = 2;
const CATEGORIES = ['theft', 'intrusion', 'disruption', 'hijacking'] as const;

/** A log of Poisson(rate·T) incidents per risk, dated uniformly over the T calendar years ending 2060 (80 years from 1981: a log holds dates from 1970). */
function logText(rng: Rng, targets: string[], threats: string[], rates: readonly number[], years: number): string {
  const lines = ['date,target,threat,loss'];
  const first = Date.UTC(2060 - years + 1, 0, 1);
  const days = (Date.UTC(2061, 0, 1) - first) / 86_400_000;
  rates.forEach((rate, r) => {
    const n = samplePoisson(rng, rate * years);
    for (let i = 0; i < n; i++) {
      const date = new Date(first + Math.floor(rng.next() * days) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${date},${targets[r]},${threats[r]},1000`);
    }
  });
  // a log without any incident cannot be read (the caller skips it)
  if (lines.length === 1) return '';
  return lines.join('\n') + '\n';
}

function calibrate(s: Scenario, text: string, csv: string, years: number) {
  const risks = logRisks(compilePlan(s, 1));
  const log = readIncidentLog(csv, s, risks, { years });
  if (log.problems.length > 0 || !log.span) throw new Error(JSON.stringify(log.problems));
  return calibrateScenario(s, text, log.incidents, log.span, { weight: W, categories: CATEGORIES, incidents: 'log.csv', incidentsSha256: `sha256:${'0'.repeat(64)}` });
}

describe('calibrateScenario: Gamma–Poisson posterior on generated logs', () => {
  const { s, text } = scenario();
  const risks = logRisks(compilePlan(s, 1));
  const targets = risks.map((r) => r.target);
  const threats = risks.map((r) => r.threat);
  const prior = Array.from(compilePlan(s, 1).index.riskRate);

  it('calibrateScenario: the 90 % interval covers a true rate drawn from the prior in 90 % ± 4 se of the intervals (spans 1–20 years)', () => {
    const rng = new Rng(20, 26, 12, 6);
    let covered = 0;
    let total = 0;
    const SPANS = [1, 2, 3, 5, 8, 12, 20];
    const REPS = 70;
    for (const years of SPANS) {
      for (let rep = 0; rep < REPS; rep++) {
        // truth ~ Gamma(λ0·w, rate w)
        const truth = prior.map((l0) => sampleGamma(rng, l0 * W) / W);
        const csv = logText(rng, targets, threats, truth, years);
        if (csv === '') continue; // no incident at all: nothing to read (rare: the rates sum to about 9 a year)
        const findings = calibrate(s, text, csv, years).calibration.findings!;
        expect(findings.map((f) => f.risk)).toEqual(risks.map((r) => r.id));
        findings.forEach((f, r) => {
          total++;
          if (f.ci90[0] <= truth[r]! && truth[r]! <= f.ci90[1]) covered++;
        });
      }
    }
    const se = Math.sqrt((0.9 * 0.1) / total);
    expect(total).toBeGreaterThan(2400);
    const share = covered / total;
    expect(Math.abs(share - 0.9), `coverage ${share.toFixed(4)} over ${total} intervals, se ${se.toFixed(4)}`).toBeLessThan(4 * se);
  });

  it('calibrateScenario: the posterior mean converges to a fixed true rate as the span grows, with the closed-form error', () => {
    const rng = new Rng(3, 1, 4, 1);
    // the truth differs from the scenario: ×2.5 for some risks, ×0.4 for others
    const truth = prior.map((l0, r) => l0 * (r % 2 === 0 ? 2.5 : 0.4));
    const REPS = 150;
    let previous = Infinity;
    for (const years of [1, 5, 20, 80]) {
      let mse = 0;
      let expectedMse = 0;
      const meanOfMeans = new Float64Array(prior.length);
      for (let rep = 0; rep < REPS; rep++) {
        const csv = logText(rng, targets, threats, truth, years);
        const findings = calibrate(s, text, csv, years).calibration.findings!;
        findings.forEach((f, r) => {
          mse += (f.posteriorRate - truth[r]!) ** 2;
          meanOfMeans[r]! += f.posteriorRate / REPS;
        });
      }
      prior.forEach((l0, r) => {
        const l = truth[r]!;
        const variance = (l * years) / (W + years) ** 2;
        const bias = (W * (l0 - l)) / (W + years);
        expectedMse += variance + bias * bias;
        // the mean of the posterior means: (λ0·w + λT)/(w + T) within 4 standard errors
        const expectedMean = (l0 * W + l * years) / (W + years);
        expect(Math.abs(meanOfMeans[r]! - expectedMean), `risk ${r}, ${years} years`).toBeLessThan(4 * Math.sqrt(variance / REPS) + 1e-3 * expectedMean);
      });
      mse /= REPS;
      // a mean of REPS squared errors: within 30 % of its expectation
      expect(mse / expectedMse, `${years} years`).toBeGreaterThan(0.7);
      expect(mse / expectedMse, `${years} years`).toBeLessThan(1.3);
      expect(mse).toBeLessThan(previous);
      previous = mse;
    }
    // after 80 years the posterior mean is within 5 % of the truth on average (relative root mean squared error)
    expect(Math.sqrt(previous) / truth.reduce((a, b) => a + b, 0)).toBeLessThan(0.05);
  });
});
