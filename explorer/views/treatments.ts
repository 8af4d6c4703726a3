// Treatments: yearly cost against expected loss avoided, one point per treatment (and the live
// what-if), with 95 % interval whiskers, the break-even line (loss avoided = cost; above it a
// treatment pays for itself) and the efficient frontier. Labels give name and ROSI, nudged apart.
// layoutTreatments computes the scene (plain data); treatments joins it into the DOM.
import { line, scaleLinear, symbol, symbolCircle, symbolDiamond } from 'd3';
import type { TreatmentPoint, TreatmentsData, ViewSize } from '../model/view-data.js';
import { efficientFrontier } from './efficient-frontier.js';
import { axisScene, drawAxis, drawAxisTitles, type AxisScene, type AxisTitle } from './parts/axes.js';
import { currencySymbol, moneyExact, moneyShort, pctAsReports, shownChange, signed } from './parts/format.js';
import { chartFrame, emptyMessage, layer, pointerIn, TITLE_HEIGHT, tooltip, viewSize } from './parts/frame.js';
import { drawLegend, type LegendItem } from './parts/legend.js';
import { ACCENT, AXIS, BLUE, INK, MUTED, TREATMENTS as COLOURS, WHITE } from './parts/palette.js';
import { clip, fitTitle, roughTextWidth as textWidth } from './parts/text.js';

/** Okabe–Ito blue for treatments, vermillion for the what-if (colour-blind safe; shape differs too). */
const TREATMENT = BLUE;
const WHATIF = ACCENT;
const PAYS = COLOURS.pays;

/**
 * "ROSI 868 %" (net benefit over cost as a whole percentage, written by the same function as the
 * terminal table and the reports, so the screens agree), "ROSI n/a" when the cost is not positive.
 */
export function rosiLabel(rosi: number | null): string {
  if (rosi === null || !Number.isFinite(rosi)) return 'ROSI n/a';
  return `ROSI ${signed(pctAsReports(rosi, 0))}`;
}

export interface Placed {
  p: TreatmentPoint;
  px: number;
  py: number;
  name: string;
  sub: string;
  anchor: 'start' | 'end';
  lx: number;
  ly: number;
  w: number;
  onFrontier: boolean;
}

/**
 * The finding: the option with the best ROSI among those that pay for themselves. "Pays for itself"
 * and "avoids" are claimed only for differences that show at the chart's precision (shownChange).
 */
export function finding(points: TreatmentPoint[], m: (x: number) => string, width: number): string {
  if (points.length === 0) return 'No treatments in this scenario';
  const paying = points.filter((p) => shownChange(p.annualCost, p.reduction, m) > 0);
  if (paying.length === 0) return points.length === 1 ? 'The option does not pay for itself' : `None of the ${points.length} options pays for itself`;
  const positive = paying.filter((p) => p.annualCost > 0);
  const free = paying.filter((p) => p.annualCost <= 0 && shownChange(0, p.reduction, m) > 0);
  if (free.length) {
    const best = free.reduce((a, b) => (b.netBenefit > a.netBenefit ? b : a));
    return fitTitle([32, 24, 16].map((n) => `${clip(best.name, n)} avoids ${m(best.reduction)} a year and costs nothing more`), width);
  }
  if (positive.length) {
    const best = positive.reduce((a, b) => ((b.rosi ?? -Infinity) > (a.rosi ?? -Infinity) ? b : a));
    return fitTitle([34, 28, 22, 16].map((n) => `Best return: ${clip(best.name, n)}, ${rosiLabel(best.rosi)}`), width);
  }
  // only options that save more than they let through (a cheaper carrier with a little more loss)
  const best = paying.reduce((a, b) => (b.netBenefit > a.netBenefit ? b : a));
  return fitTitle([32, 24, 16].map((n) => `${clip(best.name, n)} saves ${m(best.netBenefit)} a year net`), width);
}

/** A point as drawn: its place and label (Placed), its whisker, its mark's symbol and the leader to a nudged label. */
export interface TreatmentMark extends Placed {
  colour: string;
  whisker: string;
  symbol: string;
  leader: string | null;
}

/** A text of the break-even layer: the "Pays for itself" caption, then the break-even note. */
export interface BreakEvenText {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
  size: number;
  weight: number | null;
  fill: string;
}

