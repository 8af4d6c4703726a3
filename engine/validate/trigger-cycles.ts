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
  const from = edges.map((e) => nodeOf(e.from));
  const to = edges.map((e) => nodeOf(e.to));
  const n = node.size;
  const ids: string[] = new Array<string>(n);
  for (const [id, i] of node) ids[i] = id;
  const out: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((_, e) => out[from[e]!]!.push(to[e]!));
  const component = stronglyConnected(n, out);

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
    const cycle = u === v ? [u, u] : [u, ...shortestPath(v, u, out, component)];
    for (let k = 0; k + 1 < cycle.length; k++) covered.add(`${cycle[k]} ${cycle[k + 1]}`);
    loops.push({ edge: e, cycle: cycle.map((x) => ids[x]!) });
  });
  return loops;
}

/** The nodes of a shortest path from `a` to `b` (both included) inside `a`'s component; `b` must be reachable. */
function shortestPath(a: number, b: number, out: number[][], component: Int32Array): number[] {
  const parent = new Map<number, number>([[a, -1]]);
  const queue = [a];
  for (let head = 0; head < queue.length && !parent.has(b); head++) {
    const x = queue[head]!;
    for (const y of out[x]!) {
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
function stronglyConnected(n: number, out: number[][]): Int32Array {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    // call frames: [node, next out-edge position]
    const frames: Array<[number, number]> = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [v, k] = frame;
      if (k < out[v]!.length) {
        frame[1] = k + 1;
        const w = out[v]![k]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === index[v]) {
        for (;;) {
          const w = stack.pop()!;
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
