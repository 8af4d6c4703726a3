// `chainward stress SCENARIO [--format table|json|md] [--top N] [--out FILE]`: the stress test of
// engine/analysis/stress.ts (docs/stress-test.md): each site and lane down for its time to recover,
// ranked by loss, with the time to survive, the Risk Exposure Index and the flag TTS < TTR; then each
// flow's minimal cut sets of one and two elements. A table in 120 columns, Markdown, or JSON
// (chainward-stress/v1). Nothing is simulated: the same scenario gives the same bytes.
import { stressTest, type FlowCutSets, type CutElement, type StressElement, type StressResult } from '../analysis/stress.js';
import { oneLine, paragraph, REPORT_WIDTH, textTable } from '../report/format.js';
import { mdCell, mdText } from '../report/markdown.js';
import { count, money, num, plural } from '../text/format.js';
import { formatOption, intOption, OUT_OPTION, parseCommand, usageOf, type CommandSpec } from './args.js';
import { writeOutput } from './write-output.js';
import { EXIT_OK, InputError } from '../io/errors.js';
import { loadScenarioFile, namingFile } from './scenario-file.js';
import { checkOutputPath } from '../io/write-atomic.js';

export const STRESS_FORMAT = 'chainward-stress/v1';
export const DEFAULT_STRESS_TOP = 25;
const MAX_TOP = 1_000_000;
/** Pairs listed per flow in the table and Markdown (JSON lists them all). */
const LISTED_PAIRS = 6;
/** Unstressed elements named in the table's note. */
const LISTED_UNSTRESSED = 12;

/** `chainward stress`: its options, usage line and --help (see docs/stress-test.md). */
export const STRESS_COMMAND = {
  name: 'stress',
  summary:
    'the stress test: each site and lane down on its own for its time to recover (ttrDays, else the p90 downtime of its disruptions): the flows it cuts, the loss, the time to survive, the Risk Exposure Index, and each flow’s minimal cut sets of one and two elements. No sampling.',
  args: 'scenario.json',
  argsHelp: [['scenario.json', 'the scenario file']],
  options: {
    format: formatOption(['table', 'json', 'md'], `table (120 columns), json (${STRESS_FORMAT}, every element and pair) or md (Markdown)`),
    top: { type: 'string', value: 'N', description: 'elements listed in the table and Markdown; JSON lists them all', default: String(DEFAULT_STRESS_TOP) },
    out: OUT_OPTION,
  },
  example: 'chainward stress scenarios/eu-electronics-inbound.json --format md',
  notes:
    'TTR: the element’s ttrDays, else the largest 90th percentile of the downtime of the disruption threats that apply to it; an element with neither is not stressed. Loss over the TTR: interruptionCostPerDay × max(0, TTR − bufferDays) for each flow it cuts, plus the extra transport cost of the detour for each flow it reroutes. TTS: the least bufferDays of the flows it cuts (∞ when it cuts none). REI: loss ÷ the largest loss. Flagged (!) when TTS < TTR.',
} as const satisfies CommandSpec;

export const STRESS_USAGE = usageOf(STRESS_COMMAND);

export async function stressCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(STRESS_COMMAND, argv);
  if (positionals.length !== 1) throw new InputError(`stress takes exactly one scenario file, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}\n\n${STRESS_USAGE}`);
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json' && format !== 'md') throw new InputError(`--format: expected table, json or md, got "${String(format)}"`);
  const top = intOption('top', values.top, DEFAULT_STRESS_TOP, MAX_TOP);
  const file = positionals[0]!;
  checkOutputPath(values.out, [file]);
  const scenario = loadScenarioFile(file);
  const result = namingFile(file, () => stressTest(scenario));
  const text = format === 'json' ? JSON.stringify(stressJson(result), null, 2) + '\n' : format === 'md' ? stressMarkdown(result, top) : stressTable(result, top);
  await writeOutput(text, values.out, values.quiet === true);
  return EXIT_OK;
}

/** The JSON record (chainward-stress/v1): every element ranked, every cut set; null TTS = unlimited. */
export function stressJson(r: StressResult) {
  return {
    format: STRESS_FORMAT,
    scenario: r.scenario,
    currency: r.currency,
    sites: r.sites,
    lanes: r.lanes,
    flows: r.flows,
    stressed: r.stressed,
    notStressed: r.notStressed,
    needsMitigation: r.needsMitigation,
    worstLoss: r.worstLoss,
    elements: r.elements.map((e, i) => ({ rank: i + 1, ...e })),
    maxPairElements: r.maxPairElements,
    cutSets: r.cutSets,
  };
}

/** Days as the reports write them: "68.9", "4", "∞" for unlimited, "—" for none. */
export function daysText(d: number | null, unlimited = false): string {
  if (d === null) return unlimited ? '∞' : '—';
  return num(d, 3);
}

/**
 * The Risk Exposure Index as the reports show it: two significant digits, as the review pack does, so
 * a small exposure reads 0.0028 and not 0.00 (docs/stress-test.md); "0" only for no loss at all.
 */
export function reiText(rei: number): string {
  return num(rei, 2);
}

