// The loss exceedance chart's scene without a DOM: curves back to front, axes and their ticks, the
// reference marks in one row that does not overlap, the legend in a corner. The drawn SVG is
// checked in loss-exceedance.test.ts.
import { describe, expect, it } from 'vitest';
import { layoutLossExceedance } from '../../../explorer/views/loss-exceedance.js';
import { roughTextWidth } from '../../../explorer/views/parts/text.js';
import { exceedanceBaseline, exceedanceWhatIf } from './fixtures-charts.js';

const SIZE = { width: 520, height: 300 };

describe('layoutLossExceedance', () => {
  it('layoutLossExceedance orders the curves back to front and drops points a log axis cannot show', () => {
    const scene = layoutLossExceedance(exceedanceBaseline, SIZE);
    const b = scene.body!;
    expect(scene.title).toBe('One year in 20 loses over €22.9M; one in 100 over €43.1M');
    expect(b.curves.map((c) => c.id)).toEqual(['t-parking', 't-cctv', 'baseline']);
    expect(b.main).toBe('baseline');
    const base = b.curves.find((c) => c.id === 'baseline')!;
    expect(base.points.length).toBe(exceedanceBaseline.curves[0]!.points.filter((p) => p.loss > 0 && p.probability > 0).length);
    for (const p of base.points) {
      expect(p.px).toBeGreaterThanOrEqual(b.x0 - 1e-9);
      expect(p.px).toBeLessThanOrEqual(b.x1 + 1e-9);
      expect(p.py).toBeGreaterThanOrEqual(b.y0 - 1e-9);
      expect(p.py).toBeLessThanOrEqual(b.y1 + 1e-9);
    }
    expect(base.style.dash).toBeNull();
    expect(b.curves.filter((c) => c.role === 'treatment').every((c) => c.style.dash !== null)).toBe(true);
  });

  it('layoutLossExceedance writes probabilities as percentages and return periods, losses in money, ticks in order', () => {
    const b = layoutLossExceedance(exceedanceBaseline, SIZE).body!;
    expect(b.axes.y.ticks.map((t) => t.text)).toEqual(['100 %', '50 %', '10 %', '5 %', '1 %', '0.1 %', '0.01 %']);
    expect(b.axes.y2.ticks.map((t) => t.text)).toEqual(['', '1 in 2 yrs', '1 in 10 yrs', '1 in 20 yrs', '1 in 100 yrs', '1 in 1,000 yrs', '1 in 10,000 yrs']);
    // the probability ticks keep 14 px apart
    const ys = b.axes.y.ticks.map((t) => t.pos);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(14);
    expect(b.axes.x.ticks.map((t) => t.text)).toEqual(expect.arrayContaining(['€1M', '€10M', '€100M']));
    const xs = b.axes.x.ticks.map((t) => t.pos);
    expect(xs).toEqual([...xs].sort((a, c) => a - c));
    expect(b.axes.x.at).toEqual([0, b.y1]);
    expect(b.axes.y2.at).toEqual([b.x1, 0]);
    expect(b.titles.map((t) => t.text)).toEqual(['Annual loss (€, log scale)', 'Probability of exceeding (per year)']);
  });

  it('layoutLossExceedance places the marks in value order on one row, apart and inside the width', () => {
    const b = layoutLossExceedance(exceedanceBaseline, SIZE).body!;
    expect(b.marks.map((k) => k.text)).toEqual(['1-in-20: €22.9M', 'CVaR95: €36.2M', '1-in-100: €43.1M']);
    // the tooltip and aria-label: the mark's long name and the figure in full
    expect(b.marks.map((k) => k.tip.split(': ')[0])).toEqual(['1-in-20-year loss (VaR95)', 'Average of the worst 5 % of years (CVaR95)', '1-in-100-year loss (p99)']);
    for (const k of b.marks) expect(k.tip).toMatch(/: €[\d,]+$/);
    for (let i = 1; i < b.marks.length; i++) {
      const a = b.marks[i - 1]!;
      const c = b.marks[i]!;
      expect(c.cx - roughTextWidth(c.text, 10) / 2).toBeGreaterThanOrEqual(a.cx + roughTextWidth(a.text, 10) / 2);
    }
    for (const k of b.marks) {
      expect(k.ty).toBe(b.y0 - 12);
      expect(k.cx + roughTextWidth(k.text, 10) / 2).toBeLessThanOrEqual(SIZE.width - 4 + 1e-9);
    }
  });

  it('layoutLossExceedance keys the legend by curve, main result first, inside the plot', () => {
    const b = layoutLossExceedance(exceedanceBaseline, SIZE).body!;
    expect(b.legend.items.map((i) => i.key)).toEqual(['baseline', 't-parking', 't-cctv']);
    expect(b.legend.box).not.toBeNull();
    expect(b.legend.at[0]).toBeGreaterThanOrEqual(b.x0);
    expect(b.legend.at[0] + b.legend.box!.width).toBeLessThanOrEqual(b.x1);
    expect(b.legend.at[1]).toBeGreaterThanOrEqual(b.y0);
    expect(b.legend.at[1] + b.legend.box!.height).toBeLessThanOrEqual(b.y1);
  });

  it('layoutLossExceedance reads a what-if over its ghost; with one curve no legend; without points no body', () => {
    const w = layoutLossExceedance(exceedanceWhatIf, SIZE);
    expect(w.body!.main).toBe('whatif');
    expect(w.body!.curves.map((c) => c.role)).toEqual(['ghost', 'whatif']);
    expect(w.title).toMatch(/^What-if cuts the 1-in-20-year loss from €2\d\.\dM to €17.6M$/);
    const one = layoutLossExceedance({ ...exceedanceBaseline, curves: [exceedanceBaseline.curves[0]!] }, SIZE).body!;
    expect(one.legend.items).toEqual([]);
    expect(one.legend.box).toBeNull();
    const none = layoutLossExceedance({ ...exceedanceBaseline, curves: [{ id: 'b', label: 'Baseline', role: 'baseline', points: [{ loss: 0, probability: 1 }] }] }, SIZE);
    expect(none.body).toBeNull();
    expect(none.title).toBe('No loss curve to show yet');
    expect(none.label).toBe('Loss exceedance curve: no data.');
  });
});
