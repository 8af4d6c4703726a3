// A binary min-heap of (node, key) pairs on preallocated typed arrays, for the Dijkstra searches
// over the CSR graph: no allocation per push or pop. Stale entries are the caller's to skip.

export class NodeHeap {
  private readonly node: Int32Array;
  private readonly key: Float64Array;
  size = 0;
  /** The key of the node the last pop() returned. */
  poppedKey = 0;

  /** Room for `capacity` entries (a Dijkstra over L lanes pushes at most L + 1). */
  constructor(capacity: number) {
    this.node = new Int32Array(capacity);
    this.key = new Float64Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(n: number, k: number): void {
    const hn = this.node;
    const hk = this.key;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hk[p]! <= k) break;
      hn[i] = hn[p]!;
      hk[i] = hk[p]!;
      i = p;
    }
    hn[i] = n;
    hk[i] = k;
  }

  /** Removes and returns the node with the least key (its key in poppedKey). Needs size > 0. */
  pop(): number {
    const hn = this.node;
    const hk = this.key;
    const top = hn[0]!;
    this.poppedKey = hk[0]!;
    const size = --this.size;
    if (size > 0) {
      // move the last item to the root and sift it down
      const n = hn[size]!;
      const k = hk[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && hk[c + 1]! < hk[c]!) c++;
        if (hk[c]! >= k) break;
        hn[i] = hn[c]!;
        hk[i] = hk[c]!;
        i = c;
      }
      hn[i] = n;
      hk[i] = k;
    }
    return top;
  }
}
