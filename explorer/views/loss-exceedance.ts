// Loss exceedance curve: P(annual loss > x) against x, both on log scales, one line per curve
// (baseline, what-if over its ghosted baseline, treatments), with the 1-in-20, 1-in-100 and CVaR95
// marks of the main result. Points with zero loss or zero probability cannot sit on a log axis and
// are dropped. It draws given curves only; it never estimates a curve from trials.
import { axisBottom, axisLeft, axisRight, bisector, line, scaleLog, type ScaleLogarithmic } from 'd3';
import type { ExceedanceCurve, LossExceedanceData } from '../model/view-data.js';
import { currencySymbol, moneyExact, moneyShort, shownChange } from './parts/format.js';
import { chartFrame, emptyMessage, layer, pointerIn, TITLE_HEIGHT, tooltip, viewSize } from './parts/frame.js';
import { drawLegend, type LegendItem } from './parts/legend.js';
import { ACCENT, AXIS, GHOST, GRID, INK, MUTED, OKABE_ITO, WHITE } from './parts/palette.js';
import { clip, fitTitle, roughTextWidth as textWidth } from './parts/text.js';

type Point = { loss: number; probability: number };

/** Treatments get a dash pattern too: never colour alone. */
const DASHES = ['6 3', '2 2', '8 3 2 3', '4 2 1 2', '10 3', '1 3'];

