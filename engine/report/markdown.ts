// Results as Markdown, for a management-review document or a pull request: the sections of the
// table report (sections.ts) as headings, each with its table and notes. Nothing is cut to a width
// (a document wraps its own lines); `top` sets how many risks are listed, `wide` lifts the limits
// on the risk control list, the sensitivity rows and the warnings. Names are escaped, so a
// scenario's text can never become a link, an image, HTML or a broken table.
import type { Results } from '../results/schema.js';
import { count, money, num, percent, plural, probability } from '../text/format.js';
import { oneLine } from './format.js';
import {
  appetiteCells,
  appetiteHeadline,
  BORDERLINE_MARK,
  cascadeGroups,
  cascadeSentence,
  calibrationNote,
  horizonNote,
  listedFlows,
  DEFAULT_TOP,
  LISTED_CONTROL_ENTRIES,
  LISTED_SENSITIVITY_ROWS,
  LISTED_WARNINGS,
  NOTES,
  plusMinus,
  runLine,
  summaryMeasures,
  titleOf,
  type ReportOptions,
  type SectionId,
  rosiText,
} from './sections.js';

/** `s` as Markdown text: characters with a meaning in Markdown or HTML escaped, line breaks as spaces. */
export function mdText(s: string): string {
  // control characters and bidirectional overrides never reach the document
  return oneLine(s).replace(/[|\\`*_<>[\]#!~&]/g, (c) => `\\${c}`);
}

/** `s` as a code span (an id to copy): one line, backticks replaced by "'" (escaped like any cell in a table). */
export function mdCode(s: string): string {
  return `\`${oneLine(s).replace(/`/g, "'")}\``;
}

/**
 * A table cell: one line, whatever it holds, and every "|" not already escaped escaped, so that no
 * text (a code span included: GitHub splits cells at "|" even there) can add or move a column.
 */
export function mdCell(s: string): string {
  return oneLine(s).replace(/(\\*)\|/g, (m, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : m));
}

