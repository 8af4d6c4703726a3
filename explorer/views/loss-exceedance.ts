// Loss exceedance curve: P(annual loss > x) against x on log scales, one line per curve (baseline,
// what-if over its ghosted baseline, treatments), with the main result's 1-in-20, 1-in-100 and CVaR95
// marks; points with zero loss or probability are dropped. layoutLossExceedance computes the scene,
// lossExceedance draws it and reads the curves; it never estimates a curve from trials.
import { bisector, line, scaleLog, type ScaleLogarithmic } from 'd3';
import type { ExceedanceCurve, LossExceedanceData, ViewSize } from '../model/view-data.js';
import { axisScene, drawAxis, drawAxisTitles, type AxisScene, type AxisTick, type AxisTitle } from './parts/axes.js';
import { currencySymbol, moneyExact, moneyShort, shownChange } from './parts/format.js';
import { chartFrame, emptyMessage, layer, pointerIn, TITLE_HEIGHT, tooltip, viewSize } from './parts/frame.js';
import { drawLegend, type LegendItem } from './parts/legend.js';
import { ACCENT, AXIS, GHOST, GRID, INK, MUTED, OKABE_ITO, WHITE } from './parts/palette.js';
import { clip, fitTitle, roughTextWidth as textWidth } from './parts/text.js';

type Point = { loss: number; probability: number };

/** Treatments get a dash pattern too: never colour alone. */
const DASHES = ['6 3', '2 2', '8 3 2 3', '4 2 1 2', '10 3', '1 3'];

export interface Style {
  stroke: string;
  width: number;
  dash: string | null;
  order: number;
}

function styleOf(curve: ExceedanceCurve, treatmentIndex: number): Style {
  switch (curve.role) {
    case 'baseline':
      return { stroke: INK, width: 2, dash: null, order: 2 };
    case 'whatif':
      return { stroke: ACCENT, width: 3, dash: null, order: 3 };
    case 'ghost':
      return { stroke: GHOST, width: 1.75, dash: '5 4', order: 0 };
    default:
      return { stroke: OKABE_ITO[treatmentIndex % OKABE_ITO.length]!, width: 1.25, dash: DASHES[treatmentIndex % DASHES.length]!, order: 1 };
  }
}

interface Drawn {
  curve: ExceedanceCurve;
  points: Point[];
  style: Style;
}

/** A probability as the axis writes it: "50 %", "1 %", "0.1 %". */
function pctTick(p: number): string {
  const v = p * 100;
  return `${v >= 1 ? Math.round(v) : Number(v.toPrecision(1))} %`;
}

/** A probability with the precision a tooltip needs: "5.02 %", "0.013 %". */
function pctExact(p: number): string {
  const v = p * 100;
  return `${v >= 10 ? v.toFixed(1) : Number(v.toPrecision(3))} %`;
}

/** "1 in 20 yrs" for a yearly exceedance probability of 5 %. */
function returnPeriod(p: number, locale: string): string {
  if (p >= 1) return '';
  const years = 1 / p;
  const rounded = years < 10 ? Number(years.toPrecision(2)) : Math.round(years);
  return `1 in ${rounded.toLocaleString(locale)} yrs`;
}

/** The loss exceeded with probability p, interpolated in log–log space; undefined off the curve. */
export function lossAtProbability(points: readonly Point[], p: number): number | undefined {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (a.probability >= p && b.probability <= p) {
      if (a.probability === b.probability) return a.loss;
      const t = (Math.log(p) - Math.log(a.probability)) / (Math.log(b.probability) - Math.log(a.probability));
      return Math.exp(Math.log(a.loss) + t * (Math.log(b.loss) - Math.log(a.loss)));
    }
  }
  return undefined;
}

/** A curve's point as drawn: its loss and probability, and its place (px). */
export interface LecPoint {
  loss: number;
  probability: number;
  px: number;
  py: number;
}

/** A curve as drawn: its style, path, points and its summaries (short figures for the aria label, exact for the tooltip). */
export interface LecCurve {
  id: string;
  role: ExceedanceCurve['role'];
  label: string;
  style: Style;
  d: string;
  points: LecPoint[];
  summary: string;
  summaryExact: string;
}

