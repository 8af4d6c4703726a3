// A GIS-style drawing of chainward's GeoJSON (docs/geojson.md) with d3-geo, for the browser: Natural
// Earth I over the world-atlas land, lanes as the file's great-circle lines coloured by level, sites
// as circles with area proportional to their EAL, the largest sites named, a legend. It reads only
// the GeoJSON (as a GIS tool would), draws one <path class="feature"> per feature with a geometry,
// and writes every name as text. Bundled by geojson-render.ts; docs/geojson-default.png is its output.
import { geoGraticule10, geoNaturalEarth1, geoPath, scaleSqrt, select, type GeoPermissibleObjects } from 'd3';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection as TopoCollection, Topology } from 'topojson-specification';
import land110 from 'world-atlas/land-110m.json' with { type: 'json' };
import countries110 from 'world-atlas/countries-110m.json' with { type: 'json' };
import type { LaneFeature, ResultsFeatureCollection, SiteFeature } from '../../engine/interchange/geojson.js';
import type { Level } from '../../engine/model/schema.js';
import { LEVELS } from '../../engine/model/schema.js';
import { count, money } from '../../engine/text/format.js';
import { INK, LEVEL_COLOURS, MAP, SLATE } from '../../explorer/views/parts/palette.js';

export interface MapOptions {
  width: number;
  height: number;
  /** A line under the title (what was run). */
  subtitle?: string;
  /** Sites named on the map, largest EAL first; default 8. */
  labels?: number;
}

/** What was drawn: the features with a path, and those without coordinates (not drawable). */
export interface DrawSummary {
  drawn: string[];
  unlocated: string[];
}

const SVG = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';

/** The longitude at the middle of the box (the box may cross the antimeridian: west > east). */
function centreLongitude(bbox: readonly number[] | undefined): number {
  if (!bbox) return 0;
  const [west, , east] = bbox as [number, number, number, number];
  const span = east >= west ? east - west : east + 360 - west;
  const mid = west + span / 2;
  return mid > 180 ? mid - 360 : mid;
}

