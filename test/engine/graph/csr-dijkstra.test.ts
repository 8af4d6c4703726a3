// CsrDijkstra against graphology-shortest-path on random small directed multigraphs, with and
// without a down mask over sites and lanes (element = site, or nSites + lane).
import { DirectedGraph } from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { CsrDijkstra } from '../../../engine/graph/csr-dijkstra.js';
import { buildCsrGraph } from '../../../engine/graph/csr-graph.js';
import { randomGraph as randomShape, type RandomGraph } from '../../support/random-graph.js';

/** A random directed multigraph of 8–15 sites: parallel lanes, varied degrees, weights in [0.5, 20). */
function randomGraph(rng: Rng): RandomGraph {
  return randomShape(rng, { minSites: 8, siteSpan: 8, minDensity: 0.08, densitySpan: 0.25, zeroShare: 0, wholeShare: 0.7, maxWholeDays: 10, maxDays: 20, shuffle: false });
}

/** The graphology graph of the up elements: one edge per site pair, the cheapest up parallel lane. */
function graphologyOf(r: RandomGraph, down: Int32Array | null): DirectedGraph {
  const G = new DirectedGraph();
  for (let s = 0; s < r.nSites; s++) if (!down || down[s] === 0) G.addNode(String(s));
  for (let l = 0; l < r.from.length; l++) {
    const u = String(r.from[l]);
    const v = String(r.to[l]);
    if (down && (down[r.nSites + l] !== 0 || down[r.from[l]!] !== 0 || down[r.to[l]!] !== 0)) continue;
    if (G.hasEdge(u, v)) {
      if (G.getEdgeAttribute(u, v, 'weight') > r.w[l]!) G.setEdgeAttribute(u, v, 'weight', r.w[l]!);
    } else G.addDirectedEdge(u, v, { weight: r.w[l]! });
  }
  return G;
}

/** graphology's answer: the length of its bidirectional Dijkstra path, or Infinity. */
function graphologyLength(G: DirectedGraph, s: number, t: number): number {
  if (!G.hasNode(String(s)) || !G.hasNode(String(t))) return Infinity;
  const path = dijkstra.bidirectional(G, String(s), String(t), 'weight');
  if (!path) return Infinity;
  let len = 0;
  for (let i = 0; i + 1 < path.length; i++) len += G.getEdgeAttribute(path[i], path[i + 1], 'weight') as number;
  return len;
}

/** Why pathLanes(t) after a finite answer is not a chain s → t of up lanes of total length d, or null. */
function pathProblem(dj: CsrDijkstra, r: RandomGraph, s: number, t: number, d: number, down: Int32Array | null): string | null {
  const lanes = dj.pathLanes(t);
  let at = s;
  let len = 0;
  for (const l of lanes) {
    if (r.from[l] !== at) return `lane ${l} does not start at ${at}`;
    if (down && down[r.nSites + l] !== 0) return `lane ${l} is down`;
    at = r.to[l]!;
    if (down && down[at] !== 0) return `site ${at} is down`;
    len += r.w[l]!;
  }
  if (at !== t) return `path ends at ${at}`;
  if (Math.abs(len - d) > 1e-9) return `path length ${len} ≠ ${d}`;
  return null;
}

/** Compares one query; pushes a message on a mismatch. */
function compare(problems: string[], where: string, got: number, want: number, path: () => string | null): 'finite' | 'infinite' {
  if (want === Infinity) {
    if (got !== Infinity) problems.push(`${where}: CsrDijkstra ${got}, graphology no path`);
    return 'infinite';
  }
  if (!(Math.abs(got - want) <= 1e-9)) problems.push(`${where}: CsrDijkstra ${got}, graphology ${want}`);
  else {
    const p = path();
    if (p) problems.push(`${where}: ${p}`);
  }
  return 'finite';
}

describe('CsrDijkstra', () => {
  it('CsrDijkstra.shortest equals graphology dijkstra on 50 random graphs (all pairs, no down mask)', () => {
    const rng = new Rng(20240611, 1, 2, 3);
    let finite = 0;
    let infinite = 0;
    const problems: string[] = [];
    for (let k = 0; k < 50; k++) {
      const r = randomGraph(rng);
      const dj = new CsrDijkstra(r.g);
      const G = graphologyOf(r, null);
      for (let s = 0; s < r.nSites; s++) {
        for (let t = 0; t < r.nSites; t++) {
          if (s === t) continue;
          const want = graphologyLength(G, s, t);
          const got = dj.shortest(s, t, null);
          if (compare(problems, `graph ${k}: ${s}→${t}`, got, want, () => pathProblem(dj, r, s, t, got, null)) === 'finite') finite++;
          else infinite++;
        }
      }
    }
    expect(problems).toEqual([]);
    // both outcomes are well represented
    expect(finite).toBeGreaterThan(1000);
    expect(infinite).toBeGreaterThan(100);
  });

  it('CsrDijkstra.shortest with a down mask equals graphology on the graph minus the down sites and lanes', () => {
    const rng = new Rng(77, 88, 99, 1);
    let finite = 0;
    let infinite = 0;
    const problems: string[] = [];
    for (let k = 0; k < 50; k++) {
      const r = randomGraph(rng);
      const dj = new CsrDijkstra(r.g);
      const E = r.nSites + r.from.length;
      for (let m = 0; m < 4; m++) {
        // a down count per element (values > 1 as when outages overlap); ~10 % of sites, ~25 % of lanes
        const down = new Int32Array(E);
        for (let e = 0; e < E; e++) if (rng.next() < (e < r.nSites ? 0.1 : 0.25)) down[e] = 1 + Math.floor(rng.next() * 2);
        const G = graphologyOf(r, down);
        for (let s = 0; s < r.nSites; s++) {
          for (let t = 0; t < r.nSites; t++) {
            if (s === t) continue;
            const want = graphologyLength(G, s, t); // Infinity when s or t itself is down
            const got = dj.shortest(s, t, down);
            if (compare(problems, `graph ${k}, mask ${m}: ${s}→${t}`, got, want, () => pathProblem(dj, r, s, t, got, down)) === 'finite') finite++;
            else infinite++;
          }
        }
        // the mask is only read, and an all-zero mask is the same as none
        const zero = new Int32Array(E);
        for (let s = 0; s < r.nSites; s++) {
          if (dj.shortest(s, (s + 1) % r.nSites, zero) !== dj.shortest(s, (s + 1) % r.nSites, null)) problems.push(`graph ${k}: zero mask differs for ${s}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(finite).toBeGreaterThan(1000);
    expect(infinite).toBeGreaterThan(1000);
  });

  it('CsrDijkstra.shortest handles zero transit days and many queries on one instance', () => {
    // 0 → 1 → 2 → 3 with 0-day lanes, and a direct 0 → 3 lane of 1 day
    const g = buildCsrGraph(4, Int32Array.from([0, 1, 2, 0]), Int32Array.from([1, 2, 3, 3]), Float64Array.from([0, 0, 0, 1]));
    const dj = new CsrDijkstra(g);
    for (let i = 0; i < 1000; i++) expect(dj.shortest(0, 3, null)).toBe(0);
    expect(dj.pathLanes(3)).toEqual([0, 1, 2]);
    const down = new Int32Array(8);
    down[2] = 1; // site 2 down
    expect(dj.shortest(0, 3, down)).toBe(1);
    expect(dj.pathLanes(3)).toEqual([3]);
    down[4 + 3] = 1; // lane 3 down too
    expect(dj.shortest(0, 3, down)).toBe(Infinity);
  });
});
