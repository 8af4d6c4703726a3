// Fastest paths (least total transitDays) over the CSR graph, skipping elements marked down.
// Dijkstra with a binary heap on preallocated typed arrays: no allocation per query, so the trial
// loop can call it for every reroute it has not cached.
import type { CsrGraph } from './csr-graph.js';
import { NodeHeap } from './node-heap.js';

/** Reusable Dijkstra state for one graph. */
export class CsrDijkstra {
  readonly dist: Float64Array;
  readonly prevLane: Int32Array;
  private readonly heap: NodeHeap;
  private readonly stamp: Int32Array;
  private epoch = 0;

  constructor(readonly g: CsrGraph) {
    this.dist = new Float64Array(g.nSites);
    this.prevLane = new Int32Array(g.nSites);
    this.heap = new NodeHeap(g.nLanes + 1);
    this.stamp = new Int32Array(g.nSites);
  }

  /**
   * Least transit days from `from` to `to` over elements whose `down[element]` is 0 (sites are
   * elements 0..S-1, lanes S..S+L-1); `down` may be null. Infinity when no path exists.
   * After a finite answer, `pathLanes(to)` gives the lanes of the path. With `allow`, only lanes
   * whose element has `allow[element] === allowStamp` are used (a flow's relevant subgraph: the
   * search never leaves it, so a failed search costs the subgraph, not the network).
   */
  shortest(from: number, to: number, down: Int32Array | Uint8Array | null, allow: Int32Array | null = null, allowStamp = 0): number {
    const g = this.g;
    const S = g.nSites;
    if (down !== null && (down[from] !== 0 || down[to] !== 0)) return Infinity;
    this.epoch++;
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const dist = this.dist;
    const stamp = this.stamp;
    const heap = this.heap;
    stamp[from] = epoch;
    dist[from] = 0;
    this.prevLane[from] = -1;
    heap.clear();
    heap.push(from, 0);
    while (heap.size > 0) {
      const u = heap.pop();
      const du = heap.poppedKey;
      if (du > dist[u]!) continue; // a stale entry
      if (u === to) return du;
      for (let e: number = g.outStart[u]!, end: number = g.outStart[u + 1]!; e < end; e++) {
        const lane: number = g.outLane[e]!;
        const v = g.laneTo[lane]!;
        if (down !== null && (down[S + lane] !== 0 || down[v] !== 0)) continue;
        if (allow !== null && allow[S + lane] !== allowStamp) continue;
        const dv = du + g.laneTransitDays[lane]!;
        if (stamp[v] === epoch && dv >= dist[v]!) continue;
        stamp[v] = epoch;
        dist[v] = dv;
        this.prevLane[v] = lane;
        heap.push(v, dv); // at most one entry per lane relaxation
      }
    }
    return Infinity;
  }

  /** The lanes of the last path found to `to`, from origin to `to` (allocates: not for the trial loop). */
  pathLanes(to: number): number[] {
    const lanes: number[] = [];
    for (let v = to, l = this.prevLane[v]!; l >= 0; v = this.g.laneFrom[l]!, l = this.prevLane[v]!) lanes.push(l);
    return lanes.reverse();
  }
}
