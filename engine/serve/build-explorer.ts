// Builds the explorer (vite, with the project's vite.config.ts) on demand into
// node_modules/.cache/chainward/explorer-<hash>, where the hash covers every source the bundle is made
// from: a changed source gets a fresh build, an unchanged one is reused at once. Written to a
// temporary folder and renamed, so a folder that exists is always a whole build. An install from the
// package has no explorer sources (nor vite): it serves the explorer `npm run build` put in dist/explorer.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../io/package-root.js';

const ROOT = PACKAGE_ROOT;

function files(dir: string, skip: (path: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (skip(p)) continue;
    if (statSync(p).isDirectory()) files(p, skip, out);
    else out.push(p);
  }
  return out;
}

/** A hash of the explorer's sources: explorer/, the isomorphic engine, the default scenario, the build config and the lock file. */
export function explorerSourceHash(root = ROOT): string {
  const skip = (p: string) => {
    const r = relative(root, p).split(sep).join('/');
    return r === 'explorer/docs' || r === 'engine/io' || r === 'engine/parallel' || r === 'engine/serve' || r === 'engine/cli' || r.endsWith('.DS_Store');
  };
  const list = [
    ...files(join(root, 'explorer'), skip),
    ...files(join(root, 'engine'), skip),
    join(root, 'scenarios', 'eu-electronics-inbound.json'),
    join(root, 'vite.config.ts'),
    join(root, 'package-lock.json'),
  ];
  const h = createHash('sha256');
  for (const f of list) {
    if (!existsSync(f)) continue;
    h.update(relative(root, f).split(sep).join('/')).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Marks a build folder as used now (its modification time). */
function touch(dir: string): void {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
  } catch {
    // read-only cache: the build is still served
  }
}

/**
 * The folder of a whole build of the current explorer sources, building it first when needed; without
 * sources (an install from the package), the prebuilt dist/explorer.
 */
export async function builtExplorer(opts: { root?: string; onBuild?: () => void } = {}): Promise<string> {
  const root = opts.root ?? ROOT;
  if (!existsSync(join(root, 'explorer', 'index.html'))) {
    const prebuilt = join(root, 'dist', 'explorer');
    if (existsSync(join(prebuilt, 'index.html'))) return prebuilt;
    throw new Error(`the explorer is neither in ${join(root, 'explorer')} nor prebuilt in ${prebuilt} (npm run build writes it)`);
  }
  const cache = join(root, 'node_modules', '.cache', 'chainward');
  const dir = join(cache, `explorer-${explorerSourceHash(root)}`);
  if (existsSync(join(dir, 'index.html'))) {
    touch(dir); // in use: the clean-up below goes by last use
    return dir;
  }
  opts.onBuild?.();
  mkdirSync(cache, { recursive: true });
  const tmp = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const { build } = await import('vite');
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir: tmp, emptyOutDir: true } });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // another process finished the same build first: its folder holds the same files
      if (!existsSync(join(dir, 'index.html'))) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // builds of other sources unused for a day (a server may still serve a recent one) and temporary
  // folders an hour old (a build stopped by Ctrl-C) are not needed any more
  const now = Date.now();
  for (const name of readdirSync(cache)) {
    if (!name.startsWith('explorer-')) continue;
    const path = join(cache, name);
    try {
      const age = now - statSync(path).mtimeMs;
      if (path !== dir && (name.endsWith('.tmp') ? age > 3_600_000 : age > 86_400_000)) rmSync(path, { recursive: true, force: true });
    } catch {
      // removed meanwhile by another process
    }
  }
  return dir;
}
