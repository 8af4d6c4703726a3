// The k shortest loop-free paths between two sites over the CSR graph (weights: lane transitDays),
// by Yen's algorithm (J. Y. Yen, "Finding the k shortest loopless paths in a network", Management
// Science 17(11), 1971). Order is total: by total days, then by the lane index sequence, so ties
// between equally fast routes always come out the same way.
//
// Yen's algorithm is exact under that order when every spur path is the least one in the same order
// (least days, then least lane sequence) among the spur paths allowed. CsrDijkstra answers "least
// days" but picks one of several equally short paths by heap order, so the spur search here is a
// variant with bans: a Dijkstra towards the target over the reversed lanes (distances to the target,
// skipping banned sites and lanes), then a walk from the spur site along the lowest-numbered lane
// that stays on a shortest path. CsrDijkstra finds the first path (and says quickly when there is none).
import { CsrDijkstra } from './csr-dijkstra.js';
import { NodeHeap } from './node-heap.js';
import { buildCsrGraph, type CsrGraph } from './csr-graph.js';

/** One loop-free path: its lanes from origin to destination and their total transit days. */
export interface KPath {
  lanes: number[];
  days: number;
}

/** Total days of a lane sequence, summed from the origin (the order every comparison uses). */
export function pathDays(g: CsrGraph, lanes: readonly number[]): number {
  let d = 0;
  for (const l of lanes) d += g.laneTransitDays[l]!;
  return d;
}

/** Compares paths by total days, then lane by lane (a proper prefix first). */
export function comparePaths(a: KPath, b: KPath): number {
  if (a.days !== b.days) return a.days < b.days ? -1 : 1;
  const n = Math.min(a.lanes.length, b.lanes.length);
  for (let i = 0; i < n; i++) if (a.lanes[i] !== b.lanes[i]) return a.lanes[i]! - b.lanes[i]!;
  return a.lanes.length - b.lanes.length;
}

/** Reusable Yen state for one graph: the reversed graph, the ban mask and the spur search arrays. */
export class YenKShortest {
  private readonly rev: CsrGraph;
  private readonly dijkstra: CsrDijkstra;
  /** Ban mask over elements (site s, lane S + l), as CsrDijkstra's down mask. */
  private readonly banned: Uint8Array;
  private readonly distTo: Float64Array;
  private readonly stamp: Int32Array;
  private readonly settled: Int32Array;
  private readonly onPath: Uint8Array;
  private readonly heap: NodeHeap;
  private epoch = 0;

  constructor(readonly g: CsrGraph) {
    // the reversed network keeps lane indices: lane l runs laneTo[l] → laneFrom[l]
    this.rev = buildCsrGraph(g.nSites, g.laneTo, g.laneFrom, g.laneTransitDays);
    this.dijkstra = new CsrDijkstra(g);
    this.banned = new Uint8Array(g.nSites + g.nLanes);
    this.distTo = new Float64Array(g.nSites);
    this.stamp = new Int32Array(g.nSites);
    this.settled = new Int32Array(g.nSites);
    this.onPath = new Uint8Array(g.nSites);
    this.heap = new NodeHeap(g.nLanes + 1);
  }

