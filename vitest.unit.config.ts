import { defineConfig } from 'vitest/config';

// The inner loop (`npm run test:unit`, under a minute): in-process tests only, no child processes,
// worker threads or vite builds, and not the four slowest files; `npm test` runs these and the rest.
export default defineConfig({
  test: {
    root: '.',
    include: ['test/engine/**/*.test.ts', 'test/explorer/**/*.test.ts', 'test/stats/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      // start the CLI, worker threads, a server or a vite build
      'test/engine/cli/**',
      'test/engine/parallel/**',
      'test/engine/serve/**',
      'test/engine/io/write-atomic.test.ts',
      'test/engine/report/csv-injection.test.ts',
      'test/engine/validate/duplicate-keys.test.ts',
      'test/explorer/isomorphic-build.test.ts',
      // the slowest in-process files (10–25 s each): scale and brute-force checks, left to `npm test`
      'test/engine/generate/generate-scenario.test.ts',
      'test/engine/analysis/optimize-controls.test.ts',
      'test/engine/analysis/risk-levels.test.ts',
      'test/explorer/sim/analysis-session.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // threads without per-file isolation: a file's imports are reused by the next, which halves the
    // loop's time; `npm test` keeps each file in its own process
    pool: 'threads',
    isolate: false,
    maxWorkers: 2,
  },
});
