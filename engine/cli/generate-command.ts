// `chainward generate --sites N [--seed S] [--out FILE]`: writes a valid synthetic scenario
// (suppliers → factories → ports → DCs → customers) for scale tests and benchmarks.
import { generateScenario, MAX_SITES, MIN_SITES } from '../generate/generate-scenario.js';
import { intOption, OUT_OPTION, parseCommand, SEED_OPTION, seedOf, usageOf, type CommandSpec } from './args.js';
import { writeOutput } from './write-output.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { checkOutputPath } from '../io/write-atomic.js';
import { jsonDocumentChunks } from '../results/json-chunks.js';

/** `chainward generate`: its options, usage line and --help (README.md, "Scaling out", the paragraph "Big networks"). */
export const GENERATE_COMMAND = {
  name: 'generate',
  summary: 'writes a valid synthetic scenario of N sites (suppliers → factories → ports → DCs → customers) for scale tests; same N and seed, same file.',
  options: {
    sites: { type: 'string', value: 'N', description: `how many sites, ${MIN_SITES} to ${MAX_SITES}`, required: true },
    seed: SEED_OPTION,
    out: OUT_OPTION,
  },
  example: 'chainward generate --sites 10000 --seed 3 --out net.json',
} as const satisfies CommandSpec;

export const GENERATE_USAGE = usageOf(GENERATE_COMMAND);

export async function generateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(GENERATE_COMMAND, argv);
  if (positionals.length > 0) throw new InputError(`generate takes no file argument (use --out FILE), got ${positionals.join(' ')}\n\n${GENERATE_USAGE}`);
  if (values.sites === undefined) throw new InputError(`generate needs --sites N\n\n${GENERATE_USAGE}`);
  const sites = intOption('sites', values.sites, 0, MAX_SITES, MIN_SITES);
  checkOutputPath(values.out);
  const scenario = generateScenario({ sites, seed: seedOf(values.seed) });
  // in pieces: the same bytes as JSON.stringify(scenario, null, 1), without a 64 MB string at 100 000 sites
  await writeOutput(jsonDocumentChunks(scenario, 1), values.out, values.quiet === true);
  return EXIT_OK;
}
