// The risk ranking's scene without a DOM: two panels, rows ranked by each panel's measure, stacked
// bars that fill the panel, the legend inside the width. The drawn SVG is checked in risk-ranking.test.ts.
import { describe, expect, it } from 'vitest';
import { layoutRiskRanking, TOP_RISKS } from '../../../explorer/views/risk-ranking.js';
import { ranking } from './fixtures-charts.js';

const SIZE = { width: 520, height: 360 };

describe('layoutRiskRanking', () => {
  it('layoutRiskRanking ranks each panel by its own measure, the top ten, the largest bar the longest', () => {
    const scene = layoutRiskRanking(ranking, SIZE);
    expect(scene.title).toBe('Two risks make up half of the worst-5 % loss');
    expect(scene.panels.map((p) => p.id)).toEqual(['eal', 'tail']);
    const [eal, tail] = scene.panels;
    expect(eal!.rows).toHaveLength(TOP_RISKS);
    expect(eal!.rows.map((r) => r.risk.id).slice(0, 3)).toEqual(['theft@rtm-lyo', 'hijack@rtm-lyo', 'intr@venlo']);
    expect(tail!.rows.map((r) => r.risk.id).slice(0, 3)).toEqual(['theft@rtm-lyo', 'hijack@rtm-lyo', 'disr@antwerp']);
    expect(eal!.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(eal!.rows[0]!.valueText).toBe('€1.48M · 23 %');
    // rows below one another; bars no longer than the first (the largest value)
    for (let i = 1; i < eal!.rows.length; i++) expect(eal!.rows[i]!.y).toBeGreaterThan(eal!.rows[i - 1]!.y);
    for (const r of eal!.rows) expect(r.barWidth).toBeLessThanOrEqual(eal!.rows[0]!.barWidth);
    // the second panel starts right of the first and a gutter
    expect(eal!.x).toBe(8);
    expect(tail!.x).toBeCloseTo(8 + scene.panelWidth + 20, 9);
    expect(eal!.rows.find((r) => r.risk.id === 'hijack@rtm-lyo')!.selected).toBe(true);
  });

  it('layoutRiskRanking stacks each total to the panel width, in the category order, and flows the legend in the width', () => {
    const scene = layoutRiskRanking(ranking, SIZE);
    for (const p of scene.panels) {
      expect(p.segments.map((s) => s.category)).toEqual(['theft', 'hijacking', 'intrusion', 'tampering', 'breach', 'disruption', 'terrorism']);
      expect(p.segments.reduce((s, g) => s + g.width + 1, 0)).toBeCloseTo(scene.panelWidth, 6);
      expect(p.segments[0]!.x).toBe(0);
    }
    expect(scene.legend.items.map((i) => i.key)).toEqual(['theft', 'hijacking', 'intrusion', 'tampering', 'breach', 'disruption', 'terrorism']);
    for (const i of scene.legend.items) expect(i.at![0]).toBeLessThan(SIZE.width - 8);
    expect(scene.legend.y).toBeLessThan(SIZE.height);
  });

  it('layoutRiskRanking without risks: no panels, no legend, the empty message', () => {
    const scene = layoutRiskRanking({ ...ranking, risks: [] }, SIZE);
    expect(scene.panels).toEqual([]);
    expect(scene.legend.items).toEqual([]);
    expect(scene.empty).toBe('No risks in this scenario');
  });

  it('layoutRiskRanking lists fewer rows when the height does not allow 22 px a row', () => {
    const scene = layoutRiskRanking(ranking, { width: 520, height: 200 });
    const n = scene.panels[0]!.rows.length;
    expect(n).toBeLessThan(TOP_RISKS);
    expect(n).toBeGreaterThan(0);
  });
});
