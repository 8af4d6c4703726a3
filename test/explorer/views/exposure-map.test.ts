// @vitest-environment jsdom
/// <reference lib="dom" />
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exposureMap } from '../../../explorer/views/exposure-map.js';
import { centreLongitude } from '../../../explorer/views/exposure-map/layout.js';
import { shortName } from '../../../explorer/views/exposure-map/words.js';
import type { ExposureMapData, MapLane, MapSite } from '../../../explorer/model/view-data.js';
import { textWidth } from '../../../explorer/views/parts/text.js';
import { container, snapshot } from './render.js';
import { mapFixture, mapFixtureNoCoords } from './fixtures-map.js';

const siteG = (el: Element, id: string) => el.querySelector<SVGGElement>(`g.site[data-id="${id}"]`)!;
const laneG = (el: Element, id: string) => el.querySelector<SVGGElement>(`g.lane[data-id="${id}"]`)!;
const at = (g: Element): [number, number] => {
  const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
};

afterEach(() => vi.restoreAllMocks());

describe('exposureMap', () => {
  it('exposureMap draws the fixture network (snapshot)', async () => {
    const el = container();
    exposureMap(el, mapFixture());
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/exposure-map.svg.snap');
  });

  it('exposureMap draws one circle per site and one path per lane, on land, with legends in money', () => {
    const el = container();
    const data = mapFixture();
    exposureMap(el, data);
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelectorAll('g.site circle.mark')).toHaveLength(data.sites.length);
    expect(el.querySelectorAll('g.lane path.line')).toHaveLength(data.lanes.length);
    for (const p of el.querySelectorAll('g.lane path.line')) expect(p.getAttribute('d')).toMatch(/^M[-\d.]+,[-\d.]+L/);
    expect(el.querySelector('path.land')!.getAttribute('d')!.length).toBeGreaterThan(1000);
    expect(el.querySelector('path.borders')!.getAttribute('d')).toBeTruthy();
    const legend = el.querySelector('g.legend')!.textContent!;
    expect(legend).toContain('Site expected annual loss (€)');
    expect(legend).toContain('Lane expected annual loss (€)');
    expect(legend).toContain('€1M');
    for (const l of ['Critical', 'High', 'Medium', 'Low', 'No risks']) expect(legend).toContain(l);
  });

  it('exposureMap places sites where they are on Earth', () => {
    const el = container();
    exposureMap(el, mapFixture());
    const [rx, ry] = at(siteG(el, 'port-rotterdam'));
    const [sx, sy] = at(siteG(el, 'port-shekou'));
    const [hx, hy] = at(siteG(el, 'cust-hamburg'));
    const [dx] = at(siteG(el, 'dc-dortmund'));
    expect(rx).toBeLessThan(sx); // Rotterdam west of Shenzhen
    expect(ry).toBeLessThan(sy); // and north of it
    expect(hy).toBeLessThan(ry); // Hamburg north of Rotterdam
    expect(dx).toBeGreaterThan(rx); // Dortmund east of Rotterdam
    for (const g of el.querySelectorAll('g.site')) {
      const [x, y] = at(g);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(900);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(560 - 32 - 64);
    }
  });

  it('exposureMap sizes circles by area and colours them by level', () => {
    const el = container();
    exposureMap(el, mapFixture());
    const r = (id: string) => Number(siteG(el, id).querySelector('circle.mark')!.getAttribute('r'));
    const eal = (id: string) => mapFixture().sites.find((s) => s.id === id)!.eal;
    // area ∝ EAL: r² ratio equals the EAL ratio (above the minimum radius)
    expect(r('port-shekou') ** 2 / r('port-rotterdam') ** 2).toBeCloseTo(eal('port-shekou') / eal('port-rotterdam'), 6);
    expect(r('cust-hamburg')).toBe(3.5); // no loss: minimum radius
    expect(siteG(el, 'port-shekou').querySelector('circle.mark')!.getAttribute('fill')).toBe('#e31a1c');
    expect(siteG(el, 'cust-hamburg').querySelector('circle.mark')!.getAttribute('fill')).toBe('#c3c7cc');
  });

  it('exposureMap titles the finding and labels the chart', () => {
    const el = container();
    exposureMap(el, mapFixture());
    expect(el.querySelector('text.chart-title')!.textContent).toBe('Shekou Container Terminals and Sea: Shekou → Rotterdam carry 48 % of the expected annual loss');
    expect(el.querySelector('svg.chart')!.getAttribute('aria-label')).toMatch(/^Exposure map of 7 sites and 6 lanes: circle area/);
  });

  it('exposureMap labels the top sites without overlapping labels', () => {
    const el = container();
    exposureMap(el, mapFixture());
    const labels = [...el.querySelectorAll('g.label')];
    expect(labels.length).toBeGreaterThanOrEqual(4);
    expect(labels.length).toBeLessThanOrEqual(6);
    expect(el.querySelector('g.labels')!.textContent).toContain('Shekou Container Terminals');
    const boxes = labels.map((g) => {
      const name = g.querySelector('text.name')!;
      const value = g.querySelector('text.value')!;
      const x = Number(name.getAttribute('x'));
      const y = Number(name.getAttribute('y')) - 11;
      const w = Math.max(textWidth(name.textContent!, 11.5, true), textWidth(value.textContent!, 10.5));
      return { x, y, w, h: 27 };
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `labels ${i} and ${j} overlap`).toBe(false);
      }
  });

  it('exposureMap re-renders in place with keyed joins (no duplicates)', () => {
    const el = container();
    exposureMap(el, mapFixture());
    const shekou = siteG(el, 'port-shekou');
    const data = mapFixture();
    data.sites = data.sites.filter((s) => s.id !== 'dc-dortmund').map((s) => (s.id === 'port-shekou' ? { ...s, eal: 10, level: 'low' as const } : s));
    data.sites.push({ id: 'dc-lyon', name: 'DC Lyon', kind: 'dc', lat: 45.64, lon: 5.11, eal: 50_000, level: 'medium', topRisks: [] });
    data.lanes = data.lanes.filter((l) => l.to !== 'dc-dortmund');
    exposureMap(el, data);
    exposureMap(el, data);
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelectorAll('svg.map-viewport')).toHaveLength(1);
    expect(el.querySelectorAll('div.tooltip')).toHaveLength(1);
    expect(el.querySelectorAll('g.site')).toHaveLength(data.sites.length);
    expect(el.querySelectorAll('g.lane')).toHaveLength(data.lanes.length);
    expect(el.querySelectorAll('g.legend')).toHaveLength(1);
    expect(siteG(el, 'dc-dortmund')).toBeNull();
    expect(siteG(el, 'dc-lyon')).not.toBeNull();
    expect(siteG(el, 'port-shekou')).toBe(shekou); // the same node, updated
    expect(shekou.querySelector('circle.mark')!.getAttribute('fill')).toBe('#ffffb2');
    expect(new Set([...el.querySelectorAll('g.site')].map((g) => g.getAttribute('data-id'))).size).toBe(data.sites.length);
  });

  it('exposureMap calls onSelect on click, Enter and Space', () => {
    const el = container();
    const onSelect = vi.fn();
    exposureMap(el, mapFixture({ onSelect }));
    siteG(el, 'port-rotterdam').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith('port-rotterdam', 'site');
    laneG(el, 'la-sea-shekou-rtm').querySelector('path.casing')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith('la-sea-shekou-rtm', 'lane');
    siteG(el, 'dc-venlo').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith('dc-venlo', 'site');
    laneG(el, 'la-road-rtm-venlo').dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(onSelect).toHaveBeenLastCalledWith('la-road-rtm-venlo', 'lane');
    expect(onSelect).toHaveBeenCalledTimes(4);
    for (const g of el.querySelectorAll('g.site, g.lane')) {
      expect(g.getAttribute('tabindex')).toBe('0');
      expect(g.getAttribute('aria-label')).toBeTruthy();
    }
  });

  it('exposureMap shows exact values in the tooltip on mouseover and on focus', () => {
    const el = container();
    exposureMap(el, mapFixture());
    siteG(el, 'port-shekou').dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 100, clientY: 50 }));
    const tip = el.querySelector<HTMLDivElement>('div.tooltip')!;
    expect(tip.style.display).toBe('block');
    const lines = [...tip.querySelectorAll('div')].map((d) => d.textContent);
    expect(lines).toEqual([
      'Shekou Container Terminals',
      'Site · port',
      'Expected annual loss: €1,044,810',
      'Highest risk level: Critical',
      'Top risks:',
      '• Port closure — Critical — €1,003,697',
      '• Container theft at the terminal — Medium — €41,113',
    ]);
    siteG(el, 'port-shekou').dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    expect(tip.style.display).toBe('none');
    const lane = laneG(el, 'la-sea-shekou-rtm');
    lane.dispatchEvent(new FocusEvent('focus'));
    expect(tip.textContent).toContain('Lane · sea · carrier COSCO Shipping · 32 days in transit');
    expect(tip.textContent).toContain('Shekou Container Terminals → Port of Rotterdam, Maasvlakte II');
    expect(tip.textContent).toContain('Expected annual loss: €882,500');
    expect(lane.querySelector('path.casing')!.getAttribute('stroke')).toBe('#1f6feb'); // visible focus
    lane.dispatchEvent(new FocusEvent('blur'));
    expect(lane.querySelector('path.casing')!.getAttribute('stroke')).toBe('none');
  });

  it('exposureMap marks borderline levels "~" in tooltips, labels and the level legend', () => {
    const el = container();
    exposureMap(el, mapFixture());
    // a lane with a borderline risk: the risk's level carries the mark, and the note explains it
    laneG(el, 'la-road-rtm-venlo').dispatchEvent(new FocusEvent('focus'));
    const lines = [...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent);
    expect(lines).toContain('• Truck hijacking — High ~ — €260,100');
    expect(lines.at(-1)).toBe('~ borderline: the level may change with the seed');
    expect(lines).toContain('Highest risk level: High');
    // no site's highest level is borderline: no mark in the legend
    expect([...el.querySelectorAll('g.legend-levels text')].map((t) => t.textContent)).not.toContain('~ borderline');
    // a site whose highest level may change: its label, tooltip and aria-label say so, and the legend names the mark
    const data = mapFixture();
    data.sites = data.sites.map((x) => (x.id === 'port-shekou' ? { ...x, levelBorderline: true } : x));
    exposureMap(el, data);
    expect([...el.querySelectorAll('g.legend-levels text')].map((t) => t.textContent)).toContain('~ borderline');
    expect(el.textContent).toContain('Critical ~');
    expect(siteG(el, 'port-shekou').getAttribute('aria-label')).toContain('highest risk level Critical (borderline: may change with the seed)');
    siteG(el, 'port-shekou').dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 100, clientY: 50 }));
    expect([...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent)).toContain('Highest risk level: Critical ~');
  });

  it('exposureMap keeps HTML-looking names as text', () => {
    const el = container();
    const evil = '<img src=x onerror=alert(1)>';
    const data = mapFixture();
    data.sites[1] = { ...data.sites[1]!, name: evil };
    data.lanes[1] = { ...data.lanes[1]!, name: evil, carrier: evil };
    exposureMap(el, data);
    siteG(el, 'port-shekou').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('div.tooltip')!.textContent).toContain(evil);
    expect(el.querySelector('text.chart-title')!.textContent).toContain('<img src=x');
    expect(el.querySelector('g.labels')!.textContent).toContain('<img src=x');
    laneG(el, 'la-sea-shekou-rtm').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('div.tooltip')!.textContent).toContain(`carrier ${evil}`);
  });

  it('exposureMap outlines the selection and rings the highlight, dimming the rest', () => {
    const el = container();
    exposureMap(el, mapFixture({ selected: 'port-rotterdam', highlight: 'dc-venlo' }));
    const sel = siteG(el, 'port-rotterdam').querySelector('circle.mark')!;
    expect(sel.getAttribute('stroke-width')).toBe('3');
    expect(sel.getAttribute('stroke')).toBe('#1b1f24');
    expect(siteG(el, 'dc-venlo').querySelector('circle.ring')!.getAttribute('stroke-dasharray')).toBe('5 3');
    expect(el.querySelectorAll('circle.ring')).toHaveLength(1);
    expect(siteG(el, 'dc-venlo').getAttribute('opacity')).toBe('1');
    expect(siteG(el, 'port-shekou').getAttribute('opacity')).toBe('0.3');
    // a highlighted lane: dashed dark casing, its two ends stay lit
    exposureMap(el, mapFixture({ highlight: 'la-sea-shekou-rtm' }));
    expect(el.querySelectorAll('circle.ring')).toHaveLength(0);
    expect(laneG(el, 'la-sea-shekou-rtm').querySelector('path.casing')!.getAttribute('stroke-dasharray')).toBe('3 4');
    expect(siteG(el, 'port-shekou').getAttribute('opacity')).toBe('1');
    expect(siteG(el, 'dc-venlo').getAttribute('opacity')).toBe('0.3');
  });

  it('exposureMap zooms with its buttons, keeping circle sizes and lane widths on screen', () => {
    const el = container();
    exposureMap(el, mapFixture());
    const r0 = siteG(el, 'port-shekou').querySelector('circle.mark')!.getAttribute('r');
    const [x0] = at(siteG(el, 'port-shekou'));
    const [x1] = at(siteG(el, 'port-rotterdam'));
    el.querySelectorAll('g.zoom-button')[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(el.querySelector('g.zoomed')!.getAttribute('transform')).toMatch(/scale\(1\.6\)/);
    expect(siteG(el, 'port-shekou').querySelector('circle.mark')!.getAttribute('r')).toBe(r0);
    const [y0] = at(siteG(el, 'port-shekou'));
    const [y1] = at(siteG(el, 'port-rotterdam'));
    expect(y0 - y1).toBeCloseTo((x0 - x1) * 1.6, 6);
    expect(el.querySelector('g.lane path.line')!.getAttribute('vector-effect')).toBe('non-scaling-stroke');
    // the zoom survives a re-render with the same network
    exposureMap(el, mapFixture({ selected: 'dc-venlo' }));
    expect(el.querySelector('g.zoomed')!.getAttribute('transform')).toMatch(/scale\(1\.6\)/);
    el.querySelectorAll('g.zoom-button')[2]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(el.querySelector('g.zoomed')!.getAttribute('transform')).toBeNull();
  });

  it('exposureMap uses a force layout when sites have no coordinates (snapshot)', async () => {
    const el = container();
    exposureMap(el, mapFixtureNoCoords());
    expect(el.querySelector('text.note')!.textContent).toBe('Schematic layout (no coordinates)');
    expect(el.querySelector('path.land')!.getAttribute('d')).toBeNull();
    expect(el.querySelectorAll('g.site')).toHaveLength(7);
    expect(el.querySelectorAll('g.lane')).toHaveLength(6);
    for (const g of el.querySelectorAll('g.site')) {
      const [x, y] = at(g);
      const r = Number(g.querySelector('circle.mark')!.getAttribute('r'));
      expect(x - r).toBeGreaterThanOrEqual(0);
      expect(x + r).toBeLessThanOrEqual(900);
      expect(y - r).toBeGreaterThanOrEqual(0);
      expect(y + r).toBeLessThanOrEqual(560 - 32 - 64);
    }
    expect(el.querySelector('g.legend')!.textContent).toContain('Site expected annual loss ($)');
    const first = snapshot(el);
    exposureMap(container(), mapFixtureNoCoords());
    expect(snapshot(document.body.firstElementChild!)).toBe(first); // deterministic
    await expect(first).toMatchFileSnapshot('__snapshots__/exposure-map-schematic.svg.snap');
  });

  it('exposureMap falls back to the schematic when some sites lack coordinates', () => {
    const el = container();
    const data = mapFixture();
    const { lat: _lat, lon: _lon, ...noCoords } = data.sites[0]!;
    data.sites[0] = noCoords;
    exposureMap(el, data);
    expect(el.querySelector('text.note')!.textContent).toBe('Schematic layout (no coordinates for 1 of 7 sites)');
  });

  it('exposureMap draws a large network on a canvas with the top 300 sites as svg marks', () => {
    const getContext = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const sites: MapSite[] = [];
    const lanes: MapLane[] = [];
    for (let i = 0; i < 1000; i++) {
      const lat = 35 + ((i * 37) % 200) / 10;
      const lon = -5 + ((i * 53) % 300) / 10;
      sites.push({ id: `s${i}`, name: `Site ${i}`, kind: 'dc', lat, lon, eal: (i * 7919) % 100_000, level: i % 4 === 0 ? 'high' : 'low', topRisks: [] });
    }
    for (let i = 0; i < 1000; i++) lanes.push({ id: `l${i}`, name: `Lane ${i}`, from: `s${i}`, to: `s${(i * 17 + 1) % 1000}`, mode: 'road', transitDays: 1, eal: (i * 104_729) % 50_000, level: 'low', topRisks: [] });
    const selected = sites.slice().sort((a, b) => a.eal - b.eal)[0]!.id; // the smallest: not in the top 300
    const data: ExposureMapData = { currency: 'EUR', size: { width: 900, height: 560 }, sites, lanes, selected };
    const el = container();
    exposureMap(el, data);
    expect(getContext).toHaveBeenCalled();
    expect(el.querySelectorAll('canvas.map-canvas')).toHaveLength(1);
    expect(el.querySelectorAll('g.site')).toHaveLength(301);
    expect(siteG(el, selected)).not.toBeNull();
    expect(el.querySelectorAll('g.lane')).toHaveLength(100);
    expect(el.querySelector('path.land')!.getAttribute('d')).toBeNull(); // land is on the canvas
    expect(el.querySelector('text.note')!.textContent).toContain('Large network');
    // back to a small network: the canvas goes away
    exposureMap(el, mapFixture());
    expect(el.querySelectorAll('canvas')).toHaveLength(0);
    expect(el.querySelectorAll('g.site')).toHaveLength(7);
  });

  it('exposureMap draws an empty network without failing', () => {
    const el = container();
    exposureMap(el, { currency: 'EUR', size: { width: 600, height: 400 }, sites: [], lanes: [] });
    expect(el.querySelector('text.chart-title')!.textContent).toBe('No sites to map');
    expect(el.querySelectorAll('g.site')).toHaveLength(0);
  });
});

describe('centreLongitude', () => {
  it('centreLongitude takes the middle of the smallest arc holding all longitudes', () => {
    expect(centreLongitude([4, 114])).toBeCloseTo(59, 6);
    expect(centreLongitude([170, -170])).toBeCloseTo(180 - 360, 6); // across the antimeridian: ±180
    expect(centreLongitude([-106, -84, -99])).toBeCloseTo(-95, 6);
  });
});

describe('shortName', () => {
  it('shortName drops a trailing parenthesis and keeps the "what" of "what, where" names', () => {
    expect(shortName('Biologics plant, Cork (Ringaskiddy)', 30)).toBe('Biologics plant, Cork');
    expect(shortName('Shekou Container Terminals, Shenzhen', 30)).toBe('Shekou Container Terminals');
    expect(shortName('A very long name without any comma in it at all', 20)).toBe('A very long name wi…');
  });
});
