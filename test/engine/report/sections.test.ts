// Every report format carries every section of the table report, in the same order: the summary,
// the appetite, the risks, the treatments, the flows, the risk control list, the sensitivity
// tornado, the scenario's warnings and the run. The sections are read back from each output (titles
// in the table, headings in Markdown, block titles in CSV, fields of the JSON results), so a format
// that drops one fails here.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { csvReport } from '../../../engine/report/csv.js';
import { markdownReport } from '../../../engine/report/markdown.js';
import { tableReport } from '../../../engine/report/table.js';
import { money } from '../../../engine/text/format.js';
import { csvBlocks, fullResults } from '../../support/report-fixture.js';

const EXPECTED = ['summary', 'appetite', 'risks', 'treatments', 'flows', 'riskControlList', 'sensitivity', 'warnings', 'run'];

const TABLE_TITLES: Array<[string, RegExp]> = [
  ['summary', /^Summary$/],
  ['appetite', /^Appetite: /],
  ['risks', /^Top [\d,]+ of [\d,]+ risks? by expected annual loss$/],
  ['treatments', /^Treatments: /],
  ['flows', /^Flows: /],
  ['riskControlList', /^Risk control list: /],
  ['sensitivity', /^Sensitivity: /],
  ['warnings', /^Warnings: /],
  ['run', /^Run: /],
];
const TITLES: Record<string, string> = {
  Summary: 'summary',
  Appetite: 'appetite',
  'Risk register': 'risks',
  Treatments: 'treatments',
  Flows: 'flows',
  'Risk control list': 'riskControlList',
  Sensitivity: 'sensitivity',
  Warnings: 'warnings',
  Run: 'run',
};
const JSON_FIELDS: Record<string, string> = {
  baseline: 'summary',
  appetite: 'appetite',
  risks: 'risks',
  treatments: 'treatments',
  flows: 'flows',
  riskControlList: 'riskControlList',
  sensitivity: 'sensitivity',
  warnings: 'warnings',
  run: 'run',
};

/** Sections of a table report: title lines at the start of the report or after a blank line. */
function tableSections(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (i > 0 && lines[i - 1] !== '') return;
    const hit = TABLE_TITLES.find(([, re]) => re.test(l));
    if (hit) out.push(hit[0]);
  });
  return out;
}

function markdownSections(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => TITLES[l.slice(3).split(':')[0]!] ?? `unknown heading: ${l}`);
}

function csvSections(text: string): string[] {
  return csvBlocks(text).map((b) => TITLES[b.title] ?? `unknown block: ${b.title}`);
}

function jsonSections(r: Results): string[] {
  const parsed = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
  return Object.keys(JSON_FIELDS)
    .filter((k) => parsed[k] !== undefined)
    .map((k) => JSON_FIELDS[k]!);
}

let r: Results;
beforeAll(async () => {
  r = await fullResults();
}, 120_000);

