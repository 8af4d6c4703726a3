// `chainward stress`: --help with an example; the default scenario as a table of at most 120 columns,
// as JSON (chainward-stress/v1, the engine's figures) and as Markdown; --out written whole; the same
// bytes twice; bad input (an invalid scenario with the problems `validate` prints, a bad option, a
// missing file) exits 2 with nothing written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../../engine/cli/scenario-file.js';
import { manyProblemsScenario } from '../../support/scenario-fixtures.js';
import { runCli } from '../../support/run-cli.js';
import { runMain } from '../../support/run-main.js';
import { stressScenario } from '../analysis/stress-fixture.js';
import { num } from '../../../engine/text/format.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-stress-'));
  writeFileSync(join(dir, 'broken.json'), JSON.stringify(manyProblemsScenario().scenario, null, 2));
  writeFileSync(join(dir, 'example.json'), JSON.stringify(stressScenario(), null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two sites and a lane, no flows and no threats; the supplier's id holds control characters. */
function bareNetwork(name: string) {
  return {
    format: 'chainward/v1',
    name,
    sites: [
      { id: 'a\u001b]0;pwn\u0007', kind: 'supplier', ttrDays: 3 },
      { id: 'b', kind: 'customer' },
    ],
    lanes: [{ id: 'l', from: 'a\u001b]0;pwn\u0007', to: 'b', mode: 'road', transitDays: 1 }],
    threats: [],
  };
}

describe('chainward stress', () => {
  it('--help: what it does, usage, each option with its default, an example; exit 0', async () => {
    const r = await runMain(['stress', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('chainward stress: the stress test');
    expect(r.stdout).toContain('usage: chainward stress scenario.json');
    expect(r.stdout).toMatch(/--format table\|json\|md\s+table \(120 columns\)[^]*\(default: table\)\n  --top N/);
    expect(r.stdout).toContain('--top N');
    expect(r.stdout).toContain('example:\n  chainward stress scenarios/eu-electronics-inbound.json');
    expect((await runMain(['help'])).stdout).toContain('chainward stress scenario.json [options]');
  });

  it('the default scenario as a table: every line within 120 columns, the ranking, the flag, ∞ for unlimited TTS, the cut sets', async () => {
    const r = await runCli(['stress', DEFAULT_SCENARIO]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(120);
    expect(lines[0]).toBe('chainward stress · EU electronics inbound · 19 sites, 29 lanes, 11 flows · deterministic, no sampling');
    expect(r.stdout).toMatch(/^!\s+1\s+fac-sz-longhua\s+factory\s+68\.9\s+disruption-fire-flood\s+4\s+€53M\s+1\s/m);
    expect(r.stdout).toMatch(/^\s+9\s+port-rotterdam\s+port\s+10\s+disruption-port-closure\s+∞\s+€148K\s+0\.0028\s+—\s+3$/m);
    expect(r.stdout).toContain('Not stressed (no TTR): 29 elements');
    expect(r.stdout).toContain('Minimal cut sets (reverse stress test)');
    expect(r.stdout).toMatch(/^fl-laptops-lyon\s+fac-dg-songshan \(origin\), dc-lyon\s+4: \{port-rotterdam, dc-venlo\}/m);
  });

  it('the default scenario as JSON: the engine’s figures, null for unlimited TTS, ranked, the same bytes twice', async () => {
    const a = await runMain(['stress', DEFAULT_SCENARIO, '--format', 'json']);
    const b = await runMain(['stress', DEFAULT_SCENARIO, '--format', 'json']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout);
    expect(j.format).toBe('chainward-stress/v1');
    expect(j).toMatchObject({ scenario: 'EU electronics inbound', currency: 'EUR', sites: 19, lanes: 29, flows: 11, stressed: 19, notStressed: 29, needsMitigation: 8, maxPairElements: 500 });
    expect(j.elements).toHaveLength(48);
    expect(j.elements[0]).toMatchObject({ rank: 1, id: 'fac-sz-longhua', rei: 1, needsMitigation: true, ttsDays: 4, ttrSource: 'disruption-p90' });
    expect(j.elements[0].loss).toBe(j.worstLoss);
    const rotterdam = j.elements.find((e: { id: string }) => e.id === 'port-rotterdam');
    expect(rotterdam.ttsDays).toBeNull();
    expect(j.cutSets).toHaveLength(11);
  });

  it('REI is shown to two significant digits as the review pack shows it: a small exposure is never 0.00, and 0 only for no loss', async () => {
    const j = JSON.parse((await runMain(['stress', DEFAULT_SCENARIO, '--format', 'json'])).stdout) as { elements: Array<{ rank: number; id: string; loss: number | null; rei: number | null }> };
    const table = (await runMain(['stress', DEFAULT_SCENARIO, '--top', '100'])).stdout;
    const md = (await runMain(['stress', DEFAULT_SCENARIO, '--top', '100', '--format', 'md'])).stdout;
    let small = 0;
    for (const e of j.elements.filter((x) => x.rei !== null)) {
      const shown = num(e.rei!, 2);
      if (e.loss! > 0) expect(Number(shown), e.id).toBeGreaterThan(0);
      else expect(shown, e.id).toBe('0');
      if (e.rei! > 0 && e.rei! < 0.005) small++;
      expect(table, e.id).toMatch(new RegExp(`^.\\s+${e.rank}\\s+${e.id}\\s.*\\s${shown.replace('.', '\\.')}\\s`, 'm'));
      expect(md, e.id).toMatch(new RegExp(`\\| ${e.rank} \\| ${e.id} \\|.*\\| ${shown.replace('.', '\\.')} \\|`));
    }
    expect(small).toBeGreaterThan(3); // port-rotterdam €148K ÷ €53M = 0.0028, and others below 0.005
    expect(table).not.toMatch(/ 0\.00 /);
  });

  it('Markdown: headings and tables, names escaped; --out writes the file whole and says so', async () => {
    const out = join(dir, 'stress.md');
    const r = await runMain(['stress', join(dir, 'example.json'), '--format', 'md', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`wrote ${out}\n`);
    const md = readFileSync(out, 'utf8');
    expect(md.startsWith('# Stress test: Stress test example\n')).toBe(true);
    expect(md).toContain('## Elements by loss over their time to recover');
    expect(md).toContain('| flag | # | element | kind | TTR days | TTR from | TTS days | loss | REI | flows cut | flows rerouted |');
    expect(md).toContain('| ! | 1 | A | supplier | 20 | ttrDays | 5 | €15K | 1 | f1 | 0 |');
    expect(md).toContain('| 3 | b-d | sea | 11.5 | sea-service | ∞ | €2.88K | 0.19 | — | 1 |');
    expect(md).toContain('## Minimal cut sets (reverse stress test)');
    expect(md).toContain('9: {B, C}, {B, a-c}');
  });

  it('bad input: an invalid scenario prints the problems as validate does; exit 2, nothing written', async () => {
    const broken = join(dir, 'broken.json');
    const out = join(dir, 'never.json');
    const v = await runMain(['validate', broken]);
    const s = await runMain(['stress', broken, '--out', out]);
    expect(s.status).toBe(2);
    expect(s.stdout).toBe('');
    expect(s.stderr).toBe(v.stderr);
    expect(s.stderr).toContain(`${broken}: lanes[3].to:`);
    expect(existsSync(out)).toBe(false);
  });

  it('bad usage exits 2 with one line naming the problem: a bad format, no file, two files, a missing file, a bad --top', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['stress', DEFAULT_SCENARIO, '--format', 'csv'], /^chainward: --format: expected table, json or md, got "csv"\n$/],
      [['stress'], /^chainward: stress takes exactly one scenario file, got 0\n\nusage: chainward stress/],
      [['stress', DEFAULT_SCENARIO, DEFAULT_SCENARIO], /^chainward: stress takes exactly one scenario file, got 2/],
      [['stress', join(dir, 'missing.json')], /^chainward: cannot read .*missing\.json/],
      [['stress', DEFAULT_SCENARIO, '--top', '0'], /^chainward: --top: expected a whole number from 1 to/],
      [['stress', DEFAULT_SCENARIO, '--trials', '5'], /^chainward: unknown option --trials/],
    ];
    for (const [args, message] of cases) {
      const r = await runMain(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('a network without flows: "no flows: nothing to stress" and no table of €0 rows; names reach the terminal without control characters', async () => {
    const bare = bareNetwork('Bare \u001b[31mred');
    writeFileSync(join(dir, 'bare.json'), JSON.stringify(bare));
    for (const format of ['table', 'md']) {
      const r = await runMain(['stress', join(dir, 'bare.json'), '--format', format]);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(r.stdout).toContain('2 sites, 1 lane, 0 flows');
      expect(r.stdout).toContain('No flows: nothing to stress.');
      expect(r.stdout, format).not.toMatch(/\$0|REI|every flow it touches|cut sets/);
    }
    expect((await runMain(['stress', join(dir, 'bare.json')])).stdout).toContain('chainward stress · Bare [31mred · 2 sites, 1 lane, 0 flows');
  });

  it('a network with a flow: hostile names reach the terminal without control characters; nothing to stress without a TTR says so', async () => {
    const bare = { ...bareNetwork('Bare'), flows: [{ id: 'f\u001b[2J', from: 'a\u001b]0;pwn\u0007', to: 'b', valuePerYear: 1e6, shipmentsPerYear: 365, bufferDays: 5, interruptionCostPerDay: 0 }] };
    writeFileSync(join(dir, 'flow.json'), JSON.stringify(bare));
    const r = await runMain(['stress', join(dir, 'flow.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stdout).toMatch(/^\s+1\s+a \]0;pwn\s+supplier\s+3\s+ttrDays\s+5\s+\$0\s+0\s+f \[2J\s+0$/m);
    expect(r.stdout).toContain('every flow it touches');
    bare.sites[0]!.ttrDays = undefined as unknown as number;
    writeFileSync(join(dir, 'flow.json'), JSON.stringify(bare));
    const none = await runMain(['stress', join(dir, 'flow.json'), '--format', 'md']);
    expect(none.stdout).toContain('Give sites and lanes a ttrDays, or the disruption threats that apply to them a downtimeDays, to stress them.');
  });
});
