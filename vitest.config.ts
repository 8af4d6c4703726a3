import { defineConfig } from 'vitest/config';
import { IN_PROCESS_TESTS, PROCESS_TESTS } from './test/support/test-groups.js';

// `npm test`: every test file, in two groups (test/support/test-groups.ts). The in-process files
// share threads without per-file isolation (a file's imports are reused by the next: about half
// their time); the files that start the CLI, workers or builds run each in its own process.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // vitest's default on two cores is one file at a time; the CLI files mostly wait on their children
    maxWorkers: 2,
    projects: [
      {
        // `import … from 'chainward'` in tests: the TypeScript sources, by tsconfig.json's paths (package.json's exports name dist/)
        resolve: { tsconfigPaths: true },
        test: {
          name: 'in-process',
          root: '.',
          include: IN_PROCESS_TESTS,
          exclude: ['**/node_modules/**', ...PROCESS_TESTS],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'threads',
          isolate: false,
        },
      },
      {
        // `import … from 'chainward'` in tests: the TypeScript sources, by tsconfig.json's paths (package.json's exports name dist/)
        resolve: { tsconfigPaths: true },
        test: {
          name: 'processes',
          root: '.',
          include: PROCESS_TESTS,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // bundles the CLI once for the tests that start it (test/support/cli-bundle.ts)
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
