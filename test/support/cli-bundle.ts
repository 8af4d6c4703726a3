// Bundles the command line once per test run (esbuild, the same compiler tsx uses), so the many CLI
// tests start plain JavaScript instead of compiling the engine through tsx on every start (about
// 0.6 s of CPU each). The bundle sits two folders below the repository, where the CLI's own
// `new URL('../../…', import.meta.url)` paths (default scenario, schema, explorer root) resolve as
// from engine/cli/, and the piscina worker is bundled beside it as worker.js, where the pool looks
// for it when it runs as JavaScript.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const PREFIX = '.chainward-test-';

/** Builds the CLI into a fresh folder node_modules/.chainward-test-XXXXXX; returns the file to run with node. */
export async function buildCliBundle(repo: string): Promise<{ entry: string; dir: string }> {
  const modules = join(repo, 'node_modules');
  dropStale(modules);
  const dir = mkdtempSync(join(modules, PREFIX));
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', absWorkingDir: repo } as const;
  await Promise.all([
    // packages load from node_modules as they do under tsx
    build({ ...common, entryPoints: [join(repo, 'engine/cli/cli.ts')], packages: 'external', outfile: join(dir, 'cli.mjs') }),
    // the recipe of engine/parallel/pool.ts for a worker run from the TypeScript sources
    build({ ...common, entryPoints: [join(repo, 'engine/parallel/worker.ts')], external: ['piscina'], outfile: join(dir, 'worker.js') }),
  ]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  // a separate entry, as bin/chainward.js is: a module that compares its own file with process.argv[1]
  // (write-schema.ts, run as a script) must not see itself as the script
  const entry = join(dir, 'chainward.mjs');
  writeFileSync(entry, "await import('./cli.mjs');\n");
  return { entry, dir };
}

/** Removes bundles left by runs that were killed before their teardown (older than a day). */
function dropStale(modules: string): void {
  let names: string[];
  try {
    names = readdirSync(modules);
  } catch {
    return;
  }
  const dayAgo = Date.now() - 86_400_000;
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const p = join(modules, name);
    try {
      if (statSync(p).mtimeMs < dayAgo) rmSync(p, { recursive: true, force: true });
    } catch {
      // another run removed it
    }
  }
}
