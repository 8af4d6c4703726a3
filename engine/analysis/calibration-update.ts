// The conjugate updates of `chainward calibrate` (docs/calibration.md, "Method"): Gamma–Poisson for a
// rate with its negative binomial predictive check, normal–inverse-gamma for log losses and downtimes,
// and the median and 90th percentile of every distribution a scenario may state, from which a
// lognormal prior is centred.
import type { Dist } from '../model/schema.js';
import { log } from '../math/det-math.js';
import { gammaQuantile } from '../math/gamma-quantile.js';
import { regularizedBeta } from '../math/beta-quantile.js';
import { Z90 } from '../sampling/lognormal.js';
import { distQuantile } from '../sampling/dist-quantile.js';
/** The shape of the prior of a risk the scenario gives a zero rate (Jeffreys' prior for a Poisson rate has shape ½). */
export const ZERO_RATE_SHAPE = 0.5;
/** Below this two-sided predictive p-value a risk is flagged. */
export const FLAG_P = 0.05;

/** A Gamma(shape, rate) posterior of a yearly rate: its mean and 90 % credible interval. */
export interface RatePosterior {
  shape: number;
  rate: number;
  mean: number;
  ci90: [number, number];
}

/**
 * Gamma–Poisson: prior Gamma(α0 = λ0·w, β0 = w) — mean λ0 per year, worth w years of evidence — and
 * n events observed over T years give Gamma(α0 + n, w + T). A zero λ0 takes α0 = ½ (see ZERO_RATE_SHAPE).
 */
export function gammaPoisson(prior: number, weight: number, observed: number, years: number): RatePosterior {
  const shape = (prior > 0 ? prior * weight : ZERO_RATE_SHAPE) + observed;
  const rate = weight + years;
  return { shape, rate, mean: shape / rate, ci90: [gammaQuantile(0.05, shape, rate), gammaQuantile(0.95, shape, rate)] };
}

/** The predictive check of a count: its two tails, the two-sided p-value and the flag. */
export interface CountCheck {
  /** P(N ≤ n) and P(N ≥ n) under the prior predictive. */
  lower: number;
  upper: number;
  /** min(1, 2·min(lower, upper)). */
  p: number;
  flag?: 'underestimates' | 'overestimates';
}

/**
 * How surprising n events in T years are under the prior Gamma(λ0·w, w): the count's prior predictive
 * is negative binomial with size α0 = λ0·w and success probability q = w/(w + T), so
 * P(N ≤ n) = I_q(α0, n + 1) and P(N ≥ n) = I_(1−q)(n, α0). A zero λ0 predicts no event at all: one
 * event has p = 0. Flagged when p < FLAG_P: "underestimates" when the log has more events than the
 * model expects, "overestimates" when fewer.
 */
export function countCheck(prior: number, weight: number, observed: number, years: number): CountCheck {
  let lower: number;
  let upper: number;
  if (!(prior > 0)) {
    lower = 1;
    upper = observed > 0 ? 0 : 1;
  } else {
    const a0 = prior * weight;
    const q = weight / (weight + years);
    lower = regularizedBeta(q, a0, observed + 1);
    upper = observed === 0 ? 1 : regularizedBeta(1 - q, observed, a0);
  }
  const p = Math.min(1, 2 * Math.min(lower, upper));
  const check: CountCheck = { lower, upper, p };
  if (p < FLAG_P) check.flag = upper < lower ? 'underestimates' : 'overestimates';
  return check;
}

/** A lognormal by the mean and standard deviation of its logarithm. */
export interface LogNormal {
  mu: number;
  sigma: number;
}

/**
 * Normal–inverse-gamma update of the log of a quantity: prior μ | σ² ~ N(μ0, σ²/κ0), σ² ~ IG(a0, b0)
 * with κ0 = n0, a0 = n0/2, b0 = a0·σ0² (the prior worth n0 observations, centred on μ0 and σ0);
 * the logs y of the observations give κn = κ0 + n, μn = (κ0·μ0 + n·ȳ)/κn, an = a0 + n/2,
 * bn = b0 + ½·Σ(y − ȳ)² + κ0·n·(ȳ − μ0)²/(2κn). Returns μn and σ = √(bn/an) (the posterior's scale
 * of σ²: its mode is bn/(an + 1), its mean bn/(an − 1)).
 */
export function normalInverseGamma(prior: LogNormal, n0: number, values: readonly number[]): LogNormal {
  const n = values.length;
  const ys = values.map((v) => log(v));
  let mean = 0;
  for (const y of ys) mean += y;
  mean /= n;
  let ss = 0;
  for (const y of ys) ss += (y - mean) * (y - mean);
  const k0 = n0;
  const a0 = n0 / 2;
  const b0 = a0 * prior.sigma * prior.sigma;
  const kn = k0 + n;
  const mu = (k0 * prior.mu + n * mean) / kn;
  const an = a0 + n / 2;
  const d = mean - prior.mu;
  const bn = b0 + ss / 2 + (k0 * n * d * d) / (2 * kn);
  return { mu, sigma: Math.sqrt(bn / an) };
}

/**
 * The lognormal of the same median and 90th percentile as `dist`, or undefined when its median is
 * not positive (a lognormal cannot match it). A distribution without spread gives σ = 0.
 */
export function lognormalOf(dist: Dist): LogNormal | undefined {
  const median = distQuantile(dist, 0.5);
  const p90 = distQuantile(dist, 0.9);
  if (!(median > 0) || !(p90 >= median)) return undefined;
  return { mu: log(median), sigma: log(p90 / median) / Z90 };
}
