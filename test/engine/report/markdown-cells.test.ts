// Every Markdown table of `run --format md` keeps its columns whatever the scenario's ids and names
// hold: a line feed, a carriage return, a "|" or a control character in an id (a treatment id in its
// code span included) stays inside its cell.
import { describe, expect, it } from 'vitest';
import { markdownReport, mdCell, mdCode } from '../../../engine/report/markdown.js';
import { fullResults } from '../../support/report-fixture.js';

/** The cells of a Markdown table row, split at "|" that no backslash escapes (as GitHub does). */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 1; i < row.length; i++) {
    const c = row[i]!;
    if (c === '\\') {
      cell += c + (row[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  return out;
}

/** The tables of a Markdown document: runs of lines that start with "|". */
function tables(md: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length) out.push(current), (current = []);
  }
  if (current.length) out.push(current);
  return out;
}

const EVIL = 'a\nb|c\r\u001b[31m\u0085`x\\|y';

describe('Markdown tables with line feeds and "|" in ids', () => {
  it('a treatment id, risk ids, flow ids and names with a line feed keep every row on one line with the header\'s columns', async () => {
    const r = await fullResults();
    const evil = {
      ...r,
      risks: r.risks.map((k) => ({ ...k, id: `${k.id}${EVIL}` })),
      treatments: r.treatments.map((t) => ({ ...t, id: `${t.id}${EVIL}`, name: `${t.name}${EVIL}` })),
      flows: r.flows.map((f) => ({ ...f, id: `${f.id}${EVIL}` })),
      warnings: [...r.warnings, { path: `regionFactors["${EVIL}"]`, message: EVIL }],
    };
    const md = markdownReport(evil);
    const found = tables(md);
    expect(found.length).toBeGreaterThanOrEqual(4);
    for (const t of found) {
      const n = cells(t[0]!).length;
      for (const row of t) expect(cells(row), row).toHaveLength(n);
    }
    expect(md).not.toMatch(/[\r\u001b\u0085]/);
    // the treatment table: the id still a code span, in one cell
    const treatmentRow = md.split('\n').find((l) => l.startsWith(`| \`${r.treatments[0]!.id}`))!;
    expect(cells(treatmentRow)[0]).toBe(` \`${r.treatments[0]!.id}a b\\|c  [31m 'x\\|y\` `);
    // a warning is a list item: its path stays on its line
    expect(md).toContain(`- \`regionFactors["a b|c  [31m 'x\\|y"]\`: a b\\|c`);
  });

  it('mdCell and mdCode', () => {
    expect(mdCell('a|b')).toBe('a\\|b');
    expect(mdCell('a\\|b')).toBe('a\\|b'); // already escaped
    expect(mdCell('a\\\\|b')).toBe('a\\\\\\|b'); // an escaped backslash, then a bare "|"
    expect(mdCell('a\r\nb\u2028c')).toBe('a  b c');
    expect(mdCode('x`y\nz')).toBe("`x'y z`");
  });
});
