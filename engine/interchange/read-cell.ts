// Reads one CSV cell as the value of its column (docs/import-export.md, "Cells"): numbers in JSON
// syntax, enums in any case (with a did-you-mean), ";" lists, distributions, region factors,
// triggers and yes/no. Only the form is checked here; ranges and references are the validator's.
import type { Suggester } from '../text/did-you-mean.js';
import { TRIGGER_SCOPES } from '../model/schema.js';
import type { ColumnSpec } from './csv-tables.js';
import { distFromCell, NUMBER_TEXT } from './dist-cell.js';
import { splitList } from './list-cell.js';

export type CellRead = { value: unknown } | { error: string };

/** A cell's text quoted for a message, cut to 60 characters. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

const NUMBER_EXPECTED = 'expected a number such as 1200, 0.5 or 1.2e5 (no thousands separators, spaces or currency signs)';

function enumValue(text: string, values: readonly string[], hints: Suggester, words: Readonly<Record<string, string>> = {}): CellRead {
  const lower = text.toLowerCase();
  const found = values.find((v) => v.toLowerCase() === lower) ?? (Object.hasOwn(words, lower) ? words[lower] : undefined);
  return found !== undefined ? { value: found } : { error: `${quoted(text)} is not one of ${values.join(', ')}${hints.suggestion(text, values)}` };
}

/** An object with these own keys (a region may be "__proto__": the validator then names it). */
function ownKeys(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

function factorsValue(text: string): CellRead {
  const entries: Array<[string, unknown]> = [];
  for (const item of splitList(text)) {
    const at = item.lastIndexOf('=');
    const region = item.slice(0, at).trim();
    const factor = item.slice(at + 1).trim();
    if (at < 0 || region === '' || !NUMBER_TEXT.test(factor)) return { error: `${quoted(item)} is not region=factor, expected items such as "FR=1.4; IT=1.5"` };
    entries.push([region, Number(factor)]);
  }
  return { value: ownKeys(entries) };
}

function triggersValue(text: string, hints: Suggester): CellRead {
  const out: Array<Record<string, unknown>> = [];
  const form = 'threat(factor=2.5, days=30, scope=lanes-from)';
  for (const item of splitList(text)) {
    const open = item.lastIndexOf('(');
    const threat = item.slice(0, Math.max(open, 0)).trim();
    if (open < 0 || !item.endsWith(')') || threat === '') return { error: `${quoted(item)} is not a trigger, expected ${form}` };
    const args = new Map<string, string>();
    for (const a of item.slice(open + 1, -1).split(',')) {
      const kv = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(a);
      if (!kv) return { error: `${quoted(item)}: ${quoted(a.trim())} is not name=value, expected ${form}` };
      args.set(kv[1]!.toLowerCase(), kv[2]!);
    }
    const factor = args.get('factor');
    const days = args.get('days');
    const scope = args.get('scope');
    if (factor === undefined || days === undefined || scope === undefined || args.size !== 3) return { error: `${quoted(item)}: expected factor, days and scope, as in ${form}` };
    if (!NUMBER_TEXT.test(factor) || !NUMBER_TEXT.test(days)) return { error: `${quoted(item)}: factor and days must be numbers, as in ${form}` };
    const s = enumValue(scope, TRIGGER_SCOPES, hints);
    if ('error' in s) return { error: `${quoted(item)}: scope ${s.error}` };
    out.push({ threat, factor: Number(factor), days: Number(days), scope: s.value });
  }
  return { value: out };
}

/** Reads a non-empty cell `text` (already trimmed unless it was quoted) as the value of `column`. */
export function readCell(column: ColumnSpec, text: string, hints: Suggester): CellRead {
  switch (column.type) {
    case 'text':
      return { value: text };
    case 'number':
      return NUMBER_TEXT.test(text.trim()) ? { value: Number(text.trim()) } : { error: `${quoted(text)} is not a number, ${NUMBER_EXPECTED}` };
    case 'enum':
      return enumValue(text.trim(), column.values ?? [], hints, column.valueAliases);
    case 'list':
      return { value: splitList(text) };
    case 'enumList': {
      const items: unknown[] = [];
      for (const item of splitList(text)) {
        const r = enumValue(item, column.values ?? [], hints, column.valueAliases);
        if ('error' in r) return r;
        items.push(r.value);
      }
      return { value: items };
    }
    case 'dist': {
      const r = distFromCell(text);
      return 'dist' in r ? { value: r.dist } : r;
    }
    case 'factors':
      return factorsValue(text);
    case 'triggers':
      return triggersValue(text, hints);
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true' || t === 'yes' || t === '1') return { value: true };
      if (t === 'false' || t === 'no' || t === '0') return { value: false };
      return { error: `${quoted(text)} is not yes or no, expected true, false, yes, no, 1 or 0` };
    }
  }
}
