// The canvas layer of a large network (browsers only: jsdom has no 2d context): land, borders, the
// minor lanes and minor sites behind the svg, redrawn at each zoom. The svg keeps the top marks.
import { MAP } from '../parts/palette.js';
import type { Zoom } from './labels.js';
import { opacityOf, positionOf, type MapScene } from './scene.js';
import { STRESS_FLAG } from './stress-overlay.js';

/** Draws the scene's canvas marks at zoom `t` on `ctx` (a canvas of the map's size × `dpr`). */
export function drawCanvas(ctx: CanvasRenderingContext2D, scene: MapScene, t: Zoom, dpr: number): void {
  if (typeof Path2D === 'undefined') return;
  const layout = scene.layout;
  const w = scene.width;
  const mapH = scene.mapH;
  if (!layout.path2d) {
    const lanesP = new Map<string, Path2D>();
    for (const [id, d] of layout.lanePath) lanesP.set(id, new Path2D(d));
    layout.path2d = { lanes: lanesP, ...(layout.land ? { land: new Path2D(layout.land) } : {}), ...(layout.borders ? { borders: new Path2D(layout.borders) } : {}) };
  }
  const p2 = layout.path2d;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, mapH);
  ctx.globalAlpha = 1;
  ctx.fillStyle = layout.geo ? MAP.ocean : MAP.schematic;
  ctx.fillRect(0, 0, w, mapH);
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  if (p2.land) {
    ctx.fillStyle = MAP.land;
    ctx.fill(p2.land);
  }
  if (p2.borders) {
    ctx.strokeStyle = MAP.border;
    ctx.lineWidth = 0.7 / t.k;
    ctx.stroke(p2.borders);
  }
  ctx.lineCap = 'round';
  for (const m of scene.canvasLanes) {
    const p = p2.lanes.get(m.lane.id);
    if (!p) continue;
    if (m.flagged) {
      // the stress overlay's outline under the line (stress-overlay.ts)
      ctx.globalAlpha = opacityOf(scene, m.lane.id);
      ctx.strokeStyle = STRESS_FLAG;
      ctx.lineWidth = (m.width + 5) / t.k;
      ctx.stroke(p);
    }
    ctx.globalAlpha = opacityOf(scene, m.lane.id) * 0.85;
    ctx.strokeStyle = m.colour;
    ctx.lineWidth = m.width / t.k;
    ctx.stroke(p);
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.strokeStyle = MAP.markStroke;
  ctx.lineWidth = 0.75;
  for (const m of scene.canvasSites) {
    const [x0, y0] = positionOf(scene, m.site.id);
    const x = x0 * t.k + t.x;
    const y = y0 * t.k + t.y;
    if (x < -10 || y < -10 || x > w + 10 || y > mapH + 10) continue;
    ctx.globalAlpha = opacityOf(scene, m.site.id);
    ctx.beginPath();
    ctx.arc(x, y, m.r, 0, 2 * Math.PI);
    ctx.fillStyle = m.fill;
    ctx.fill();
    ctx.stroke();
    if (m.flagged) {
      // the stress overlay's outline (stress-overlay.ts)
      ctx.save();
      ctx.strokeStyle = STRESS_FLAG;
      ctx.lineWidth = 2.5;
      ctx.setLineDash([3, 2]);
      ctx.beginPath();
      ctx.arc(x, y, m.r + 4, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.restore();
    }
  }
  ctx.globalAlpha = 1;
}
