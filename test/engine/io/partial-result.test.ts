// The partial result format read back without trust: the checksum covers the run's identity (seed,
// trials, shard, scenario…), not only the summaries; an earlier format is refused in one sentence;
// every number of a unit's summary is checked (NaN, ∞, negative, fractional counts and limbs, sums
// out of range) with the JSON path of the entry; and a part forged at the limits that every number
// may reach still gives results whose every figure is finite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseUnits } from '../../../engine/analysis/analyse.js';
import { prepareUnits, type RunUnit } from '../../../engine/run/units.js';
import { runInfo } from '../../../engine/run/run-options.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import type { Scenario } from '../../../engine/model/schema.js';
import {
  checkPartial,
  decodeSummary,
  encodeSummary,
  MAX_PER_TRIAL,
  PARTIAL_FORMAT,
  partialChecksum,
  PartialFormatError,
  type EncodedSummary,
} from '../../../engine/io/partial-result.js';
import { Simulator } from '../../../engine/simulate/run-batch.js';
import { SUM_FIELDS, SUM_KEYS, tailSizeFor, type BatchSummary } from '../../../engine/summary/batch-summary.js';
import { ENGINE_VERSION } from '../../../engine/version.js';
import { REPO } from '../../support/run-cli.js';

const TRIALS = 2048;
let scenario: Scenario;
let units: RunUnit[];
let nRisks: number;
let nFlows: number;
/** The baseline's summary of trials 0–2047 as a part stores it (through JSON). */
let encoded: EncodedSummary;

beforeAll(() => {
  const v = validateScenario(JSON.parse(readFileSync(join(REPO, 'scenarios/eu-electronics-inbound.json'), 'utf8')));
  if (!v.ok) throw new Error('the default scenario does not validate');
  scenario = v.scenario;
  units = prepareUnits(scenario, { seed: 1, treatments: 'none' });
  ({ nRisks, nFlows } = units[0]!.compiled.plan);
  encoded = JSON.parse(JSON.stringify(encodeSummary(new Simulator(units[0]!.compiled.plan).runBatch(0, TRIALS, tailSizeFor(TRIALS))))) as EncodedSummary;
});

const f64 = (b: string) => {
  const bytes = Buffer.from(b, 'base64');
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};
const b64 = (a: Float64Array) => Buffer.from(a.buffer).toString('base64');

/** The encoded summary with entry i of the Float64 array at `path` (e.g. "losses", "sums.money.hi") set to x. */
function edited(path: string, i: number, x: number): EncodedSummary {
  const copy = structuredClone(encoded) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let holder = copy;
  for (const k of keys.slice(0, -1)) holder = holder[k] as Record<string, unknown>;
  const last = keys.at(-1)!;
  const a = f64(holder[last] as string);
  a[i] = x;
  holder[last] = b64(a);
  return copy as unknown as EncodedSummary;
}

function decodeError(v: unknown): string {
  try {
    decodeSummary(v, '$.units[0]', nRisks, nFlows);
  } catch (e) {
    if (e instanceof PartialFormatError) return e.message;
    throw e;
  }
  return 'accepted';
}

