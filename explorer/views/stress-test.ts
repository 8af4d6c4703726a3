// The stress test (docs/stress-test.md): each site and lane down for its time to recover, ranked by
// the loss over that time — a bar per element with its loss and Risk Exposure Index, beside its time
// to recover (TTR, a grey bar in days) against its time to survive (TTS, a dark tick; ∞ when it cuts
// no flow), the elements that need mitigation (TTS < TTR) marked "!" and in vermilion. It draws
// given figures only; with results opened alone it says it needs the scenario. `stressChart` is the
// view, also used to draw the same chart elsewhere (the management review pack).
import { scaleLinear } from 'd3';
import type { StressBar, StressViewData, ViewSize } from '../model/view-data.js';
import { axisScene, drawAxis, type AxisScene } from './parts/axes.js';
import { moneyExact, moneyShort, reiText } from './parts/format.js';
import { chartFrame, emptyMessage, layer, pointerIn, TITLE_HEIGHT, tooltip, viewSize } from './parts/frame.js';
import { drawLegend, type LegendItem } from './parts/legend.js';
import { ACCENT, AXIS, BLUE, GRID_LIGHT, INK, MUTED } from './parts/palette.js';
import { fitText, fitTitle, textWidth } from './parts/text.js';

const FALLBACK: ViewSize = { width: 520, height: 300 };
/** Bars: vermilion when the element needs mitigation (and marked "!"), blue otherwise. */
const FLAGGED = ACCENT;
const OK = BLUE;
/** The TTR bar in the days column. */
const TTR_FILL = '#c9ced6';

/** One row as drawn. */
export interface StressRowScene {
  bar: StressBar;
  y: number;
  mark: string;
  label: string;
  barWidth: number;
  fill: string;
  valueText: string;
  valueX: number;
  /** The TTR bar's width and the TTS tick's x in the days column (null: unlimited, drawn as ∞ at the end). */
  ttrWidth: number;
  ttsX: number | null;
  tip: string[];
}

/** The chart as plain data, testable without a DOM. */
export interface StressScene {
  title: string;
  label: string;
  empty: string | null;
  /** Left edge of the bars, the days column's left edge and width, each row's height and bar height. */
  x0: number;
  daysX: number;
  daysW: number;
  rowH: number;
  barH: number;
  headings: Array<{ text: string; x: number; anchor: 'start' | 'end' }>;
  headingY: number;
  rows: StressRowScene[];
  grid: Array<{ x: number; value: number }>;
  gridY: [number, number];
  axis: AxisScene | null;
  legend: LegendItem[];
  /** What is not drawn: more rows, elements not stressed. */
  note: { text: string; x: number; y: number };
}

/** The first text that fits `width` px at the headings' 10.5 px semibold, else the last. */
const firstFitting = (texts: string[], width: number) => texts.find((t) => textWidth(t, 10.5, true) <= width) ?? texts[texts.length - 1]!;

const days = (d: number) => (d >= 100 ? String(Math.round(d)) : d >= 10 ? d.toFixed(1).replace(/\.0$/, '') : d.toFixed(2).replace(/\.?0+$/, ''));

