// `npm run build` (and `npm pack`, through prepack): what an install from the package runs, in dist/.
// The engine and bench/ compiled by tsc (tsconfig.build.json: JavaScript, declarations and their maps;
// the worker threads' entry is dist/engine/parallel/worker.js beside the pool), the explorer built by
// vite (dist/explorer, which `explore` serves as it is) and the review pack's page script bundled by
// esbuild (dist/explorer-report.js, which `report` runs). A clone runs the TypeScript sources instead
// (bin/chainward.js), so nothing here is needed to work on chainward.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'vite';
import { PACKAGE_ROOT } from '../engine/io/package-root.js';
import { bundleReviewPackScript, PREBUILT_REVIEW_PACK_SCRIPT } from '../engine/serve/review-pack-browser.js';

const started = Date.now();
const dist = join(PACKAGE_ROOT, 'dist');
rmSync(dist, { recursive: true, force: true });

/** tsc in a process of its own, so that vite builds the explorer meanwhile; resolves to its exit status. */
function compile(): Promise<number | null> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const child = spawn(process.execPath, [tsc, '-p', join(PACKAGE_ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
}

const [status] = await Promise.all([
  compile(),
  // vite.config.ts builds into dist/explorer
  build({ configFile: join(PACKAGE_ROOT, 'vite.config.ts'), logLevel: 'warn' }),
]);
if (status !== 0) {
  process.stderr.write('build: tsc -p tsconfig.build.json failed\n');
  process.exit(1);
}
writeFileSync(PREBUILT_REVIEW_PACK_SCRIPT, bundleReviewPackScript());

process.stdout.write(`build: dist/ written in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
