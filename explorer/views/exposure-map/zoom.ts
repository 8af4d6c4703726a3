// Zoom and pan for the exposure map (1×–12×, panning limited to the fitted area) and its three
// buttons; the zoom and the layout are kept per element across redraws.
import { select, zoom, zoomIdentity, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import { FOCUS, INK, MAP, WHITE } from '../parts/palette.js';
import type { Layout } from './layout.js';

/** What a map element keeps between calls: its layout (recomputed only when the network or size changes) and its zoom. */
export interface MapState {
  layout?: Layout;
  transform: ZoomTransform;
  zoom?: ZoomBehavior<SVGSVGElement, null>;
  onZoom: (t: ZoomTransform) => void;
}
const states = new WeakMap<HTMLElement, MapState>();

export function mapState(element: HTMLElement): MapState {
  let state = states.get(element);
  if (!state) {
    state = { transform: zoomIdentity, onZoom: () => {} };
    states.set(element, state);
  }
  return state;
}

type Viewport = Selection<SVGSVGElement, null, SVGSVGElement, unknown>;

/** Binds the element's zoom behaviour to `viewport` for a w × mapH map, at the state's current transform. */
export function bindZoom(viewport: Viewport, state: MapState, w: number, mapH: number): ZoomBehavior<SVGSVGElement, null> {
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
  return z;
}

/** Where the zoom buttons sit: their column's offset from the viewport's right edge and top, each button's size and the step between buttons (px). */
export const ZOOM_BUTTONS = { right: 34, top: 8, size: 24, step: 28, count: 3 } as const;

/** The zoom in / out / reset buttons at the viewport's top right, keyboard operable. */
export function drawZoomButtons(viewport: Viewport, z: ZoomBehavior<SVGSVGElement, null>, w: number): void {
  const buttons = [
    { id: 'in', text: '+', label: 'Zoom in', act: () => viewport.call(z.scaleBy, 1.6) },
    { id: 'out', text: '−', label: 'Zoom out', act: () => viewport.call(z.scaleBy, 1 / 1.6) },
    { id: 'reset', text: '⟲', label: 'Reset zoom', act: () => viewport.call(z.transform, zoomIdentity) },
  ];
  const button = viewport
    .select('g.zoom-buttons')
    .attr('transform', `translate(${w - ZOOM_BUTTONS.right},${ZOOM_BUTTONS.top})`)
    .selectAll<SVGGElement, (typeof buttons)[number]>('g.zoom-button')
    .data(buttons, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'zoom-button').attr('tabindex', 0).attr('role', 'button').style('outline', 'none').attr('cursor', 'pointer');
      g.append('rect');
      g.append('text');
      return g;
    })
    .attr('transform', (_d, i) => `translate(0,${i * ZOOM_BUTTONS.step})`)
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
      select(this).select('rect').attr('stroke', MAP.buttonStroke).attr('stroke-width', 1);
    })
    .on('mousedown.zoom dblclick.zoom', (e: Event) => e.stopPropagation());
  button.select('rect').attr('width', ZOOM_BUTTONS.size).attr('height', ZOOM_BUTTONS.size).attr('rx', 4).attr('fill', WHITE).attr('fill-opacity', 0.92).attr('stroke', MAP.buttonStroke).attr('stroke-width', 1);
  button
    .select('text')
    .attr('x', 12)
    .attr('y', 17)
    .attr('text-anchor', 'middle')
    .attr('font-size', 15)
    .attr('fill', INK)
    .text((d) => d.text);
}
