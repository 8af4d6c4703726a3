// JSON with sorted object keys: the form a scenario is hashed and checksummed in. Also in pieces
// (canonicalJsonChunks, the same characters), so a large scenario is hashed without its whole text.
import { jsonChunks } from './json-chunks.js';

/** JSON with object keys sorted, so equal scenarios hash equally whatever their key order. */
export function canonicalJson(v: unknown): string {
  // recursive and joined at each level: for one whole string this is faster than joining the pieces
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The canonical JSON of `v` in pieces of about `chunkChars` characters; joined, they equal canonicalJson(v). */
export function canonicalJsonChunks(v: unknown, chunkChars?: number): Generator<string, void, undefined> {
  return jsonChunks(v, { mode: 'canonical', chunkChars });
}
