// Where the exposure map's marks go at zoom 1: Natural Earth I fitted to the sites when every site has
// coordinates, else a seeded force-directed schematic; site positions and lane paths, cached by the
// network's shape and the size (losses do not move anything). No DOM.
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
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3';
import type { Feature, FeatureCollection, GeometryCollection, LineString, MultiLineString, MultiPoint } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection as TopoCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json' with { type: 'json' };
import type { MapLane, MapSite } from '../../model/view-data.js';

export type Point = [number, number];

/** Positions and paths at zoom 1, in the map viewport's coordinates; depends on the size and the network's shape, not on losses. */
export interface Layout {
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

export const hasCoords = (s: MapSite) => typeof s.lat === 'number' && typeof s.lon === 'number' && Number.isFinite(s.lat) && Number.isFinite(s.lon);
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

/**
 * The layout for this network at this size: `previous` when its key still matches (so a redraw with
 * new losses keeps positions and the zoom), else a new geographic or schematic one.
 */
export function networkLayout(sites: MapSite[], lanes: MapLane[], w: number, mapH: number, geo: boolean, pad: number, rMax: number, previous?: Layout): Layout {
  const key = layoutKey(sites, lanes, w, mapH, geo);
  if (previous && previous.key === key) return previous;
  return geo ? geoLayout(key, sites, lanes, w, mapH, pad) : forceLayout(key, sites, lanes, w, mapH, pad, rMax);
}