/** Renders results as a Markdown document. */
export function markdownReport(r: Results, opts: ReportOptions = {}): string {
  const top = opts.top ?? DEFAULT_TOP;
  const wide = opts.wide === true;
  const m = (x: number) => money(x, r.currency);
  const interval = (ci: readonly [number, number]) => `${m(ci[0])} to ${m(ci[1])}`;
  const table = (header: string[], body: string[][], right: ReadonlySet<number> = new Set()) =>
    [`| ${header.map(mdCell).join(' | ')} |`, `| ${header.map((_, i) => (right.has(i) ? '---:' : '---')).join(' | ')} |`, ...body.map((row) => `| ${row.map(mdCell).join(' | ')} |`)].join('\n');
  const heading = (id: SectionId, extra = '') => `## ${titleOf(id)}${extra}`;
  // notes use `--option` and similar code spans: keep the backticks, escape the rest
  const note = (s: string) => s.replace(/[|\\*_<>[\]]/g, (c) => `\\${c}`);
  // each note its own paragraph (lines in a row would join into one)
  const notes = (...ss: string[]) => ss.map(note).join('\n\n');
  const more = (shown: number, all: number, what: string) => (all > shown ? [`… and ${count(all - shown)} more ${what} (\`--wide\`, or the JSON output).`] : []);
  const parts: string[] = [];
  const section = (...lines: string[]) => parts.push('', ...lines);

  parts.push(`# ${mdText(r.scenario)}`, '', `${plural(r.trials, 'trial')}, seed ${mdText(String(r.seed))}, horizon ${plural(r.horizonDays, 'day')}, engine ${mdText(r.engineVersion)}.`);
  const horizon = horizonNote(r.horizonDays);
  if (horizon) parts.push('', horizon);
  const calibrated = calibrationNote(r);
  if (calibrated) parts.push('', mdText(calibrated));

  section(
    heading('summary'),
    '',
    table(
      ['measure', 'value', '95 % interval'],
      summaryMeasures(r).map((x) => [
        x.label.startsWith('  ') ? `– ${x.label.trim()}` : x.label,
        x.kind === 'share' ? percent(x.value, x.field === 'serviceLevel' ? 2 : 1) : x.symmetric && x.ci95 ? plusMinus(x.value, x.ci95, m) : m(x.value),
        x.ci95 ? interval(x.ci95) : '',
      ]),
      new Set([1, 2]),
    ),
    '',
    notes(NOTES.parts, NOTES.serviceLevel),
  );

  const a = r.appetite;
  section(heading('appetite'), '', `**${appetiteHeadline(r)}**`);
  if (a.checks.length > 0) {
    section(
      table(
        ['limit', 'threshold', 'estimate', '95 % interval', 'status'],
        a.checks.map((c) => {
          const cells = appetiteCells(r, c);
          return [c.limit, cells.threshold, cells.value, cells.interval, c.status === 'within' ? c.status : `**${c.status}**`];
        }),
        new Set([1, 2]),
      ),
      '',
      ...a.checks.filter((c) => c.status !== 'within').map((c) => `- ${c.status}: ${mdText(c.text)}`),
    );
    if (a.uncertain.length > 0) section(note(NOTES.uncertain));
  }

  const shown = r.risks.slice(0, top);
  // the cascade and common-cause columns only when a listed risk has one (other reports stay as they were)
  const triggered = shown.some((k) => k.cascade);
  const atOnce = shown.some((k) => k.joint);
  section(
    heading('risks', `: top ${count(shown.length)} of ${plural(r.risks.length, 'risk')} by expected annual loss`),
    '',
    table(
      ['#', 'risk', 'category', 'level', 'L×I', 'events/yr', 'P(≥1)', 'simulated', 'loss/event', '95 % interval', 'EAL', 'share', 'tail', ...(triggered ? ['triggered'] : []), ...(atOnce ? ['at once'] : [])],
      shown.map((k, i) => [
        count(i + 1),
        mdText(k.id),
        k.category,
        `${k.level.toUpperCase()}${k.borderline ? `\\${BORDERLINE_MARK}` : ''}`,
        `${k.likelihood}×${k.impact}`,
        num(k.frequency),
        probability(k.pEventExpected),
        probability(k.pEvent),
        m(k.meanLossPerEvent),
        k.impactCi95 ? interval(k.impactCi95) : '—',
        m(k.eal),
        percent(k.share),
        m(k.tailContribution),
        ...(triggered ? [k.cascade ? m(k.cascade.excessEal) : ''] : []),
        ...(atOnce ? [k.joint ? count(k.joint.targets) : ''] : []),
      ]),
      new Set([0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]),
    ),
    '',
    notes(
      NOTES.levels,
      ...(shown.some((k) => k.borderline) ? [NOTES.borderline] : []),
      NOTES.pEvent,
      NOTES.tail,
      ...(shown.some((k) => k.impactCi95 === null) ? ['—: fewer than 2 simulated years with an event, no interval.'] : []),
      ...(triggered ? [NOTES.triggered] : []),
      ...(atOnce ? [NOTES.atOnce] : []),
    ),
  );
  // the raising threats, one item a group; ids from the scenario as Markdown text
  const groups = cascadeGroups(shown);
  if (groups.length > 0) section(...groups.map((g) => `- ${cascadeSentence({ ...g, threat: mdText(g.threat), triggeredBy: g.triggeredBy.map(mdText) }, m)}`));

  if (r.treatments.length > 0) {
    section(
      heading('treatments', `: ${plural(r.treatments.length, 'treatment')} against the baseline`),
      '',
      table(
        ['id', 'status', 'owner', 'due', 'name', 'EAL after', 'EAL reduction', '95 % interval', 'CVaR95 reduction', 'annual cost', 'net benefit', 'ROSI'],
        r.treatments.map((t) => [
          mdCode(t.id),
          t.status,
          t.owner === undefined ? '' : mdText(t.owner),
          t.due ?? '',
          mdText(t.name),
          m(t.summary.eal),
          m(t.delta.eal),
          interval(t.delta.ealCi95),
          m(t.delta.cvar95),
          m(t.annualCost),
          m(t.netBenefit),
          rosiText(t.rosi),
        ]),
        new Set([5, 6, 7, 8, 9, 10, 11]),
      ),
      '',
      note(NOTES.treatments),
      '',
      note(NOTES.treatmentStatus),
      // the decisions taken, one item a treatment that states one
      ...(r.treatments.some((t) => t.decision !== undefined)
        ? ['', ...r.treatments.filter((t) => t.decision !== undefined).map((t) => `- ${mdCode(t.id)} (${t.status}): ${mdText(t.decision!)}`)]
        : []),
    );
  }

  if (r.flows.length > 0) {
    section(
      heading('flows'),
      '',
      table(
        ['flow', 'EAL', 'direct', 'interruption', 'reroute', 'interrupted days/yr', 'rerouted days/yr', 'service level'],
        listedFlows(r.flows, wide).map((f) => [mdText(f.id), m(f.eal), m(f.directEal), m(f.interruptionEal), m(f.rerouteCost), num(f.interruptionDaysMean), num(f.reroutedDaysMean), percent(f.serviceLevel, 2)]),
        new Set([1, 2, 3, 4, 5, 6, 7]),
      ),
      '',
      ...more(Math.min(r.flows.length, listedFlows(r.flows, wide).length), r.flows.length, 'flows').flatMap((x) => [x, '']),
      notes(NOTES.flows(r), NOTES.serviceLevel),
    );
  }

  const list = r.riskControlList;
  if (list.length > 0) {
    const listed = wide ? list : list.slice(0, LISTED_CONTROL_ENTRIES);
    const rows: string[][] = [];
    for (const e of listed) {
      e.options.forEach((o, i) => {
        rows.push([
          i === 0 ? mdText(e.risk) : '',
          i === 0 ? `${e.level.toUpperCase()}${e.borderline ? `\\${BORDERLINE_MARK}` : ''} (${e.likelihood}×${e.impact})` : '',
          i === 0 ? mdText(e.owner) : '',
          o.kind,
          mdText(o.description),
          o.levelAfter ?? '—',
          o.annualCost === undefined ? '' : m(o.annualCost),
        ]);
      });
    }
    section(
      heading('riskControlList', `: ${plural(list.length, 'risk')} above appetite, with options`),
      '',
      table(['risk', 'level', 'owner', 'option', 'what', 'level after', 'annual cost'], rows, new Set([6])),
      ...(listed.length < list.length ? ['', ...more(listed.length, list.length, list.length - listed.length === 1 ? 'risk' : 'risks')] : []),
      '',
      note(NOTES.controlList),
    );
  }

  if (r.sensitivity && r.sensitivity.length > 0) {
    const rows = wide ? r.sensitivity : r.sensitivity.slice(0, LISTED_SENSITIVITY_ROWS);
    const d = r.sensitivity[0]!.delta;
    section(
      heading('sensitivity', `: each parameter at ${percent(1 - d, 0)} and ${percent(1 + d, 0)}, by EAL swing`),
      '',
      table(
        ['parameter', 'EAL low', 'EAL high', 'EAL swing', 'CVaR95 low', 'CVaR95 high', 'CVaR95 swing'],
        rows.map((x) => [mdText(x.parameter), m(x.low), m(x.high), m(x.swing), m(x.cvar95Low), m(x.cvar95High), m(x.cvar95Swing)]),
        new Set([1, 2, 3, 4, 5, 6]),
      ),
      ...(rows.length < r.sensitivity.length ? ['', ...more(rows.length, r.sensitivity.length, r.sensitivity.length - rows.length === 1 ? 'parameter' : 'parameters')] : []),
      '',
      'The same random numbers for every variant, so the swings compare the parameters, not the noise.',
    );
  }

  const warnings = r.warnings ?? [];
  if (warnings.length > 0) {
    const listed = wide ? warnings : warnings.slice(0, LISTED_WARNINGS);
    section(
      heading('warnings', `: ${plural(warnings.length, 'part')} of the scenario that can never do anything`),
      '',
      ...listed.map((w) => `- ${mdCode(w.path)}: ${mdText(w.message)}`),
      ...(listed.length < warnings.length ? ['', ...more(listed.length, warnings.length, warnings.length - listed.length === 1 ? 'warning' : 'warnings')] : []),
    );
  }

  section(heading('run'), '', `${runLine(r)}.`);
  return parts.join('\n') + '\n';
}
