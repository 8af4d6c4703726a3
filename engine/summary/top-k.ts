// The k largest values seen so far, as a min-heap: its root is a lower bound of the k-th largest
// value of any larger set that contains them. Used as a floor below which a trial cannot be among
// a run's worst k, so its per-risk breakdown need not be kept.

export class TopK {
  private readonly heap: Float64Array;
  private size = 0;

  constructor(readonly k: number) {
    if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`TopK: k must be a whole number ≥ 0, got ${k}`);
    this.heap = new Float64Array(k);
  }

  /** The k-th largest value seen, or −Infinity until k values were seen. */
  floor(): number {
    return this.k > 0 && this.size === this.k ? this.heap[0]! : -Infinity;
  }

  push(x: number): void {
    const h = this.heap;
    const k = this.k;
    if (k === 0) return;
    let i: number;
    if (this.size < k) {
      i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent]! <= x) break;
        h[i] = h[parent]!;
        i = parent;
      }
      h[i] = x;
      return;
    }
    if (x <= h[0]!) return;
    i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= k) break;
      if (c + 1 < k && h[c + 1]! < h[c]!) c++;
      if (h[c]! >= x) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = x;
  }

  pushAll(xs: ArrayLike<number>): void {
    for (let i = 0; i < xs.length; i++) this.push(xs[i]!);
  }
}

/**
 * A worker's TopK per run, so that the ranges of one run it simulates share one floor. Keeps at
 * most `maxRuns` runs (older ones are dropped together: a dropped run only loses pruning).
 */
export class TopKByRun<Key> {
  private readonly runs = new Map<Key, TopK>();

  constructor(private readonly maxRuns: number) {}

  /** The TopK of `run` for a tail of `k`, created on first use (or when k changed). */
  of(run: Key, k: number): TopK {
    let seen = this.runs.get(run);
    if (seen === undefined || seen.k !== k) {
      if (this.runs.size >= this.maxRuns) this.runs.clear();
      seen = new TopK(k);
      this.runs.set(run, seen);
    }
    return seen;
  }
}
