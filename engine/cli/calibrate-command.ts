// `chainward calibrate SCENARIO --incidents LOG.csv`: fits the scenario's rates (and, with enough
// losses, its loss and downtime distributions) to an incident log by conjugate Bayesian updates
// (docs/calibration.md). Prints the report (table, Markdown or JSON) on standard output; with --out it
// also writes the calibrated scenario — the input file with only the updated values changed and a
// `calibration` block — after checking that it is a valid scenario within the limits.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CATEGORIES, type Category } from '../model/schema.js';
import type { Calibration } from '../model/calibration-schema.js';
import { calibrateScenario, DEFAULT_WEIGHT, logRisks, type CalibrationResult } from '../analysis/calibrate.js';
import { readIncidentLog, MAX_LOG_YEARS } from '../analysis/incident-log.js';
import { compilePlan } from '../plan/compile-plan.js';
import { applyTreatment } from '../plan/apply-treatment.js';
import { parseScenario } from '../validate/validate.js';
import { oneLine, textTable, wrapWords } from '../report/format.js';
import { mdCell, mdText } from '../report/markdown.js';
import { money, num, plural } from '../text/format.js';
import { formatOption, numberOption, OUT_OPTION, parseCommand, usageOf, type CommandSpec } from './args.js';
import { loadScenarioFile, namingFile, scenarioJsonText } from './scenario-file.js';
import { writeOutput } from './write-output.js';
import { printWarnings } from './print-warnings.js';
import { scenarioWarnings } from '../validate/warnings.js';
import { checkOutputPath } from '../io/write-atomic.js';
import { readRegularFile } from '../io/read-regular-file.js';
import { EXIT_OK, InputError } from '../io/errors.js';

export const CALIBRATE_FORMAT = 'chainward-calibration/v1';
/** Largest incident log read: a million rows of a hundred characters, with room to spare. */
const MAX_LOG_BYTES = 256 * 1024 * 1024;

/** `chainward calibrate`: its options, usage line and --help (docs/calibration.md). */
export const CALIBRATE_COMMAND = {
  name: 'calibrate',
  summary:
    "updates the scenario's rates, and its loss and downtime distributions where the log has 5 or more, with an incident log (Gamma–Poisson and normal–inverse-gamma); flags the risks the log contradicts, and with --out writes the calibrated scenario.",
  args: 'scenario.json',
  argsHelp: [['scenario.json', 'the scenario file']],
  options: {
    incidents: { type: 'string', value: 'LOG.csv', description: 'the incident log: CSV with the columns date, target, threat, loss and optional downtimeDays and notes', required: true },
    years: {
      type: 'string',
      value: 'N',
      description: `the years the log covers, up to the end of its last incident's year (may be fractional, at most ${MAX_LOG_YEARS}); an incident before them is an error`,
      default: "the whole calendar years from the first incident's to the last one's",
    },
    weight: { type: 'string', value: 'W', description: "the weight of the scenario's own figures, in years of evidence (> 0, at most 1000)", default: String(DEFAULT_WEIGHT) },
    categories: {
      type: 'string',
      value: 'all|C,…',
      description: `the threat categories the log covers completely (${CATEGORIES.join(', ')}): their risks without an incident count as 0 observed; other categories are left as they are`,
      default: 'the categories of the incidents in the log',
    },
    format: formatOption(['table', 'md', 'json'], `the report: table, md (Markdown) or json (${CALIBRATE_FORMAT})`),
    out: { ...OUT_OPTION, description: 'writes the calibrated scenario to FILE (whole, or not at all); the report still goes to standard output. Without it nothing is written' },
  },
  example: 'chainward calibrate scenarios/eu-electronics-inbound.json --incidents scenarios/incidents/eu-electronics-inbound.csv --out calibrated.json',
  notes:
    'Every problem of the log is reported at once as FILE:LINE:COLUMN with what was expected (the first 50, then how many more), with exit status 2 and nothing written. The written scenario is validated like any other before it is written.',
} as const satisfies CommandSpec;

const USAGE = usageOf(CALIBRATE_COMMAND);

function categoriesOf(v: string | boolean | undefined): Category[] | undefined {
  if (v === undefined) return undefined;
  const text = String(v).trim();
  if (text === 'all') return [...CATEGORIES];
  const list = text.split(',').map((c) => c.trim());
  const known: readonly string[] = CATEGORIES;
  const bad = list.filter((c) => !known.includes(c));
  if (list.length === 0 || bad.length > 0) throw new InputError(`--categories: expected all or a comma-separated list of ${CATEGORIES.join(', ')}, got "${text}"`);
  return list as Category[];
}

