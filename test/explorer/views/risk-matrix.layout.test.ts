// The risk matrix's scene without a DOM: cells in place, lines per cell, axis labels, legend rows
// that fit the width; cascades and common causes named in the tooltips and aria-labels. The drawn SVG
// is checked in risk-matrix.test.ts.
import { describe, expect, it } from 'vitest';
import { layoutRiskMatrix } from '../../../explorer/views/risk-matrix.js';
import { moneyExact } from '../../../explorer/views/parts/format.js';
import { BREACH, matrixCascades } from './fixtures-cascades.js';
import { matrixFixture } from './fixtures-map.js';

const SIZE = { width: 520, height: 420 };

describe('layoutRiskMatrix', () => {
  it('layoutRiskMatrix places each cell in its row and column, rare at the bottom, minor on the left', () => {
    const data = matrixFixture();
    const scene = layoutRiskMatrix(data, SIZE);
    expect(scene.cells.length).toBe(data.cells.length);
    for (const c of scene.cells) {
      expect(c.x).toBeCloseTo(scene.left + (c.cell.impact - 1) * scene.cw, 9);
      expect(c.y).toBeCloseTo(scene.top + (5 - c.cell.likelihood) * scene.ch, 9);
      // one line a risk, or fewer with a "+N" line
      expect(c.lines.filter((l) => l.kind === 'risk').length).toBeLessThanOrEqual(c.cell.risks.length);
    }
    expect(scene.yLabels.map((l) => l.index)).toEqual([1, 2, 3, 4, 5]);
    expect(scene.xTitle).toMatch(/^Impact — mean loss per event/);
  });

  it('layoutRiskMatrix flows the legend into rows inside the width: levels first, then the threats present', () => {
    const scene = layoutRiskMatrix(matrixFixture(), SIZE);
    const keys = scene.legend.items.map((i) => i.key);
    expect(keys.slice(0, 5)).toEqual(['h-level', 'level-low', 'level-medium', 'level-high', 'level-critical']);
    expect(keys).toContain('h-category');
    for (const i of scene.legend.items) expect(i.at![0]).toBeLessThan(SIZE.width - 4);
    expect(scene.legend.y).toBeGreaterThan(scene.top + 5 * scene.ch);
  });

  it('layoutRiskMatrix gives each line its tooltip and aria-label: a risk its figures, "+N" the risks it hides', () => {
    const scene = layoutRiskMatrix(matrixFixture(), { width: 520, height: 300 });
    const lines = scene.cells.flatMap((c) => c.lines);
    const risk = lines.find((l) => l.kind === 'risk')!;
    expect(risk.tip[0]).toBe(risk.risk!.threatName);
    expect(risk.tip.some((t) => t.startsWith('Expected annual loss: '))).toBe(true);
    expect(risk.label).toMatch(new RegExp(`^${risk.risk!.threatName.replace(/[()]/g, '\\$&')} at ${risk.risk!.target}: `));
    expect(lines.some((l) => l.kind === 'more')).toBe(true);
    for (const more of lines.filter((l) => l.kind === 'more')) {
      expect(more.tip[0]).toMatch(new RegExp(`^${more.hidden!.length} more risks? in this cell:$`));
      expect(more.label).toMatch(new RegExp(`^${more.hidden!.length} more risks: `));
    }
  });

  it('layoutRiskMatrix drops the level swatches on a short chart (each cell names its level)', () => {
    const scene = layoutRiskMatrix(matrixFixture(), { width: 520, height: 300 });
    expect(scene.legend.items.some((i) => i.key.startsWith('level-'))).toBe(false);
  });
});

describe('layoutRiskMatrix: cascades and common causes', () => {
  it('layoutRiskMatrix names in a raised risk\'s tooltip and aria-label who triggers it, and a common cause\'s reach', () => {
    const scene = layoutRiskMatrix(matrixCascades(), SIZE);
    const lines = scene.cells.flatMap((c) => c.lines).filter((l) => l.kind === 'risk');
    const raised = lines.find((l) => l.risk!.cascade)!;
    const excess = raised.risk!.cascade!.excessEal;
    expect(raised.tip.at(-1)).toBe(`Triggered by ${BREACH} or Port strike: ${moneyExact(excess, 'EUR')} of its expected annual loss (rate × 2.5 while a window is open)`);
    expect(raised.label).toMatch(new RegExp(`; incl\\. ${moneyExact(excess, 'EUR').replace(/[$.]/g, '\\$&')} triggered by ${BREACH} or Port strike$`));
    const joint = lines.find((l) => l.risk!.jointTargets !== undefined)!;
    expect(joint.tip.at(-1)).toBe('Common cause: each event hits 4 targets at once');
    expect(joint.label).toMatch(/; common cause: hits 4 targets at once$/);
    // the others as they were
    for (const l of lines.filter((x) => !x.risk!.cascade && x.risk!.jointTargets === undefined)) {
      expect(l.tip.join(' ')).not.toMatch(/Triggered|Common cause/);
      expect(l.label).not.toMatch(/triggered|common cause/);
    }
  });

  it('layoutRiskMatrix lists a hidden raised risk in its cell\'s "+N" tooltip with "triggered by …"', () => {
    const small = { width: 520, height: 300 };
    const more = layoutRiskMatrix(matrixFixture(), small).cells.flatMap((c) => c.lines).find((l) => l.kind === 'more')!;
    const hiddenId = more.hidden![0]!.id;
    const risks = matrixFixture().cells.flatMap((c) => c.risks).map((r) => (r.id === hiddenId ? { ...r, cascade: { triggeredBy: [BREACH], factor: 3, excessEventsPerTrial: 0.1, excessEal: 42_000 }, jointTargets: 2 } : r));
    const again = layoutRiskMatrix(matrixFixture({}, risks), small).cells.flatMap((c) => c.lines).find((l) => l.kind === 'more' && l.hidden!.some((r) => r.id === hiddenId))!;
    expect(again.tip.find((t) => t.includes('triggered'))).toMatch(new RegExp(` · incl\\. €42K triggered by ${BREACH} · common cause: hits 2 targets at once$`));
    expect(again.label).toContain(`, incl. €42K triggered by ${BREACH}, common cause: hits 2 targets at once`);
  });
});
