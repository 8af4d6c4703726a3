// dependency-cruiser rules for engine/, explorer/ and bench/ (`npm run lint`): no cycles, each engine
// and explorer layer imports only itself and the layers below it, and the isomorphic core and the
// explorer stay free of Node built-ins, Node-only folders and Node-only packages (README "How the code is laid out").

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
  // scenarios from CSV and YAML, and scenarios and results out as CSV and GeoJSON (README "Bring your own network")
  ['interchange', '^engine/interchange/'],
  ['report', '^engine/report/'],
  ['index', '^engine/index\\.ts$'],
  ['io', '^engine/io/'],
  ['parallel', '^engine/parallel/'],
  ['serve', '^engine/serve/'],
  ['node', '^engine/node\\.ts$'], // the package's "./node" entry: the Node.js-only API
  ['bench', '^bench/'],
  ['cli', '^engine/cli/'],
];

/** The explorer's layers, lowest first, the same way (README "How the code is laid out"). */
const EXPLORER_LAYERS = [
  ['state', '^explorer/state/'],
  ['sim', '^explorer/sim/'],
  ['model', '^explorer/model/'],
  ['views', '^explorer/views/'],
  ['panel', '^explorer/panel/'],
  // the management review pack: the views drawn into one printable page (the toolbar's Report button;
  // `chainward report` bundles explorer/report/browser-entry.ts by its path and runs it in Chromium)
  ['report', '^explorer/report/'],
  ['io', '^explorer/io/'],
  ['app', '^explorer/app/'],
  ['main', '^explorer/main\\.ts$'],
];

/**
 * Folders that need Node.js; everything else in engine/ is the isomorphic core the explorer runs.
 * vite.config.ts, tsconfig.core.json and engine/serve/build-explorer.ts repeat this list
 * (test/repo/node-only-folders.test.ts checks that they agree).
 */
const NODE_ONLY_FOLDERS = ['io', 'parallel', 'serve', 'cli'];
const NODE_ONLY = `^engine/(${NODE_ONLY_FOLDERS.join('|')})/`;
const CORE = `^engine/(?!(${NODE_ONLY_FOLDERS.join('|')})/)`;
/** Packages that only work under Node.js or at build time. */
const NODE_ONLY_PACKAGES = '(^|/)node_modules/(piscina|tsx|vite|esbuild|jsdom|playwright-core)/';

const anyOf = (patterns) => `(${patterns.join('|')})`;

/** One rule a layer: it may not import a layer above it. */
const layerRules = (layers, prefix, listName) =>
  layers.slice(0, -1).map(([name, path], i) => ({
    name: `${prefix}${name}`,
    severity: 'error',
    comment: `${name} may import only itself and the layers below it (${listName} in .dependency-cruiser.cjs)`,
    from: { path },
    to: { path: anyOf(layers.slice(i + 1).map(([, p]) => p)) },
  }));

/** Every module under `root` belongs to a layer, and so does every module imported from there. */
const outsideRules = (layers, root, what, listName) => {
  const comment = `Every ${what} module belongs to a layer: add its folder to ${listName} in .dependency-cruiser.cjs`;
  const inLayers = anyOf(layers.map(([, p]) => p));
  return [
    { name: `${what}-outside-layers`, severity: 'error', comment, from: { path: root, pathNot: inLayers }, to: {} },
    { name: `into-${what}-outside-layers`, severity: 'error', comment, from: {}, to: { path: root, pathNot: inLayers } },
  ];
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle between modules (type-only imports count): move the shared part down a layer',
      from: {},
      to: { circular: true },
    },
    ...layerRules(LAYERS, 'layer-', 'LAYERS'),
    ...outsideRules(LAYERS, '^engine/', 'engine', 'LAYERS'),
    ...layerRules(EXPLORER_LAYERS, 'explorer-layer-', 'EXPLORER_LAYERS'),
    ...outsideRules(EXPLORER_LAYERS, '^explorer/', 'explorer', 'EXPLORER_LAYERS'),
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
      // engine/serve/review-pack-browser.ts bundles explorer/report/ by its file path for Chromium (as
      // build-explorer.ts builds the explorer): no engine module imports explorer code
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
    // node_modules stays in the graph (core-no-node-packages looks at it) but is not cruised further
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^dist/' },
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
