// YAML scenario files through the real command line: a YAML copy of the default scenario (converted
// here, not shipped) runs to the same results bytes as the JSON; `validate x.yaml` works; a mistake is
// reported at its line and column; keys given twice, __proto__ and an alias bomb are refused with exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runMany, stackProblem } from '../../support/run-cli.js';
import { parseInput } from '../../../engine/results/parse-input.js';

const SCENARIO = 'scenarios/eu-electronics-inbound.json';
const dir = mkdtempSync(join(tmpdir(), 'chainward-yaml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('YAML scenario files', () => {
  it('run, validate and compare take YAML; mistakes are shown at line:column', async () => {
    const data = JSON.parse(readFileSync(SCENARIO, 'utf8'));
    const yamlFile = join(dir, 'eu.yaml');
    writeFileSync(yamlFile, stringify(data));
    // sites[1].lat made 91: the YAML line of that value
    const badData = structuredClone(data);
    badData.sites[1].lat = 91;
    const badText = stringify(badData);
    const badFile = join(dir, 'bad.yml');
    writeFileSync(badFile, badText);
    const latLine = badText.split('\n').findIndex((l) => /^\s+lat: 91$/.test(l)) + 1;
    const latColumn = badText.split('\n')[latLine - 1]!.indexOf('91') + 1;
    const dupFile = join(dir, 'dup.yaml');
    const dupText = stringify(data).replace(/^name: /m, 'name: first\nname: ');
    writeFileSync(dupFile, dupText);
    const dupLine = dupText.split('\n').indexOf('name: EU electronics inbound') + 1;
    const protoFile = join(dir, 'proto.yaml');
    writeFileSync(protoFile, stringify(data).replace(/^threats:\n/m, 'threats:\n  - __proto__: {polluted: true}\n'));
    const bombFile = join(dir, 'bomb.yaml');
    const names = 'abcdefghi';
    writeFileSync(bombFile, ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...[...names].slice(1).map((n, k) => `${n}: &${n} [${Array(9).fill(`*${names[k]}`).join(', ')}]`)].join('\n') + '\n');

    const run = ['--trials', '2000', '--workers', '1', '--format', 'json', '--seed', '7'];
    const applied = join(dir, 'applied.json');
    const calibrated = join(dir, 'calibrated.json');
    const [fromJson, fromYaml, valid, bad, dup, proto, bomb, compared, apply, calibrate] = await runMany([
      ['run', SCENARIO, ...run],
      ['run', yamlFile, ...run],
      ['validate', yamlFile],
      ['validate', badFile],
      ['run', dupFile],
      ['validate', protoFile],
      ['validate', bombFile],
      ['compare', SCENARIO, yamlFile, '--trials', '1000', '--workers', '1', '--format', 'json'],
      ['apply', yamlFile, '--treatment', data.treatments[0].id, '--any-status', '--out', applied],
      ['calibrate', yamlFile, '--incidents', 'scenarios/incidents/eu-electronics-inbound.csv', '--out', calibrated],
    ]);
    expect(fromJson!.status).toBe(0);
    expect(fromYaml!.status).toBe(0);
    // the same bytes but for the timing block, which no two runs share
    const untimed = (s: string) => s.replace(/"run": \{[^}]*\}/, '"run": {}');
    expect(untimed(fromYaml!.stdout)).toBe(untimed(fromJson!.stdout));
    expect(untimed(fromJson!.stdout)).toContain('"run": {}');
    expect(valid!.status).toBe(0);
    expect(valid!.stdout).toMatch(/eu\.yaml: valid chainward\/v1 scenario "EU electronics inbound": 19 sites, 29 lanes/);

    expect(bad!.status).toBe(2);
    expect(bad!.stderr).toContain(`${badFile}:${latLine}:${latColumn}: sites[1].lat: expected a value ≤ 90, got 91`);
    expect(dup!.status).toBe(2);
    expect(dup!.stderr).toContain(`${dupFile}:${dupLine}:1: (file): invalid YAML: a key given twice in one mapping, expected each key once`);
    expect(proto!.status).toBe(2);
    expect(proto!.stderr).toMatch(/proto\.yaml:\d+:\d+: threats\[0\]\.__proto__: key "__proto__" is not allowed/);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(bomb!.status).toBe(2);
    expect(bomb!.stderr).toContain('more aliases than a scenario needs');
    expect(compared!.status).toBe(0);
    // apply and calibrate edit a scenario's text: a YAML scenario is written back as JSON
    expect(apply!.status, apply!.stderr).toBe(0);
    expect(JSON.parse(readFileSync(applied, 'utf8')).treatments.map((t: { id: string }) => t.id)).not.toContain(data.treatments[0].id);
    expect(calibrate!.status, calibrate!.stderr).toBe(0);
    expect(JSON.parse(readFileSync(calibrated, 'utf8')).calibration.incidents).toBe('eu-electronics-inbound.csv');
    for (const r of [bad, dup, proto, bomb]) expect(stackProblem(r!.stderr)).toBeUndefined();
  }, 240_000);

  it('parseInput: a .yaml name reads YAML (the explorer passes the file name), other names JSON', () => {
    const text = stringify(JSON.parse(readFileSync(SCENARIO, 'utf8')));
    expect(parseInput(text, 'eu.yaml').kind).toBe('scenario');
    expect(parseInput(text, 'eu.YML').kind).toBe('scenario');
    expect(parseInput(text, 'eu.json').kind).toBe('invalid');
    const bad = parseInput('format: chainward/v1\nname: x\nsites: []\nthreats: []\nlanes: 3\n', 'x.yaml');
    expect(bad).toEqual({ kind: 'invalid', issues: [{ path: 'lanes', message: 'expected array, got 3', line: 5, column: 8 }] });
  });
});
