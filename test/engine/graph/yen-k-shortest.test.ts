// Yen's k shortest loop-free paths against a brute-force enumeration of every simple path, sorted
// by (total days, lane index sequence), on small random directed multigraphs.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/rng/rng.js';
import { buildCsrGraph, type CsrGraph } from '../../../engine/graph/csr-graph.js';
import { randomGraph as randomShape } from '../../support/random-graph.js';
import { comparePaths, kShortestPaths, pathDays, YenKShortest, type KPath } from '../../../engine/graph/yen-k-shortest.js';

/** A random directed multigraph of 4–8 sites with parallel lanes in shuffled order; mostly integer days (many ties), some zero. */
function randomGraph(rng: Rng, zeroDays: boolean): CsrGraph {
  return randomShape(rng, { minSites: 4, siteSpan: 5, minDensity: 0.15, densitySpan: 0.3, zeroShare: zeroDays ? 0.15 : 0, wholeShare: 0.75, maxWholeDays: 4, maxDays: 10, shuffle: true }).g;
}

/** Every simple path s → t (no site twice), sorted by (days, lane sequence). */
function allSimplePaths(g: CsrGraph, s: number, t: number): KPath[] {
  const out: KPath[] = [];
  const on = new Uint8Array(g.nSites);
  const lanes: number[] = [];
  const dfs = (u: number) => {
    if (u === t) {
      out.push({ lanes: [...lanes], days: pathDays(g, lanes) });
      return;
    }
    for (let l = 0; l < g.nLanes; l++) {
      if (g.laneFrom[l] !== u || on[g.laneTo[l]!]) continue;
      on[g.laneTo[l]!] = 1;
      lanes.push(l);
      dfs(g.laneTo[l]!);
      lanes.pop();
      on[g.laneTo[l]!] = 0;
    }
  };
  on[s] = 1;
  if (s !== t) dfs(s);
  return out.sort(comparePaths);
}

/** Why `p` is not a loop-free chain of lanes s → t with the stated days, or null. */
function pathProblem(g: CsrGraph, p: KPath, s: number, t: number): string | null {
  const sites = [s];
  let at = s;
  for (const l of p.lanes) {
    if (g.laneFrom[l] !== at) return `lane ${l} does not start at ${at}`;
    at = g.laneTo[l]!;
    sites.push(at);
  }
  if (at !== t) return `ends at ${at}`;
  if (new Set(sites).size !== sites.length) return `visits a site twice: ${sites.join('→')}`;
  if (p.days !== pathDays(g, p.lanes)) return `days ${p.days} ≠ ${pathDays(g, p.lanes)}`;
  return null;
}

function check(zeroDays: boolean, seed: number): { pairs: number; short: number; ties: number } {
  const rng = new Rng(seed, 7, 11, 13);
  const problems: string[] = [];
  let pairs = 0;
  let short = 0;
  let ties = 0;
  for (let gi = 0; gi < 60; gi++) {
    const g = randomGraph(rng, zeroDays);
    const yen = new YenKShortest(g);
    for (let s = 0; s < g.nSites; s++) {
      for (let t = 0; t < g.nSites; t++) {
        if (s === t) continue;
        const all = allSimplePaths(g, s, t);
        for (const k of [1, 2, 3, 5, 8, 20]) {
          const got = yen.paths(s, t, k);
          const want = all.slice(0, k);
          const where = `graph ${gi} (${zeroDays ? 'with' : 'no'} zero days), ${s}→${t}, k=${k}`;
          for (const p of got) {
            const why = pathProblem(g, p, s, t);
            if (why) problems.push(`${where}: ${why}`);
          }
          if (JSON.stringify(got.map((p) => p.lanes)) !== JSON.stringify(want.map((p) => p.lanes))) {
            problems.push(`${where}: Yen ${JSON.stringify(got)}, brute force ${JSON.stringify(want)}`);
          }
          pairs++;
          if (all.length < k) short++;
          for (let i = 1; i < want.length; i++) if (want[i]!.days === want[i - 1]!.days) ties++;
        }
      }
    }
  }
  expect(problems.slice(0, 5)).toEqual([]);
  return { pairs, short, ties };
}

describe('YenKShortest', () => {
  it('equals a brute-force enumeration of simple paths sorted by (days, lanes) on random multigraphs, for k = 1…20', () => {
    const { pairs, short, ties } = check(false, 20260529);
    expect(pairs).toBeGreaterThan(5000);
    // both "fewer than k exist" and ties between equally fast paths are well represented
    expect(short).toBeGreaterThan(500);
    expect(ties).toBeGreaterThan(500);
  });

  it('equals brute force with zero-day lanes (zero-day cycles) too', () => {
    const { pairs, ties } = check(true, 99);
    expect(pairs).toBeGreaterThan(5000);
    expect(ties).toBeGreaterThan(500);
  });

  it('returns fewer than k paths when fewer exist, and none without a route', () => {
    // 0 → 1 by two parallel lanes, 1 → 2 by one; site 3 is isolated
    const g = buildCsrGraph(4, Int32Array.from([0, 0, 1]), Int32Array.from([1, 1, 2]), Float64Array.from([2, 1, 3]));
    expect(kShortestPaths(g, 0, 2, 5)).toEqual([
      { lanes: [1, 2], days: 4 },
      { lanes: [0, 2], days: 5 },
    ]);
    expect(kShortestPaths(g, 0, 3, 3)).toEqual([]);
    expect(kShortestPaths(g, 2, 0, 3)).toEqual([]);
    expect(kShortestPaths(g, 1, 1, 3)).toEqual([]);
    expect(() => kShortestPaths(g, 0, 2, 0)).toThrow(RangeError);
    expect(() => kShortestPaths(g, 0, 9, 1)).toThrow(RangeError);
  });

  it('breaks ties by lane sequence, and one instance answers many queries alike', () => {
    // two 2-day routes 0 → 3 (via 1 with lanes 3, 2 and via 2 with lanes 0, 1) and a 2-day direct lane 4
    const g = buildCsrGraph(4, Int32Array.from([0, 2, 1, 0, 0]), Int32Array.from([2, 3, 3, 1, 3]), Float64Array.from([1, 1, 1, 1, 2]));
    const yen = new YenKShortest(g);
    const want = [
      { lanes: [0, 1], days: 2 },
      { lanes: [3, 2], days: 2 },
      { lanes: [4], days: 2 },
    ];
    for (let i = 0; i < 100; i++) expect(yen.paths(0, 3, 3)).toEqual(want);
    expect(yen.paths(0, 3, 2)).toEqual(want.slice(0, 2));
  });
});
