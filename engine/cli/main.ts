// The chainward command line (SPEC §6): dispatches to the commands. Bad input or usage prints what is
// wrong and where, and exits with status 2 without a stack trace; nothing is written half-way.
import { compilePlan } from '../plan/compile-plan.js';
import { ENGINE_VERSION } from '../version.js';
import { parse } from './args.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, InputError } from './errors.js';
import { controlsCommand } from './controls-command.js';
import { exploreCommand } from './explore-command.js';
import { generateCommand } from './generate-command.js';
import { mergeCommand } from './merge-command.js';
import { optimizeCommand } from './optimize-command.js';
import { routesCommand } from './routes-command.js';
import { runCommand } from './run-command.js';
import { loadScenarioFile } from './scenario-file.js';

const USAGE = `chainward ${ENGINE_VERSION}: supply chain security risk simulation (ISO 28000)

usage:
  chainward run [scenario.json] [--trials N] [--seed S] [--workers N] [--treatments all|none|id,id]
                [--format table|json|csv|md] [--out FILE] [--quiet]
                [--target-se X [--max-trials N]] [--shard i/n] [--sensitivity [--sensitivity-delta X]]
  chainward merge part.json … [--format table|json|csv|md] [--out FILE]
  chainward validate scenario.json
  chainward generate --sites N [--seed S] [--out FILE]
  chainward routes scenario.json --flow ID [--k 3] [--carriers] [--trials N] [--format table|json]
  chainward optimize scenario.json --budget AMOUNT [--objective eal|cvar95] [--trials N] [--format table|json]
  chainward controls [--element E] [--format table|json]
  chainward explore [scenario.json|results.json] [--port P] [--no-open]
  chainward bench [--workers N] [--rounds R] [--sizes 1000,10000,100000]
  chainward help

run        simulates the scenario (default: the built-in EU electronics inbound scenario)
           and prints the summary, the top risks and the treatments.
           --workers N      worker threads (default: the cores available; 1 runs in this thread)
           --target-se X    runs until the EAL's relative standard error is X or less (e.g. 0.01),
                            capped by --max-trials (default 1 000 000); the result depends only
                            on the seed and X
           --shard i/n      runs the i-th of n shares of the trial ranges and writes a partial
                            result (JSON) for \`chainward merge\`
           --sensitivity    adds a tornado: each threat frequency and control's factors ±25 %
merge      merges the partial results of every shard into the single-run result
validate   checks a scenario file and lists every problem with its JSON path
generate   writes a synthetic scenario of N sites (5 to 100 000) for scale tests
routes     the k fastest loop-free routes of a flow (Yen) and, with --carriers, other carriers on
           its road lanes, each simulated with the same random numbers: time, cost, risk, dominance
optimize   the catalog control placements that most reduce EAL (or CVaR95) within a yearly budget,
           and the cost–risk frontier
controls   lists the built-in control catalog (TAPA FSR/TSR, C-TPAT, EU AEO, ISO 17712, ISO 28000)
explore    serves the explorer (exposure map, risk matrix, loss exceedance, treatments, what-ifs
           in the browser) on 127.0.0.1 with the scenario or results (default: the built-in
           scenario); --port P (default 5173, else the next free one), --no-open; Ctrl-C stops it
bench      measures trials/s: the reference workload against a hand-written loop, with 1 and N
           worker threads, and generated networks; writes bench/results.json

exit status: 0 success, 1 internal error, 2 bad input or usage`;

function validateCommand(argv: string[]): number {
  const { positionals } = parse(argv, {}, USAGE);
  if (positionals.length !== 1) throw new InputError(`validate takes exactly one scenario file\n\n${USAGE}`);
  const file = positionals[0]!;
  const scenario = loadScenarioFile(file);
  const { plan } = compilePlan(scenario, 1);
  process.stdout.write(
    `${file}: valid chainward/v1 scenario "${scenario.name}": ${plan.nSites} sites, ${plan.nLanes} lanes, ${plan.nFlows} flows, ` +
      `${scenario.threats.length} threats → ${plan.nRisks} risks, ${(scenario.treatments ?? []).length} treatments\n`,
  );
  return EXIT_OK;
}

async function benchCommand(argv: string[]): Promise<number> {
  const bench = await import('../../bench/run-bench.js');
  let opts;
  try {
    opts = bench.benchOptions(argv);
  } catch (e) {
    throw new InputError(`${(e as Error).message}\n\n${bench.BENCH_USAGE}`);
  }
  await bench.runBench(opts);
  return EXIT_OK;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest);
      case 'validate':
        return validateCommand(rest);
      case 'merge':
        return mergeCommand(rest);
      case 'generate':
        return generateCommand(rest);
      case 'controls':
        return controlsCommand(rest);
      case 'routes':
        return await routesCommand(rest);
      case 'optimize':
        return await optimizeCommand(rest);
      case 'bench':
        return await benchCommand(rest);
      case 'explore':
        return await exploreCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? EXIT_BAD_INPUT : EXIT_OK;
      case '--version':
        process.stdout.write(ENGINE_VERSION + '\n');
        return EXIT_OK;
      default:
        throw new InputError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`chainward: ${e.message}\n`);
      for (const d of e.details) process.stderr.write(`  ${d}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`chainward: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.CHAINWARD_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return EXIT_INTERNAL;
  }
}
