// `chainward generate --sites N [--seed S] [--out FILE]`: writes a valid synthetic scenario
// (suppliers → factories → ports → DCs → customers) for scale tests and benchmarks.
import { generateScenario, MAX_SITES, MIN_SITES } from '../generate/generate-scenario.js';
import { intOption, checkOutPath, parse, seedOf, writeOutput } from './args.js';
import { EXIT_OK, InputError } from './errors.js';

export const GENERATE_USAGE = `usage: chainward generate --sites N [--seed S] [--out FILE] [--quiet]   (N from ${MIN_SITES} to ${MAX_SITES})`;

export function generateCommand(argv: string[]): number {
  const { values, positionals } = parse(argv, { sites: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' } }, GENERATE_USAGE);
  if (positionals.length > 0) throw new InputError(`generate takes no file argument (use --out FILE), got ${positionals.join(' ')}\n\n${GENERATE_USAGE}`);
  if (values.sites === undefined) throw new InputError(`generate needs --sites N\n\n${GENERATE_USAGE}`);
  const sites = intOption('sites', values.sites, 0, MAX_SITES, MIN_SITES);
  checkOutPath(values.out);
  const scenario = generateScenario({ sites, seed: seedOf(values.seed) });
  writeOutput(JSON.stringify(scenario, null, 1) + '\n', values.out, values.quiet === true);
  return EXIT_OK;
}
