// Figures read the same way in every report: counts and plain numbers with thousands separators,
// money in the compact currency format, ROSI as a percentage, "1 treatment" rather than
// "1 treatments" or "risk(s)"; and CSV numbers a spreadsheet reads as numbers: money to the cent,
// rates, shares and probabilities to 6 significant digits, never 0.9900000000000001.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { csvReport } from '../../../engine/report/csv.js';
import { markdownReport } from '../../../engine/report/markdown.js';
import { tableReport } from '../../../engine/report/table.js';
import { csvBlocks, fullResults } from '../../support/report-fixture.js';

let r: Results;
beforeAll(async () => {
  r = await fullResults();
}, 120_000);

/** Numbers of 4 or more digits written without separators ("6421509", "20000"), but not decimals ("0.0692"). */
const RAW = /(^|[^\d.,A-Za-z-])\d{4,}(?![\d])/;

describe('numbers in the table and Markdown reports', () => {
  it('no raw large numbers: trials, counts, rates and days carry thousands separators', () => {
    const big: Results = {
      ...r,
      trials: 1_000_000,
      risks: r.risks.map((k, i) => (i === 0 ? { ...k, frequency: 6421.509 } : k)),
      flows: r.flows.map((f, i) => (i === 0 ? { ...f, interruptionDaysMean: 12345.6 } : f)),
      run: { ...r.run, trialsPerSecond: 1234567, workers: 1 },
      // the plan's due dates and decisions are the scenario's own text ("2027-03-31", "the 2026 review")
      treatments: r.treatments.map(({ due: _due, decision: _decision, ...t }) => t),
    };
    for (const [format, text] of [['table', tableReport(big, { wide: true })], ['md', markdownReport(big, { wide: true })]] as const) {
      const raw = text.split('\n').filter((l) => RAW.test(l.replace(/ISO \d+/g, 'ISO'))); // a standard's number is a name
      expect(raw, format).toEqual([]);
      expect(text, format).toContain('1,000,000 trials');
      expect(text, format).toContain('6,420');
      expect(text, format).toContain('12,300');
      expect(text, format).toContain('1,234,567 trials/s');
    }
  });

  it('ROSI is a percentage in every format', () => {
    const t = { ...r.treatments[0]!, rosi: 8.55, annualCost: 100_000, netBenefit: 855_000 };
    const one: Results = { ...r, treatments: [t] };
    expect(tableReport(one)).toMatch(/ 855 %\n/);
    expect(markdownReport(one)).toMatch(/\| 855 % \|/);
    const block = csvBlocks(csvReport(one)).find((b) => b.title === 'Treatments')!;
    const rosi = block.header.indexOf('rosiPercent');
    expect(rosi).toBeGreaterThan(0);
    expect(block.rows[0]![rosi]).toBe('855');
    for (const text of [tableReport(one), markdownReport(one)]) expect(text).not.toMatch(/\d×(?!\d)/);
  });

  it('plurals: one of each is singular, and no "(s)"', () => {
    const one: Results = {
      ...r,
      treatments: r.treatments.slice(0, 1),
      riskControlList: r.riskControlList.slice(0, 1),
      warnings: r.warnings.slice(0, 1),
      risks: r.risks.slice(0, 1),
      trials: 1,
      horizonDays: 1,
      run: { workers: 1, wallMs: 1000, trialsPerSecond: 1 },
    };
    for (const text of [tableReport(one), markdownReport(one)]) {
      expect(text).not.toContain('(s)');
      expect(text).not.toMatch(/\b1 (treatments|risks|workers|trials|days|parts)\b(?!\/s)/);
      expect(text).toMatch(/\b1 treatment\b/);
      expect(text).toMatch(/\b1 risk\b/);
      expect(text).toMatch(/\b1 worker\b/);
      expect(text).toMatch(/\b1 trial\b/);
    }
    const two: Results = { ...r, run: { workers: 2, wallMs: 1000, trialsPerSecond: 1 } };
    expect(tableReport(two)).toMatch(/on 2 workers/);
  });
});

describe('numbers in the CSV', () => {
  it('money to the cent, other figures to 6 significant digits: no binary noise such as 0.9900000000000001', () => {
    const noisy: Results = {
      ...r,
      baseline: { ...r.baseline, serviceLevel: 0.9900000000000001, eal: 6421509.123456789 },
      risks: r.risks.map((k, i) => (i === 0 ? { ...k, share: 0.30000000000000004, pEvent: 0.1 + 0.2 } : k)),
    };
    const blocks = csvBlocks(csvReport(noisy));
    const summary = blocks.find((b) => b.title === 'Summary')!;
    expect(summary.rows.find((x) => x[0] === 'serviceLevel')![2]).toBe('0.99');
    expect(summary.rows.find((x) => x[0] === 'eal')![2]).toBe('6421509.12');
    const register = blocks.find((b) => b.title === 'Risk register')!;
    const first = register.rows[0]!;
    expect(first[register.header.indexOf('share')]).toBe('0.3');
    expect(first[register.header.indexOf('pEvent')]).toBe('0.3');
    for (const b of blocks) {
      for (const row of b.rows) {
        for (const cell of row) {
          if (!/^-?\d+(\.\d+)?(e-?\d+)?$/.test(cell)) continue;
          const decimals = (cell.split(/e/)[0]!.split('.')[1] ?? '').length;
          const significant = cell.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length;
          expect(decimals <= 2 || significant <= 6, `${b.title}: ${cell} in ${JSON.stringify(row)}`).toBe(true);
        }
      }
    }
  });

  it('money cells stay numbers: negative amounts are not taken for formulas, text that starts with - is', () => {
    const neg: Results = { ...r, treatments: [{ ...r.treatments[0]!, id: '-cmd', name: '=HYPERLINK("x")', netBenefit: -209000.004 }] };
    const block = csvBlocks(csvReport(neg)).find((b) => b.title === 'Treatments')!;
    const row = block.rows[0]!;
    expect(row[0]).toBe("'-cmd");
    expect(row[1]).toBe('\'=HYPERLINK("x")');
    expect(row[block.header.indexOf('netBenefit')]).toBe('-209000');
  });
});
