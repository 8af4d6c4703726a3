// `chainward report RESULTS.json|SCENARIO.json [--format html|pdf|md]`: the management review pack
// (docs/review-pack.md). A scenario is simulated first (--trials, --seed as `run`); results are taken
// as they are, with --scenario for what needs the network. Control effectiveness is measured with
// the scenario at hand; --compare adds the changes since the previous review. HTML and PDF are drawn
// by the explorer's own views in headless Chromium; Markdown needs no browser. Nothing is written
// until the whole pack is made.
import { basename } from 'node:path';
import { compareResults, CompareError } from '../analysis/compare.js';
import { stressTest } from '../analysis/stress.js';
import { elementEffect, elementRemovals, type ElementEffect } from '../analysis/control-effectiveness.js';
import { simulateScenario } from '../analysis/simulate-scenario.js';
import type { Scenario } from '../model/schema.js';
import { reviewPack, type ReviewPackInput, type SectionContent } from '../report/review-pack.js';
import { changesBlocks } from '../report/review-pack-changes.js';
import { stressBlocks } from '../report/review-pack-stress.js';
import { reviewPackMarkdown } from '../report/review-pack-markdown.js';
import { oneLine } from '../report/format.js';
import { scenarioHash } from '../results/scenario-hash.js';
import type { Results } from '../results/schema.js';
import { ENGINE_VERSION } from '../version.js';
import { defaultWorkers } from '../parallel/pool.js';
import { CHROMIUM_ENV, findChromium, noChromiumMessage } from '../serve/chromium.js';
import { ChromiumStartError, printPdf, reviewPackHtmlInBrowser, withChromium, type Paper } from '../serve/review-pack-browser.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { checkOutputPath } from '../io/write-atomic.js';
import { writeBytesAtomic } from '../io/write-atomic.js';
import { formatOption, intOption, OUT_OPTION, parseCommand, QUIET_PROGRESS_OPTION, SEED_OPTION, seedOf, trialsOption, usageOf, WORKERS_OPTION, type CommandSpec } from './args.js';
import { ProgressBar } from './progress.js';
import { DEFAULT_TRIALS } from './run-command.js';
import { namingFile } from './scenario-file.js';
import { readScenarioOrResults, scenarioOfResults } from './read-scenario-or-results.js';
import { withWorkers } from './with-workers.js';
import { writeOutput } from './write-output.js';

const MAX_TRIALS = 100_000_000;
const PACK_FORMATS = ['html', 'pdf', 'md'] as const;
type PackFormat = (typeof PACK_FORMATS)[number];

/** `chainward report`: its options, usage line and --help (see docs/review-pack.md). */
export const REPORT_COMMAND = {
  name: 'report',
  summary:
    'the management review pack (ISO 28000 clause 9.3): key figures, changes since the last review, exposure map, risk matrix, register by element and owner, treatment plan, control effectiveness, cost–benefit, stress test, calibration and provenance, as one self-contained HTML page, a PDF or Markdown.',
  args: 'RESULTS.json|SCENARIO.json',
  argsHelp: [['RESULTS.json|SCENARIO.json', 'results written by `chainward run --format json`, or a scenario to simulate first']],
  options: {
    format: formatOption(PACK_FORMATS, 'html (one self-contained page), pdf (that page printed by Chromium) or md (Markdown, no browser needed)'),
    out: { ...OUT_OPTION, description: `${OUT_OPTION.description}; required for pdf` },
    compare: { type: 'string', value: 'PREVIOUS.json', description: "the previous review's results: adds the changes since then (figures, appetite, risk levels, control spend, the treatment plan)" },
    scenario: { type: 'string', value: 'SCENARIO.json', description: 'with a results file, the scenario they were run on (checked by its hash): draws the map, measures control effectiveness and runs the stress test' },
    date: { type: 'string', value: 'YYYY-MM-DD', description: 'the date of the review, shown on the pack and used to mark overdue treatments; without it the pack carries no date' },
    paper: { type: 'string', value: 'a4|letter', description: 'the paper size of the PDF', default: 'a4' },
    trials: trialsOption(DEFAULT_TRIALS, MAX_TRIALS, 'with a scenario, the simulated years'),
    seed: { ...SEED_OPTION, description: `with a scenario, ${SEED_OPTION.description}` },
    workers: WORKERS_OPTION,
    quiet: QUIET_PROGRESS_OPTION,
  },
  notes:
    'HTML and PDF need a Chromium browser: the charts are the explorer’s own views, drawn in it. It is looked for at CHAINWARD_CHROMIUM, else /usr/bin/chromium and the usual places; without one, use --format md or install it (Debian or Ubuntu: apt-get install chromium).',
  example: 'chainward report scenarios/eu-electronics-inbound.json --date 2026-12-01 --out review-pack.html',
} as const satisfies CommandSpec;

