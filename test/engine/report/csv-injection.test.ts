// CSV formula injection (OWASP): a cell whose text starts with =, +, -, @, a tab or a carriage
// return is prefixed with a single quote whatever the cell's type (text, a list such as a risk's
// controls, a number that is not finite), in `run --format csv` and in the explorer's Results CSV,
// which share one cell function. A finite number written by the program stays a plain number, so a
// negative money delta is -1200, while the text "-1200" coming from a scenario is quoted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { csvCell, csvReport } from '../../../engine/report/csv.js';
import { resultsCsv } from '../../../explorer/io/export.js';
import { REPO, runCli } from '../../support/run-cli.js';
import { csvBlocks, fullResults, parseCsv } from '../../support/report-fixture.js';

const HYPERLINK = '=HYPERLINK("http://x","y")';

/** A cell a spreadsheet could run: starts with a formula character and is not a plain number. */
function runnable(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?(e[+-]\d+)?$/.test(cell);
}

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    [HYPERLINK, `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-1200', "'-1200"], // text from a scenario, even if it looks like a number
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['two\nlines', '"two\nlines"'],
  ])('text %j → %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('a list cell (a risk\'s controls) is guarded like text', () => {
    expect(csvCell([HYPERLINK, 'cctv'])).toBe(`"'=HYPERLINK(""http://x"",""y"") cctv"`);
    expect(csvCell(['\tx'])).toBe("'\tx");
    expect(csvCell(['cctv', '=1+1'])).toBe('cctv =1+1'); // starts with text: nothing to run
  });

  it('finite numbers stay plain numbers, negative ones included; numbers that are not finite are guarded', () => {
    expect(csvCell(-1200)).toBe('-1200');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(-1.5e-7)).toBe('-1.5e-7');
    expect(csvCell(-1e21)).toBe('-1e+21');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(-Infinity)).toBe("'-Infinity");
    expect(csvCell(Infinity)).toBe('Infinity');
    expect(csvCell(NaN)).toBe('NaN');
  });

  it('other types: empty for null and undefined, booleans as words', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
});

describe('csvReport and the explorer\'s Results CSV', () => {
  let r: Results;
  let hostile: Results;
  beforeAll(async () => {
    r = await fullResults();
    // user text in every section that carries some: ids, names, owners, controls, warnings, the run
    hostile = {
      ...r,
      scenario: '@scenario',
      risks: r.risks.map((k, i) => (i === 0 ? { ...k, threat: '\t=1+1', owner: '+owner', controls: [HYPERLINK, 'x'] } : k)),
      treatments: r.treatments.map((t, i) => (i === 0 ? { ...t, id: '-1200', name: '\r=2+2', netBenefit: -1200 } : t)),
      flows: r.flows.map((f, i) => (i === 0 ? { ...f, id: '=flow' } : f)),
      riskControlList: r.riskControlList.map((e, i) => (i === 0 ? { ...e, risk: '=risk', options: e.options.map((o) => ({ ...o, description: '@desc', controls: ['-ctl'] })) } : e)),
      warnings: [{ path: '=path', message: '-message' }],
    };
  }, 120_000);

  it('the risk register\'s controls column: a control id that is a formula is quoted', () => {
    const risks = csvBlocks(csvReport(hostile)).find((b) => b.title === 'Risk register')!;
    const row = risks.rows[0]!;
    expect(row[risks.header.indexOf('controls')]).toBe(`'${HYPERLINK} x`);
    expect(row[risks.header.indexOf('threat')]).toBe("'\t=1+1");
    expect(row[risks.header.indexOf('owner')]).toBe("'+owner");
  });

  it('no cell of any block can run: every formula-looking cell is quoted or a plain number', () => {
    const cells = parseCsv(csvReport(hostile)).flat();
    expect(cells.filter(runnable)).toEqual([]);
    // the hostile texts are all there, quoted
    for (const text of ['@scenario', '\t=1+1', '+owner', '-1200', '=flow', '=risk', '@desc', '-ctl', '=path', '-message']) {
      expect(cells, text).toContain(`'${text}`);
    }
    expect(cells).toContain("'\r=2+2");
  });

  it('a negative money figure stays a number next to a text id that looks like one', () => {
    const t = csvBlocks(csvReport(hostile)).find((b) => b.title === 'Treatments')!;
    const row = t.rows[0]!;
    expect(row[t.header.indexOf('id')]).toBe("'-1200");
    expect(row[t.header.indexOf('netBenefit')]).toBe('-1200');
  });

  it('the explorer exports the same text (one cell function, no second copy)', () => {
    expect(resultsCsv(hostile)).toBe(csvReport(hostile));
    const explorerSource = readFileSync(join(REPO, 'explorer/io/export.ts'), 'utf8');
    expect(explorerSource).toContain("from '../../engine/report/csv.js'");
  });
});

describe('run --format csv', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chainward-csv-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a control id that is a formula reaches the risk register quoted', async () => {
    const text = readFileSync(join(REPO, 'scenarios/eu-electronics-inbound.json'), 'utf8');
    // every reference to the control renamed (JSON string escaping for the quotes)
    const scenario = text.replaceAll('"fsr-a-facility"', JSON.stringify(HYPERLINK)).replaceAll('"theft-dc-warehouse"', '"\\t=1+1"');
    expect(scenario).not.toBe(text);
    const file = join(dir, 'hostile.json');
    writeFileSync(file, scenario);
    const res = await runCli(['run', file, '--trials', '1024', '--seed', '1', '--workers', '1', '--format', 'csv', '--quiet']);
    expect(res.status, res.stderr).toBe(0);
    const cells = parseCsv(res.stdout).flat();
    expect(cells.filter(runnable)).toEqual([]);
    expect(cells.some((c) => c.startsWith(`'${HYPERLINK}`))).toBe(true);
    expect(cells).toContain("'\t=1+1"); // the threat column

  }, 120_000);
});
