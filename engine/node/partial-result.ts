// Partial results of sharded runs (`run --shard i/n`): each unit's merged summary over the shard's
// contiguous trial ranges, with the scenario and run settings, as JSON. Typed arrays are stored as
// base64 of their little-endian bytes, so numbers round-trip exactly and merging gives the bytes
// of a single run.
import { createHash } from 'node:crypto';
import type { Scenario } from '../model/schema.js';
import { ExactSums } from '../summary/exact-sums.js';
import { SUM_FIELDS, SUM_KEYS, sumLength, type BatchSummary, type SumKey, type TailSet } from '../summary/batch-summary.js';

export const PARTIAL_FORMAT = 'chainward-partial/v1';

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
  /** sha256 of JSON.stringify(units): a part edited or cut after it was written is refused. */
  unitsSha256: string;
  scenario: Scenario;
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

/** The checksum stored in `unitsSha256`. */
export function unitsChecksum(units: unknown): string {
  return createHash('sha256').update(JSON.stringify(units)).digest('hex');
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

function int(v: unknown, path: string, min = 0): number {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min)) throw new PartialFormatError(path, `expected a whole number ≥ ${min}`);
  return v;
}

function object(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new PartialFormatError(path, 'expected an object');
  return v as Record<string, unknown>;
}

/** Decodes one unit's summary, checking every array's length against the plan's sizes. */
export function decodeSummary(v: unknown, path: string, nRisks: number, nFlows: number): BatchSummary {
  const o = object(v, path);
  const count = int(o.count, `${path}.count`, 1);
  const sumsIn = object(o.sums, `${path}.sums`);
  const sums = {} as Record<SumKey, ExactSums>;
  for (const k of SUM_KEYS) {
    const e = object(sumsIn[k], `${path}.sums.${k}`);
    const scale = e.scale;
    const want = SUM_FIELDS[k].scale;
    const length = sumLength(k, nRisks, nFlows);
    if (scale !== want) throw new PartialFormatError(`${path}.sums.${k}.scale`, `expected ${want}, got ${JSON.stringify(scale)}`);
    sums[k] = new ExactSums(length, want, decode(Float64Array, e.hi, `${path}.sums.${k}.hi`, length), decode(Float64Array, e.lo, `${path}.sums.${k}.lo`, length));
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
  const firstTrial = int(o.firstTrial, `${path}.firstTrial`);
  if (start[0] !== 0) throw new PartialFormatError(`${path}.tail.start`, 'expected to start at 0');
  for (let i = 0; i < trial.length; i++) {
    if (!(start[i + 1]! >= start[i]!)) throw new PartialFormatError(`${path}.tail.start`, `expected non-decreasing offsets; entry ${i + 1} is ${start[i + 1]} after ${start[i]}`);
    if (!(trial[i]! >= firstTrial && trial[i]! < firstTrial + count)) throw new PartialFormatError(`${path}.tail.trial`, `trial ${trial[i]} is outside this part's trials ${firstTrial}–${firstTrial + count - 1}`);
    if (!(tail.loss[i]! >= 0 && tail.loss[i]! < Infinity)) throw new PartialFormatError(`${path}.tail.loss`, `expected finite losses ≥ 0, got ${tail.loss[i]}`);
  }
  for (let i = 0; i < entries; i++) if (!(tail.risk[i]! >= 0 && tail.risk[i]! < nRisks)) throw new PartialFormatError(`${path}.tail.risk`, `risk index ${tail.risk[i]} out of range`);
  const losses = decode(Float64Array, o.losses, `${path}.losses`, count);
  for (let i = 0; i < trial.length; i++) {
    if (losses[trial[i]! - firstTrial] !== tail.loss[i]) throw new PartialFormatError(`${path}.tail.loss`, `tail entry ${i} does not match the loss of trial ${trial[i]}`);
  }
  return {
    firstTrial,
    count,
    losses,
    riskEvents: decode(Float64Array, o.riskEvents, `${path}.riskEvents`, nRisks),
    riskTrials: decode(Float64Array, o.riskTrials, `${path}.riskTrials`, nRisks),
    riskEventsSq: decode(Float64Array, o.riskEventsSq, `${path}.riskEventsSq`, nRisks),
    ...sums,
    tailSize: int(o.tailSize, `${path}.tailSize`, 1),
    tail,
  };
}