export const REPORT_USAGE = usageOf(REPORT_COMMAND);

function dateOf(v: string | boolean | undefined): string | undefined {
  if (v === undefined) return undefined;
  const s = String(v);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== s) throw new InputError(`--date: expected a date YYYY-MM-DD such as 2026-12-01, got "${s}"`);
  return s;
}

/** Each ISO 28000 element's controls measured: the scenario simulated without them, with the same random numbers. */
async function measureEffects(scenario: Scenario, trials: number, seed: number | string, workers: number, bar: ProgressBar): Promise<ElementEffect[]> {
  const removals = elementRemovals(scenario);
  if (removals.length === 0) return [];
  const results = await withWorkers(workers, (runner) =>
    simulateScenario({ ...scenario, treatments: removals.map((r) => r.treatment) }, { trials, seed, workers, treatments: 'all', ...runner, onProgress: (p) => bar.update(p) }),
  );
  return removals.map((r, i) => elementEffect(r, results.treatments[i]!));
}

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(REPORT_COMMAND, argv);
  if (positionals.length !== 1) throw new InputError(`report takes one results or scenario file, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}\n\n${REPORT_USAGE}`);
  const file = positionals[0]!;
  const format = (values.format ?? 'html') as PackFormat;
  if (!PACK_FORMATS.includes(format)) throw new InputError(`--format: expected one of ${PACK_FORMATS.join(', ')}, got "${String(values.format)}"`);
  const paperText = values.paper ?? 'a4';
  if (paperText !== 'a4' && paperText !== 'letter') throw new InputError(`--paper: expected a4 or letter, got "${String(paperText)}"`);
  if (values.paper !== undefined && format !== 'pdf') throw new InputError('--paper sets the paper of the PDF: it needs --format pdf (the HTML page prints on the paper the printer has)');
  const paper: Paper = paperText;
  if (format === 'pdf' && typeof values.out !== 'string') throw new InputError('--format pdf needs --out FILE: a PDF is not written to the terminal');
  const reviewDate = dateOf(values.date);
  const trials = intOption('trials', values.trials, DEFAULT_TRIALS, MAX_TRIALS);
  const seed = seedOf(values.seed);
  const workers = intOption('workers', values.workers, defaultWorkers(), 256);
  const quiet = values.quiet === true;
  const inputs = [file, ...(typeof values.scenario === 'string' ? [values.scenario] : []), ...(typeof values.compare === 'string' ? [values.compare] : [])];
  checkOutputPath(values.out, inputs);

  // the browser first: a missing one is known before any simulation
  let chromium: string | undefined;
  if (format !== 'md') {
    const found = findChromium();
    if (!('path' in found)) throw new InputError(noChromiumMessage(`report --format ${format}`, found.looked, found.fromEnv));
    chromium = found.path;
  }

  const input = readScenarioOrResults(file);
  if (input.kind === 'results' && (values.trials !== undefined || values.seed !== undefined)) {
    const given = [values.trials !== undefined ? '--trials' : '', values.seed !== undefined ? '--seed' : ''].filter(Boolean).join(' and ');
    throw new InputError(`${given}: ${basename(file)} holds results, which keep the trials and seed they were run with; give a scenario to run other ones`);
  }
  if (input.kind === 'scenario' && values.scenario !== undefined) throw new InputError(`--scenario: ${basename(file)} is a scenario already; --scenario goes with a results file`);
  let scenario: Scenario | undefined = input.kind === 'scenario' ? input.scenario : undefined;
  if (typeof values.scenario === 'string') scenario = scenarioOfResults(file, (input as { results: Results }).results, values.scenario);
  let previous: Results | undefined;
  if (typeof values.compare === 'string') {
    const p = readScenarioOrResults(values.compare);
    if (p.kind !== 'results') throw new InputError(`--compare: ${values.compare} is a scenario; give the previous review's results (chainward run --format json)`);
    previous = p.results;
  }

  // the simulation: the run itself (a scenario), then each element without its controls
  const bar = new ProgressBar(process.stderr, scenario?.currency ?? 'USD', Boolean(process.stderr.isTTY) && !quiet);
  let results: Results;
  let effects: ElementEffect[] | undefined;
  try {
    results =
      input.kind === 'results'
        ? input.results
        : await namingFile(file, () => withWorkers(workers, (runner) => simulateScenario(input.scenario, { trials, seed, workers, treatments: 'all', ...runner, onProgress: (p) => bar.update(p) })));
    if (scenario) {
      const s = scenario;
      effects = await namingFile(values.scenario ?? file, () => measureEffects(s, results.trials, results.seed, workers, bar));
    }
  } finally {
    bar.done();
  }

  let changes: SectionContent | undefined;
  if (previous) {
    try {
      changes = changesBlocks(compareResults(previous, results, { sources: { before: { source: 'results', file: basename(values.compare as string) }, after: { source: input.kind, file: basename(file) } } }));
    } catch (e) {
      if (e instanceof CompareError) throw new InputError(`--compare: ${e.message}`);
      throw e;
    }
  }

  const stressScenario = scenario;
  const stress = stressScenario ? namingFile(values.scenario ?? file, () => stressBlocks(stressTest(stressScenario))) : undefined;
  const packInput: ReviewPackInput = {
    results,
    ...(scenario ? { scenario } : {}),
    ...(stress ? { stress } : {}),
    ...(effects ? { effects } : {}),
    ...(changes ? { changes } : {}),
    ...(reviewDate ? { reviewDate } : {}),
    source: {
      input: basename(file),
      kind: input.kind,
      ...(typeof values.scenario === 'string' ? { scenarioFile: basename(values.scenario) } : {}),
      ...(previous ? { previous: basename(values.compare as string), previousHash: previous.scenarioHash } : {}),
    },
    packEngineVersion: ENGINE_VERSION,
    howToAddScenario: 'pass --scenario SCENARIO.json (the scenario these results were run on)',
  };

  if (format === 'md') {
    await writeOutput(reviewPackMarkdown(reviewPack(packInput)), values.out, quiet);
    return EXIT_OK;
  }
  let made: string | Uint8Array;
  try {
    made = await withChromium(chromium!, async (browser) => {
      const html = await reviewPackHtmlInBrowser(browser, packInput);
      return format === 'pdf' ? await printPdf(browser, html, paper, reviewDate) : html;
    });
  } catch (e) {
    if (e instanceof ChromiumStartError) throw new InputError(`report --format ${format}: ${e.message}; set ${CHROMIUM_ENV} to a working Chromium or Chrome, or use --format md (no browser)`);
    throw e;
  }
  if (typeof made === 'string') await writeOutput(made, values.out, quiet);
  else {
    const out = values.out as string;
    try {
      await writeBytesAtomic(out, made);
    } catch (e) {
      throw new Error(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!quiet) process.stderr.write(`wrote ${oneLine(out)}\n`);
  }
  return EXIT_OK;
}
