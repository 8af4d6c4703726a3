// What every view shares: money formats, the level and category palettes with their labels, the
// chart frame (one <svg> per view with a title that states the finding) and a text-only tooltip.
// Untrusted strings (ids, names) only ever reach the DOM through .text() or attributes.
import { schemeTableau10, select, type Selection } from 'd3';
import { CATEGORIES, ELEMENTS, LEVELS, type Category, type Element as IsoElement, type Level } from '../../engine/model/schema.js';
import { BORDERLINE_MARK } from '../../engine/report/sections.js';
import type { ViewSize } from '../model/view-data.js';

const formats = new Map<string, Intl.NumberFormat>();
function format(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = formats.get(key);
  if (!f) formats.set(key, (f = make()));
  return f;
}

/** Money in compact notation in the scenario's currency: "€3.5M". */
export function moneyShort(x: number, currency: string, locale = 'en-US'): string {
  return format(`s|${currency}|${locale}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 })).format(x);
}

/** Money in full, for tooltips: "€3,512,400". */
export function moneyExact(x: number, currency: string, locale = 'en-US'): string {
  return format(`e|${currency}|${locale}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 })).format(x);
}

/** The currency's symbol as the locale writes it ("€", "$"), for axis labels. */
export function currencySymbol(currency: string, locale = 'en-US'): string {
  const parts = format(`c|${currency}|${locale}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

/** A share as a percentage: "12.3 %". */
export function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)} %`;
}

/**
 * The direction of a change as the page shows it: 0 when `before` and `after` are written the same by
 * `fmt` (a change that rounds to nothing at the displayed precision), else −1 or 1. A title or a
 * colour claims a change only when this is not 0, so "cuts €22.4M → €22.4M" cannot happen.
 */
export function shownChange(before: number, after: number, fmt: (x: number) => string): -1 | 0 | 1 {
  if (fmt(before) === fmt(after)) return 0;
  return after < before ? -1 : after > before ? 1 : 0;
}

/** Risk levels: ColorBrewer YlOrRd (colour-blind safe, sequential), always shown with their label. */
export const LEVEL_COLOURS: Record<Level, string> = { low: '#ffffb2', medium: '#fecc5c', high: '#fd8d3c', critical: '#e31a1c' };
/** Text colour readable on each level's fill. */
export const LEVEL_TEXT: Record<Level, string> = { low: '#3a3000', medium: '#3a2500', high: '#2b1000', critical: '#ffffff' };
export const LEVEL_LABELS: Record<Level, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

// The mark after a borderline risk's level or name, the reports' own: its impact interval straddles
// a band edge that changes the level, so the level may change with the seed (README: "The explorer").
export { BORDERLINE_MARK };
/** The legend line that explains the mark, wherever a view shows it. */
export const BORDERLINE_NOTE = `${BORDERLINE_MARK} borderline: the level may change with the seed`;

/** A level's label, with the borderline mark when the level may change with the seed: "High ~". */
export function levelLabel(level: Level, borderline = false): string {
  return borderline ? `${LEVEL_LABELS[level]} ${BORDERLINE_MARK}` : LEVEL_LABELS[level];
}
export { LEVELS, CATEGORIES, ELEMENTS };

/** One categorical palette (Tableau 10) for the seven threat categories, used by every view. */
export const CATEGORY_COLOURS = Object.fromEntries(CATEGORIES.map((c, i) => [c, schemeTableau10[i]!])) as Record<Category, string>;
export const CATEGORY_LABELS: Record<Category, string> = {
  theft: 'Theft',
  hijacking: 'Hijacking',
  intrusion: 'Intrusion',
  tampering: 'Tampering',
  breach: 'Information breach',
  disruption: 'Disruption',
  terrorism: 'Terrorism',
};

export const ELEMENT_LABELS: Record<IsoElement, string> = {
  policy: 'Policy',
  risk: 'Risk assessment',
  supplier: 'Supplier security',
  facility: 'Facility security',
  transport: 'Transport security',
  personnel: 'Personnel security',
  information: 'Information security',
  emergency: 'Emergency preparedness',
  monitoring: 'Monitoring',
};

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
    .attr('fill', '#1b1f24')
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
    .attr('fill', '#5f6670')
    .attr('font-size', 13)
    .text((d) => d);
}

/** A number's text with a true minus sign ("−€1.2M", not "-€1.2M"). */
export function signed(s: string): string {
  return s.replace('-', '−');
}

/** Rough text width in px: 0.58 em a character (no layout engine in jsdom), for axis and label room. */
export function roughTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}

/** Estimated text width in px: per-character classes calibrated on DejaVu Sans (a wide fallback font) within a few %. */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of s) {
    if (ch === ' ') em += 0.32;
    else if ("iljtfr.,:;!|'()[]".includes(ch)) em += 0.36;
    else if ('mwMW@%—'.includes(ch)) em += 0.92;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if (ch >= '0' && ch <= '9') em += 0.64;
    else em += 0.6;
  }
  return em * fontSize * (bold ? 1.13 : 1);
}

/** `s` clipped with an ellipsis to fit `maxWidth` px (estimated with textWidth). */
export function fitText(s: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(s, fontSize, bold) <= maxWidth) return s;
  let n = s.length;
  while (n > 2 && textWidth(`${s.slice(0, n - 2)}…`, fontSize, bold) > maxWidth) n--;
  return clip(s, n - 1);
}

/**
 * The first title that fits `width` px at the title's 15 px (about `charPx` a character, `padPx` of
 * margin), else the last one clipped.
 */
export function fitTitle(candidates: string[], width: number, charPx = 9, padPx = 16): string {
  const max = Math.floor((width - padPx) / charPx);
  return candidates.find((c) => c.length <= max) ?? clip(candidates[candidates.length - 1]!, max);
}

/** Text truncated to `max` characters with an ellipsis (labels; the full text goes to the tooltip). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
