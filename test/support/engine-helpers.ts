// Shared helpers for the engine tests: inline scenarios through the validator, numeric integration
// of closed forms, and per-trial flow statistics (for standard errors the Results do not carry).
import { expect } from 'vitest';
import type { Scenario } from '../../engine/model/schema.js';
import { validateScenario } from '../../engine/validate/validate.js';
import type { SimulationPlan } from '../../engine/plan/plan.js';
import { Simulator } from '../../engine/simulate/run-batch.js';

/** Validates an inline scenario and returns it, failing the test (with the issues) when it is invalid. */
export function scenarioOf(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) expect.fail(`invalid test scenario: ${JSON.stringify(v.issues)}`);
  expect(v.ok).toBe(true);
  return v.scenario;
}

/** The minimal scenario envelope. */
export function envelope(name: string, rest: Record<string, unknown>): Record<string, unknown> {
  return { format: 'chainward/v1', name, currency: 'EUR', horizonDays: 365, ...rest };
}

/**
 * ∫_a^b f(t) dt by composite Simpson on `n` panels. The integrands here are smooth between kinks
 * at the outage lengths d; callers split the range at those kinks, so the error is ~h⁴·f'''' ≈ 0.
 */
export function simpson(f: (t: number) => number, a: number, b: number, n = 20_000): number {
  if (b <= a) return 0;
  const m = n % 2 === 0 ? n : n + 1;
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** ∫_0^H f dt split at the given kinks (each in (0, H)). */
export function integrate(f: (t: number) => number, H: number, kinks: number[] = []): number {
  const pts = [0, ...kinks.filter((k) => k > 0 && k < H).sort((x, y) => x - y), H];
  let s = 0;
  for (let i = 0; i + 1 < pts.length; i++) s += simpson(f, pts[i]!, pts[i + 1]!);
  return s;
}

/**
 * P(an element is down at time t) when its outages start as a Poisson process of rate λ per horizon,
 * uniform on [0, H], each lasting d (clipped at H): down iff an event started in (t − d, t], an
 * interval of length min(t, d), so P = 1 − exp(−λ·min(t, d)/H).
 */
export function pDown(lambda: number, d: number, H: number): (t: number) => number {
  return (t) => 1 - Math.exp((-lambda * Math.min(t, d)) / H);
}

export interface Moments {
  mean: number;
  sd: number;
  se: number;
}

export function moments(xs: Float64Array): Moments {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return { mean, sd, se: sd / Math.sqrt(n) };
}

/**
 * Per-trial cut (interrupted) days and rerouted days of flow `f`, by simulating each trial as its
 * own one-trial batch with one reused Simulator (the merge law makes these the very trials of a
 * whole run).
 */
export function perTrialFlowDays(plan: SimulationPlan, trials: number, f = 0): { cut: Float64Array; rerouted: Float64Array } {
  const sim = new Simulator(plan);
  const cut = new Float64Array(trials);
  const rerouted = new Float64Array(trials);
  for (let i = 0; i < trials; i++) {
    const s = sim.runBatch(i, 1, 1);
    cut[i] = s.flowCutDays.get(f);
    rerouted[i] = s.flowReroutedDays.get(f);
  }
  return { cut, rerouted };
}

/** |actual − expected| ≤ k·se, with a readable failure message. */
export function expectWithinSe(actual: number, expected: number, se: number, k = 4, what = 'value'): void {
  const z = (actual - expected) / se;
  if (process.env.CHAINWARD_TEST_LOG) console.log(`${what}: measured ${actual}, closed form ${expected}, se ${se}, z ${z.toFixed(2)}`);
  if (!(Math.abs(z) <= k)) {
    expect.fail(`${what}: measured ${actual}, closed form ${expected}, se ${se}, z = ${z.toFixed(2)} (|z| > ${k})`);
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(k * se);
}
