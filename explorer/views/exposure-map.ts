// Exposure map: sites (circle area ∝ expected annual loss, fill = worst risk level) and lanes (great
// circles, colour and width ∝ expected annual loss) on a Natural Earth map fitted to the sites, with
// zoom and pan; a force-directed schematic when coordinates are missing. It computes no losses.
import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  geoNaturalEarth1,
  geoPath,
  interpolateBuPu,
  scaleLinear,
  scaleSqrt,
  select,
  zoom,
  zoomIdentity,
  type BaseType,
  type Selection,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3';
import type { Feature, FeatureCollection, GeometryCollection, LineString, MultiLineString, MultiPoint } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection as TopoCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json' with { type: 'json' };
import type { Level } from '../../engine/model/schema.js';
import type { ExposureMapData, MapLane, MapSite, RiskBrief } from '../model/view-data.js';
import { BORDERLINE_MARK, BORDERLINE_NOTE, chartFrame, clip, currencySymbol, LEVEL_COLOURS, LEVEL_LABELS, levelLabel, moneyExact, moneyShort, pct, pointerIn, TITLE_HEIGHT, tooltip, viewSize, textWidth, fitText as fit } from './common.js';

const FALLBACK = { width: 900, height: 560 };
/** Above this many sites + lanes, lanes (and minor sites) go to a canvas behind the svg. */
const LARGE = 1500;
const SVG_SITES = 300;
const SVG_LANES = 100;
const LABELS = 6;
const LEGEND_H = 64;

const OCEAN = '#eef3f7';
const LAND = '#e3e1db';
const BORDER = '#ffffff';
const NO_LEVEL = '#c3c7cc';
const INK = '#1b1f24';
const MARK_STROKE = '#3b3f45';
const MUTED = '#5b6470';
const FOCUS = '#1f6feb';
const ZERO_LANE = '#a9b0b8';

type Kind = 'site' | 'lane';
type Point = [number, number];
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Positions and paths at zoom 1, in the map viewport's coordinates; depends on the size and the network's shape, not on losses. */
interface Layout {
  key: string;
  geo: boolean;
  pos: Map<string, Point>;
  lanePath: Map<string, string>;
  /** Lane polylines (flat x,y lists), parsed from lanePath on first use, for keeping labels off lanes. */
  lanePoints?: Map<string, number[][]>;
  land?: string;
  borders?: string;
  /** Canvas paths, made on first use (browsers only). */
  path2d?: { lanes: Map<string, Path2D>; land?: Path2D; borders?: Path2D };
}

interface MapState {
  layout?: Layout;
  transform: ZoomTransform;
  zoom?: ZoomBehavior<SVGSVGElement, null>;
  onZoom: (t: ZoomTransform) => void;
}
const states = new WeakMap<HTMLElement, MapState>();

let worldShapes: { land: FeatureCollection | Feature; borders: MultiLineString } | undefined;
/** Natural Earth 1:110m countries (bundled TopoJSON): land as one shape, inner borders as one mesh. */
function shapes() {
  if (!worldShapes) {
    const topo = world as unknown as Topology<{ countries: TopoCollection }>;
    const countries = topo.objects.countries;
    worldShapes = { land: feature(topo, countries), borders: mesh(topo, countries, (a, b) => a !== b) };
  }
  return worldShapes;
}

const hasCoords = (s: MapSite) => typeof s.lat === 'number' && typeof s.lon === 'number' && Number.isFinite(s.lat) && Number.isFinite(s.lon);
const byEal = <T extends { eal: number; id: string }>(a: T, b: T) => b.eal - a.eal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const levelFill = (l: Level | null) => (l ? LEVEL_COLOURS[l] : NO_LEVEL);
const levelText = (l: Level | null, borderline = false) => (l ? levelLabel(l, borderline) : 'No risks');
/** Threat names without their parenthetical detail, for short lines. */
const short = (s: string) => s.replace(/\s*\([^)]*\)\s*$/, '');
/**
 * A name short enough for a label: without a trailing "(…)", and for "What, where" names the "what"
 * (on a map the position says where); the full name is in the tooltip.
 */
export function shortName(name: string, max: number): string {
  let n = name.replace(/\s*\([^)]*\)\s*$/, '').trim() || name;
  if (n.length > max) {
    const comma = n.indexOf(', ');
    if (comma >= 8) n = n.slice(0, comma);
  }
  return clip(n, max);
}

/** The longitude at the middle of the smallest arc holding every site (so a network across the antimeridian is centred). */
export function centreLongitude(lons: number[]): number {
  const s = lons.map((l) => ((((l + 180) % 360) + 360) % 360) - 180).sort((a, b) => a - b);
  if (s.length === 0) return 0;
  let best = s[0]! + 360 - s[s.length - 1]!;
  let lo = s[0]!;
  let hi = s[s.length - 1]!;
  for (let i = 1; i < s.length; i++) {
    const gap = s[i]! - s[i - 1]!;
    if (gap > best) {
      best = gap;
      lo = s[i]!;
      hi = s[i - 1]! + 360;
    }
  }
  const mid = (lo + hi) / 2;
  return ((((mid + 180) % 360) + 360) % 360) - 180;
}

function layoutKey(sites: MapSite[], lanes: MapLane[], w: number, h: number, geo: boolean): string {
  const parts = [`${w}x${h}`, geo ? 'geo' : 'force'];
  for (const s of sites) parts.push(geo ? `${s.id}:${s.lat}:${s.lon}` : s.id);
  if (!geo) for (const l of lanes) parts.push(`${l.from}>${l.to}`);
  for (const l of lanes) parts.push(`${l.id}=${l.from}>${l.to}`);
  return parts.join('|');
}