export async function calibrateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(CALIBRATE_COMMAND, argv);
  if (positionals.length !== 1) throw new InputError(`calibrate takes exactly one scenario file, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}\n\n${USAGE}`);
  const scenarioPath = positionals[0]!;
  const logPath = values.incidents;
  if (typeof logPath !== 'string' || logPath === '') throw new InputError(`--incidents is required: the incident log (CSV: date,target,threat,loss)\n\n${USAGE}`);
  const years = values.years === undefined ? undefined : numberOption('years', values.years, 0, (x) => x > 0 && x <= MAX_LOG_YEARS, `a number of years > 0 and at most ${MAX_LOG_YEARS}`);
  const weight = numberOption('weight', values.weight, DEFAULT_WEIGHT, (x) => x > 0 && x <= 1000, 'a weight in years > 0 and at most 1000');
  const categories = categoriesOf(values.categories);
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json' && format !== 'md') throw new InputError(`--format: expected table, md or json, got "${String(format)}"`);
  checkOutputPath(values.out, [scenarioPath, logPath]);

  const scenario = loadScenarioFile(scenarioPath);
  printWarnings(scenarioPath, scenarioWarnings(scenario), values.quiet === true);
  const scenarioText = scenarioJsonText(scenarioPath); // a YAML scenario is written back as JSON
  const compiled = namingFile(scenarioPath, () => compilePlan(scenario, 1));
  const logText = readRegularFile(logPath, MAX_LOG_BYTES, 'an incident log');
  const bytes = Buffer.from(logText, 'utf8');
  if (logText.includes('\uFFFD')) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(logPath));
    } catch {
      throw new InputError(`${logPath}: not UTF-8 text, expected a CSV file saved as UTF-8`);
    }
  }
  const sha256 = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const before = scenario.calibration;
  if (before?.incidentsSha256 === sha256) {
    throw new InputError(
      `${logPath}: already calibrated to this log: ${scenarioPath} holds calibration.incidentsSha256 ${sha256} (${before.incidents}, ${before.from} to ${before.to}); ` +
        'counting it twice would double its evidence, expected a log of other incidents, or the scenario before its calibration',
    );
  }
  const log = readIncidentLog(logText, scenario, logRisks(compiled), years === undefined ? {} : { years });
  if (log.problemCount > 0 || !log.span) {
    const more = log.problemCount - log.problems.length;
    throw new InputError(`${logPath}: ${plural(log.problemCount, 'problem')}; nothing written`, [
      ...log.problems.map((p) => `${logPath}:${p.line}:${p.column}: ${p.message}`),
      ...(more > 0 ? [`… and ${plural(more, 'more problem')} (the first ${log.problems.length} by line are shown)`] : []),
    ]);
  }
  if (before && before.from <= log.span.to && log.span.from <= before.to && values.quiet !== true) {
    process.stderr.write(
      oneLine(
        `chainward: warning: ${scenarioPath}: calibration: calibrated before to ${before.incidents} over ${before.from} to ${before.to}, which overlaps this log's span ${log.span.from} to ${log.span.to}: ` +
          'an incident in both logs counts twice (calibrate the scenario before its calibration to one log of all the incidents instead)',
      ) + '\n',
    );
  }
  const result = calibrateScenario(scenario, scenarioText, log.incidents, log.span, {
    weight,
    ...(categories ? { categories } : {}),
    incidents: basename(logPath),
    incidentsSha256: sha256,
  });

  // the written scenario must be one `run` accepts: valid, and every plan within the limits
  if (typeof values.out === 'string') {
    const checked = parseScenario(result.text);
    if (!checked.ok) {
      throw new InputError(
        `the calibrated scenario would not be valid (${plural(checked.issues.length, 'problem')}); nothing written: a larger --weight keeps it nearer the scenario`,
        checked.issues.map((i) => `${values.out}: ${i.path}: ${i.message}`),
      );
    }
    namingFile(values.out, () => {
      compilePlan(checked.scenario, 1);
      (checked.scenario.treatments ?? []).forEach((t, i) => compilePlan(applyTreatment(checked.scenario, t).scenario, 1, `treatments[${i}] "${t.id}"`));
    });
  }

  const report = format === 'json' ? JSON.stringify(calibrationJson(scenario.name, result), null, 2) + '\n' : format === 'md' ? calibrationMarkdown(scenario.name, scenario.currency ?? 'USD', result) : calibrationTable(scenario.name, scenario.currency ?? 'USD', result, typeof values.out === 'string');
  if (typeof values.out === 'string') await writeOutput(result.text, values.out, values.quiet === true);
  process.stdout.write(report);
  return EXIT_OK;
}

