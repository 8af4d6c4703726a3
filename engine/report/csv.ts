// Results as CSV (RFC 4180 quoting) for spreadsheets: one block per section of the reports
// (sections.ts), each a title line, a header row and its rows, with a blank line between blocks. The
// risk register block keeps the register's columns in their old order and adds the new ones after
// them. Numbers are written plainly (no separators, no currency): money rounded to cents, rates,
// shares, probabilities and days to 6 significant digits, counts whole (README.md, "Results").
import type { Results } from '../results/schema.js';
import { summaryMeasures, titleOf, type SectionId } from './sections.js';

/** The register's columns: those of the first CSV format, then the ones added since. */
const REGISTER_COLUMNS = [
  'id', 'threat', 'category', 'target', 'targetKind', 'element', 'owner', 'frequency', 'pEvent', 'meanLossPerEvent',
  'eal', 'directEal', 'interruptionEal', 'share', 'tailContribution', 'likelihood', 'impact', 'score', 'level', 'controls',
  'pEventExpected', 'impactCi95Low', 'impactCi95High', 'borderline', 'rerouteEal',
] as const;

/**
 * Cascade and common-cause columns, after the register's, only when some risk has a cascade or a
 * common cause (so results without either keep their CSV byte for byte): the raising threats' ids
 * (space-separated), the largest factor, the triggered events and loss per horizon, and the
 * targets each event of a common-cause threat hits.
 */
const CASCADE_COLUMNS = ['triggeredBy', 'cascadeFactor', 'triggeredEventsPerTrial', 'triggeredEal', 'jointTargets'] as const;

/**
 * One CSV cell, for the CLI's `--format csv` and the explorer's Results CSV alike (README.md,
 * "Results"). Every cell whose text starts with =, +, -, @, a tab or a carriage return gets a leading
 * single quote so that spreadsheets do not run it as a formula, whatever its type (lists, booleans,
 * numbers that are not finite); the one exception is a finite number, which the program wrote and
 * whose text is only digits, a sign, a point and an exponent, so -1200 stays a number. Then the
 * usual RFC 4180 quoting of ", comma and line breaks.
 */
