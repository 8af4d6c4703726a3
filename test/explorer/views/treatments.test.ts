// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { percent } from '../../../engine/text/format.js';
import { moneyShort } from '../../../explorer/views/parts/format.js';
import { captionY, finding, rosiLabel, treatments, type Placed } from '../../../explorer/views/treatments.js';
import { treatmentsData } from './fixtures-charts.js';
import { container, snapshot } from './render.js';

const vertices = (d: string | null): number => (d ?? '').split(/[ML]/).filter(Boolean).length;

describe('treatments', () => {
  it('treatments draws cost against loss avoided with whiskers and the break-even line (snapshot)', async () => {
    const el = container();
    treatments(el, treatmentsData);
    expect(el.querySelectorAll('g.point')).toHaveLength(6);
    expect(el.querySelectorAll('g.tr-whiskers path')).toHaveLength(6);
    expect(el.querySelector('g.tr-breakeven path.region')).not.toBeNull();
    expect(el.querySelector('g.tr-breakeven line')).not.toBeNull();
    expect([...el.querySelectorAll('g.tr-breakeven text')].map((t) => t.textContent)).toContain('Pays for itself');
    expect(el.querySelector('text.chart-title')?.textContent).toBe('Best return: Secure parking on Rotterdam…, ROSI 420 %');
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/treatments.svg.snap');
  });

  it('treatments labels each point with its name and ROSI; the what-if is a distinct diamond', () => {
    const el = container();
    treatments(el, treatmentsData);
    const subs = [...el.querySelectorAll('g.point tspan.sub')].map((t) => t.textContent);
    expect(subs).toEqual(['ROSI 420 %', 'ROSI 71 %', 'ROSI −27 %', 'ROSI n/a', 'ROSI 67 %', 'what-if · ROSI 226 %']);
    const whatif = el.querySelector('g.point-whatif')!;
    expect(el.querySelectorAll('g.point-whatif')).toHaveLength(1);
    const tMark = el.querySelector('g.point-treatment path.mark')!;
    const wMark = whatif.querySelector('path.mark')!;
    expect(wMark.getAttribute('fill')).not.toBe(tMark.getAttribute('fill'));
    expect(wMark.getAttribute('d')).not.toBe(tMark.getAttribute('d'));
  });

  it('rosiLabel writes ROSI as a whole percentage, as the terminal table and the reports do', () => {
    expect(rosiLabel(null)).toBe('ROSI n/a');
    expect(rosiLabel(3.24)).toBe('ROSI 324 %');
    expect(rosiLabel(-0.7126)).toBe('ROSI −71 %'); // a true minus sign
    // the same digits and unit as `chainward run` prints (engine/report/table.ts: percent(rosi, 0))
    for (const rosi of [8.680739, 0.2575, 0.32042, 12.5, 0]) expect(rosiLabel(rosi)).toBe(`ROSI ${percent(rosi, 0)}`);
    expect(rosiLabel(8.680739)).toBe('ROSI 868 %');
    expect(rosiLabel(Number.NaN)).toBe('ROSI n/a');
  });

  it('treatments finding claims "pays for itself" only when it shows at the chart precision', () => {
    const m = (x: number) => moneyShort(x, 'EUR');
    const point = (id: string, annualCost: number, reduction: number) => ({ id, name: id, kind: 'treatment' as const, annualCost, reduction, ci95: [reduction, reduction] as [number, number], netBenefit: reduction - annualCost, rosi: annualCost > 0 ? (reduction - annualCost) / annualCost : null });
    // €100,040 avoided for €100,000: both "€100K", so not a return the chart can show
    expect(finding([point('seals', 100_000, 100_040)], m, 520)).toBe('The option does not pay for itself');
    expect(finding([point('seals', 100_000, 100_040), point('gps', 50_000, 50_010)], m, 520)).toBe('None of the 2 options pays for itself');
    expect(finding([point('seals', 100_000, 150_000)], m, 520)).toBe('Best return: seals, ROSI 50 %');
    // a free option whose reduction rounds to nothing claims nothing; one that shows does
    expect(finding([point('reroute', 0, 0)], m, 520)).toBe('The option does not pay for itself');
    expect(finding([point('reroute', 0, 40_000)], m, 520)).toBe('reroute avoids €40K a year and costs nothing more');
    // cheaper and a little riskier: it saves money net, with no positive cost to return on
    expect(finding([point('carrier', -60_000, -20_000)], m, 520)).toBe('carrier saves €40K a year net');
  });

  it('treatments draws the efficient frontier through the non-dominated points', () => {
    const el = container();
    treatments(el, treatmentsData);
    // By hand: carrier (−60K, −90K), xss (90K, 150K), parking (180K, 936K), what-if (310K, 1.01M).
    expect(vertices(el.querySelector('g.tr-frontier path')!.getAttribute('d'))).toBe(4);
    const ids = [...el.querySelectorAll('g.point.on-frontier')].map((g) => g.querySelector('tspan.name')?.textContent);
    expect(ids).toEqual(['Secure parking on Rotterdam–Lyon', 'Cheaper carrier B', '<img src=x onerror=alert(1)>', 'What-if']);
  });

  const labelBoxes = (el: Element): Array<{ a: number; b: number; y: number; lines: number }> =>
    [...el.querySelectorAll('g.point text.label')].map((t) => {
      const x = Number(t.getAttribute('x'));
      const y = Number(t.getAttribute('y'));
      const spans = [...t.querySelectorAll('tspan')].map((s) => s.textContent ?? '').filter(Boolean);
      const w = Math.max(...spans.map((s) => s.length * 10 * 0.58));
      const [a, b] = t.getAttribute('text-anchor') === 'end' ? [x - w, x] : [x, x + w];
      return { a, b, y, lines: spans.length };
    });
  const expectApart = (boxes: ReturnType<typeof labelBoxes>, h: number): void => {
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const p = boxes[i]!;
        const q = boxes[j]!;
        if (p.a < q.b && q.a < p.b) expect(Math.abs(p.y - q.y)).toBeGreaterThanOrEqual(h);
      }
  };

  it('treatments nudges two-line labels apart: no two label boxes overlap', () => {
    const el = container();
    // Crowd the points: same cost band, close reductions.
    const crowded = { ...treatmentsData, points: treatmentsData.points.map((p, i) => ({ ...p, annualCost: 100_000 + i * 5_000, reduction: 400_000 + i * 10_000 })) };
    treatments(el, crowded);
    const boxes = labelBoxes(el);
    expect(boxes.every((b) => b.lines === 2)).toBe(true);
    expectApart(boxes, 22.9);
  });

  it('treatments falls back to one-line labels when two-line ones cannot all fit', () => {
    const el = container();
    const points = Array.from({ length: 10 }, (_, i) => {
      const cost = 50_000 + i * 60_000;
      const red = 100_000 + ((i * 7919) % 10) * 110_000;
      return { id: `t${i}`, name: `Treatment number ${i} with a long name`, kind: 'treatment' as const, annualCost: cost, reduction: red, ci95: [red * 0.8, red * 1.2] as [number, number], netBenefit: red - cost, rosi: (red - cost) / cost };
    });
    treatments(el, { ...treatmentsData, points });
    const boxes = labelBoxes(el);
    expect(boxes.every((b) => b.lines === 1)).toBe(true);
    expect(el.querySelector('g.point tspan.name')?.textContent).toMatch(/^Treatment number 0 wi… · ROSI 100 %$/);
    expectApart(boxes, 12.9);
  });

  it('treatments keeps an HTML-looking name as text and labels axes in money per year', () => {
    const el = container();
    treatments(el, treatmentsData);
    expect(el.querySelector('img')).toBeNull();
    expect([...el.querySelectorAll('g.tr-axis-titles text')].map((t) => t.textContent)).toEqual(['Annual cost (€ per year)', 'Expected loss avoided (€ per year)']);
    expect([...el.querySelectorAll('g.tr-x-axis .tick text')].map((t) => t.textContent)).toContain('−€200K');
  });

  it('treatments shows exact figures in the tooltip on focus', () => {
    const el = container();
    treatments(el, treatmentsData);
    el.querySelector('g.point')!.dispatchEvent(new FocusEvent('focus'));
    const lines = [...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent);
    expect(lines).toEqual(['Secure parking on Rotterdam–Lyon', 'Annual cost: €180,000', 'Loss avoided: €936,000 a year', '95 % interval: €810,000 to €1,062,000', 'Net benefit: €756,000 · ROSI 420 %']);
  });

  it('captionY puts "Pays for itself" below a label in its way, and leaves it out when there is no room in the region', () => {
    const label = (lx: number, ly: number, w: number, sub = ''): Placed => ({ p: treatmentsData.points[0]!, px: lx - 9, py: ly + 2, name: 'x', sub, anchor: 'start', lx, ly, w, onFrontier: false });
    const always = () => true;
    expect(captionY([], 50, 40, 260, always)).toBe(40);
    // a one-line label across the caption's row at the top: the caption goes below it
    const y = captionY([label(60, 40, 200)], 50, 40, 260, always)!;
    expect(y).toBeGreaterThanOrEqual(40 + 3 + 11);
    // a label far to the right does not move it
    expect(captionY([label(400, 40, 100)], 50, 40, 260, always)).toBe(40);
    // no row free before the caption would leave the shaded region: left out
    expect(captionY([label(60, 40, 200, 'ROSI 868 %')], 50, 40, 260, (py) => py < 48)).toBeNull();
  });

  it('treatments never draws "Pays for itself" over a point label', () => {
    const el = container();
    // the best option at the top left, where the caption goes
    const points = [{ ...treatmentsData.points[0]!, id: 'top', name: 'Contingency plans for Shekou and Hamburg', annualCost: 5_000, reduction: 2_380_000, ci95: [2_300_000, 2_380_000] as [number, number], rosi: 399 }, ...treatmentsData.points.slice(1).filter((p) => p.annualCost > 0)];
    treatments(el, { ...treatmentsData, points });
    const caption = [...el.querySelectorAll('g.tr-breakeven text')][0]!;
    const cy = Number(caption.getAttribute('y'));
    for (const t of el.querySelectorAll('g.point text.label')) {
      const ly = Number(t.getAttribute('y'));
      const x = Number(t.getAttribute('x'));
      const near = Math.abs(ly - cy) < 13 && x < 8 + 140;
      expect(caption.textContent === '' || !near).toBe(true);
    }
  });

  it('treatments re-renders in place, and without points says so', () => {
    const el = container();
    treatments(el, treatmentsData);
    treatments(el, { ...treatmentsData, points: treatmentsData.points.slice(0, 2) });
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelectorAll('g.point')).toHaveLength(2);
    expect(el.querySelectorAll('g.tr-whiskers path')).toHaveLength(2);
    treatments(el, { ...treatmentsData, points: [] });
    expect(el.querySelector('g.tr-empty text')?.textContent).toBe('No treatments in this scenario');
    expect(el.querySelector('g.tr-body')?.getAttribute('display')).toBe('none');
    treatments(el, treatmentsData);
    expect(el.querySelector('g.tr-empty text')).toBeNull();
    expect(el.querySelectorAll('g.point')).toHaveLength(6);
  });
});
