// The lint rules bite: ESLint refuses Math.exp, `**` and aliases of Math in the engine (but not in
// engine/math/ or the explorer) and code built from strings anywhere, and dependency-cruiser reports a
// cycle, an upward import between engine or explorer layers, and Node built-ins and Node-only packages
// in the core and the explorer, on a small layout written for the test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('eslint.config.js: the determinism rule and no code from strings', () => {
  const eslint = new ESLint({ cwd: ROOT });
  /** The ids of the rules `code` breaks when it sits at `file`. */
  const broken = async (code: string, file: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
    return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
  };
  const MATH = 'export const z = Math.exp(1) + Math.sin(2);\n';
  const POW = 'export const z = (x: number): number => x ** 3;\nlet y = 2;\ny **= 2;\nexport { y };\n';

  it('Math.exp, Math.sin and Math.random in the engine are errors', async () => {
    expect(await broken(MATH, 'engine/simulate/x.ts')).toEqual(['no-restricted-properties', 'no-restricted-properties']);
    expect(await broken('export const u = Math.random();\n', 'engine/math/x.ts')).toEqual(['no-restricted-properties']);
  });

  it('** and **= in the engine are errors', async () => {
    expect(await broken(POW, 'engine/generate/x.ts')).toEqual(['no-restricted-syntax', 'no-restricted-syntax']);
  });

  const ALIAS = [
    'const M = Math;\nexport const a = M.log(2);\n',
    'export const b = globalThis.Math.sin(1);\n',
    "export const c = window['Math'].cos(1);\n",
    'export const d = ((m: typeof Math) => m.exp(1))(Math);\n',
  ].join('');

  it('aliases of Math in the engine are errors: a variable, globalThis.Math, window.Math, Math passed on', async () => {
    expect(await broken(ALIAS, 'engine/simulate/x.ts')).toEqual(['no-restricted-syntax', 'no-restricted-syntax', 'no-restricted-syntax', 'no-restricted-syntax']);
    expect(await broken(ALIAS, 'explorer/views/x.ts')).toEqual([]);
  });

  it('Math by its name, a property named Math and Math in types stay allowed in the engine', async () => {
    const code = [
      'export const a = Math.floor(1.5) + Math.max(1, 2);',
      'export const o = { Math: 1 };',
      'export type T = { Math: number; f: typeof Math.floor; m: Math };',
      'export class K { Math = 1; }',
    ].join('\n');
    expect(await broken(`${code}\n`, 'engine/simulate/x.ts')).toEqual([]);
  });

  it('the same code in engine/math/ (which implements them) and in the explorer passes', async () => {
    expect(await broken(MATH + POW.replace('z', 'w'), 'engine/math/x.ts')).toEqual([]);
    expect(await broken(MATH + POW.replace('z', 'w'), 'explorer/views/x.ts')).toEqual([]);
  });

  it('eval, new Function and string timers are errors everywhere', async () => {
    const code = "eval('1');\nexport const f = new Function('return 1');\nsetTimeout('f()', 1);\n";
    for (const file of ['engine/report/x.ts', 'explorer/x.ts', 'bench/x.ts']) {
      expect(await broken(code, file)).toEqual(['no-eval', 'no-new-func', 'no-implied-eval']);
    }
  });
});

describe('.dependency-cruiser.cjs: cycles, layers and the isomorphic core', () => {
  let dir = '';
  let result: ICruiseResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chainward-depcruise-'));
    const files: Record<string, string> = {
      // model → analysis is upward, and analysis → model closes a cycle
      'engine/model/limits.ts': "import type { Row } from '../analysis/analyse.js';\nexport type Limit = Row | number;\n",
      'engine/analysis/analyse.ts': "import type { Limit } from '../model/limits.js';\nexport type Row = { limit: Limit };\n",
      // a Node built-in in the core
      'engine/text/format.ts': "import { EOL } from 'node:os';\nexport const eol = EOL;\n",
      // the explorer reaching into a Node-only folder
      'engine/io/files.ts': "export const io = 1;\n",
      'explorer/main.ts': "import { io } from '../engine/io/files.js';\nexport const x = io;\n",
      // a downward import, allowed
      'engine/report/table.ts': "import type { Row } from '../analysis/analyse.js';\nexport type Table = Row[];\n",
      // a Node-only package in the core and in the explorer; a browser-safe package, allowed
      'engine/text/pool.ts': "import { Piscina } from 'piscina';\nexport const P = Piscina;\n",
      'explorer/views/parts/text.ts': "import { build } from 'vite';\nexport const b = build;\n",
      'engine/rng/seed.ts': "import seedrandom from 'seedrandom';\nexport const s = seedrandom;\n",
      'node_modules/piscina/package.json': '{ "name": "piscina", "main": "index.js" }\n',
      'node_modules/piscina/index.js': 'exports.Piscina = class {};\n',
      'node_modules/vite/package.json': '{ "name": "vite", "main": "index.js" }\n',
      'node_modules/vite/index.js': 'exports.build = () => {};\n',
      'node_modules/seedrandom/package.json': '{ "name": "seedrandom", "main": "index.js" }\n',
      'node_modules/seedrandom/index.js': 'module.exports = () => {};\n',
      // the explorer: state → views is upward, app → state downward; a folder outside the layers
      'explorer/state/what-if.ts': "import { b } from '../views/parts/text.js';\nexport const w = b;\n",
      'explorer/app/run.ts': "import { w } from '../state/what-if.js';\nexport const r = w;\n",
      'explorer/extra/x.ts': "import { w } from '../state/what-if.js';\nexport const x = w;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
    const out = await cruise(['engine', 'explorer'], { ...options, baseDir: dir, validate: true });
    result = out.output as ICruiseResult;
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Each violation as "rule: from → to". */
  const violations = (): string[] => result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

  it('reports the cycle, the upward imports, the Node built-in and packages, the explorer importing io/ and a folder outside the layers, and nothing else', () => {
    expect(violations()).toEqual([
      'core-no-node-packages: engine/text/pool.ts → node_modules/piscina/index.js',
      'core-no-node-packages: explorer/views/parts/text.ts → node_modules/vite/index.js',
      'core-no-node: engine/text/format.ts → os',
      'explorer-layer-state: explorer/state/what-if.ts → explorer/views/parts/text.ts',
      'explorer-only-core: explorer/main.ts → engine/io/files.ts',
      'explorer-outside-layers: explorer/extra/x.ts → explorer/state/what-if.ts',
      'layer-model: engine/model/limits.ts → engine/analysis/analyse.ts',
      'no-circular: engine/analysis/analyse.ts → engine/model/limits.ts', // one report per cycle
    ]);
  });
});
