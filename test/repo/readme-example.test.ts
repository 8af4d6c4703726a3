// The scenario example in README.md ("The scenario format") runs as given: taken from the README,
// its comments removed, it must validate, have no warnings and simulate — so the README can never
// show a scenario the engine rejects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { validateScenario } from '../../engine/validate/validate.js';
import { scenarioWarnings } from '../../engine/validate/warnings.js';
import { REPO } from '../support/run-cli.js';

/** The first ```jsonc block after the heading that starts with `heading`. */
function jsoncBlockAfter(markdown: string, heading: string): string {
  const at = markdown.split('\n').findIndex((l) => l.startsWith(heading));
  if (at < 0) throw new Error(`README.md has no heading "${heading}"`);
  const rest = markdown.split('\n').slice(at + 1);
  const open = rest.findIndex((l) => l.trim() === '```jsonc');
  const next = rest.findIndex((l) => l.startsWith('## '));
  if (open < 0 || (next >= 0 && next < open)) throw new Error(`no \`\`\`jsonc block under "${heading}"`);
  const close = rest.findIndex((l, i) => i > open && l.trim() === '```');
  return rest.slice(open + 1, close).join('\n');
}

/** JSON text without `//` and `/* *\/` comments; comment marks inside strings are kept. */
function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error('an unterminated /* comment');
      i = end + 1;
    } else out += c;
  }
  return out;
}

describe('stripJsonComments', () => {
  it('removes line and block comments but not comment marks inside strings', () => {
    const text = '{ "a": "http://x/*y*/", // line\n "b": [ /* block */ 1 ] }';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ a: 'http://x/*y*/', b: [1] });
    expect(JSON.parse(stripJsonComments('{ "q": "say \\"//\\"" } // c'))).toEqual({ q: 'say "//"' });
  });
});

describe('README.md: the scenario-format example', () => {
  const text = jsoncBlockAfter(readFileSync(join(REPO, 'README.md'), 'utf8'), '## The scenario format');
  const raw = JSON.parse(stripJsonComments(text)) as unknown;

  it('validates without problems and without warnings', () => {
    const r = validateScenario(raw);
    expect(r.issues).toEqual([]);
    if (!r.ok) return;
    expect(scenarioWarnings(r.scenario)).toEqual([]);
  });

  it('simulates: every threat gives risks, the treatment runs', async () => {
    const r = validateScenario(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const results = await simulateScenario(r.scenario, { trials: 2048, seed: 1 });
    expect(results.trials).toBe(2048);
    expect(results.baseline.eal).toBeGreaterThan(0);
    const threats = new Set(results.risks.map((k) => k.threat));
    expect([...threats].sort()).toEqual(r.scenario.threats.map((t) => t.id).sort());
    expect(results.treatments.map((t) => t.id)).toEqual((r.scenario.treatments ?? []).map((t) => t.id));
    expect(results.warnings).toEqual([]);
  });
});
