// Where a value sits in a JSON text: the start and end offsets of the value at a path of keys and
// indices, so that a program can change a few values of a hand-formatted file (chainward calibrate)
// and leave every other byte as it was. A key given twice counts at its last place, as JSON.parse
// reads it. It expects a valid JSON text (one that JSON.parse accepts) and does not check it again.

/** A value's place in the text: text.slice(start, end) is the value. */
export interface JsonSpan {
  start: number;
  end: number;
}

/** The span of the value at `path` (object keys and array indices), or undefined when there is none. */
export function jsonValueSpan(text: string, path: ReadonlyArray<string | number>): JsonSpan | undefined {
  let at = skipSpace(text, 0);
  for (const segment of path) {
    const members = membersOf(text, at);
    let found: JsonSpan | undefined;
    for (const m of members) if (m.key === segment) found = m.value;
    if (!found) return undefined;
    at = found.start;
  }
  return { start: at, end: valueEnd(text, at) };
}

/** The members of the object or array at `at`: keys (or indices) and their value spans; none for a scalar. */
export function membersOf(text: string, at: number): Array<{ key: string | number; value: JsonSpan; keyStart: number }> {
  const open = text[at];
  if (open !== '{' && open !== '[') return [];
  const out: Array<{ key: string | number; value: JsonSpan; keyStart: number }> = [];
  let i = skipSpace(text, at + 1);
  let index = 0;
  const close = open === '{' ? '}' : ']';
  while (i < text.length && text[i] !== close) {
    let key: string | number = index++;
    const keyStart = i;
    if (open === '{') {
      const keyEnd = stringEnd(text, i);
      key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipSpace(text, keyEnd);
      i = skipSpace(text, i + 1); // the colon
    }
    const end = valueEnd(text, i);
    out.push({ key, value: { start: i, end }, keyStart });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return out;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** The offset just past the string whose opening quote is at i. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return text.length;
}

/** The offset just past the value starting at i. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = stringEnd(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && /[-+.0-9eEa-z]/.test(text[j]!)) j++;
  return j;
}
