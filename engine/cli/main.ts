// The chainward command line: dispatches to the commands, and answers `chainward help`, `help <command>`
// and `<command> --help` from each command's declaration (engine/cli/args.ts). Bad input or usage prints
// what is wrong and where, and exits with status 2 without a stack trace; nothing is written half-way.
import { applyTreatment } from '../plan/apply-treatment.js';
import { compilePlan } from '../plan/compile-plan.js';
import { ScenarioLimitError } from '../model/limits.js';
import { ENGINE_VERSION } from '../version.js';
import { plural } from '../text/format.js';
import { didYouMean } from '../text/did-you-mean.js';
import { oneLine, truncate } from '../report/format.js';
import { BENCH_COMMAND, benchCommand } from './bench-command.js';
import { CALIBRATE_COMMAND, calibrateCommand } from './calibrate-command.js';
import { briefSynopsis, helpText, parseCommand, usageOf, wantsHelp, type CommandSpec } from './args.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, InputError } from '../io/errors.js';
import { CONTROLS_COMMAND, controlsCommand } from './controls-command.js';
import { EXPLORE_COMMAND, exploreCommand } from './explore-command.js';
import { GENERATE_COMMAND, generateCommand } from './generate-command.js';
import { MERGE_COMMAND, mergeCommand } from './merge-command.js';
import { IMPORT_COMMAND, importCommand } from './import-command.js';
import { EXPORT_COMMAND, exportCommand } from './export-command.js';
import { OPTIMIZE_COMMAND, optimizeCommand } from './optimize-command.js';
import { APPLY_COMMAND, applyCommand } from './apply-command.js';
import { COMPARE_COMMAND, compareCommand } from './compare-command.js';
import { ROUTES_COMMAND, routesCommand } from './routes-command.js';
import { REPORT_COMMAND, reportCommand } from './report-command.js';
import { RUN_COMMAND, runCommand } from './run-command.js';
import { STRESS_COMMAND, stressCommand } from './stress-command.js';
import { loadScenarioFile, namingFile } from './scenario-file.js';
import { scenarioWarnings } from '../validate/warnings.js';
import { printWarnings, warningCount } from './print-warnings.js';

/** `chainward validate`: its options, usage line and --help. */
const VALIDATE_COMMAND = {
  name: 'validate',
  summary: 'checks a scenario file and lists every problem with its JSON path; exit status 0 when it is valid, 2 when not.',
  args: 'scenario.json',
  argsHelp: [['scenario.json', 'the scenario file']],
  options: {},
  example: 'chainward validate scenarios/eu-electronics-inbound.json',
} as const satisfies CommandSpec;

interface Verb {
  spec: CommandSpec;
  run: (argv: string[]) => number | Promise<number>;
}

/** The commands in the order `chainward help` lists them. */
const VERBS: Verb[] = [
  { spec: RUN_COMMAND, run: runCommand },
  { spec: MERGE_COMMAND, run: mergeCommand },
  { spec: VALIDATE_COMMAND, run: validateCommand },
  { spec: GENERATE_COMMAND, run: generateCommand },
  { spec: ROUTES_COMMAND, run: routesCommand },
  { spec: OPTIMIZE_COMMAND, run: optimizeCommand },
  { spec: CALIBRATE_COMMAND, run: calibrateCommand },
  { spec: STRESS_COMMAND, run: stressCommand },
  { spec: COMPARE_COMMAND, run: compareCommand },
  { spec: APPLY_COMMAND, run: applyCommand },
  { spec: REPORT_COMMAND, run: reportCommand },
  { spec: IMPORT_COMMAND, run: importCommand },
  { spec: EXPORT_COMMAND, run: exportCommand },
  { spec: CONTROLS_COMMAND, run: controlsCommand },
  { spec: EXPLORE_COMMAND, run: (argv) => exploreCommand(argv) },
  { spec: BENCH_COMMAND, run: benchCommand },
];

/** Every command's declaration, in the order `chainward help` lists them. */
export const COMMANDS: readonly CommandSpec[] = VERBS.map((v) => v.spec);

/** `chainward help`: every command's usage and what it does. */
function usage(): string {
  const name = (n: string) => n.padEnd(11);
  const wrapped = (text: string) => {
    const lines: string[] = [];
    for (const word of text.split(' ')) {
      const last = lines[lines.length - 1];
      if (last !== undefined && last.length + 1 + word.length <= 100 - 11) lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
    }
    return lines.join(`\n${' '.repeat(11)}`);
  };
  return [
    `chainward ${ENGINE_VERSION}: supply chain security risk simulation (ISO 28000)`,
    '',
    'usage:',
    ...VERBS.map((v) => `  ${briefSynopsis(v.spec)}`),
    '  chainward help [command]',
    '',
    ...VERBS.map((v) => name(v.spec.name) + wrapped(v.spec.summary)),
    name('help') + wrapped('this list; `chainward help <command>` or `chainward <command> --help` gives the options of a command with their defaults, and an example'),
    '',
    'every command takes --quiet (no messages on standard error; errors are still printed) and -h, --help.',
    'exit status: 0 success, 1 internal error, 2 bad input or usage',
  ].join('\n');
}