/** Where an element's TTR comes from: `ttrDays`, or the id of the disruption threat whose downtime p90 it is. */
export function ttrFromText(e: StressElement): string {
  if (e.ttrSource === 'ttrDays') return 'ttrDays';
  if (e.ttrSource === 'disruption-p90') return e.ttrThreat ?? '';
  return 'none';
}

/** What the reports say of a scenario without flows, in place of every table: an outage costs only through the flows it cuts or reroutes. */
export const NO_FLOWS_TEXT = 'No flows: nothing to stress. An outage costs only through the flows it cuts or reroutes; give the scenario flows to stress its sites and lanes.';

/** The headline sentences of the report (plain text; the caller escapes them for Markdown). */
function headline(r: StressResult): string[] {
  if (r.flows === 0) return [NO_FLOWS_TEXT];
  const worst = r.elements[0];
  const out = [
    `Each site and lane down on its own for its time to recover (TTR): ${plural(r.stressed, 'element')} stressed, ${count(r.notStressed)} without a TTR (no ttrDays, no disruption threat with downtimeDays) not stressed.`,
  ];
  if (r.stressed === 0) out.push('Give sites and lanes a ttrDays, or the disruption threats that apply to them a downtimeDays, to stress them.');
  else if (worst && worst.loss !== null && worst.loss > 0) {
    out.push(
      `${r.needsMitigation === 0 ? 'No element needs' : `${plural(r.needsMitigation, 'element')} need${r.needsMitigation === 1 ? 's' : ''}`} mitigation (time to survive < TTR). The worst, ${worst.id}, loses ${money(worst.loss, r.currency)} over ${daysText(worst.ttrDays)} days.`,
    );
  } else out.push('No outage of a stressed element costs anything: every flow it touches has a free detour or a buffer longer than the TTR.');
  return out;
}

const NOTES = [
  '! needs mitigation: TTS < TTR. TTR: time to recover, days: the element’s ttrDays, else the 90th percentile of the downtime of the disruption threat (TTR from) that gives the largest one among those that apply. TTS: time to survive, days: the least bufferDays of the flows the element cuts; ∞ when it cuts none (its flows reroute). Loss over the TTR: interruptionCostPerDay × max(0, TTR − bufferDays) per flow cut, plus TTR × shipments a day × the extra cost per shipment of the detour per flow rerouted. REI: Risk Exposure Index, loss ÷ the largest loss, to two significant digits.',
];

function elementRow(e: StressElement, i: number, currency: string): string[] {
  return [
    e.needsMitigation ? '!' : '',
    String(i + 1),
    oneLine(e.id),
    oneLine(e.detail),
    daysText(e.ttrDays),
    oneLine(ttrFromText(e)),
    daysText(e.ttsDays, true),
    e.loss === null ? '—' : money(e.loss, currency),
    e.rei === null ? '—' : reiText(e.rei),
    e.flowsCut.length === 0 ? '—' : e.flowsCut.map(oneLine).join(', '),
    String(e.flowsRerouted.length),
  ];
}

const ELEMENT_HEADER = ['', '#', 'element', 'kind', 'TTR\ndays', 'TTR from', 'TTS\ndays', 'loss', 'REI', 'flows cut', 'flows\nrerouted'];
const ELEMENT_RIGHT = new Set([1, 4, 6, 7, 8, 10]);

function cutText(c: CutElement): string {
  return c.end ? `${c.id} (${c.end})` : c.id;
}

/** A flow's pairs in words: the first LISTED_PAIRS, and how many more. */
function pairsText(c: FlowCutSets, limit: number): string {
  if (!c.pairsSearched) return `not searched: ${count(c.relevantElements)} relevant elements, more than ${count(limit)}`;
  if (c.pairs.length === 0) return 'none';
  const shown = c.pairs.slice(0, LISTED_PAIRS).map(([a, b]) => `{${cutText(a)}, ${cutText(b)}}`);
  const more = c.pairs.length - shown.length;
  return `${c.pairs.length}: ${shown.join(', ')}${more > 0 ? `, … ${count(more)} more` : ''}`;
}

/** Elements not stressed that still cut a flow: a TTR would show what they cost. */
function unstressedNote(r: StressResult, width: number): string[] {
  const none = r.elements.filter((e) => e.ttrDays === null);
  if (none.length === 0) return [];
  const cutting = none.filter((e) => e.flowsCut.length > 0);
  const named = (list: StressElement[]) => {
    const shown = list.slice(0, LISTED_UNSTRESSED).map((e) => `${e.id} (TTS ${daysText(e.ttsDays, true)})`);
    return shown.join(', ') + (list.length > shown.length ? `, … ${count(list.length - shown.length)} more` : '');
  };
  const lines = [
    '',
    paragraph(
      `Not stressed (no TTR): ${plural(none.length, 'element')}${cutting.length > 0 ? `; ${count(cutting.length)} of them ${cutting.length === 1 ? 'cuts' : 'cut'} a flow (give ${cutting.length === 1 ? 'it' : 'them'} ttrDays to see the loss): ${named(cutting)}` : ''}.`,
      width,
      2,
    ),
  ];
  return lines;
}

