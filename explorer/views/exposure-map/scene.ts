// The exposure map as plain data for a size: the layout (positions, paths), each mark's size, colour
// and opacity, which marks are svg nodes and which go to the canvas, the notes, the title and label.
// Everything the draw needs that does not depend on the zoom; no DOM.
import { interpolateBuPu, scaleLinear, scaleSqrt } from 'd3';
import type { Level } from '../../../engine/model/schema.js';
import type { ExposureMapData, MapLane, MapSite, ViewSize } from '../../model/view-data.js';
import { currencySymbol } from '../parts/format.js';
import { TITLE_HEIGHT } from '../parts/frame.js';
import { LEVEL_COLOURS, MAP } from '../parts/palette.js';
import { hasCoords, networkLayout, type Layout, type Point } from './layout.js';
import { byEal, mapTitle } from './words.js';

/** Above this many sites + lanes, lanes (and minor sites) go to a canvas behind the svg. */
export const LARGE = 1500;
const SVG_SITES = 300;
const SVG_LANES = 100;
/** The legend strip's height along the bottom. */
export const LEGEND_H = 64;

export interface SiteMark {
  site: MapSite;
  /** Radius in px (area ∝ expected annual loss, at least rMin). */
  r: number;
  fill: string;
  /** The stress overlay marks it: it needs mitigation (stress-overlay.ts). */
  flagged?: boolean;
}
export interface LaneMark {
  lane: MapLane;
  colour: string;
  width: number;
  /** The stress overlay marks it: it needs mitigation (stress-overlay.ts). */
  flagged?: boolean;
}

export interface MapScene {
  width: number;
  height: number;
  mapTop: number;
  mapH: number;
  /** Every site has coordinates (the data's view; the layout says what was drawn). */
  geo: boolean;
  large: boolean;
  title: string;
  label: string;
  layout: Layout;
  rMax: number;
  maxSiteEal: number;
  maxLaneEal: number;
  /** The highlighted site or lane, when it exists. */
  highlight: string | undefined;
  /** Ids drawn at full opacity while something is highlighted (null: everything). */
  lit: Set<string> | null;
  svgSites: SiteMark[];
  svgLanes: LaneMark[];
  canvasSites: SiteMark[];
  canvasLanes: LaneMark[];
  notes: string[];
  /** Sample values and their marks for the legend. */
  area: (eal: number) => number;
  laneColour: (eal: number) => string;
  laneWidth: (eal: number) => number;
}

export const levelFill = (l: Level | null) => (l ? LEVEL_COLOURS[l] : MAP.noLevel);

/** A mark's opacity: dimmed when something else is highlighted. */
export const opacityOf = (scene: MapScene, id: string) => (scene.lit === null || scene.lit.has(id) ? 1 : 0.3);

/** A site's position at zoom 1 (the viewport's middle when the layout does not place it). */
export const positionOf = (scene: MapScene, id: string): Point => scene.layout.pos.get(id) ?? [scene.width / 2, scene.mapH / 2];

/** The exposure map's scene at `size`; `previous` is the last layout, reused when the network and size are unchanged. */
export function layoutExposureMap(data: ExposureMapData, size: ViewSize, previous?: Layout): MapScene {
  const w = size.width;
  const h = size.height;
  const sites = data.sites;
  const lanes = data.lanes;
  const siteIds = new Set(sites.map((s) => s.id));
  const laneById = new Map(lanes.map((l) => [l.id, l]));
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
  const laneT = scaleLinear()
    .domain([0, maxLaneEal > 0 ? maxLaneEal : 1])
    .range([0, 1])
    .clamp(true);
  const laneColour = (eal: number) => (eal > 0 ? interpolateBuPu(0.35 + 0.65 * laneT(eal)) : MAP.zeroLane);
  const laneWidth = (eal: number) => (eal > 0 ? 1.5 + 5.5 * Math.sqrt(laneT(eal)) : 1);
  const siteMark = (s: MapSite): SiteMark => ({ site: s, r: Math.max(rMin, area(Math.max(0, s.eal))), fill: levelFill(s.level) });
  const laneMark = (l: MapLane): LaneMark => ({ lane: l, colour: laneColour(l.eal), width: laneWidth(l.eal) });

  const hl = data.highlight !== undefined && (siteIds.has(data.highlight) || laneById.has(data.highlight)) ? data.highlight : undefined;
  let lit: Set<string> | null = null;
  if (hl !== undefined) {
    lit = new Set<string>([hl]);
    const l = laneById.get(hl);
    if (l) lit.add(l.from).add(l.to);
    if (data.selected !== undefined) lit.add(data.selected);
  }

  const layout = networkLayout(sites, lanes, w, mapH, geo, rMax + 14, rMax, previous);

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

  const notes: string[] = [];
  if (!layout.geo && sites.length > 0) {
    const missing = sites.filter((s) => !hasCoords(s)).length;
    notes.push(missing === sites.length ? 'Schematic layout (no coordinates)' : `Schematic layout (no coordinates for ${missing} of ${sites.length} sites)`);
  }
  if (large) notes.push(`Large network: the ${svgSites.length} sites and ${svgLanes.length} lanes with the highest loss are interactive`);

  const label =
    `Exposure map of ${sites.length} site${sites.length === 1 ? '' : 's'} and ${lanes.length} lane${lanes.length === 1 ? '' : 's'}` +
    `${geo ? '' : ' (schematic layout, no coordinates)'}: circle area shows each site's expected annual loss and its fill the site's highest risk level; ` +
    `lane colour and width show each lane's expected annual loss (${currencySymbol(data.currency, data.locale)}).`;

  return {
    width: w,
    height: h,
    mapTop,
    mapH,
    geo,
    large,
    title: mapTitle(data, w),
    label,
    layout,
    rMax,
    maxSiteEal,
    maxLaneEal,
    highlight: hl,
    lit,
    svgSites: svgSites.map(siteMark),
    svgLanes: svgLanes.map(laneMark),
    canvasSites: canvasSites.map(siteMark),
    canvasLanes: canvasLanes.map(laneMark),
    notes,
    area,
    laneColour,
    laneWidth,
  };
}
