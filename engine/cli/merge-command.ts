// `chainward merge part.json …`: merges the partial results of sharded runs into the result a single
// run would give (the same bytes apart from `run`). The parts must come from one scenario, seed,
// trial count, treatment list and engine version, and cover every shard exactly once. Every part is
// checked before it is merged: its checksum, every number, and a few trials re-simulated from its
// scenario and seed (docs/results-format.md, "What `merge` checks and writes").
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyseUnits } from '../analysis/analyse.js';
import { canonicalJson } from '../results/canonical-json.js';
import { prepareUnits, UnknownTreatmentError, type RunUnit } from '../run/units.js';
import { runInfo } from '../run/run-options.js';
import { shardRanges, trialRanges } from '../run/ranges.js';
import { scenarioHash } from '../results/scenario-hash.js';
import { ScenarioLimitError } from '../model/limits.js';
import { validateScenario } from '../validate/validate.js';
import { checkPartial, decodeSummary, PartialFormatError, type PartialResult } from '../io/partial-result.js';
import { Simulator } from '../simulate/run-batch.js';
import { mergeSummaries, tailSizeFor, type BatchSummary } from '../summary/batch-summary.js';
import { ENGINE_VERSION } from '../version.js';
import { FORMATS } from '../report/render.js';
import { renderContent } from './render-content.js';
import { formatOf, formatOption, intOption, OUT_OPTION, parseCommand, usageOf, type CommandSpec } from './args.js';
import { writeOutput } from './write-output.js';
import { DEFAULT_TOP } from '../report/sections.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { readInputFile } from './scenario-file.js';
import { checkOutputPath } from '../io/write-atomic.js';

/** `chainward merge`: its options, usage line and --help (see README.md, "Scaling out"). */
export const MERGE_COMMAND = {
  name: 'merge',
  summary: 'merges the partial results of every shard (`chainward run --shard i/n`) into the result a single run gives.',
  args: 'part.json|folder …',
  argsHelp: [['part.json|folder …', 'the partial result of every shard, each once, in any order; a folder stands for every .json file in it (but --out)']],
  options: {
    format: formatOption(FORMATS, 'table, json (the results format), csv (every section as blocks, for spreadsheets) or md (Markdown)'),
    top: { type: 'string', value: 'N', description: 'risks listed in the table and Markdown reports (CSV and JSON carry them all)', default: String(DEFAULT_TOP) },
    wide: { type: 'boolean', description: 'nothing cut to fit 120 columns: full names and sentences, every risk-control entry, sensitivity row and warning' },
    out: OUT_OPTION,
  },
  example: 'chainward merge part-*.json --format json --out results.json',
} as const satisfies CommandSpec;

export const MERGE_USAGE = usageOf(MERGE_COMMAND);

