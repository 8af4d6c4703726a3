// `chainward bench`: the benchmark's options, usage and --help, parsed here and run by
// bench/run-bench.ts (see bench/README.md).
import { availableParallelism } from 'node:os';
import { DEFAULT_ROUNDS, DEFAULT_SIZES, DEFAULT_TRIALS, REFERENCE_RANGE_TRIALS, runBench, type BenchOptions } from '../../bench/run-bench.js';
import { BLOCK } from '../simulate/run-batch.js';
import { InputError, EXIT_OK } from '../io/errors.js';
import { intOption, parseCommand, usageOf, type CommandSpec, type ValuesOf } from './args.js';

/** The most trials --trials takes: 40 000 blocks. */
const MAX_TRIALS = 40_000 * BLOCK;

/** `chainward bench`: its options, usage line and --help (see bench/README.md). */
export const BENCH_COMMAND = {
  name: 'bench',
  summary:
    'measures trials/s: the reference workload against a superposition limit and a hand-written loop, with 1 and N worker threads, and generated networks (events/trial, ns/event, start-up apart); prints a table (and writes the figures as JSON with --out).',
  options: {
    workers: { type: 'string', value: 'N', description: 'threads for the parallel runs, 1 to 256', default: 'the cores available' },
    rounds: { type: 'string', value: 'R', description: 'measurement rounds, interleaved, 1 to 50; medians are reported', default: String(DEFAULT_ROUNDS) },
    trials: {
      type: 'string',
      value: 'T',
      description: `trials per run on the reference workload, a multiple of ${BLOCK} (the kernel's event block) from ${BLOCK} to ${MAX_TRIALS}, in ranges of ${REFERENCE_RANGE_TRIALS} (the default makes 20)`,
      default: String(DEFAULT_TRIALS),
    },
    sizes: { type: 'string', value: 'LIST', description: 'generated network sizes in sites (5 to 100000), separated by commas; "none" skips them', default: DEFAULT_SIZES },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'also writes the figures as JSON (chainward-bench/v1) to FILE, whole or not at all; without it the table is only printed. bench/results.json holds the committed run',
    },
    quiet: { type: 'boolean', description: 'no round-by-round figures and no messages on standard error (errors are still printed)' },
  },
  example: 'chainward bench --rounds 3 --sizes 1000,10000 --workers 2 --out /tmp/bench.json',
} as const satisfies CommandSpec;

/** The bench's settings from its parsed options; a bad value is an InputError naming the option. */
export function benchOptions(values: ValuesOf<typeof BENCH_COMMAND>): BenchOptions {
  const sizes =
    values.sizes === 'none'
      ? []
      : (values.sizes ?? DEFAULT_SIZES).split(',').map((x) => {
          if (!/^\d+$/.test(x.trim()) || +x < 5 || +x > 100_000) throw new InputError(`--sizes: expected site counts from 5 to 100000 separated by commas, got "${x}"`);
          return +x;
        });
  const workers = intOption('workers', values.workers, availableParallelism(), 256);
  const rounds = intOption('rounds', values.rounds, DEFAULT_ROUNDS, 50);
  const trials = intOption('trials', values.trials, DEFAULT_TRIALS, MAX_TRIALS, BLOCK);
  // a range ending inside a block pays for the whole block: the bench measures whole blocks only
  if (trials % BLOCK !== 0) throw new InputError(`--trials: expected a multiple of ${BLOCK} (the kernel's event block), got ${trials}; ${Math.ceil(trials / BLOCK) * BLOCK} is the next one`);
  return { workers, rounds, trials, sizes, out: values.out };
}

/** Runs `chainward bench ARGV`. */
export async function benchCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(BENCH_COMMAND, argv);
  if (positionals.length) throw new InputError(`bench takes no arguments, got ${positionals.join(' ')}\n\n${usageOf(BENCH_COMMAND)}`);
  const quiet = values.quiet === true;
  await runBench(benchOptions(values), undefined, quiet ? () => {} : undefined);
  return EXIT_OK;
}
