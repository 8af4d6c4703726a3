// `chainward explore [scenario.json|results.json] [--port P] [--no-open]`: checks the input, builds the
// explorer when its sources changed, serves it on 127.0.0.1 with the input, prints the URL, opens a
// browser (unless --no-open) and runs until Ctrl-C.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { builtExplorer } from '../node/build-explorer.js';
import { startExploreServer } from '../node/explore-server.js';
import { parseInput } from '../model/parse-input.js';
import { parseCommand, usageOf, type CommandSpec } from './args.js';
import { EXIT_OK, InputError } from './errors.js';
import { DEFAULT_SCENARIO, readInputFile } from './scenario-file.js';

/** `chainward explore`: its options, usage line and --help (see README.md, "The explorer"). */
export const EXPLORE_COMMAND = {
  name: 'explore',
  summary:
    'serves the explorer (exposure map, risk matrix, loss exceedance, treatments, what-ifs in the browser) on 127.0.0.1 with the scenario or results, and opens it; Ctrl-C stops it.',
  args: '[scenario.json|results.json]',
  argsHelp: [['scenario.json|results.json', 'a scenario, or results written by `chainward run --format json` (default: the built-in scenario)']],
  options: {
    port: { type: 'string', value: 'P', description: 'the port, 0 to 65535 (0: any free port); without it, the next free port from 5173 is used', default: '5173' },
    'no-open': { type: 'boolean', description: 'prints the address without opening a browser' },
  },
  example: 'chainward explore scenarios/us-mexico-crossborder-road.json --port 8080 --no-open',
} as const satisfies CommandSpec;

export const EXPLORE_USAGE = usageOf(EXPLORE_COMMAND);

/** Checks an input file: a valid scenario, or results (chainward-results/v1); problems are an InputError. */
function checkInput(file: string, text: string): 'scenario' | 'results' {
  const loaded = parseInput(text);
  if (loaded.kind !== 'invalid') return loaded.kind;
  const n = loaded.issues.length;
  throw new InputError(`${file}: ${n} problem${n === 1 ? '' : 's'}`, loaded.issues.map((i) => `${file}: ${i.path}: ${i.message}`));
}

/** Opens the URL in the desktop's browser; quietly does nothing where there is none. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser to open: the URL is printed
  }
}

export async function exploreCommand(argv: string[], signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommand(EXPLORE_COMMAND, argv);
  if (positionals.length > 1) throw new InputError(`explore takes at most one file, got ${positionals.length}\n\n${EXPLORE_USAGE}`);
  let port = 5173;
  if (values.port !== undefined) {
    const s = String(values.port);
    if (!/^\d+$/.test(s) || Number(s) > 65535) throw new InputError(`--port: expected a port number from 0 to 65535, got "${s}"`);
    port = Number(s);
  }
  const file = positionals[0] ?? DEFAULT_SCENARIO;
  const text = readInputFile(file);
  const kind = checkInput(file, text);

  const dir = await builtExplorer({ onBuild: () => values.quiet || process.stderr.write('chainward: building the explorer (once per source change)…\n') });
  let server;
  try {
    server = await startExploreServer({ dir, input: { text, name: basename(file) }, port, exactPort: values.port !== undefined });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError(values.port !== undefined ? `--port ${port}: the port is in use` : `ports ${port}–${port + 20} are all in use; choose one with --port`);
    if (code === 'EACCES') throw new InputError(`port ${port}: not allowed to listen on this port${values.port === undefined ? '; choose one with --port' : ''}`);
    throw e;
  }
  process.stdout.write(`chainward explorer: ${server.url}  (${kind} ${basename(file)}; Ctrl-C to stop)\n`);
  if (!values['no-open']) openBrowser(server.url);

  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  process.stdout.write('chainward explorer: stopped\n');
  return EXIT_OK;
}