/** The JSON report (chainward-calibration/v1): the block written into the scenario, the categories left out, and the log's incidents outside those covered. */
export function calibrationJson(name: string, r: CalibrationResult) {
  return { format: CALIBRATE_FORMAT, scenario: name, uncovered: r.uncovered, outside: r.outside, calibration: r.calibration };
}

/** A rate or count with 3 significant digits; below 10⁻⁴ in exponent notation (a Gamma's 5 % point for a tiny shape can be 1e-45). */
const rate = (x: number) => (x > 0 && x < 1e-4 ? x.toExponential(2) : num(x, 3));
const pText = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3));
/** "p = 0.015" or "p < 0.001" in a sentence. */
const pSentence = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);
/** Years of a span or a weight: "1 year", "2.5 years", "1e-300 years" (4 significant digits; exponent notation outside 0.001 to 10⁶). */
const yearsText = (x: number) => `${x >= 1e-3 && x < 1e6 ? num(x, 4) : Number(x.toPrecision(4)).toExponential()} year${x === 1 ? '' : 's'}`;
const flagText = (f: string | undefined) => (f === 'underestimates' ? '▲ too low' : f === 'overestimates' ? '▼ too high' : '');

/** The flagged risks in words: "the model underestimates theft on la-rtm-lyo (observed 7, expected 1.49, p = 0.003)", or "p < 0.001". */
function flagSentences(c: Calibration): string[] {
  return (c.findings ?? [])
    .filter((f) => f.flag)
    .map((f) => `the model ${f.flag} ${f.category} on ${f.target} (${f.threat}): observed ${f.observed}, expected ${rate(f.expected)}, ${pSentence(f.p)}`);
}

/** A distribution's median / p90 in a few characters: money for amounts, days, or a plain number for fractions. */
function distText(q: { median: number; p90: number }, unit: string, currency: string): string {
  if (unit === 'amount') return `${money(q.median, currency)}/${money(q.p90, currency)}`;
  return `${num(q.median, 3)}/${num(q.p90, 3)}${unit === 'days' ? ' d' : ''}`;
}

/** A frequency change in the threat's unit: "0.45 → 0.5503 /yr", "0.0008 → 0.001438 /shipment". */
function frequencyText(t: { before: number; after: number; unit: string }): string {
  return `${num(t.before, 4)} → ${num(t.after, 4)} ${t.unit === 'perYear' ? '/yr' : '/shipment'}`;
}

/** The incidents --categories left out: "left out: 54 incidents of categories not covered (theft, intrusion); --categories names …". */
function outsideText(r: CalibrationResult): string {
  return `left out: ${plural(r.outside.incidents, 'incident')} of categories not covered (${r.outside.categories.join(', ')}); --categories names the categories the log covers`;
}