describe('decodeSummary checks every number', () => {
  it('a summary as `run --shard` writes it decodes to the same numbers', () => {
    const s = decodeSummary(encoded, '$.units[0]', nRisks, nFlows);
    expect(s.count).toBe(TRIALS);
    expect(b64(s.losses)).toBe(encoded.losses);
  });

  const max = String(MAX_PER_TRIAL);
  it.each([
    ['losses', 5, NaN, `$.units[0].losses[5]: expected a number from 0 to ${max}, got NaN`],
    ['losses', 5, -1e9, `$.units[0].losses[5]: expected a number from 0 to ${max}, got -1000000000`],
    ['losses', 5, -Infinity, `$.units[0].losses[5]: expected a number from 0 to ${max}, got -Infinity`],
    ['losses', 5, Infinity, `$.units[0].losses[5]: expected a number from 0 to ${max}, got Infinity`],
    ['losses', 5, 1e300, `$.units[0].losses[5]: expected a number from 0 to ${max}, got 1e+300`],
    ['riskEvents', 0, -3, '$.units[0].riskEvents[0]: expected a whole number from 0 to 2.048e+143, got -3'],
    ['riskEvents', 0, 2.5, '$.units[0].riskEvents[0]: expected a whole number from 0 to 2.048e+143, got 2.5'],
    ['riskTrials', 0, 0.5, '$.units[0].riskTrials[0]: expected a whole number from 0 to 2048, got 0.5'],
    ['riskTrials', 0, 2049, '$.units[0].riskTrials[0]: expected a whole number from 0 to 2048, got 2049'],
    ['riskEventsSq', 0, NaN, '$.units[0].riskEventsSq[0]: expected a whole number from 0 to'],
    ['riskEventsSq', 0, 0, '$.units[0].riskEventsSq[0]: a sum of squared event counts of 0 is below the'],
    ['sums.money.hi', 0, NaN, '$.units[0].sums.money.hi[0]: expected a whole number, got NaN'],
    ['sums.money.hi', 0, Infinity, '$.units[0].sums.money.hi[0]: expected a whole number, got Infinity'],
    ['sums.money.hi', 0, -5, '$.units[0].sums.money: entry 0 is'],
    ['sums.money.hi', 0, 1e300, '$.units[0].sums.money: entry 0 is'],
    ['sums.riskDirect.lo', 0, 0.25, '$.units[0].sums.riskDirect.lo[0]: expected a whole number below 2^53 in size, got 0.25'],
    ['sums.riskLossSq.lo', 0, 2 ** 60, '$.units[0].sums.riskLossSq.lo[0]: expected a whole number below 2^53 in size'],
    ['sums.flowCutDays.lo', 0, -1e6, '$.units[0].sums.flowCutDays: entry 0 is -1; expected a sum from 0 to'],
    ['tail.loss', 0, NaN, '$.units[0].tail.loss[0]: expected a number from 0 to'],
    ['tail.riskLoss', 0, -1, '$.units[0].tail.riskLoss[0]: expected a number from 0 to'],
  ])('%s[%i] = %s is refused', (path, i, x, message) => {
    expect(decodeError(edited(path, i, x))).toContain(message);
  });

  it('a riskTrials above riskEvents is refused (a trial with an event has at least one)', () => {
    const events = f64(encoded.riskEvents);
    const r = events.findIndex((e) => e > 0);
    expect(decodeError(edited('riskTrials', r, events[r]! + 1))).toContain(`$.units[0].riskTrials[${r}]: ${events[r]! + 1} trials with an event but ${events[r]} events`);
  });

  it('counts, the first trial and the tail size are whole numbers in range', () => {
    expect(decodeError({ ...encoded, count: 0 })).toContain('$.units[0].count: expected a whole number from 1 to');
    expect(decodeError({ ...encoded, firstTrial: -1 })).toContain('$.units[0].firstTrial: expected a whole number from 0 to');
    expect(decodeError({ ...encoded, firstTrial: 2 ** 31 })).toContain('$.units[0].firstTrial: expected a whole number from 0 to 2147481599');
    expect(decodeError({ ...encoded, tailSize: 1.5 })).toContain('$.units[0].tailSize: expected a whole number from 1 to');
    expect(decodeError({ ...encoded, tailSize: 3 })).toContain('$.units[0].tail.trial: expected at most 3 trials (the tail size)');
  });

  it('a loss edited in a trial that is neither the worst nor re-simulated: the losses no longer add up to the money sums', () => {
    const losses = f64(encoded.losses);
    let i = 0; // an ordinary trial, far from the worst
    while (losses[i]! === Math.max(...losses)) i++;
    const edited = structuredClone(encoded);
    edited.losses = b64(Float64Array.from(losses, (x, j) => (j === i ? x + 1000 : x)));
    expect(() => decodeSummary(edited, '$.units[0]', nRisks, nFlows)).toThrow(/\$\.units\[0\]\.losses: the trials' losses add up to .*the part was altered/);
    // a cent's worth of rounding per trial is not an edit
    const rounded = structuredClone(encoded);
    rounded.losses = b64(Float64Array.from(losses, (x, j) => (j === i ? x + 0.01 : x)));
    expect(() => decodeSummary(rounded, '$.units[0]', nRisks, nFlows)).not.toThrow();
  });

  it('a part forged at every limit still gives finite figures', () => {
    // every loss at the limit (the tail's too), every count and sum at its largest allowed value
    const n = TRIALS;
    const forged = structuredClone(encoded);
    forged.losses = b64(new Float64Array(n).fill(MAX_PER_TRIAL));
    forged.tail.loss = b64(new Float64Array(f64(encoded.tail.loss).length).fill(MAX_PER_TRIAL));
    forged.tail.riskLoss = b64(new Float64Array(f64(encoded.tail.riskLoss).length).fill(MAX_PER_TRIAL));
    forged.riskEvents = b64(new Float64Array(nRisks).fill(n * MAX_PER_TRIAL));
    forged.riskTrials = b64(new Float64Array(nRisks).fill(n));
    forged.riskEventsSq = b64(new Float64Array(nRisks).fill(n * MAX_PER_TRIAL ** 2));
    for (const k of SUM_KEYS) {
      const most = n * (k === 'riskLossSq' || k === 'riskLossEvents' ? MAX_PER_TRIAL ** 2 : MAX_PER_TRIAL);
      const length = f64(forged.sums[k].hi).length;
      // a high limb counts 2^40 quanta (engine/summary/exact-sums.ts); half the largest value leaves room for rounding
      forged.sums[k] = { scale: SUM_FIELDS[k].scale, hi: b64(new Float64Array(length).fill(Math.floor((most / 2) * SUM_FIELDS[k].scale / 2 ** 40))), lo: b64(new Float64Array(length)) };
    }
    // the money sums agree with the losses (each trial adds its loss parts to them): all in the first part
    forged.sums.money.hi = b64(Float64Array.of(Math.floor((n * MAX_PER_TRIAL * SUM_FIELDS.money.scale) / 2 ** 40), 0, 0));
    const s: BatchSummary = decodeSummary(forged, '$.units[0]', nRisks, nFlows);
    const results = analyseUnits(scenario, units, [s], 1, runInfo(1, 1, n));
    const nonFinite: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'number' && !Number.isFinite(v)) nonFinite.push(path);
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(results, '$');
    expect(nonFinite).toEqual([]);
    expect(results.baseline.eal).toBeGreaterThan(1e139);
  });
});

