// Partial results of sharded runs (`run --shard i/n`): each unit's merged summary over the shard's
// contiguous trial ranges, with the scenario and run settings, as JSON. Typed arrays are stored as
// base64 of their little-endian bytes, so numbers round-trip exactly and merging gives the bytes
// of a single run. A checksum covers the whole part, the run's identity included, and every number is
// checked on reading: a part that fails is refused, never merged (docs/results-format.md, "Partial
// results of sharded runs", "What `merge` checks and writes").
import { createHash } from 'node:crypto';
import { canonicalJson } from '../results/canonical-json.js';
import { RANGE_TRIALS } from '../run/ranges.js';
import { shortJson } from '../model/json-path.js';
import type { Scenario } from '../model/schema.js';
import { ExactSums } from '../summary/exact-sums.js';
import { SUM_FIELDS, SUM_KEYS, sumLength, type BatchSummary, type SumKey, type TailSet } from '../summary/batch-summary.js';

export const PARTIAL_FORMAT = 'chainward-partial/v2';
/** Formats of earlier versions, refused in one sentence. */
export const OLD_PARTIAL_FORMATS: readonly string[] = ['chainward-partial/v1'];

/**
 * The largest loss, day count or event count one trial may carry in a part: far above anything a
 * scenario can produce, and low enough that sums of squares over 2^31 trials stay finite
 * ((1e140)² × 2^31 ≈ 2e289 < 1.8e308), so no part can drive a figure to ∞ or NaN.
 */
export const MAX_PER_TRIAL = 1e140;
/** Trial indices are 32-bit integers. */
export const MAX_PART_TRIALS = 2147483647; // 2^31 − 1
export interface PartialResult {
  format: typeof PARTIAL_FORMAT;
  engineVersion: string;
  scenarioHash: string;
  seed: number | string;
  trials: number;
  rangeTrials: number;
  /** Treatment ids simulated, in order (after the baseline). */
  treatments: string[];
  shard: { index: number; count: number };
  run: { workers: number; wallMs: number };
  /** The baseline first, then one per treatment. */
  units: EncodedSummary[];
  scenario: Scenario;
  /** "sha256:" and the SHA-256 of the canonical JSON of every other field (partialChecksum). */
  checksum: string;
}

type Encoded = string;
export interface EncodedSummary {
  firstTrial: number;
  count: number;
  tailSize: number;
  losses: Encoded;
  riskEvents: Encoded;
  riskTrials: Encoded;
  riskEventsSq: Encoded;
  sums: Record<SumKey, { scale: number; hi: Encoded; lo: Encoded }>;
  tail: Record<keyof TailSet, Encoded>;
}

const TAIL_KEYS = ['trial', 'loss', 'start', 'risk', 'riskLoss'] as const;

/** A partial result file that cannot be read; `path` is the JSON path of the problem. */
export class PartialFormatError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

function encode(a: Float64Array | Int32Array): Encoded {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function decode<T extends Float64Array | Int32Array>(Ctor: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, v: unknown, path: string, length?: number): T {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) throw new PartialFormatError(path, 'expected a base64 string');
  const bytes = Buffer.from(v, 'base64');
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new PartialFormatError(path, `expected a multiple of ${Ctor.BYTES_PER_ELEMENT} bytes`);
  const out = new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (length !== undefined && out.length !== length) throw new PartialFormatError(path, `expected ${length} numbers, got ${out.length}`);
  return out;
}

/**
 * The checksum stored in `checksum`: SHA-256 of the canonical JSON (keys sorted) of the part without
 * its `checksum` field, so it covers the run's identity (engine version, scenario and its hash, seed,
 * trials, treatments, shard) as well as the summaries. Anyone can recompute it: it catches accidents
 * and edits that do not recompute it, not a forger (merge re-simulates sample trials for that).
 */
