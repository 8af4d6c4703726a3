// `chainward explore [scenario.json|results.json] [--trials N] [--seed S] [--port P] [--no-open]`:
// checks the input, builds the explorer when its sources changed, serves it on 127.0.0.1 with the
// input (and, for a scenario, the trials and seed the page runs: by default those of `chainward run`,
// so the page shows the run the terminal printed), prints the URL, opens a browser (unless
// --no-open) and runs until Ctrl-C.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { builtExplorer } from '../serve/build-explorer.js';
import { startExploreServer } from '../serve/explore-server.js';
import { parseInput } from '../results/parse-input.js';
import { issueWhere } from '../validate/parse-scenario-text.js';
import { oneLine } from '../report/format.js';
import { intOption, parseCommand, SEED_OPTION, seedOf, usageOf, type CommandSpec } from './args.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { DEFAULT_TRIALS } from './run-command.js';
import { DEFAULT_SCENARIO, readInputFile } from './scenario-file.js';

/** The trials and seed the page accepts (explorer/state/url-state.ts: MIN_TRIALS, MAX_TRIALS, MAX_SEED_LENGTH). */
export const EXPLORE_MIN_TRIALS = 100;
export const EXPLORE_MAX_TRIALS = 1_000_000;
export const EXPLORE_MAX_SEED_LENGTH = 64;

/** `chainward explore`: its options, usage line and --help (see README.md, "The explorer"). */
export const EXPLORE_COMMAND = {
  name: 'explore',
  summary:
    'serves the explorer (exposure map, risk matrix, loss exceedance, treatments, what-ifs in the browser) on 127.0.0.1 with the scenario or results, and opens it; Ctrl-C stops it.',
  args: '[scenario.json|results.json]',
  argsHelp: [['scenario.json|results.json', 'a scenario, or results written by `chainward run --format json` (default: the built-in scenario)']],
  options: {
    trials: {
      type: 'string',
      value: 'N',
      description: `the trials (simulated years) the page runs the scenario with, a whole number from ${EXPLORE_MIN_TRIALS} to ${EXPLORE_MAX_TRIALS}; the default is \`chainward run\`'s, so the page shows the run the terminal printed`,
      default: String(DEFAULT_TRIALS),
    },
    seed: { ...SEED_OPTION, description: `the seed the page runs the scenario with, as \`chainward run --seed\` takes it (at most ${EXPLORE_MAX_SEED_LENGTH} characters)` },
    port: { type: 'string', value: 'P', description: 'the port, 0 to 65535 (0: any free port); without it, the next free port from 5173 is used', default: '5173' },
    'no-open': { type: 'boolean', description: 'prints the address without opening a browser' },
  },
  example: 'chainward explore scenarios/us-mexico-crossborder-road.json --trials 50000 --seed 7 --port 8080 --no-open',
} as const satisfies CommandSpec;

export const EXPLORE_USAGE = usageOf(EXPLORE_COMMAND);

/** Checks an input file: a valid scenario, or results (chainward-results/v1); problems are an InputError. */
function checkInput(file: string, text: string): 'scenario' | 'results' {
  const loaded = parseInput(text, file);
  if (loaded.kind !== 'invalid') return loaded.kind;
  const n = loaded.issues.length;
  throw new InputError(`${file}: ${n} problem${n === 1 ? '' : 's'}`, loaded.issues.map((i) => `${issueWhere(file, i)}: ${i.message}`));
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
  const trials = intOption('trials', values.trials, DEFAULT_TRIALS, EXPLORE_MAX_TRIALS, EXPLORE_MIN_TRIALS);
  const seed = seedOf(values.seed);
  if (String(seed).length > EXPLORE_MAX_SEED_LENGTH) throw new InputError(`--seed: expected at most ${EXPLORE_MAX_SEED_LENGTH} characters (the explorer keeps no more), got ${String(seed).length}`);
  const file = positionals[0] ?? DEFAULT_SCENARIO;
  const text = readInputFile(file, 'results');
  const kind = checkInput(file, text);
  // results hold their own trials and seed: asking for others would show a run that is not the file's
  if (kind === 'results' && (values.trials !== undefined || values.seed !== undefined)) {
    const given = [values.trials !== undefined ? '--trials' : '', values.seed !== undefined ? '--seed' : ''].filter(Boolean).join(' and ');
    throw new InputError(`${given}: ${basename(file)} holds results, which keep the trials and seed they were run with; give a scenario to run other ones`);
  }

  const dir = await builtExplorer({ onBuild: () => values.quiet || process.stderr.write('chainward: building the explorer (once per source change)…\n') });
  let server;
  try {
    server = await startExploreServer({ dir, input: { text, name: basename(file), ...(kind === 'scenario' ? { run: { trials, seed } } : {}) }, port, exactPort: values.port !== undefined });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError(values.port !== undefined ? `--port ${port}: the port is in use` : `ports ${port}–${port + 20} are all in use; choose one with --port`);
    if (code === 'EACCES') throw new InputError(`port ${port}: not allowed to listen on this port${values.port === undefined ? '; choose one with --port' : ''}`);
    throw e;
  }
  const run = kind === 'scenario' ? `, ${trials.toLocaleString('en-US')} trials, seed ${seed}` : '';
  process.stdout.write(`chainward explorer: ${server.url}  (${kind} ${oneLine(basename(file) + run)}; Ctrl-C to stop)\n`); // the file name and seed as typed: one plain line
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