/** A reference mark: its line at px, its label centred at cx on the row ty above the plot. */
export interface LecMark {
  id: string;
  value: number;
  long: string;
  text: string;
  /** Its tooltip and aria-label, the figure in full: "1-in-20-year loss (VaR95): €3,512,400". */
  tip: string;
  px: number;
  cx: number;
  ty: number;
}

/** The chart's body: plot box, axes, grid, marks, curves (back to front), legend, and the curve the keyboard reads. */
export interface LecBody {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** The loss axis's domain (log scale from x0 to x1), for reading a loss at the pointer. */
  xDomain: [number, number];
  axes: { x: AxisScene; y: AxisScene; y2: AxisScene };
  titles: AxisTitle[];
  marks: LecMark[];
  curves: LecCurve[];
  legend: { at: [number, number]; box: { width: number; height: number } | null; items: LegendItem[] };
  /** The main curve's id: the what-if, else the baseline, else the first. */
  main: string;
}

/** The loss exceedance chart as plain data; `body` null when no curve has a drawable point. */
export interface LecScene {
  title: string;
  label: string;
  body: LecBody | null;
}

/** The loss exceedance chart's scene at `size`: no DOM, so a test can check it directly. */
export function layoutLossExceedance(data: LossExceedanceData, size: ViewSize): LecScene {
  const locale = data.locale ?? 'en-US';
  const m = (x: number): string => moneyShort(x, data.currency, locale);
  const mx = (x: number): string => moneyExact(x, data.currency, locale);

  let t = 0;
  const drawn: Drawn[] = data.curves
    .map((curve) => ({
      curve,
      points: curve.points.filter((p) => p.loss > 0 && p.probability > 0 && Number.isFinite(p.loss) && Number.isFinite(p.probability)),
      style: styleOf(curve, curve.role === 'treatment' ? t++ : 0),
    }))
    .filter((d) => d.points.length > 0);
  const main = drawn.find((d) => d.curve.role === 'whatif') ?? drawn.find((d) => d.curve.role === 'baseline') ?? drawn[0];
  const ghost = drawn.find((d) => d.curve.role === 'ghost');
  const marks = [
    { id: 'var95', value: data.var95, short: '1-in-20', long: '1-in-20-year loss (VaR95)' },
    { id: 'cvar95', value: data.cvar95, short: 'CVaR95', long: 'Average of the worst 5 % of years (CVaR95)' },
    { id: 'p99', value: data.p99, short: '1-in-100', long: '1-in-100-year loss (p99)' },
  ].filter((k) => main && Number.isFinite(k.value) && k.value > 0);

  let title: string;
  if (!main) title = 'No loss curve to show yet';
  else if (main.curve.role === 'whatif' && ghost) {
    const before = data.baselineVar95 ?? lossAtProbability(ghost.points, 0.05);
    // a change is claimed only when the two figures are written differently
    const change = before === undefined ? 0 : shownChange(before, data.var95, m);
    const verb = change < 0 ? 'cuts' : 'raises';
    title =
      before === undefined || change === 0
        ? fitTitle([`What-if: 1-in-20-year loss ${m(data.var95)}`], size.width)
        : fitTitle(
            [`What-if ${verb} the 1-in-20-year loss from ${m(before)} to ${m(data.var95)}`, `What-if ${verb} the 1-in-20 loss: ${m(before)} → ${m(data.var95)}`],
            size.width,
          );
  } else title = fitTitle([`One year in 20 loses over ${m(data.var95)}; one in 100 over ${m(data.p99)}`, `One year in 20 loses over ${m(data.var95)}`], size.width);
  const label = main
    ? `Loss exceedance curve, log scales: the probability per year that the annual loss exceeds an amount. Curves: ${drawn
        .map((d) => d.curve.label)
        .join(', ')}. ${marks.map((k) => `${k.long}: ${mx(k.value)}`).join('; ')}.`
    : 'Loss exceedance curve: no data.';
  if (!main) return { title, label, body: null };

  const margin = { top: TITLE_HEIGHT + 26, bottom: 40, left: 64 };
  const y0 = margin.top;
  const y1 = size.height - margin.bottom;

  // Scales: losses over the curves' extent and the marks; probabilities from the decade under the
  // smallest one (≈ 1/trials) up to 100 %.
  const all = drawn.flatMap((d) => d.points);
  let lo = Math.min(...all.map((p) => p.loss), ...marks.map((k) => k.value));
  let hi = Math.max(...all.map((p) => p.loss), ...marks.map((k) => k.value));
  if (hi <= lo) [lo, hi] = [lo / 10, hi * 10];
  const pMin = Math.pow(10, Math.floor(Math.log10(Math.min(...all.map((p) => p.probability)))));
  const y = scaleLog()
    .domain([Math.min(pMin, 0.1), 1])
    .range([y1, y0]);
  const yTicks = pickYTicks(y);
  // The right axis reads the same ticks as return periods; the margin fits its longest label.
  const x0 = margin.left;
  const x1 = size.width - Math.ceil(12 + Math.max(...yTicks.map((p) => textWidth(returnPeriod(p, locale), 10) * 1.1)));
  const x = scaleLog().domain([lo, hi]).range([x0, x1]);

  // Axes. Money ticks at 1 and 3 × 10^k when a decade is wide enough, else at decades.
  const decadePx = (x1 - x0) / Math.log10(hi / lo);
  const mult = decadePx >= 90 ? [1, 3] : decadePx >= 30 ? [1] : [];
  const xTicks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const f of mult) {
      const v = f * Math.pow(10, k);
      if (v >= lo && v <= hi) xTicks.push(v);
    }
  }
  if (xTicks.length < 2) xTicks.splice(0, xTicks.length, lo, hi);
  const sym = currencySymbol(data.currency, locale);

  // Reference marks (main curve): dashed verticals, labelled in one row above the plot; labels
  // sit over their line when they can and are pushed apart (with a leader) when they would overlap.
  const placed = spreadLabels(
    [...marks].sort((a, b) => a.value - b.value).map((k) => ({ ...k, text: `${k.short}: ${m(k.value)}`, px: x(k.value) })),
    x0,
    size.width - 4,
  ).map((k) => ({ id: k.id, value: k.value, long: k.long, text: k.text, tip: `${k.long}: ${mx(k.value)}`, px: k.px, cx: k.cx, ty: y0 - 12 }));

  // Curves, back to front: ghost, treatments, baseline, what-if.
  const path = line<Point>()
    .x((p) => x(p.loss))
    .y((p) => y(p.probability));
  const ordered = [...drawn].sort((a, b) => a.style.order - b.style.order);
  const curves = ordered.map(
    (d): LecCurve => ({
      id: d.curve.id,
      role: d.curve.role,
      label: d.curve.label,
      style: d.style,
      d: path(d.points) ?? '',
      points: d.points.map((p) => ({ loss: p.loss, probability: p.probability, px: x(p.loss), py: y(p.probability) })),
      summary: curveSummary(d, m),
      summaryExact: curveSummary(d, mx),
    }),
  );

  // Legend (when there is more than one curve): in the plot corner the curves leave emptiest.
  const legendRows = drawn.length > 1 ? [...drawn].sort((a, b) => b.style.order - a.style.order) : [];
  const legendW = 34 + Math.max(0, ...legendRows.map((d) => textWidth(clip(d.curve.label, 36), 10)));
  const legendH = legendRows.length * 14 + 4;
  const corners = [
    { x: x0 + 8, y: y1 - legendH - 6 },
    { x: x1 - legendW - 6, y: y0 + 8 },
    { x: x1 - legendW - 6, y: y1 - legendH - 6 },
  ];
  const crowd = (c: { x: number; y: number }): number =>
    all.filter((p) => {
      const px = x(p.loss);
      const py = y(p.probability);
      return px >= c.x - 4 && px <= c.x + legendW + 4 && py >= c.y - 4 && py <= c.y + legendH + 4;
    }).length;
  const corner = corners.reduce((best, c) => (crowd(c) < crowd(best) ? c : best), corners[0]!);

  return {
    title,
    label,
    body: {
      x0,
      x1,
      y0,
      y1,
      xDomain: [lo, hi],
      axes: {
        x: axisScene('bottom', x, x.range(), xTicks, m, [0, y1]),
        y: axisScene('left', y, y.range(), yTicks, pctTick, [x0, 0]),
        y2: axisScene('right', y, y.range(), yTicks, (p) => returnPeriod(p, locale), [x1, 0]),
      },
      titles: [
        { id: 'x', text: `Annual loss (${sym}, log scale)`, x: (x0 + x1) / 2, y: size.height - 6, rotate: 0 },
        { id: 'y', text: 'Probability of exceeding (per year)', x: 12, y: (y0 + y1) / 2, rotate: -90 },
      ],
      marks: placed,
      curves,
      legend: {
        at: [corner.x, corner.y],
        box: legendRows.length ? { width: legendW + 4, height: legendH } : null,
        items: legendRows.map(
          (d, i): LegendItem => ({
            key: d.curve.id,
            at: [0, i * 14 + 8],
            parts: [
              { tag: 'line', attrs: { x1: 0, x2: 26, y1: 0, y2: 0, stroke: d.style.stroke, 'stroke-width': d.style.width, 'stroke-dasharray': d.style.dash } },
              { tag: 'text', attrs: { x: 32, y: 3.5, 'font-size': 10, fill: INK }, text: clip(d.curve.label, 36) },
            ],
          }),
        ),
      },
      main: main.curve.id,
    },
  };
}

