// Names and ids in scenario files are untrusted: a terminal escape sequence or a bidirectional
// override in them must never reach the terminal from the routes report, the warnings or the errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalScenario } from '../../support/scenario-fixtures.js';
import { REPO, runCli, runMany } from '../../support/run-cli.js';

const UNSAFE = /[\u001b\u009b\u202e]/;

describe('untrusted names on the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainward-tty-'));
  const s = JSON.parse(readFileSync(join(REPO, 'scenarios/us-mexico-crossborder-road.json'), 'utf8'));
  s.flows.find((f: { id: string }) => f.id === 'fc-cdmx-dfw').name = 'Appliances \u001b[31mRED\u001b[0m \u202eevil';
  s.threats[0].regionFactors = { ...(s.threats[0].regionFactors ?? {}), 'ZZ\u001b[2J': 2 };
  const file = join(dir, 'evil.json');
  writeFileSync(file, JSON.stringify(s));

  it('routes, validate warnings and usage errors print no escape sequence or bidi override', async () => {
    const routes = await runCli(['routes', file, '--flow', 'fc-cdmx-dfw', '--carriers', '--trials', '256', '--workers', '1']);
    expect(routes.status).toBe(0);
    expect(routes.stdout).toContain('Appliances  [31mRED [0m  evil'); // shown as spaces
    expect(routes.stdout).not.toMatch(UNSAFE);
    const validate = await runCli(['validate', file]);
    expect(validate.status).toBe(0);
    expect(validate.stderr).toContain('warning');
    expect(validate.stderr).not.toMatch(UNSAFE);
    const bad = await runCli(['routes', file, '--flow', 'no\u001b[2Jflow', '--trials', '256']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(UNSAFE);
  });
});

// C0 (line feed among them), C1, DEL and the bidirectional controls: none may reach a terminal
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** An id or name that tries everything: colour, a CSI in C1 form, a line feed with a fake table row, a carriage return, a bidi override, a bell. */
const evil = (s: string) => `${s}\u001b[31m\u009b2J\n| fake\r\u202e\u0007x`;

/** The minimal scenario with every id and name renamed to an evil one (references follow). */
function evilScenario(): string {
  const s = minimalScenario();
  s.name = evil('Net');
  let text = JSON.stringify(s);
  for (const id of ['sup', 'wh', 'cus', 'l1', 'l2', 'l3', 'l4', 'trk', 'trk2', 'f1', 'f2', 'theft-road', 'fire', 'my-guard', 'tr-guard', 'tr-rail', 'Night guard', 'Guard the warehouse']) {
    text = text.split(JSON.stringify(id)).join(JSON.stringify(evil(id)));
  }
  const o = JSON.parse(text);
  o.threats[0].regionFactors = { [evil('ZZ')]: 2 }; // a warning quoting the key
  o.flows[0].name = evil('Flow');
  o.sites[1].owner = evil('Owner');
  return JSON.stringify(o);
}

/** Every line of a terminal output: no control character, and none that a line feed in a name started. */
function expectSafe(out: string): void {
  for (const line of out.split('\n')) {
    expect(line, JSON.stringify(line)).not.toMatch(CONTROL);
    expect(line.startsWith('| fake'), JSON.stringify(line)).toBe(false);
  }
}

describe('untrusted names with line feeds and C1 controls on the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainward-tty2-'));
  const file = join(dir, 'evil.json');
  writeFileSync(file, evilScenario());
  const broken = JSON.parse(evilScenario());
  broken.lanes[1].from = evil('nowhere'); // an unknown site: an error whose details quote the id
  const bad = join(dir, 'broken.json');
  writeFileSync(bad, JSON.stringify(broken));

  it('validate, run (table), routes, optimize and the errors print every name on its own line, without control characters', async () => {
    const [validate, run, routes, optimize, error, unknownFlow] = await runMany([
      ['validate', file],
      ['run', file, '--trials', '256', '--seed', '1', '--workers', '1', '--sensitivity'],
      ['routes', file, '--flow', evil('f1'), '--carriers', '--trials', '256', '--workers', '1', '--wide'],
      ['optimize', file, '--budget', '100000', '--trials', '128', '--workers', '1'],
      ['validate', bad],
      ['routes', file, '--flow', 'nope', '--trials', '256'], // the error lists the file's flow ids
    ]);
    expect(validate!.status, validate!.stderr).toBe(0);
    // the summary line: one line, the name's controls shown as spaces
    expect(validate!.stdout.split('\n')).toHaveLength(2);
    expect(validate!.stdout).toContain('valid chainward/v1 scenario "Net [31m 2J | fake   x"');
    expect(validate!.stderr.trimEnd().split('\n').every((l) => l.startsWith('chainward: warning: '))).toBe(true);
    expect(run!.status, run!.stderr).toBe(0);
    expect(routes!.status, routes!.stderr).toBe(0);
    expect(optimize!.status, optimize!.stderr).toBe(0);
    expect(optimize!.stdout.split('\n')[0]).toContain('chainward optimize · Net [31m 2J | fake   x ·');
    expect(error!.status).toBe(2);
    expect(error!.stderr).toContain('unknown site "nowhere [31m 2J | fake   x"');
    expect(unknownFlow!.status).toBe(2);
    expect(unknownFlow!.stderr).toContain('f1 [31m 2J | fake   x');
    for (const r of [validate!, run!, routes!, optimize!, error!, unknownFlow!]) {
      expectSafe(r.stdout);
      expectSafe(r.stderr);
    }
  }, 180_000);
});

describe('error messages that quote user text stay one line each, and short', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainward-tty3-'));
  const file = join(dir, 'evil.json');
  writeFileSync(file, evilScenario());
  const huge = JSON.parse(evilScenario());
  huge.lanes[1].from = 'x'.repeat(200_000); // an unknown site with a huge id: the detail is cut
  const hugeFile = join(dir, 'huge.json');
  writeFileSync(hugeFile, JSON.stringify(huge));

  it('--treatments listing the scenario ids, a file path with a line feed, a 200 000-character id', async () => {
    const [treatments, path, long, usage] = await runMany([
      ['run', file, '--treatments', 'nope', '--trials', '256'], // the error lists the scenario's treatment ids
      ['validate', join(dir, 'a\nchainward: wrote /etc/passwd')],
      ['validate', hugeFile],
      ['generate'], // a usage error keeps its usage lines
    ]);
    for (const r of [treatments!, path!, long!]) {
      expect(r.status, r.stderr).toBe(2);
      expectSafe(r.stderr);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('chainward:') && !l.startsWith('chainward: warning:')), r.stderr).toHaveLength(1);
    }
    expect(treatments!.stderr).toContain('tr-guard [31m 2J | fake   x');
    expect(path!.stderr).toContain('a chainward: wrote /etc/passwd');
    expect(long!.stderr.length).toBeLessThan(5000);
    expect(long!.stderr).toContain('…');
    expect(usage!.status).toBe(2);
    expect(usage!.stderr).toContain('\n\nusage: chainward generate');
  }, 120_000);
});
