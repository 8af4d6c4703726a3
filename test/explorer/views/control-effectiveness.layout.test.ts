// The control-effectiveness scene without a DOM: rows in the ISO 28000 order, a cost and a
// loss-avoided bar each, whiskers for the intervals, a money axis below the last row. The drawn SVG
// is checked in control-effectiveness.test.ts.
import { describe, expect, it } from 'vitest';
import { layoutControlEffectiveness } from '../../../explorer/views/control-effectiveness.js';
import { controlsData } from './fixtures-charts.js';

const SIZE = { width: 520, height: 300 };

describe('layoutControlEffectiveness', () => {
  it('layoutControlEffectiveness lays one row an element, in the ISO 28000 order, each with a cost and a loss-avoided bar', () => {
    const reversed = { ...controlsData, elements: [...controlsData.elements].reverse() };
    const scene = layoutControlEffectiveness(reversed, SIZE);
    expect(scene.title).toBe('Facility security controls avoid €2.1M a year');
    expect(scene.rows.map((r) => r.element)).toEqual(['facility', 'transport', 'personnel', 'information', 'emergency']);
    expect(scene.rows.map((r) => r.name)).toEqual(['Facility security', 'Transport security', 'Personnel security', 'Information security', 'Emergency preparedness']);
    expect(scene.rows[0]!.count).toBe('3 controls');
    for (let i = 1; i < scene.rows.length; i++) expect(scene.rows[i]!.y).toBeGreaterThan(scene.rows[i - 1]!.y);
    for (const r of scene.rows) {
      expect(r.bars.map((b) => b.kind)).toEqual(['cost', 'avoided']);
      // cost above the mid line, loss avoided below it
      expect(r.bars[0]!.y + scene.barH).toBeLessThan(scene.mid);
      expect(r.bars[1]!.y).toBeGreaterThan(scene.mid);
    }
    expect(scene.rows.flatMap((r) => r.bars.map((b) => b.valueText))).toEqual(['€310K', '€2.1M', '€420K', '€1.35M', '€95K', '€260K', '€140K', '€90K', '€60K', 'computing…']);
    expect(scene.empty).toBeNull();
  });

  it('layoutControlEffectiveness draws a whisker only for a measured interval, and a computing placeholder otherwise', () => {
    const scene = layoutControlEffectiveness(controlsData, SIZE);
    const avoided = scene.rows.map((r) => r.bars[1]!);
    expect(avoided.map((b) => b.whisker !== null)).toEqual([true, true, true, true, false]);
    expect(avoided.map((b) => b.computing)).toEqual([false, false, false, false, true]);
    expect(avoided[4]!.dash).toBe('3 2');
    // the value text right of the bar and of the whisker's right end
    const facility = scene.rows[0]!.bars[1]!;
    expect(facility.valueX).toBeGreaterThan(facility.x + facility.width);
    expect(facility.tip[1]).toBe('95 % interval €1,870,000 to €2,330,000');
  });

  it('layoutControlEffectiveness puts the axis below the last row with a zero line in the grid, and the legend at the top', () => {
    const scene = layoutControlEffectiveness(controlsData, SIZE);
    const lastRow = scene.rows[scene.rows.length - 1]!;
    expect(scene.axis!.orient).toBe('bottom');
    expect(scene.axis!.at[1]).toBeGreaterThan(lastRow.y);
    expect(scene.axis!.at[1]).toBeLessThan(SIZE.height);
    const zero = scene.grid.lines.find((l) => l.value === 0)!;
    expect(zero.x).toBeCloseTo(scene.rows[0]!.bars[0]!.x, 9);
    expect(scene.axis!.ticks.map((t) => t.text)[0]).toBe('€0');
    expect(scene.axisTitle.text).toBe('€ per year');
    expect(scene.legend.map((i) => i.key)).toEqual(['cost', 'avoided']);
  });

  it('layoutControlEffectiveness without controls: no rows, no axis, the empty message', () => {
    const scene = layoutControlEffectiveness({ ...controlsData, elements: [] }, SIZE);
    expect(scene.rows).toEqual([]);
    expect(scene.axis).toBeNull();
    expect(scene.empty).toBe('No controls placed in this scenario');
  });
});
