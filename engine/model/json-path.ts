// Formats a path into a JSON document the way users read it: lanes[3].to, threats[0].loss.fraction.

export type PathSegment = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["lanes", 3, "to"]` → `lanes[3].to`; the empty path is `(top level)`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** Short description of a JSON value for messages: "string \"x\"", "number -1", "an array". */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  return String(v);
}

/** A value as a message quotes it: its JSON (a number as written, NaN and ∞ included), cut at 60 characters. */
export function shortJson(v: unknown): string {
  const s = typeof v === 'number' ? String(v) : JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 60 ? s.slice(0, 60) + '…' : s;
}
