// "Stress test" of the review pack: the stress test's result (engine/analysis/stress.ts,
// docs/stress-test.md) as the pack's blocks: the elements whose outage for their time to recover
// costs the most, with time to survive against time to recover and the Risk Exposure Index, and the
// single points of failure of each flow.
import type { StressResult } from '../analysis/stress.js';
import { count, money, num, plural } from '../text/format.js';
import { CHART_CAPTIONS, type PackBlock } from './review-pack.js';

/** Elements listed in the pack's table (the most costly outages first). */
export const LISTED_STRESS_ELEMENTS = 12;

/** The stress test's blocks for the pack (the explorer's stress chart first), and its finding in one sentence. */
export function stressBlocks(r: StressResult): { lead: string; blocks: PackBlock[] } {
  if (r.flows === 0)
    return {
      lead: 'No flows: nothing to stress.',
      blocks: [{ kind: 'text', text: `The scenario has ${plural(r.sites, 'site')} and ${plural(r.lanes, 'lane')} but no flows, so no outage cuts a delivery: the stress test weighs each outage by the flows it cuts.` }],
    };
  const m = (x: number) => money(x, r.currency);
  const days = (d: number | null) => (d === null ? '∞' : `${num(d)} d`);
  const stressed = r.elements.filter((e) => e.ttrDays !== null);
  const listed = stressed.slice(0, LISTED_STRESS_ELEMENTS);
  const blocks: PackBlock[] = [{ kind: 'chart', chart: 'stress', caption: CHART_CAPTIONS.stress }];
  if (listed.length)
    blocks.push({
      kind: 'table',
      caption: `The ${plural(listed.length, 'outage')} that cost the most over the time to recover`,
      columns: [{ title: 'site or lane' }, { title: 'TTR', align: 'right' }, { title: 'TTS', align: 'right' }, { title: 'flows cut', align: 'right' }, { title: 'loss over TTR', align: 'right' }, { title: 'REI', align: 'right' }, { title: 'mitigate' }],
      rows: listed.map((e) => ({ cells: [`${e.name} (${e.detail})`, days(e.ttrDays), days(e.ttsDays), count(e.flowsCut.length), m(e.loss!), num(e.rei!, 2), e.needsMitigation ? 'yes: TTS < TTR' : 'no'] })),
    });
  const nameOf = new Map(r.elements.map((e) => [e.id, e.name]));
  const singles = r.cutSets.map((c) => ({ flow: c.flow, inner: c.singles.filter((s) => s.end === undefined) })).filter((c) => c.inner.length > 0);
  if (singles.length)
    blocks.push({
      kind: 'table',
      caption: 'Single points of failure: a site or lane whose loss alone cuts a flow (its own ends aside)',
      columns: [{ title: 'flow' }, { title: 'single points of failure' }],
      rows: singles.map((c) => ({ cells: [c.flow, c.inner.map((s) => nameOf.get(s.id) ?? s.id).join('; ')] })),
    });
  blocks.push({
    kind: 'text',
    note: true,
    text: `TTR: time to recover (the element's ttrDays, else the p90 downtime of its disruption threats); TTS: time to survive, the least buffer of the flows it cuts (∞: it cuts none); REI: the loss over the TTR as a share of the worst element's. ${r.notStressed > 0 ? `${plural(r.notStressed, 'element')} without a time to recover ${r.notStressed === 1 ? 'was' : 'were'} not stressed.` : ''}`.trim(),
  });
  const worst = stressed[0];
  const lead = worst
    ? `${plural(r.needsMitigation, 'site or lane', 'sites and lanes')} cannot be survived for ${r.needsMitigation === 1 ? 'its' : 'their'} time to recover (TTS < TTR); the costliest outage is ${worst.name} (${m(worst.loss!)} over ${days(worst.ttrDays)}).`
    : 'No site or lane has a time to recover: nothing was stressed.';
  return { lead, blocks };
}