/** The chart's body: plot box, break-even region, line and texts, axes, zero lines, frontier and its key, points. */
export interface TreatmentsBody {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** The region where a treatment pays for itself (path), null when none of it is in view. */
  region: string | null;
  /** The break-even line (loss avoided = cost) across the plot, null when it misses it. */
  breakEven: { x1: number; y1: number; x2: number; y2: number } | null;
  texts: BreakEvenText[];
  axes: { x: AxisScene; y: AxisScene };
  zero: Array<{ id: string; x1: number; x2: number; y1: number; y2: number }>;
  titles: AxisTitle[];
  /** The efficient frontier's line (path), null with fewer than two points on it. */
  frontier: string | null;
  key: LegendItem[];
  points: TreatmentMark[];
}

/** The treatments chart as plain data; `body` null when there is no point to draw. */
export interface TreatmentsScene {
  title: string;
  label: string;
  body: TreatmentsBody | null;
}

/** The treatments chart's scene at `size`: no DOM, so a test can check it directly. */
export function layoutTreatments(data: TreatmentsData, size: ViewSize): TreatmentsScene {
  const locale = data.locale ?? 'en-US';
  const m = (x: number): string => signed(moneyShort(x, data.currency, locale));
  const mx = (x: number): string => signed(moneyExact(x, data.currency, locale));
  const points = data.points.filter((p) => Number.isFinite(p.annualCost) && Number.isFinite(p.reduction));
  const frontier = efficientFrontier(points);
  const onFrontier = new Set(frontier.map((p) => p.id));

  const title = finding(points, m, size.width);
  const label = `Treatments: annual cost against expected annual loss avoided, with 95 % intervals; points above the break-even line pay for themselves. ${points
    .map((p) => `${p.name}: cost ${mx(p.annualCost)}, avoids ${mx(p.reduction)}, ${rosiLabel(p.rosi)}`)
    .join('; ')}.`;
  if (!points.length) return { title, label, body: null };

  const y0 = TITLE_HEIGHT + 12;
  const y1 = size.height - 40;

  // Domains include zero, every cost, every interval; padded so labels have room.
  const xs = [0, ...points.map((p) => p.annualCost)];
  const ys = [0, ...points.flatMap((p) => [p.reduction, p.ci95[0], p.ci95[1]].filter(Number.isFinite))];
  const pad = (lo: number, hi: number, f: number): [number, number] => {
    const span = hi - lo || Math.abs(hi) || 1;
    return [lo - span * f, hi + span * f];
  };
  const y = scaleLinear()
    .domain(pad(Math.min(...ys), Math.max(...ys), 0.05))
    .range([y1, y0])
    .nice();
  const yTicks = y.ticks(Math.max(2, Math.floor((y1 - y0) / 40)));
  // The left margin fits the longest money tick ("1,2 Mio. €" is longer than "€1.2M") and the axis title.
  const x0 = Math.ceil(28 + Math.max(...yTicks.map((t) => textWidth(m(t), 10))));
  const x = scaleLinear()
    .domain(pad(Math.min(...xs), Math.max(...xs), 0.08))
    .nice();
  const xLabelW = Math.max(...x.ticks(10).map((t) => textWidth(m(t), 10)));
  // The last tick label is centred on the right edge of the plot: keep half of it inside the view.
  const x1 = size.width - Math.ceil(Math.max(16, xLabelW / 2 + 4));
  x.range([x0, x1]);
  const xTicks = x.ticks(Math.max(2, Math.floor((x1 - x0) / (xLabelW + 24))));
  const [dx0, dx1] = x.domain() as [number, number];
  const [dy0, dy1] = y.domain() as [number, number];

  // Break-even: the region where loss avoided > cost (the rectangle clipped by the half-plane y > x).
  const region = clipAbove([
    [dx0, dy0],
    [dx1, dy0],
    [dx1, dy1],
    [dx0, dy1],
  ]);
  const lo = Math.max(dx0, dy0);
  const hi = Math.min(dx1, dy1);
  const sym = currencySymbol(data.currency, locale);
  const titles: AxisTitle[] = [
    { id: 'x', text: `Annual cost (${sym} per year)`, x: x0 + (x1 - x0) * 0.36, y: size.height - 6, rotate: 0 },
    { id: 'y', text: `Expected loss avoided (${sym} per year)`, x: 12, y: (y0 + y1) / 2, rotate: -90 },
  ];

  // The frontier's key, right-aligned in the plot's bottom corner.
  const keyText = 'efficient frontier';
  const key: LegendItem[] =
    frontier.length >= 2
      ? [
          {
            key: keyText,
            at: [x1 - 4, y1 - 19],
            parts: [
              { tag: 'line', attrs: { x1: -textWidth(keyText, 9.5) - 26, x2: -textWidth(keyText, 9.5) - 6, stroke: COLOURS.frontier, 'stroke-width': 1.5 } },
              { tag: 'text', attrs: { y: 3, 'text-anchor': 'end', 'font-size': 9.5, fill: COLOURS.frontier }, text: keyText },
            ],
          },
        ]
      : [];

  // Labels: beside each point (right, or left in the right third), then nudged vertically apart.
  // Two-line labels (name, then ROSI) when they fit; one line ("name · ROSI") when the plot is crowded.
  const place = (compact: boolean): Placed[] =>
    points.map((p) => {
      const px = x(p.annualCost);
      const py = y(p.reduction);
      const sub = `${p.kind === 'whatif' ? 'what-if · ' : ''}${rosiLabel(p.rosi)}${p.status !== undefined ? ` · ${p.status}` : ''}`;
      // Right of the point unless the name fits better on the left; clipped to the room there is.
      const roomRight = x1 - (px + 9);
      const roomLeft = px - 9 - x0;
      const full = textWidth(compact ? `${p.name} · ${sub}` : p.name, 10);
      const anchor: 'start' | 'end' = full <= roomRight || roomRight >= roomLeft ? 'start' : 'end';
      const bold = p.kind === 'whatif' ? 1.1 : 1; // the what-if's name is bold, hence wider
      const room = Math.floor((anchor === 'start' ? roomRight : roomLeft) / (10 * 0.58 * bold));
      const name = compact
        ? `${clip(p.name, Math.max(8, Math.min(22, room - sub.length - 3)))} · ${sub}`
        : clip(p.name, Math.max(12, Math.min(34, room)));
      const w = compact ? textWidth(name, 10) * bold : Math.max(textWidth(name, 10) * bold, textWidth(sub, 9.5));
      return { p, px, py, name, sub: compact ? '' : sub, anchor, lx: anchor === 'start' ? px + 9 : px - 9, ly: py - 2, w, onFrontier: onFrontier.has(p.id) };
    });
  let placed = place(false);
  if (!nudge(placed, y0 + 10, y1 - 14, 23)) {
    placed = place(true);
    nudge(placed, y0 + 10, y1 - 4, 13);
  }
  // "Pays for itself" where no point label is; the break-even note on the axis-title row,
  // right-aligned (inside the plot it would collide with point labels), shortened when the row is narrow
  const caption = captionY(placed, x0 + 6, y0 + 12, y1, (py, right) => y.invert(py) >= x.invert(right));
  const texts: BreakEvenText[] = [
    { text: caption === null ? '' : 'Pays for itself', x: x0 + 6, y: caption ?? y0 + 12, anchor: 'start', size: 11, weight: 600, fill: COLOURS.paysText },
    { text: breakEvenText(x1 - titles[0]!.x - textWidth(titles[0]!.text, 11) / 2 - 10), x: x1, y: size.height - 6, anchor: 'end', size: 9.5, weight: null, fill: COLOURS.paysText },
  ];

  return {
    title,
    label,
    body: {
      x0,
      x1,
      y0,
      y1,
      region: region.length >= 3 ? `M${region.map(([a, b]) => `${x(a)},${y(b)}`).join('L')}Z` : null,
      breakEven: hi > lo ? { x1: x(lo), y1: y(lo), x2: x(hi), y2: y(hi) } : null,
      texts,
      axes: {
        x: axisScene('bottom', x, x.range(), xTicks, m, [0, y1]),
        y: axisScene('left', y, y.range(), yTicks, m, [x0, 0]),
      },
      zero: [
        { id: 'x', x1: x(0), x2: x(0), y1: y0, y2: y1 },
        { id: 'y', x1: x0, x2: x1, y1: y(0), y2: y(0) },
      ],
      titles,
      frontier:
        frontier.length >= 2
          ? line<TreatmentPoint>()
              .x((p) => x(p.annualCost))
              .y((p) => y(p.reduction))(frontier)
          : null,
      key,
      points: placed.map((d) => {
        const a = y(d.p.ci95[0]);
        const b = y(d.p.ci95[1]);
        const whatif = d.p.kind === 'whatif';
        return {
          ...d,
          colour: whatif ? WHATIF : TREATMENT,
          whisker: `M${d.px},${a}V${b}M${d.px - 3},${a}H${d.px + 3}M${d.px - 3},${b}H${d.px + 3}`,
          symbol: symbol(whatif ? symbolDiamond : symbolCircle, whatif ? 90 : 50)() ?? '',
          leader: Math.abs(d.ly + 2 - d.py) > 6 ? `M${d.px + (d.anchor === 'start' ? 4 : -4)},${d.py}L${d.lx + (d.anchor === 'start' ? -2 : 2)},${d.ly - 3}` : null,
        };
      }),
    },
  };
}

