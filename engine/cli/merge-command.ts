// `chainward merge part.json …`: merges the partial results of sharded runs into the result a single
// run would give (the same bytes apart from `run`). The parts must come from one scenario, seed,
// trial count, treatment list and engine version, and cover every shard exactly once.
import { analyse, canonicalJson, prepareUnits, runInfo, UnknownTreatmentError } from '../analysis/simulate-scenario.js';
import { sha256Hex } from '../analysis/sha256.js';
import { validateScenario } from '../model/validate.js';
import { decodeSummary, PARTIAL_FORMAT, PartialFormatError, unitsChecksum, type PartialResult } from '../node/partial-result.js';
import { mergeSummaries, tailSizeFor } from '../summary/batch-summary.js';
import { ENGINE_VERSION } from '../version.js';
import { FORMATS, formatOf, formatOption, intOption, OUT_OPTION, parseCommand, render, usageOf, writeOutput, type CommandSpec } from './args.js';
import { DEFAULT_TOP } from '../report/sections.js';
import { EXIT_OK, InputError } from './errors.js';
import { readInputFile } from './scenario-file.js';
import { checkOutputPath } from './write-atomic.js';

/** `chainward merge`: its options, usage line and --help (see README.md, "Scaling out"). */
export const MERGE_COMMAND = {
  name: 'merge',
  summary: 'merges the partial results of every shard (`chainward run --shard i/n`) into the result a single run gives.',
  args: 'part.json …',
  argsHelp: [['part.json …', 'the partial result of every shard, each once, in any order']],
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
  const o = v as Partial<PartialResult> | null;
  if (o === null || typeof o !== 'object' || o.format !== PARTIAL_FORMAT) {
    throw new InputError(`${file}: $.format: expected "${PARTIAL_FORMAT}" (a file written by \`chainward run --shard i/n\`), got ${JSON.stringify(o?.format)}`);
  }
  if (o.engineVersion !== ENGINE_VERSION) throw new InputError(`${file}: $.engineVersion: written by chainward ${String(o.engineVersion)}, this is ${ENGINE_VERSION}; rerun the shards with one version`);
  const shard = o.shard;
  if (!shard || !Number.isInteger(shard.index) || !Number.isInteger(shard.count) || !(shard.index >= 1 && shard.index <= shard.count)) {
    throw new InputError(`${file}: $.shard: expected { index, count } with 1 ≤ index ≤ count`);
  }
  if (!Array.isArray(o.treatments) || !o.treatments.every((t) => typeof t === 'string')) throw new InputError(`${file}: $.treatments: expected a list of treatment ids`);
  if (!Array.isArray(o.units) || o.units.length !== o.treatments.length + 1) {
    throw new InputError(`${file}: $.units: expected one summary for the baseline and one per treatment`);
  }
  if (o.unitsSha256 !== unitsChecksum(o.units)) throw new InputError(`${file}: $.unitsSha256: the summaries do not match their checksum; the file was changed or cut after \`run --shard\` wrote it`);
  if (!(typeof o.seed === 'number' || typeof o.seed === 'string')) throw new InputError(`${file}: $.seed: expected a number or a string`);
  if (!(Number.isInteger(o.trials) && o.trials! >= 1)) throw new InputError(`${file}: $.trials: expected a whole number ≥ 1`);
  const run = o.run as { workers?: unknown; wallMs?: unknown } | undefined;
  if (!run || !(Number.isInteger(run.workers) && (run.workers as number) >= 1) || !(typeof run.wallMs === 'number' && run.wallMs >= 0)) {
    throw new InputError(`${file}: $.run: expected { workers, wallMs }`);
  }
  return o as PartialResult;
}

export async function mergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(MERGE_COMMAND, argv);
  if (positionals.length === 0) throw new InputError(`merge needs the partial result files of every shard\n\n${MERGE_USAGE}`);
  const format = formatOf(values.format);
  const report = { top: intOption('top', values.top, DEFAULT_TOP, 1_000_000), wide: values.wide === true };
  checkOutputPath(values.out, positionals);
  const parts = positionals.map((file) => ({ file, part: readPart(file) }));

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
  if (`sha256:${sha256Hex(canonicalJson(scenario))}` !== first.part.scenarioHash) throw new InputError(`${first.file}: $.scenario does not match $.scenarioHash`);
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
    const decoded = parts.map(({ file, part }) => {
      try {
        return decodeSummary(part.units[k], `$.units[${k}]`, nRisks, nFlows);
      } catch (e) {
        if (e instanceof PartialFormatError) throw new InputError(`${file}: ${e.message}`);
        throw e;
      }
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
  const results = analyse(scenario, units, summaries, seed, runInfo(workers, wallMs, trials * units.length));
  await writeOutput(render(results, format, report), values.out, values.quiet === true);
  return EXIT_OK;
}
