// Random small directed multigraphs for the routing tests (CsrDijkstra against graphology, Yen's k
// shortest paths against brute force): 0, 1 or 2 parallel lanes per ordered site pair, mostly
// integer transit days (so paths tie), some fractional, optionally some zero.
import type { Rng } from '../../engine/rng/rng.js';
import { buildCsrGraph, type CsrGraph } from '../../engine/graph/csr-graph.js';

export interface RandomGraphShape {
  /** Sites: minSites + a whole number below siteSpan. */
  minSites: number;
  siteSpan: number;
  /** Chance of each of the two possible lanes u→v: minDensity + a number below densitySpan. */
  minDensity: number;
  densitySpan: number;
  /** Share of lanes with 0 days (drawn first), then of lanes with 1 … maxWholeDays days (cumulative). */
  zeroShare: number;
  wholeShare: number;
  maxWholeDays: number;
  /** The other lanes: fractional days in [0.5, maxDays). */
  maxDays: number;
  /** Shuffle the lanes so lane indices do not follow site order. */
  shuffle: boolean;
}

export interface RandomGraph {
  g: CsrGraph;
  nSites: number;
  /** Lane l runs from[l] → to[l] in w[l] days (the order of g's lanes). */
  from: Int32Array;
  to: Int32Array;
  w: Float64Array;
}

/** A random multigraph of the given shape; the same rng state gives the same graph. */
export function randomGraph(rng: Rng, shape: RandomGraphShape): RandomGraph {
  const nSites = shape.minSites + Math.floor(rng.next() * shape.siteSpan);
  const density = shape.minDensity + rng.next() * shape.densitySpan;
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  for (let u = 0; u < nSites; u++) {
    for (let v = 0; v < nSites; v++) {
      if (u === v) continue;
      for (let k = 0; k < 2; k++) {
        if (rng.next() < density) {
          from.push(u);
          to.push(v);
          const r = rng.next();
          w.push(r < shape.zeroShare ? 0 : r < shape.wholeShare ? 1 + Math.floor(rng.next() * shape.maxWholeDays) : 0.5 + rng.next() * (shape.maxDays - 0.5));
        }
      }
    }
  }
  const order = from.map((_, i) => i);
  if (shape.shuffle) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  const f = Int32Array.from(order, (i) => from[i]!);
  const t = Int32Array.from(order, (i) => to[i]!);
  const ww = Float64Array.from(order, (i) => w[i]!);
  return { g: buildCsrGraph(nSites, f, t, ww), nSites, from: f, to: t, w: ww };
}