/** The table report, at most 120 columns. */
export function stressTable(r: StressResult, top = DEFAULT_STRESS_TOP): string {
  const W = REPORT_WIDTH;
  const listed = r.elements.filter((e) => e.ttrDays !== null).slice(0, top);
  const lines: string[] = [
    paragraph(`chainward stress · ${r.scenario} · ${plural(r.sites, 'site')}, ${plural(r.lanes, 'lane')}, ${plural(r.flows, 'flow')} · deterministic, no sampling`, W, 2),
    ...headline(r).map((s) => paragraph(s, W)),
    '',
  ];
  if (r.flows === 0) return lines.join('\n');
  if (listed.length > 0) {
    lines.push(
      textTable(
        ELEMENT_HEADER,
        listed.map((e, i) => elementRow(e, i, r.currency)),
        ELEMENT_RIGHT,
        {
          width: W,
          shrink: [
            { column: 2, mode: 'truncate', min: 14 },
            { column: 5, mode: 'truncate', min: 23 },
            { column: 9, mode: 'truncate', min: 12 },
          ],
        },
      ),
    );
    const more = r.stressed - listed.length;
    if (more > 0) lines.push(`… ${plural(more, 'more stressed element')}: --top ${r.stressed} or --format json lists them`);
  }
  const note = unstressedNote(r, W);
  lines.push(...(listed.length > 0 ? note : note.slice(1)));
  lines.push('', ...NOTES.map((n) => paragraph(n, W)), '');
  lines.push(
    paragraph(
      `Minimal cut sets (reverse stress test): the elements whose loss alone cuts each flow (single points of failure, its own origin and destination marked), and the pairs that cut it together though neither does alone; searched among the sites and lanes on some path from origin to destination, pairs only where there are at most ${count(r.maxPairElements)} of them.`,
      W,
    ),
    '',
    r.cutSets.length === 0
      ? 'No flows: no cut sets.'
      : textTable(
          ['flow', 'single points of failure', 'pairs'],
          r.cutSets.map((c) => [oneLine(c.flow), c.singles.map((s) => oneLine(cutText(s))).join(', '), oneLine(pairsText(c, r.maxPairElements))]),
          new Set(),
          {
            width: W,
            shrink: [
              { column: 0, mode: 'truncate', min: 12 },
              { column: 1, mode: 'wrap', min: 30 },
              { column: 2, mode: 'wrap', min: 40 },
            ],
          },
        ),
    '',
  );
  return lines.join('\n');
}

/** The Markdown report: the same sections, names escaped, nothing cut to a width. */
export function stressMarkdown(r: StressResult, top = DEFAULT_STRESS_TOP): string {
  const table = (header: string[], body: string[][], right: ReadonlySet<number>) =>
    [`| ${header.map(mdCell).join(' | ')} |`, `| ${header.map((_, i) => (right.has(i) ? '---:' : '---')).join(' | ')} |`, ...body.map((row) => `| ${row.map(mdCell).join(' | ')} |`)].join('\n');
  const listed = r.elements.filter((e) => e.ttrDays !== null).slice(0, top);
  const out: string[] = [
    `# Stress test: ${mdText(r.scenario)}`,
    '',
    `${plural(r.sites, 'site')}, ${plural(r.lanes, 'lane')}, ${plural(r.flows, 'flow')}; deterministic, no sampling.`,
    '',
    ...headline(r).map(mdText),
    '',
  ];
  if (r.flows === 0) return out.join('\n');
  out.push('## Elements by loss over their time to recover', '');
  if (listed.length > 0) {
    const header = ELEMENT_HEADER.map((h) => h.replace('\n', ' ')).map((h, i) => (i === 0 ? 'flag' : h));
    out.push(table(header, listed.map((e, i) => elementRow(e, i, r.currency).map((c, k) => (k === 2 || k === 3 || k === 5 || k === 9 ? mdText(c) : c))), ELEMENT_RIGHT));
    const more = r.stressed - listed.length;
    if (more > 0) out.push('', `… ${plural(more, 'more stressed element')}: \`--top ${r.stressed}\` or \`--format json\` lists them.`);
  }
  const note = unstressedNote(r, Infinity);
  if (note.length > 0) out.push('', mdText(note.join(' ').trim()));
  out.push('', ...NOTES.map(mdText), '', '## Minimal cut sets (reverse stress test)', '');
  out.push(
    mdText(
      `The elements whose loss alone cuts each flow (single points of failure, its own origin and destination marked), and the pairs that cut it together though neither does alone; searched among the sites and lanes on some path from origin to destination, pairs only where there are at most ${count(r.maxPairElements)} of them.`,
    ),
    '',
    r.cutSets.length === 0
      ? 'No flows: no cut sets.'
      : table(
          ['flow', 'single points of failure', 'pairs'],
          r.cutSets.map((c) => [mdText(c.flow), c.singles.map((s) => mdText(cutText(s))).join(', '), mdText(pairsText(c, r.maxPairElements))]),
          new Set(),
        ),
    '',
  );
  return out.join('\n');
}
