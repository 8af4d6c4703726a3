// Label placement on the exposure map: the top sites by loss (selected and highlighted first) get a
// name and value box, placed greedily in one of sixteen spots around the circle, clear of other
// labels, circles, the zoom buttons, the note and (when it can) the lanes. Pure: screen boxes in, boxes out.
import type { ExposureMapData, MapSite } from '../../model/view-data.js';
import { moneyShort } from '../parts/format.js';
import { textWidth } from '../parts/text.js';
import type { Point } from './layout.js';
import { opacityOf, positionOf, type MapScene, type SiteMark } from './scene.js';
import { levelText, shortName } from './words.js';
import { ZOOM_BUTTONS } from './zoom.js';

/** How many labels besides the selected and highlighted sites. */
const LABELS = 6;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A zoom as d3-zoom's transform applies it: screen = k · p + (x, y). */
export interface Zoom {
  k: number;
  x: number;
  y: number;
}

/** A placed label: its site, two lines, its box and, when it sits away from its circle, a leader line. */
export interface PlacedLabel {
  site: MapSite;
  name: string;
  value: string;
  box: Box;
  leader: [Point, Point] | null;
  opacity: number;
}

/** The zoom buttons' box in the viewport with 2 px to their left and above, 4 px to their right and below (labels keep clear of it). */
export function buttonsBox(w: number): Box {
  const { right, top, size, step, count } = ZOOM_BUTTONS;
  return { x: w - right - 2, y: top - 2, w: size + 6, h: (count - 1) * step + size + 6 };
}

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A path's polylines (the M/L commands geoPath and the schematic write), thinned to points ≥ 4 px apart. */
export function polylines(d: string): number[][] {
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
export function segmentMeetsBox(x0: number, y0: number, x1: number, y1: number, b: Box): boolean {
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

const DIRS: Point[] = [
  [1, 0],
  [-1, 0],
  [0, -1],
  [0, 1],
  [0.71, -0.71],
  [-0.71, -0.71],
  [0.71, 0.71],
  [-0.71, 0.71],
];

/** The labels to draw at zoom `t`: the selected and highlighted sites first, then up to six more by loss. */
export function placeLabels(scene: MapScene, data: Pick<ExposureMapData, 'selected' | 'currency' | 'locale'>, t: Zoom): PlacedLabel[] {
  const w = scene.width;
  const mapH = scene.mapH;
  const hl = scene.highlight;
  const layout = scene.layout;
  const screen = (id: string): Point => {
    const p = positionOf(scene, id);
    return [p[0] * t.k + t.x, p[1] * t.k + t.y];
  };
  const inView = (p: Point) => p[0] >= 0 && p[0] <= w && p[1] >= 0 && p[1] <= mapH;
  const markById = new Map(scene.svgSites.map((m) => [m.site.id, m]));
  const priority = [data.selected, hl].filter((id): id is string => id !== undefined && markById.has(id)).map((id) => markById.get(id)!);
  const ranked: SiteMark[] = [...priority, ...scene.svgSites.filter((m) => m.site.eal > 0)].filter((m, i, all) => all.indexOf(m) === i && inView(screen(m.site.id)));
  // Boxes a label should not cover: the zoom buttons, the note, and the circles of the larger sites in view.
  const obstacles: Array<{ id: string; box: Box }> = [{ id: '', box: buttonsBox(w) }];
  for (const m of ranked.slice(0, 40)) {
    const [x, y] = screen(m.site.id);
    obstacles.push({ id: m.site.id, box: { x: x - m.r, y: y - m.r, w: 2 * m.r, h: 2 * m.r } });
  }
  if (scene.notes.length) obstacles.push({ id: '', box: { x: 6, y: 4, w: textWidth(scene.notes.join(' · '), 11) + 8, h: 16 } });
  // The larger lanes, in screen coordinates: a label should not sit on a lane when it can avoid it.
  if (!layout.lanePoints) layout.lanePoints = new Map([...layout.lanePath].map(([id, d]) => [id, polylines(d)]));
  const laneLinesOnScreen: number[][] = [];
  for (const l of scene.svgLanes.slice(0, 60)) {
    for (const line of layout.lanePoints.get(l.lane.id) ?? []) {
      const sl = new Array<number>(line.length);
      for (let i = 0; i < line.length; i += 2) {
        sl[i] = line[i]! * t.k + t.x;
        sl[i + 1] = line[i + 1]! * t.k + t.y;
      }
      laneLinesOnScreen.push(sl);
    }
  }
  const onLane = (b: Box) =>
    laneLinesOnScreen.some((sl) => {
      for (let i = 2; i < sl.length; i += 2) if (segmentMeetsBox(sl[i - 2]!, sl[i - 1]!, sl[i]!, sl[i + 1]!, b)) return true;
      return false;
    });
  const inside = (b: Box) => b.x >= 2 && b.y >= 2 && b.x + b.w <= w - 2 && b.y + b.h <= mapH - 2;
  const placed: PlacedLabel[] = [];
  let ordinary = 0;
  for (const m of ranked) {
    const s = m.site;
    const first = priority.includes(m);
    if (!first && ordinary >= LABELS) break;
    const [x, y] = screen(s.id);
    const r = m.r + (s.id === hl ? 5 : 0);
    const name = shortName(s.name, 32);
    const value = `${moneyShort(s.eal, data.currency, data.locale)} · ${levelText(s.level, s.levelBorderline)}`;
    const bw = Math.max(textWidth(name, 11.5, true), textWidth(value, 10.5)) + 6;
    const bh = 27;
    const candidates: Array<{ box: Box; leader: [Point, Point] | null }> = [];
    for (const gap of [3, 22]) {
      for (const [ux, uy] of DIRS) {
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
      placed.push({ site: s, name, value, box: choice.box, leader: choice.leader, opacity: opacityOf(scene, s.id) });
      if (!first) ordinary++;
    }
  }
  return placed;
}
