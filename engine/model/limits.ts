// Every numeric limit of a scenario in one place (README.md, "Limits"): the largest values the schema
// accepts, and the most events a plan may ask the simulation for. They are generous for real
// networks in any currency, and chosen so that every figure derived from a valid scenario stays
// finite and the money sums stay exact (engine/summary/exact-sums.ts).

/** Longest id of a site, lane, carrier, flow, threat, control or treatment, in characters. */
export const MAX_ID_LENGTH = 200;

/**
 * Largest amount of money a field may hold, in the scenario's currency: values, costs, losses,
 * appetite limits and every parameter of a distribution. 10^15 is a quadrillion: ample in JPY, KRW
 * or VND. Its cents pass 2^53, which the exact sums split into limbs as they add them.
 */
export const MAX_MONEY = 1e15;

/**
 * Largest value one draw of a distribution may reach (a loss per event, downtime days, a fraction):
 * 10^18. Bounded distributions stay within MAX_MONEY; a lognormal's and an exponential's longest tail
 * draw is known exactly (below) and must stay within this too.
 */
export const MAX_DRAW = 1e18;

/**
 * The largest standard normal the engine's ziggurat can draw: its tail is r + x with
 * x = −ln(U)/r, r = 3.442619855899 and U ≥ 2^−33, so |Z| ≤ 3.44262 + 33·ln 2/3.44262 < 10.087.
 */
export const NORMAL_DRAW_MAX = 10.087;

/** The largest unit exponential an inversion draw −ln(U) can give, U ≥ 2^−33: 33·ln 2 < 22.874 (so a mean ≤ MAX_MONEY draws < 2.3 × 10^16). */
export const EXPONENTIAL_DRAW_MAX = 22.874;

/** Longest span of days a field may hold: transit, buffer (100 years; a trial lasts at most 3660 days). */
export const MAX_DAYS = 36600;

/** Bounds of a flow's shipments per year: at least one in a million years' worth, at most 10^9 (30 a second). */
export const MIN_SHIPMENTS_PER_YEAR = 1e-6;
export const MAX_SHIPMENTS_PER_YEAR = 1e9;

/** Largest base frequency, per year or per shipment, a threat may state. */
export const MAX_FREQUENCY = 1e6;

/** Largest multiplier: a region factor, a carrier's riskFactor or disruptionFactor. */
export const MAX_FACTOR = 1000;

/** Largest yearly carrying-cost rate of buffer stock (setBuffer), as a share of its value. */
export const MAX_RATE = 1000;

/** Bounds of the lifetime over which capex is spread, in years. */
export const MIN_LIFETIME_YEARS = 0.01;
export const MAX_LIFETIME_YEARS = 1000;

/**
 * Most expected events per trial of one risk (threat@target), as the engine generates them: base
 * frequency × horizon / 365 × region factor × carrier factor (the riskiest carrier's on lanes),
 * perShipment × the lane's shipments. 10 000 events a year on one site or lane is far beyond any
 * incident statistics; past it a run takes hours and outages pile up in memory.
 */
export const MAX_EVENTS_PER_RISK = 1e4;

/**
 * Most expected events per trial over all risks of a plan (the baseline and each treatment on its
 * own): 100 000, about ten times the 100 000-site generated network (10 427).
 */
export const MAX_EVENTS_PER_TRIAL = 1e5;

/**
 * A scenario within the schema that asks for more than the simulation can do (README.md, "Limits"):
 * the message says what, each detail where (a JSON path) and by how much. The command line prints it
 * like bad input and exits with status 2.
 */
export class ScenarioLimitError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'ScenarioLimitError';
  }
}

/**
 * The backstop behind the limits: throws a ScenarioLimitError naming the first non-finite numbers in
 * `figures` (results of an analysis; `run` is left out, its relative error is Infinity without loss),
 * so no report ever shows "∞" or "NaN". Valid scenarios never get here: the limits keep every figure finite.
 */
export function assertFiniteFigures(figures: object, skip: ReadonlySet<string> = new Set(['run'])): void {
  const bad: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (bad.length >= 5) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) bad.push(`${path} is ${v}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const a = v as unknown as ArrayLike<number>;
      for (let i = 0; i < a.length; i++) walk(a[i], `${path}[${i}]`);
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) if (!(path === '' && skip.has(k))) walk((v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`);
    }
  };
  walk(figures, '');
  if (bad.length > 0) {
    throw new ScenarioLimitError(
      `the results would hold figures that are not finite numbers: the scenario's amounts are too large to simulate (README.md, "Limits")`,
      bad,
    );
  }
}
