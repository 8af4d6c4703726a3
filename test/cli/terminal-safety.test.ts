// Names and ids in scenario files are untrusted: a terminal escape sequence or a bidirectional
// override in them must never reach the terminal from the routes report, the warnings or the errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli.js';

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
