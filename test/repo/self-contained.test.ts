// The repository speaks only of itself: comments and docs point to README.md or docs/, never to
// documents a reader of the repository does not have (a product specification and its numbered
// sections, issue or work-item numbers).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const DIRS = ['engine', 'explorer', 'bench', 'scripts', 'test', 'scenarios', 'docs'];
const FILES = ['README.md', 'vite.config.ts', 'vitest.config.ts', 'package.json', 'bin/chainward.js', 'tsconfig.build.json'];
const EXT = /\.(ts|js|json|md|css|html)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    // explorer/docs holds screenshots; the top-level docs/ is read (it is a root in DIRS)
    if (name === 'node_modules' || name === '__snapshots__' || name === 'docs') continue;
    if (statSync(p).isDirectory()) yield* files(p);
    else if (EXT.test(name)) yield p;
  }
}

// Each pattern is split so that this file does not match itself. Book sections stay allowed: they
// are cited with roman numerals (Devroye 1986, section II.2 written with the section sign), while
// the sign before a plain number points to a document the reader does not have.
const BAD = new RegExp(
  [
    String.raw`\bSP` + String.raw`EC\b`, // the specification, by its name or file name (upper case)
    '\u00a7' + String.raw`\s*\d`, // a numbered section: the section sign, then digits
    String.raw`\b[Ii]ss` + String.raw`ue\s*#?\d`, // an issue number, with or without "#"
    String.raw`\b[Ii]te` + String.raw`m\s*#?\d`, // a work item's number
  ].join('|'),
);

/** Every line of `text` that refers outside the repository, as `file:line: text`. */
function badLines(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => BAD.test(line) && out.push(`${file}:${i + 1}: ${line.trim().slice(0, 100)}`));
  return out;
}

describe('the repository is self-contained', () => {
  it('the pattern catches references outside the repository and spares book sections', () => {
    const refs = ['the SP' + 'EC says so', 'see SP' + 'EC.md', 'as in §' + '4', '(§ ' + '2.1)', 'fixed in iss' + 'ue 12', 'iss' + 'ue #7', 'It' + 'em 2 of the list'];
    for (const r of refs) expect(BAD.test(`// ${r}`), r).toBe(true);
    const fine = [
      '// (Devroye 1986, §II.2; Vose 2008)',
      '// Beta variates (Devroye 1986, §IX.4)',
      '// an issue with line and column',
      'for (const issue of parsed.error.issues) mapZodIssue(issue)',
      "g.attr('class', 'item'); const item = legend.selectAll('g.item');",
      'SPECTRUM, specification, spectral',
      "zodIssue.code === 'too_big'; items 3",
    ];
    for (const f of fine) expect(BAD.test(f), f).toBe(false);
  });

  it('no source, test or doc refers to specification sections, issue numbers or work items', () => {
    const found: string[] = [];
    for (const dir of DIRS) for (const f of files(join(ROOT, dir))) found.push(...badLines(f.slice(ROOT.length), readFileSync(f, 'utf8')));
    for (const f of FILES) found.push(...badLines(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
