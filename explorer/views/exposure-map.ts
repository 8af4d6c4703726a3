// Exposure map: sites (circle area ∝ expected annual loss, fill = worst risk level) and lanes (great
// circles, colour and width ∝ expected annual loss) on a Natural Earth map fitted to the sites, with
// zoom and pan; a force-directed schematic when coordinates are missing. It computes no losses.
// The parts are in exposure-map/: layout (geo and force), scene, labels, canvas, zoom, legend, words.
import { select, zoomIdentity, type BaseType, type Selection, type ZoomTransform } from 'd3';
import { stressKey } from '../model/stress-key.js';
import type { ExposureMapData } from '../model/view-data.js';
import { drawCanvas } from './exposure-map/canvas.js';
import { placeLabels, type PlacedLabel } from './exposure-map/labels.js';
import { drawMapLegend, layoutMapLegend } from './exposure-map/legend.js';
import { layoutExposureMap, opacityOf, positionOf, type LaneMark, type SiteMark } from './exposure-map/scene.js';
import { drawStressToggle, STRESS_FLAG, withStress } from './exposure-map/stress-overlay.js';
import { laneLines, levelText, siteLines } from './exposure-map/words.js';
import { bindZoom, drawZoomButtons, mapState } from './exposure-map/zoom.js';
import { moneyExact } from './parts/format.js';
import { chartFrame, pointerIn, tooltip, viewSize } from './parts/frame.js';
import { FOCUS, INK, MAP, SLATE, WHITE } from './parts/palette.js';

const FALLBACK = { width: 900, height: 560 };

type Kind = 'site' | 'lane';

/**
 * Draws (or updates) the exposure map in `element`: a world map fitted to the sites, lanes as great
 * circles coloured and sized by expected annual loss, sites as circles with area ∝ expected annual loss
 * filled by their highest level; legends in the scenario's currency. Idempotent: call again with new data.
 */