/** Draws `fc` into `container` (its content is replaced) and says what it drew. */
export function drawGeoJsonMap(container: Element, fc: ResultsFeatureCollection, options: MapOptions): DrawSummary {
  const { width, height } = options;
  const currency = fc.chainward.currency;
  const fmt = (x: number) => money(x, currency);
  const located = fc.features.filter((f) => f.geometry !== null);
  const sites = located.filter((f): f is SiteFeature => f.properties.target === 'site');
  const lanes = located.filter((f): f is LaneFeature => f.properties.target === 'lane');

  const header = 74;
  const legendW = 250;
  const pad = 28;
  /** Room around the network for the largest circles and the labels. */
  const margin = 70;
  const projection = geoNaturalEarth1()
    .rotate([-centreLongitude(fc.bbox), 0])
    .precision(0.2);
  const target: GeoPermissibleObjects = { type: 'FeatureCollection', features: located } as unknown as GeoPermissibleObjects;
  projection.fitExtent(
    [
      [margin, header + margin],
      [width - legendW - margin, height - margin],
    ],
    target,
  );
  projection.clipExtent([
    [0, header],
    [width, height],
  ]);
  const path = geoPath(projection);

  const maxEal = Math.max(1, ...sites.map((s) => s.properties.eal));
  const radius = scaleSqrt().domain([0, maxEal]).range([2.5, 26]);
  const maxLaneEal = Math.max(1, ...lanes.map((l) => l.properties.eal));
  const laneWidth = scaleSqrt().domain([0, maxLaneEal]).range([1.2, 6]);
  const levelColour = (l: Level | null) => (l === null ? MAP.noLevel : LEVEL_COLOURS[l]);

  container.replaceChildren();
  const svg = select(container)
    .append('svg')
    .attr('xmlns', SVG)
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .style('font-family', FONT)
    .style('display', 'block');
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', '#ffffff');

  const map = svg.append('g').attr('class', 'basemap');
  map.append('path').attr('d', path({ type: 'Sphere' }) ?? '').attr('fill', MAP.ocean);
  map.append('path').attr('d', path(geoGraticule10()) ?? '').attr('fill', 'none').attr('stroke', '#dde5ec').attr('stroke-width', 0.6);
  const landTopo = land110 as unknown as Topology<{ land: TopoCollection }>;
  const countryTopo = countries110 as unknown as Topology<{ countries: TopoCollection }>;
  map.append('path').attr('d', path(feature(landTopo, landTopo.objects.land)) ?? '').attr('fill', MAP.land);
  map
    .append('path')
    .attr('d', path(mesh(countryTopo, countryTopo.objects.countries, (a, b) => a !== b)) ?? '')
    .attr('fill', 'none')
    .attr('stroke', MAP.border)
    .attr('stroke-width', 0.8);

  // lanes, smallest EAL first so the costly ones lie on top; a dark casing keeps pale levels visible
  const laneOrder = [...lanes].sort((a, b) => a.properties.eal - b.properties.eal || (a.id < b.id ? -1 : 1));
  const casing = svg.append('g').attr('class', 'lane-casings').attr('fill', 'none').attr('stroke', '#4a4f57').attr('stroke-linecap', 'round').attr('stroke-linejoin', 'round');
  const laneLayer = svg.append('g').attr('class', 'lanes').attr('fill', 'none').attr('stroke-linecap', 'round').attr('stroke-linejoin', 'round');
  for (const l of laneOrder) {
    const d = path(l as unknown as GeoPermissibleObjects) ?? '';
    const w = laneWidth(l.properties.eal);
    casing.append('path').attr('d', d).attr('stroke-width', w + 1.6).attr('stroke-opacity', 0.55);
    laneLayer
      .append('path')
      .attr('class', 'feature lane')
      .attr('data-id', l.id)
      .attr('d', d)
      .attr('stroke', levelColour(l.properties.level))
      .attr('stroke-width', w)
      .append('title')
      .text(`${l.properties.name} (${l.properties.mode}): ${fmt(l.properties.eal)} a year, ${l.properties.level ?? 'no risks'}`);
  }

  // sites, largest first so small circles stay on top and clickable
  const siteOrder = [...sites].sort((a, b) => b.properties.eal - a.properties.eal || (a.id < b.id ? -1 : 1));
  const siteLayer = svg.append('g').attr('class', 'sites').attr('stroke', MAP.markStroke).attr('stroke-width', 1);
  for (const s of siteOrder) {
    path.pointRadius(radius(s.properties.eal));
    siteLayer
      .append('path')
      .attr('class', 'feature site')
      .attr('data-id', s.id)
      .attr('d', path(s as unknown as GeoPermissibleObjects) ?? '')
      .attr('fill', levelColour(s.properties.level))
      .attr('fill-opacity', 0.9)
      .append('title')
      .text(`${s.properties.name} (${s.properties.kind}): ${fmt(s.properties.eal)} a year, ${s.properties.level ?? 'no risks'}`);
  }

  // names of the largest sites, each placed on the first free side of its circle (none overlap)
  const labels = svg.append('g').attr('class', 'labels').attr('font-size', 13).attr('fill', INK);
  const taken: Array<[number, number, number, number]> = [];
  const free = (b: [number, number, number, number]) => taken.every((t) => b[2] < t[0] || b[0] > t[2] || b[3] < t[1] || b[1] > t[3]);
  for (const s of siteOrder.slice(0, options.labels ?? 8)) {
    const g = s.geometry;
    if (g === null) continue;
    const p = projection(g.coordinates);
    if (!p) continue;
    const r = radius(s.properties.eal);
    const text = `${s.properties.name} · ${fmt(s.properties.eal)}`;
    const probe = labels.append('text').text(text).attr('font-weight', 600);
    const w = (probe.node() as SVGTextElement).getComputedTextLength();
    const h = 14;
    const spots: Array<[number, number, 'start' | 'end']> = [
      [p[0] + r + 4, p[1] + 4, 'start'],
      [p[0] - r - 4, p[1] + 4, 'end'],
      [p[0] + r * 0.7 + 2, p[1] - r * 0.7 - 4, 'start'],
      [p[0] - r * 0.7 - 2, p[1] + r * 0.7 + 14, 'end'],
    ];
    const spot = spots.find(([x, y, anchor]) => {
      const x0 = anchor === 'start' ? x : x - w;
      const box: [number, number, number, number] = [x0 - 2, y - h, x0 + w + 2, y + 4];
      return box[0] > 0 && box[2] < width - legendW && box[1] > header && box[3] < height && free(box);
    });
    if (!spot) {
      probe.remove();
      continue;
    }
    const [x, y, anchor] = spot;
    const x0 = anchor === 'start' ? x : x - w;
    taken.push([x0 - 2, y - h, x0 + w + 2, y + 4]);
    probe.attr('x', x).attr('y', y).attr('text-anchor', anchor).attr('stroke', '#ffffff').attr('stroke-width', 3.5).attr('paint-order', 'stroke').attr('stroke-linejoin', 'round');
  }

  // title and legend
  svg.append('text').attr('class', 'title').attr('x', pad).attr('y', 34).attr('font-size', 22).attr('font-weight', 700).attr('fill', INK).text(fc.name);
  svg
    .append('text')
    .attr('x', pad)
    .attr('y', 58)
    .attr('font-size', 14)
    .attr('fill', SLATE)
    .text(options.subtitle ?? `${count(fc.chainward.trials)} trials, seed ${fc.chainward.seed}`);
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${width - legendW + 6},${header + 12})`).attr('fill', INK);
  const box = legend.append('rect').attr('x', -14).attr('y', -22).attr('width', legendW - 20).attr('rx', 6).attr('fill', '#ffffff').attr('fill-opacity', 0.92).attr('stroke', '#d5d9de');
  legend.append('text').attr('font-size', 14).attr('font-weight', 700).text('Worst risk level');
  LEVELS.forEach((level, i) => {
    const y = 24 + i * 22;
    legend.append('line').attr('x1', 0).attr('x2', 34).attr('y1', y).attr('y2', y).attr('stroke', '#4a4f57').attr('stroke-width', 6.6).attr('stroke-opacity', 0.55).attr('stroke-linecap', 'round');
    legend.append('line').attr('x1', 0).attr('x2', 34).attr('y1', y).attr('y2', y).attr('stroke', LEVEL_COLOURS[level]).attr('stroke-width', 5).attr('stroke-linecap', 'round');
    legend.append('text').attr('x', 46).attr('y', y + 5).attr('font-size', 13).text(level);
  });
  const sizeTop = 24 + LEVELS.length * 22 + 22;
  legend.append('text').attr('y', sizeTop).attr('font-size', 14).attr('font-weight', 700).text('Site EAL (circle area)');
  let y = sizeTop + 14;
  for (const v of [maxEal, maxEal / 4, maxEal / 16]) {
    const r = radius(v);
    legend.append('circle').attr('cx', 28).attr('cy', y + r).attr('r', r).attr('fill', MAP.legendCircle).attr('stroke', MAP.markStroke);
    legend.append('text').attr('x', 66).attr('y', y + r + 5).attr('font-size', 13).text(fmt(v));
    y += 2 * r + 8;
  }
  legend.append('text').attr('y', y + 16).attr('font-size', 12).attr('fill', SLATE).text('Lane width: lane EAL');
  legend.append('text').attr('y', y + 34).attr('font-size', 12).attr('fill', SLATE).text('Lanes: great-circle arcs');
  const unlocated = fc.features.filter((f) => f.geometry === null);
  y += 34;
  if (unlocated.length > 0) {
    y += 18;
    legend.append('text').attr('y', y).attr('font-size', 12).attr('fill', SLATE).text(`${unlocated.length} without coordinates, not drawn`);
  }
  box.attr('height', y + 36);
  svg
    .append('text')
    .attr('x', width - 10)
    .attr('y', height - 10)
    .attr('text-anchor', 'end')
    .attr('font-size', 11)
    .attr('fill', SLATE)
    .text('Natural Earth I projection · land: Natural Earth (public domain) via world-atlas · drawn with d3-geo');

  return { drawn: [...laneOrder, ...siteOrder].map((f) => f.id), unlocated: unlocated.map((f) => f.id) };
}

declare global {
  // the page calls the bundle through this (geojson-render.ts)
  var chainwardGeoJsonMap: typeof drawGeoJsonMap | undefined;
}
globalThis.chainwardGeoJsonMap = drawGeoJsonMap;