/**
 * Draws (or updates) the exceedance chart in `element`. Losses in data.currency; probabilities
 * per year. Keyboard: each curve and mark is focusable; the plot area takes ←/→ to step along the
 * main curve, showing every curve's reading at that loss.
 */
export function lossExceedance(element: HTMLElement, data: LossExceedanceData): void {
  const size = viewSize(element, data.size, { width: 520, height: 300 });
  const locale = data.locale ?? 'en-US';
  const mx = (x: number): string => moneyExact(x, data.currency, locale);
  const scene = layoutLossExceedance(data, size);
  const svg = chartFrame(element, { title: scene.title, label: scene.label, size });
  const tip = tooltip(element);

  const body = layer(svg, 'lec-body');
  const b = scene.body;
  emptyMessage(svg, 'lec-empty', b ? null : 'No loss curve yet: run the simulation', size);
  body.attr('display', b ? null : 'none');
  if (!b) {
    tip.hide();
    return;
  }
  const { x0, x1, y0, y1 } = b;

  const grid = layer(body, 'lec-grid');
  grid
    .selectAll<SVGLineElement, AxisTick>('line.gx')
    .data(b.axes.x.ticks, (d) => d.value)
    .join('line')
    .attr('class', 'gx')
    .attr('x1', (d) => d.pos)
    .attr('x2', (d) => d.pos)
    .attr('y1', y0)
    .attr('y2', y1)
    .attr('stroke', GRID);
  grid
    .selectAll<SVGLineElement, AxisTick>('line.gy')
    .data(b.axes.y.ticks, (d) => d.value)
    .join('line')
    .attr('class', 'gy')
    .attr('x1', x0)
    .attr('x2', x1)
    .attr('y1', (d) => d.pos)
    .attr('y2', (d) => d.pos)
    .attr('stroke', GRID);

  drawAxis(body, 'lec-x-axis', b.axes.x);
  drawAxis(body, 'lec-y-axis', b.axes.y);
  drawAxis(body, 'lec-y2-axis', b.axes.y2);
  drawAxisTitles(body, 'lec-axis-titles', b.titles);

  const mk = layer(body, 'lec-marks')
    .selectAll<SVGGElement, LecMark>('g.mark')
    .data(b.marks, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mark').attr('tabindex', 0);
      g.append('line');
      g.append('path');
      g.append('text');
      return g;
    })
    .attr('aria-label', (d) => d.tip)
    .on('focus mouseenter', (event: FocusEvent, d) => tip.show([d.tip], d.cx, d.ty + 6))
    .on('blur mouseleave', () => tip.hide());
  mk.select('line')
    .attr('x1', (d) => d.px)
    .attr('x2', (d) => d.px)
    .attr('y1', y0)
    .attr('y2', y1)
    .attr('stroke', MUTED)
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', '3 3');
  mk.select('path')
    .attr('d', (d) => `M${d.cx},${d.ty + 3}L${d.px},${y0}`)
    .attr('fill', 'none')
    .attr('stroke', MUTED)
    .attr('stroke-width', 1);
  mk.select('text')
    .attr('x', (d) => d.cx)
    .attr('y', (d) => d.ty)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10)
    .attr('fill', INK)
    .text((d) => d.text);

  layer(body, 'lec-curves')
    .selectAll<SVGPathElement, LecCurve>('path.curve')
    .data(b.curves, (d) => d.id)
    .join('path')
    .attr('class', (d) => `curve curve-${d.role}`)
    .attr('d', (d) => d.d)
    .attr('fill', 'none')
    .attr('stroke', (d) => d.style.stroke)
    .attr('stroke-width', (d) => d.style.width)
    .attr('stroke-dasharray', (d) => d.style.dash)
    .attr('stroke-linejoin', 'round')
    .attr('tabindex', 0)
    .attr('aria-label', (d) => d.summary)
    .on('focus', (event: FocusEvent, d) => {
      const p = d.points[Math.floor(d.points.length / 2)]!;
      tip.show([d.summaryExact], p.px, p.py);
    })
    .on('blur', () => tip.hide());

  const legend = layer(body, 'lec-legend').attr('transform', `translate(${b.legend.at[0]},${b.legend.at[1]})`);
  legend
    .selectAll<SVGRectElement, { width: number; height: number }>('rect.bg')
    .data(b.legend.box ? [b.legend.box] : [])
    .join('rect')
    .attr('class', 'bg')
    .attr('x', -4)
    .attr('y', -2)
    .attr('width', (d) => d.width)
    .attr('height', (d) => d.height)
    .attr('fill', WHITE)
    .attr('fill-opacity', 0.85);
  drawLegend(legend, b.legend.items);

  // Reading: a guide at the pointer's loss (or the keyboard cursor), a dot and a tooltip line per curve.
  const hover = layer(body, 'lec-hover');
  const x = scaleLog().domain(b.xDomain).range([x0, x1]);
  const byLoss = bisector<LecPoint, number>((p) => p.loss).center;
  const nearest = (pts: LecPoint[], loss: number): LecPoint => pts[Math.min(pts.length - 1, byLoss(pts, loss))]!;
  const show = (loss: number, at: [number, number]): void => {
    const rows = b.curves
      .slice()
      .reverse()
      .map((d) => ({ d, p: nearest(d.points, loss) }));
    hover
      .selectAll<SVGLineElement, number>('line')
      .data([loss])
      .join('line')
      .attr('x1', (v) => x(v))
      .attr('x2', (v) => x(v))
      .attr('y1', y0)
      .attr('y2', y1)
      .attr('stroke', AXIS)
      .attr('pointer-events', 'none');
    hover
      .selectAll<SVGCircleElement, (typeof rows)[number]>('circle')
      .data(rows, (r) => r.d.id)
      .join('circle')
      .attr('cx', (r) => r.p.px)
      .attr('cy', (r) => r.p.py)
      .attr('r', 3.5)
      .attr('fill', WHITE)
      .attr('stroke', (r) => r.d.style.stroke)
      .attr('stroke-width', 2)
      .attr('pointer-events', 'none');
    tip.show(
      rows.map((r) => `${r.d.label}: ${mx(r.p.loss)} exceeded with ${pctExact(r.p.probability)} a year (${returnPeriod(r.p.probability, locale)})`),
      at[0],
      at[1],
    );
  };
  const hide = (): void => {
    hover.selectAll('*').remove();
    tip.hide();
  };
  hide();
  const main = b.curves.find((d) => d.id === b.main)!;
  const mainPts = main.points;
  layer(body, 'lec-overlay')
    .selectAll<SVGRectElement, number>('rect')
    .data([0])
    .join('rect')
    .attr('x', x0)
    .attr('y', y0)
    .attr('width', Math.max(0, x1 - x0))
    .attr('height', Math.max(0, y1 - y0))
    .attr('fill', 'transparent')
    .attr('pointer-events', 'all')
    .attr('tabindex', 0)
    .attr('aria-label', `Read the curves: left and right arrows step along the ${main.label} curve`)
    .on('pointermove', function (this: SVGRectElement, event: PointerEvent) {
      const r = this.getBoundingClientRect();
      const px = r.width > 0 ? x0 + ((event.clientX - r.left) / r.width) * (x1 - x0) : x0;
      show(x.invert(Math.min(x1, Math.max(x0, px))), pointerIn(element, event));
    })
    .on('pointerleave blur', hide)
    .on('focus', function (this: SVGRectElement) {
      const i = Number(this.dataset.cursor ?? byLoss(mainPts, data.var95));
      this.dataset.cursor = String(i);
      const p = mainPts[Math.min(i, mainPts.length - 1)]!;
      show(p.loss, [p.px, p.py]);
    })
    .on('keydown', function (this: SVGRectElement, event: KeyboardEvent) {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      const cur = Math.min(mainPts.length - 1, Number(this.dataset.cursor ?? byLoss(mainPts, data.var95)));
      const i = Math.max(0, Math.min(mainPts.length - 1, cur + (event.key === 'ArrowRight' ? 1 : -1)));
      this.dataset.cursor = String(i);
      const p = mainPts[i]!;
      show(p.loss, [p.px, p.py]);
    })
    .each(function (this: SVGRectElement) {
      delete this.dataset.cursor; // new data: the cursor restarts at the 1-in-20 loss
    });
}