export function csvCell(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  let s = Array.isArray(v) ? v.map((x) => String(x ?? '')).join(' ') : String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Money rounded to cents (a number, so the cell stays numeric); empty when not finite. */
export function cents(x: number): number | '' {
  if (!Number.isFinite(x)) return '';
  const c = Math.round(x * 100) / 100;
  return c === 0 ? 0 : c; // no "-0"
}

/** A rate, share, probability or number of days to 6 significant digits: 0.99, not 0.9900000000000001. */
export function sig6(x: number): number | '' {
  if (!Number.isFinite(x)) return '';
  return x === 0 ? 0 : Number(x.toPrecision(6));
}

type Cell = string | number | boolean | null | undefined | readonly string[];

/** Renders results as CSV blocks. */
export function csvReport(r: Results): string {
  const lines: string[] = [];
  const row = (cells: readonly Cell[]) => lines.push(cells.map(csvCell).join(','));
  const block = (id: SectionId, header: readonly string[], rows: readonly (readonly Cell[])[]) => {
    if (lines.length > 0) lines.push('');
    row([titleOf(id)]);
    row(header);
    // every row as wide as the header, so each block reads as one rectangle
    for (const x of rows) row([...x, ...Array<Cell>(Math.max(0, header.length - x.length)).fill('')]);
  };
  const b = r.baseline;

  block(
    'summary',
    ['measure', 'label', 'value', 'ci95Low', 'ci95High'],
    [
      ...summaryMeasures(r).map((x) => {
        const f = x.kind === 'money' ? cents : sig6;
        return [x.field, x.label.trim(), f(x.value), x.ci95 ? f(x.ci95[0]) : '', x.ci95 ? f(x.ci95[1]) : ''];
      }),
      ['sd', 'standard deviation of the annual loss', cents(b.sd)],
      ['se', 'standard error of the EAL', cents(b.se)],
      ['p50', 'median annual loss', cents(b.p50)],
      ['p90', '1-in-10-year loss (p90)', cents(b.p90)],
      ['p95', '1-in-20-year loss (p95)', cents(b.p95)],
      ['max', 'largest simulated annual loss', cents(b.max)],
    ],
  );

  const a = r.appetite;
  block('appetite', ['limit', 'threshold', 'value', 'ci95Low', 'ci95High', 'status', 'text'], [
    ['overall', '', '', '', '', a.checks.length === 0 ? 'none' : a.status, a.checks.length === 0 ? 'no appetite stated in the scenario' : ''],
    ...a.checks.map((c) => {
      const f = c.limit === 'maxLevel' ? (x: number) => x : cents;
      return [c.limit, typeof c.threshold === 'number' ? cents(c.threshold) : c.threshold, f(c.value), f(c.ci95[0]), f(c.ci95[1]), c.status, c.text];
    }),
  ]);

  const cascades = r.risks.some((k) => k.cascade || k.joint);
  block(
    'risks',
    cascades ? [...REGISTER_COLUMNS, ...CASCADE_COLUMNS] : REGISTER_COLUMNS,
    r.risks.map((k) => [
      k.id, k.threat, k.category, k.target, k.targetKind, k.element, k.owner, sig6(k.frequency), sig6(k.pEvent), cents(k.meanLossPerEvent),
      cents(k.eal), cents(k.directEal), cents(k.interruptionEal), sig6(k.share), cents(k.tailContribution), k.likelihood, k.impact, k.score, k.level, k.controls,
      sig6(k.pEventExpected), k.impactCi95 ? cents(k.impactCi95[0]) : '', k.impactCi95 ? cents(k.impactCi95[1]) : '', k.borderline, cents(k.rerouteEal),
      ...(cascades
        ? [
            k.cascade?.triggeredBy ?? '', k.cascade ? sig6(k.cascade.factor) : '', k.cascade ? sig6(k.cascade.excessEventsPerTrial) : '',
            k.cascade ? cents(k.cascade.excessEal) : '', k.joint ? k.joint.targets : '',
          ]
        : []),
    ]),
  );

  block(
    'treatments',
    // the plan's columns (status, owner, due, decision) after the figures, so earlier columns keep their places
    [
      'id', 'name', 'ealAfter', 'var95After', 'cvar95After', 'ealReduction', 'ealReductionCi95Low', 'ealReductionCi95High', 'var95Reduction', 'cvar95Reduction', 'annualCost', 'netBenefit', 'rosiPercent',
      'status', 'owner', 'due', 'decision',
    ],
    r.treatments.map((t) => [
      t.id, t.name, cents(t.summary.eal), cents(t.summary.var95), cents(t.summary.cvar95), cents(t.delta.eal), cents(t.delta.ealCi95[0]), cents(t.delta.ealCi95[1]),
      cents(t.delta.var95), cents(t.delta.cvar95), cents(t.annualCost), cents(t.netBenefit), t.rosi === null ? '' : sig6(t.rosi * 100),
      t.status, t.owner ?? '', t.due ?? '', t.decision ?? '',
    ]),
  );

  block(
    'flows',
    ['id', 'eal', 'directEal', 'interruptionEal', 'rerouteCost', 'interruptionDaysMean', 'reroutedDaysMean', 'serviceLevel'],
    r.flows.map((f) => [f.id, cents(f.eal), cents(f.directEal), cents(f.interruptionEal), cents(f.rerouteCost), sig6(f.interruptionDaysMean), sig6(f.reroutedDaysMean), sig6(f.serviceLevel)]),
  );

  block(
    'riskControlList',
    ['risk', 'owner', 'level', 'likelihood', 'impact', 'borderline', 'eal', 'option', 'description', 'controls', 'levelAfter', 'ealAfter', 'annualCost'],
    r.riskControlList.flatMap((e) =>
      e.options.map((o) => [
        e.risk, e.owner, e.level, e.likelihood, e.impact, e.borderline, cents(e.eal), o.kind, o.description, o.controls ?? '', o.levelAfter ?? '',
        o.ealAfter === undefined ? '' : cents(o.ealAfter), o.annualCost === undefined ? '' : cents(o.annualCost),
      ]),
    ),
  );

  if (r.sensitivity) {
    block(
      'sensitivity',
      ['parameter', 'kind', 'delta', 'ealLow', 'ealHigh', 'ealSwing', 'cvar95Low', 'cvar95High', 'cvar95Swing'],
      r.sensitivity.map((x) => [x.parameter, x.kind, sig6(x.delta), cents(x.low), cents(x.high), cents(x.swing), cents(x.cvar95Low), cents(x.cvar95High), cents(x.cvar95Swing)]),
    );
  }

  block('warnings', ['path', 'message'], (r.warnings ?? []).map((w) => [w.path, w.message]));

  const run = r.run;
  block('run', ['key', 'value'], [
    ['scenario', r.scenario],
    ['currency', r.currency],
    ['horizonDays', r.horizonDays],
    ['seed', r.seed],
    ['trials', r.trials],
    ['engineVersion', r.engineVersion],
    ['scenarioHash', r.scenarioHash],
    ['workers', run.workers],
    ['wallMs', run.wallMs],
    ['trialsPerSecond', run.trialsPerSecond],
    ...(run.targetSe === undefined ? [] : [['targetSe', sig6(run.targetSe)] as Cell[]]),
    ...(run.achievedRelativeSe === undefined ? [] : [['achievedRelativeSe', sig6(run.achievedRelativeSe)] as Cell[]]),
    ...(run.stoppedBy === undefined ? [] : [['stoppedBy', run.stoppedBy] as Cell[]]),
  ]);
  return lines.join('\n') + '\n';
}
