// The network as compressed sparse rows: sites are nodes 0..S-1, lanes are edges 0..L-1. Element
// indices put sites first and lanes after them (element = S + lane), so one down-mask covers both.

export interface CsrGraph {
  nSites: number;
  nLanes: number;
  /** Out-edges of site s are outLane[outStart[s] .. outStart[s+1]). */
  outStart: Int32Array;
  outLane: Int32Array;
  laneFrom: Int32Array;
  laneTo: Int32Array;
  laneTransitDays: Float64Array;
}

/** Builds the CSR arrays from lane endpoints (lane order kept within each site's row). */
export function buildCsrGraph(nSites: number, laneFrom: Int32Array, laneTo: Int32Array, laneTransitDays: Float64Array): CsrGraph {
  const nLanes = laneFrom.length;
  const outStart = new Int32Array(nSites + 1);
  for (let l = 0; l < nLanes; l++) outStart[laneFrom[l]! + 1]!++;
  for (let s = 0; s < nSites; s++) outStart[s + 1]! += outStart[s]!;
  const fill = outStart.slice(0, nSites);
  const outLane = new Int32Array(nLanes);
  for (let l = 0; l < nLanes; l++) outLane[fill[laneFrom[l]!]!++] = l;
  return { nSites, nLanes, outStart, outLane, laneFrom, laneTo, laneTransitDays };
}
