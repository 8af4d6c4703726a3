// "Calibration" of the review pack: the `calibration` block a calibrated scenario carries (and its
// results with it; docs/calibration.md): the incident log and its hash, the span, the prior's weight,
// the risks the log contradicts first, then every risk's prior and posterior rate, and what was
// written back to each threat.
import type { Calibration } from '../model/calibration-schema.js';
import { count, num, plural } from '../text/format.js';
import type { PackBlock } from './review-pack-blocks.js';

/** A rate as the pack writes it: 3 significant digits, and "< 0.001" rather than a run of zeros. */
const rate = (x: number) => (x !== 0 && Math.abs(x) < 1e-3 ? '< 0.001' : num(x));

/** The calibration's blocks and finding in one sentence; without a calibration, says so. */
export function calibrationBlocks(cal: Calibration | undefined): { lead: string; blocks: PackBlock[] } {
  if (!cal) {
    return {
      lead: 'The scenario was not calibrated to an incident log.',
      blocks: [{ kind: 'text', text: 'Its frequencies and losses are the scenario’s own planning figures. chainward calibrate updates them from an incident log and records the log here.' }],
    };
  }
  const findings = [...(cal.findings ?? [])].sort((a, b) => Number(b.flag !== undefined) - Number(a.flag !== undefined) || a.p - b.p || (a.risk < b.risk ? -1 : 1));
  const flagged = findings.filter((f) => f.flag !== undefined).length;
  const blocks: PackBlock[] = [
    {
      kind: 'table',
      columns: [{ title: 'item' }, { title: 'value' }],
      rows: [
        { cells: ['incident log', cal.incidents] },
        { cells: ['its SHA-256', cal.incidentsSha256] },
        { cells: ['span', `${cal.from} to ${cal.to} (${num(cal.years)} years)`] },
        { cells: ['weight of the scenario’s own figures', `${num(cal.weight)} years of evidence`] },
        ...(cal.categories ? [{ cells: ['threat categories covered', cal.categories.join(', ')] }] : []),
        { cells: ['risks calibrated', count(findings.length)] },
      ],
    },
  ];
  const threats = cal.threats ?? [];
  // a threat has one frequency for all its targets: each risk keeps its share of it, so the rate
  // written back for a risk is its prior rate scaled as its threat's frequency was (docs/calibration.md)
  const scale = new Map(threats.map((t) => [t.threat, t.before > 0 ? t.after / t.before : undefined]));
  const written = (f: (typeof findings)[number]) => {
    const k = scale.get(f.threat);
    return k === undefined ? '—' : rate(f.priorRate * k);
  };
  if (findings.length)
    blocks.push({
      kind: 'table',
      caption: 'Findings per risk: the log against the scenario before calibration, those it contradicted first',
      columns: [{ title: 'risk' }, { title: 'observed', align: 'right' }, { title: 'expected', align: 'right' }, { title: 'prior /yr', align: 'right' }, { title: 'posterior /yr', align: 'right' }, { title: '90 % interval /yr', align: 'right' }, { title: 'written back /yr', align: 'right' }, { title: 'p', align: 'right' }, { title: 'the scenario', nowrap: true }],
      rows: findings.map((f) => ({
        cells: [f.risk, count(f.observed), num(f.expected), rate(f.priorRate), rate(f.posteriorRate), `${rate(f.ci90[0])} to ${rate(f.ci90[1])}`, written(f), num(f.p), f.flag ?? '—'],
        ...(f.flag !== undefined ? { level: 'high' as const } : {}),
      })),
    });
  if (threats.length)
    blocks.push({
      kind: 'table',
      caption: 'Written back to each threat',
      columns: [{ title: 'threat' }, { title: 'incidents', align: 'right' }, { title: 'frequency before → after', align: 'right' }, { title: 'notes' }],
      rows: threats.map((t) => ({ cells: [t.threat, count(t.observed), `${num(t.before)} → ${num(t.after)} /${t.unit === 'perYear' ? 'yr' : 'shipment'}`, [t.loss ? 'loss updated' : '', t.downtime ? 'downtime updated' : '', ...(t.notes ?? [])].filter(Boolean).join('; ') || '—'] })),
    });
  blocks.push({
    kind: 'text',
    note: true,
    text: 'The findings compare the log with the scenario before calibration (prior: its rate then); the figures of this pack are the calibrated scenario’s. p: two-sided, the chance of a count at least this far from the expected one under the scenario’s prior prediction, which allows for the scenario’s own uncertainty (its figures weigh as many years of evidence as stated above); the scenario underestimated or overestimated a risk when p < 0.05. Posterior: the risk’s own rate given the log. Written back: a threat has one frequency for all its sites and lanes, so each risk keeps its share of the threat’s pooled posterior rather than its own posterior (docs/calibration.md).',
  });
  return {
    lead: `Calibrated to ${cal.incidents} (${cal.from} to ${cal.to}): ${plural(findings.length, 'risk')} calibrated${flagged ? `; before calibration, the log contradicted the scenario on ${plural(flagged, 'risk')}` : ', none contradicted by the log before calibration'}.`,
    blocks,
  };
}
