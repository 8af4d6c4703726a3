// Risk ranking: two panels side by side, the top risks by expected annual loss and by tail
// contribution (their share of CVaR95), each under a 100 % bar of the total by category. Bars are
// coloured by category (shared legend); clicking a bar selects its risk. A risk raised by a cascade
// shows its triggered excess as the dashed end of its EAL bar, and a note after its name says so (as
// one a common cause hits at once). It ranks given risks only.
import type { Category } from '../../engine/model/schema.js';
import type { RiskBrief, RiskRankingData, ViewSize } from '../model/view-data.js';
import { moneyExact, moneyShort, pct } from './parts/format.js';
import { chartFrame, emptyMessage, layer, pointerIn, TITLE_HEIGHT, tooltip, viewSize } from './parts/frame.js';
import { drawLegend, flowLegend, type LegendItem } from './parts/legend.js';
import { BORDERLINE_NOTE, CATEGORIES, CATEGORY_LABELS, levelLabel } from './parts/names.js';
import { CATEGORY_COLOURS, INK, MUTED, WHITE } from './parts/palette.js';
import { jointLabel, jointText, orList, triggeredText, triggeredTip } from './parts/cascade.js';
import { clip, textWidth as measure, roughTextWidth as textWidth } from './parts/text.js';

/** How many risks each panel lists at most (fewer when the height does not allow 22 px a row). */
export const TOP_RISKS = 10;

const WORDS = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];

interface Panel {
  id: 'eal' | 'tail';
  heading: string;
  /** What the total is called in tooltips. */
  measure: string;
  value: (r: RiskBrief) => number;
  total: number;
}

/** One segment of a panel's 100 % bar: a category's share of the panel's total. */
export interface SegmentScene {
  category: Category;
  value: number;
  share: number;
  x: number;
  width: number;
  fill: string;
  /** The share written inside, centred at textX (empty when the segment is under 30 px). */
  text: string;
  textX: number;
  textFill: string;
  label: string;
  tip: string[];
}

/** One ranked risk: its row offset, label, bar and value text. */
export interface RowScene {
  risk: RiskBrief;
  rank: number;
  value: number;
  share: number;
  y: number;
  name: string;
  selected: boolean;
  barWidth: number;
  fill: string;
  valueX: number;
  valueText: string;
  /** After the name, smaller: the triggered excess or the common cause ("" when none, or when no wording fits). */
  note: string;
  noteX: number;
  /** The triggered excess as the end of the bar (EAL panel only); null without a cascade. */
  excess: { x: number; width: number } | null;
  label: string;
  tip: string[];
}

/** A panel: heading, caption (the total, when it fits), the stacked bar and the rows. */
export interface PanelScene {
  id: 'eal' | 'tail';
  x: number;
  y: number;
  heading: string;
  caption: string;
  segments: SegmentScene[];
  rows: RowScene[];
}

/** The risk ranking as plain data: the frame's texts, the legend, the panels (none without risks). */
export interface RankingScene {
  title: string;
  label: string;
  empty: string | null;
  legend: { y: number; items: LegendItem[] };
  panelWidth: number;
  /** Offset of the rows below the panel's top; bar height of a row. */
  rowsY: number;
  barH: number;
  panels: PanelScene[];
}

/** WCAG relative luminance of "#rrggbb", to pick dark or white text on a fill. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}

/** "Cargo theft @ rtm-lyo". */
export function riskLabel(r: RiskBrief): string {
  return `${r.threatName} @ ${r.target}`;
}

/** The label clipped to `max` characters, clipping the threat's name first so the target stays readable. */
export function fitLabel(r: RiskBrief, max: number): string {
  const full = riskLabel(r);
  if (full.length <= max) return full;
  const target = clip(r.target, Math.max(8, Math.floor(max * 0.5)));
  return `${clip(r.threatName, Math.max(4, max - target.length - 3))} @ ${target}`;
}

/** The legend's words for the dashed end of a bar. */
export const TRIGGERED_LEGEND = 'triggered by another threat (cascade)';
/** The dashed end of a bar: a lighter tint over the category's colour, outlined in dashes (not colour alone). */
const EXCESS_STYLE = { 'fill-opacity': 0.45, stroke: INK, 'stroke-width': 0.75, 'stroke-dasharray': '2 1.5' } as const;
const NOTE_FONT = 9.5;