/** The command called `name`, or a usage error suggesting the nearest one. */
function verbOf(name: string): Verb {
  const verb = VERBS.find((v) => v.spec.name === name);
  if (verb) return verb;
  const near = didYouMean(name, [...VERBS.map((v) => v.spec.name), 'help']);
  throw new InputError(`unknown command "${name}"${near === undefined ? '' : ` (did you mean "${near}"?)`}\n\n${usage()}`);
}

function validateCommand(argv: string[]): number {
  const { values, positionals } = parseCommand(VALIDATE_COMMAND, argv);
  if (positionals.length !== 1) throw new InputError(`validate takes exactly one scenario file\n\n${usageOf(VALIDATE_COMMAND)}`);
  const file = positionals[0]!;
  const scenario = loadScenarioFile(file);
  // the baseline's plan and each treatment's, one at a time: every one must keep within the limits (README.md, "Limits")
  const { plan } = namingFile(file, () => compilePlan(scenario, 1));
  (scenario.treatments ?? []).forEach((t, i) => namingFile(file, () => compilePlan(applyTreatment(scenario, t).scenario, 1, `treatments[${i}] "${t.id}"`)));
  const warnings = scenarioWarnings(scenario); // valid, but some parts can never do anything
  printWarnings(file, warnings, values.quiet === true);
  // the file name and the scenario's name are shown as one line of plain text
  process.stdout.write(
    `${oneLine(file)}: valid chainward/v1 scenario "${oneLine(scenario.name)}": ${plural(plan.nSites, 'site')}, ${plural(plan.nLanes, 'lane')}, ${plural(plan.nFlows, 'flow')}, ` +
      `${plural(scenario.threats.length, 'threat')} → ${plural(plan.nRisks, 'risk')}, ${plural((scenario.treatments ?? []).length, 'treatment')}${warningCount(warnings)}\n`,
  );
  return EXIT_OK;
}

/** Longest message and detail line printed, in characters: an id of a hostile file can be 200 000 characters long. */
const MESSAGE_CHARS = 2000;
const DETAIL_CHARS = 1000;

/** User text as one terminal line: no control character, line feed or bidi override, cut to `width`. */
function shown(text: string, width: number): string {
  return truncate(oneLine(text), width);
}

/**
 * Prints a bad-input problem. Messages quote the user's input (ids, paths, option values), so each is
 * shown as one line; only a usage text the program appends after a blank line keeps its lines.
 */
function printProblem(message: string, details: readonly string[]): void {
  let head = message;
  let tail = '';
  for (const u of [usage(), ...VERBS.map((v) => usageOf(v.spec))]) {
    if (message.endsWith(`\n\n${u}`)) {
      head = message.slice(0, message.length - u.length - 2);
      tail = `\n\n${u}`;
      break;
    }
  }
  process.stderr.write(`chainward: ${shown(head, MESSAGE_CHARS)}${tail}\n`);
  for (const d of details) process.stderr.write(`  ${shown(d, DETAIL_CHARS)}\n`);
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        process.stderr.write(usage() + '\n');
        return EXIT_BAD_INPUT;
      case 'help':
      case '--help':
      case '-h':
        if (rest.length > 1) throw new InputError(`help takes one command, got ${rest.join(' ')}\n\n${usage()}`);
        process.stdout.write(rest[0] === undefined ? usage() + '\n' : helpText(verbOf(rest[0]).spec));
        return EXIT_OK;
      case '--version':
        process.stdout.write(ENGINE_VERSION + '\n');
        return EXIT_OK;
    }
    const verb = verbOf(command);
    if (wantsHelp(rest)) {
      process.stdout.write(helpText(verb.spec));
      return EXIT_OK;
    }
    return await verb.run(rest);
  } catch (e) {
    if (e instanceof InputError || e instanceof ScenarioLimitError) {
      printProblem(e.message, e.details);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`chainward: internal error: ${shown(e instanceof Error ? e.message : String(e), MESSAGE_CHARS)}\n`);
    if (process.env.CHAINWARD_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    return EXIT_INTERNAL;
  }
}
