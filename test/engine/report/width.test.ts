// The terminal report fits 120 columns unless `wide` (counted in characters, as a terminal does):
// every shipped scenario with its treatments and the sensitivity tornado, and results whose names
// are far too long, which are cut with "…" — never the treatment ids `--treatments` takes. `top`
// sets how many risks are listed ("Top 15 of 12,429 risks"), `wide` shows everything.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { markdownReport } from '../../../engine/report/markdown.js';
import { tableReport } from '../../../engine/report/table.js';
import { chars, fullResults, SCENARIO_FILES, shippedResults } from '../../support/report-fixture.js';

const over = (text: string, width = 120) =>
  text
    .split('\n')
    .map((l, i) => [i + 1, chars(l), l] as const)
    .filter(([, n]) => n > width)
    .map(([i, n, l]) => `line ${i} (${n} characters): ${l}`);

/** Results whose every name is far too long for a terminal. */
function longNames(r: Results): Results {
  const long = (s: string) => `${s}-${'and-then-some-more-words-'.repeat(8)}end`;
  return {
    ...r,
    scenario: `${r.scenario} ${'with a very long descriptive name '.repeat(6)}`,
    risks: r.risks.map((k) => ({ ...k, id: long(k.id) })),
    treatments: r.treatments.map((t) => ({ ...t, name: `${t.name} ${'and another clause that explains it at length '.repeat(5)}` })),
    flows: r.flows.map((f) => ({ ...f, id: long(f.id) })),
    riskControlList: r.riskControlList.map((e) => ({ ...e, risk: long(e.risk), owner: `${e.owner} ${'department of long names '.repeat(5)}` })),
    sensitivity: r.sensitivity?.map((x) => ({ ...x, parameter: long(x.parameter) })),
    warnings: [{ path: 'threats[0].appliesTo', message: `selects nothing ${'because of a long explanation '.repeat(8)}` }],
    appetite: { ...r.appetite, breaches: r.appetite.breaches.map((b) => `${b}; ${'and a long list of risks '.repeat(8)}`) },
  };
}

let full: Results;
beforeAll(async () => {
  full = await fullResults();
}, 120_000);

describe('tableReport fits 120 columns', () => {
  it.each(SCENARIO_FILES)('%s with its treatments and --sensitivity: every line at most 120 characters', async (file) => {
    const r = await shippedResults(file);
    expect(r.treatments.length).toBeGreaterThan(0);
    expect(r.sensitivity!.length).toBeGreaterThan(0);
    expect(over(tableReport(r))).toEqual([]);
  }, 120_000);

  it('long names, sentences and the appetite list are cut with "…"; treatment ids are whole', () => {
    const r = longNames(full);
    const text = tableReport(r);
    expect(over(text)).toEqual([]);
    expect(text).toContain('…');
    for (const t of r.treatments) expect(text).toContain(t.id);
    expect(text).not.toContain(r.treatments[0]!.name);
    expect(text).not.toContain(r.warnings[0]!.message);
  });

  it('wide: nothing is cut, every entry is listed', () => {
    const r = longNames(full);
    const text = tableReport(r, { wide: true });
    expect(over(text).length).toBeGreaterThan(0);
    expect(text).toContain(r.treatments[0]!.name);
    expect(text).toContain(r.warnings[0]!.message);
    expect(text).toContain(r.risks[0]!.id);
    for (const b of r.appetite.breaches) expect(text).toContain(b);
    for (const e of r.riskControlList) expect(text).toContain(e.risk);
    for (const x of r.sensitivity!) expect(text).toContain(x.parameter);
  });
});

describe('top: how many risks are listed', () => {
  it('default 15, counted with thousands separators', () => {
    const many: Results = { ...full, risks: Array.from({ length: 12429 }, (_, i) => ({ ...full.risks[i % full.risks.length]!, id: `risk-${i}@t` })) };
    const text = tableReport(many);
    expect(text).toMatch(/^Top 15 of 12,429 risks by expected annual loss$/m);
    expect(text).toMatch(/^15 {2}risk-14@t/m);
    expect(text).not.toMatch(/^16 {2}/m);
    expect(markdownReport(many)).toMatch(/^## Risk register: top 15 of 12,429 risks by expected annual loss$/m);
  });

  it('top N lists N risks in the table and in Markdown', () => {
    expect(tableReport(full, { top: 3 })).toMatch(new RegExp(`^Top 3 of ${full.risks.length} risks`, 'm'));
    const md = markdownReport(full, { top: 3 });
    expect(md).toContain(`top 3 of ${full.risks.length} risks`);
    expect(md).toContain(`| 3 | ${full.risks[2]!.id} |`);
    expect(md).not.toContain(`| 4 | ${full.risks[3]!.id} |`);
  });
});