/** Natural Earth I, rotated to the sites' middle longitude and fitted to the sites and lanes with a margin. */
function geoLayout(key: string, sites: MapSite[], lanes: MapLane[], w: number, h: number, pad: number): Layout {
  const coords = sites.map((s) => [s.lon!, s.lat!] as Point);
  const at = new Map(sites.map((s, i) => [s.id, coords[i]!]));
  const laneLines: Array<[MapLane, LineString]> = [];
  for (const l of lanes) {
    const a = at.get(l.from);
    const b = at.get(l.to);
    if (a && b) laneLines.push([l, { type: 'LineString', coordinates: [a, b] }]);
  }
  const fit: GeometryCollection = { type: 'GeometryCollection', geometries: [{ type: 'MultiPoint', coordinates: coords } as MultiPoint, ...laneLines.map(([, g]) => g)] };
  const projection = geoNaturalEarth1()
    .rotate([-centreLongitude(coords.map((c) => c[0])), 0])
    .precision(0.3);
  projection.fitExtent(
    [
      [pad, pad],
      [w - pad, h - pad],
    ],
    fit,
  );
  // Never closer than ~7° across the smaller side: a one-city network still shows its region.
  const maxScale = Math.min(w, h) / ((7 * Math.PI) / 180);
  if (!Number.isFinite(projection.scale()) || projection.scale() > maxScale) {
    projection.scale(maxScale).translate([0, 0]);
    const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(fit);
    projection.translate([w / 2 - (x0 + x1) / 2, h / 2 - (y0 + y1) / 2]);
  }
  projection.clipExtent([
    [-2, -2],
    [w + 2, h + 2],
  ]);
  const path = geoPath(projection).digits(1);
  const pos = new Map<string, Point>();
  sites.forEach((s, i) => {
    const p = projection(coords[i]!);
    pos.set(s.id, p ? [p[0], p[1]] : [w / 2, h / 2]);
  });
  const lanePath = new Map<string, string>();
  for (const [l, g] of laneLines) lanePath.set(l.id, path(g) ?? '');
  const world = shapes();
  return { key, geo: true, pos, lanePath, land: path(world.land) ?? '', borders: path(world.borders) ?? '' };
}

interface ForceNode extends SimulationNodeDatum {
  id: string;
}

/** A force-directed schematic (d3-force's seeded start, a fixed number of ticks: deterministic), scaled into the viewport. */
function forceLayout(key: string, sites: MapSite[], lanes: MapLane[], w: number, h: number, pad: number, rMax: number): Layout {
  const nodes: ForceNode[] = sites.map((s) => ({ id: s.id }));
  const ids = new Set(sites.map((s) => s.id));
  const links: Array<SimulationLinkDatum<ForceNode>> = lanes.filter((l) => ids.has(l.from) && ids.has(l.to) && l.from !== l.to).map((l) => ({ source: l.from, target: l.to }));
  const r = rMax * 0.6 + 6;
  const sim = forceSimulation(nodes)
    .force(
      'link',
      forceLink<ForceNode, SimulationLinkDatum<ForceNode>>(links)
        .id((d) => d.id)
        .distance(r * 3),
    )
    .force('charge', forceManyBody<ForceNode>().strength(-r * 8))
    .force('x', forceX<ForceNode>(0).strength(0.06))
    .force('y', forceY<ForceNode>(0).strength(0.06 * (w / Math.max(1, h))))
    .force('center', forceCenter(0, 0))
    .force('collide', forceCollide<ForceNode>(r))
    .stop();
  sim.tick(nodes.length > 800 ? 80 : 300);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.x!);
    x1 = Math.max(x1, n.x!);
    y0 = Math.min(y0, n.y!);
    y1 = Math.max(y1, n.y!);
  }
  const k = Math.min((w - 2 * pad) / Math.max(1e-9, x1 - x0), (h - 2 * pad) / Math.max(1e-9, y1 - y0), 3);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const pos = new Map<string, Point>();
  for (const n of nodes) pos.set(n.id, [w / 2 + (n.x! - cx) * k, h / 2 + (n.y! - cy) * k]);
  const lanePath = new Map<string, string>();
  const f = (x: number) => Math.round(x * 10) / 10;
  for (const l of lanes) {
    const a = pos.get(l.from);
    const b = pos.get(l.to);
    if (a && b) lanePath.set(l.id, `M${f(a[0])},${f(a[1])}L${f(b[0])},${f(b[1])}`);
  }
  return { key, geo: false, pos, lanePath };
}

/** A path's polylines (the M/L commands geoPath and the schematic write), thinned to points ≥ 4 px apart. */
function polylines(d: string): number[][] {
  const out: number[][] = [];
  for (const part of d.split('M')) {
    const nums = part.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g);
    if (!nums || nums.length < 4) continue;
    const line: number[] = [];
    let lx = NaN;
    let ly = NaN;
    for (let i = 0; i + 1 < nums.length; i += 2) {
      const x = Number(nums[i]);
      const y = Number(nums[i + 1]);
      if (line.length === 0 || i + 3 >= nums.length || Math.hypot(x - lx, y - ly) >= 4) {
        line.push(x, y);
        lx = x;
        ly = y;
      }
    }
    out.push(line);
  }
  return out;
}

/** Whether the segment (x0,y0)–(x1,y1) meets the box (Liang–Barsky clipping). */
function segmentMeetsBox(x0: number, y0: number, x1: number, y1: number, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const p = [-dx, dx, -dy, dy];
  const q = [x0 - b.x, b.x + b.w - x0, y0 - b.y, b.y + b.h - y0];
  for (let i = 0; i < 4; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (pi === 0) {
      if (qi < 0) return false;
    } else {
      const r = qi / pi;
      if (pi < 0) {
        if (r > t1) return false;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return false;
        if (r < t1) t1 = r;
      }
    }
  }
  return true;
}

