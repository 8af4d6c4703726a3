import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // bundles the CLI once for the tests that start it (test/support/cli-bundle.ts)
    globalSetup: ['test/support/global-setup.ts'],
  },
});