describe('checkPartial: format, checksum and the run\'s identity', () => {
  let part: Record<string, unknown>;
  beforeAll(() => {
    const body = {
      format: PARTIAL_FORMAT,
      engineVersion: ENGINE_VERSION,
      scenarioHash: `sha256:${'0'.repeat(64)}`,
      seed: 1,
      trials: 4096,
      rangeTrials: 2048,
      treatments: [],
      shard: { index: 1, count: 2 },
      run: { workers: 1, wallMs: 10 },
      units: [encoded],
      scenario,
    };
    part = { ...body, checksum: partialChecksum(body) };
  });

  const problem = (v: unknown) => {
    try {
      checkPartial(v, ENGINE_VERSION);
    } catch (e) {
      if (e instanceof PartialFormatError) return e.message;
      throw e;
    }
    return 'accepted';
  };
  const restamped = (change: Record<string, unknown>) => {
    const body = { ...part, ...change };
    return { ...body, checksum: partialChecksum(body) };
  };

  it('a part as written is accepted', () => {
    expect(problem(part)).toBe('accepted');
  });

  it('the checksum covers the seed, the trials, the shard, the scenario and the engine version, not only the summaries', () => {
    for (const change of [{ seed: 2 }, { trials: 6144 }, { shard: { index: 2, count: 2 } }, { scenario: { ...scenario, name: 'x' } }, { scenarioHash: `sha256:${'1'.repeat(64)}` }, { engineVersion: '9.9.9' }, { treatments: ['t'] }]) {
      expect(problem({ ...part, ...change }), JSON.stringify(Object.keys(change))).toBe('$.checksum: the part does not match its checksum: it was changed or cut after `chainward run --shard` wrote it');
    }
    // the key order of the file does not matter
    const reordered = Object.fromEntries(Object.entries(part).reverse());
    expect(problem(reordered)).toBe('accepted');
  });

  it('a part of the earlier format is refused in one sentence', () => {
    expect(problem({ ...part, format: 'chainward-partial/v1' })).toBe(
      '$.format: "chainward-partial/v1" was written by an earlier version of chainward, whose parts are not checked enough to merge; run the shards again with this one',
    );
  });

  it.each([
    [{ seed: 1.5 }, '$.seed: expected a whole number of up to 15 digits or a non-empty text, got 1.5'],
    [{ seed: -1 }, '$.seed: expected a whole number of up to 15 digits or a non-empty text, got -1'],
    [{ seed: '' }, '$.seed: expected a whole number of up to 15 digits or a non-empty text, got ""'],
    [{ seed: null }, '$.seed: expected a whole number of up to 15 digits or a non-empty text, got null'],
    [{ trials: 0 }, '$.trials: expected a whole number from 1 to 2147483647, got 0'],
    [{ trials: 1e300 }, '$.trials: expected a whole number from 1 to 2147483647, got 1e+300'],
    [{ rangeTrials: 1024 }, '$.rangeTrials: expected 2048, got 1024'],
    [{ shard: { index: 3, count: 2 } }, '$.shard.index: expected a whole number from 1 to 2, got 3'],
    [{ shard: { index: 1, count: 3 } }, '$.shard.count: expected a whole number from 1 to 2, got 3'],
    [{ run: { workers: 0, wallMs: 1 } }, '$.run.workers: expected a whole number from 1 to 1000000, got 0'],
    [{ run: { workers: 1, wallMs: -5 } }, '$.run.wallMs: expected a whole number from 0 to 1000000000000000, got -5'],
    [{ run: { workers: 1, wallMs: NaN } }, '$.run.wallMs: expected a whole number from 0 to 1000000000000000, got NaN'],
    [{ treatments: ['a', 'a'], units: [encoded, encoded, encoded] }, '$.treatments: "a" is listed twice'],
    [{ units: [] }, '$.units: expected one summary for the baseline and one per treatment'],
    [{ scenarioHash: 'md5:x' }, '$.scenarioHash: expected "sha256:" and 64 hex digits, got "md5:x"'],
    [{ engineVersion: '0.1.0' }, `$.engineVersion: written by chainward "0.1.0", this is ${ENGINE_VERSION}; run the shards again with one version`],
  ])('%j, its checksum recomputed, is refused', (change, message) => {
    expect(problem(restamped(change))).toBe(message);
  });
});
