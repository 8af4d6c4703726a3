// dependency-cruiser rules for engine/, explorer/ and bench/ (`npm run lint`): no cycles, each engine
// layer imports only itself and the layers below it, and the isomorphic core and the explorer stay
// free of Node built-ins and Node-only folders (README "How the code is laid out").

/**
 * The layers, lowest first: a module may import its own layer and the ones before it. Adding a
 * folder to the engine is one line here. engine/index.ts, the public API, re-exports the isomorphic
 * core: it sits above the core folders and below the Node-only ones, bench/ and the CLI.
 */
const LAYERS = [
  ['math', '^engine/math/'], // a leaf: the deterministic functions every layer may compute with
  ['version', '^engine/version\\.ts$'],
  ['text', '^engine/text/'],
  ['model', '^engine/model/'],
  ['catalog', '^engine/catalog/'],
  ['validate', '^engine/validate/'],
  ['graph', '^engine/graph/'],
  ['rng', '^engine/rng/'],
  ['sampling', '^engine/sampling/'],
  ['generate', '^engine/generate/'],
  ['plan', '^engine/plan/'],
  ['summary', '^engine/summary/'],
  ['simulate', '^engine/simulate/'],
  ['run', '^engine/run/'],
  ['results', '^engine/results/'],
  ['analysis', '^engine/analysis/'],
  ['report', '^engine/report/'],
  ['index', '^engine/index\\.ts$'],
  ['io', '^engine/io/'],
  ['parallel', '^engine/parallel/'],
  ['serve', '^engine/serve/'],
  ['bench', '^bench/'],
  ['cli', '^engine/cli/'],
];

/** Folders that need Node.js; everything else in engine/ is the isomorphic core the explorer runs. */
const NODE_ONLY = '^engine/(io|parallel|serve|cli)/';
const CORE = '^engine/(?!(io|parallel|serve|cli)/)';
/** Packages that only work under Node.js or at build time. */
const NODE_ONLY_PACKAGES = '(^|/)node_modules/(piscina|tsx|vite|esbuild|jsdom|playwright-core)/';

const anyOf = (patterns) => `(${patterns.join('|')})`;

const layerRules = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `layer-${name}`,
  severity: 'error',
  comment: `${name} may import only itself and the layers below it (LAYERS in .dependency-cruiser.cjs)`,
  from: { path },
  to: { path: anyOf(LAYERS.slice(i + 1).map(([, p]) => p)) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle between modules (type-only imports count): move the shared part down a layer',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'engine-outside-layers',
      severity: 'error',
      comment: 'Every engine module belongs to a layer: add its folder to LAYERS in .dependency-cruiser.cjs',
      from: { path: '^engine/', pathNot: anyOf(LAYERS.map(([, p]) => p)) },
      to: {},
    },
    {
      name: 'into-engine-outside-layers',
      severity: 'error',
      comment: 'Every engine module belongs to a layer: add its folder to LAYERS in .dependency-cruiser.cjs',
      from: {},
      to: { path: '^engine/', pathNot: anyOf(LAYERS.map(([, p]) => p)) },
    },
    {
      name: 'core-no-node',
      severity: 'error',
      comment: 'The isomorphic core and the explorer run in a browser: no node: built-ins',
      from: { path: anyOf([CORE, '^explorer/']) },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-node-packages',
      severity: 'error',
      comment: 'The isomorphic core and the explorer run in a browser: no Node-only packages',
      from: { path: anyOf([CORE, '^explorer/']) },
      to: { path: NODE_ONLY_PACKAGES },
    },
    {
      name: 'explorer-only-core',
      severity: 'error',
      comment: 'The explorer imports only the isomorphic core of the engine (not io, parallel, serve, cli) and not bench/',
      from: { path: '^explorer/' },
      to: { path: anyOf([NODE_ONLY, '^bench/']) },
    },
    {
      name: 'no-explorer-or-test',
      severity: 'error',
      comment: 'engine/ and bench/ never import the explorer or the tests',
      from: { path: '^(engine|bench)/' },
      to: { path: '^(explorer|test)/' },
    },
    {
      name: 'explorer-no-test',
      severity: 'error',
      comment: 'The explorer never imports the tests',
      from: { path: '^explorer/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist/' },
    // type-only imports are dependencies too: a cycle through types is still a cycle
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