/** The chart's scene at `size`. */
export function layoutStressChart(data: StressViewData, size: ViewSize): StressScene {
  const locale = data.locale ?? 'en-US';
  const m = (x: number) => moneyShort(x, data.currency, locale);
  const mx = (x: number) => moneyExact(x, data.currency, locale);
  const all = data.elements ?? [];
  const flagged = all.filter((e) => e.needsMitigation).length;
  const none: StressScene = {
    title: '',
    label: '',
    empty: null,
    x0: 0,
    daysX: 0,
    daysW: 0,
    rowH: 0,
    barH: 0,
    headings: [],
    headingY: 0,
    rows: [],
    grid: [],
    gridY: [0, 0],
    axis: null,
    legend: [],
    note: { text: '', x: 0, y: 0 },
  };
  if (data.elements === null) {
    return {
      ...none,
      title: fitTitle(['Stress test: open the scenario to run it', 'Stress test: needs the scenario'], size.width),
      label: 'Stress test: it needs the scenario (results were opened without it).',
      empty: 'The stress test needs the scenario: open the scenario file',
    };
  }
  if (all.length === 0) {
    return {
      ...none,
      title: fitTitle(['Stress test: no site or lane has a time to recover', 'Stress test: nothing to stress'], size.width),
      label: 'Stress test: no site or lane has a time to recover (ttrDays, or a disruption threat with a downtime).',
      empty: 'No ttrDays and no disruption with downtimeDays: nothing to stress',
    };
  }
  const worst = all[0]!;
  const title =
    flagged > 0
      ? fitTitle(
          [
            `${flagged} of ${all.length} elements cannot survive their recovery; ${worst.name} loses ${m(worst.loss)}`,
            `${flagged} of ${all.length} elements cannot survive their recovery time`,
            `${flagged} elements need mitigation (TTS < TTR)`,
            `${flagged} need mitigation`,
          ],
          size.width,
        )
      : fitTitle([`Every flow survives each outage; the worst, ${worst.name}, costs ${m(worst.loss)}`, `No element needs mitigation; the worst costs ${m(worst.loss)}`, 'No element needs mitigation'], size.width);

  const headingY = TITLE_HEIGHT + 14;
  const top = headingY + 8;
  // the legend flows into rows that fit the width (laid out first: it sets the room for the rows)
  const legendItems: Array<{ key: string; swatch: LegendItem['parts'][number]; text: string }> = [
    { key: 'flagged', swatch: { tag: 'rect', attrs: { x: 0, y: 1, width: 12, height: 8, fill: FLAGGED } }, text: '! needs mitigation: TTS < TTR' },
    { key: 'ttr', swatch: { tag: 'rect', attrs: { x: 0, y: 2, width: 12, height: 6, fill: TTR_FILL } }, text: 'TTR: time to recover' },
    { key: 'tts', swatch: { tag: 'rect', attrs: { x: 5, y: -0.5, width: 2, height: 11, fill: INK } }, text: 'TTS: time to survive (∞: cuts no flow)' },
  ];
  const placed: Array<{ item: (typeof legendItems)[number]; x: number; row: number }> = [];
  let lx = 8;
  let legendRows = 1;
  for (const item of legendItems) {
    const w = 17 + textWidth(item.text, 10);
    if (lx > 8 && lx + w > size.width - 8) {
      lx = 8;
      legendRows++;
    }
    placed.push({ item, x: lx, row: legendRows - 1 });
    lx += w + 14;
  }
  const legendH = legendRows * 14;
  const noteH = 14;
  const bottom = size.height - legendH - noteH - 26; // the days axis under the rows
  const rowMax = 26;
  const rowMin = 15;
  const fit = Math.max(1, Math.floor((bottom - top) / rowMin));
  const shown = all.slice(0, fit);
  const rowH = Math.min(rowMax, (bottom - top) / shown.length);
  const barH = Math.max(5, Math.min(14, rowH * 0.6));

  const daysW = Math.max(70, Math.min(170, size.width * 0.26));
  const daysX = size.width - 20 - daysW; // room for ∞ after the column
  const markW = 12;
  const labelW = Math.min(Math.max(60, size.width * 0.26), 8 + Math.max(...shown.map((e) => textWidth(e.name, 11))));
  const x0 = 6 + markW + labelW;
  const valueW = Math.max(...shown.map((e) => textWidth(`${m(e.loss)} · ${reiText(e.rei)}`, 10))) + 8;
  const x1 = Math.max(x0 + 20, daysX - 14 - valueW);
  const worstLoss = Math.max(0, ...shown.map((e) => e.loss));
  const x = scaleLinear()
    .domain([0, worstLoss > 0 ? worstLoss : 1])
    .range([x0, x1]);
  const maxDays = Math.max(1, ...shown.map((e) => e.ttrDays), ...shown.map((e) => e.ttsDays ?? 0));
  const d = scaleLinear().domain([0, maxDays]).range([daysX, daysX + daysW]).nice();
  const dTicks = d.ticks(Math.max(2, Math.floor(daysW / 45)));

  const rows = shown.map((e, i): StressRowScene => {
    const barWidth = Math.max(e.loss > 0 ? 1 : 0, x(e.loss) - x0);
    const tts = e.ttsDays === null ? 'unlimited (its flows reroute)' : `${days(e.ttsDays)} days (the least buffer of the flows it cuts)`;
    return {
      bar: e,
      y: top + i * rowH,
      mark: e.needsMitigation ? '!' : '',
      label: fitText(e.name, labelW - 6, 11),
      barWidth,
      fill: e.needsMitigation ? FLAGGED : OK,
      valueText: `${m(e.loss)} · ${reiText(e.rei)}`,
      valueX: x0 + barWidth + 4,
      ttrWidth: Math.max(1, d(e.ttrDays) - daysX),
      ttsX: e.ttsDays === null ? null : Math.min(daysX + daysW, d(e.ttsDays)),
      tip: [
        `${e.name} (${e.kind === 'site' ? e.detail : `${e.detail} lane`})${e.needsMitigation ? ': needs mitigation' : ''}`,
        `Loss over ${days(e.ttrDays)} days down: ${mx(e.loss)} (Risk Exposure Index ${reiText(e.rei)})`,
        `Time to recover ${days(e.ttrDays)} days (${e.ttrFrom}); time to survive ${tts}`,
        e.flowsCut.length > 0 ? `Cuts ${e.flowsCut.join(', ')}` : 'Cuts no flow',
        ...(e.flowsRerouted > 0 ? [`Reroutes ${e.flowsRerouted} flow${e.flowsRerouted === 1 ? '' : 's'}`] : []),
      ],
    };
  });
  const rowsEnd = top + shown.length * rowH;

  const legendY = rowsEnd + 22;
  const legend = placed.map(({ item, x: at, row }): LegendItem => ({
    key: item.key,
    at: [at, legendY + row * 14],
    parts: [item.swatch, { tag: 'text', attrs: { x: 17, y: 9, 'font-size': 10, fill: INK }, text: item.text }],
  }));
  const more = all.length - shown.length;
  const noteParts = [
    ...(more > 0 ? [`${more} more stressed element${more === 1 ? '' : 's'} not shown`] : []),
    ...(data.notStressed > 0
      ? [`${data.notStressed} without a time to recover not stressed${data.unstressedCutting > 0 ? ` (${data.unstressedCutting} of them cut a flow)` : ''}`]
      : []),
  ];
  const label =
    `Stress test: each site and lane down for its time to recover, ranked by the loss over that time, with its Risk Exposure Index, ` +
    `its time to recover against its time to survive, and whether it needs mitigation. ` +
    rows.map((r) => `${r.bar.name}: ${mx(r.bar.loss)}, REI ${reiText(r.bar.rei)}, TTR ${days(r.bar.ttrDays)} days, TTS ${r.bar.ttsDays === null ? 'unlimited' : `${days(r.bar.ttsDays)} days`}${r.bar.needsMitigation ? ', needs mitigation' : ''}`).join('; ') +
    (noteParts.length ? `. ${noteParts.join('; ')}.` : '.');
  return {
    title,
    label,
    empty: null,
    x0,
    daysX,
    daysW,
    rowH,
    barH,
    headings: [
      { text: firstFitting(['Loss over the time to recover · REI', 'Loss over the TTR · REI', 'Loss · REI'], daysX - 12 - Math.min(x0, daysX - 80)), x: Math.min(x0, daysX - 80), anchor: 'start' },
      { text: firstFitting(['TTR vs TTS, days', 'TTR, TTS days', 'days'], daysW + 10), x: daysX + daysW, anchor: 'end' },
    ],
    headingY,
    rows,
    grid: dTicks.map((t) => ({ x: d(t), value: t })),
    gridY: [top - 2, rowsEnd],
    axis: axisScene('bottom', d, d.range(), dTicks, (v) => String(v), [0, rowsEnd]),
    legend,
    note: { text: fitText(noteParts.join(' · '), size.width - 16, 10), x: 8, y: legendY + legendH + 9 },
  };
}

