// Control effectiveness by ISO 28000 element: per element, what its controls cost a year and the
// expected loss they avoid together (with its paired 95 % interval). While the removal runs are
// simulating, the loss-avoided bar is a "computing…" placeholder. It draws given figures only.
import { scaleLinear } from 'd3';
import type { ElementEffect, ControlEffectivenessData, ViewSize } from '../model/view-data.js';
import { axisScene, drawAxis, type AxisScene } from './parts/axes.js';
import { currencySymbol, moneyExact, moneyShort, shownChange, signed } from './parts/format.js';
import { chartFrame, emptyMessage, layer, pointerIn, TITLE_HEIGHT, tooltip, viewSize } from './parts/frame.js';
import { drawLegend, type LegendItem } from './parts/legend.js';
import { ELEMENT_LABELS, ELEMENTS } from './parts/names.js';
import { AXIS, BLUE, CONTROLS, GRID_LIGHT, INK, MUTED } from './parts/palette.js';
import { fitTitle as fitTitleAt, roughTextWidth as textWidth } from './parts/text.js';

/** Titles with room to spare: its semibold element names run wider than the shared estimate. */
const fitTitle = (candidates: string[], width: number): string => fitTitleAt(candidates, width, 9.4, 20);
/** Cost: hollow grey bar with a dark outline; loss avoided: solid Okabe–Ito blue. Colour and fill style both differ. */
const COST_FILL = CONTROLS.costFill;
const COST_STROKE = CONTROLS.costStroke;
const AVOIDED = BLUE;

interface Bar {
  id: string;
  kind: 'cost' | 'avoided';
  effect: ElementEffect;
  /** undefined: still computing. */
  value: number | undefined;
  ci?: [number, number];
}

/** A bar as drawn: its offset in the row, its rect, its whisker (the 95 % interval), its value text. */
export interface BarScene {
  id: 'cost' | 'avoided';
  kind: 'cost' | 'avoided';
  /** Still computing (or not measured): a dashed placeholder. */
  computing: boolean;
  y: number;
  x: number;
  width: number;
  fill: string;
  stroke: string | null;
  strokeWidth: number | null;
  dash: string | null;
  /** The whisker's path, or null without an interval. */
  whisker: string | null;
  valueX: number;
  valueText: string;
  /** Exact figures, for the tooltip (lines) and the aria-label (joined). */
  tip: string[];
}

/** One ISO 28000 element's row: its offset, name, count of controls and its two bars. */
export interface ElementRowScene {
  element: ElementEffect['element'];
  y: number;
  name: string;
  count: string;
  bars: BarScene[];
}

/** The chart as plain data: frame texts, legend, grid, axis and its title, the rows (none without controls). */
export interface ControlsScene {
  title: string;
  label: string;
  empty: string | null;
  legend: LegendItem[];
  grid: { y1: number; y2: number; lines: Array<{ value: number; x: number; stroke: string }> };
  axis: AxisScene | null;
  axisTitle: { text: string; x: number; y: number };
  /** Right end of the element names; the rows' mid line; a bar's height. */
  labelX: number;
  mid: number;
  barH: number;
  rows: ElementRowScene[];
}

