// Control effectiveness by ISO 28000 element: per element, what its controls cost a year and the
// expected loss they avoid together (with its paired 95 % interval). While the removal runs are
// simulating, the loss-avoided bar is a "computing…" placeholder. It draws given figures only.
import { axisBottom, scaleLinear } from 'd3';
import type { ElementEffect, ControlEffectivenessData } from '../model/view-data.js';
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

/**
 * Draws (or updates) the chart in `element`. Money in data.currency per year. Elements in the
 * ISO 28000 order of ELEMENTS; bars are focusable and their tooltips give exact figures.
 */
export function controlEffectiveness(element: HTMLElement, data: ControlEffectivenessData): void {
  const size = viewSize(element, data.size, { width: 520, height: 300 });
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
  const svg = chartFrame(element, { title, label, size });
  const tip = tooltip(element);
  tip.hide();

  const body = layer(svg, 'ce-body').attr('display', effects.length ? null : 'none');
  emptyMessage(svg, 'ce-empty', effects.length ? null : 'No controls placed in this scenario', size);
  if (!effects.length) return;

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
  drawLegend(
    layer(body, 'ce-legend'),
    legendItems.map((d): LegendItem => {
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
    }),
  );

  // Axis at the bottom, grid, zero line.
  const sym = currencySymbol(data.currency, locale);
  const ticks = x.ticks(Math.max(2, Math.floor((x1 - x0) / 70)));
  layer(body, 'ce-grid')
    .selectAll<SVGLineElement, number>('line')
    .data(ticks, (d) => d)
    .join('line')
    .attr('x1', (d) => x(d))
    .attr('x2', (d) => x(d))
    .attr('y1', y0 - 4)
    .attr('y2', y1)
    .attr('stroke', (d) => (d === 0 ? AXIS : GRID_LIGHT));
  const ax = layer(body, 'ce-x-axis').attr('transform', `translate(0,${y1})`);
  ax.call(axisBottom(x).tickValues(ticks).tickFormat((d) => m(+d)).tickSizeOuter(0));
  ax.attr('font-size', 10).attr('font-family', null);
  ax.selectAll('.tick text').attr('fill', MUTED);
  ax.selectAll('.tick line, .domain').attr('stroke', AXIS);
  layer(body, 'ce-axis-title')
    .selectAll('text')
    .data([`${sym} per year`])
    .join('text')
    .attr('x', (x0 + x1) / 2)
    .attr('y', y1 + 32)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', INK)
    .text((d) => d);

  // One group per element: its label, then the cost bar and the loss-avoided bar (or placeholder).
  const rows = layer(body, 'ce-rows')
    .selectAll<SVGGElement, ElementEffect>('g.element')
    .data(effects, (d) => d.element)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'element');
      const t = g.append('text').attr('class', 'element-label');
      t.append('tspan').attr('class', 'name');
      t.append('tspan').attr('class', 'count');
      return g;
    })
    .attr('transform', (d, i) => `translate(0,${y0 + i * rowH})`);
  const mid = rowH / 2;
  const lt = rows
    .select('text.element-label')
    .attr('x', x0 - 8)
    .attr('y', mid - 1)
    .attr('text-anchor', 'end');
  lt.select('tspan.name')
    .attr('x', x0 - 8)
    .attr('font-size', 11)
    .attr('fill', INK)
    .text((d) => ELEMENT_LABELS[d.element]);
  lt.select('tspan.count')
    .attr('x', x0 - 8)
    .attr('dy', 11)
    .attr('font-size', 9.5)
    .attr('fill', MUTED)
    .text((d) => (rowH >= 24 ? `${d.controls.length} control${d.controls.length === 1 ? '' : 's'}` : ''));

  const bars = rows
    .selectAll<SVGGElement, Bar>('g.bar')
    .data(
      (e): Bar[] => [
        { id: 'cost', kind: 'cost', effect: e, value: e.annualCost },
        { id: 'avoided', kind: 'avoided', effect: e, value: known(e) ? e.lossAvoided : undefined, ci: known(e) ? e.ci95 : undefined },
      ],
      (d) => d.id,
    )
    .join((enter) => {
      const g = enter.append('g').attr('tabindex', 0);
      g.append('rect').attr('class', 'fill');
      g.append('path').attr('class', 'whisker');
      g.append('text').attr('class', 'value');
      return g;
    })
    .attr('class', (d) => `bar bar-${d.kind}${d.value === undefined ? ' computing' : ''}`)
    .attr('transform', (d) => `translate(0,${d.kind === 'cost' ? mid - barH - 1 : mid + 1})`)
    .attr('aria-label', (d) => barText(d, mx, Boolean(data.unmeasured)).join(', '))
    .on('mouseenter focus', (event: MouseEvent | FocusEvent, d) => {
      const [px, py] = pointerIn(element, event);
      tip.show(barText(d, mx, Boolean(data.unmeasured)), px, py);
    })
    .on('mouseleave blur', () => tip.hide());
  const zero = x(0);
  bars
    .select('rect.fill')
    .attr('x', (d) => (d.value === undefined ? zero : Math.min(zero, x(d.value))))
    .attr('width', (d) => (d.value === undefined ? Math.min(60, (x1 - x0) / 4) : Math.max(1, Math.abs(x(d.value) - zero))))
    .attr('y', 0)
    .attr('height', barH)
    .attr('fill', (d) => (d.value === undefined ? 'none' : d.kind === 'cost' ? COST_FILL : AVOIDED))
    .attr('stroke', (d) => (d.value === undefined ? AXIS : d.kind === 'cost' ? COST_STROKE : null))
    .attr('stroke-width', (d) => (d.kind === 'cost' || d.value === undefined ? 1 : null))
    .attr('stroke-dasharray', (d) => (d.value === undefined ? '3 2' : null));
  bars
    .select('path.whisker')
    .attr('d', (d) => {
      if (d.value === undefined || !d.ci) return null;
      const a = x(d.ci[0]);
      const b = x(d.ci[1]);
      const c = barH / 2;
      return `M${a},${c}H${b}M${a},${c - 3}V${c + 3}M${b},${c - 3}V${c + 3}`;
    })
    .attr('stroke', INK)
    .attr('stroke-width', 1)
    .attr('fill', 'none');
  bars
    .select('text.value')
    .attr('x', (d) => {
      if (d.value === undefined) return zero + Math.min(60, (x1 - x0) / 4) + 4;
      const ends = [x(d.value), zero, ...(d.ci ? d.ci.map((v) => x(v)) : [])];
      return Math.max(...ends) + 4;
    })
    .attr('y', barH / 2 + 3.5)
    .attr('font-size', 10)
    .attr('font-style', (d) => (d.value === undefined ? 'italic' : null))
    .attr('fill', (d) => (d.value === undefined ? MUTED : INK))
    .text((d) => (d.value === undefined ? (data.unmeasured ? 'not measured' : 'computing…') : m(d.value)));
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
