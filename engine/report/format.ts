// Report formatting: text tables that fit a terminal (the number formats are engine/text/format.ts).
// Widths count characters (code points), not bytes or UTF-16 units, so "€" and "…" are one column
// each. Names come from scenario files and are untrusted: control characters (terminal escape
// sequences among them) and bidirectional overrides are shown as spaces, never sent to the terminal.

/** The widest line of a terminal report unless `--wide` is given (README.md, "Command line"). */
export const REPORT_WIDTH = 120;

// C0 and C1 controls (but the line feed, which splits a cell into lines), DEL, the Unicode line and
// paragraph separators, and the bidirectional marks, embeddings, overrides and isolates
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `s` with control characters and bidirectional overrides replaced by spaces (line feeds kept). */
export function plain(s: string): string {
  return s.replace(UNSAFE, ' ');
}

/** `s` as one line of terminal text: plain, and its line feeds replaced by spaces too (text from a file or the command line). */
export function oneLine(s: string): string {
  return plain(s).replace(/\n/g, ' ');
}

/** Width of `s` in characters (code points). */
export function widthOf(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** `s` cut to at most `width` characters, ending in "…" when cut. */
export function truncate(s: string, width: number): string {
  if (widthOf(s) <= width) return s;
  if (width <= 0) return '';
  return `${[...s].slice(0, width - 1).join('')}…`;
}

/**
 * A risk id (`threat@target`) cut to `width` characters: the threat is shortened first, so the target
 * stays readable ("disruption-prod…@sup-sz-components"); an id without `@`, or whose target alone is
 * too long, is cut at the end.
 */
export function truncateRisk(id: string, width: number): string {
  if (widthOf(id) <= width) return id;
  const at = id.lastIndexOf('@');
  const tail = at > 0 ? id.slice(at) : '';
  const room = width - widthOf(tail);
  if (at <= 0 || room < 4) return truncate(id, width);
  return `${truncate(id.slice(0, at), room)}${tail}`;
}

/**
 * Words of `s` in lines of at most `width` characters (the first line: `firstWidth`); a word longer
 * than a line is cut into pieces.
 */
export function wrapWords(s: string, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  const room = () => Math.max(1, lines.length === 0 ? firstWidth : width);
  let current = '';
  for (let word of s.split(/\s+/).filter(Boolean)) {
    if (current && widthOf(current) + 1 + widthOf(word) <= room()) {
      current = `${current} ${word}`;
      continue;
    }
    if (current) lines.push(current);
    while (widthOf(word) > room()) {
      const chars = [...word];
      lines.push(chars.slice(0, room()).join(''));
      word = chars.slice(room()).join('');
    }
    current = word;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * Prose for a text report: `s` made plain and wrapped to `width` (Infinity: one line), its leading
 * spaces kept, continuation lines indented by `indent` spaces.
 */
export function paragraph(s: string, width: number, indent = 0): string {
  const text = oneLine(s);
  if (!Number.isFinite(width)) return text;
  const lead = /^ */.exec(text)![0];
  return wrapWords(text, width - indent, width - lead.length)
    .map((l, i) => (i === 0 ? lead : ' '.repeat(indent)) + l)
    .join('\n');
}

/** One line of a text report: made plain and cut to `width` with "…" (not cut when width is Infinity). */
export function line(s: string, width: number): string {
  const text = oneLine(s);
  return Number.isFinite(width) ? truncate(text, width) : text;
}

/** How a column may give way when a table is too wide. */
export interface Shrink {
  column: number;
  /** truncate: cut with "…" (names); wrap: break into lines at spaces (sentences). */
  mode: 'truncate' | 'wrap';
  /** Narrowest the column may become (default: its header's width, and at least 8). */
  min?: number;
  /** How to cut a cell (truncate mode); default `truncate`. */
  cut?: (cell: string, width: number) => string;
}

export interface TableOptions {
  /** The widest a line may be, in characters (default: no limit). */
  width?: number;
  /** The columns that may narrow to fit `width`; the widest narrows first. */
  shrink?: readonly Shrink[];
  /** Lines printed before a row (by row index) across the columns: a group's heading. Cut to `width`. */
  spans?: ReadonlyMap<number, string>;
}

/**
 * Lays out rows as a text table: left-aligned text, right-aligned numbers (columns listed in `right`).
 * A cell or a header may hold several lines ("\n"; headers are aligned at the bottom): pass names from
 * a scenario through `oneLine` so that theirs cannot. When the table
 * is wider than `opts.width`, the columns in `opts.shrink` narrow (truncated with "…" or wrapped)
 * until it fits or they reach their minimum.
 */
export function textTable(header: string[], rows: string[][], right: ReadonlySet<number>, opts: TableOptions = {}): string {
  const cellLines = (c: string | undefined) => plain(c ?? '').split('\n');
  const head = header.map(cellLines);
  const body = rows.map((r) => header.map((_, i) => cellLines(r[i])));
  const widest = (lines: string[]) => Math.max(...lines.map(widthOf));
  const widths = head.map((h, i) => Math.max(widest(h), ...body.map((r) => widest(r[i]!))));
  const shrink = new Map((opts.shrink ?? []).map((s) => [s.column, s]));
  const limit = opts.width ?? Infinity;
  if (Number.isFinite(limit)) {
    const mins = new Map([...shrink.values()].map((s) => [s.column, Math.min(widths[s.column]!, s.min ?? Math.max(8, widest(head[s.column]!)))]));
    let excess = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) - limit;
    while (excess > 0) {
      // narrow the column with the most room above its minimum, one character at a time
      let best = -1;
      for (const [c, min] of mins) if (widths[c]! > min && (best < 0 || widths[c]! - min > widths[best]! - mins.get(best)!)) best = c;
      if (best < 0) break;
      widths[best]!--;
      excess--;
    }
  }
  const fit = (lines: string[], i: number) => {
    const s = shrink.get(i);
    const w = widths[i]!;
    if (lines.every((l) => widthOf(l) <= w)) return lines;
    if (s?.mode === 'wrap') return lines.flatMap((l) => wrapWords(l, w));
    return lines.map((l) => (s?.cut ?? truncate)(l, w));
  };
  const pad = (c: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, widths[i]! - widthOf(c)));
    return right.has(i) ? gap + c : c + gap;
  };
  const block = (cells: string[][], bottom: boolean) => {
    const height = Math.max(...cells.map((lines) => lines.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push(cells.map((lines, i) => pad((bottom ? lines[k - (height - lines.length)] : lines[k]) ?? '', i)).join('  ').trimEnd());
    }
    return out;
  };
  const out = [...block(head.map(fit), true), widths.map((w) => '─'.repeat(w)).join('  ')];
  body.forEach((r, k) => {
    const span = opts.spans?.get(k);
    if (span !== undefined) out.push(line(span, limit));
    out.push(...block(r.map(fit), false));
  });
  return out.join('\n');
}
