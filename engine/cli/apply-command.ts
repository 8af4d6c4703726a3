// `chainward apply SCENARIO --treatment ID …`: folds done treatments into the scenario, so that next
// year's baseline includes them (README.md, "The risk treatment plan"). The changes are applied by the
// function the engine simulates treatments with, so the new baseline is the scenario each treatment
// was simulated as; the folded treatments leave `treatments`, the others stay. Only what changed is
// rewritten: every other byte of the file is kept (engine/text/json-edit.ts). The new scenario is
// validated before it is written; a treatment left that no longer fits (a lane it adds now exists)
// is reported with its JSON path and nothing is written.
import type { Scenario, Treatment } from '../model/schema.js';
import { foldTreatments } from '../plan/fold-treatments.js';
import { compilePlan } from '../plan/compile-plan.js';
import { applyTreatment } from '../plan/apply-treatment.js';
import { parseScenario } from '../validate/validate.js';
import { suggestion } from '../text/did-you-mean.js';
import { oneLine } from '../report/format.js';
import { plural } from '../text/format.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { checkOutputPath } from '../io/write-atomic.js';
import { OUT_OPTION, parseCommand, usageOf, type CommandSpec } from './args.js';
import { loadScenarioFile, namingFile, scenarioJsonText } from './scenario-file.js';
import { writeOutput } from './write-output.js';
import { editJson, jsonLayout } from '../text/json-edit.js';
import { canonicalJson } from '../results/canonical-json.js';

/** `chainward apply`: its options, usage line and --help. */
export const APPLY_COMMAND = {
  name: 'apply',
  summary:
    "folds done treatments into the scenario (their changes become the baseline, the treatments leave the list) and writes the new scenario: next year's baseline after a management review.",
  args: 'scenario.json',
  argsHelp: [['scenario.json', 'the scenario file (it is never written over)']],
  options: {
    treatment: { type: 'string', value: 'ID', description: 'a treatment to fold in; repeat the option for several, folded in the order given', required: true },
    'any-status': { type: 'boolean', description: 'folds a treatment whatever its status (proposed, approved, in-progress, rejected): to preview the baseline it would give' },
    out: { ...OUT_OPTION, description: 'writes the new scenario to FILE (never the input) instead of standard output, whole or not at all' },
  },
  example: 'chainward apply scenarios/eu-electronics-inbound.json --treatment tr-long-haul-bundle --out next-year.json',
  notes:
    'Only treatments with status "done" are folded unless --any-status is given. The new scenario is validated before it is written; a treatment left that conflicts with the folded changes (it adds a lane or site that now exists) is reported and nothing is written; one that now changes nothing is named on standard error.',
} as const satisfies CommandSpec;

export const APPLY_USAGE = usageOf(APPLY_COMMAND);

/** Every value of `--treatment` in argv, in order (the parser keeps only the last of a repeated option). */
function treatmentIds(argv: readonly string[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--treatment' && i + 1 < argv.length) ids.push(argv[++i]!);
    else if (a.startsWith('--treatment=')) ids.push(a.slice('--treatment='.length));
  }
  return ids;
}

/**
 * The folded scenario as text: the input with only what folding changed rewritten (the changed
 * values, the folded treatments cut out, what a treatment adds placed after the last member), every
 * other byte as it was. Checked against the data; should the text ever not read back as the new
 * scenario, it is laid out whole instead.
 */
export function foldedText(input: string, before: Scenario, after: Scenario): string {
  const edited = editJson(input, before, after);
  let back: unknown;
  try {
    back = JSON.parse(edited);
  } catch {
    back = undefined;
  }
  return back !== undefined && canonicalJson(back) === canonicalJson(JSON.parse(JSON.stringify(after))) ? edited : `${jsonLayout(after)}\n`;
}

