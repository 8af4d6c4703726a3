// Report formatting: the shared number formats (engine/text/format.ts) and text tables.

export { money, num, percent } from '../text/format.js';

/** Lays out rows as a text table: left-aligned text, right-aligned numbers (columns listed in `right`). */
export function textTable(header: string[], rows: string[][], right: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
