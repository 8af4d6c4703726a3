// The mean of per-trial differences a − b between two runs over the same trials (common random
// numbers) and its 95 % interval: the paired interval of treatment deltas, the optimizer's
// reduction and, through analyse, the routes' EAL changes.
import { Z95 } from './loss-summary.js';

/**
 * Mean of aᵢ − bᵢ over the n trials and its 95 % normal interval, mean ± Z95 · √(Σ(dᵢ − mean)² / (n − 1) / n).
 * Summed in trial order and squared by a product (not `**`), so the bits are the same on every engine
 * and for any split of the trials. With one trial the interval is the mean itself.
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): { mean: number; ci95: [number, number] } {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`pairedDifference: ${n} trials against ${b.length}`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]! - b[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]! - mean;
    ss += d * d;
  }
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
  return { mean, ci95: [mean - Z95 * se, mean + Z95 * se] };
}
