// The treatments chart's scene without a DOM: points with whiskers and labels nudged apart, the
// frontier and its key, the break-even region, line and caption, axes in money. The drawn SVG is
// checked in treatments.test.ts.
import { describe, expect, it } from 'vitest';
import { layoutTreatments, type TreatmentMark } from '../../../explorer/views/treatments.js';
import { roughTextWidth } from '../../../explorer/views/parts/text.js';
import { treatmentsData } from './fixtures-charts.js';

const SIZE = { width: 520, height: 300 };

const box = (d: TreatmentMark): [number, number] => (d.anchor === 'start' ? [d.lx, d.lx + d.w] : [d.lx - d.w, d.lx]);

describe('layoutTreatments', () => {
  it('layoutTreatments places one point a treatment, in the data order, inside the plot', () => {
    const scene = layoutTreatments(treatmentsData, SIZE);
    const b = scene.body!;
    expect(scene.title).toBe('Best return: Secure parking on Rotterdam…, ROSI 420 %');
    expect(b.points.map((d) => d.p.id)).toEqual(['parking', 'cctv', 'guards', 'carrier', 'xss', 'whatif']);
    for (const d of b.points) {
      expect(d.px).toBeGreaterThanOrEqual(b.x0);
      expect(d.px).toBeLessThanOrEqual(b.x1);
      expect(d.py).toBeGreaterThanOrEqual(b.y0);
      expect(d.py).toBeLessThanOrEqual(b.y1);
      expect(d.whisker.startsWith(`M${d.px},`)).toBe(true);
    }
    // the what-if: its own colour and shape, "what-if" in its label
    const w = b.points.find((d) => d.p.kind === 'whatif')!;
    const t = b.points.find((d) => d.p.kind === 'treatment')!;
    expect(w.colour).not.toBe(t.colour);
    expect(w.symbol).not.toBe(t.symbol);
    expect(w.sub).toBe('what-if · ROSI 226 %');
  });

  it('layoutTreatments keeps labels whose extents overlap a line apart (two-line labels: 23 px)', () => {
    const crowded = { ...treatmentsData, points: treatmentsData.points.map((p, i) => ({ ...p, annualCost: 100_000 + i * 5_000, reduction: 400_000 + i * 10_000 })) };
    for (const data of [treatmentsData, crowded]) {
      const pts = layoutTreatments(data, SIZE).body!.points;
      expect(pts.every((d) => d.sub !== '')).toBe(true);
      for (let i = 0; i < pts.length; i++)
        for (let j = i + 1; j < pts.length; j++) {
          const [a, c] = box(pts[i]!);
          const [e, f] = box(pts[j]!);
          if (a < f + 4 && e < c + 4) expect(Math.abs(pts[i]!.ly - pts[j]!.ly)).toBeGreaterThanOrEqual(23 - 0.01);
        }
    }
  });

  it('layoutTreatments draws the frontier through the non-dominated points, with its key', () => {
    const b = layoutTreatments(treatmentsData, SIZE).body!;
    expect(b.points.filter((d) => d.onFrontier).map((d) => d.p.id)).toEqual(['parking', 'carrier', 'xss', 'whatif']);
    expect((b.frontier ?? '').split(/[ML]/).filter(Boolean)).toHaveLength(4);
    expect(b.key.map((k) => k.key)).toEqual(['efficient frontier']);
    const single = layoutTreatments({ ...treatmentsData, points: treatmentsData.points.slice(0, 1) }, SIZE).body!;
    expect(single.frontier).toBeNull();
    expect(single.key).toEqual([]);
  });

  it('layoutTreatments puts "Pays for itself" clear of every label, and the break-even note on the title row', () => {
    const b = layoutTreatments(treatmentsData, SIZE).body!;
    const [caption, note] = b.texts;
    const captionW = roughTextWidth('Pays for itself', 11) * 1.1; // semibold
    expect(caption!.text).toBe('Pays for itself');
    expect(caption!.x).toBe(b.x0 + 6);
    for (const d of b.points) {
      const [a, c] = box(d);
      const apart = c < caption!.x || a > caption!.x + captionW || d.ly - 10 >= caption!.y + 3 || d.ly + (d.sub ? 13 : 3) <= caption!.y - 11;
      expect(apart).toBe(true);
    }
    expect(note!.anchor).toBe('end');
    expect(note!.x).toBe(b.x1);
    expect(note!.y).toBe(b.titles[0]!.y);
    expect(b.region).toMatch(/^M.*Z$/);
    expect(b.breakEven).not.toBeNull();
  });

  it('layoutTreatments writes the axes in money per year; without points there is no body', () => {
    const b = layoutTreatments(treatmentsData, SIZE).body!;
    expect(b.titles.map((t) => t.text)).toEqual(['Annual cost (€ per year)', 'Expected loss avoided (€ per year)']);
    expect(b.axes.x.ticks.map((t) => t.text)).toContain('−€200K');
    expect(b.axes.y.at).toEqual([b.x0, 0]);
    const ys = b.axes.y.ticks.map((t) => t.pos);
    expect(ys).toEqual([...ys].sort((p, q) => q - p));
    const empty = layoutTreatments({ ...treatmentsData, points: [] }, SIZE);
    expect(empty.body).toBeNull();
    expect(empty.title).toBe('No treatments in this scenario');
  });
});