/** The table report: the span, the flagged risks, the risks with incidents, and what each threat was given. */
export function calibrationTable(name: string, currency: string, r: CalibrationResult, written: boolean): string {
  const c = r.calibration;
  const findings = c.findings ?? [];
  const shown = findings.filter((f) => f.observed > 0 || f.flag).sort((a, b) => a.p - b.p || (a.risk < b.risk ? -1 : 1));
  const quiet = findings.length - shown.length;
  const lines: string[] = [
    ...wrapWords(`chainward calibrate · ${oneLine(name)} · ${oneLine(c.incidents)}`, 120),
    ...wrapWords(
      `${c.from} to ${c.to} (${yearsText(c.years)}) · prior weight ${yearsText(c.weight)} · ` +
        `${plural(findings.reduce((s, f) => s + f.observed, 0), 'incident')} on ${plural(findings.length, 'risk')} of the categories covered: ${(c.categories ?? []).join(', ')}`,
      120,
    ),
    ...(r.uncovered.length > 0 ? wrapWords(`not covered, left as they are: ${r.uncovered.join(', ')}`, 120) : []),
    ...(r.outside.incidents > 0 ? wrapWords(outsideText(r), 120) : []),
    '',
  ];
  const flags = flagSentences(c);
  if (flags.length > 0) lines.push(...flags.flatMap((s) => wrapWords(`! ${oneLine(s)}`, 118, 120).map((l, i) => (i === 0 ? l : `  ${l}`))), '');
  lines.push(
    textTable(
      ['risk', 'prior/yr', 'n', 'expected', 'post./yr', '90 % interval', 'p', 'model'],
      shown.map((f) => [oneLine(f.risk), rate(f.priorRate), String(f.observed), rate(f.expected), rate(f.posteriorRate), `${rate(f.ci90[0])}–${rate(f.ci90[1])}`, pText(f.p), flagText(f.flag)]),
      new Set([1, 2, 3, 4, 5, 6]),
    ),
  );
  if (quiet > 0) lines.push(`${plural(quiet, 'other risk')} of those categories had no incident and no flag (--format md or json lists them)`);
  lines.push(
    '',
    ...wrapWords('written back per threat: its frequency is one figure for all its targets, the pooled posterior; loss and downtime as median/p90', 120),
    textTable(
      ['threat', 'n', 'frequency before → after', 'loss before → after', 'downtime before → after'],
      (c.threats ?? []).map((t) => [
        oneLine(t.threat),
        String(t.observed),
        frequencyText(t),
        t.loss ? `${distText(t.loss.prior, t.loss.unit, currency)} → ${distText(t.loss.posterior, t.loss.unit, currency)}` : '',
        t.downtime ? `${distText(t.downtime.prior, 'days', currency)} → ${distText(t.downtime.posterior, 'days', currency)}` : '',
      ]),
      new Set([1]),
    ),
  );
  const notes = (c.threats ?? []).flatMap((t) => (t.notes ?? []).map((n) => `${oneLine(t.threat)}: ${n}`));
  if (notes.length > 0) lines.push('', ...notes.flatMap((n) => wrapWords(n, 120, 120)));
  lines.push(
    '',
    ...wrapWords(
      "n: incidents in the log; prior/yr: the scenario's effective rate; post./yr: the Gamma–Poisson posterior mean; p: two-sided, under the prior predictive; model ▲ too low / ▼ too high: p < 0.05.",
      120,
    ),
    written ? '' : 'Nothing written: --out FILE writes the calibrated scenario.',
    '',
  );
  return lines.join('\n').replace(/\n\n\n+/g, '\n\n');
}

/** The Markdown report: the same sections, every risk of the categories covered listed. */
export function calibrationMarkdown(name: string, currency: string, r: CalibrationResult): string {
  const c = r.calibration;
  const row = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  const out: string[] = [
    `# Calibration of ${mdText(name)}`,
    '',
    `Incident log \`${oneLine(c.incidents).replace(/`/g, "'")}\` (${c.incidentsSha256}), ${c.from} to ${c.to} (${yearsText(c.years)}), prior weight ${yearsText(c.weight)}. ` +
      `Categories covered: ${(c.categories ?? []).join(', ')}${r.uncovered.length > 0 ? `; not covered, left as they are: ${r.uncovered.join(', ')}` : ''}.` +
      (r.outside.incidents > 0 ? ` L${outsideText(r).slice(1)}.` : ''),
    '',
  ];
  const flags = flagSentences(c);
  if (flags.length > 0) out.push('## Flags', '', ...flags.map((f) => `- ${mdText(f)}`), '');
  out.push('## Risks', '', row(['risk', 'prior/yr', 'observed', 'expected', 'posterior/yr', '90 % interval', 'p', 'flag']), '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const f of c.findings ?? []) {
    out.push(row([mdText(f.risk), rate(f.priorRate), String(f.observed), rate(f.expected), rate(f.posteriorRate), `${rate(f.ci90[0])}–${rate(f.ci90[1])}`, pText(f.p), f.flag ?? '']));
  }
  out.push('', '## Written back per threat', '', row(['threat', 'incidents', 'frequency before → after', 'loss before → after', 'downtime before → after', 'notes']), '| --- | ---: | --- | --- | --- | --- |');
  for (const t of c.threats ?? []) {
    out.push(
      row([
        mdText(t.threat),
        String(t.observed),
        frequencyText(t),
        t.loss ? `${distText(t.loss.prior, t.loss.unit, currency)} → ${distText(t.loss.posterior, t.loss.unit, currency)}` : '',
        t.downtime ? `${distText(t.downtime.prior, 'days', currency)} → ${distText(t.downtime.posterior, 'days', currency)}` : '',
        mdText((t.notes ?? []).join('; ')),
      ]),
    );
  }
  out.push('');
  return out.join('\n');
}
