// The package as a user gets it: `npm pack` (prepack builds dist/), the tarball installed into a fresh
// folder, and there the command line, the worker threads, the prebuilt explorer and review-pack
// script, the library example and the type declarations, with no TypeScript sources and without tsx,
// esbuild or vite installed (README.md, "Install from a tarball"). The npm cache holds every
// dependency (CI runs `npm ci` first), so the install runs offline-first.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, stackProblem } from '../support/run-cli.js';

/** The environment of npm and the CLI: none of the npm_* settings of an `npm run` this test may run under. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  delete env.CHAINWARD_DEBUG;
  return env;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 180_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}

/** `cmd args` in `cwd`, which must exit 0; its standard output. */
function ok(cmd: string, args: string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** Every file below `dir`, relative to it, with / between folders. */
function filesBelow(dir: string, out: string[] = [], base = dir): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesBelow(p, out, base);
    else out.push(relative(base, p).split('\\').join('/'));
  }
  return out;
}

/** Every installed package named one of `names` in the node_modules folder `dir`, or nested in a package there. */
function packagesNamed(dir: string, names: readonly string[], out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const p = join(dir, entry.name);
    if (names.includes(entry.name)) out.push(p);
    if (entry.name.startsWith('@')) packagesNamed(p, names, out);
    else if (existsSync(join(p, 'node_modules'))) packagesNamed(join(p, 'node_modules'), names, out);
  }
  return out;
}

/** npx never fetches a package named chainward from the registry (the name is not ours there): only the installed one runs. */
const NPX = ['--no', '--', 'chainward'];

/** The terminal report without its last paragraph (the Run line: trials per second, workers, time). */
const figures = (stdout: string): string => stdout.slice(0, stdout.indexOf('\nRun: '));

