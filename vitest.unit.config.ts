import { defineConfig } from 'vitest/config';
import { IN_PROCESS_TESTS, PROCESS_TESTS, SLOW_IN_PROCESS_TESTS } from './test/support/test-groups.js';

// The inner loop (`npm run test:unit`, under a minute): the in-process tests without the slowest
// few; `npm test` (vitest.config.ts) runs these and the rest.
export default defineConfig({
  // `import … from 'chainward'` in tests: the TypeScript sources, by tsconfig.json's paths (package.json's exports name dist/)
  resolve: { tsconfigPaths: true },
  test: {
    root: '.',
    include: IN_PROCESS_TESTS,
    exclude: ['**/node_modules/**', ...PROCESS_TESTS, ...SLOW_IN_PROCESS_TESTS],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // threads without per-file isolation: a file's imports are reused by the next, which halves the
    // loop's time
    pool: 'threads',
    isolate: false,
    maxWorkers: 2,
  },
});
