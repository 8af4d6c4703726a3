// The library example in README.md ("Using chainward as a library") is docs/examples/library.mjs as it
// is, and what the README says it prints is what it prints, run from the sources as the README says.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/run-cli.js';

/** The code blocks (language, text) of the README section that starts with `heading`, up to the next `## `. */
function blocksUnder(markdown: string, heading: string): Array<{ lang: string; text: string }> {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l === heading);
  if (at < 0) throw new Error(`README.md has no heading "${heading}"`);
  const blocks: Array<{ lang: string; text: string }> = [];
  for (let i = at + 1; i < lines.length && !lines[i]!.startsWith('## '); i++) {
    const open = /^```(\w*)$/.exec(lines[i]!);
    if (!open) continue;
    const close = lines.findIndex((l, j) => j > i && l === '```');
    blocks.push({ lang: open[1]!, text: lines.slice(i + 1, close).join('\n') });
    i = close;
  }
  return blocks;
}

describe('README.md: the library example', () => {
  const blocks = blocksUnder(readFileSync(join(REPO, 'README.md'), 'utf8'), '## Using chainward as a library');
  const example = readFileSync(join(REPO, 'docs/examples/library.mjs'), 'utf8').trimEnd();

  it('shows docs/examples/library.mjs as it is', () => {
    expect(blocks.find((b) => b.lang === 'js')?.text).toBe(example);
  });

  it('prints what the README says it prints', () => {
    const printed = execFileSync(process.execPath, ['--import', 'tsx', 'docs/examples/library.mjs'], { cwd: REPO, encoding: 'utf8' }).trimEnd();
    const shown = blocks.find((b) => b.lang === '' && b.text.startsWith('EAL before'))?.text;
    expect(printed).toBe(shown);
  }, 60_000);
});
