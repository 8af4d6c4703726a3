// Keys that appear more than once in one JSON object: `{"id": "a", "id": "b"}` is valid JSON, and
// JSON.parse keeps the last value without a word. A scenario with such a key is still accepted, with
// a warning naming the key's JSON path (docs/scenario-format.md, "Warnings").
//
// Part of the isomorphic engine core: no Node.js imports. One pass over the text, linear in its length.
import { formatPath, type PathSegment } from '../model/json-path.js';

/** A warning about the text of a scenario file: where (a JSON path) and what. */
export interface TextWarning {
  path: string;
  message: string;
}

/**
 * The keys of `text` (a JSON document that JSON.parse accepts) that appear more than once in the
 * same object, in document order: `key "id" appears 2 times; the last one is used`.
 */
export function duplicateKeyWarnings(text: string): TextWarning[] {
  const found: Array<{ at: number; path: string; message: string }> = [];
  // the containers open at the current position, and the path to each
  const frames: Array<{ keys: Map<string, { at: number; count: number }> | null; index: number; key: string }> = [];
  const path: PathSegment[] = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // the closing quote: the next one not escaped by an odd number of backslashes
      const start = i;
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i < 0) return []; // not JSON: JSON.parse has refused it already
        let slashes = 0;
        while (text.charCodeAt(i - 1 - slashes) === 0x5c /* \ */) slashes++;
        if (slashes % 2 === 0) break;
      }
      const top = frames[frames.length - 1];
      if (expectKey && top?.keys) {
        const raw = text.slice(start + 1, i);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const seen = top.keys.get(key);
        if (seen === undefined) top.keys.set(key, { at: start, count: 1 });
        else seen.count++;
        top.key = key;
        expectKey = false;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const top = frames[frames.length - 1];
      if (top) path.push(top.keys ? top.key : top.index);
      frames.push({ keys: c === 0x7b ? new Map() : null, index: 0, key: '' });
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      const done = frames.pop()!;
      if (done.keys) {
        for (const [key, { at, count }] of done.keys) {
          if (count > 1) found.push({ at, path: formatPath([...path, key]), message: `key ${JSON.stringify(key)} appears ${count} times; the last one is used` });
        }
      }
      path.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1]!;
      if (top.keys) expectKey = true;
      else top.index++;
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ path, message }) => ({ path, message }));
}

// The warnings about the text a scenario object was parsed from (parseScenario, validate.ts), so that
// every reader of its warnings (scenarioWarnings, warnings.ts) has them without the text.
const fromText = new WeakMap<object, readonly TextWarning[]>();

/** Records the warnings about the text `scenario` was parsed from. */
export function rememberTextWarnings(scenario: object, warnings: readonly TextWarning[]): void {
  if (warnings.length > 0) fromText.set(scenario, warnings);
}

/** The warnings about the text `scenario` was parsed from (none for a scenario built in code). */
export function textWarningsOf(scenario: object): TextWarning[] {
  return (fromText.get(scenario) ?? []).map((w) => ({ ...w }));
}
