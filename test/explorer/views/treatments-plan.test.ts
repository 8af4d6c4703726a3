// @vitest-environment jsdom
/// <reference lib="dom" />
// The treatments chart with the risk treatment plan: each treatment's status beside its ROSI, a
// rejected one drawn hollow, owner, due date and decision in its tooltip and its accessible label,
// the what-if without any; and treatmentsData carrying the plan from the results.
import { describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { treatmentsData as fromResults, type Shown } from '../../../explorer/model/build-view-data.js';
import type { TreatmentsData } from '../../../explorer/model/view-data.js';
import { planLines, treatments } from '../../../explorer/views/treatments.js';
import { treatmentsData } from './fixtures-charts.js';
import { container } from './render.js';

const planned: TreatmentsData = {
  ...treatmentsData,
  points: treatmentsData.points.map((p, i) =>
    p.kind === 'whatif'
      ? p
      : i === 0
        ? { ...p, status: 'in-progress', owner: 'Transport security', due: '2027-03-31', decision: 'Approved at the 2026 review' }
        : i === 2
          ? { ...p, status: 'rejected', decision: 'Too dear' }
          : { ...p, status: 'proposed' },
  ),
};

describe('treatments with the risk treatment plan', () => {
  it('treatments shows each status beside the ROSI and marks the point with it; the what-if has none', () => {
    const el = container();
    treatments(el, planned);
    const subs = [...el.querySelectorAll('g.point tspan.sub')].map((t) => t.textContent);
    expect(subs).toEqual(['ROSI 420 % · in-progress', 'ROSI 71 % · proposed', 'ROSI −27 % · rejected', 'ROSI n/a · proposed', 'ROSI 67 % · proposed', 'what-if · ROSI 226 %']);
    expect([...el.querySelectorAll('g.point')].map((g) => g.getAttribute('data-status'))).toEqual(['in-progress', 'proposed', 'rejected', 'proposed', 'proposed', null]);
    expect(el.querySelectorAll('g.point.status-rejected')).toHaveLength(1);
  });

  it('treatments draws a rejected treatment hollow, the others filled', () => {
    const el = container();
    treatments(el, planned);
    const rejected = el.querySelector('g.status-rejected path.mark')!;
    const other = el.querySelector('g.status-proposed path.mark')!;
    expect(rejected.getAttribute('fill')).toBe(other.getAttribute('stroke'));
    expect(rejected.getAttribute('stroke')).toBe(other.getAttribute('fill'));
  });

  it('treatments puts owner, due date and decision in the tooltip and the accessible label, as text', () => {
    const el = container();
    treatments(el, { ...planned, points: planned.points.map((p, i) => (i === 0 ? { ...p, owner: '<img src=x onerror=alert(1)>' } : p)) });
    const g = el.querySelector('g.status-in-progress')!;
    expect(g.getAttribute('aria-label')).toContain('; Status: in-progress; Owner: <img src=x onerror=alert(1)>; Due: 2027-03-31; Decision: Approved at the 2026 review');
    g.dispatchEvent(new Event('focus'));
    const tip = [...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent);
    expect(tip.slice(-4)).toEqual(['Status: in-progress', 'Owner: <img src=x onerror=alert(1)>', 'Due: 2027-03-31', 'Decision: Approved at the 2026 review']);
    expect(el.querySelector('img')).toBeNull();
  });

  it('planLines: the status (rejected ones simulated for the record), then what is stated; nothing for the what-if', () => {
    expect(planLines(planned.points[2]!)).toEqual(['Status: rejected (simulated for the record)', 'Decision: Too dear']);
    expect(planLines(planned.points[5]!)).toEqual([]);
  });

  it('treatmentsData carries status, owner, due date and decision from the results, and leaves out what is not stated', () => {
    const t = (id: string, plan: Partial<Results['treatments'][number]>) => ({ id, name: id, status: 'proposed' as const, ...plan, summary: {} as Results['treatments'][number]['summary'], delta: { eal: 1, ealCi95: [0, 2] as [number, number], var95: 0, cvar95: 0 }, annualCost: 1, netBenefit: 0, rosi: 0 });
    const baseline = { currency: 'EUR', treatments: [t('a', { status: 'done', owner: 'Ops', due: '2026-09-30', decision: 'Done' }), t('b', {})] } as unknown as Results;
    const points = fromResults({ baseline } as unknown as Shown).points;
    expect(points[0]).toMatchObject({ status: 'done', owner: 'Ops', due: '2026-09-30', decision: 'Done' });
    expect(points[1]!.status).toBe('proposed');
    expect(Object.keys(points[1]!)).not.toContain('owner');
  });
});