  /**
   * The up to `k` shortest loop-free paths from site `from` to site `to`, ordered by total days then
   * lane sequence; fewer when fewer exist, none when `to` cannot be reached or `from === to`.
   */
  paths(from: number, to: number, k: number): KPath[] {
    const g = this.g;
    const S = g.nSites;
    if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`YenKShortest.paths: k must be a whole number ≥ 1, got ${k}`);
    for (const [name, s] of [['from', from], ['to', to]] as const) {
      if (!(Number.isInteger(s) && s >= 0 && s < S)) throw new RangeError(`YenKShortest.paths: ${name} must be a site index in [0, ${S}), got ${s}`);
    }
    if (from === to) return [];
    if (!Number.isFinite(this.dijkstra.shortest(from, to, null))) return [];
    const first = this.spur(from, to);
    if (first === null) return [];
    const found: KPath[] = [{ lanes: first, days: pathDays(g, first) }];
    const candidates: KPath[] = [];
    const seen = new Set<string>([first.join(',')]);
    const banned = this.banned;
    while (found.length < k) {
      const last = found[found.length - 1]!.lanes;
      // spur from each site of the last path but the destination, with its prefix as the root
      let spurSite = from;
      for (let i = 0; i < last.length; i++) {
        // ban the root's sites (all but the spur site) and the next lane of every found path with this root
        const bannedList: number[] = [];
        let site = from;
        for (let j = 0; j < i; j++) {
          banned[site] = 1;
          bannedList.push(site);
          site = g.laneTo[last[j]!]!;
        }
        for (const p of found) {
          if (p.lanes.length <= i) continue;
          let same = true;
          for (let j = 0; j < i; j++) {
            if (p.lanes[j] !== last[j]) {
              same = false;
              break;
            }
          }
          if (same) {
            banned[S + p.lanes[i]!] = 1;
            bannedList.push(S + p.lanes[i]!);
          }
        }
        const spur = this.spur(spurSite, to);
        for (const e of bannedList) banned[e] = 0;
        if (spur !== null) {
          const lanes = [...last.slice(0, i), ...spur];
          const key = lanes.join(',');
          if (!seen.has(key)) {
            seen.add(key);
            candidates.push({ lanes, days: pathDays(g, lanes) });
          }
        }
        spurSite = g.laneTo[last[i]!]!;
      }
      if (candidates.length === 0) break;
      let best = 0;
      for (let c = 1; c < candidates.length; c++) if (comparePaths(candidates[c]!, candidates[best]!) < 0) best = c;
      found.push(candidates[best]!);
      candidates[best] = candidates[candidates.length - 1]!;
      candidates.pop();
    }
    return found;
  }

  /**
   * The least spur path from `s` to `t` avoiding the banned sites and lanes: least days, then least
   * lane sequence; null when there is none.
   */
  private spur(s: number, t: number): number[] | null {
    const D = this.distancesTo(t, s);
    if (D === Infinity) return null;
    // walk forward along lanes that stay on a shortest path, lowest lane index first; with positive
    // transit days that never turns back, and a depth-first search with backtracking covers zero-day
    // cycles (a site already on the walk is skipped)
    const g = this.g;
    const S = g.nSites;
    const out: number[] = [];
    const onPath = this.onPath;
    const marked: number[] = [s];
    onPath[s] = 1;
    const walk = (u: number): boolean => {
      if (u === t) return true;
      const du = this.distTo[u]!;
      for (let e = g.outStart[u]!, end = g.outStart[u + 1]!; e < end; e++) {
        const l = g.outLane[e]!;
        const v = g.laneTo[l]!;
        if (this.banned[S + l] !== 0 || this.banned[v] !== 0 || onPath[v] !== 0 || this.settled[v] !== this.epoch) continue;
        if (g.laneTransitDays[l]! + this.distTo[v]! !== du) continue;
        onPath[v] = 1;
        marked.push(v);
        out.push(l);
        if (walk(v)) return true;
        out.pop();
        onPath[v] = 0;
      }
      return false;
    };
    const ok = walk(s);
    for (const m of marked) onPath[m] = 0;
    return ok ? out : null;
  }

  /**
   * Least days from every site to `t` over unbanned elements, up to the distance of `s` (sites
   * settled in this epoch have their distance in distTo); returns the distance of `s`, or Infinity.
   */
  private distancesTo(t: number, s: number): number {
    const r = this.rev;
    const S = r.nSites;
    const banned = this.banned;
    if (banned[t] !== 0 || banned[s] !== 0) return Infinity;
    this.epoch++;
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      this.settled.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const dist = this.distTo;
    const stamp = this.stamp;
    const settled = this.settled;
    const heap = this.heap;
    stamp[t] = epoch;
    dist[t] = 0;
    heap.clear();
    heap.push(t, 0);
    let target = Infinity;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = heap.poppedKey;
      if (settled[u] === epoch || du > dist[u]!) continue;
      // sites as far as `s` are all needed (zero-day lanes can tie with it); beyond, none is
      if (du > target) break;
      settled[u] = epoch;
      if (u === s) target = du;
      for (let e: number = r.outStart[u]!, end: number = r.outStart[u + 1]!; e < end; e++) {
        const lane: number = r.outLane[e]!;
        const v = r.laneTo[lane]!;
        if (banned[S + lane] !== 0 || banned[v] !== 0 || settled[v] === epoch) continue;
        const dv = du + r.laneTransitDays[lane]!;
        if (stamp[v] === epoch && dv >= dist[v]!) continue;
        stamp[v] = epoch;
        dist[v] = dv;
        heap.push(v, dv);
      }
    }
    return target;
  }
}

/** The up to `k` shortest loop-free paths from `from` to `to` (a one-off YenKShortest). */
export function kShortestPaths(g: CsrGraph, from: number, to: number, k: number): KPath[] {
  return new YenKShortest(g).paths(from, to, k);
}
