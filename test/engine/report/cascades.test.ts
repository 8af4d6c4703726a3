// Cascades and common causes in the reports: a "triggered" column (the triggered excess) and an "at
// once" column (targets each event hits) in the table and Markdown registers, with their notes and
// one line per raised threat; five columns after the CSV register's. All of it only when a risk has
// a cascade or a common cause: results without either render exactly as before.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { csvReport } from '../../../engine/report/csv.js';
import { markdownReport } from '../../../engine/report/markdown.js';
import { cascadeGroups, cascadeSentence, NOTES } from '../../../engine/report/sections.js';
import { tableReport } from '../../../engine/report/table.js';
import { money } from '../../../engine/text/format.js';
import { withCascades, TRIGGER_THREAT } from '../../support/cascade-fixture.js';
import { chars, csvBlocks, fullResults } from '../../support/report-fixture.js';

let plain: Results;
let r: Results;
beforeAll(async () => {
  // the shipped default scenario has a cascade now: its results without the cascade fields stand for a scenario without any
  const full = await fullResults();
  plain = { ...full, risks: full.risks.map(({ cascade: _c, joint: _j, ...risk }) => risk) };
  r = withCascades(plain);
});

const m = (x: number) => money(x, 'EUR');
/** The table report's register: its header lines and rows, up to the first note. */
function tableRegister(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Top '));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('level: '));
  return lines.slice(start + 1, end);
}

describe('reports: cascades and common causes', () => {
  it('tableReport adds "triggered" and "at once" columns and their notes only when a listed risk has them', () => {
    const text = tableReport(r);
    const register = tableRegister(text);
    expect(register.slice(0, 2).map((l) => l.trimEnd().split(/ +/).slice(-2))).toEqual([['trig-', 'at'], ['gered', 'once']]);
    const row = (i: number) => register.find((l) => l.trimStart().startsWith(`${i} `))!;
    expect(row(2).endsWith(m(r.risks[1]!.cascade!.excessEal))).toBe(true);
    expect(row(3).endsWith(m(r.risks[2]!.cascade!.excessEal))).toBe(true);
    expect(row(4)).toMatch(/ {2}3$/);
    expect(row(1).endsWith(m(r.risks[0]!.tailContribution))).toBe(true);
    for (const l of text.split('\n')) expect(chars(l)).toBeLessThanOrEqual(120);
    const flat = text.replace(/\n(?! )/g, ' ').replace(/\n {4}/g, ' ');
    expect(flat).toContain(NOTES.triggered);
    expect(flat).toContain(NOTES.atOnce);
    expect(flat).toContain(`  ${r.risks[1]!.threat} × 3 while a window opened by ${TRIGGER_THREAT} is open (1 risk listed, ${m(r.risks[1]!.cascade!.excessEal)} triggered)`);
    expect(flat).toContain(`while a window opened by ${TRIGGER_THREAT} or strike-port is open`);
    // only the common cause listed: no "triggered" column
    const jointOnly = tableReport({ ...r, risks: r.risks.map(({ cascade: _, ...k }) => k) });
    expect(tableRegister(jointOnly)[1]).toMatch(/tail  once$/);
    expect(jointOnly).not.toContain('triggered:');
  });

  it('markdownReport adds the columns, the notes and one item per raised threat, ids as Markdown text', () => {
    const hostile = { ...r, risks: r.risks.map((k, i) => (i === 1 ? { ...k, cascade: { ...k.cascade!, triggeredBy: ['evil_|*id'] } } : k)) };
    const md = markdownReport(hostile);
    const header = md.split('\n').find((l) => l.startsWith('| # | risk |'))!;
    expect(header.endsWith('| tail | triggered | at once |')).toBe(true);
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    const cells = (l: string) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    for (const l of rows) expect(cells(l)).toHaveLength(15);
    expect(cells(rows[1]!).slice(-2)).toEqual([m(r.risks[1]!.cascade!.excessEal), '']);
    expect(cells(rows[3]!).slice(-2)).toEqual(['', '3']);
    expect(md).toContain(`- ${r.risks[1]!.threat} × 3 while a window opened by evil\\_\\|\\*id is open`);
    expect(md).toContain(NOTES.atOnce);
  });

  it('csvReport adds the cascade and common-cause columns after the register\'s, when some risk has either', () => {
    const block = csvBlocks(csvReport(r)).find((b) => b.title === 'Risk register')!;
    expect(block.header.slice(-5)).toEqual(['triggeredBy', 'cascadeFactor', 'triggeredEventsPerTrial', 'triggeredEal', 'jointTargets']);
    const byId = new Map(block.rows.map((row) => [row[0], row.slice(-5)]));
    const c = r.risks[1]!.cascade!;
    expect(byId.get(r.risks[1]!.id)).toEqual([TRIGGER_THREAT, '3', '0.12', String(Math.round(c.excessEal * 100) / 100), '']);
    expect(byId.get(r.risks[2]!.id)![0]).toBe(`${TRIGGER_THREAT} strike-port`);
    expect(byId.get(r.risks[3]!.id)).toEqual(['', '', '', '', '3']);
    expect(byId.get(r.risks[0]!.id)).toEqual(['', '', '', '', '']);
  });

  it('the reports of results without cascades or common causes carry none of it', () => {
    for (const text of [tableReport(plain), tableReport(plain, { wide: true }), markdownReport(plain)]) {
      expect(text).not.toMatch(/triggered|at once/);
    }
    const block = csvBlocks(csvReport(plain)).find((b) => b.title === 'Risk register')!;
    expect(block.header.at(-1)).toBe('rerouteEal');
    expect(block.header).toHaveLength(25);
  });

  it('cascadeGroups groups the risks a threat raises by factor and raising threats, summing their excess', () => {
    const risks = [r.risks[1]!, { ...r.risks[1]!, id: 'x@y', cascade: { ...r.risks[1]!.cascade!, excessEal: 1000 } }, r.risks[2]!];
    const groups = cascadeGroups(risks);
    expect(groups.map((g) => [g.threat, g.triggeredBy, g.risks])).toEqual([
      [r.risks[1]!.threat, [TRIGGER_THREAT], 2],
      [r.risks[2]!.threat, [TRIGGER_THREAT, 'strike-port'], 1],
    ]);
    expect(groups[0]!.excessEal).toBeCloseTo(r.risks[1]!.cascade!.excessEal + 1000, 6);
    expect(cascadeSentence({ ...groups[1]!, triggeredBy: ['a', 'b', 'c'] }, m)).toMatch(/ while a window opened by a, b or c is open \(1 risk listed, /);
  });
});
