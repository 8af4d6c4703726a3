// The risk ranking's scene without a DOM: two panels, rows ranked by each panel's measure, stacked
// bars that fill the panel, the legend inside the width; a raised risk's triggered excess and a common
// cause. The drawn SVG is checked in risk-ranking.test.ts.
import { describe, expect, it } from 'vitest';
import { layoutRiskRanking, rowNote, TOP_RISKS, TRIGGERED_LEGEND } from '../../../explorer/views/risk-ranking.js';
import { textWidth as measure } from '../../../explorer/views/parts/text.js';
import { rankingCascades } from './fixtures-cascades.js';
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

describe('layoutRiskRanking: cascades and common causes', () => {
  const WIDE = { width: 900, height: 360 };

  it('layoutRiskRanking ends a raised risk\'s EAL bar with its triggered excess and notes it after the name', () => {
    const scene = layoutRiskRanking(rankingCascades, WIDE);
    const [eal, tail] = scene.panels;
    const row = eal!.rows.find((r) => r.risk.id === 'hijack@rtm-lyo')!;
    // a quarter of the EAL: the last quarter of the bar
    expect(row.excess!.width).toBeCloseTo(row.barWidth / 4, 9);
    expect(row.excess!.x + row.excess!.width).toBeCloseTo(row.barWidth, 9);
    expect(row.note).toBe('incl. €280K triggered by Data breach at the forwarder');
    expect(row.noteX).toBeGreaterThan(0);
    expect(row.noteX + measure(row.note, 9.5)).toBeLessThanOrEqual(scene.panelWidth);
    expect(row.tip).toContain('Triggered by Data breach at the forwarder: €280,000 of its expected annual loss (rate × 3 while a window is open)');
    expect(row.label).toMatch(/; incl\. €280,000 triggered by Data breach at the forwarder$/);
    // the tail panel names who raises it, and draws no excess (the tail's share of it is not known)
    const tailRow = tail!.rows.find((r) => r.risk.id === 'hijack@rtm-lyo')!;
    expect(tailRow.excess).toBeNull();
    expect(tailRow.note).toBe('triggered by Data breach at the forwarder');
    // the legend explains the dashed end, after the categories
    expect(scene.legend.items.map((i) => i.key).at(-1)).toBe('triggered');
    expect(scene.legend.items.at(-1)!.parts[1]!.text).toBe(TRIGGERED_LEGEND);
  });

  it('layoutRiskRanking marks a common-cause risk "common cause: hits N targets at once"', () => {
    const scene = layoutRiskRanking(rankingCascades, WIDE);
    for (const p of scene.panels) {
      const row = p.rows.find((r) => r.risk.id === 'disr@antwerp')!;
      expect(row.note).toBe('common cause: hits 3 targets at once');
      expect(row.excess).toBeNull();
      expect(row.tip.at(-1)).toBe('Common cause: each event hits 3 targets at once');
    }
  });

  it('layoutRiskRanking shortens the note to what fits beside the name, or leaves it to the tooltip', () => {
    const scene = layoutRiskRanking(rankingCascades, SIZE);
    const note = (id: string, panel = 0) => scene.panels[panel]!.rows.find((r) => r.risk.id === id)!.note;
    expect([note('hijack@rtm-lyo'), note('hijack@rtm-lyo', 1), note('disr@antwerp')]).toEqual(['€280K triggered', 'triggered', 'common cause ×3']);
    for (const p of scene.panels) for (const r of p.rows) if (r.note) expect(r.noteX + measure(r.note, 9.5)).toBeLessThanOrEqual(scene.panelWidth);
    // narrower still, the names fill the line: no note, the tooltip and the aria-label keep it
    const narrow = layoutRiskRanking(rankingCascades, { width: 380, height: 360 });
    const row = narrow.panels[0]!.rows.find((r) => r.risk.id === 'hijack@rtm-lyo')!;
    expect(row.note).toBe('');
    expect(row.excess).not.toBeNull();
    expect(row.label).toContain('triggered by Data breach at the forwarder');
    const both = rowNote({ ...rankingCascades.risks[1]!, jointTargets: 2 }, 'eal', (x) => `€${x / 1000}K`);
    expect(both[0]).toBe('incl. €280K triggered by Data breach at the forwarder · common cause: hits 2 targets at once');
    expect(both.at(-1)).toBe('common cause ×2');
  });

  it('layoutRiskRanking without cascades: no notes, no excess, no legend entry (charts as they were)', () => {
    const scene = layoutRiskRanking(ranking, SIZE);
    for (const p of scene.panels) for (const r of p.rows) expect([r.note, r.excess]).toEqual(['', null]);
    expect(scene.legend.items.map((i) => i.key)).not.toContain('triggered');
  });
});
