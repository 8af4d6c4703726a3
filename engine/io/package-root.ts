// The folder of chainward's own package.json: shipped files outside the compiled code (scenarios/,
// the prebuilt explorer) are found from there, whether the code runs from the TypeScript sources
// (engine/…), compiled (dist/engine/…, in a clone or installed from the package) or bundled below
// the package. A path relative to the module alone would differ by one folder between the first two.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above the module `from` (a file: URL) holding a package.json named chainward. */
export function packageRoot(from: string): string {
  const start = dirname(fileURLToPath(from));
  for (let dir = start; ; dir = dirname(dir)) {
    if (isChainward(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json of chainward in ${start} or a folder above it`);
  }
}

function isChainward(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof manifest === 'object' && manifest !== null && Object.hasOwn(manifest, 'name') && (manifest as { name: unknown }).name === 'chainward';
  } catch {
    return false; // not JSON: some other package.json
  }
}

/** chainward's package folder: the clone, or node_modules/chainward where it is installed. */
export const PACKAGE_ROOT = packageRoot(import.meta.url);