/**
 * The note after a row's name, longest wording first: in the EAL panel the triggered excess in money
 * ("incl. €120K triggered by Data breach"), in the tail panel who raises it; and a common cause. The
 * layout keeps the first that fits; none at all when no wording does (the tooltip says it all).
 */
export function rowNote(r: RiskBrief, panel: 'eal' | 'tail', money: (x: number) => string): string[] {
  const c = r.cascade;
  const cascade = c ? (panel === 'eal' ? [triggeredText(c, money), triggeredText(c, money, false), `${money(c.excessEal)} triggered`] : [`triggered by ${orList(c.triggeredBy)}`, 'triggered']) : [];
  const joint = r.jointTargets !== undefined ? [jointLabel(r.jointTargets), `common cause ×${r.jointTargets}`] : [];
  if (!cascade.length) return joint;
  if (!joint.length) return cascade;
  return [...cascade.flatMap((a) => joint.map((b) => `${a} · ${b}`)), ...cascade, ...joint];
}

/** Title: how few risks make up half of the worst-5 % loss (or of the expected loss, without a tail). */
function finding(risks: RiskBrief[], cvar95: number, eal: number): string {
  if (risks.length === 0) return 'No risks in this scenario';
  const useTail = cvar95 > 0 && risks.some((r) => r.tailContribution > 0);
  const total = useTail ? cvar95 : eal > 0 ? eal : risks.reduce((s, r) => s + r.eal, 0);
  const sorted = risks.map((r) => (useTail ? r.tailContribution : r.eal)).sort((a, b) => b - a);
  let sum = 0;
  let k = 0;
  while (k < sorted.length && sum < total / 2) sum += sorted[k++]!;
  const what = useTail ? 'the worst-5 % loss' : 'the expected loss';
  if (sum < total / 2) return `The ${risks.length} risks are spread thinly over ${what}`;
  const n = k <= 10 ? WORDS[k]! : String(k);
  return `${n} ${k === 1 ? 'risk makes' : 'risks make'} up half of ${what}`;
}

