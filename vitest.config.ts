import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default on two cores is one file at a time; the CLI files mostly wait on their children
    maxWorkers: 2,
    // bundles the CLI once for the tests that start it (test/support/cli-bundle.ts)
    globalSetup: ['test/support/global-setup.ts'],
  },
});
