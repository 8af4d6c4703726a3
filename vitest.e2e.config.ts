import { defineConfig } from 'vitest/config';

// End-to-end tests: the built explorer in Debian's Chromium (playwright-core, /usr/bin/chromium).
export default defineConfig({
  // `import … from 'chainward'` in tests: the TypeScript sources, by tsconfig.json's paths (package.json's exports name dist/)
  resolve: { tsconfigPaths: true },
  test: {
    root: '.',
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
