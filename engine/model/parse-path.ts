// Reads back a JSON path as formatPath (json-path.ts) writes it — `lanes[3].to`,
// `controls[0].effects["a b"]`, `(top level)` — into its segments, so that a problem found by path can
// be shown where it is in the file it came from (a YAML node, a CSV cell).
import type { PathSegment } from './json-path.js';

/** `lanes[3].to` → `["lanes", 3, "to"]`; `(top level)`, `(file)` and text it cannot read → the segments read so far. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  const n = path.length;
  if (path.startsWith('(')) return out;
  while (i < n) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      if (path[i + 1] === '"') {
        // a JSON string up to its closing quote
        let j = i + 2;
        while (j < n && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
        try {
          out.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
        } catch {
          return out;
        }
        i = j + 2; // past '"]'
        continue;
      }
      const m = /^\[(\d+)\]/.exec(path.slice(i, i + 20));
      if (!m) return out;
      out.push(Number(m[1]));
      i += m[0].length;
      continue;
    }
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(path.slice(i, i + 300));
    if (!m) return out;
    out.push(m[0]);
    i += m[0].length;
  }
  return out;
}
