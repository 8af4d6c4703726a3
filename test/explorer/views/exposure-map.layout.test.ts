// The exposure map's scene without a DOM: which marks are drawn and how, where labels go (never over
// each other), and the legend's entries. The drawn SVG is checked in exposure-map.test.ts.
import { describe, expect, it } from 'vitest';
import { overlaps, placeLabels } from '../../../explorer/views/exposure-map/labels.js';
import { layoutMapLegend } from '../../../explorer/views/exposure-map/legend.js';
import { layoutExposureMap } from '../../../explorer/views/exposure-map/scene.js';
import { mapFixture, mapFixtureNoCoords } from './fixtures-map.js';

const SIZE = { width: 900, height: 560 };
const ZOOM_1 = { k: 1, x: 0, y: 0 };

describe('layoutExposureMap', () => {
  it('layoutExposureMap puts every site and lane in the svg, largest loss first, on a geographic layout', () => {
    const data = mapFixture();
    const scene = layoutExposureMap(data, SIZE);
    expect(scene.layout.geo).toBe(true);
    expect(scene.large).toBe(false);
    expect(scene.svgSites.map((m) => m.site.id).sort()).toEqual(data.sites.map((s) => s.id).sort());
    expect(scene.svgLanes.length).toBe(data.lanes.length);
    const eals = scene.svgSites.map((m) => m.site.eal);
    expect(eals).toEqual([...eals].sort((a, b) => b - a));
    // area ∝ loss: the largest site has the largest circle, and no circle is smaller than 3.5 px
    expect(scene.svgSites[0]!.r).toBe(Math.max(...scene.svgSites.map((m) => m.r)));
    expect(Math.min(...scene.svgSites.map((m) => m.r))).toBeGreaterThanOrEqual(3.5);
    expect(scene.canvasSites).toEqual([]);
    expect(scene.notes).toEqual([]);
  });

  it('layoutExposureMap reuses the previous layout for the same network and size', () => {
    const data = mapFixture();
    const a = layoutExposureMap(data, SIZE);
    expect(layoutExposureMap(data, SIZE, a.layout).layout).toBe(a.layout);
    expect(layoutExposureMap(data, { width: 800, height: 560 }, a.layout).layout).not.toBe(a.layout);
  });

  it('layoutExposureMap falls back to a schematic with a note when coordinates are missing', () => {
    const scene = layoutExposureMap(mapFixtureNoCoords(), SIZE);
    expect(scene.layout.geo).toBe(false);
    expect(scene.notes[0]).toMatch(/^Schematic layout/);
  });

  it('placeLabels places labels inside the map without overlaps, the selected site first', () => {
    const data = mapFixture();
    const selected = data.sites[data.sites.length - 1]!.id;
    const scene = layoutExposureMap({ ...data, selected }, SIZE);
    const labels = placeLabels(scene, { ...data, selected }, ZOOM_1);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBeLessThanOrEqual(7);
    expect(labels[0]!.site.id).toBe(selected);
    for (const [i, a] of labels.entries()) {
      expect(a.box.x).toBeGreaterThanOrEqual(2);
      expect(a.box.x + a.box.w).toBeLessThanOrEqual(scene.width - 2);
      for (const b of labels.slice(i + 1)) expect(overlaps(a.box, b.box)).toBe(false);
    }
  });

  it('layoutMapLegend lists the five level entries and money sizes, left to right', () => {
    const data = mapFixture();
    const scene = layoutExposureMap(data, SIZE);
    const legend = layoutMapLegend(scene, data);
    expect(legend.levels.items.map((i) => i.key)).toEqual(['critical', 'high', 'medium', 'low', 'none']);
    expect(legend.sites.items.length).toBeGreaterThan(0);
    expect(legend.sites.x).toBeLessThan(legend.lanes.x);
    expect(legend.lanes.x).toBeLessThan(legend.levels.x);
    expect(legend.y).toBe(SIZE.height - 64);
  });
});
