// The exposure map's legends along the bottom, as a scene (sizes of site circles, lane strokes, level
// fills with their labels, the map's source) drawn with the shared legend. Positions only from data.
import type { Selection } from 'd3';
import type { ExposureMapData } from '../../model/view-data.js';
import { currencySymbol, moneyShort } from '../parts/format.js';
import { drawLegend, type LegendItem } from '../parts/legend.js';
import { BORDERLINE_MARK, LEVEL_LABELS } from '../parts/names.js';
import { INK, LEVEL_COLOURS, MAP, SLATE } from '../parts/palette.js';
import { textWidth } from '../parts/text.js';
import { LEGEND_H, type MapScene } from './scene.js';
import { stressLegendItems } from './stress-overlay.js';

/** One legend block: its left edge, heading, whether it says "no loss", and its items. */
export interface LegendBlock {
  x: number;
  title: string;
  empty: boolean;
  items: LegendItem[];
}

export interface MapLegendScene {
  /** The strip's top. */
  y: number;
  sites: LegendBlock;
  lanes: LegendBlock;
  levels: LegendBlock;
  /** The map's source at the right, or "" when it does not fit. */
  source: { x: number; text: string };
}

/** Round-ish legend values: the largest 1/2/5 × 10^k not above x. */
function niceDown(x: number): number {
  if (!(x > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}
export function legendValues(max: number): number[] {
  const vs = [niceDown(max), niceDown(max / 4), niceDown(max / 16)].filter((v) => v > 0);
  return [...new Set(vs)];
}

const label = (x: number, y: number, text: string): LegendItem['parts'][number] => ({ tag: 'text', attrs: { x, y, 'font-size': 10.5, fill: INK }, text });

/** Legends along the bottom: site loss (circle sizes), lane loss (colour and width), levels; the map's source. */
export function layoutMapLegend(scene: MapScene, data: ExposureMapData): MapLegendScene {
  const sym = currencySymbol(data.currency, data.locale);
  const money = (x: number) => moneyShort(x, data.currency, data.locale);
  const w = scene.width;

  // Site loss: circles side by side, smallest first, each with its value.
  const siteTitle = `Site expected annual loss (${sym})`;
  const sv = legendValues(scene.maxSiteEal)
    .filter((v) => scene.area(v) >= 2)
    .reverse();
  const cy = 18 + scene.rMax;
  let cx = 0;
  const sizeItems: LegendItem[] = sv.map((v) => {
    const r = scene.area(v);
    const text = money(v);
    const at = cx + r;
    cx += 2 * r + 4 + textWidth(text, 10.5) + 12;
    return {
      key: String(v),
      at: null,
      parts: [{ tag: 'circle', attrs: { cx: at, cy, r, fill: MAP.legendCircle, stroke: MAP.markStroke, 'stroke-width': 1 } }, label(at + r + 4, cy + 3.5, text)],
    };
  });
  const siteW = Math.max(textWidth(siteTitle, 11, true), cx);
  // Lane loss: three sample strokes, width and colour as drawn.
  const laneTitle = `Lane expected annual loss (${sym})`;
  const lv = legendValues(scene.maxLaneEal).reverse();
  const laneW = Math.max(textWidth(laneTitle, 11, true), 50 + Math.max(0, ...lv.map((v) => textWidth(money(v), 10.5))));
  const laneItems: LegendItem[] = lv.map((v, i): LegendItem => ({
    key: String(v),
    at: [0, 25 + i * 14],
    parts: [
      { tag: 'line', attrs: { x1: 4, x2: 40, y1: 0, y2: 0, stroke: scene.laneColour(v), 'stroke-width': scene.laneWidth(v), 'stroke-linecap': 'round' } },
      label(50, 3.5, money(v)),
    ],
  }));
  // Levels: fill with its label (never colour alone), three to a row.
  const levelTitle = 'Highest risk level at site';
  const col = 66;
  const levelW = Math.max(textWidth(levelTitle, 11, true), 3 * col);
  const levels: Array<{ key: string; fill: string; label: string }> = [
    { key: 'critical', fill: LEVEL_COLOURS.critical, label: LEVEL_LABELS.critical },
    { key: 'high', fill: LEVEL_COLOURS.high, label: LEVEL_LABELS.high },
    { key: 'medium', fill: LEVEL_COLOURS.medium, label: LEVEL_LABELS.medium },
    { key: 'low', fill: LEVEL_COLOURS.low, label: LEVEL_LABELS.low },
    { key: 'none', fill: MAP.noLevel, label: 'No risks' },
  ];
  // a level marked "~" on the map (its tooltip says why): the sixth slot names the mark
  if ([...data.sites, ...data.lanes].some((x) => x.levelBorderline)) levels.push({ key: 'borderline', fill: 'none', label: `${BORDERLINE_MARK} borderline` });
  const stressOn = data.stress?.on === true;
  const levelItems: LegendItem[] = stressOn
    ? stressLegendItems()
    : levels.map((d, i): LegendItem => ({
    key: d.key,
    at: [(i % 3) * col, 27 + Math.floor(i / 3) * 18],
    parts: [
      { tag: 'circle', attrs: { cx: 6, cy: 0, r: d.key === 'borderline' ? 0 : 6, fill: d.fill, stroke: MAP.markStroke, 'stroke-width': 1 } },
      { tag: 'text', attrs: { x: d.key === 'borderline' ? 2 : 16, y: 4, 'font-size': 10.5, fill: INK }, text: d.label },
    ],
  }));
  const source = scene.layout.geo ? 'Map: Natural Earth (public domain) · lanes drawn as great-circle arcs between their ends' : '';
  const sourceW = source ? textWidth(source, 9.5) + 16 : 0;
  const free = w - 24 - siteW - laneW - levelW;
  const gap = Math.max(12, Math.min(36, free / 2));

  let x = 12;
  const sites: LegendBlock = { x, title: siteTitle, empty: sv.length === 0, items: sizeItems };
  x += siteW + gap;
  const lanes: LegendBlock = { x, title: laneTitle, empty: lv.length === 0, items: laneItems };
  x += laneW + gap;
  const levelsBlock: LegendBlock = { x, title: stressOn ? 'Stress test: Risk Exposure Index' : levelTitle, empty: false, items: levelItems };
  x += levelW;
  return { y: scene.height - LEGEND_H, sites, lanes, levels: levelsBlock, source: { x: w - 10, text: w - 10 - sourceW >= x ? source : '' } };
}

type Group = Selection<SVGGElement, null, SVGSVGElement, unknown>;

/** Draws the map legend scene into the chart's <g class="legend">. */
export function drawMapLegend(svg: Selection<SVGSVGElement, unknown, null, undefined>, legend: MapLegendScene): void {
  const root = svg
    .selectAll<SVGGElement, null>('g.legend')
    .data([null])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'legend');
      g.append('g').attr('class', 'legend-sites');
      g.append('g').attr('class', 'legend-lanes');
      g.append('g').attr('class', 'legend-levels');
      g.append('text').attr('class', 'source');
      return g;
    })
    .attr('transform', `translate(0,${legend.y})`);
  const block = (cls: string, itemClass: string, b: LegendBlock, withEmpty: boolean) => {
    const g = root.select<SVGGElement>(`g.${cls}`).attr('transform', `translate(${b.x},0)`) as unknown as Group;
    g.selectAll('text.legend-title')
      .data([b.title])
      .join('text')
      .attr('class', 'legend-title')
      .attr('x', 0)
      .attr('y', 12)
      .attr('font-size', 11)
      .attr('font-weight', 600)
      .attr('fill', INK)
      .text((d) => d);
    if (withEmpty)
      g.selectAll('text.empty')
        .data(b.empty ? ['no loss'] : [])
        .join('text')
        .attr('class', 'empty')
        .attr('x', 0)
        .attr('y', 32)
        .attr('font-size', 10.5)
        .attr('fill', SLATE)
        .text((d) => d);
    drawLegend(g, b.items, itemClass);
  };
  block('legend-sites', 'size', legend.sites, true);
  block('legend-lanes', 'sample', legend.lanes, true);
  block('legend-levels', 'level', legend.levels, false);
  root
    .select('text.source')
    .attr('x', legend.source.x)
    .attr('y', LEGEND_H - 6)
    .attr('text-anchor', 'end')
    .attr('font-size', 9.5)
    .attr('fill', SLATE)
    .text(legend.source.text);
}