export function exposureMap(element: HTMLElement, data: ExposureMapData): void {
  const size = viewSize(element, data.size, FALLBACK);
  const state = mapState(element);
  const scene = withStress(layoutExposureMap(data, size, state.layout), data);
  if (scene.layout !== state.layout) {
    state.layout = scene.layout;
    state.transform = zoomIdentity;
  }
  const { width: w, mapTop, mapH, large, layout } = scene;
  const cur = data.currency;
  const loc = data.locale;
  const hl = scene.highlight;
  const names = new Map(data.sites.map((s) => [s.id, s.name]));
  const opacity = (id: string) => opacityOf(scene, id);
  const stressWords = (kind: Kind, id: string) => {
    const e = data.stress?.on ? data.stress.elements.get(stressKey(kind, id)) : undefined;
    if (!e) return '';
    return `; stress test: ${e.rei === null ? 'no time to recover' : `Risk Exposure Index ${e.rei.toFixed(2)}`}${e.needsMitigation ? ', needs mitigation' : ''}`;
  };

  const svg = chartFrame(element, { title: scene.title, label: scene.label, size });
  const tip = tooltip(element);

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
    .attr('fill', large ? 'none' : layout.geo ? MAP.ocean : MAP.schematic)
    .attr('pointer-events', 'all');
  const zoomed = viewport.select<SVGGElement>('g.zoomed');
  zoomed
    .select('path.land')
    .attr('d', layout.geo && !large ? (layout.land ?? null) : null)
    .attr('fill', MAP.land)
    .attr('stroke', 'none');
  zoomed
    .select('path.borders')
    .attr('d', layout.geo && !large ? (layout.borders ?? null) : null)
    .attr('fill', 'none')
    .attr('stroke', MAP.border)
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
  const laneCasing = (sel: Selection<SVGPathElement, LaneMark, BaseType, unknown>, focused: boolean) =>
    sel
      .attr('stroke', (d) => (focused ? FOCUS : d.lane.id === data.selected || d.lane.id === hl ? INK : 'none'))
      .attr('stroke-width', (d) => d.width + (focused || d.lane.id === data.selected ? 5 : d.lane.id === hl ? 12 : 10))
      // the highlight: dark ticks standing out on both sides of the line (a dashed outline, distinct from the selection's solid one)
      .attr('stroke-dasharray', (d) => (!focused && d.lane.id === hl && d.lane.id !== data.selected ? '3 4' : null))
      .attr('stroke-linecap', (d) => (!focused && d.lane.id === hl && d.lane.id !== data.selected ? 'butt' : 'round'));
  const laneG = zoomed
    .select('g.lanes')
    .selectAll<SVGGElement, LaneMark>('g.lane')
    .data(scene.svgLanes, (d) => d.lane.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane').attr('tabindex', 0).attr('role', 'button').style('outline', 'none');
      g.append('path').attr('class', 'casing').attr('fill', 'none').attr('pointer-events', 'stroke').attr('vector-effect', 'non-scaling-stroke');
      g.append('path').attr('class', 'line').attr('fill', 'none').attr('pointer-events', 'none').attr('stroke-linecap', 'round').attr('vector-effect', 'non-scaling-stroke');
      return g;
    })
    .order()
    .attr('data-id', (d) => d.lane.id)
    .attr('opacity', (d) => opacity(d.lane.id))
    .attr(
      'aria-label',
      ({ lane: d }) =>
        `${d.name}: lane by ${d.mode}; expected annual loss ${moneyExact(d.eal, cur, loc)}; highest risk level ${levelText(d.level)}${d.levelBorderline ? ' (borderline: may change with the seed)' : ''}${stressWords('lane', d.id)}`,
    )
    .on('click', (_e, d) => activate(d.lane.id, 'lane'))
    .on('keydown', (e: KeyboardEvent, d) => onKey(e, d.lane.id, 'lane'))
    .on('mouseover', (e: MouseEvent, d) => showTip(e, laneLines(d.lane, data, names)))
    .on('mouseout', () => tip.hide())
    .on('focus', function (e: FocusEvent, d) {
      laneCasing(select<SVGGElement, LaneMark>(this).select<SVGPathElement>('path.casing'), true);
      showTip(e, laneLines(d.lane, data, names));
    })
    .on('blur', function () {
      laneCasing(select<SVGGElement, LaneMark>(this).select<SVGPathElement>('path.casing'), false);
      tip.hide();
    });
  laneCasing(laneG.select<SVGPathElement>('path.casing').attr('d', (d) => layout.lanePath.get(d.lane.id) ?? null), false);
  laneG
    .selectAll('path.stress')
    .data((d) => (d.flagged ? [d] : []))
    .join((enter) => enter.insert('path', 'path.line').attr('class', 'stress').attr('fill', 'none').attr('pointer-events', 'none').attr('vector-effect', 'non-scaling-stroke'))
    .attr('d', (d) => layout.lanePath.get(d.lane.id) ?? null)
    .attr('stroke', STRESS_FLAG)
    .attr('stroke-width', (d) => d.width + 5)
    .attr('stroke-dasharray', '6 3');
  laneG
    .select('path.line')
    .attr('d', (d) => layout.lanePath.get(d.lane.id) ?? null)
    .attr('stroke', (d) => d.colour)
    .attr('stroke-width', (d) => d.width);

  // ---- sites: circles at constant screen size (repositioned on zoom, not scaled)
  const siteStroke = (sel: Selection<SVGCircleElement, SiteMark, BaseType, unknown>, focused: boolean) =>
    sel
      .attr('stroke', (d) => (focused ? FOCUS : d.site.id === data.selected ? INK : MAP.markStroke))
      .attr('stroke-width', (d) => (focused || d.site.id === data.selected ? 3 : 1));
  const siteG = viewport
    .select('g.sites')
    .selectAll<SVGGElement, SiteMark>('g.site')
    .data(scene.svgSites, (d) => d.site.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'site').attr('tabindex', 0).attr('role', 'button').style('outline', 'none');
      g.append('circle').attr('class', 'mark');
      return g;
    })
    .order()
    .attr('data-id', (d) => d.site.id)
    .attr('opacity', (d) => opacity(d.site.id))
    .attr(
      'aria-label',
      ({ site: d }) =>
        `${d.name}: ${d.kind}; expected annual loss ${moneyExact(d.eal, cur, loc)}; highest risk level ${levelText(d.level)}${d.levelBorderline ? ' (borderline: may change with the seed)' : ''}${stressWords('site', d.id)}`,
    )
    .on('click', (_e, d) => activate(d.site.id, 'site'))
    .on('keydown', (e: KeyboardEvent, d) => onKey(e, d.site.id, 'site'))
    .on('mouseover', (e: MouseEvent, d) => showTip(e, siteLines(d.site, data)))
    .on('mouseout', () => tip.hide())
    .on('focus', function (e: FocusEvent, d) {
      siteStroke(select<SVGGElement, SiteMark>(this).select<SVGCircleElement>('circle.mark'), true);
      showTip(e, siteLines(d.site, data));
    })
    .on('blur', function () {
      siteStroke(select<SVGGElement, SiteMark>(this).select<SVGCircleElement>('circle.mark'), false);
      tip.hide();
    });
  siteStroke(
    siteG
      .select<SVGCircleElement>('circle.mark')
      .attr('r', (d) => d.r)
      .attr('fill', (d) => d.fill)
      .attr('fill-opacity', 0.92),
    false,
  );
  siteG
    .selectAll('circle.stress')
    .data((d) => (d.flagged ? [d] : []))
    .join((enter) => enter.insert('circle', 'circle.mark').attr('class', 'stress'))
    .attr('r', (d) => d.r + 4)
    .attr('fill', 'none')
    .attr('stroke', STRESS_FLAG)
    .attr('stroke-width', 2.5)
    .attr('stroke-dasharray', '3 2');
  siteG
    .selectAll('circle.ring')
    .data((d) => (d.site.id === hl ? [d] : []))
    .join((enter) => enter.insert('circle', 'circle.mark').attr('class', 'ring'))
    .attr('r', (d) => d.r + 5)
    .attr('fill', 'none')
    .attr('stroke', INK)
    .attr('stroke-width', 2.5)
    .attr('stroke-dasharray', '5 3');

  // ---- note (schematic / large network)
  viewport
    .select('text.note')
    .attr('x', 10)
    .attr('y', 16)
    .attr('font-size', 11)
    .attr('font-style', 'italic')
    .attr('fill', SLATE)
    .text(scene.notes.join(' · '));

  // ---- labels: placed at each zoom (labels.ts), drawn here
  const labelLayer = viewport.select<SVGGElement>('g.labels');
  const drawLabels = (t: ZoomTransform) => {
    const label = labelLayer
      .selectAll<SVGGElement, PlacedLabel>('g.label')
      .data(placeLabels(scene, data, t), (d) => d.site.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'label');
        g.append('line').attr('class', 'leader');
        g.append('text').attr('class', 'name');
        g.append('text').attr('class', 'value');
        return g;
      })
      .attr('opacity', (d) => d.opacity);
    label
      .select('line.leader')
      .attr('x1', (d) => d.leader?.[0][0] ?? null)
      .attr('y1', (d) => d.leader?.[0][1] ?? null)
      .attr('x2', (d) => d.leader?.[1][0] ?? null)
      .attr('y2', (d) => d.leader?.[1][1] ?? null)
      .attr('stroke', (d) => (d.leader ? SLATE : 'none'))
      .attr('stroke-width', 1);
    const halo = (sel: Selection<SVGTextElement, PlacedLabel, SVGGElement, unknown>) =>
      sel.attr('stroke', WHITE).attr('stroke-width', 3).attr('stroke-linejoin', 'round').attr('paint-order', 'stroke');
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
      .attr('fill', SLATE)
      .text((d) => d.value);
  };

  const apply = (t: ZoomTransform) => {
    zoomed.attr('transform', t.k === 1 && t.x === 0 && t.y === 0 ? null : t.toString());
    siteG.attr('transform', (d) => {
      const p = positionOf(scene, d.site.id);
      return `translate(${t.applyX(p[0])},${t.applyY(p[1])})`;
    });
    drawLabels(t);
    if (ctx) drawCanvas(ctx, scene, t, dpr);
  };
  state.onZoom = (t) => {
    state.transform = t;
    apply(t);
  };

  // ---- zoom and pan (1×–12×), panning limited to the fitted area
  const z = bindZoom(viewport, state, w, mapH);
  apply(state.transform);
  drawZoomButtons(viewport, z, w);
  drawStressToggle(viewport, data, w);

  drawMapLegend(svg, layoutMapLegend(scene, data));
}