interface Style {
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

/**
 * Draws (or updates) the exceedance chart in `element`. Losses in data.currency; probabilities
 * per year. Keyboard: each curve and mark is focusable; the plot area takes ←/→ to step along the
 * main curve, showing every curve's reading at that loss.
 */
export function lossExceedance(element: HTMLElement, data: LossExceedanceData): void {
  const size = viewSize(element, data.size, { width: 520, height: 300 });
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
  const svg = chartFrame(element, { title, label, size });
  const tip = tooltip(element);

  const margin = { top: TITLE_HEIGHT + 26, bottom: 40, left: 64 };
  const y0 = margin.top;
  const y1 = size.height - margin.bottom;

  const body = layer(svg, 'lec-body');
  emptyMessage(svg, 'lec-empty', main ? null : 'No loss curve yet: run the simulation', size);
  body.attr('display', main ? null : 'none');
  if (!main) {
    tip.hide();
    return;
  }

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

  const grid = layer(body, 'lec-grid');
  grid
    .selectAll<SVGLineElement, number>('line.gx')
    .data(xTicks, (d) => d)
    .join('line')
    .attr('class', 'gx')
    .attr('x1', (d) => x(d))
    .attr('x2', (d) => x(d))
    .attr('y1', y0)
    .attr('y2', y1)
    .attr('stroke', GRID);
  grid
    .selectAll<SVGLineElement, number>('line.gy')
    .data(yTicks, (d) => d)
    .join('line')
    .attr('class', 'gy')
    .attr('x1', x0)
    .attr('x2', x1)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d))
    .attr('stroke', GRID);

  const sym = currencySymbol(data.currency, locale);
  const ax = layer(body, 'lec-x-axis').attr('transform', `translate(0,${y1})`);
  ax.call(axisBottom(x).tickValues(xTicks).tickFormat((d) => m(+d)).tickSizeOuter(0));
  const ay = layer(body, 'lec-y-axis').attr('transform', `translate(${x0},0)`);
  ay.call(axisLeft(y).tickValues(yTicks).tickFormat((d) => pctTick(+d)).tickSizeOuter(0));
  const ar = layer(body, 'lec-y2-axis').attr('transform', `translate(${x1},0)`);
  ar.call(axisRight(y).tickValues(yTicks).tickFormat((d) => returnPeriod(+d, locale)).tickSizeOuter(0));
  for (const a of [ax, ay, ar]) {
    a.attr('font-size', 10).attr('font-family', null);
    a.selectAll('.tick text').attr('fill', MUTED);
    a.selectAll('.tick line, .domain').attr('stroke', AXIS);
  }
  const titles = layer(body, 'lec-axis-titles');
  titles
    .selectAll('text')
    .data([
      { id: 'x', text: `Annual loss (${sym}, log scale)`, x: (x0 + x1) / 2, y: size.height - 6, rotate: 0 },
      { id: 'y', text: 'Probability of exceeding (per year)', x: 12, y: (y0 + y1) / 2, rotate: -90 },
    ])
    .join('text')
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', INK)
    .attr('transform', (d) => `translate(${d.x},${d.y}) rotate(${d.rotate})`)
    .text((d) => d.text);

  // Reference marks (main curve): dashed verticals, labelled in one row above the plot; labels
  // sit over their line when they can and are pushed apart (with a leader) when they would overlap.
  const markLayer = layer(body, 'lec-marks');
  const placed = spreadLabels(
    [...marks].sort((a, b) => a.value - b.value).map((k) => ({ ...k, text: `${k.short}: ${m(k.value)}`, px: x(k.value) })),
    x0,
    size.width - 4,
  ).map((k) => ({ ...k, ty: y0 - 12 }));
  const mk = markLayer
    .selectAll<SVGGElement, (typeof placed)[number]>('g.mark')
    .data(placed, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mark').attr('tabindex', 0);
      g.append('line');
      g.append('path');
      g.append('text');
      return g;
    })
    .attr('aria-label', (d) => `${d.long}: ${mx(d.value)}`)
    .on('focus mouseenter', (event: FocusEvent, d) => tip.show([`${d.long}: ${mx(d.value)}`], d.cx, d.ty + 6))
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

  // Curves, back to front: ghost, treatments, baseline, what-if.
  const path = line<Point>()
    .x((p) => x(p.loss))
    .y((p) => y(p.probability));
  const ordered = [...drawn].sort((a, b) => a.style.order - b.style.order);
  layer(body, 'lec-curves')
    .selectAll<SVGPathElement, Drawn>('path.curve')
    .data(ordered, (d) => d.curve.id)
    .join('path')
    .attr('class', (d) => `curve curve-${d.curve.role}`)
    .attr('d', (d) => path(d.points))
    .attr('fill', 'none')
    .attr('stroke', (d) => d.style.stroke)
    .attr('stroke-width', (d) => d.style.width)
    .attr('stroke-dasharray', (d) => d.style.dash)
    .attr('stroke-linejoin', 'round')
    .attr('tabindex', 0)
    .attr('aria-label', (d) => curveSummary(d, m))
    .on('focus', (event: FocusEvent, d) => {
      const p = d.points[Math.floor(d.points.length / 2)]!;
      tip.show([curveSummary(d, mx)], x(p.loss), y(p.probability));
    })
    .on('blur', () => tip.hide());

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
  const legend = layer(body, 'lec-legend').attr('transform', `translate(${corner.x},${corner.y})`);
  legend
    .selectAll<SVGRectElement, number>('rect.bg')
    .data(legendRows.length ? [0] : [])
    .join('rect')
    .attr('class', 'bg')
    .attr('x', -4)
    .attr('y', -2)
    .attr('width', legendW + 4)
    .attr('height', legendH)
    .attr('fill', WHITE)
    .attr('fill-opacity', 0.85);
  drawLegend(
    legend,
    legendRows.map(
      (d, i): LegendItem => ({
        key: d.curve.id,
        at: [0, i * 14 + 8],
        parts: [
          { tag: 'line', attrs: { x1: 0, x2: 26, y1: 0, y2: 0, stroke: d.style.stroke, 'stroke-width': d.style.width, 'stroke-dasharray': d.style.dash } },
          { tag: 'text', attrs: { x: 32, y: 3.5, 'font-size': 10, fill: INK }, text: clip(d.curve.label, 36) },
        ],
      }),
    ),
  );

  // Reading: a guide at the pointer's loss (or the keyboard cursor), a dot and a tooltip line per curve.
  const hover = layer(body, 'lec-hover');
  const byLoss = bisector<Point, number>((p) => p.loss).center;
  const nearest = (pts: Point[], loss: number): Point => pts[Math.min(pts.length - 1, byLoss(pts, loss))]!;
  const show = (loss: number, at: [number, number]): void => {
    const rows = ordered
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
      .data(rows, (r) => r.d.curve.id)
      .join('circle')
      .attr('cx', (r) => x(r.p.loss))
      .attr('cy', (r) => y(r.p.probability))
      .attr('r', 3.5)
      .attr('fill', WHITE)
      .attr('stroke', (r) => r.d.style.stroke)
      .attr('stroke-width', 2)
      .attr('pointer-events', 'none');
    tip.show(
      rows.map((r) => `${r.d.curve.label}: ${mx(r.p.loss)} exceeded with ${pctExact(r.p.probability)} a year (${returnPeriod(r.p.probability, locale)})`),
      at[0],
      at[1],
    );
  };
  const hide = (): void => {
    hover.selectAll('*').remove();
    tip.hide();
  };
  hide();
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
    .attr('aria-label', `Read the curves: left and right arrows step along the ${main.curve.label} curve`)
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
      show(p.loss, [x(p.loss), y(p.probability)]);
    })
    .on('keydown', function (this: SVGRectElement, event: KeyboardEvent) {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      const cur = Math.min(mainPts.length - 1, Number(this.dataset.cursor ?? byLoss(mainPts, data.var95)));
      const i = Math.max(0, Math.min(mainPts.length - 1, cur + (event.key === 'ArrowRight' ? 1 : -1)));
      this.dataset.cursor = String(i);
      const p = mainPts[i]!;
      show(p.loss, [x(p.loss), y(p.probability)]);
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
