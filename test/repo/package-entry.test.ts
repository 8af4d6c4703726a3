// What runs when: bin/chainward.js runs the TypeScript sources through tsx where they are (a clone,
// even with a dist/ left by an earlier build) and the compiled dist/ where they are not (an install
// from the package); package.json's exports and tsconfig.json's paths name the same entries, and the
// build tools are not among the dependencies an install pulls in. The packed install itself is
// test/e2e/npm-pack.e2e.ts.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../engine/version.js';
import { REPO } from '../support/run-cli.js';

const manifest = JSON.parse(readText('package.json')) as {
  version: string;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
};

function readText(file: string): string {
  return readFileSync(join(REPO, file), 'utf8');
}

describe('bin/chainward.js', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A package folder with bin/chainward.js and the given files; `modules`: the repository's node_modules linked in. */
  const layout = (files: Record<string, string>, modules = true): string => {
    const dir = mkdtempSync(join(tmpdir(), 'chainward-bin-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(REPO, 'bin/chainward.js'), join(dir, 'bin/chainward.js'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'chainward', type: 'module' }));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    if (modules) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  };
  const start = (dir: string) => spawnSync(process.execPath, [join(dir, 'bin/chainward.js'), 'a', 'b'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

  // TypeScript only tsx can run (a type annotation), and plain JavaScript; each says which it is
  const SOURCES = "const from: string = 'sources';\nconsole.log(from, process.argv.slice(2).join(' '));\n";
  const COMPILED = "console.log('compiled', process.argv.slice(2).join(' '));\n";

  it('runs the TypeScript sources through tsx in a clone, even beside a built dist/', () => {
    const r = start(layout({ 'engine/cli/cli.ts': SOURCES, 'dist/engine/cli/cli.js': COMPILED }));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('sources a b\n');
  });

  it('runs the compiled dist/ where there are no sources (an install from the package), without tsx', () => {
    const r = start(layout({ 'dist/engine/cli/cli.js': COMPILED }, false));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('compiled a b\n');
  });

  it('says what is missing, in one line and with status 1, when tsx is not installed or nothing is there to run', () => {
    const noTsx = start(layout({ 'engine/cli/cli.ts': SOURCES }, false));
    expect(noTsx.status).toBe(1);
    expect(noTsx.stderr).toBe('chainward: the TypeScript sources run through tsx, which is not installed here: run `npm install` (or `npm ci`) in the clone first\n');
    const empty = start(layout({}, false));
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/^chainward: neither the sources \(.*engine\/cli\/cli\.ts\) nor the compiled dist\/ are here: reinstall the package, or run `npm run build`\n$/);
  });
});

describe('package.json', () => {
  it('has the version the engine records in its results and `chainward --version` prints', () => {
    expect(manifest.version).toBe(ENGINE_VERSION);
  });

  it("exports '.' and './node' from dist/, compiled from the files tsconfig.json's paths give the clone", () => {
    const paths = (JSON.parse(readText('tsconfig.json')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
    for (const [entry, name] of [['.', 'chainward'], ['./node', 'chainward/node']] as const) {
      const target = manifest.exports[entry];
      if (typeof target !== 'object') throw new Error(`exports["${entry}"] is not { types, default }`);
      const source = paths[name]?.[0];
      expect(source, `tsconfig.json paths["${name}"]`).toMatch(/^\.\/engine\/.*\.ts$/);
      const compiled = source!.replace(/^\.\//, './dist/').replace(/\.ts$/, '');
      expect(target).toEqual({ types: `${compiled}.d.ts`, default: `${compiled}.js` });
    }
  });

  it('installs no build tool: tsx, esbuild and vite are devDependencies, playwright-core a dependency', () => {
    for (const tool of ['tsx', 'esbuild', 'vite']) {
      expect(manifest.dependencies, tool).not.toHaveProperty(tool);
      expect(manifest.devDependencies, tool).toHaveProperty(tool);
    }
    expect(manifest.dependencies).toHaveProperty('playwright-core');
    expect(manifest.files).toEqual(expect.arrayContaining(['bin', 'dist', 'scenarios']));
  });
});