/** The ranking's scene at `size`: no DOM, so a test can check it directly. */
export function layoutRiskRanking(data: RiskRankingData, size: ViewSize): RankingScene {
  const locale = data.locale ?? 'en-US';
  const m = (x: number): string => moneyShort(x, data.currency, locale);
  const mx = (x: number): string => moneyExact(x, data.currency, locale);
  const risks = data.risks.filter((r) => Number.isFinite(r.eal) && Number.isFinite(r.tailContribution));
  const sumEal = risks.reduce((s, r) => s + r.eal, 0);
  const sumTail = risks.reduce((s, r) => s + r.tailContribution, 0);
  const panels: Panel[] = [
    { id: 'eal', heading: 'Expected annual loss', measure: 'expected annual loss', value: (r) => r.eal, total: data.eal > 0 ? data.eal : sumEal },
    { id: 'tail', heading: 'Worst-5 % years (CVaR95)', measure: 'contribution to CVaR95', value: (r) => r.tailContribution, total: data.cvar95 > 0 ? data.cvar95 : sumTail },
  ];

  const title = finding(risks, data.cvar95, data.eal);
  const label = `Risk ranking: the top risks by expected annual loss (total ${mx(panels[0]!.total)}) and by contribution to CVaR95, the average loss in the worst 5 % of years (total ${mx(panels[1]!.total)}), coloured by threat category.`;

  // Legend at the bottom: the categories present, in the shared order; then the dashed end of a bar
  // when a risk has a triggered excess (it may fall outside the rows shown: the legend says what can be).
  const present = CATEGORIES.filter((c) => risks.some((r) => r.category === c));
  const triggered = risks.some((r) => r.cascade !== undefined && r.cascade.excessEal > 0);
  const legendItems = flowLegend(
    [...present.map((c) => ({ c, text: CATEGORY_LABELS[c], group: 0 })), ...(triggered ? [{ c: null, text: TRIGGERED_LEGEND, group: 0 }] : [])],
    8,
    size.width - 8,
    (item) => ({ item, width: 16 + textWidth(item.text, 10) + 12 }),
  );
  const legendRows = legendItems.length ? legendItems[legendItems.length - 1]!.row + 1 : 0;
  const legendTop = size.height - legendRows * 15 - 4;
  const legend = legendItems.map(
    ({ item: { c, text }, x, row }): LegendItem => ({
      key: c ?? 'triggered',
      at: [x, row * 15],
      parts: [
        { tag: 'rect', attrs: c ? { width: 11, height: 11, y: 0, rx: 2, fill: CATEGORY_COLOURS[c] } : { width: 11, height: 11, y: 0, rx: 2, ...EXCESS_STYLE, fill: MUTED } },
        { tag: 'text', attrs: { x: 15, y: 9.5, 'font-size': 10, fill: INK }, text },
      ],
    }),
  );

  // Panels: heading, stacked bar, then rows (label above its bar, value right of it).
  const gutter = 20;
  const panelW = (size.width - 16 - gutter) / 2;
  const top = TITLE_HEIGHT + 8;
  const rowsTop = top + 40;
  const room = legendTop - 6 - rowsTop;
  const n = Math.max(0, Math.min(TOP_RISKS, risks.length, Math.floor(room / 22)));
  // Rows of 22 px (label line + bar), taller when there is room, up to 44 px.
  const rowH = n > 0 ? Math.max(22, Math.min(44, room / n)) : 22;
  const barH = Math.min(18, rowH - 14);
  // Value labels ("€1.48M · 23 %") right of the bars: the bars leave room for the longest.
  const valueW = 8 + Math.max(...panels.flatMap((p) => risks.map((r) => textWidth(`${m(p.value(r))} · ${Math.round((p.total > 0 ? p.value(r) / p.total : 0) * 100)} %`, 10))), 40);
  const barMax = Math.max(10, panelW - valueW);
  const maxChars = Math.floor(panelW / (10 * 0.58));

  // 100 % stacked bar of the total by category.
  const segments = (p: Panel): SegmentScene[] => {
    const sums = CATEGORIES.map((c) => ({ category: c, value: risks.filter((r) => r.category === c).reduce((s, r) => s + p.value(r), 0) })).filter((s) => s.value > 0);
    const all = sums.reduce((s, c) => s + c.value, 0);
    let acc = 0;
    return sums.map((s) => {
      const share = all > 0 ? s.value / all : 0;
      const start = acc;
      acc += share;
      return {
        category: s.category,
        value: s.value,
        share,
        x: start * panelW,
        width: Math.max(0, share * panelW - 1),
        fill: CATEGORY_COLOURS[s.category],
        text: share * panelW >= 30 ? `${Math.round(share * 100)} %` : '',
        textX: (start + share / 2) * panelW,
        textFill: luminance(CATEGORY_COLOURS[s.category]) > 0.2 ? INK : WHITE,
        label: `${CATEGORY_LABELS[s.category]}: ${pct(share)} of ${p.measure} (${mx(s.value)})`,
        tip: [`${CATEGORY_LABELS[s.category]} (${p.id === 'eal' ? 'expected loss' : 'CVaR95'})`, `${mx(s.value)} a year · ${pct(share)}`],
      };
    });
  };
  const rows = (p: Panel): RowScene[] => {
    const ranked = [...risks].sort((a, b) => p.value(b) - p.value(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, n);
    const max = Math.max(0, ...ranked.map((r) => p.value(r)));
    return ranked.map((r, i) => {
      const value = p.value(r);
      const share = p.total > 0 ? value / p.total : 0;
      const barWidth = max > 0 ? Math.max(1, (value / max) * barMax) : 1;
      const name = fitLabel(r, maxChars);
      const selected = r.id === data.selectedRisk;
      const noteX = measure(name, 10, selected) + 6;
      const note = rowNote(r, p.id, m).find((t) => noteX + measure(t, NOTE_FONT) <= panelW) ?? '';
      // the excess is part of the EAL: the end of the bar, at least 2 px so it shows
      const ex = p.id === 'eal' && r.cascade && r.cascade.excessEal > 0 && value > 0 ? Math.min(barWidth, Math.max(2, (Math.min(r.cascade.excessEal, value) / value) * barWidth)) : 0;
      return {
        risk: r,
        rank: i + 1,
        value,
        share,
        y: i * rowH,
        name,
        selected,
        barWidth,
        fill: CATEGORY_COLOURS[r.category],
        valueX: barWidth + 4,
        valueText: `${m(value)} · ${Math.round(share * 100)} %`,
        note,
        noteX,
        excess: ex > 0 ? { x: barWidth - ex, width: ex } : null,
        label: `Rank ${i + 1}: ${riskLabel(r)}, ${CATEGORY_LABELS[r.category]}, ${p.measure} ${mx(value)} (${pct(share)})${r.cascade ? `; ${triggeredText(r.cascade, mx)}` : ''}${r.jointTargets !== undefined ? `; ${jointLabel(r.jointTargets)}` : ''}`,
        tip: [
          riskLabel(r),
          `${CATEGORY_LABELS[r.category]} · level ${levelLabel(r.level, r.borderline).toLowerCase()}`,
          ...(r.borderline ? [BORDERLINE_NOTE] : []),
          `Expected annual loss ${mx(r.eal)} (${pct(panels[0]!.total > 0 ? r.eal / panels[0]!.total : 0)})`,
          `Contribution to CVaR95 ${mx(r.tailContribution)} (${pct(panels[1]!.total > 0 ? r.tailContribution / panels[1]!.total : 0)})`,
          ...(r.cascade ? [triggeredTip(r.cascade, mx)] : []),
          ...(r.jointTargets !== undefined ? [`Common cause: each event ${jointText(r.jointTargets)}`] : []),
        ],
      };
    });
  };

  return {
    title,
    label,
    empty: risks.length ? null : 'No risks in this scenario',
    legend: { y: legendTop, items: legend },
    panelWidth: panelW,
    rowsY: rowsTop - top,
    barH,
    panels: (risks.length ? panels : []).map((p, i) => ({
      id: p.id,
      x: 8 + i * (panelW + gutter),
      y: top,
      heading: p.heading,
      // Only when it fits beside the heading (the total is also in the chart's aria-label).
      caption: [`total ${m(p.total)}`, m(p.total)].find((t) => textWidth(p.heading, 11) * 1.1 + 10 + textWidth(t, 10) <= panelW) ?? '',
      segments: segments(p),
      rows: rows(p),
    })),
  };
}

/**
 * Draws (or updates) the ranking in `element`. Money in data.currency per year; shares of data.eal
 * and data.cvar95. Rows are focusable buttons: Enter or Space does what a click does.
 */
export function riskRanking(element: HTMLElement, data: RiskRankingData): void {
  const size = viewSize(element, data.size, { width: 520, height: 360 });
  const scene = layoutRiskRanking(data, size);
  const panelW = scene.panelWidth;
  const barH = scene.barH;
  const svg = chartFrame(element, { title: scene.title, label: scene.label, size });
  const tip = tooltip(element);
  tip.hide();

  drawLegend(layer(svg, 'rr-legend').attr('transform', `translate(0,${scene.legend.y})`), scene.legend.items);
  emptyMessage(svg, 'rr-empty', scene.empty, size);

  const act = (r: RiskBrief): void => data.onRiskClick?.(r);
  const pg = svg
    .selectAll<SVGGElement, PanelScene>('g.rr-panel')
    .data(scene.panels, (d) => d.id)
    .join('g')
    .attr('class', (d) => `rr-panel rr-panel-${d.id}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`);

  pg.selectAll<SVGTextElement, PanelScene>('text.heading')
    .data((d) => [d])
    .join('text')
    .attr('class', 'heading')
    .attr('x', 0)
    .attr('y', 10)
    .attr('font-size', 11)
    .attr('font-weight', 600)
    .attr('fill', INK)
    .text((d) => d.heading);

  // 100 % stacked bar of the total by category.
  pg.selectAll<SVGTextElement, PanelScene>('text.stack-caption')
    .data((d) => [d])
    .join('text')
    .attr('class', 'stack-caption')
    .attr('x', panelW)
    .attr('y', 10)
    .attr('text-anchor', 'end')
    .attr('font-size', 10)
    .attr('fill', MUTED)
    .text((d) => d.caption);
  const segs = pg
    .selectAll<SVGGElement, PanelScene>('g.stack')
    .data((d) => [d])
    .join('g')
    .attr('class', 'stack')
    .attr('transform', 'translate(0,16)')
    .selectAll<SVGGElement, SegmentScene>('g.seg')
    .data(
      (p) => p.segments,
      (d) => d.category,
    )
    .join((enter) => {
      const g = enter.append('g').attr('class', 'seg').attr('tabindex', 0);
      g.append('rect');
      g.append('text');
      return g;
    })
    .attr('aria-label', (d) => d.label)
    .on('mouseenter focus', (event: MouseEvent | FocusEvent, d) => {
      const [px, py] = pointerIn(element, event);
      tip.show(d.tip, px, py);
    })
    .on('mouseleave blur', () => tip.hide());
  segs
    .select('rect')
    .attr('x', (d) => d.x)
    .attr('width', (d) => d.width)
    .attr('y', 0)
    .attr('height', 14)
    .attr('fill', (d) => d.fill);
  segs
    .select('text')
    .attr('x', (d) => d.textX)
    .attr('y', 10.5)
    .attr('text-anchor', 'middle')
    .attr('font-size', 9.5)
    .attr('fill', (d) => d.textFill)
    .text((d) => d.text);

  // Rows.
  const rows = pg
    .selectAll<SVGGElement, PanelScene>('g.rows')
    .data((d) => [d])
    .join('g')
    .attr('class', 'rows')
    .attr('transform', `translate(0,${scene.rowsY})`)
    .selectAll<SVGGElement, RowScene>('g.row')
    .data(
      (p) => p.rows,
      (d) => d.risk.id,
    )
    .join((enter) => {
      const g = enter.append('g').attr('class', 'row');
      g.append('text').attr('class', 'name');
      g.append('rect').attr('class', 'bar');
      g.append('text').attr('class', 'value');
      return g;
    })
    .attr('transform', (d) => `translate(0,${d.y})`)
    .attr('tabindex', 0)
    .attr('role', data.onRiskClick ? 'button' : null)
    .attr('cursor', data.onRiskClick ? 'pointer' : null)
    .attr('aria-pressed', data.onRiskClick ? (d) => String(d.selected) : null)
    .attr('aria-label', (d) => d.label)
    .on('click', (event: MouseEvent, d) => act(d.risk))
    .on('keydown', (event: KeyboardEvent, d) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        act(d.risk);
      }
    })
    .on('mouseenter focus', (event: MouseEvent | FocusEvent, d) => {
      const [px, py] = pointerIn(element, event);
      tip.show(d.tip, px, py);
    })
    .on('mouseleave blur', () => tip.hide());
  rows
    .select('text.name')
    .attr('x', 0)
    .attr('y', 8)
    .attr('font-size', 10)
    .attr('fill', INK)
    .attr('font-weight', (d) => (d.selected ? 700 : null))
    .text((d) => d.name);
  rows
    .select('rect.bar')
    .attr('x', 0)
    .attr('y', 11)
    .attr('height', barH)
    .attr('width', (d) => d.barWidth)
    .attr('fill', (d) => d.fill)
    .attr('stroke', (d) => (d.selected ? INK : null))
    .attr('stroke-width', (d) => (d.selected ? 2 : null));
  rows
    .select('text.value')
    .attr('x', (d) => d.valueX)
    .attr('y', 11 + barH / 2 + 3.5)
    .attr('font-size', 10)
    .attr('fill', INK)
    .text((d) => d.valueText);
  // only rows with a cascade or a common cause get these (so other charts draw as they did)
  rows
    .selectAll<SVGRectElement, { x: number; width: number }>('rect.excess')
    .data((d) => (d.excess ? [d.excess] : []))
    .join('rect')
    .attr('class', 'excess')
    .attr('x', (e) => e.x)
    .attr('y', 11)
    .attr('height', barH)
    .attr('width', (e) => e.width)
    .attr('fill', WHITE)
    .attr('fill-opacity', EXCESS_STYLE['fill-opacity'])
    .attr('stroke', EXCESS_STYLE.stroke)
    .attr('stroke-width', EXCESS_STYLE['stroke-width'])
    .attr('stroke-dasharray', EXCESS_STYLE['stroke-dasharray'])
    .attr('pointer-events', 'none');
  rows
    .selectAll<SVGTextElement, RowScene>('text.note')
    .data((d) => (d.note ? [d] : []))
    .join('text')
    .attr('class', 'note')
    .attr('x', (d) => d.noteX)
    .attr('y', 8)
    .attr('font-size', NOTE_FONT)
    .attr('fill', MUTED)
    .text((d) => d.note);
}
