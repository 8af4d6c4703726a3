// `run` and `merge` take --top N (risks listed) and --wide (nothing cut to 120 columns) for the
// table and Markdown reports; the terminal output of `run` and `controls` fits 120 columns; a bad
// --top is a usage error (exit 2) that names the option.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMany, stackProblem, type CliResult } from '../../support/run-cli.js';

const chars = (l: string) => [...l].length;
const tooWide = (text: string) => text.split('\n').filter((l) => chars(l) > 120);
const show = (r: CliResult) => `chainward ${r.args.join(' ')} → ${r.status}\n--- stderr ---\n${r.stderr}`;

let dir: string;
let top3: CliResult, wide: CliResult, plain: CliResult, mdTop: CliResult, badTop: CliResult, controls: CliResult, shard: CliResult, merged: CliResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-report-options-'));
  const base = ['run', '--trials', '2048', '--workers', '1', '--quiet'];
  const part = join(dir, 'part.json');
  [top3, wide, plain, mdTop, badTop, controls, shard] = (await runMany([
    [...base, '--top', '3'],
    [...base, '--wide'],
    [...base, '--sensitivity'],
    [...base, '--format', 'md', '--top', '4'],
    [...base, '--top', '0'],
    ['controls'],
    [...base, '--shard', '1/1', '--out', part],
  ])) as CliResult[] as [CliResult, CliResult, CliResult, CliResult, CliResult, CliResult, CliResult];
  [merged] = (await runMany([['merge', part, '--top', '2', '--quiet']])) as [CliResult];
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('run and merge: --top and --wide', () => {
  it('run --top 3 lists three risks', () => {
    expect(top3.status, show(top3)).toBe(0);
    expect(top3.stdout).toMatch(/^Top 3 of \d+ risks by expected annual loss$/m);
    expect(top3.stdout).toMatch(/^ ?3 {2}\S+@/m);
    expect(top3.stdout).not.toMatch(/^ ?4 {2}\S+@/m);
  });

  it('run fits 120 columns by default, --sensitivity included; --wide shows names whole', () => {
    expect(plain.status, show(plain)).toBe(0);
    expect(tooWide(plain.stdout)).toEqual([]);
    expect(plain.stdout).toMatch(/^Sensitivity: /m);
    expect(wide.status, show(wide)).toBe(0);
    // the default scenario's longest treatment name is cut in the default table, whole with --wide
    const name = 'Move Dortmund laptops from sea via Hamburg to rail via Duisburg';
    expect(plain.stdout).not.toContain(name);
    expect(wide.stdout).toContain(name);
  });

  it('run --format md --top 4 lists four risks', () => {
    expect(mdTop.status, show(mdTop)).toBe(0);
    expect(mdTop.stdout).toMatch(/^## Risk register: top 4 of \d+ risks/m);
    expect(mdTop.stdout).toMatch(/^\| 4 \| /m);
    expect(mdTop.stdout).not.toMatch(/^\| 5 \| /m);
  });

  it('merge --top 2 lists two risks', () => {
    expect(shard.status, show(shard)).toBe(0);
    expect(merged.status, show(merged)).toBe(0);
    expect(merged.stdout).toMatch(/^Top 2 of \d+ risks by expected annual loss$/m);
  });

  it('--top 0 is a usage error naming the option, exit 2, no stack trace', () => {
    expect(badTop.status, show(badTop)).toBe(2);
    expect(badTop.stderr).toMatch(/--top: expected a whole number from 1 to 1000000, got "0"/);
    expect(stackProblem(badTop.stderr)).toBeUndefined();
    expect(badTop.stdout).toBe('');
  });
});

describe('controls', () => {
  it('the catalog table fits 120 columns', () => {
    expect(controls.status, show(controls)).toBe(0);
    expect(tooWide(controls.stdout)).toEqual([]);
    expect(controls.stdout).toContain('perimeter-fence');
  });
});
