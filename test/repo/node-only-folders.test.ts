// The engine's Node-only folders (io, parallel, serve, cli) are named in several files that cannot
// import one another: the lint config, the explorer's build config, the core's tsconfig, the explorer
// build's source hash and the README's layout. This reads each and checks that they name the same folders.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string): string => readFileSync(`${ROOT}${file}`, 'utf8');
const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort();

type Rule = { name: string; from: { path?: string }; to: { path?: string } };
const depcruise = createRequire(import.meta.url)(`${ROOT}.dependency-cruiser.cjs`) as { forbidden: Rule[] };
const rule = (name: string): Rule => {
  const found = depcruise.forbidden.find((r) => r.name === name);
  if (!found) throw new Error(`.dependency-cruiser.cjs has no rule ${name}`);
  return found;
};
/** The folders of an alternation such as `^engine/(io|parallel)/`. */
const alternation = (pattern: string | undefined): string[] => {
  const m = /\^engine\/\(\??!?\(?([a-z|]+)\)/.exec(pattern ?? '');
  if (!m) throw new Error(`no ^engine/(a|b)/ in ${pattern}`);
  return sorted(m[1]!.split('|'));
};
/** Every `engine/<folder>` a text names. */
const engineFolders = (text: string): string[] => sorted([...text.matchAll(/engine\/([a-z-]+)/g)].map((m) => m[1]!));

/** The list every other place is checked against: what the explorer's build refuses. */
const viteList = (): string[] => {
  const m = /export const NODE_ONLY = \[([^\]]*)\]/.exec(read('vite.config.ts'));
  if (!m) throw new Error('vite.config.ts: no NODE_ONLY list');
  return engineFolders(m[1]!);
};

describe('the Node-only engine folders are the same list everywhere', () => {
  const expected = viteList();

  it('vite.config.ts NODE_ONLY names the four Node-only folders', () => {
    expect(expected).toEqual(['cli', 'io', 'parallel', 'serve']);
  });

  it('.dependency-cruiser.cjs: the explorer rule, the core rule and the layers above engine/index.ts', () => {
    expect(alternation(rule('explorer-only-core').to.path)).toEqual(expected);
    expect(alternation(rule('core-no-node').from.path)).toEqual(expected);
    // the layers above the public API are the Node-only folders, the package's Node-only entry
    // engine/node.ts (and bench/)
    expect(engineFolders(rule('layer-index').to.path ?? '')).toEqual(sorted([...expected, 'node']));
  });

  it('tsconfig.core.json excludes them from the core, and the Node-only entry engine/node.ts', () => {
    const config = JSON.parse(read('tsconfig.core.json')) as { exclude: string[] };
    expect(sorted(config.exclude.map((p) => /^engine\/([a-z-]+)\/\*\*$/.exec(p)?.[1] ?? p))).toEqual(sorted([...expected, 'engine/node.ts']));
  });

  it("engine/serve/build-explorer.ts leaves them out of the explorer's source hash", () => {
    const m = /const skip = ([\s\S]*?)\n {2}\};/.exec(read('engine/serve/build-explorer.ts'));
    if (!m) throw new Error('engine/serve/build-explorer.ts: no skip function');
    expect(engineFolders(m[1]!)).toEqual(expected);
  });

  it('README.md lists them below the "Node.js only" line of the layout', () => {
    const m = /── Node\.js only ─+\n([\s\S]*?)```/.exec(read('README.md'));
    if (!m) throw new Error('README.md: no "Node.js only" line in the layout');
    // the folders (engine/x/); a file such as the Node-only entry engine/node.ts may stand among them
    const lines = m[1]!.split('\n').filter((l) => /^engine\/[a-z-]+\//.test(l));
    expect(engineFolders(lines.map((l) => l.split(/\s/)[0]).join('\n'))).toEqual(expected);
  });
});