/**
 * Draws (or updates) the treatments scatter in `element`. Money in data.currency per year. Points
 * are focusable and show their exact figures in the tooltip.
 */
export function treatments(element: HTMLElement, data: TreatmentsData): void {
  const size = viewSize(element, data.size, { width: 520, height: 300 });
  const locale = data.locale ?? 'en-US';
  const mx = (x: number): string => signed(moneyExact(x, data.currency, locale));
  const scene = layoutTreatments(data, size);
  const svg = chartFrame(element, { title: scene.title, label: scene.label, size });
  const tip = tooltip(element);
  tip.hide();

  const b = scene.body;
  const body = layer(svg, 'tr-body').attr('display', b ? null : 'none');
  emptyMessage(svg, 'tr-empty', b ? null : 'No treatments in this scenario', size);
  if (!b) return;
  const { x0, x1, y0, y1 } = b;

  const be = layer(body, 'tr-breakeven');
  be.selectAll('path.region')
    .data(b.region === null ? [] : [b.region])
    .join('path')
    .attr('class', 'region')
    .attr('d', (d) => d)
    .attr('fill', PAYS);
  be.selectAll('line')
    .data(b.breakEven ? [b.breakEven] : [])
    .join('line')
    .attr('x1', (d) => d.x1)
    .attr('y1', (d) => d.y1)
    .attr('x2', (d) => d.x2)
    .attr('y2', (d) => d.y2)
    .attr('stroke', COLOURS.paysLine)
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', '5 3');
  be.selectAll('text')
    .data(b.texts)
    .join('text')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('text-anchor', (d) => d.anchor)
    .attr('font-size', (d) => d.size)
    .attr('font-weight', (d) => d.weight)
    .attr('fill', (d) => d.fill)
    .text((d) => d.text);

  // Axes, zero lines and titles.
  drawAxis(body, 'tr-x-axis', b.axes.x);
  drawAxis(body, 'tr-y-axis', b.axes.y);
  layer(body, 'tr-zero')
    .selectAll('line')
    .data(b.zero)
    .join('line')
    .attr('x1', (d) => d.x1)
    .attr('x2', (d) => d.x2)
    .attr('y1', (d) => d.y1)
    .attr('y2', (d) => d.y2)
    .attr('stroke', COLOURS.guide)
    .attr('stroke-width', 1);
  drawAxisTitles(body, 'tr-axis-titles', b.titles);

  // Efficient frontier: a line through the non-dominated points, in cost order, and its key.
  layer(body, 'tr-frontier')
    .selectAll('path')
    .data(b.frontier === null ? [] : [b.frontier])
    .join('path')
    .attr('d', (d) => d)
    .attr('fill', 'none')
    .attr('stroke', COLOURS.frontier)
    .attr('stroke-width', 1.5)
    .attr('stroke-opacity', 0.8);
  drawLegend(layer(body, 'tr-key'), b.key);

  // Whiskers (95 % intervals).
  layer(body, 'tr-whiskers')
    .selectAll<SVGPathElement, TreatmentMark>('path')
    .data(b.points, (d) => d.p.id)
    .join('path')
    .attr('d', (d) => d.whisker)
    .attr('stroke', (d) => d.colour)
    .attr('stroke-opacity', 0.7)
    .attr('fill', 'none');

  const g = layer(body, 'tr-points')
    .selectAll<SVGGElement, TreatmentMark>('g.point')
    .data(b.points, (d) => d.p.id)
    .join((enter) => {
      const e = enter.append('g').attr('tabindex', 0);
      e.append('path').attr('class', 'leader');
      e.append('path').attr('class', 'mark');
      const t = e.append('text').attr('class', 'label');
      t.append('tspan').attr('class', 'name');
      t.append('tspan').attr('class', 'sub');
      return e;
    })
    .attr('class', (d) => `point point-${d.p.kind}${d.onFrontier ? ' on-frontier' : ''}${d.p.status !== undefined ? ` status-${d.p.status}` : ''}`)
    .attr('data-status', (d) => d.p.status ?? null)
    .attr('aria-label', (d) => `${d.p.kind === 'whatif' ? 'What-if' : 'Treatment'} ${d.p.name}: annual cost ${mx(d.p.annualCost)}, expected loss avoided ${mx(d.p.reduction)} (95 % interval ${mx(d.p.ci95[0])} to ${mx(d.p.ci95[1])}), net benefit ${mx(d.p.netBenefit)}, ${rosiLabel(d.p.rosi)}${d.onFrontier ? ', on the efficient frontier' : ''}${planLines(d.p).map((l) => `; ${l}`).join('')}`)
    .on('mouseenter focus', (event: MouseEvent | FocusEvent, d) => {
      const [px, py] = 'clientX' in event ? pointerIn(element, event) : [d.px, d.py];
      tip.show(
        [
          `${d.p.name}${d.p.kind === 'whatif' ? ' (what-if)' : ''}`,
          `Annual cost: ${mx(d.p.annualCost)}`,
          `Loss avoided: ${mx(d.p.reduction)} a year`,
          `95 % interval: ${mx(d.p.ci95[0])} to ${mx(d.p.ci95[1])}`,
          `Net benefit: ${mx(d.p.netBenefit)} · ${rosiLabel(d.p.rosi)}`,
          ...planLines(d.p),
        ],
        px,
        py,
      );
    })
    .on('mouseleave blur', () => tip.hide());
  // a rejected treatment is drawn hollow: still simulated, shown for the record
  g.select('path.mark')
    .attr('transform', (d) => `translate(${d.px},${d.py})`)
    .attr('d', (d) => d.symbol)
    .attr('fill', (d) => (d.p.status === 'rejected' ? WHITE : d.colour))
    .attr('stroke', (d) => (d.p.status === 'rejected' ? d.colour : WHITE))
    .attr('stroke-width', (d) => (d.p.status === 'rejected' ? 1.5 : 1.25));
  g.select('path.leader')
    .attr('d', (d) => d.leader)
    .attr('stroke', AXIS)
    .attr('fill', 'none');
  const text = g
    .select('text.label')
    .attr('x', (d) => d.lx)
    .attr('y', (d) => d.ly)
    .attr('text-anchor', (d) => d.anchor)
    .attr('font-size', 10)
    .attr('stroke', WHITE)
    .attr('stroke-width', 3)
    .attr('stroke-linejoin', 'round')
    .attr('paint-order', 'stroke');
  text
    .select('tspan.name')
    .attr('x', (d) => d.lx)
    .attr('dy', 0)
    .attr('fill', INK)
    .attr('font-weight', (d) => (d.p.kind === 'whatif' ? 700 : null))
    .text((d) => d.name);
  text
    .select('tspan.sub')
    .attr('x', (d) => d.lx)
    .attr('dy', 11)
    .attr('font-size', 9.5)
    .attr('fill', (d) => (d.p.kind === 'whatif' ? WHATIF : MUTED))
    .text((d) => d.sub);
}