describe('report sections', () => {
  it('table, Markdown, CSV and JSON carry the same sections in the same order', () => {
    const lists = { table: tableSections(tableReport(r)), md: markdownSections(markdownReport(r)), csv: csvSections(csvReport(r)), json: jsonSections(r) };
    for (const [format, list] of Object.entries(lists)) expect(list, `${format} sections`).toEqual(EXPECTED);
  });

  it('the CSV keeps every block, even an empty one, so a spreadsheet always finds the same blocks', () => {
    const empty: Results = { ...r, treatments: [], riskControlList: [], warnings: [] };
    const blocks = csvBlocks(csvReport(empty));
    expect(blocks.map((b) => TITLES[b.title])).toEqual(EXPECTED);
    for (const title of ['Treatments', 'Risk control list', 'Warnings']) {
      const b = blocks.find((x) => x.title === title)!;
      expect(b.header.length, title).toBeGreaterThan(1);
      expect(b.rows, title).toEqual([]);
    }
  });

  it('every section carries its figures in the table, Markdown and CSV', () => {
    const m = (x: number) => money(x, r.currency);
    const b = r.baseline;
    const table = tableReport(r);
    const md = markdownReport(r);
    const csv = csvBlocks(csvReport(r));
    const intervals = [b.ci95, b.var95Ci95, b.p99Ci95, b.cvar95Ci95, b.cvar99Ci95].map(([lo, hi]) => `${m(lo)} to ${m(hi)}`);
    const top = r.risks[0]!;
    const treatment = r.treatments[0]!;
    const entry = r.riskControlList[0]!;
    for (const [format, text] of [['table', table], ['md', md]] as const) {
      // summary: every interval, the three parts of loss, P(any loss), service level
      for (const s of intervals) expect(text, `${format}: ${s}`).toContain(s);
      for (const s of ['CVaR99', 'direct loss', 'interruption cost', 'reroute cost', m(b.rerouteEal), 'P(any loss in a year)', 'Service level']) expect(text, `${format}: ${s}`).toContain(s);
      // appetite: each check with its status
      for (const c of r.appetite.checks) expect(text, `${format}: ${c.limit}`).toMatch(new RegExp(`${c.limit}[^\\n]*${c.status}`, 'i'));
      // risks: level, L×I, P(≥1) from the rate beside the simulated one, loss per event and its interval
      expect(text).toContain('L×I');
      expect(text).toContain(`${top.likelihood}×${top.impact}`);
      expect(text).toMatch(/P\(≥1\)/);
      expect(text).toMatch(/sim(ulated|\.)/);
      // treatments: id beside the name, ROSI as a percentage
      for (const t of r.treatments) expect(text, `${format}: ${t.id}`).toContain(t.id);
      expect(text).toContain(m(treatment.delta.eal));
      // flows, the risk control list, the tornado, the warnings, the run
      expect(text).toContain(r.flows[0]!.id);
      expect(text).toContain(entry.risk);
      expect(text).toContain(r.sensitivity![0]!.parameter);
      expect(text).toContain('threats[3].appliesTo');
      expect(text).toMatch(/target relative SE 1\.00 %, reached 0\.98 %, stopped by the target/);
      expect(text).toMatch(/trials\/s on [\d,]+ workers?/);
    }
    const block = (title: string) => csv.find((x) => x.title === title)!;
    const summary = block('Summary');
    const row = (field: string) => summary.rows.find((x) => x[0] === field)!;
    expect(row('cvar99').slice(2).map(Number)).toEqual([b.cvar99, ...b.cvar99Ci95].map((x) => Math.round(x * 100) / 100));
    expect(Number(row('rerouteEal')[2])).toBeCloseTo(b.rerouteEal, 2);
    expect(block('Appetite').rows.map((x) => x[0])).toEqual(['overall', ...r.appetite.checks.map((c) => c.limit)]);
    expect(block('Risk register').rows.length).toBe(r.risks.length);
    expect(block('Treatments').rows.map((x) => x[0])).toEqual(r.treatments.map((t) => t.id));
    expect(block('Flows').rows.map((x) => x[0])).toEqual(r.flows.map((f) => f.id));
    expect(block('Risk control list').rows.length).toBe(r.riskControlList.reduce((n, e) => n + e.options.length, 0));
    expect(block('Sensitivity').rows.length).toBe(r.sensitivity!.length);
    expect(block('Warnings').rows.at(-1)).toEqual(['threats[3].appliesTo', 'selects no site or lane: the threat never happens']);
    expect(Object.fromEntries(block('Run').rows)).toMatchObject({ trials: String(r.trials), stoppedBy: 'target', targetSe: '0.01' });
  });

  it('every CSV row is as wide as its block header; the register block keeps its first columns and adds the new ones after them', () => {
    const blocks = csvBlocks(csvReport(r));
    for (const b of blocks) for (const x of b.rows) expect(x.length, `${b.title}: ${JSON.stringify(x)}`).toBe(b.header.length);
    const register = blocks.find((b) => b.title === 'Risk register')!;
    const first = ['id', 'threat', 'category', 'target', 'targetKind', 'element', 'owner', 'frequency', 'pEvent', 'meanLossPerEvent', 'eal', 'directEal', 'interruptionEal', 'share', 'tailContribution', 'likelihood', 'impact', 'score', 'level', 'controls'];
    expect(register.header.slice(0, first.length)).toEqual(first);
    // the default scenario has a cascade (a breach raising hijackings): its columns come after the others
    expect(register.header.slice(first.length)).toEqual(['pEventExpected', 'impactCi95Low', 'impactCi95High', 'borderline', 'rerouteEal', 'triggeredBy', 'cascadeFactor', 'triggeredEventsPerTrial', 'triggeredEal', 'jointTargets']);
  });
});

describe('borderline risks in the risk control list', () => {
  it('carry the "~" mark in the table and Markdown, and a borderline column in the CSV', () => {
    const entry = { ...r.riskControlList[0]!, borderline: true };
    const marked: Results = { ...r, riskControlList: [entry] };
    const level = (mark: string) => `${entry.level.toUpperCase()}${mark} (${entry.likelihood}×${entry.impact})`;
    expect(tableReport(marked)).toContain(`${entry.risk} · ${level('~')}`);
    expect(markdownReport(marked)).toContain(`| ${level('\\~')} |`); // escaped: a tilde can strike text through
    const block = csvBlocks(csvReport(marked)).find((b) => b.title === 'Risk control list')!;
    expect(block.rows.every((x) => x[block.header.indexOf('borderline')] === 'true')).toBe(true);
  });
});