function readPart(file: string): PartialResult {
  const text = readInputFile(file, 'part');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not JSON (${(e as Error).message})`);
  }
  try {
    return checkPartial(v, ENGINE_VERSION);
  } catch (e) {
    if (e instanceof PartialFormatError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Where a part's trials are: its shard's share of the run's ranges. */
function shardTrials(part: PartialResult): { first: number; count: number } {
  const ranges = shardRanges(trialRanges(part.trials, part.rangeTrials), part.shard.index, part.shard.count);
  return { first: ranges[0]![0], count: ranges.reduce((n, [, c]) => n + c, 0) };
}

/**
 * Re-simulates a few trials of a part's unit from the scenario and seed and compares their losses with
 * the part's, bit for bit (a trial's loss does not depend on the batch it is simulated in): the
 * part's worst trial (its first when the tail is empty) and one picked by its checksum. A part made
 * from another scenario or seed, or whose worst loss was edited, is refused without re-running the
 * shard; each trial costs about one block of the kernel (engine/simulate/run-batch.ts).
 */
function spotCheck(file: string, part: PartialResult, k: number, unit: RunUnit, s: BatchSummary, sim: Simulator): void {
  let worst = -1;
  for (let i = 0; i < s.tail.trial.length; i++) if (worst < 0 || s.tail.loss[i]! > s.tail.loss[worst]!) worst = i;
  const picks = new Set([worst >= 0 ? s.tail.trial[worst]! : s.firstTrial, s.firstTrial + (parseInt(part.checksum.slice(-8), 16) % s.count)]);
  for (const t of [...picks].sort((a, b) => a - b)) {
    const again = sim.runBatch(t, 1, 1).losses[0]!;
    const said = s.losses[t - s.firstTrial]!;
    if (again !== said) {
      const what = unit.treatment ? `treatment ${JSON.stringify(unit.treatment.id)}` : 'the baseline';
      throw new InputError(
        `${file}: $.units[${k}].losses[${t - s.firstTrial}]: trial ${t} of ${what} re-simulated from $.scenario with $.seed ${JSON.stringify(part.seed)} loses ${again}, the part says ${said}; the part does not come from this scenario and seed, or was edited`,
      );
    }
  }
}

/**
 * The part files an argument names: a file itself; a folder, every `.json` file directly in it but
 * --out, in name order (a batch system's exec-form command has no shell to expand part-*.json; see
 * docs/scale-out.md). The temporary files of a run still writing (`.NAME.….tmp`) are not parts.
 */
function partFiles(arg: string, out: string | boolean | undefined): string[] {
  let isFolder = false;
  try {
    isFolder = statSync(arg).isDirectory();
  } catch {
    return [arg]; // readPart says what is wrong with it
  }
  if (!isFolder) return [arg];
  const skip = typeof out === 'string' ? resolve(out) : undefined;
  const names = readdirSync(arg)
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .map((n) => join(arg, n))
    .filter((f) => resolve(f) !== skip)
    .sort();
  if (names.length === 0) throw new InputError(`${arg}: a folder with no .json files: expected the partial results of the shards (chainward run --shard … --out ${join(arg, 'part-{shard}.json')})`);
  return names;
}

export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(MERGE_COMMAND, argv);
  if (positionals.length === 0) throw new InputError(`merge needs the partial result files of every shard\n\n${MERGE_USAGE}`);
  const format = formatOf(values.format);
  const report = { top: intOption('top', values.top, DEFAULT_TOP, 1_000_000), wide: values.wide === true };
  const files = positionals.flatMap((p) => partFiles(p, values.out));
  checkOutputPath(values.out, files);
  const parts = files.map((file) => ({ file, part: readPart(file) }));

  // one run: same scenario, seed, trials, ranges, treatments and shard count
  const first = parts[0]!;
  for (const { file, part } of parts.slice(1)) {
    for (const key of ['scenarioHash', 'seed', 'trials', 'rangeTrials'] as const) {
      // (seed, trials and the rest were checked to be plain numbers or strings by readPart)
      if (part[key] !== first.part[key]) throw new InputError(`${file}: $.${key} is ${JSON.stringify(part[key])} but ${first.file} has ${JSON.stringify(first.part[key])}: the parts come from different runs`);
    }
    if (part.treatments.join('\n') !== first.part.treatments.join('\n')) throw new InputError(`${file}: $.treatments differ from ${first.file}'s: the parts come from different runs`);
    if (part.shard.count !== first.part.shard.count) throw new InputError(`${file}: $.shard.count is ${part.shard.count} but ${first.file} has ${first.part.shard.count}`);
  }
  const n = first.part.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, part } of parts) {
    const dup = byIndex.get(part.shard.index);
    if (dup !== undefined) throw new InputError(`${file}: shard ${part.shard.index}/${n} is also in ${dup}`);
    byIndex.set(part.shard.index, file);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new InputError(`missing shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${n}`).join(', ')}`);
  parts.sort((a, b) => a.part.shard.index - b.part.shard.index);

  const checked = validateScenario(first.part.scenario);
  if (!checked.ok) throw new InputError(`${first.file}: $.scenario is not a valid scenario`, checked.issues.map((i) => `${i.path}: ${i.message}`));
  const scenario = checked.scenario;
  if (scenarioHash(scenario) !== first.part.scenarioHash) throw new InputError(`${first.file}: $.scenario does not match $.scenarioHash`);
  const firstScenario = canonicalJson(first.part.scenario);
  for (const { file, part } of parts) {
    if (part !== first.part && canonicalJson(part.scenario) !== firstScenario) throw new InputError(`${file}: $.scenario differs from ${first.file}'s under the same $.scenarioHash: the parts come from different runs`);
  }
  const { seed, trials } = first.part;
  let units;
  try {
    units = prepareUnits(scenario, { seed, treatments: first.part.treatments });
  } catch (e) {
    if (e instanceof UnknownTreatmentError) throw new InputError(`${first.file}: $.treatments: ${e.message}`);
    throw e;
  }
  const summaries = units.map((u, k) => {
    const { nRisks, nFlows } = u.compiled.plan;
    const sim = new Simulator(u.compiled.plan);
    const decoded = parts.map(({ file, part }) => {
      let s: BatchSummary;
      try {
        s = decodeSummary(part.units[k], `$.units[${k}]`, nRisks, nFlows);
      } catch (e) {
        if (e instanceof PartialFormatError) throw new InputError(`${file}: ${e.message}`);
        throw e;
      }
      const want = shardTrials(part);
      if (s.firstTrial !== want.first || s.count !== want.count) {
        throw new InputError(`${file}: $.units[${k}]: holds trials ${s.firstTrial}–${s.firstTrial + s.count - 1}, but shard ${part.shard.index}/${part.shard.count} of ${trials} trials is trials ${want.first}–${want.first + want.count - 1}`);
      }
      if (s.tailSize !== tailSizeFor(trials)) throw new InputError(`${file}: $.units[${k}].tailSize: expected ${tailSizeFor(trials)} for ${trials} trials, got ${s.tailSize}`);
      spotCheck(file, part, k, u, s, sim);
      return s;
    });
    let merged;
    try {
      merged = mergeSummaries(decoded);
    } catch (e) {
      throw new InputError(`the parts do not fit together: ${(e as Error).message}`);
    }
    if (merged.tailSize !== tailSizeFor(trials)) throw new InputError(`$.units[${k}].tailSize: expected ${tailSizeFor(trials)} for ${trials} trials, got ${merged.tailSize}`);
    if (merged.firstTrial !== 0 || merged.count !== trials) throw new InputError(`the parts cover trials ${merged.firstTrial}–${merged.firstTrial + merged.count - 1}, not 0–${trials - 1}`);
    return merged;
  });
  let workers = 0;
  let wallMs = 0;
  for (const { part } of parts) {
    workers += part.run.workers;
    wallMs = Math.max(wallMs, part.run.wallMs);
  }
  let results;
  try {
    results = analyseUnits(scenario, units, summaries, seed, runInfo(workers, wallMs, trials * units.length));
  } catch (e) {
    // analyse's backstop: the checks of the parts keep every figure finite
    if (e instanceof ScenarioLimitError) throw new InputError('the merged parts give figures that are not finite numbers; nothing was written', e.details);
    throw e;
  }
  await writeOutput(renderContent(results, format, report), values.out, values.quiet === true);
  return EXIT_OK;
}
