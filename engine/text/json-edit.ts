// Rewrites a JSON text to hold new data while keeping every byte of what did not change: the values
// that changed are replaced where they stand, members taken out are cut with their comma, and
// members added go after the last one at its indentation (chainward apply, README.md "The risk
// treatment plan"). What is new is laid out as the shipped scenarios are (jsonLayout). Arrays of
// objects with ids are matched by id, so taking a treatment out of a list leaves its neighbours as
// they were. It expects a valid JSON text whose parsed value is `before`.
import { jsonValueSpan, membersOf, type JsonSpan } from './json-value-span.js';

type Json = unknown;

/** An edit of the text: text.slice(start, end) becomes `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

const isObject = (x: Json): x is Record<string, Json> => x !== null && typeof x === 'object' && !Array.isArray(x);
const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * JSON text laid out as the shipped scenarios are: two-space indentation, and an array or object on
 * one line when it fits in `width` columns counted from `lead` (the top level is always laid out).
 * `pad` is the indentation of the line the value starts on.
 */
export function jsonLayout(v: Json, pad = '', lead = 0, width = 120): string {
  const flat = (x: Json): string => {
    if (Array.isArray(x)) return `[${x.map(flat).join(', ')}]`;
    if (isObject(x)) {
      const entries = Object.entries(x).filter(([, y]) => y !== undefined);
      return entries.length === 0 ? '{}' : `{ ${entries.map(([k, y]) => `${JSON.stringify(k)}: ${flat(y)}`).join(', ')} }`;
    }
    return JSON.stringify(x);
  };
  const out = (x: Json, p: string, at: number, top: boolean): string => {
    if (x === null || typeof x !== 'object') return JSON.stringify(x);
    const one = flat(x);
    if (!top && at + one.length <= width) return one;
    const inner = `${p}  `;
    if (Array.isArray(x)) return x.length === 0 ? '[]' : `[\n${x.map((y) => inner + out(y, inner, inner.length, false)).join(',\n')}\n${p}]`;
    const entries = Object.entries(x).filter(([, y]) => y !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, y]) => `${inner}${JSON.stringify(k)}: ${out(y, inner, inner.length + JSON.stringify(k).length + 2, false)}`).join(',\n')}\n${p}}`;
  };
  return out(v, pad, lead, pad === '' && lead === 0);
}

/** The indentation of the line holding offset `at`, and the column of `at`. */
function lineAt(text: string, at: number): { pad: string; column: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const pad = /^[ \t]*/.exec(text.slice(start, at))![0];
  return { pad, column: at - start };
}

/** `text` (whose parsed value is `before`) changed to hold `after`, every unchanged byte kept. */
export function editJson(text: string, before: Json, after: Json): string {
  const edits: Edit[] = [];
  const whole = jsonValueSpan(text, []);
  if (whole === undefined) return text;
  diff(text, whole, before, after, edits);
  // from the end, so offsets stay valid; at one offset the cut before what is placed there
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The value at `at` (its parsed value `a`) replaced whole by `b`. */
function replace(text: string, at: number, end: number, b: Json, edits: Edit[]): void {
  const { pad, column } = lineAt(text, at);
  edits.push({ start: at, end, text: jsonLayout(b, pad, column) });
}

/** o's own member `key` (a key from the file may be "__proto__"): never an inherited one. */
function own<T>(o: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function diff(text: string, { start: at, end }: JsonSpan, a: Json, b: Json, edits: Edit[]): void {
  if (same(a, b)) return;
  const members = membersOf(text, at);
  if (isObject(a) && isObject(b)) {
    const keys = members.map((m) => m.key as string);
    // a key given twice: its text is not the parsed value's; lay the object out anew
    if (new Set(keys).size !== keys.length) return replace(text, at, end, b, edits);
    const kept = members.map((m) => own(b, m.key as string) !== undefined);
    members.forEach((m, i) => {
      if (kept[i]) diff(text, m.value, own(a, m.key as string)!, own(b, m.key as string)!, edits);
    });
    const added = Object.entries(b).filter(([k, v]) => v !== undefined && !Object.prototype.hasOwnProperty.call(a, k));
    return splice(text, at, end, members, kept, added.map(([k, v]) => ({ key: k, value: v })), b, edits);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const match = matchItems(a, b);
    if (match === undefined) return replace(text, at, end, b, edits);
    const kept = a.map((_, i) => match.has(i));
    members.forEach((m, i) => {
      const j = match.get(i);
      if (j !== undefined) diff(text, m.value, a[i], b[j], edits);
    });
    const appended = b.slice(b.length - (b.length - match.size)).map((value) => ({ value }));
    return splice(text, at, end, members, kept, appended, b, edits);
  }
  replace(text, at, end, b, edits);
}

/**
 * Old array items matched to new ones, in order (old index → new index): items with an `id` by id,
 * others by position; what is left of the new list must come after every matched item (appended).
 * Undefined when the new list is not the old one with items taken out, changed in place or appended.
 */
function matchItems(a: Json[], b: Json[]): Map<number, number> | undefined {
  const idOf = (x: Json) => (isObject(x) && typeof x.id === 'string' ? x.id : undefined);
  const byId = a.every((x) => idOf(x) !== undefined) && b.every((x) => idOf(x) !== undefined);
  const match = new Map<number, number>();
  if (byId) {
    const where = new Map(b.map((x, j) => [idOf(x)!, j]));
    if (where.size !== b.length || new Set(a.map(idOf)).size !== a.length) return undefined;
    let last = -1;
    a.forEach((x, i) => {
      const j = where.get(idOf(x)!);
      if (j === undefined) return;
      if (j < last) last = Infinity; // reordered
      else last = j;
      match.set(i, j);
    });
    if (last === Infinity) return undefined;
    // the unmatched new items must all come after the matched ones
    if ([...match.values()].some((j, k) => j !== k)) return undefined;
    return match;
  }
  if (b.length < a.length) return undefined;
  a.forEach((_, i) => match.set(i, i));
  return match;
}

/**
 * The members of the container at `at`…`end` with those not `kept` cut out (each with its comma and
 * the space before the next) and `added` placed after the last, at its indentation; a container left
 * empty, or one that had none, is laid out anew as `whole`.
 */
function splice(
  text: string,
  at: number,
  end: number,
  members: ReturnType<typeof membersOf>,
  kept: boolean[],
  added: Array<{ key?: string; value: Json }>,
  whole: Json,
  edits: Edit[],
): void {
  const n = members.length;
  const left = kept.filter(Boolean).length;
  if (left === 0) {
    // nothing of the old content stays: the inner edits are void, lay the value out anew
    for (let k = edits.length - 1; k >= 0; k--) if (edits[k]!.start >= at && edits[k]!.end <= end) edits.splice(k, 1);
    return replace(text, at, end, whole, edits);
  }
  // runs of cut members: up to the next member's key, or for a run at the end from the last kept value
  for (let i = 0; i < n; ) {
    if (kept[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && !kept[j]) j++;
    if (j < n) edits.push({ start: members[i]!.keyStart, end: members[j]!.keyStart, text: '' });
    else {
      let prev = i - 1;
      while (prev >= 0 && !kept[prev]) prev--;
      edits.push({ start: members[prev]!.value.end, end: members[n - 1]!.value.end, text: '' });
    }
    i = j;
  }
  if (added.length === 0) return;
  let lastKept = n - 1;
  while (!kept[lastKept]) lastKept--;
  const last = members[lastKept]!;
  const multiline = text.slice(at, members[0]!.keyStart).includes('\n');
  const { pad } = lineAt(text, last.keyStart);
  const items = added.map(({ key, value }) => {
    const head = key === undefined ? '' : `${JSON.stringify(key)}: `;
    const column = multiline ? pad.length + head.length : 0;
    return head + jsonLayout(value, pad, column);
  });
  edits.push({ start: last.value.end, end: last.value.end, text: multiline ? items.map((x) => `,\n${pad}${x}`).join('') : items.map((x) => `, ${x}`).join('') });
}
