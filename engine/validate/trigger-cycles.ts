// Loops among threat triggers (cascades). The kernel simulates a trigger threat before the threats it
// raises, so triggers must not loop (docs/scenario-format.md, "Cascades"). Finds the strongly connected
// components (Tarjan's algorithm, without recursion) and names a shortest cycle through each loop.

/** One trigger: threat `from` raises the rate of threat `to`. */
export interface TriggerEdge {
  from: string;
  to: string;
}

/** An edge on a loop, with a shortest cycle through it (`from`, …, back to `from`), when it is named. */
export interface TriggerLoop {
  /** Index of the edge in the list given. */
  edge: number;
  /** The threat ids of the cycle, first and last the edge's `from`; undefined past `maxNamed` cycles. */
  cycle: string[] | undefined;
}

/**
 * The edges that lie on a loop of triggers, in the order given, each with a shortest cycle through it.
 * An edge already on a cycle named for an earlier edge (the same pair of threats) is left out, so a
 * simple loop a → b → a is reported once, at its first edge; every edge on a loop is on some cycle
 * reported. Only the first `maxNamed` cycles are searched for (one breadth-first search each); later
 * edges on loops come back without a cycle, which keeps a hostile file's validation linear.
 */
export function triggerCycles(edges: readonly TriggerEdge[], maxNamed = 100): TriggerLoop[] {
  const node = new Map<string, number>();
  const nodeOf = (id: string): number => {
    let n = node.get(id);
    if (n === undefined) node.set(id, (n = node.size));
    return n;
  };
  const from = Int32Array.from(edges, (e) => nodeOf(e.from));
  const to = Int32Array.from(edges, (e) => nodeOf(e.to));
  const n = node.size;
  const ids: string[] = new Array<string>(n);
  for (const [id, i] of node) ids[i] = id;
  // out-edges of node u are outNode[outStart[u] .. outStart[u + 1]) (CSR, in the order given)
  const outStart = new Int32Array(n + 1);
  for (const u of from) outStart[u + 1]!++;
  for (let u = 0; u < n; u++) outStart[u + 1]! += outStart[u]!;
  const outNode = new Int32Array(edges.length);
  const fill = outStart.slice(0, n);
  from.forEach((u, e) => (outNode[fill[u]!++] = to[e]!));
  const graph = { outStart, outNode };
  const component = stronglyConnected(n, graph);

  const loops: TriggerLoop[] = [];
  const covered = new Set<string>(); // "u v" pairs on a named cycle
  let named = 0;
  edges.forEach((_, e) => {
    const u = from[e]!;
    const v = to[e]!;
    if (u !== v && component[u] !== component[v]) return; // not on a loop
    if (covered.has(`${u} ${v}`)) return;
    if (named >= maxNamed) {
      loops.push({ edge: e, cycle: undefined });
      return;
    }
    named++;
    const cycle = u === v ? [u, u] : [u, ...shortestPath(v, u, graph, component)];
    for (let k = 0; k + 1 < cycle.length; k++) covered.add(`${cycle[k]} ${cycle[k + 1]}`);
    loops.push({ edge: e, cycle: cycle.map((x) => ids[x]!) });
  });
  return loops;
}

/** Out-edges in compressed sparse rows. */
interface Csr {
  outStart: Int32Array;
  outNode: Int32Array;
}

/** The nodes of a shortest path from `a` to `b` (both included) inside `a`'s component; `b` must be reachable. */
function shortestPath(a: number, b: number, { outStart, outNode }: Csr, component: Int32Array): number[] {
  const parent = new Map<number, number>([[a, -1]]);
  const queue = [a];
  for (let head = 0; head < queue.length && !parent.has(b); head++) {
    const x = queue[head]!;
    for (let k = outStart[x]!; k < outStart[x + 1]!; k++) {
      const y = outNode[k]!;
      if (parent.has(y) || component[y] !== component[a]) continue;
      parent.set(y, x);
      queue.push(y);
    }
  }
  const path: number[] = [];
  for (let x = b; x !== -1; x = parent.get(x)!) path.push(x);
  return path.reverse();
}

/** Component number of each node (Tarjan 1972), iterative so that a long chain cannot overflow the stack. */
function stronglyConnected(n: number, { outStart, outNode }: Csr): Int32Array {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  // the call stack: the node of each frame and the position of its next out-edge
  const frameNode = new Int32Array(n);
  const frameEdge = new Int32Array(n);
  let depth = 0;
  let counter = 0;
  let components = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack[top++] = v;
    onStack[v] = 1;
    frameNode[depth] = v;
    frameEdge[depth++] = outStart[v]!;
  };
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    visit(root);
    while (depth > 0) {
      const v = frameNode[depth - 1]!;
      const k = frameEdge[depth - 1]!;
      if (k < outStart[v + 1]!) {
        frameEdge[depth - 1] = k + 1;
        const w = outNode[k]!;
        if (index[w] === -1) visit(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = frameNode[depth - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        for (;;) {
          const w = stack[--top]!;
          onStack[w] = 0;
          component[w] = components;
          if (w === v) break;
        }
        components++;
      }
    }
  }
  return component;
}