/** The treatment `id` of the scenario, or an InputError with the nearest id. */
function treatmentOf(file: string, scenario: Scenario, id: string): Treatment {
  const list = scenario.treatments ?? [];
  const t = list.find((x) => x.id === id);
  if (t !== undefined) return t;
  if (list.length === 0) throw new InputError(`--treatment ${JSON.stringify(id)}: ${file} has no treatments`);
  throw new InputError(`--treatment: no treatment ${JSON.stringify(id)} in ${file}${suggestion(id, list.map((x) => x.id))}; its treatments: ${list.map((x) => x.id).join(', ')}`);
}

export async function applyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(APPLY_COMMAND, argv);
  if (positionals.length !== 1) throw new InputError(`apply takes exactly one scenario file, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}\n\n${APPLY_USAGE}`);
  const file = positionals[0]!;
  const ids = treatmentIds(argv);
  if (ids.length === 0) throw new InputError(`--treatment is required: the id of a treatment to fold into the scenario\n\n${APPLY_USAGE}`);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new InputError(`--treatment ${JSON.stringify(twice)} is given twice`);
  checkOutputPath(values.out, [file]);
  const quiet = values.quiet === true;

  const validated = loadScenarioFile(file); // every problem of the input, with its JSON path
  const chosen = ids.map((id) => treatmentOf(file, validated, id));
  if (values['any-status'] !== true) {
    const notDone = chosen.filter((t) => (t.status ?? 'proposed') !== 'done');
    if (notDone.length > 0) {
      throw new InputError(
        `${notDone.map((t) => `treatment ${JSON.stringify(t.id)} is ${t.status ?? 'proposed'}${t.status === undefined ? ' (no status stated)' : ''}`).join('; ')}: apply folds only treatments whose status is "done"; set its status to "done" in ${file} once it is carried out, or give --any-status to fold it anyway (a preview)`,
      );
    }
  }
  // the input as it was written (keys in its order); validated above, so the same data as `validated`
  const input = scenarioJsonText(file).replace(/^\uFEFF/, ''); // a YAML scenario is written back as JSON
  const raw = JSON.parse(input) as Scenario;
  const { scenario, folded, emptied } = foldTreatments(structuredClone(raw), ids);
  const text = foldedText(input, raw, scenario);

  const checked = parseScenario(text);
  if (!checked.ok) {
    const names = new Map((scenario.treatments ?? []).map((t, i) => [`treatments[${i}]`, t.id]));
    throw new InputError(
      `${file}: with ${folded.map((t) => t.id).join(', ')} folded in, the scenario is not valid (${plural(checked.issues.length, 'problem')}); nothing was written. A treatment left that conflicts with the folded changes must be folded too (--treatment), changed or removed`,
      checked.issues.map((i) => {
        const at = /^treatments\[\d+\]/.exec(i.path)?.[0];
        const id = at === undefined ? undefined : names.get(at);
        return `${i.path}: ${i.message}${id === undefined ? '' : ` (treatment ${JSON.stringify(id)}, left in the scenario)`}`;
      }),
    );
  }
  // the new baseline and every treatment left must keep within the limits, as `validate` checks
  namingFile(file, () => compilePlan(checked.scenario, 1));
  (checked.scenario.treatments ?? []).forEach((t, i) => namingFile(file, () => compilePlan(applyTreatment(checked.scenario, t).scenario, 1, `treatments[${i}] "${t.id}"`)));

  await writeOutput(text, values.out, quiet);
  if (!quiet) {
    const left = scenario.treatments ?? [];
    process.stderr.write(
      `folded ${folded.map((t) => `${oneLine(t.id)} (${t.status ?? 'proposed'})`).join(', ')} into the baseline; ${plural(left.length, 'treatment')} left${left.length ? `: ${left.map((t) => oneLine(t.id)).join(', ')}` : ''}\n`,
    );
    for (const id of emptied) process.stderr.write(`warning: treatment ${JSON.stringify(oneLine(id))} now changes nothing: its changes are all in the new baseline already\n`);
  }
  return EXIT_OK;
}
