// The frame every view draws in: its size, one <svg class="chart"> with a title that states the
// finding, fixed <g> layers, a centred empty message, and a text-only tooltip. Untrusted strings (ids,
// names) only ever reach the DOM through .text() or attributes.
import { select, type Selection } from 'd3';
import type { ViewSize } from '../../model/view-data.js';
import { INK, MUTED } from './palette.js';

/** The size to draw at: the data's fixed size, else the element's, else the default. */
export function viewSize(element: HTMLElement, size: ViewSize | undefined, fallback: ViewSize): ViewSize {
  if (size) return size;
  const w = element.clientWidth;
  const h = element.clientHeight;
  return { width: w > 0 ? w : fallback.width, height: h > 0 ? h : fallback.height };
}

export interface FrameOptions {
  /** The finding, drawn as the chart's title (also in the exported SVG). */
  title: string;
  /** What the chart is, for screen readers. */
  label: string;
  size: ViewSize;
}

export const TITLE_HEIGHT = 26;

/**
 * The view's single <svg class="chart"> inside `element` (created once, then updated): viewBox at
 * the drawing size, role img with aria-label, a <title>, and the finding as a text line at the top.
 */
export function chartFrame(element: HTMLElement, opts: FrameOptions): Selection<SVGSVGElement, unknown, null, undefined> {
  const root = select(element);
  const svg = root
    .selectAll<SVGSVGElement, null>('svg.chart')
    .data([null])
    .join((enter) => enter.append('svg').attr('class', 'chart').attr('xmlns', 'http://www.w3.org/2000/svg'));
  svg
    .attr('viewBox', `0 0 ${opts.size.width} ${opts.size.height}`)
    .attr('width', opts.size.width)
    .attr('height', opts.size.height)
    .attr('role', 'img')
    .attr('aria-label', opts.label)
    .attr('font-family', 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif')
    .attr('font-size', 12);
  svg
    .selectAll('title')
    .data([opts.label])
    .join('title')
    .text((d) => d);
  svg
    .selectAll('text.chart-title')
    .data([opts.title])
    .join('text')
    .attr('class', 'chart-title')
    .attr('x', 8)
    .attr('y', 18)
    .attr('font-size', 15)
    .attr('font-weight', 600)
    .attr('fill', INK)
    .text((d) => d);
  return svg as unknown as Selection<SVGSVGElement, unknown, null, undefined>;
}

export interface Tooltip {
  /** Shows lines of text (set with textContent, never parsed as HTML) near the pointer. */
  show(lines: string[], x: number, y: number): void;
  hide(): void;
}

/** A tooltip <div class="tooltip"> in `element` (which the stylesheet makes position: relative). */
export function tooltip(element: HTMLElement): Tooltip {
  const tip = select(element)
    .selectAll<HTMLDivElement, null>('div.tooltip')
    .data([null])
    .join('div')
    .attr('class', 'tooltip')
    .attr('role', 'tooltip')
    .style('display', 'none');
  return {
    show(lines, x, y) {
      tip
        .style('display', 'block')
        .style('left', '0px')
        .style('top', `${Math.round(y + 12)}px`)
        .selectAll('div')
        .data(lines)
        .join('div')
        .text((d) => d);
      // measured at the left edge (its full width), then right of the pointer, or left of it when
      // it would run past the element's right edge (near it, it would be squeezed into a sliver)
      const w = tip.node()?.offsetWidth ?? 0;
      const room = element.clientWidth;
      const left = room > 0 && w > 0 && x + 12 + w > room ? Math.max(0, x - 12 - w) : x + 12;
      tip.style('left', `${Math.round(left)}px`);
    },
    hide() {
      tip.style('display', 'none');
    },
  };
}

/** A pointer position relative to `element`, for the tooltip. */
export function pointerIn(element: HTMLElement, event: MouseEvent | FocusEvent): [number, number] {
  if ('clientX' in event) {
    const r = element.getBoundingClientRect();
    return [event.clientX - r.left, event.clientY - r.top];
  }
  const t = event.target as HTMLElement | null;
  const r = element.getBoundingClientRect();
  const b = t?.getBoundingClientRect?.();
  return b ? [b.left - r.left + b.width / 2, b.top - r.top + b.height / 2] : [0, 0];
}

/** A <g> layer of the chart. */
export type Layer = Selection<SVGGElement, unknown, null, undefined>;

/** The child <g class="cls"> of `parent`, created once: the fixed layers a view draws into. */
export function layer(parent: Selection<SVGSVGElement, unknown, null, undefined> | Layer, cls: string): Layer {
  return (parent as Layer)
    .selectChildren<SVGGElement, unknown>(`g.${cls}`)
    .data([null])
    .join('g')
    .attr('class', cls) as unknown as Layer;
}

/** The centred grey message a chart shows instead of its body (`message` null: none), in layer `cls`. */
export function emptyMessage(svg: Selection<SVGSVGElement, unknown, null, undefined>, cls: string, message: string | null, size: ViewSize): void {
  layer(svg, cls)
    .selectAll('text')
    .data(message === null ? [] : [message])
    .join('text')
    .attr('x', size.width / 2)
    .attr('y', size.height / 2)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED)
    .attr('font-size', 13)
    .text((d) => d);
}
