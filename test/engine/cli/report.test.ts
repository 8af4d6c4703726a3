// `chainward report`: --help, the Markdown pack without a browser (from a scenario and from results,
// with --scenario and --compare), and bad input as exit status 2 naming the place, with nothing
// written: a broken scenario, a scenario that is not the results', options that do not fit, and a
// missing browser for HTML (CHAINWARD_CHROMIUM pointing nowhere). HTML and PDF are checked in
// Chromium by test/e2e/review-pack.e2e.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../engine/cli/scenario-file.js';
import { PACK_SECTIONS } from '../../../engine/report/review-pack.js';
import { runCli, stackProblem } from '../../support/run-cli.js';
import { runMain } from '../../support/run-main.js';

let dir: string;
let results: string;
const SIM = ['--trials', '1024', '--seed', '3', '--workers', '1', '--quiet'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-report-'));
  results = join(dir, 'results.json');
  expect((await runMain(['run', DEFAULT_SCENARIO, ...SIM, '--format', 'json', '--out', results])).status).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headings = (md: string) => md.split('\n').filter((l) => /^## \d+\. /.test(l)).map((l) => l.replace(/^## \d+\. /, ''));

describe('chainward report', () => {
  it('report --help names the formats, the browser it needs and where it looks', async () => {
    const r = await runMain(['report', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--format html|pdf|md');
    expect(r.stdout).toContain('--compare PREVIOUS.json');
    expect(r.stdout).toContain('CHAINWARD_CHROMIUM');
    expect(r.stdout).toContain('apt-get install chromium');
  });

  it('report --format md simulates a scenario and writes every section, with no browser at all', async () => {
    const out = join(dir, 'pack.md');
    const r = await runCli(['report', DEFAULT_SCENARIO, '--format', 'md', '--date', '2026-12-01', ...SIM, '--out', out], 120_000, { CHAINWARD_CHROMIUM: join(dir, 'no-such-browser') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(headings(md)).toEqual(PACK_SECTIONS.filter((s) => s.id !== 'changes').map((s) => s.title));
    // the scenario at hand: the elements' controls are measured, the review date marks the plan
    expect(md).toContain('| element | controls | annual cost | loss avoided | 95 % interval | avoided per unit of cost |');
    expect(md).toContain('| review date | 2026-12-01 |');
    // the same input gives the same bytes
    const again = join(dir, 'pack-again.md');
    expect((await runMain(['report', DEFAULT_SCENARIO, '--format', 'md', '--date', '2026-12-01', ...SIM, '--out', again])).status).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(md);
  });

  it('report --format md of results takes --scenario (checked by its hash) and --compare', async () => {
    const r = await runMain(['report', results, '--scenario', DEFAULT_SCENARIO, '--compare', results, '--format', 'md', '--quiet']);
    expect(r.status).toBe(0);
    expect(headings(r.stdout)).toEqual(PACK_SECTIONS.map((s) => s.title));
    expect(r.stdout).toContain('**Headline figures: previous review → this review**');
    expect(r.stdout).not.toContain('Not available: the map needs the network');
    // without the scenario, the sections that need it say what to pass
    const alone = await runMain(['report', results, '--format', 'md', '--quiet']);
    expect(alone.status).toBe(0);
    expect(alone.stdout).toContain('pass --scenario SCENARIO.json (the scenario these results were run on)');
  });

  it('report --format md of results run with --treatments none takes the treatment plan from --scenario and says how to run the treatments', async () => {
    const bare = join(dir, 'results-none.json');
    expect((await runMain(['run', DEFAULT_SCENARIO, ...SIM, '--treatments', 'none', '--format', 'json', '--out', bare])).status).toBe(0);
    const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as { treatments: Array<{ name: string; status?: string; owner?: string }> };
    const r = await runMain(['report', bare, '--scenario', DEFAULT_SCENARIO, '--format', 'md', '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('the treatment plan is empty');
    for (const t of scenario.treatments) expect(r.stdout).toContain(`| ${t.name} | ${t.status ?? 'proposed'} | ${t.owner ?? '—'} |`);
    expect(r.stdout).toContain('These results were run without treatments');
    expect(r.stdout).toContain('chainward run SCENARIO.json --treatments all');
  }, 120_000);

  it('report of a broken scenario: exit 2 naming the file and the JSON path, nothing written', async () => {
    const bad = join(dir, 'bad.json');
    const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
    scenario.lanes[2].to = 'dc-nowhere';
    writeFileSync(bad, JSON.stringify(scenario));
    const out = join(dir, 'bad.md');
    const r = await runCli(['report', bad, '--format', 'md', '--out', out, ...SIM]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}: lanes[2].to: unknown site "dc-nowhere"`);
    expect(stackProblem(r.stderr)).toBeUndefined();
    expect(existsSync(out)).toBe(false);
  });

  it('report --format html without a browser: exit 2 naming where it looked and how to install one, nothing written', async () => {
    const out = join(dir, 'pack.html');
    const nowhere = join(dir, 'no-such-browser');
    const r = await runCli(['report', results, '--out', out], 60_000, { CHAINWARD_CHROMIUM: nowhere });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `chainward: report --format html needs a Chromium browser (headless): CHAINWARD_CHROMIUM=${nowhere} is not an executable file. Install one (Debian or Ubuntu: apt-get install chromium) or set CHAINWARD_CHROMIUM to the path of a Chromium or Chrome executable; --format md needs no browser\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('report --format pdf with a browser that does not start: exit 2 naming it, nothing written', async () => {
    const out = join(dir, 'pack.pdf');
    const r = await runCli(['report', results, '--format', 'pdf', '--out', out], 60_000, { CHAINWARD_CHROMIUM: '/bin/false' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^chainward: report --format pdf: the browser at \/bin\/false did not start \(.*\); set CHAINWARD_CHROMIUM to a working Chromium or Chrome, or use --format md \(no browser\)\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('report refuses options that do not fit, each with exit 2 and the option named', async () => {
    const other = join(dir, 'other.json');
    const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
    scenario.name = 'Another scenario';
    writeFileSync(other, JSON.stringify(scenario));
    const cases: Array<[string[], RegExp]> = [
      [['report', results, '--scenario', other, '--format', 'md'], /^chainward: --scenario: .*other\.json is not the scenario results\.json was run on \(its hash is sha256:/],
      [['report', results, '--trials', '500', '--format', 'md'], /^chainward: --trials: results\.json holds results, which keep the trials and seed/],
      [['report', DEFAULT_SCENARIO, '--scenario', DEFAULT_SCENARIO, '--format', 'md'], /^chainward: --scenario: eu-electronics-inbound\.json is a scenario already/],
      [['report', results, '--compare', DEFAULT_SCENARIO, '--format', 'md'], /^chainward: --compare: .* is a scenario; give the previous review's results/],
      [['report', results, '--format', 'pdf'], /^chainward: --format pdf needs --out FILE/],
      [['report', results, '--format', 'md', '--paper', 'letter'], /^chainward: --paper sets the paper of the PDF/],
      [['report', results, '--format', 'docx'], /^chainward: --format: expected one of html, pdf, md, got "docx"/],
      [['report', results, '--format', 'md', '--date', '2026-02-30'], /^chainward: --date: expected a date YYYY-MM-DD/],
      [['report'], /^chainward: report takes one results or scenario file, got 0/],
    ];
    for (const [args, message] of cases) {
      const r = await runMain(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