/**
 * Draws (or updates) the stress test chart in `element` (data: stressViewData in
 * explorer/model/stress-view-data.ts). Idempotent; rows are focusable, their tooltips give the
 * exact figures, a click or Enter selects the site or lane.
 */
export function stressChart(element: HTMLElement, data: StressViewData): void {
  const size = viewSize(element, data.size, FALLBACK);
  const scene = layoutStressChart(data, size);
  const svg = chartFrame(element, { title: scene.title, label: scene.label, size });
  const tip = tooltip(element);
  tip.hide();
  const body = layer(svg, 'st-body').attr('display', scene.empty === null ? null : 'none');
  emptyMessage(svg, 'st-empty', scene.empty, size);
  if (scene.empty !== null || !scene.axis) return;

  layer(body, 'st-headings')
    .selectAll('text')
    .data(scene.headings)
    .join('text')
    .attr('x', (h) => h.x)
    .attr('y', scene.headingY)
    .attr('text-anchor', (h) => h.anchor)
    .attr('font-size', 10.5)
    .attr('font-weight', 600)
    .attr('fill', MUTED)
    .text((h) => h.text);
  layer(body, 'st-grid')
    .selectAll('line')
    .data(scene.grid, (g) => (g as { value: number }).value)
    .join('line')
    .attr('x1', (g) => g.x)
    .attr('x2', (g) => g.x)
    .attr('y1', scene.gridY[0])
    .attr('y2', scene.gridY[1])
    .attr('stroke', (g) => (g.value === 0 ? AXIS : GRID_LIGHT));
  drawAxis(body, 'st-days-axis', scene.axis);

  const select = (b: StressBar) => data.onSelect?.(b.id, b.kind);
  const rows = layer(body, 'st-rows')
    .selectAll<SVGGElement, StressRowScene>('g.row')
    .data(scene.rows, (r) => `${r.bar.kind}:${r.bar.id}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'row').attr('tabindex', 0).attr('role', 'button').style('outline', 'none');
      g.append('rect').attr('class', 'hit');
      g.append('text').attr('class', 'mark');
      g.append('text').attr('class', 'name');
      g.append('rect').attr('class', 'loss');
      g.append('text').attr('class', 'value');
      g.append('rect').attr('class', 'ttr');
      g.append('rect').attr('class', 'tts');
      g.append('text').attr('class', 'infinite');
      return g;
    })
    .attr('transform', (r) => `translate(0,${r.y})`)
    .attr('data-id', (r) => r.bar.id)
    .attr('aria-label', (r) => r.tip.join('. '))
    .attr('cursor', data.onSelect ? 'pointer' : null)
    .on('click', (_e, r) => select(r.bar))
    .on('keydown', (e: KeyboardEvent, r) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(r.bar);
      }
    })
    .on('mouseenter focus', (event: MouseEvent | FocusEvent, r) => {
      const [px, py] = pointerIn(element, event);
      tip.show(r.tip, px, py);
    })
    .on('mouseleave blur', () => tip.hide());
  const mid = scene.rowH / 2;
  const selected = (r: StressRowScene) => data.selected !== undefined && r.bar.id === data.selected;
  rows
    .select('rect.hit')
    .attr('x', 2)
    .attr('y', 0)
    .attr('width', size.width - 4)
    .attr('height', scene.rowH)
    .attr('fill', (r) => (selected(r) ? '#eef5fc' : 'transparent'));
  rows
    .select('text.mark')
    .attr('x', 8)
    .attr('y', mid + 4)
    .attr('font-size', 12)
    .attr('font-weight', 700)
    .attr('fill', FLAGGED)
    .text((r) => r.mark);
  rows
    .select('text.name')
    .attr('x', scene.x0 - 6)
    .attr('y', mid + 4)
    .attr('text-anchor', 'end')
    .attr('font-size', 11)
    .attr('font-weight', (r) => (selected(r) ? 600 : null))
    .attr('fill', INK)
    .text((r) => r.label);
  rows
    .select('rect.loss')
    .attr('x', scene.x0)
    .attr('y', mid - scene.barH / 2)
    .attr('width', (r) => r.barWidth)
    .attr('height', scene.barH)
    .attr('fill', (r) => r.fill);
  rows
    .select('text.value')
    .attr('x', (r) => r.valueX)
    .attr('y', mid + 3.5)
    .attr('font-size', 10)
    .attr('fill', INK)
    .text((r) => r.valueText);
  rows
    .select('rect.ttr')
    .attr('x', scene.daysX)
    .attr('y', mid - 3)
    .attr('width', (r) => r.ttrWidth)
    .attr('height', 6)
    .attr('fill', TTR_FILL);
  rows
    .select('rect.tts')
    .attr('x', (r) => (r.ttsX === null ? 0 : r.ttsX - 1))
    .attr('y', mid - 6)
    .attr('width', (r) => (r.ttsX === null ? 0 : 2))
    .attr('height', 12)
    .attr('fill', (r) => (r.bar.needsMitigation ? FLAGGED : INK))
    .attr('display', (r) => (r.ttsX === null ? 'none' : null));
  rows
    .select('text.infinite')
    .attr('x', scene.daysX + scene.daysW + 3)
    .attr('y', mid + 4)
    .attr('font-size', 12)
    .attr('fill', INK)
    .text((r) => (r.ttsX === null ? '∞' : ''));

  drawLegend(layer(body, 'st-legend'), scene.legend);
  layer(body, 'st-note')
    .selectAll('text')
    .data(scene.note.text ? [scene.note] : [])
    .join('text')
    .attr('x', (n) => n.x)
    .attr('y', (n) => n.y)
    .attr('font-size', 10)
    .attr('font-style', 'italic')
    .attr('fill', MUTED)
    .text((n) => n.text);
}