export function partialChecksum(part: object): string {
  // a checksum of the whole part, not scenarioHash (the scenario's identity): node:crypto rather than
  // the core's pure-JS sha256Hex because this file is Node-only and a part can be many megabytes
  const rest = Object.fromEntries(Object.entries(part).filter(([k]) => k !== 'checksum')); // own keys, "__proto__" too
  return `sha256:${createHash('sha256').update(canonicalJson(rest)).digest('hex')}`;
}

export function encodeSummary(s: BatchSummary): EncodedSummary {
  const sums = {} as EncodedSummary['sums'];
  for (const k of SUM_KEYS) sums[k] = { scale: s[k].scale, hi: encode(s[k].hi), lo: encode(s[k].lo) };
  const tail = {} as EncodedSummary['tail'];
  for (const k of TAIL_KEYS) tail[k] = encode(s.tail[k]);
  return {
    firstTrial: s.firstTrial,
    count: s.count,
    tailSize: s.tailSize,
    losses: encode(s.losses),
    riskEvents: encode(s.riskEvents),
    riskTrials: encode(s.riskTrials),
    riskEventsSq: encode(s.riskEventsSq),
    sums,
    tail,
  };
}

function int(v: unknown, path: string, min = 0, max = MAX_PART_TRIALS): number {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) throw new PartialFormatError(path, `expected a whole number from ${min} to ${max}, got ${shortJson(v)}`);
  return v;
}

/** A seed as `run --seed` makes it: a whole number of up to 15 digits, or any other non-empty text. */
function isSeed(v: unknown): v is number | string {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v < 1e15;
  return typeof v === 'string' && v !== '' && !/^\d{1,15}$/.test(v);
}

/**
 * Checks a parsed part before its summaries are decoded: the format (an earlier one is refused in one
 * sentence), the checksum over the whole part, then every field of the run's identity. Throws a
 * PartialFormatError naming the field.
 */
export function checkPartial(v: unknown, engineVersion: string): PartialResult {
  const o = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const format = o?.format;
  if (typeof format === 'string' && OLD_PARTIAL_FORMATS.includes(format)) {
    throw new PartialFormatError('$.format', `${shortJson(format)} was written by an earlier version of chainward, whose parts are not checked enough to merge; run the shards again with this one`);
  }
  if (!o || format !== PARTIAL_FORMAT) throw new PartialFormatError('$.format', `expected "${PARTIAL_FORMAT}" (a file written by \`chainward run --shard i/n\`), got ${shortJson(format)}`);
  if (typeof o.checksum !== 'string' || o.checksum !== partialChecksum(o)) {
    throw new PartialFormatError('$.checksum', 'the part does not match its checksum: it was changed or cut after `chainward run --shard` wrote it');
  }
  if (o.engineVersion !== engineVersion) throw new PartialFormatError('$.engineVersion', `written by chainward ${shortJson(o.engineVersion)}, this is ${engineVersion}; run the shards again with one version`);
  if (typeof o.scenarioHash !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(o.scenarioHash)) throw new PartialFormatError('$.scenarioHash', `expected "sha256:" and 64 hex digits, got ${shortJson(o.scenarioHash)}`);
  if (!isSeed(o.seed)) throw new PartialFormatError('$.seed', `expected a whole number of up to 15 digits or a non-empty text, got ${shortJson(o.seed)}`);
  const trials = int(o.trials, '$.trials', 1);
  if (o.rangeTrials !== RANGE_TRIALS) throw new PartialFormatError('$.rangeTrials', `expected ${RANGE_TRIALS}, got ${shortJson(o.rangeTrials)}`);
  const treatments = o.treatments;
  if (!Array.isArray(treatments) || !treatments.every((t) => typeof t === 'string')) throw new PartialFormatError('$.treatments', 'expected a list of treatment ids');
  const twice = treatments.find((t, i) => treatments.indexOf(t) !== i);
  if (twice !== undefined) throw new PartialFormatError('$.treatments', `${shortJson(twice)} is listed twice`);
  const shard = object(o.shard, '$.shard');
  const ranges = Math.ceil(trials / RANGE_TRIALS);
  const count = int(shard.count, '$.shard.count', 1, ranges);
  int(shard.index, '$.shard.index', 1, count);
  const run = object(o.run, '$.run');
  int(run.workers, '$.run.workers', 1, 1_000_000);
  int(run.wallMs, '$.run.wallMs', 0, 1e15);
  if (!Array.isArray(o.units) || o.units.length !== treatments.length + 1) throw new PartialFormatError('$.units', 'expected one summary for the baseline and one per treatment');
  object(o.scenario, '$.scenario');
  return o as unknown as PartialResult;
}