/** Round-ish legend values: the largest 1/2/5 × 10^k not above x. */
function niceDown(x: number): number {
  if (!(x > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
}
function legendValues(max: number): number[] {
  const vs = [niceDown(max), niceDown(max / 4), niceDown(max / 16)].filter((v) => v > 0);
  return [...new Set(vs)];
}

/** The finding: the one or two sites/lanes carrying the largest share of the expected annual loss. */
function mapTitle(data: ExposureMapData, width: number): string {
  const items = [...data.sites, ...data.lanes].filter((x) => x.eal > 0).sort(byEal);
  const total = items.reduce((s, x) => s + x.eal, 0);
  if (items.length === 0 || !(total > 0)) return data.sites.length === 0 ? 'No sites to map' : 'No expected loss on any site or lane';
  const money = (x: number) => moneyShort(x, data.currency, data.locale);
  const a = items[0]!;
  const b = items[1];
  const fits = (s: string) => textWidth(s, 15, true) <= width - 16;
  const shareTop2 = (a.eal + (b?.eal ?? 0)) / total;
  if (shareTop2 < 0.25 && items.length > 4) {
    // Loss spread thin: how many of the sites and lanes carry half of it.
    let k = 0;
    for (let acc = 0; acc < total / 2 && k < items.length; k++) acc += items[k]!.eal;
    const n = data.sites.length + data.lanes.length;
    const head = `${k.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} sites and lanes carry half of the expected annual loss`;
    return [`${head} (${money(total)})`, head].find(fits) ?? fit(head, width - 16, 15, true);
  }
  const attempts: string[] = [];
  for (const max of [30, 22]) {
    const an = shortName(a.name, max);
    if (!b || a.eal / total >= 0.5) {
      const p = pct(a.eal / total, 0);
      attempts.push(
        `${an} carries ${p} of the expected annual loss (${money(a.eal)} of ${money(total)})`,
        `${an} carries ${p} of the expected annual loss`,
        `${an} carries ${p} of the expected loss`,
      );
    } else {
      const bn = shortName(b.name, max);
      const p = pct((a.eal + b.eal) / total, 0);
      attempts.push(
        `${an} and ${bn} carry ${p} of the expected annual loss (${money(a.eal + b.eal)} of ${money(total)})`,
        `${an} and ${bn} carry ${p} of the expected annual loss`,
        `${an} and ${bn} carry ${p} of the expected loss`,
      );
    }
  }
  return attempts.find(fits) ?? fit(attempts[attempts.length - 1]!, width - 16, 15, true);
}

function siteLines(s: MapSite, data: ExposureMapData): string[] {
  const exact = (x: number) => moneyExact(x, data.currency, data.locale);
  return [
    s.name,
    `Site · ${s.kind}`,
    `Expected annual loss: ${exact(s.eal)}`,
    `Highest risk level: ${levelText(s.level, s.levelBorderline)}`,
    ...riskLines(s.topRisks, exact, s.levelBorderline),
  ];
}

function laneLines(l: MapLane, data: ExposureMapData, names: Map<string, string>): string[] {
  const exact = (x: number) => moneyExact(x, data.currency, data.locale);
  return [
    l.name,
    `Lane · ${l.mode}${l.carrier ? ` · carrier ${l.carrier}` : ''} · ${l.transitDays} day${l.transitDays === 1 ? '' : 's'} in transit`,
    `${names.get(l.from) ?? l.from} → ${names.get(l.to) ?? l.to}`,
    `Expected annual loss: ${exact(l.eal)}`,
    `Highest risk level: ${levelText(l.level, l.levelBorderline)}`,
    ...riskLines(l.topRisks, exact, l.levelBorderline),
  ];
}

/** The top risks with their levels ("~" when borderline) and, when a level shown is borderline, the note that explains the mark. */
function riskLines(risks: RiskBrief[], exact: (x: number) => string, levelBorderline = false): string[] {
  const shown = risks.slice(0, 5);
  const lines = shown.length ? ['Top risks:', ...shown.map((r) => `• ${short(r.threatName)} — ${levelLabel(r.level, r.borderline)} — ${exact(r.eal)}`)] : [];
  return levelBorderline || shown.some((r) => r.borderline) ? [...lines, BORDERLINE_NOTE] : lines;
}

/**
 * Draws (or updates) the exposure map in `element`: a world map fitted to the sites, lanes as great
 * circles coloured and sized by expected annual loss, sites as circles with area ∝ expected annual loss
 * filled by their highest level; legends in the scenario's currency. Idempotent: call again with new data.
 */
export function exposureMap(element: HTMLElement, data: ExposureMapData): void {
  const size = viewSize(element, data.size, FALLBACK);
  const w = size.width;
  const h = size.height;
  const cur = data.currency;
  const loc = data.locale;
  const sites = data.sites;
  const lanes = data.lanes;
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const laneById = new Map(lanes.map((l) => [l.id, l]));
  const names = new Map(sites.map((s) => [s.id, s.name]));
  const geo = sites.length > 0 && sites.every(hasCoords);
  const large = sites.length + lanes.length > LARGE;

  const mapTop = TITLE_HEIGHT + 6;
  const mapH = Math.max(60, h - mapTop - LEGEND_H);
  // Smaller circles in dense networks so marks stay separable (area stays proportional to loss).
  const density = Math.min(1, Math.max(0.35, Math.sqrt(40 / Math.max(1, sites.length))));
  const rMax = Math.max(6, Math.min(22, Math.min(w, mapH) / 22) * density);
  const rMin = 3.5;
  const maxSiteEal = Math.max(0, ...sites.map((s) => s.eal));
  const maxLaneEal = Math.max(0, ...lanes.map((l) => l.eal));
  const area = scaleSqrt()
    .domain([0, maxSiteEal > 0 ? maxSiteEal : 1])
    .range([0, rMax]);
  const radius = (s: MapSite) => Math.max(rMin, area(Math.max(0, s.eal)));
  const laneT = scaleLinear()
    .domain([0, maxLaneEal > 0 ? maxLaneEal : 1])
    .range([0, 1])
    .clamp(true);
  const laneColour = (eal: number) => (eal > 0 ? interpolateBuPu(0.35 + 0.65 * laneT(eal)) : ZERO_LANE);
  const laneWidth = (eal: number) => (eal > 0 ? 1.5 + 5.5 * Math.sqrt(laneT(eal)) : 1);

  const hl = data.highlight !== undefined && (siteById.has(data.highlight) || laneById.has(data.highlight)) ? data.highlight : undefined;
  const lit = new Set<string>();
  if (hl !== undefined) {
    lit.add(hl);
    const l = laneById.get(hl);
    if (l) lit.add(l.from).add(l.to);
    if (data.selected !== undefined) lit.add(data.selected);
  }
  const opacity = (id: string) => (hl === undefined || lit.has(id) ? 1 : 0.3);

  const svg = chartFrame(element, {
    title: mapTitle(data, w),
    label:
      `Exposure map of ${sites.length} site${sites.length === 1 ? '' : 's'} and ${lanes.length} lane${lanes.length === 1 ? '' : 's'}` +
      `${geo ? '' : ' (schematic layout, no coordinates)'}: circle area shows each site's expected annual loss and its fill the site's highest risk level; ` +
      `lane colour and width show each lane's expected annual loss (${currencySymbol(cur, loc)}).`,
    size,
  });
  const tip = tooltip(element);

  // State kept across calls: the layout (recomputed only when the network's shape or the size changes) and the zoom.
  let state = states.get(element);
  if (!state) {
    state = { transform: zoomIdentity, onZoom: () => {} };
    states.set(element, state);
  }
  const key = layoutKey(sites, lanes, w, mapH, geo);
  const pad = rMax + 14;
  if (!state.layout || state.layout.key !== key) {
    state.layout = geo ? geoLayout(key, sites, lanes, w, mapH, pad) : forceLayout(key, sites, lanes, w, mapH, pad, rMax);
    state.transform = zoomIdentity;
  }
  const layout = state.layout;
  const pos = (id: string): Point => layout.pos.get(id) ?? [w / 2, mapH / 2];

  // Which marks are svg nodes: everything in a normal network; in a large one the top sites and lanes plus the selected and highlighted.
  const keep = (id: string) => id === data.selected || id === hl;
  const drawnLanes = lanes.filter((l) => layout.lanePath.has(l.id));
  let svgSites = sites.slice().sort(byEal);
  let svgLanes = drawnLanes.slice().sort(byEal);
  let canvasSites: MapSite[] = [];
  let canvasLanes: MapLane[] = [];
  if (large) {
    svgSites = svgSites.filter((s, i) => i < SVG_SITES || keep(s.id));
    const inSvg = new Set(svgSites.map((s) => s.id));
    canvasSites = sites.filter((s) => !inSvg.has(s.id)).sort(byEal);
    svgLanes = svgLanes.filter((l, i) => i < SVG_LANES || keep(l.id));
    const lanesInSvg = new Set(svgLanes.map((l) => l.id));
    canvasLanes = drawnLanes.filter((l) => !lanesInSvg.has(l.id)).sort(byEal);
  }

  // ---- canvas (large networks only): land, minor lanes and minor sites, behind the svg
  const canvas = select(element)
    .selectAll<HTMLCanvasElement, null>('canvas.map-canvas')
    .data(large ? [null] : [])
    .join((enter) => enter.insert('canvas', 'svg.chart').attr('class', 'map-canvas').attr('aria-hidden', 'true'));
  const dpr = typeof window !== 'undefined' && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
  canvas
    .attr('width', Math.round(w * dpr))
    .attr('height', Math.round(mapH * dpr))
    .style('position', 'absolute')
    .style('left', '0px')
    .style('top', `${mapTop}px`)
    .style('width', `${w}px`)
    .style('height', `${mapH}px`)
    .style('pointer-events', 'none');
  if (large) svg.style('position', 'relative');
  else svg.style('position', null);
  const ctx = large ? (canvas.node()?.getContext('2d') ?? null) : null;

  // ---- the map viewport: a nested svg clips the zoomed content to the map area
  const viewport = svg
    .selectAll<SVGSVGElement, null>('svg.map-viewport')
    .data([null])
    .join((enter) => {
      const v = enter.append('svg').attr('class', 'map-viewport');
      v.append('rect').attr('class', 'ocean');
      const z = v.append('g').attr('class', 'zoomed');
      z.append('path').attr('class', 'land');
      z.append('path').attr('class', 'borders');
      z.append('g').attr('class', 'lanes');
      v.append('g').attr('class', 'sites');
      v.append('g').attr('class', 'labels').attr('pointer-events', 'none');
      v.append('text').attr('class', 'note');
      v.append('g').attr('class', 'zoom-buttons');
      return v;
    })
    .attr('x', 0)
    .attr('y', mapTop)
    .attr('width', w)
    .attr('height', mapH)
    .attr('viewBox', `0 0 ${w} ${mapH}`)
    .attr('overflow', 'hidden');
  viewport
    .select('rect.ocean')
    .attr('width', w)
    .attr('height', mapH)
    .attr('fill', large ? 'none' : layout.geo ? OCEAN : '#fbfbfa')
    .attr('pointer-events', 'all');
  const zoomed = viewport.select<SVGGElement>('g.zoomed');
  zoomed
    .select('path.land')
    .attr('d', layout.geo && !large ? (layout.land ?? null) : null)
    .attr('fill', LAND)
    .attr('stroke', 'none');
  zoomed
    .select('path.borders')
    .attr('d', layout.geo && !large ? (layout.borders ?? null) : null)
    .attr('fill', 'none')
    .attr('stroke', BORDER)
    .attr('stroke-width', 0.7)
    .attr('vector-effect', 'non-scaling-stroke');

  const activate = (id: string, kind: Kind) => data.onSelect?.(id, kind);
  const showTip = (event: MouseEvent | FocusEvent, lines: string[]) => {
    const [x, y] = pointerIn(element, event);
    tip.show(lines, x, y);
  };
  const onKey = (event: KeyboardEvent, id: string, kind: Kind) => {
    if (event.key === 'Enter' || event.key === ' ' || event.key === 'Spacebar') {
      event.preventDefault();
      activate(id, kind);
    }
  };

  // ---- lanes: a casing path (hit area, selection/highlight/focus outline) under the coloured line
  const laneCasing = (sel: Selection<SVGPathElement, MapLane, BaseType, unknown>, focused: boolean) =>
    sel
      .attr('stroke', (d) => (focused ? FOCUS : d.id === data.selected || d.id === hl ? INK : 'none'))
      .attr('stroke-width', (d) => laneWidth(d.eal) + (focused || d.id === data.selected ? 5 : d.id === hl ? 12 : 10))
      // the highlight: dark ticks standing out on both sides of the line (a dashed outline, distinct from the selection's solid one)
      .attr('stroke-dasharray', (d) => (!focused && d.id === hl && d.id !== data.selected ? '3 4' : null))
      .attr('stroke-linecap', (d) => (!focused && d.id === hl && d.id !== data.selected ? 'butt' : 'round'));
  const laneG = zoomed
    .select('g.lanes')
    .selectAll<SVGGElement, MapLane>('g.lane')
    .data(svgLanes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane').attr('tabindex', 0).attr('role', 'button').style('outline', 'none');
      g.append('path').attr('class', 'casing').attr('fill', 'none').attr('pointer-events', 'stroke').attr('vector-effect', 'non-scaling-stroke');
      g.append('path').attr('class', 'line').attr('fill', 'none').attr('pointer-events', 'none').attr('stroke-linecap', 'round').attr('vector-effect', 'non-scaling-stroke');
      return g;
    })
    .order()
    .attr('data-id', (d) => d.id)
    .attr('opacity', (d) => opacity(d.id))
    .attr('aria-label', (d) => `${d.name}: lane by ${d.mode}; expected annual loss ${moneyExact(d.eal, cur, loc)}; highest risk level ${levelText(d.level)}${d.levelBorderline ? ' (borderline: may change with the seed)' : ''}`)
    .on('click', (_e, d) => activate(d.id, 'lane'))
    .on('keydown', (e: KeyboardEvent, d) => onKey(e, d.id, 'lane'))
    .on('mouseover', (e: MouseEvent, d) => showTip(e, laneLines(d, data, names)))
    .on('mouseout', () => tip.hide())
    .on('focus', function (e: FocusEvent, d) {
      laneCasing(select<SVGGElement, MapLane>(this).select<SVGPathElement>('path.casing'), true);
      showTip(e, laneLines(d, data, names));
    })
    .on('blur', function () {
      laneCasing(select<SVGGElement, MapLane>(this).select<SVGPathElement>('path.casing'), false);
      tip.hide();
    });
  laneCasing(laneG.select<SVGPathElement>('path.casing').attr('d', (d) => layout.lanePath.get(d.id) ?? null), false);
  laneG
    .select('path.line')
    .attr('d', (d) => layout.lanePath.get(d.id) ?? null)
    .attr('stroke', (d) => laneColour(d.eal))
    .attr('stroke-width', (d) => laneWidth(d.eal));

  // ---- sites: circles at constant screen size (repositioned on zoom, not scaled)
  const siteStroke = (sel: Selection<SVGCircleElement, MapSite, BaseType, unknown>, focused: boolean) =>
    sel
      .attr('stroke', (d) => (focused ? FOCUS : d.id === data.selected ? INK : MARK_STROKE))
      .attr('stroke-width', (d) => (focused || d.id === data.selected ? 3 : 1));
  const siteG = viewport
    .select('g.sites')
    .selectAll<SVGGElement, MapSite>('g.site')
    .data(svgSites, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'site').attr('tabindex', 0).attr('role', 'button').style('outline', 'none');
      g.append('circle').attr('class', 'mark');
      return g;
    })
    .order()
    .attr('data-id', (d) => d.id)
    .attr('opacity', (d) => opacity(d.id))
    .attr('aria-label', (d) => `${d.name}: ${d.kind}; expected annual loss ${moneyExact(d.eal, cur, loc)}; highest risk level ${levelText(d.level)}${d.levelBorderline ? ' (borderline: may change with the seed)' : ''}`)
    .on('click', (_e, d) => activate(d.id, 'site'))
    .on('keydown', (e: KeyboardEvent, d) => onKey(e, d.id, 'site'))
    .on('mouseover', (e: MouseEvent, d) => showTip(e, siteLines(d, data)))
    .on('mouseout', () => tip.hide())
    .on('focus', function (e: FocusEvent, d) {
      siteStroke(select<SVGGElement, MapSite>(this).select<SVGCircleElement>('circle.mark'), true);
      showTip(e, siteLines(d, data));
    })
    .on('blur', function () {
      siteStroke(select<SVGGElement, MapSite>(this).select<SVGCircleElement>('circle.mark'), false);
      tip.hide();
    });
  siteStroke(
    siteG
      .select<SVGCircleElement>('circle.mark')
      .attr('r', radius)
      .attr('fill', (d) => levelFill(d.level))
      .attr('fill-opacity', 0.92),
    false,
  );
  siteG
    .selectAll('circle.ring')
    .data((d) => (d.id === hl ? [d] : []))
    .join((enter) => enter.insert('circle', 'circle.mark').attr('class', 'ring'))
    .attr('r', (d) => radius(d) + 5)
    .attr('fill', 'none')
    .attr('stroke', INK)
    .attr('stroke-width', 2.5)
    .attr('stroke-dasharray', '5 3');

  // ---- note (schematic / large network)
  const notes: string[] = [];
  if (!layout.geo && sites.length > 0) {
    const missing = sites.filter((s) => !hasCoords(s)).length;
    notes.push(missing === sites.length ? 'Schematic layout (no coordinates)' : `Schematic layout (no coordinates for ${missing} of ${sites.length} sites)`);
  }
  if (large) notes.push(`Large network: the ${svgSites.length} sites and ${svgLanes.length} lanes with the highest loss are interactive`);
  viewport
    .select('text.note')
    .attr('x', 10)
    .attr('y', 16)
    .attr('font-size', 11)
    .attr('font-style', 'italic')
    .attr('fill', MUTED)
    .text(notes.join(' · '));

  // ---- labels: the top sites by loss (selected and highlighted first), placed greedily without overlaps
  const labelLayer = viewport.select<SVGGElement>('g.labels');
  const buttonsBox: Box = { x: w - 36, y: 6, w: 30, h: 86 };
  const placeLabels = (t: ZoomTransform) => {
    const screen = (id: string): Point => {
      const p = pos(id);
      return [t.applyX(p[0]), t.applyY(p[1])];
    };
    const inView = (p: Point) => p[0] >= 0 && p[0] <= w && p[1] >= 0 && p[1] <= mapH;
    const priority = [data.selected, hl].filter((id): id is string => id !== undefined && siteById.has(id)).map((id) => siteById.get(id)!);
    const ranked = [...priority, ...svgSites.filter((s) => s.eal > 0)].filter((s, i, all) => all.indexOf(s) === i && inView(screen(s.id)));
    // Boxes a label should not cover: the zoom buttons, the note, and the circles of the larger sites in view.
    const obstacles: Array<{ id: string; box: Box }> = [{ id: '', box: buttonsBox }];
    for (const s of ranked.slice(0, 40)) {
      const [x, y] = screen(s.id);
      const r = radius(s);
      obstacles.push({ id: s.id, box: { x: x - r, y: y - r, w: 2 * r, h: 2 * r } });
    }
    if (notes.length) obstacles.push({ id: '', box: { x: 6, y: 4, w: textWidth(notes.join(' · '), 11) + 8, h: 16 } });
    // The larger lanes, in screen coordinates: a label should not sit on a lane when it can avoid it.
    if (!layout.lanePoints) layout.lanePoints = new Map([...layout.lanePath].map(([id, d]) => [id, polylines(d)]));
    const laneLinesOnScreen: number[][] = [];
    for (const l of svgLanes.slice(0, 60)) {
      for (const line of layout.lanePoints.get(l.id) ?? []) {
        const sl = new Array<number>(line.length);
        for (let i = 0; i < line.length; i += 2) {
          sl[i] = t.applyX(line[i]!);
          sl[i + 1] = t.applyY(line[i + 1]!);
        }
        laneLinesOnScreen.push(sl);
      }
    }
    const onLane = (b: Box) =>
      laneLinesOnScreen.some((sl) => {
        for (let i = 2; i < sl.length; i += 2) if (segmentMeetsBox(sl[i - 2]!, sl[i - 1]!, sl[i]!, sl[i + 1]!, b)) return true;
        return false;
      });
    const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const inside = (b: Box) => b.x >= 2 && b.y >= 2 && b.x + b.w <= w - 2 && b.y + b.h <= mapH - 2;
    const dirs: Point[] = [
      [1, 0],
      [-1, 0],
      [0, -1],
      [0, 1],
      [0.71, -0.71],
      [-0.71, -0.71],
      [0.71, 0.71],
      [-0.71, 0.71],
    ];
    interface Placed {
      site: MapSite;
      name: string;
      value: string;
      box: Box;
      leader: [Point, Point] | null;
    }
    const placed: Placed[] = [];
    let ordinary = 0;
    for (const s of ranked) {
      const first = priority.includes(s);
      if (!first && ordinary >= LABELS) break;
      const [x, y] = screen(s.id);
      const r = radius(s) + (s.id === hl ? 5 : 0);
      const name = shortName(s.name, 32);
      const value = `${moneyShort(s.eal, cur, loc)} · ${levelText(s.level, s.levelBorderline)}`;
      const bw = Math.max(textWidth(name, 11.5, true), textWidth(value, 10.5)) + 6;
      const bh = 27;
      const candidates: Array<{ box: Box; leader: [Point, Point] | null }> = [];
      for (const gap of [3, 22]) {
        for (const [ux, uy] of dirs) {
          const ax = x + ux * (r + gap);
          const ay = y + uy * (r + gap);
          const bx = ux > 0.3 ? ax : ux < -0.3 ? ax - bw : ax - bw / 2;
          const by = uy > 0.3 ? ay : uy < -0.3 ? ay - bh : ay - bh / 2;
          candidates.push({ box: { x: bx, y: by, w: bw, h: bh }, leader: gap > 3 ? [[x + ux * r, y + uy * r], [ax, ay]] : null });
        }
      }
      // First choice: clear of other labels, circles and lanes; then of labels and circles; then of labels only; else no label.
      const free = (c: { box: Box }, strictness: number) =>
        inside(c.box) &&
        !placed.some((p) => overlaps(p.box, c.box)) &&
        (strictness < 1 || !obstacles.some((o) => o.id !== s.id && overlaps(o.box, c.box))) &&
        (strictness < 2 || !onLane(c.box));
      const choice = candidates.find((c) => free(c, 2)) ?? candidates.find((c) => free(c, 1)) ?? candidates.find((c) => free(c, 0));
      if (choice) {
        placed.push({ site: s, name, value, box: choice.box, leader: choice.leader });
        if (!first) ordinary++;
      }
    }
    const label = labelLayer
      .selectAll<SVGGElement, Placed>('g.label')
      .data(placed, (d) => d.site.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'label');
        g.append('line').attr('class', 'leader');
        g.append('text').attr('class', 'name');
        g.append('text').attr('class', 'value');
        return g;
      })
      .attr('opacity', (d) => opacity(d.site.id));
    label
      .select('line.leader')
      .attr('x1', (d) => d.leader?.[0][0] ?? null)
      .attr('y1', (d) => d.leader?.[0][1] ?? null)
      .attr('x2', (d) => d.leader?.[1][0] ?? null)
      .attr('y2', (d) => d.leader?.[1][1] ?? null)
      .attr('stroke', (d) => (d.leader ? MUTED : 'none'))
      .attr('stroke-width', 1);
    const halo = (sel: Selection<SVGTextElement, Placed, SVGGElement, unknown>) =>
      sel.attr('stroke', '#ffffff').attr('stroke-width', 3).attr('stroke-linejoin', 'round').attr('paint-order', 'stroke');
    halo(label.select<SVGTextElement>('text.name'))
      .attr('x', (d) => d.box.x + 3)
      .attr('y', (d) => d.box.y + 11)
      .attr('font-size', 11.5)
      .attr('font-weight', 600)
      .attr('fill', INK)
      .text((d) => d.name);
    halo(label.select<SVGTextElement>('text.value'))
      .attr('x', (d) => d.box.x + 3)
      .attr('y', (d) => d.box.y + 24)
      .attr('font-size', 10.5)
      .attr('fill', MUTED)
      .text((d) => d.value);
  };

  // ---- canvas drawing (browsers only: jsdom has no 2d context)
  const drawCanvas = (t: ZoomTransform) => {
    if (!ctx || typeof Path2D === 'undefined') return;
    if (!layout.path2d) {
      const lanesP = new Map<string, Path2D>();
      for (const [id, d] of layout.lanePath) lanesP.set(id, new Path2D(d));
      layout.path2d = { lanes: lanesP, ...(layout.land ? { land: new Path2D(layout.land) } : {}), ...(layout.borders ? { borders: new Path2D(layout.borders) } : {}) };
    }
    const p2 = layout.path2d;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, mapH);
    ctx.globalAlpha = 1;
    ctx.fillStyle = layout.geo ? OCEAN : '#fbfbfa';
    ctx.fillRect(0, 0, w, mapH);
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    if (p2.land) {
      ctx.fillStyle = LAND;
      ctx.fill(p2.land);
    }
    if (p2.borders) {
      ctx.strokeStyle = BORDER;
      ctx.lineWidth = 0.7 / t.k;
      ctx.stroke(p2.borders);
    }
    ctx.lineCap = 'round';
    for (const l of canvasLanes) {
      const p = p2.lanes.get(l.id);
      if (!p) continue;
      ctx.globalAlpha = opacity(l.id) * 0.85;
      ctx.strokeStyle = laneColour(l.eal);
      ctx.lineWidth = laneWidth(l.eal) / t.k;
      ctx.stroke(p);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.strokeStyle = MARK_STROKE;
    ctx.lineWidth = 0.75;
    for (const s of canvasSites) {
      const [x0, y0] = pos(s.id);
      const x = t.applyX(x0);
      const y = t.applyY(y0);
      if (x < -10 || y < -10 || x > w + 10 || y > mapH + 10) continue;
      ctx.globalAlpha = opacity(s.id);
      ctx.beginPath();
      ctx.arc(x, y, radius(s), 0, 2 * Math.PI);
      ctx.fillStyle = levelFill(s.level);
      ctx.fill();
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  };

  const apply = (t: ZoomTransform) => {
    zoomed.attr('transform', t.k === 1 && t.x === 0 && t.y === 0 ? null : t.toString());
    siteG.attr('transform', (d) => {
      const p = pos(d.id);
      return `translate(${t.applyX(p[0])},${t.applyY(p[1])})`;
    });
    placeLabels(t);
    drawCanvas(t);
  };
  state.onZoom = (t) => {
    state.transform = t;
    apply(t);
  };

  // ---- zoom and pan (1×–12×), panning limited to the fitted area
  if (!state.zoom) {
    const st = state;
    state.zoom = zoom<SVGSVGElement, null>()
      .scaleExtent([1, 12])
      .on('zoom', (event: { transform: ZoomTransform }) => st.onZoom(event.transform));
  }
  const z = state.zoom
    .extent([
      [0, 0],
      [w, mapH],
    ])
    .translateExtent([
      [0, 0],
      [w, mapH],
    ]);
  viewport.call(z);
  const node = viewport.node() as (SVGSVGElement & { __zoom?: ZoomTransform }) | null;
  if (node) node.__zoom = state.transform;
  apply(state.transform);

  const buttons = [
    { id: 'in', text: '+', label: 'Zoom in', act: () => viewport.call(z.scaleBy, 1.6) },
    { id: 'out', text: '−', label: 'Zoom out', act: () => viewport.call(z.scaleBy, 1 / 1.6) },
    { id: 'reset', text: '⟲', label: 'Reset zoom', act: () => viewport.call(z.transform, zoomIdentity) },
  ];
  const button = viewport
    .select('g.zoom-buttons')
    .attr('transform', `translate(${w - 34},8)`)
    .selectAll<SVGGElement, (typeof buttons)[number]>('g.zoom-button')
    .data(buttons, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'zoom-button').attr('tabindex', 0).attr('role', 'button').style('outline', 'none').attr('cursor', 'pointer');
      g.append('rect');
      g.append('text');
      return g;
    })
    .attr('transform', (_d, i) => `translate(0,${i * 28})`)
    .attr('aria-label', (d) => d.label)
    .on('click', (e: MouseEvent, d) => {
      e.stopPropagation();
      d.act();
    })
    .on('keydown', (e: KeyboardEvent, d) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        d.act();
      }
    })
    .on('focus', function () {
      select(this).select('rect').attr('stroke', FOCUS).attr('stroke-width', 2);
    })
    .on('blur', function () {
      select(this).select('rect').attr('stroke', '#b7bdc4').attr('stroke-width', 1);
    })
    .on('mousedown.zoom dblclick.zoom', (e: Event) => e.stopPropagation());
  button.select('rect').attr('width', 24).attr('height', 24).attr('rx', 4).attr('fill', '#ffffff').attr('fill-opacity', 0.92).attr('stroke', '#b7bdc4').attr('stroke-width', 1);
  button
    .select('text')
    .attr('x', 12)
    .attr('y', 17)
    .attr('text-anchor', 'middle')
    .attr('font-size', 15)
    .attr('fill', INK)
    .text((d) => d.text);

  drawLegend(svg, data, { w, h, rMax, area, maxSiteEal, maxLaneEal, laneColour, laneWidth, geo: layout.geo });
}

