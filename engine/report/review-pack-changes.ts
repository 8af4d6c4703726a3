// "Changes since the last review" of the review pack: a comparison of the previous review's results
// with this one's (engine/analysis/compare.ts) as the pack's blocks: the headline figures before and
// after, the EAL change with its interval, the appetite, risks that changed level, control spend by
// ISO 28000 element, and the treatment plan's moves (the status of actions from previous reviews).
import type { Comparison } from '../analysis/compare.js';
import { LEVELS } from '../model/schema.js';
import { count, money, percent, plural, signedMoney } from '../text/format.js';
import { APPETITE_LIMITS, type PackBlock, type PackRow } from './review-pack.js';
import { percentChange, pointsChange } from './compare-report.js';


/** The comparison's blocks for the pack, and its finding in one sentence. */
export function changesBlocks(c: Comparison): { lead: string; blocks: PackBlock[] } {
  const m = (x: number) => money(x, c.currency);
  const sm = (x: number) => signedMoney(x, c.currency);
  const status = (s: string) => (s === 'within' || s === 'none' ? s : s.toUpperCase());
  const blocks: PackBlock[] = [];
  if (c.warnings.length) blocks.push({ kind: 'list', items: c.warnings.map((w) => `Note: ${w}.`) });
  blocks.push({
    kind: 'table',
    caption: 'Headline figures: previous review → this review',
    columns: [{ title: 'measure' }, { title: 'before', align: 'right' }, { title: 'after', align: 'right' }, { title: 'change', align: 'right' }],
    rows: c.measures.map((x) => ({
      cells:
        x.kind === 'share'
          ? [x.label, percent(x.before, 2), percent(x.after, 2), pointsChange(x.change)]
          : [x.label, m(x.before), m(x.after), `${sm(x.change)}${x.relativeChange === null ? '' : ` (${percentChange(x.relativeChange)})`}`],
    })),
  });
  blocks.push({ kind: 'text', text: c.ealChange.text });
  if (c.appetite.checks.length)
    blocks.push({
      kind: 'table',
      caption: `Appetite: ${status(c.appetite.before)} → ${status(c.appetite.after)}`,
      columns: [{ title: 'limit' }, { title: 'before', align: 'right' }, { title: 'after', align: 'right' }],
      rows: c.appetite.checks.map((k) => {
        const side = (x: typeof k.before) => (x === null ? '—' : `${k.limit === 'maxLevel' ? `${plural(x.value, 'risk')} above ${String(x.threshold)}` : `${m(x.value)} of ${typeof x.threshold === 'number' ? m(x.threshold) : String(x.threshold)}`}, ${status(x.status)}`);
        return { cells: [APPETITE_LIMITS[k.limit], side(k.before), side(k.after)] };
      }),
    });
  const r = c.risks;
  const moved: PackRow[] = [
    ...r.levelChanged.map((k) => ({ cells: [k.id, k.direction === 'up' ? 'level up' : 'level down', `${k.before.level} → ${k.after.level}`, `${m(k.before.eal)} → ${m(k.after.eal)}`], level: k.after.level })),
    ...r.appeared.map((k) => ({ cells: [k.id, 'new', `— → ${k.level}`, `— → ${m(k.eal)}`], level: k.level })),
    ...r.disappeared.map((k) => ({ cells: [k.id, 'gone', `${k.level} → —`, `${m(k.eal)} → —`] })),
  ];
  blocks.push({
    kind: 'text',
    text: `Risks by level, before → after: ${LEVELS.slice()
      .reverse()
      .map((l) => `${l} ${count(r.levelsBefore[l])} → ${count(r.levelsAfter[l])}`)
      .join(', ')}.`,
  });
  if (moved.length) blocks.push({ kind: 'table', caption: 'Risks that changed level, appeared or went', columns: [{ title: 'risk' }, { title: 'change', nowrap: true }, { title: 'level', nowrap: true }, { title: 'EAL', align: 'right' }], rows: moved });
  const s = c.controlSpend;
  if (s.elements.length)
    blocks.push({
      kind: 'table',
      caption: 'Control spend by ISO 28000 element, a year',
      columns: [{ title: 'element' }, { title: 'before', align: 'right' }, { title: 'after', align: 'right' }, { title: 'change', align: 'right' }],
      rows: [...s.elements.map((e) => ({ cells: [e.element, m(e.before), m(e.after), sm(e.change)] })), { cells: ['total', m(s.before), m(s.after), sm(s.change)] }],
    });
  const p = c.treatmentPlan;
  if (p.treatments.length)
    blocks.push({
      kind: 'table',
      caption: 'Actions from the previous review: the treatment plan before → after',
      columns: [{ title: 'treatment' }, { title: 'before', nowrap: true }, { title: 'after' }, { title: 'owner' }, { title: 'due', nowrap: true }],
      rows: p.treatments.map((t) => {
        const e = t.after ?? t.before!;
        return { cells: [t.name, t.before?.status ?? '—', t.after === null ? '— (folded into the scenario or removed)' : t.after.status, e.owner ?? '—', e.due ?? '—'] };
      }),
    });
  const eal = c.measures.find((x) => x.measure === 'eal');
  const lead = eal
    ? `Expected annual loss ${m(eal.before)} → ${m(eal.after)} (${sm(eal.change)}${c.ealChange.withinNoise ? ', within the simulation’s noise' : ''}); appetite ${status(c.appetite.before)} → ${status(c.appetite.after)}.`
    : 'What moved since the previous review.';
  return { lead, blocks };
}