function object(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new PartialFormatError(path, 'expected an object');
  return v as Record<string, unknown>;
}

/** Checks that every entry of `a` is a number from 0 to `max` (a whole one when `whole`): never NaN, ∞ or negative. */
function inRange(a: Float64Array, path: string, max: number, whole = false): Float64Array {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (!(x >= 0 && x <= max) || (whole && !Number.isInteger(x))) throw new PartialFormatError(`${path}[${i}]`, `expected a ${whole ? 'whole number' : 'number'} from 0 to ${max}, got ${x}`);
  }
  return a;
}

/**
 * Decodes one unit's summary, checking every array's length against the plan's sizes and every
 * number: losses, days, counts and sums finite, not negative and at most MAX_PER_TRIAL per trial
 * (its square for sums of squares and products), counts and the limbs of exact sums whole.
 */
export function decodeSummary(v: unknown, path: string, nRisks: number, nFlows: number): BatchSummary {
  const o = object(v, path);
  const count = int(o.count, `${path}.count`, 1);
  const firstTrial = int(o.firstTrial, `${path}.firstTrial`, 0, MAX_PART_TRIALS - count);
  const tailSize = int(o.tailSize, `${path}.tailSize`, 1);
  const sumsIn = object(o.sums, `${path}.sums`);
  const sums = {} as Record<SumKey, ExactSums>;
  for (const k of SUM_KEYS) {
    const e = object(sumsIn[k], `${path}.sums.${k}`);
    const scale = e.scale;
    const want = SUM_FIELDS[k].scale;
    const length = sumLength(k, nRisks, nFlows);
    if (scale !== want) throw new PartialFormatError(`${path}.sums.${k}.scale`, `expected ${want}, got ${JSON.stringify(scale)}`);
    const hi = decode(Float64Array, e.hi, `${path}.sums.${k}.hi`, length);
    const lo = decode(Float64Array, e.lo, `${path}.sums.${k}.lo`, length);
    for (let i = 0; i < length; i++) {
      if (!Number.isInteger(hi[i])) throw new PartialFormatError(`${path}.sums.${k}.hi[${i}]`, `expected a whole number, got ${hi[i]}`);
      if (!Number.isSafeInteger(lo[i])) throw new PartialFormatError(`${path}.sums.${k}.lo[${i}]`, `expected a whole number below 2^53 in size, got ${lo[i]}`);
    }
    sums[k] = new ExactSums(length, want, hi, lo);
    // Σ L² and Σ L·N grow with the square of a trial's figures
    const max = count * (k === 'riskLossSq' || k === 'riskLossEvents' ? MAX_PER_TRIAL * MAX_PER_TRIAL : MAX_PER_TRIAL);
    for (let i = 0; i < length; i++) {
      const x = sums[k].get(i);
      if (!(x >= 0 && x <= max)) throw new PartialFormatError(`${path}.sums.${k}`, `entry ${i} is ${x}; expected a sum from 0 to ${max}`);
    }
  }
  const t = object(o.tail, `${path}.tail`);
  const trial = decode(Int32Array, t.trial, `${path}.tail.trial`);
  const start = decode(Int32Array, t.start, `${path}.tail.start`, trial.length + 1);
  const entries = start[trial.length]!;
  const tail: TailSet = {
    trial,
    loss: decode(Float64Array, t.loss, `${path}.tail.loss`, trial.length),
    start,
    risk: decode(Int32Array, t.risk, `${path}.tail.risk`, entries),
    riskLoss: decode(Float64Array, t.riskLoss, `${path}.tail.riskLoss`, entries),
  };
  if (trial.length > tailSize) throw new PartialFormatError(`${path}.tail.trial`, `expected at most ${tailSize} trials (the tail size), got ${trial.length}`);
  inRange(tail.loss, `${path}.tail.loss`, MAX_PER_TRIAL);
  inRange(tail.riskLoss, `${path}.tail.riskLoss`, MAX_PER_TRIAL);
  if (new Set(trial).size !== trial.length) throw new PartialFormatError(`${path}.tail.trial`, 'a trial is listed twice');
  if (start[0] !== 0) throw new PartialFormatError(`${path}.tail.start`, 'expected to start at 0');
  for (let i = 0; i < trial.length; i++) {
    if (!(start[i + 1]! >= start[i]!)) throw new PartialFormatError(`${path}.tail.start`, `expected non-decreasing offsets; entry ${i + 1} is ${start[i + 1]} after ${start[i]}`);
    if (!(trial[i]! >= firstTrial && trial[i]! < firstTrial + count)) throw new PartialFormatError(`${path}.tail.trial`, `trial ${trial[i]} is outside this part's trials ${firstTrial}–${firstTrial + count - 1}`);
  }
  for (let i = 0; i < entries; i++) if (!(tail.risk[i]! >= 0 && tail.risk[i]! < nRisks)) throw new PartialFormatError(`${path}.tail.risk`, `risk index ${tail.risk[i]} out of range`);
  const losses = inRange(decode(Float64Array, o.losses, `${path}.losses`, count), `${path}.losses`, MAX_PER_TRIAL);
  for (let i = 0; i < trial.length; i++) {
    if (losses[trial[i]! - firstTrial] !== tail.loss[i]) throw new PartialFormatError(`${path}.tail.loss`, `tail entry ${i} does not match the loss of trial ${trial[i]}`);
  }
  // each trial adds its three loss parts to `money` in cents: the losses must add up to them, within
  // half a cent a part a trial and a few roundings of the total (a compensated float sum)
  let total = 0;
  let carry = 0;
  for (let i = 0; i < count; i++) {
    const x = losses[i]!;
    const t = total + x;
    carry += total >= x ? total - t + x : x - t + total;
    total = t;
  }
  total += carry;
  const money = sums.money.get(0) + sums.money.get(1) + sums.money.get(2);
  const slack = count * 0.015 + 8 * Number.EPSILON * (total + money);
  if (!(Math.abs(total - money) <= slack)) {
    throw new PartialFormatError(`${path}.losses`, `the trials' losses add up to ${total}, but the part's money sums to ${money}: the part was altered`);
  }
  // events per risk, trials with an event (at most one per trial, and no more than the events), Σ N² (at least Σ N)
  const riskEvents = inRange(decode(Float64Array, o.riskEvents, `${path}.riskEvents`, nRisks), `${path}.riskEvents`, count * MAX_PER_TRIAL, true);
  const riskTrials = inRange(decode(Float64Array, o.riskTrials, `${path}.riskTrials`, nRisks), `${path}.riskTrials`, count, true);
  const riskEventsSq = inRange(decode(Float64Array, o.riskEventsSq, `${path}.riskEventsSq`, nRisks), `${path}.riskEventsSq`, count * (MAX_PER_TRIAL * MAX_PER_TRIAL), true);
  for (let r = 0; r < nRisks; r++) {
    if (riskTrials[r]! > riskEvents[r]!) throw new PartialFormatError(`${path}.riskTrials[${r}]`, `${riskTrials[r]} trials with an event but ${riskEvents[r]} events`);
    if (riskEventsSq[r]! < riskEvents[r]!) throw new PartialFormatError(`${path}.riskEventsSq[${r}]`, `a sum of squared event counts of ${riskEventsSq[r]} is below the ${riskEvents[r]} events`);
  }
  return { firstTrial, count, losses, riskEvents, riskTrials, riskEventsSq, ...sums, tailSize, tail };
}