/** The chart's scene at `size`: no DOM, so a test can check it directly. */
export function layoutControlEffectiveness(data: ControlEffectivenessData, size: ViewSize): ControlsScene {
  const locale = data.locale ?? 'en-US';
  const m = (x: number): string => signed(moneyShort(x, data.currency, locale));
  const mx = (x: number): string => signed(moneyExact(x, data.currency, locale));
  const order = new Map<string, number>(ELEMENTS.map((e, i) => [e, i]));
  const effects = [...data.elements].sort((a, b) => (order.get(a.element) ?? 99) - (order.get(b.element) ?? 99));
  const known = (e: ElementEffect): e is ElementEffect & { lossAvoided: number } =>
    !data.pending && e.lossAvoided !== undefined && Number.isFinite(e.lossAvoided);

  const totalCost = effects.reduce((s, e) => s + e.annualCost, 0);
  const done = effects.filter(known);
  let title: string;
  if (effects.length === 0) title = 'No controls placed in this scenario';
  else if (done.length === 0)
    title = data.unmeasured
      ? fitTitle([`Controls cost ${m(totalCost)} a year; loss avoided not measured (open the scenario)`, `Controls cost ${m(totalCost)} a year; loss avoided not measured`], size.width)
      : fitTitle([`Controls cost ${m(totalCost)} a year; their effect is computing…`, 'Loss avoided by the controls: computing…'], size.width);
  else {
    const best = done.reduce((a, b) => (b.lossAvoided > a.lossAvoided ? b : a));
    const name = ELEMENT_LABELS[best.element];
    // "avoid €0 a year" claims an effect the chart cannot show: the title says what it does show
    const shown = shownChange(0, best.lossAvoided, m);
    if (shown === 0) title = fitTitle([`Controls cost ${m(totalCost)} a year; the loss they avoid rounds to ${m(0)}`, `The loss the controls avoid rounds to ${m(0)}`], size.width);
    else if (shown < 0) title = fitTitle([`Controls cost ${m(totalCost)} a year and avoid no expected loss`, 'The controls avoid no expected loss'], size.width);
    else
      title = fitTitle(
        [`${name} controls avoid ${m(best.lossAvoided)} a year for ${m(best.annualCost)}`, `${name} controls avoid ${m(best.lossAvoided)} a year`, `${name}: ${m(best.lossAvoided)} avoided a year`],
        size.width,
      );
  }
  const label = `Control effectiveness by ISO 28000 element: annual cost of the controls and the expected annual loss they avoid, with 95 % intervals. ${effects
    .map((e) => `${ELEMENT_LABELS[e.element]}: cost ${mx(e.annualCost)}, avoids ${known(e) ? mx(e.lossAvoided) : data.unmeasured ? 'not measured' : 'still computing'}`)
    .join('; ')}.`;
  const sym = currencySymbol(data.currency, locale);
  if (!effects.length) {
    const none = { y1: 0, y2: 0, lines: [] };
    return { title, label, empty: 'No controls placed in this scenario', legend: [], grid: none, axis: null, axisTitle: { text: `${sym} per year`, x: 0, y: 0 }, labelX: 0, mid: 0, barH: 0, rows: [] };
  }

  const labelW = Math.min(150, 12 + Math.max(...effects.map((e) => textWidth(ELEMENT_LABELS[e.element], 11))));
  // Right margin: room for the longest value label right of the longest bar.
  const valueW = Math.max(textWidth('computing…', 10), ...effects.flatMap((e) => [e.annualCost, e.lossAvoided ?? 0].map((v) => textWidth(m(v), 10))));
  const x0 = 8 + labelW;
  const x1 = size.width - Math.ceil(12 + valueW);
  const y0 = TITLE_HEIGHT + 26;
  // Rows up to 64 px; the axis follows the last row (no empty band on a tall canvas).
  const rowH = Math.min(64, (size.height - 42 - y0) / effects.length);
  const barH = Math.max(4, Math.min(20, rowH * 0.32));
  const y1 = y0 + rowH * effects.length + 6;

  const values = effects.flatMap((e) => [e.annualCost, ...(known(e) ? [e.lossAvoided, ...(e.ci95 ?? [])] : [])]).filter(Number.isFinite);
  // Not .nice(): a small negative interval end would stretch the axis to a whole negative tick step.
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values) || 1;
  const x = scaleLinear()
    .domain([lo - (hi - lo) * 0.01, hi + (hi - lo) * 0.02])
    .range([x0, x1]);

  // Legend (top): hollow outlined cost vs solid loss avoided with its interval.
  const legendItems = [
    { id: 'cost', text: 'Annual cost of the controls' },
    { id: 'avoided', text: 'Expected loss avoided (95 % interval)' },
  ];
  let lx = 8;
  const legend = legendItems.map((d): LegendItem => {
    const at = lx;
    lx += 20 + textWidth(d.text, 10) + 14;
    const cost = d.id === 'cost';
    return {
      key: d.id,
      at: [at, TITLE_HEIGHT + 8],
      parts: [
        { tag: 'rect', attrs: { width: 14, height: 9, y: 0.5, fill: cost ? COST_FILL : AVOIDED, stroke: cost ? COST_STROKE : null, 'stroke-width': cost ? 1 : null } },
        { tag: 'path', attrs: { d: d.id === 'avoided' ? 'M9,5H17M17,2V8' : null, stroke: INK, fill: 'none' } },
        { tag: 'text', attrs: { x: 20, y: 9, 'font-size': 10, fill: INK }, text: d.text },
      ],
    };
  });

  // Axis at the bottom, grid, zero line.
  const ticks = x.ticks(Math.max(2, Math.floor((x1 - x0) / 70)));
  const zero = x(0);
  const placeholderW = Math.min(60, (x1 - x0) / 4);
  const mid = rowH / 2;
  const unmeasured = Boolean(data.unmeasured);
  const bar = (d: Bar): BarScene => {
    const computing = d.value === undefined;
    let whisker: string | null = null;
    if (d.value !== undefined && d.ci) {
      const a = x(d.ci[0]);
      const b = x(d.ci[1]);
      const c = barH / 2;
      whisker = `M${a},${c}H${b}M${a},${c - 3}V${c + 3}M${b},${c - 3}V${c + 3}`;
    }
    return {
      id: d.kind,
      kind: d.kind,
      computing,
      y: d.kind === 'cost' ? mid - barH - 1 : mid + 1,
      x: d.value === undefined ? zero : Math.min(zero, x(d.value)),
      width: d.value === undefined ? placeholderW : Math.max(1, Math.abs(x(d.value) - zero)),
      fill: d.value === undefined ? 'none' : d.kind === 'cost' ? COST_FILL : AVOIDED,
      stroke: d.value === undefined ? AXIS : d.kind === 'cost' ? COST_STROKE : null,
      strokeWidth: d.kind === 'cost' || d.value === undefined ? 1 : null,
      dash: d.value === undefined ? '3 2' : null,
      whisker,
      valueX: d.value === undefined ? zero + placeholderW + 4 : Math.max(x(d.value), zero, ...(d.ci ? d.ci.map((v) => x(v)) : [])) + 4,
      valueText: d.value === undefined ? (unmeasured ? 'not measured' : 'computing…') : m(d.value),
      tip: barText(d, mx, unmeasured),
    };
  };

  return {
    title,
    label,
    empty: null,
    legend,
    grid: { y1: y0 - 4, y2: y1, lines: ticks.map((t) => ({ value: t, x: x(t), stroke: t === 0 ? AXIS : GRID_LIGHT })) },
    axis: axisScene('bottom', x, x.range(), ticks, m, [0, y1]),
    axisTitle: { text: `${sym} per year`, x: (x0 + x1) / 2, y: y1 + 32 },
    labelX: x0 - 8,
    mid,
    barH,
    rows: effects.map((e, i) => ({
      element: e.element,
      y: y0 + i * rowH,
      name: ELEMENT_LABELS[e.element],
      count: rowH >= 24 ? `${e.controls.length} control${e.controls.length === 1 ? '' : 's'}` : '',
      bars: [
        bar({ id: 'cost', kind: 'cost', effect: e, value: e.annualCost }),
        bar({ id: 'avoided', kind: 'avoided', effect: e, value: known(e) ? e.lossAvoided : undefined, ci: known(e) ? e.ci95 : undefined }),
      ],
    })),
  };
}

