// Reads a YAML document (YAML 1.2, core schema) into plain data, and keeps where every node starts,
// so a problem found later by its JSON path (`sites[3].lat`) is shown at its line and column
// (docs/import-export.md, "YAML scenario files"). Only plain data: no custom or YAML 1.1 tags
// (!!binary, !!set, !!timestamp, !foo), no `<<` merge keys, keys given twice are an error, and
// aliases are bounded so that a "billion laughs" document fails at once instead of exhausting memory.
// Keys such as `__proto__` become own properties (the yaml package defines them), never prototypes.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A place in the text: 1-based line and column. */
export interface TextPlace {
  line: number;
  column: number;
}

/** A problem of the YAML text itself, at its place. */
export interface YamlProblem extends TextPlace {
  message: string;
}

export type YamlRead =
  | { ok: true; value: unknown; locate: (path: ReadonlyArray<string | number>) => TextPlace }
  | { ok: false; problems: YamlProblem[] };

/**
 * Aliases a document may expand, counted as the yaml package does (uses × the aliases inside the
 * anchored node): ample for reusing a distribution a few dozen times, and a nested bomb of nine
 * aliases a level stops at its third level.
 */
export const MAX_ALIAS_COUNT = 100;

const OPTIONS = {
  schema: 'core',
  version: '1.2',
  merge: false,
  resolveKnownTags: false,
  uniqueKeys: true,
  stringKeys: true,
  strict: true,
  prettyErrors: false,
  keepSourceTokens: false,
} as const;

const TOO_DEEP = 'nested too deeply to read, expected a scenario (about 8 levels deep)';

/** What the yaml package's error codes mean, in the words of the other messages. */
function explain(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a key given twice in one mapping, expected each key once';
    case 'MULTIPLE_DOCS':
      return 'a second YAML document (after ---), expected one scenario a file';
    case 'TAG_RESOLVE_FAILED':
      return `${message.replace(/\.$/, '')}: expected plain YAML (mappings, lists, strings, numbers, true/false, null) without tags`;
    default:
      return /call stack/i.test(message) ? TOO_DEEP : message.replace(/\s+/g, ' ').trim();
  }
}

/** Reads `text` as one YAML document; every syntax problem at its place, or the data and a locator. */
export function readYaml(text: string): YamlRead {
  const lines = new LineCounter();
  const place = (offset: number): TextPlace => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { ...OPTIONS, lineCounter: lines });
  } catch (e) {
    return { ok: false, problems: [{ line: 1, column: 1, message: `cannot read the YAML: ${(e as Error).message}` }] };
  }
  const all: YamlProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({ ...place(e.pos[0]), message: explain(e.code, e.message) }));
  // nesting too deep fails at every level it unwinds: once is enough
  const firstDeep = all.findIndex((p) => p.message === TOO_DEEP);
  const problems = all.filter((p, i) => p.message !== TOO_DEEP || i === firstDeep);
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message =
      e instanceof ReferenceError && /alias/i.test(e.message)
        ? `more aliases than a scenario needs (at most ${MAX_ALIAS_COUNT} expanded): a document that expands aliases of aliases is refused`
        : e instanceof RangeError
          ? TOO_DEEP
          : `cannot read the YAML: ${(e as Error).message}`;
    return { ok: false, problems: [{ line: 1, column: 1, message }] };
  }
  const root = doc.contents;
  const locate = (path: ReadonlyArray<string | number>): TextPlace => {
    let node: unknown = root;
    let at = root?.range?.[0] ?? 0;
    for (const seg of path) {
      const next = childOf(node, seg);
      if (next === undefined) break;
      node = next.node;
      at = next.at;
    }
    return place(at);
  };
  return { ok: true, value, locate };
}

/** The child of a mapping (by key) or a list (by index), with where it starts: the value, or its key when the value is empty. */
function childOf(node: unknown, seg: string | number): { node: unknown; at: number } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== String(seg)) continue;
      const value = pair.value as Node | null;
      const start = value?.range?.[0] ?? (pair.key as Node).range?.[0];
      return start === undefined ? undefined : { node: value, at: start };
    }
    return undefined;
  }
  if (isSeq(node) && typeof seg === 'number') {
    const item = node.items[seg] as Node | undefined;
    const start = item?.range?.[0];
    return start === undefined ? undefined : { node: item, at: start };
  }
  return undefined;
}
