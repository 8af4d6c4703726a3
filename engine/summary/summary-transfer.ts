// A BatchSummary as plain data for postMessage (typed arrays only), and back.
import { ExactSums } from './exact-sums.js';
import { SUM_KEYS, type BatchSummary, type SumKey } from './batch-summary.js';

type Sums = { hi: Float64Array; lo: Float64Array; length: number; scale: number };
export type PackedSummary = Omit<BatchSummary, SumKey> & Record<SumKey, Sums>;

export function toTransfer(s: BatchSummary): PackedSummary {
  const out = { ...s } as unknown as PackedSummary;
  for (const k of SUM_KEYS) out[k] = { hi: s[k].hi, lo: s[k].lo, length: s[k].length, scale: s[k].scale };
  return out;
}

export function fromTransfer(p: PackedSummary): BatchSummary {
  const out = { ...p } as unknown as BatchSummary;
  for (const k of SUM_KEYS) out[k] = new ExactSums(p[k].length, p[k].scale, p[k].hi, p[k].lo);
  return out;
}

/** The distinct ArrayBuffers of a packed summary, to transfer rather than copy. */
export function transferList(p: PackedSummary): ArrayBuffer[] {
  const arrays = [p.losses, p.riskEvents, p.riskTrials, p.riskEventsSq, p.tail.trial, p.tail.loss, p.tail.start, p.tail.risk, p.tail.riskLoss];
  for (const k of SUM_KEYS) arrays.push(p[k].hi, p[k].lo);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
