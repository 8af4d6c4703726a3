// Which test files run in-process and which start processes, for vitest.config.ts (npm test) and
// vitest.unit.config.ts (npm run test:unit). A file that starts the CLI, a worker thread, a server
// or a vite build belongs in PROCESS_TESTS; every other file runs with the in-process group.

/** Files of the in-process group: no child processes, worker threads or vite builds. */
export const IN_PROCESS_TESTS = ['test/engine/**/*.test.ts', 'test/explorer/**/*.test.ts', 'test/stats/**/*.test.ts'];

/** Files that start processes, threads, servers or builds (repository rules and the bench check too). */
export const PROCESS_TESTS = [
  'test/engine/cli/**/*.test.ts',
  'test/engine/parallel/**/*.test.ts',
  'test/engine/serve/**/*.test.ts',
  'test/engine/io/write-atomic.test.ts',
  'test/engine/report/csv-injection.test.ts',
  'test/engine/validate/duplicate-keys.test.ts',
  'test/explorer/isomorphic-build.test.ts',
  'test/repo/**/*.test.ts',
  'test/bench/**/*.test.ts',
];

/** The slowest in-process files (5–25 s each: scale, brute-force and many-trial checks), left out of test:unit. */
export const SLOW_IN_PROCESS_TESTS = [
  'test/engine/generate/generate-scenario.test.ts',
  'test/engine/analysis/optimize-controls.test.ts',
  'test/engine/analysis/risk-levels.test.ts',
  'test/explorer/sim/analysis-session.test.ts',
  'test/engine/analysis/simulate-analysis.test.ts',
  'test/engine/run/determinism.test.ts',
  'test/engine/run/target-se.test.ts',
  'test/engine/io/streamed-results.test.ts',
  'test/explorer/report/review-pack-html.test.ts',
];