/**
 * Draws (or updates) the chart in `element`. Money in data.currency per year. Elements in the
 * ISO 28000 order of ELEMENTS; bars are focusable and their tooltips give exact figures.
 */
export function controlEffectiveness(element: HTMLElement, data: ControlEffectivenessData): void {
  const size = viewSize(element, data.size, { width: 520, height: 300 });
  const scene = layoutControlEffectiveness(data, size);
  const svg = chartFrame(element, { title: scene.title, label: scene.label, size });
  const tip = tooltip(element);
  tip.hide();

  const body = layer(svg, 'ce-body').attr('display', scene.rows.length ? null : 'none');
  emptyMessage(svg, 'ce-empty', scene.empty, size);
  if (!scene.rows.length || !scene.axis) return;

  drawLegend(layer(body, 'ce-legend'), scene.legend);

  // Axis at the bottom, grid, zero line.
  layer(body, 'ce-grid')
    .selectAll<SVGLineElement, ControlsScene['grid']['lines'][number]>('line')
    .data(scene.grid.lines, (d) => d.value)
    .join('line')
    .attr('x1', (d) => d.x)
    .attr('x2', (d) => d.x)
    .attr('y1', scene.grid.y1)
    .attr('y2', scene.grid.y2)
    .attr('stroke', (d) => d.stroke);
  drawAxis(body, 'ce-x-axis', scene.axis);
  layer(body, 'ce-axis-title')
    .selectAll('text')
    .data([scene.axisTitle])
    .join('text')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', INK)
    .text((d) => d.text);

  // One group per element: its label, then the cost bar and the loss-avoided bar (or placeholder).
  const rows = layer(body, 'ce-rows')
    .selectAll<SVGGElement, ElementRowScene>('g.element')
    .data(scene.rows, (d) => d.element)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'element');
      const t = g.append('text').attr('class', 'element-label');
      t.append('tspan').attr('class', 'name');
      t.append('tspan').attr('class', 'count');
      return g;
    })
    .attr('transform', (d) => `translate(0,${d.y})`);
  const lt = rows
    .select('text.element-label')
    .attr('x', scene.labelX)
    .attr('y', scene.mid - 1)
    .attr('text-anchor', 'end');
  lt.select('tspan.name')
    .attr('x', scene.labelX)
    .attr('font-size', 11)
    .attr('fill', INK)
    .text((d) => d.name);
  lt.select('tspan.count')
    .attr('x', scene.labelX)
    .attr('dy', 11)
    .attr('font-size', 9.5)
    .attr('fill', MUTED)
    .text((d) => d.count);

  const bars = rows
    .selectAll<SVGGElement, BarScene>('g.bar')
    .data(
      (r) => r.bars,
      (d) => d.id,
    )
    .join((enter) => {
      const g = enter.append('g').attr('tabindex', 0);
      g.append('rect').attr('class', 'fill');
      g.append('path').attr('class', 'whisker');
      g.append('text').attr('class', 'value');
      return g;
    })
    .attr('class', (d) => `bar bar-${d.kind}${d.computing ? ' computing' : ''}`)
    .attr('transform', (d) => `translate(0,${d.y})`)
    .attr('aria-label', (d) => d.tip.join(', '))
    .on('mouseenter focus', (event: MouseEvent | FocusEvent, d) => {
      const [px, py] = pointerIn(element, event);
      tip.show(d.tip, px, py);
    })
    .on('mouseleave blur', () => tip.hide());
  bars
    .select('rect.fill')
    .attr('x', (d) => d.x)
    .attr('width', (d) => d.width)
    .attr('y', 0)
    .attr('height', scene.barH)
    .attr('fill', (d) => d.fill)
    .attr('stroke', (d) => d.stroke)
    .attr('stroke-width', (d) => d.strokeWidth)
    .attr('stroke-dasharray', (d) => d.dash);
  bars
    .select('path.whisker')
    .attr('d', (d) => d.whisker)
    .attr('stroke', INK)
    .attr('stroke-width', 1)
    .attr('fill', 'none');
  bars
    .select('text.value')
    .attr('x', (d) => d.valueX)
    .attr('y', scene.barH / 2 + 3.5)
    .attr('font-size', 10)
    .attr('font-style', (d) => (d.computing ? 'italic' : null))
    .attr('fill', (d) => (d.computing ? MUTED : INK))
    .text((d) => d.valueText);
}

/** The bar's exact figures, for its tooltip and aria-label. */
function barText(d: Bar, mx: (x: number) => string, unmeasured = false): string[] {
  const name = ELEMENT_LABELS[d.effect.element];
  const controls = d.effect.controls.length ? `Controls: ${d.effect.controls.join(', ')}` : 'No controls';
  if (d.kind === 'cost') return [`${name}: annual cost ${mx(d.effect.annualCost)}`, controls];
  if (d.value === undefined) return [`${name}: expected loss avoided ${unmeasured ? 'not measured (results without their scenario)' : 'still computing'}`, controls];
  return [
    `${name}: expected loss avoided ${mx(d.value)} a year`,
    ...(d.ci ? [`95 % interval ${mx(d.ci[0])} to ${mx(d.ci[1])}`] : []),
    controls,
  ];
}