interface LegendScales {
  w: number;
  h: number;
  rMax: number;
  area: (x: number) => number;
  maxSiteEal: number;
  maxLaneEal: number;
  laneColour: (x: number) => string;
  laneWidth: (x: number) => number;
  geo: boolean;
}

/** Legends along the bottom: site loss (circle sizes), lane loss (colour and width), levels; the map's source. */
function drawLegend(svg: Selection<SVGSVGElement, unknown, null, undefined>, data: ExposureMapData, s: LegendScales): void {
  const cur = data.currency;
  const loc = data.locale;
  const sym = currencySymbol(cur, loc);
  const money = (x: number) => moneyShort(x, cur, loc);
  const legend = svg
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
    .attr('transform', `translate(0,${s.h - LEGEND_H})`);
  const heading = (g: Selection<SVGGElement, null, SVGSVGElement, unknown>, text: string) =>
    g
      .selectAll('text.legend-title')
      .data([text])
      .join('text')
      .attr('class', 'legend-title')
      .attr('x', 0)
      .attr('y', 12)
      .attr('font-size', 11)
      .attr('font-weight', 600)
      .attr('fill', INK)
      .text((d) => d);
  const empty = (g: Selection<SVGGElement, null, SVGSVGElement, unknown>, none: boolean) =>
    g
      .selectAll('text.empty')
      .data(none ? ['no loss'] : [])
      .join('text')
      .attr('class', 'empty')
      .attr('x', 0)
      .attr('y', 32)
      .attr('font-size', 10.5)
      .attr('fill', MUTED)
      .text((d) => d);

  // Site loss: circles side by side, smallest first, each with its value.
  const siteTitle = `Site expected annual loss (${sym})`;
  const sv = legendValues(s.maxSiteEal)
    .filter((v) => s.area(v) >= 2)
    .reverse();
  const cy = 18 + s.rMax;
  let cx = 0;
  const sizeItems = sv.map((v) => {
    const r = s.area(v);
    const item = { v, r, cx: cx + r, label: money(v) };
    cx += 2 * r + 4 + textWidth(item.label, 10.5) + 12;
    return item;
  });
  const siteW = Math.max(textWidth(siteTitle, 11, true), cx);
  // Lane loss: three sample strokes, width and colour as drawn.
  const laneTitle = `Lane expected annual loss (${sym})`;
  const lv = legendValues(s.maxLaneEal).reverse();
  const laneW = Math.max(textWidth(laneTitle, 11, true), 50 + Math.max(0, ...lv.map((v) => textWidth(money(v), 10.5))));
  // Levels: fill with its label (never colour alone), three to a row.
  const levelTitle = 'Highest risk level at site';
  const col = 66;
  const levelW = Math.max(textWidth(levelTitle, 11, true), 3 * col);
  const source = s.geo ? 'Map: Natural Earth (public domain) · lanes drawn as great-circle arcs between their ends' : '';
  const sourceW = source ? textWidth(source, 9.5) + 16 : 0;
  const free = s.w - 24 - siteW - laneW - levelW;
  const gap = Math.max(12, Math.min(36, free / 2));

  let x = 12;
  const sites = legend.select<SVGGElement>('g.legend-sites').attr('transform', `translate(${x},0)`);
  heading(sites, siteTitle);
  empty(sites, sv.length === 0);
  const size = sites
    .selectAll<SVGGElement, (typeof sizeItems)[number]>('g.size')
    .data(sizeItems, (d) => String(d.v))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'size');
      g.append('circle');
      g.append('text');
      return g;
    });
  size
    .select('circle')
    .attr('cx', (d) => d.cx)
    .attr('cy', cy)
    .attr('r', (d) => d.r)
    .attr('fill', '#f4f4f2')
    .attr('stroke', MARK_STROKE)
    .attr('stroke-width', 1);
  size
    .select('text')
    .attr('x', (d) => d.cx + d.r + 4)
    .attr('y', cy + 3.5)
    .attr('font-size', 10.5)
    .attr('fill', INK)
    .text((d) => d.label);
  x += siteW + gap;

  const lanesG = legend.select<SVGGElement>('g.legend-lanes').attr('transform', `translate(${x},0)`);
  heading(lanesG, laneTitle);
  empty(lanesG, lv.length === 0);
  const sample = lanesG
    .selectAll<SVGGElement, number>('g.sample')
    .data(lv, (d) => String(d))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'sample');
      g.append('line');
      g.append('text');
      return g;
    })
    .attr('transform', (_d, i) => `translate(0,${25 + i * 14})`);
  sample
    .select('line')
    .attr('x1', 4)
    .attr('x2', 40)
    .attr('y1', 0)
    .attr('y2', 0)
    .attr('stroke', (d) => s.laneColour(d))
    .attr('stroke-width', (d) => s.laneWidth(d))
    .attr('stroke-linecap', 'round');
  sample
    .select('text')
    .attr('x', 50)
    .attr('y', 3.5)
    .attr('font-size', 10.5)
    .attr('fill', INK)
    .text((d) => money(d));
  x += laneW + gap;

  const levelsG = legend.select<SVGGElement>('g.legend-levels').attr('transform', `translate(${x},0)`);
  heading(levelsG, levelTitle);
  const items: Array<{ key: string; fill: string; label: string }> = [
    { key: 'critical', fill: LEVEL_COLOURS.critical, label: LEVEL_LABELS.critical },
    { key: 'high', fill: LEVEL_COLOURS.high, label: LEVEL_LABELS.high },
    { key: 'medium', fill: LEVEL_COLOURS.medium, label: LEVEL_LABELS.medium },
    { key: 'low', fill: LEVEL_COLOURS.low, label: LEVEL_LABELS.low },
    { key: 'none', fill: NO_LEVEL, label: 'No risks' },
  ];
  // a level marked "~" on the map (its tooltip says why): the sixth slot names the mark
  if ([...data.sites, ...data.lanes].some((x) => x.levelBorderline)) items.push({ key: 'borderline', fill: 'none', label: `${BORDERLINE_MARK} borderline` });
  const item = levelsG
    .selectAll<SVGGElement, (typeof items)[number]>('g.level')
    .data(items, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'level');
      g.append('circle');
      g.append('text');
      return g;
    })
    .attr('transform', (_d, i) => `translate(${(i % 3) * col},${27 + Math.floor(i / 3) * 18})`);
  item
    .select('circle')
    .attr('cx', 6)
    .attr('cy', 0)
    .attr('r', (d) => (d.key === 'borderline' ? 0 : 6))
    .attr('fill', (d) => d.fill)
    .attr('stroke', MARK_STROKE)
    .attr('stroke-width', 1);
  item
    .select('text')
    .attr('x', (d) => (d.key === 'borderline' ? 2 : 16))
    .attr('y', 4)
    .attr('font-size', 10.5)
    .attr('fill', INK)
    .text((d) => d.label);
  x += levelW;

  legend
    .select('text.source')
    .attr('x', s.w - 10)
    .attr('y', LEGEND_H - 6)
    .attr('text-anchor', 'end')
    .attr('font-size', 9.5)
    .attr('fill', MUTED)
    .text(s.w - 10 - sourceW >= x ? source : '');
}