/**
 * A treatment's place in the risk treatment plan as tooltip lines: "Status: in-progress", then owner,
 * due date and decision when the scenario states them (the due date as stated, never against today).
 */
export function planLines(p: TreatmentPoint): string[] {
  if (p.status === undefined) return [];
  return [
    `Status: ${p.status}${p.status === 'rejected' ? ' (simulated for the record)' : ''}`,
    ...(p.owner !== undefined ? [`Owner: ${p.owner}`] : []),
    ...(p.due !== undefined ? [`Due: ${p.due}`] : []),
    ...(p.decision !== undefined ? [`Decision: ${p.decision}`] : []),
  ];
}

/** The polygon clipped to the half-plane y ≥ x (Sutherland–Hodgman, one edge). */
function clipAbove(poly: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const inside = (p: [number, number]): boolean => p[1] >= p[0];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const ia = inside(a);
    const ib = inside(b);
    if (ia) out.push(a);
    if (ia !== ib) {
      // Intersection with y = x: a + t(b − a) where a.y − a.x + t((b.y − b.x) − (a.y − a.x)) = 0.
      const da = a[1] - a[0];
      const db = b[1] - b[0];
      const t = da / (da - db);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

/** Width the "Pays for itself" caption takes (11 px, semibold). */
const CAPTION_W = textWidth('Pays for itself', 11) * 1.1;

/**
 * The baseline of the "Pays for itself" caption at `x`: the highest from `top` down (4 px steps)
 * where it meets no point label or point and still lies in the shaded region (`inRegion(y, right
 * end)`); null when there is no such place (the caption is left out rather than drawn over a label).
 */
export function captionY(placed: readonly Placed[], x: number, top: number, bottom: number, inRegion: (y: number, right: number) => boolean): number | null {
  const boxes = placed.flatMap((d) => {
    const [a, b] = d.anchor === 'start' ? [d.lx, d.lx + d.w] : [d.lx - d.w, d.lx];
    return [
      { a, b, top: d.ly - 10, bottom: d.ly + (d.sub ? 13 : 3) },
      { a: d.px - 6, b: d.px + 6, top: d.py - 6, bottom: d.py + 6 },
    ];
  });
  for (let ty = top; ty <= bottom - 6; ty += 4) {
    if (!inRegion(ty, x + CAPTION_W)) return null;
    if (!boxes.some((o) => o.a < x + CAPTION_W + 2 && x - 2 < o.b && o.top < ty + 3 && ty - 11 < o.bottom)) return ty;
  }
  return null;
}

/** The break-even note that fits in `room` px at 9.5 px: in full, short, or nothing. */
function breakEvenText(room: number): string {
  for (const t of ['- - break-even: loss avoided = cost', '- - break-even', '']) if (textWidth(t, 9.5) <= room) return t;
  return '';
}

/**
 * Greedy vertical nudging: labels whose horizontal extents overlap are kept h px apart (h = the
 * label's height). Pass 1 goes down from the top pushing labels down; pass 2 goes up from the bottom
 * pulling back the ones that ran past it. Only when the plot is too short for them all do labels
 * meet the top edge and overlap; then it returns false.
 */
function nudge(labels: Placed[], top: number, bottom: number, h: number): boolean {
  const box = (d: Placed): [number, number] => (d.anchor === 'start' ? [d.lx, d.lx + d.w] : [d.lx - d.w, d.lx]);
  const clash = (d: Placed, o: Placed): boolean => {
    const [a, b] = box(d);
    const [c, e] = box(o);
    return a < e + 4 && c < b + 4;
  };
  const down = [...labels].sort((a, b) => a.ly - b.ly || a.px - b.px);
  const done: Placed[] = [];
  for (const d of down) {
    d.ly = Math.max(d.ly, top);
    for (const o of done) if (clash(d, o) && d.ly < o.ly + h) d.ly = o.ly + h;
    done.push(d);
  }
  const up = [...labels].sort((a, b) => b.ly - a.ly || b.px - a.px);
  const below: Placed[] = [];
  for (const d of up) {
    d.ly = Math.min(d.ly, bottom);
    for (const o of below) if (clash(d, o) && d.ly > o.ly - h) d.ly = o.ly - h;
    d.ly = Math.max(d.ly, top);
    below.push(d);
  }
  return labels.every((d, i) => labels.every((o, j) => j <= i || !clash(d, o) || Math.abs(d.ly - o.ly) >= h - 0.01));
}
