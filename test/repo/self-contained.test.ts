// The repository speaks only of itself: comments and docs point to README.md or docs/, never to
// documents a reader of the repository does not have (a product specification's sections, issue numbers).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const DIRS = ['engine', 'explorer', 'bench', 'test', 'scenarios'];
const EXT = /\.(ts|js|json|md|css|html)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === '__snapshots__' || name === 'docs') continue;
    if (statSync(p).isDirectory()) yield* files(p);
    else if (EXT.test(name)) yield p;
  }
}

describe('the repository is self-contained', () => {
  it('no source, test or doc refers to specification sections or issue numbers', () => {
    // the pattern is split so that this file does not match itself
    const bad = new RegExp(['SP', 'EC §|\\bSP', 'EC\\.md|\\(iss', 'ue \\d|\\biss', 'ue #?\\d+\\b'].join(''));
    const found: string[] = [];
    for (const dir of DIRS) {
      for (const f of files(join(ROOT, dir))) {
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => bad.test(line) && found.push(`${f.slice(ROOT.length)}:${i + 1}: ${line.trim().slice(0, 100)}`));
      }
    }
    for (const f of ['README.md', 'vite.config.ts', 'vitest.config.ts', 'package.json']) {
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .forEach((line, i) => bad.test(line) && found.push(`${f}:${i + 1}: ${line.trim().slice(0, 100)}`));
    }
    expect(found).toEqual([]);
  });
});
