// Scenario warnings through the real command line: `validate` and `run` print them on standard error
// and still exit 0; `--quiet` silences them; `run --format json` carries them in `warnings`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalScenario } from '../../support/scenario-fixtures.js';
import { runMany, stackProblem, type CliResult } from '../../support/run-cli.js';

let dir: string;
let file: string;
let validate: CliResult;
let validateQuiet: CliResult;
let run: CliResult;
let runQuiet: CliResult;
let clean: CliResult;

/** The minimal scenario plus a threat on air lanes, which it has none of. */
function scenarioWithWarnings() {
  const s = minimalScenario();
  s.threats.push({ id: 'theft-air', category: 'theft', appliesTo: { kind: 'lane', modes: ['air'] }, frequency: { perYear: 0.1 }, loss: { amount: { fixed: 1000 } } });
  return s;
}

const EXPECTED = [
  'sites[0].controls[0]: control "cctv-docks" acts on theft, intrusion, tampering, but no such threat applies to site "sup": it changes nothing there',
  'threats[3].appliesTo: selects no lane (no lane has mode "air"): threat "theft-air" never happens',
  'treatments[0].changes[0].addControls[0]: control "my-guard" acts on theft',
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-cli-warnings-'));
  file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenarioWithWarnings(), null, 2));
  [validate, validateQuiet, run, runQuiet, clean] = (await runMany([
    ['validate', file],
    ['validate', file, '--quiet'],
    ['run', file, '--trials', '200', '--workers', '1', '--treatments', 'none', '--format', 'json', '--out', join(dir, 'results.json')],
    ['run', file, '--trials', '200', '--workers', '1', '--treatments', 'none', '--format', 'json', '--quiet'],
    ['validate', 'scenarios/eu-electronics-inbound.json'],
  ])) as [CliResult, CliResult, CliResult, CliResult, CliResult];
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const show = (r: CliResult) => `chainward ${r.args.join(' ')} → ${r.status}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

describe('chainward validate', () => {
  it('prints each warning on stderr as "chainward: warning: FILE: PATH: MESSAGE" and exits 0', () => {
    expect(validate.status, show(validate)).toBe(0);
    expect(stackProblem(validate.stderr)).toBeUndefined();
    const lines = validate.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    EXPECTED.forEach((e, i) => expect(lines[i]).toContain(`chainward: warning: ${file}: ${e}`));
  });

  it('still says the scenario is valid, with the number of warnings', () => {
    expect(validate.stdout).toContain('valid chainward/v1 scenario "Test network"');
    expect(validate.stdout).toContain('4 treatments (3 warnings)');
  });

  it('--quiet silences them', () => {
    expect(validateQuiet.status, show(validateQuiet)).toBe(0);
    expect(validateQuiet.stderr).toBe('');
    expect(validateQuiet.stdout).toContain('(3 warnings)');
  });

  it('a scenario without warnings: nothing on stderr, no count', () => {
    expect(clean.status, show(clean)).toBe(0);
    expect(clean.stderr).toBe('');
    expect(clean.stdout).not.toContain('warning');
  });
});

describe('chainward run', () => {
  it('prints the warnings before simulating and exits 0', () => {
    expect(run.status, show(run)).toBe(0);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('chainward: warning: '));
    expect(lines).toHaveLength(3);
    EXPECTED.forEach((e, i) => expect(lines[i]).toContain(`chainward: warning: ${file}: ${e}`));
  });

  it('--format json carries them as `warnings`: [{ path, message }]', () => {
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { warnings: Array<{ path: string; message: string }> };
    expect(results.warnings.map((w) => `${w.path}: ${w.message}`).map((t, i) => t.startsWith(EXPECTED[i]!))).toEqual([true, true, true]);
    expect(results.warnings.every((w) => Object.keys(w).sort().join() === 'message,path')).toBe(true);
  });

  it('--quiet silences them on stderr but keeps them in the results', () => {
    expect(runQuiet.status, show(runQuiet)).toBe(0);
    expect(runQuiet.stderr).toBe('');
    const results = JSON.parse(runQuiet.stdout) as { warnings: unknown[] };
    expect(results.warnings).toHaveLength(3);
  });
});
