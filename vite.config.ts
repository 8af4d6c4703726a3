import { isBuiltin } from 'node:module';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The explorer runs the engine core in the browser. A Node-only import that reaches the bundle still
 * builds but breaks at run time, so this makes it a build error: Node built-ins (`node:fs`, `path`…)
 * and the Node-only engine folders (NODE_ONLY) cannot be imported from project code.
 */
/** The engine folders that run on Node.js only (files, worker threads, the HTTP server, the command line). */
export const NODE_ONLY = ['engine/io', 'engine/parallel', 'engine/serve', 'engine/cli'] as const;

export function isomorphicOnly(): Plugin {
  const nodeOnly = NODE_ONLY.map((dir) => resolve(root, dir) + sep);
  return {
    name: 'chainward:isomorphic-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || importer.includes(`${sep}node_modules${sep}`) || importer.includes('/node_modules/')) return null;
      if (source.startsWith('node:') || isBuiltin(source)) {
        this.error(`${importer} imports the Node.js module "${source}": the explorer bundle may use the isomorphic engine core only`);
      }
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (resolved && nodeOnly.some((dir) => resolved.id.startsWith(dir))) {
        this.error(`${importer} imports ${resolved.id}: ${NODE_ONLY.join(', ')} are Node-only and cannot be in the explorer bundle`);
      }
      return null;
    },
  };
}

// The explorer lives under explorer/ and builds to dist/explorer (the `explore` command builds it on
// demand into a cache of its own). Web Workers are ES modules.
export default defineConfig({
  root: resolve(root, 'explorer'),
  base: './',
  plugins: [isomorphicOnly()],
  worker: { format: 'es' },
  build: { outDir: resolve(root, 'dist/explorer'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1', fs: { allow: [root] } },
  preview: { host: '127.0.0.1' },
});
