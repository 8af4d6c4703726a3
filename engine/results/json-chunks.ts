// JSON text in pieces: the same characters as JSON.stringify(v, null, indent), or as the canonical
// JSON (keys sorted, engine/results/canonical-json.ts), produced a piece of about `chunkChars` at a
// time, so a results document of hundreds of megabytes is written or hashed without ever being one
// string. An explicit stack rather than recursion: deep data cannot overflow the call stack, and the
// generator has one frame, which keeps it fast.

/** Characters gathered before a piece is handed out. */
export const CHUNK_CHARS = 1 << 16;

export interface JsonChunkOptions {
  /**
   * "stringify": exactly JSON.stringify(v, null, indent) (toJSON, boxed primitives, undefined and
   * functions left out of objects and null in arrays); "canonical": exactly canonicalJson(v) (keys
   * sorted, no spaces, undefined and functions written as null, no toJSON).
   */
  mode: 'stringify' | 'canonical';
  /** Spaces per level in "stringify" mode (JSON.stringify's `space` as a number, at most 10); 0: none. */
  indent?: number;
  chunkChars?: number;
}

/** An array or object being written: its entries still to come. */
interface Frame {
  holder: object;
  /** Object keys (in output order), or undefined for an array. */
  keys: string[] | undefined;
  at: number;
  /** Entries written so far (an object may leave some out). */
  written: number;
  /** Indentation of the container's own line. */
  pad: string;
}

/** Anything but an array or an object (functions included: JSON writes them as nothing, or null). */
function isLeaf(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** A leaf as JSON.stringify writes it, or undefined when it writes nothing (undefined, a function, a symbol). */
function leafText(v: unknown): string | undefined {
  return JSON.stringify(v) as string | undefined;
}

/**
 * The JSON text of `value` in pieces (see JsonChunkOptions). Joined, the pieces equal
 * JSON.stringify(value, null, indent) — or canonicalJson(value) — character for character; a value
 * JSON.stringify writes as nothing (undefined at the top) gives no pieces. Throws a TypeError on a
 * circular structure, as JSON.stringify does.
 */
export function* jsonChunks(value: unknown, opts: JsonChunkOptions): Generator<string, void, undefined> {
  const canonical = opts.mode === 'canonical';
  const gap = canonical ? '' : ' '.repeat(Math.max(0, Math.min(10, Math.floor(opts.indent ?? 0))));
  const chunkChars = opts.chunkChars ?? CHUNK_CHARS;
  const colon = gap ? ': ' : ':';
  const stack: Frame[] = [];
  const open = new Set<object>();
  let out = '';

  /** JSON.stringify's view of a value before writing it: toJSON, then boxed primitives unwrapped. */
  const prepare = (v: unknown, key: string): unknown => {
    if (canonical) return v;
    if (v !== null && (typeof v === 'object' || typeof v === 'bigint') && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
    }
    if (v instanceof Number) return Number(v);
    if (v instanceof String) return String(v);
    if (v instanceof Boolean) return v.valueOf();
    return v;
  };

  /** Writes a prepared value: a leaf at once, a container by pushing its frame. False when nothing is written (stringify's undefined). */
  const begin = (v: unknown, pad: string): boolean => {
    if (isLeaf(v)) {
      const text = leafText(v);
      if (text === undefined) {
        if (!canonical) return false;
        out += 'null';
      } else out += text;
      return true;
    }
    const o = v as object;
    if (open.has(o)) throw new TypeError('jsonChunks: converting circular structure to JSON');
    open.add(o);
    if (Array.isArray(o)) {
      out += '[';
      stack.push({ holder: o, keys: undefined, at: 0, written: 0, pad });
    } else {
      out += '{';
      const keys = Object.keys(o);
      if (canonical) keys.sort();
      stack.push({ holder: o, keys, at: 0, written: 0, pad });
    }
    return true;
  };

  if (!begin(prepare(value, ''), '')) return;
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    const inner = gap ? f.pad + gap : '';
    if (f.keys === undefined) {
      const arr = f.holder as unknown[];
      if (f.at < arr.length) {
        const i = f.at++;
        out += f.written++ > 0 ? ',' : '';
        if (gap) out += '\n' + inner;
        const v = prepare(arr[i], String(i));
        if (!begin(v, inner)) out += 'null'; // an array writes null for what an object would leave out
      } else {
        stack.pop();
        open.delete(f.holder);
        out += f.written > 0 && gap ? '\n' + f.pad + ']' : ']';
      }
    } else if (f.at < f.keys.length) {
      const k = f.keys[f.at++]!;
      const v = prepare((f.holder as Record<string, unknown>)[k], k);
      if (!canonical && (v === undefined || typeof v === 'function' || typeof v === 'symbol')) continue;
      out += f.written++ > 0 ? ',' : '';
      if (gap) out += '\n' + inner;
      out += JSON.stringify(k) + colon;
      begin(v, inner);
    } else {
      stack.pop();
      open.delete(f.holder);
      out += f.written > 0 && gap ? '\n' + f.pad + '}' : '}';
    }
    if (out.length >= chunkChars) {
      yield out;
      out = '';
    }
  }
  if (out.length > 0) yield out;
}

/** The pieces of `JSON.stringify(value, null, indent) + '\n'`: a JSON document as the commands write it. */
export function* jsonDocumentChunks(value: unknown, indent = 2): Generator<string, void, undefined> {
  yield* jsonChunks(value, { mode: 'stringify', indent });
  yield '\n';
}
