// The one legend every view draws: a scene of items (a key, a position, its parts — swatch shapes and
// a text — with their attributes) joined by key into <g class="item"> groups; and the flow that lays
// items out in rows that fit a width. The view decides what the items are; this draws them.
import { select, type Selection } from 'd3';

/** Attribute values as d3 writes them; null removes the attribute. */
export type Attrs = Record<string, string | number | null>;

/** One element of a legend item: its tag, optional class, attributes in the order they are written, and text. */
export interface LegendPart {
  tag: 'rect' | 'circle' | 'line' | 'path' | 'text';
  cls?: string;
  attrs: Attrs;
  text?: string;
}

/** One legend entry: every item of a legend has the same parts (tags and classes) in the same order. */
export interface LegendItem {
  key: string;
  /** The item's translate, or null for none (its parts then carry absolute positions). */
  at: [number, number] | null;
  parts: LegendPart[];
}

type Parent = Selection<SVGGElement, unknown, null, undefined> | Selection<SVGGElement, null, SVGSVGElement, unknown> | Selection<SVGGElement, unknown, SVGSVGElement, unknown>;

function setAttrs(el: Element, attrs: Attrs): void {
  const s = select(el);
  for (const [name, value] of Object.entries(attrs)) s.attr(name, value);
}

/** Joins `items` by key into `<g class="{itemClass}">` children of `parent` (created once, then updated). */
export function drawLegend(parent: Parent, items: LegendItem[], itemClass = 'item'): void {
  (parent as Selection<SVGGElement, unknown, null, undefined>)
    .selectAll<SVGGElement, LegendItem>(`g.${itemClass}`)
    .data(items, (d) => d.key)
    .join((enter) =>
      enter
        .append('g')
        .attr('class', itemClass)
        .each(function (d) {
          for (const p of d.parts) {
            const child = select(this).append(p.tag);
            if (p.cls !== undefined) child.attr('class', p.cls);
          }
        }),
    )
    .attr('transform', (d) => (d.at ? `translate(${d.at[0]},${d.at[1]})` : null))
    .each(function (d) {
      d.parts.forEach((p, i) => {
        const el = this.children[i];
        if (!el) return;
        setAttrs(el, p.attrs);
        if (p.text !== undefined) el.textContent = p.text;
      });
    });
}

/** An item to flow: `group` starts a new row when it changes; a heading indents the rows its group wraps to. */
export interface FlowItem {
  group?: number;
  heading?: boolean;
}

/**
 * Lays items left to right from `left`, wrapping to a new row (at the last heading's indent) when an
 * item would pass `right`. `fit` gives an item's width at a position (and may reword it to fit there).
 */
export function flowLegend<T extends FlowItem>(items: T[], left: number, right: number, fit: (item: T, x: number, indent: number) => { item: T; width: number }): Array<{ item: T; x: number; row: number }> {
  const out: Array<{ item: T; x: number; row: number }> = [];
  let row = 0;
  let x = left;
  let group = items[0]?.group ?? 0;
  let indent = left;
  for (const raw of items) {
    if ((raw.group ?? 0) !== group) {
      row++;
      x = left;
      group = raw.group ?? 0;
    }
    const { item, width } = fit(raw, x, indent);
    if (item.heading) indent = left + width;
    if (x + width > right && x > indent) {
      row++;
      x = indent;
    }
    out.push({ item, x, row });
    x += width;
  }
  return out;
}