/** "Baseline: 1 in 20 years above €22.9M, 1 in 100 above €43.1M" (as far as the curve reaches). */
function curveSummary(d: Drawn, m: (x: number) => string): string {
  const a = lossAtProbability(d.points, 0.05);
  const b = lossAtProbability(d.points, 0.01);
  const parts = [a === undefined ? null : `1 in 20 years above ${m(a)}`, b === undefined ? null : `1 in 100 above ${m(b)}`].filter(Boolean);
  return `${d.curve.label}: ${parts.length ? parts.join(', ') : 'no losses'}`;
}

/** Probability ticks: 5 % and 1 % (1 in 20, 1 in 100), the decades, then 50 %; at least 14 px apart. */
function pickYTicks(y: ScaleLogarithmic<number, number>): number[] {
  const [lo, hi] = y.domain() as [number, number];
  const cands = [0.05, 0.01, 1];
  for (let k = -1; k >= Math.floor(Math.log10(lo)); k--) cands.push(Number(`1e${k}`));
  cands.push(0.5);
  const kept: number[] = [];
  for (const c of cands) {
    if (c < lo * 0.999 || c > hi * 1.001) continue;
    if (kept.every((k) => Math.abs(y(k) - y(c)) >= 14)) kept.push(c);
  }
  return kept.sort((a, b) => b - a);
}

/**
 * One row of labels centred on their marks (sorted by px), pushed right then left so that no two
 * overlap and all stay within [lo, hi]. Greedy two-pass sweep: enough for a handful of marks.
 */
function spreadLabels<T extends { text: string; px: number }>(items: T[], lo: number, hi: number): Array<T & { cx: number }> {
  const gap = 8;
  const w = items.map((d) => textWidth(d.text, 10));
  const left = items.map((d, i) => Math.min(Math.max(d.px - w[i]! / 2, lo), hi - w[i]!));
  for (let i = 1; i < left.length; i++) left[i] = Math.max(left[i]!, left[i - 1]! + w[i - 1]! + gap);
  for (let i = left.length - 1; i >= 0; i--) {
    const limit = i === left.length - 1 ? hi : left[i + 1]! - gap;
    left[i] = Math.min(left[i]!, limit - w[i]!);
  }
  return items.map((d, i) => ({ ...d, cx: left[i]! + w[i]! / 2 }));
}