describe('npm pack: the tarball installed into a fresh folder', () => {
  let tmp = '';
  let app = '';
  let installed = '';
  const timings: string[] = [];
  const timed = <T>(what: string, work: () => T): T => {
    const t0 = Date.now();
    const out = work();
    timings.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return out;
  };

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'chainward-pack-'));
    timed('pack (with the build)', () => ok('npm', ['pack', '--pack-destination', tmp, '--silent'], REPO));
    const tarballs = readdirSync(tmp).filter((n) => n.endsWith('.tgz'));
    expect(tarballs).toHaveLength(1);
    app = join(tmp, 'app');
    mkdirSync(app);
    ok('npm', ['init', '-y'], app);
    timed('install', () => ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(tmp, tarballs[0]!)], app));
    installed = join(app, 'node_modules', 'chainward');
  }, 300_000);

  afterAll(() => {
    if (timings.length) process.stdout.write(`npm-pack.e2e: ${timings.join(', ')}\n`);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('ships the compiled engine, its declarations, the worker, the prebuilt explorer and review-pack script, and no TypeScript sources', () => {
    const files = filesBelow(installed);
    for (const f of ['bin/chainward.js', 'dist/engine/index.js', 'dist/engine/index.d.ts', 'dist/engine/index.d.ts.map', 'dist/engine/node.js', 'dist/engine/node.d.ts', 'dist/engine/cli/cli.js', 'dist/engine/parallel/pool.js', 'dist/engine/parallel/worker.js', 'dist/bench/run-bench.js', 'dist/explorer/index.html', 'dist/explorer-report.js', 'scenarios/eu-electronics-inbound.json', 'scenarios/chainward-v1.schema.json', 'LICENSE', 'README.md', 'package.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /\.(c|m)?tsx?$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('explorer/') || f.startsWith('engine/'))).toEqual([]);
    const { version } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string };
    expect(ok('npx', [...NPX, '--version'], app)).toBe(`${version}\n`);
  });

  it('installs without tsx, esbuild or vite: nothing the package runs needs them', () => {
    expect(packagesNamed(join(app, 'node_modules'), ['tsx', 'esbuild', 'vite', '@esbuild'])).toEqual([]);
    expect(existsSync(join(app, 'node_modules', 'playwright-core')), 'playwright-core, which report drives Chromium with').toBe(true);
  });

  it('npx chainward run prints the summary, and the same figures on two worker threads (the compiled worker)', () => {
    const one = timed('run', () => run('npx', [...NPX, 'run', '--trials', '2000', '--seed', '1'], app));
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain('EU electronics inbound · 2,000 trials · seed 1');
    expect(one.stdout).toMatch(/Expected annual loss \(EAL\) +€[\d.]+M/);
    const two = timed('run --workers 2', () => run('npx', [...NPX, 'run', '--trials', '2000', '--seed', '1', '--workers', '2'], app));
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toMatch(/\nRun: 2,000 trials; .* on 2 workers/);
    expect(figures(two.stdout)).toBe(figures(one.stdout));
  });

  it('npx chainward validate: a shipped scenario is valid (exit 0), a broken file is one clear problem (exit 2)', () => {
    const good = run('npx', [...NPX, 'validate', 'node_modules/chainward/scenarios/pharma-cold-chain-air.json'], app);
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain('valid chainward/v1 scenario "Pharma cold chain by air"');
    writeFileSync(join(app, 'broken.json'), '{ "format": "chainward/v1", "name": ');
    const bad = run('npx', [...NPX, 'validate', 'broken.json'], app);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^chainward: broken\.json: 1 problem\n {2}broken\.json: \(file\): invalid JSON: .*line \d+, column \d+/);
    expect(stackProblem(bad.stderr)).toBeUndefined();
  });

  it('the library example (docs/examples/library.mjs) prints the same figures from the package as from the sources', () => {
    copyFileSync(join(REPO, 'docs/examples/library.mjs'), join(app, 'library.mjs'));
    const fromPackage = timed('library example', () => ok(process.execPath, ['library.mjs'], app));
    expect(fromPackage).toMatch(/^EAL before: [\d,]+ EUR\nEAL after: +[\d,]+ EUR\n/);
    // in the clone, tsx resolves 'chainward' to engine/index.ts (tsconfig.json paths)
    expect(ok(process.execPath, ['--import', 'tsx', 'docs/examples/library.mjs'], REPO)).toBe(fromPackage);
  });

  // with the declarations themselves checked (skipLibCheck off) and no Node.js types: they need none
  it('the declarations type-check a TypeScript user of chainward and chainward/node', () => {
    writeFileSync(
      join(app, 'use.ts'),
      [
        "import { simulateScenario, validateScenario, type Results } from 'chainward';",
        "import { WorkerPool } from 'chainward/node';",
        'export async function eal(input: unknown): Promise<number> {',
        '  const v = validateScenario(input);',
        '  if (!v.ok) throw new Error(v.issues[0]?.message);',
        '  const pool = new WorkerPool(2);',
        '  try {',
        '    const r: Results = await simulateScenario(v.scenario, { trials: 1000, seed: 1, runRange: pool.runRange, inFlight: pool.inFlight, sharePlan: pool.share });',
        '    return r.baseline.eal;',
        '  } finally {',
        '    await pool.close();',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['use.ts'] }));
    const tsc = createRequire(join(REPO, 'package.json')).resolve('typescript/bin/tsc');
    const checked = timed('tsc', () => run(process.execPath, [tsc, '-p', 'tsconfig.json'], app));
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  it('npx chainward report writes Markdown, and HTML with the prebuilt review-pack script', () => {
    ok('npx', [...NPX, 'run', '--trials', '2000', '--seed', '1', '--format', 'json', '--out', 'results.json', '--quiet'], app);
    const md = run('npx', [...NPX, 'report', 'results.json', '--format', 'md'], app);
    expect(md.status, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# Management review pack: EU electronics inbound\n/);
    if (!existsSync('/usr/bin/chromium') && !process.env.CHAINWARD_CHROMIUM) return; // HTML needs a Chromium (CI installs it)
    const html = timed('report html', () => run('npx', [...NPX, 'report', 'results.json', '--format', 'html', '--out', 'pack.html', '--quiet'], app));
    expect(html.status, html.stderr).toBe(0);
    const page = readFileSync(join(app, 'pack.html'), 'utf8');
    expect(page).toContain('Management review pack');
    expect(page).toContain('<svg');
  });

  it('npx chainward explore --no-open serves the prebuilt explorer', async () => {
    const child = spawn('npx', [...NPX, 'explore', '--no-open', '--port', '0'], { cwd: app, env: cleanEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address within 60 s:\n${stdout}\n${stderr}`)), 60_000);
        const look = () => {
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          }
        };
        child.stdout.on('data', look);
        child.on('exit', (code) => reject(new Error(`explore exited ${code}:\n${stderr}`)));
      });
      // served as built: no "building the explorer" step, which would need vite
      expect(stderr).not.toContain('building');
      const index = await fetch(url);
      expect(index.status).toBe(200);
      const html = await index.text();
      expect(html).toMatch(/^<!doctype html>/i);
      const script = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(html);
      expect(script, html).not.toBeNull();
      const asset = await fetch(new URL(script![1]!, url));
      expect(asset.status).toBe(200);
      expect(await asset.text()).toBe(readFileSync(join(installed, 'dist/explorer', script![1]!), 'utf8'));
    } finally {
      // npx starts the CLI as a child of its own: end the whole group
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });
});
