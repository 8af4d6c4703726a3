// Risk matrix: the 5 × 5 grid of likelihood (rows, rare at the bottom) by impact (columns, minor on
// the left), each cell filled and labelled with its level and listing its risks; cells above the
// appetite's level are hatched and outlined; a borderline risk (its level may change with the seed)
// carries "~" after its name, explained in the legend; a risk's tooltip and aria-label name a cascade
// raising it ("triggered by …") and a common cause. It only places the risks it is given; it scores nothing.
import { select, type BaseType, type Selection } from 'd3';
import type { Category, Level } from '../../engine/model/schema.js';
import type { MatrixCell, RiskBrief, RiskMatrixData, ViewSize } from '../model/view-data.js';
import { jointLabel, jointText, triggeredText, triggeredTip } from './parts/cascade.js';
import { currencySymbol, moneyExact, moneyShort } from './parts/format.js';
import { chartFrame, pointerIn, TITLE_HEIGHT, tooltip, viewSize } from './parts/frame.js';
import { drawLegend, flowLegend, type FlowItem, type LegendItem } from './parts/legend.js';
import { BORDERLINE_MARK, BORDERLINE_NOTE, CATEGORIES, CATEGORY_LABELS, LEVEL_LABELS, LEVELS, levelLabel } from './parts/names.js';
import { CATEGORY_COLOURS, FOCUS, INK, LEVEL_COLOURS, LEVEL_TEXT, SLATE, WHITE } from './parts/palette.js';
import { fitText as fit, textWidth } from './parts/text.js';

const FALLBACK = { width: 520, height: 420 };
const LINE_H = 12.5;
const HEAD_H = 17;

const rank = (l: Level) => LEVELS.indexOf(l);
const short = (s: string) => s.replace(/\s*\([^)]*\)\s*$/, '').trim() || s;
const SHORT_LEVEL: Record<Level, string> = { low: 'LOW', medium: 'MED', high: 'HIGH', critical: 'CRIT' };

/** The level written in a cell's corner: in full, abbreviated, or not at all, so it never meets the count. */
function levelWord(level: Level, count: number, cellWidth: number): string {
  const countW = count > 0 ? String(count).length * 12 * 0.64 + 4 : 0;
  const room = cellWidth - 12 - countW;
  const width = (s: string) => s.length * (9 * 0.72 + 0.3);
  const full = LEVEL_LABELS[level].toUpperCase();
  if (width(full) <= room) return full;
  return width(SHORT_LEVEL[level]) <= room ? SHORT_LEVEL[level] : '';
}

const byEal = (a: RiskBrief, b: RiskBrief) => b.eal - a.eal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cellKey = (c: { likelihood: number; impact: number }) => `${c.likelihood}-${c.impact}`;

/** "Name (band)" → [name, band], for two-line axis labels. */
function splitLabel(label: string): [string, string] {
  const i = label.indexOf(' (');
  return i > 0 && label.endsWith(')') ? [label.slice(0, i), label.slice(i + 2, -1)] : [label, ''];
}

/**
 * The finding: how many risks sit at the worst level present, whether that is outside the appetite,
 * and what they share; the longest wording that fits `maxChars`.
 */
export function matrixTitle(risks: RiskBrief[], maxLevel: Level | undefined, maxWidth: number): string {
  const width = (t: string) => textWidth(t, 15, true);
  if (risks.length === 0) return 'No risks in the register';
  const worst = risks.reduce<Level>((l, r) => (rank(r.level) > rank(l) ? r.level : l), 'low');
  const top = risks.filter((r) => r.level === worst).sort(byEal);
  const n = top.length;
  const word = LEVEL_LABELS[worst].toLowerCase();
  let head = n === 1 ? `1 risk is ${word}` : `${n} risks are ${word}`;
  const notes: string[] = [];
  // the level is stated, so say when it may change with the seed
  const borderline = top.filter((r) => r.borderline).length;
  if (borderline > 0) notes.push(n === 1 ? `borderline ${BORDERLINE_MARK}` : `${borderline} borderline ${BORDERLINE_MARK}`);
  if (maxLevel !== undefined) {
    const outsideN = risks.filter((r) => rank(r.level) > rank(maxLevel)).length;
    if (outsideN > 0) notes.push(rank(worst) > rank(maxLevel) && outsideN === n ? 'outside appetite' : `${outsideN} outside appetite`);
  }
  if (notes.length) head += ` (${notes.join('; ')})`;
  let detail: string;
  if (n === 1) {
    const room = maxWidth - width(`${head}:  at ${top[0]!.target}`);
    detail = room >= 90 ? `: ${fit(short(top[0]!.threatName), room, 15, true)} at ${top[0]!.target}` : '';
  } else {
    const cats = new Set(top.map((r) => r.category));
    const kinds = new Set(top.map((r) => r.targetKind));
    const targets = (kind: 'site' | 'lane') => new Set(top.filter((r) => r.targetKind === kind).map((r) => r.target)).size;
    if (cats.size === 1) detail = `, all ${CATEGORY_LABELS[top[0]!.category].toLowerCase()}`;
    else if (kinds.size === 1) detail = `, all on ${kinds.has('lane') ? 'lanes' : 'sites'}`;
    else {
      const ns = targets('site');
      const nl = targets('lane');
      detail = `, on ${ns} site${ns === 1 ? '' : 's'} and ${nl} lane${nl === 1 ? '' : 's'}`;
    }
  }
  return [head + detail, head].find((t) => width(t) <= maxWidth) ?? fit(head, maxWidth, 15, true);
}

/** Diagonal hatching (45°) inside a w × h box, as one path, clipped by construction (no pattern ids). */
function hatch(w: number, h: number, step: number): string {
  const parts: string[] = [];
  const f = (x: number) => Math.round(x * 10) / 10;
  for (let c = step; c < w + h; c += step) {
    // the line x + y = c, from where it enters the box to where it leaves
    const x0 = Math.max(0, c - h);
    const y0 = c - x0;
    const x1 = Math.min(w, c);
    const y1 = c - x1;
    parts.push(`M${f(x0)},${f(y0)}L${f(x1)},${f(y1)}`);
  }
  return parts.join('');
}

interface Line {
  kind: 'risk' | 'more';
  key: string;
  risk?: RiskBrief;
  hidden?: RiskBrief[];
  text: string;
  /** Row in the cell, x offset and width of its hit box (px). */
  row: number;
  x: number;
  width: number;
  /** The tooltip's lines and the line's aria-label. */
  tip: string[];
  label: string;
}

/** A cell as drawn: its place, whether it is outside the appetite, its corner word and its lines. */
export interface CellScene {
  cell: MatrixCell;
  x: number;
  y: number;
  outside: boolean;
  levelWord: string;
  lines: Line[];
}

/** An axis label: the band's name and its range below it, each fitted to the room. */
export interface AxisLabel {
  index: number;
  name: string;
  band: string;
  twoLines: boolean;
}

/** The risk matrix as plain data: geometry, axis texts, cells with their lines, and the legend. */
export interface MatrixScene {
  title: string;
  label: string;
  left: number;
  top: number;
  cw: number;
  ch: number;
  yLabels: AxisLabel[];
  xLabels: AxisLabel[];
  yTitle: string;
  yFont: number;
  xTitle: string;
  cells: CellScene[];
  legend: { y: number; items: LegendItem[] };
}

type LegendKind = 'level' | 'appetite' | 'category' | 'heading' | 'note';
interface MatrixLegendEntry extends FlowItem {
  key: string;
  kind: LegendKind;
  fill: string;
  text: string;
}

/** The legend entry as drawn: a swatch (none for headings and the note), a hatch for the appetite, the text. */
function legendItem(d: MatrixLegendEntry, x: number, row: number): LegendItem {
  const bare = d.kind === 'heading' || d.kind === 'note';
  return {
    key: d.key,
    at: [x, row * 17],
    parts: [
      {
        tag: 'rect',
        cls: 'swatch',
        attrs: {
          x: 0,
          y: 1,
          width: bare ? 0 : d.kind === 'category' ? 10 : 12,
          height: bare ? 0 : d.kind === 'category' ? 10 : 12,
          transform: d.kind === 'category' ? 'translate(1,1)' : null,
          fill: d.kind === 'appetite' ? LEVEL_COLOURS.critical : d.fill,
          stroke: d.kind === 'appetite' ? INK : bare ? 'none' : SLATE,
          'stroke-width': d.kind === 'appetite' ? 2 : 0.75,
        },
      },
      {
        tag: 'path',
        cls: 'hatch',
        attrs: { transform: 'translate(0,1)', d: d.kind === 'appetite' ? hatch(12, 12, 4) : null, stroke: LEVEL_TEXT.critical, 'stroke-opacity': 0.5, 'stroke-width': 1, fill: 'none' },
      },
      { tag: 'text', attrs: { x: bare ? 0 : 16, y: 11, 'font-size': 10.5, 'font-weight': d.kind === 'heading' ? 600 : 400, fill: INK }, text: d.text },
    ],
  };
}

/** The risk matrix's scene at `size`: no DOM, so a test can check it directly. */
export function layoutRiskMatrix(data: RiskMatrixData, size: ViewSize): MatrixScene {
  const w = size.width;
  const h = size.height;
  const cur = data.currency;
  const loc = data.locale;
  const cells = data.cells.filter((c) => c.likelihood >= 1 && c.likelihood <= 5 && c.impact >= 1 && c.impact <= 5);
  const risks = cells.flatMap((c) => c.risks);
  const maxLevel = data.maxLevel;
  const outside = (l: Level) => maxLevel !== undefined && rank(l) > rank(maxLevel);
  const lLabels = [1, 2, 3, 4, 5].map((i) => splitLabel(data.likelihoodLabels[i - 1] ?? String(i)));
  const iLabels = [1, 2, 3, 4, 5].map((i) => splitLabel(data.impactLabels[i - 1] ?? String(i)));
  const nBorderline = risks.filter((r) => r.borderline).length;
  const label =
      `Risk matrix, 5 by 5: likelihood (rare to almost certain) against impact (minor to catastrophic); ` +
      `${risks.length} risk${risks.length === 1 ? '' : 's'} placed in cells coloured by level` +
      (maxLevel !== undefined && rank(maxLevel) < 3 ? `; cells above ${LEVEL_LABELS[maxLevel]} are outside the appetite (hatched, bold border)` : '') +
      (nBorderline > 0 ? `; ${nBorderline} borderline risk${nBorderline === 1 ? '' : 's'} marked ${BORDERLINE_MARK}: the level may change with the seed.` : '.');

  // ---- legend rows (bottom): levels and the appetite marker; the categories present
  const legendItems: MatrixLegendEntry[] = [];
  // Short charts drop the level swatches: every cell already names its level.
  const compact = h < 360;
  if (!compact) legendItems.push({ key: 'h-level', group: 0, heading: true, kind: 'heading', fill: INK, text: 'Level:' });
  if (!compact) for (const l of LEVELS) legendItems.push({ key: `level-${l}`, group: 0, kind: 'level', fill: LEVEL_COLOURS[l], text: LEVEL_LABELS[l] });
  if (maxLevel !== undefined && rank(maxLevel) < 3) legendItems.push({ key: 'appetite', group: 0, kind: 'appetite', fill: 'none', text: `Outside appetite (above ${LEVEL_LABELS[maxLevel]})` });
  if (risks.some((r) => r.borderline)) legendItems.push({ key: 'borderline', group: 0, kind: 'note', fill: 'none', text: BORDERLINE_NOTE });
  // the note in full when it fits the row it lands on, else shorter (its tooltip lines say it in full)
  const noteTexts = [BORDERLINE_NOTE, `${BORDERLINE_MARK} borderline: level may change with the seed`, `${BORDERLINE_MARK} level may change with the seed`, `${BORDERLINE_MARK} borderline`];
  const present = CATEGORIES.filter((c) => risks.some((r) => r.category === c));
  if (present.length) legendItems.push({ key: 'h-category', group: 1, heading: true, kind: 'heading', fill: INK, text: 'Threat:' });
  for (const c of present) legendItems.push({ key: `category-${c}`, group: 1, kind: 'category', fill: CATEGORY_COLOURS[c as Category], text: CATEGORY_LABELS[c as Category] });
  // flow the items into rows that fit the width
  const placedLegend = flowLegend(legendItems, 8, w - 4, (item, x, indent) => {
    // the note: a wording that still says what "~" means on this row, else the fullest on a row of its own
    const fits = (t: string, at: number) => at + textWidth(t, 10.5) + 12 <= w - 4;
    const note = () => noteTexts.slice(0, -1).find((t) => fits(t, x)) ?? noteTexts.find((t) => fits(t, indent)) ?? noteTexts[noteTexts.length - 1]!;
    const it = item.kind === 'note' ? { ...item, text: note() } : item;
    const width = it.kind === 'heading' ? textWidth(it.text, 10.5, true) + 6 : it.kind === 'note' ? textWidth(it.text, 10.5) + 12 : 16 + textWidth(it.text, 10.5) + 12;
    return { item: it, width };
  });
  const legendRows = placedLegend.length ? Math.max(...placedLegend.map((p) => p.row)) + 1 : 0;
  const legendH = legendRows * 17 + 4;

  // ---- grid geometry
  const yLabelW = Math.min(w * 0.26, Math.max(...lLabels.map(([a, b]) => Math.max(textWidth(a, 10.5, true), textWidth(b, 9.5)))) + 4);
  const left = 8 + 14 + 6 + yLabelW + 6;
  const right = w - 8;
  const top = TITLE_HEIGHT + 10;
  const bottom = h - legendH - 6 - 16 - 26 - 4;
  const cw = (right - left) / 5;
  const ch = Math.max(20, (bottom - top) / 5);
  const cx = (impact: number) => left + (impact - 1) * cw;
  const cy = (likelihood: number) => top + (5 - likelihood) * ch;

  // ---- axes: labels (name on one line, band below) and titles with units
  const yLabels = [1, 2, 3, 4, 5].map((d) => ({ index: d, name: fit(lLabels[d - 1]![0], yLabelW, 10.5, true), band: fit(lLabels[d - 1]![1], yLabelW, 9.5), twoLines: lLabels[d - 1]![1] !== '' }));
  const xLabels = [1, 2, 3, 4, 5].map((d) => ({ index: d, name: fit(iLabels[d - 1]![0], cw - 1, 10.5, true), band: fit(iLabels[d - 1]![1], cw - 2, 9.5), twoLines: iLabels[d - 1]![1] !== '' }));
  const yTitles = ['Likelihood — P(at least one event in the horizon)', 'Likelihood — P(≥ 1 event in the horizon)', 'Likelihood — P(≥ 1 event)', 'Likelihood'];
  const yFont = textWidth(yTitles[0]!, 11) <= 5 * ch ? 11 : 10;
  const yTitle = yTitles.find((t) => textWidth(t, yFont) <= 5 * ch) ?? 'Likelihood';
  // ---- cells
  const linesFit = Math.max(1, Math.floor((ch - HEAD_H - 2) / LINE_H));
  const lineW = cw - 6;
  const exact = (x: number) => moneyExact(x, cur, loc);
  const shortMoney = (x: number) => moneyShort(x, cur, loc);
  const riskTip = (r: RiskBrief, c: MatrixCell): string[] => [
    r.threatName,
    `on ${r.target} (${r.targetKind})`,
    `Category: ${CATEGORY_LABELS[r.category]}`,
    `Level: ${levelLabel(r.level, r.borderline)}${outside(r.level) ? ' (outside appetite)' : ''}`,
    ...(r.borderline ? [`${BORDERLINE_NOTE} (its impact interval straddles a band edge)`] : []),
    `Likelihood ${r.likelihood}: ${data.likelihoodLabels[c.likelihood - 1] ?? ''}`,
    `Impact ${r.impact}: ${data.impactLabels[c.impact - 1] ?? ''}`,
    `Expected annual loss: ${exact(r.eal)}`,
    `Contribution to CVaR 95 %: ${exact(r.tailContribution)}`,
    ...(r.cascade ? [triggeredTip(r.cascade, exact)] : []),
    ...(r.jointTargets !== undefined ? [`Common cause: each event ${jointText(r.jointTargets)}`] : []),
  ];
  // a cascade or a common cause is named after the figures, and only when the risk has one
  const extras = (r: RiskBrief, money: (x: number) => string): string =>
    `${r.cascade ? `; ${triggeredText(r.cascade, money)}` : ''}${r.jointTargets !== undefined ? `; ${jointLabel(r.jointTargets)}` : ''}`;
  const riskLabel = (r: RiskBrief): string =>
    `${r.threatName} at ${r.target}: ${LEVEL_LABELS[r.level]}${r.borderline ? ' (borderline: may change with the seed)' : ''}, likelihood ${r.likelihood}, impact ${r.impact}, expected annual loss ${exact(r.eal)}${extras(r, exact)}`;
  const moreLine = (hidden: RiskBrief[], text: string, row: number, x: number, width: number): Line => ({
    kind: 'more',
    key: '+more',
    hidden,
    text,
    row,
    x,
    width,
    tip: [
      `${hidden.length} more risk${hidden.length === 1 ? '' : 's'} in this cell:`,
      ...hidden.slice(0, 12).map((r) => `• ${short(r.threatName)} @ ${r.target}${r.borderline ? ` ${BORDERLINE_MARK}` : ''} — ${exact(r.eal)}${extras(r, shortMoney).replace(/; /g, ' · ')}`),
      ...(hidden.length > 12 ? [`… and ${hidden.length - 12} more`] : []),
    ],
    label: `${hidden.length} more risks: ${hidden.map((r) => `${short(r.threatName)} at ${r.target}${r.cascade ? `, ${triggeredText(r.cascade, shortMoney)}` : ''}${r.jointTargets !== undefined ? `, ${jointLabel(r.jointTargets)}` : ''}`).join('; ')}`,
  });
  const linesOf = (c: MatrixCell): Line[] => {
    const sorted = c.risks.slice().sort(byEal);
    // the borderline mark goes after the name, with room kept for it so clipping never drops it; where
    // not even a clipped name fits beside it, the mark alone (the tooltip names the risk)
    const mark = ` ${BORDERLINE_MARK}`;
    const lineText = (r: RiskBrief, width: number): string => {
      const bold = r.id === data.selectedRisk;
      const room = width - 14 - 3;
      const name = `${short(r.threatName)} @ ${r.target}`;
      if (!r.borderline) return fit(name, room, 10, bold);
      const marked = `${fit(name, room - textWidth(mark, 10, bold), 10, bold)}${mark}`;
      return textWidth(marked, 10, bold) <= room ? marked : BORDERLINE_MARK;
    };
    const riskLine = (r: RiskBrief, row: number, width = lineW): Line => ({ kind: 'risk', key: r.id, risk: r, text: lineText(r, width), row, x: 0, width, tip: riskTip(r, c), label: riskLabel(r) });
    if (sorted.length <= linesFit) return sorted.map((r, i) => riskLine(r, i));
    // one line only: the top (or selected) risk and "+N" beside it; else "+N more" on the last line
    const keep = linesFit === 1 ? 1 : linesFit - 1;
    let shown = sorted.slice(0, keep);
    const sel = sorted.find((r) => r.id === data.selectedRisk);
    if (sel && !shown.includes(sel)) shown = [...shown.slice(0, keep - 1), sel];
    const hidden = sorted.filter((r) => !shown.includes(r));
    if (linesFit === 1) {
      const more = `+${hidden.length}`;
      const moreW = textWidth(more, 10) + 8;
      return [riskLine(shown[0]!, 0, lineW - moreW - 2), moreLine(hidden, more, 0, lineW - moreW, moreW)];
    }
    return [...shown.map((r, i) => riskLine(r, i)), moreLine(hidden, `+${hidden.length} more`, shown.length, 0, lineW)];
  };
  return {
    title: matrixTitle(risks, maxLevel, w - 16),
    label,
    left,
    top,
    cw,
    ch,
    yLabels,
    xLabels,
    yTitle,
    yFont,
    xTitle: `Impact — mean loss per event (${currencySymbol(cur, loc)})`,
    cells: cells.map((c) => ({ cell: c, x: cx(c.impact), y: cy(c.likelihood), outside: outside(c.level), levelWord: levelWord(c.level, c.risks.length, cw), lines: linesOf(c) })),
    legend: { y: h - legendH + 2, items: placedLegend.map((p) => legendItem(p.item, p.x, p.row)) },
  };
}

/**
 * Draws (or updates) the 5 × 5 risk matrix in `element`: impact (mean loss per event) across,
 * likelihood (P of at least one event in the horizon) up; each risk a focusable line in its cell,
 * click or Enter calls data.onRiskClick. Idempotent: call again with new data.
 */
export function riskMatrix(element: HTMLElement, data: RiskMatrixData): void {
  const size = viewSize(element, data.size, FALLBACK);
  const scene = layoutRiskMatrix(data, size);
  const { left, top, cw, ch } = scene;
  const svg = chartFrame(element, { title: scene.title, label: scene.label, size });
  const tip = tooltip(element);

  // ---- axes: labels (name on one line, band below) and titles with units
  const axes = svg
    .selectAll<SVGGElement, null>('g.axes')
    .data([null])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'axes');
      g.append('g').attr('class', 'y-labels');
      g.append('g').attr('class', 'x-labels');
      g.append('text').attr('class', 'y-title');
      g.append('text').attr('class', 'x-title');
      return g;
    });
  const yl = axes
    .select('g.y-labels')
    .selectAll<SVGGElement, AxisLabel>('g.y-label')
    .data(scene.yLabels, (d) => String(d.index))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'y-label');
      g.append('text').attr('class', 'name');
      g.append('text').attr('class', 'band');
      return g;
    })
    .attr('transform', (d) => `translate(${left - 6},${top + (5 - d.index) * ch + ch / 2})`);
  yl.select('text.name')
    .attr('text-anchor', 'end')
    .attr('y', (d) => (d.twoLines ? -1.5 : 4))
    .attr('font-size', 10.5)
    .attr('font-weight', 600)
    .attr('fill', INK)
    .text((d) => d.name);
  yl.select('text.band')
    .attr('text-anchor', 'end')
    .attr('y', 10.5)
    .attr('font-size', 9.5)
    .attr('fill', SLATE)
    .text((d) => d.band);
  const xl = axes
    .select('g.x-labels')
    .selectAll<SVGGElement, AxisLabel>('g.x-label')
    .data(scene.xLabels, (d) => String(d.index))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'x-label');
      g.append('text').attr('class', 'name');
      g.append('text').attr('class', 'band');
      return g;
    })
    .attr('transform', (d) => `translate(${left + (d.index - 1) * cw + cw / 2},${top + 5 * ch + 13})`);
  xl.select('text.name')
    .attr('text-anchor', 'middle')
    .attr('font-size', 10.5)
    .attr('font-weight', 600)
    .attr('fill', INK)
    .text((d) => d.name);
  xl.select('text.band')
    .attr('text-anchor', 'middle')
    .attr('y', 12)
    .attr('font-size', 9.5)
    .attr('fill', SLATE)
    .text((d) => d.band);
  axes
    .select('text.y-title')
    .attr('transform', `translate(${8 + 10},${top + (5 * ch) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', scene.yFont)
    .attr('fill', INK)
    .text(scene.yTitle);
  axes
    .select('text.x-title')
    .attr('x', left + (5 * cw) / 2)
    .attr('y', top + 5 * ch + 44)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', INK)
    .text(scene.xTitle);

  // ---- cells
  const cell = svg
    .selectAll<SVGGElement, null>('g.cells')
    .data([null])
    .join('g')
    .attr('class', 'cells')
    .selectAll<SVGGElement, CellScene>('g.cell')
    .data(scene.cells, (d) => cellKey(d.cell))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'cell');
      g.append('rect').attr('class', 'bg');
      g.append('path').attr('class', 'hatch');
      g.append('rect').attr('class', 'appetite');
      g.append('text').attr('class', 'level');
      g.append('text').attr('class', 'count');
      g.append('g').attr('class', 'risks');
      return g;
    })
    .attr('data-likelihood', (d) => d.cell.likelihood)
    .attr('data-impact', (d) => d.cell.impact)
    .attr('transform', (d) => `translate(${d.x},${d.y})`);
  cell
    .select('rect.bg')
    .attr('width', cw)
    .attr('height', ch)
    .attr('fill', (d) => LEVEL_COLOURS[d.cell.level])
    .attr('stroke', WHITE)
    .attr('stroke-width', 2);
  cell
    .select('path.hatch')
    .attr('d', (d) => (d.outside ? hatch(cw, ch, 7) : null))
    .attr('stroke', (d) => LEVEL_TEXT[d.cell.level])
    .attr('stroke-opacity', 0.16)
    .attr('stroke-width', 1.5)
    .attr('fill', 'none');
  cell
    .select('rect.appetite')
    .attr('x', 2.5)
    .attr('y', 2.5)
    .attr('width', Math.max(0, cw - 5))
    .attr('height', Math.max(0, ch - 5))
    .attr('fill', 'none')
    .attr('stroke', (d) => (d.outside ? INK : 'none'))
    .attr('stroke-width', 2);
  cell
    .select('text.level')
    .attr('x', 6)
    .attr('y', 12)
    .attr('font-size', 9)
    .attr('letter-spacing', 0.3)
    .attr('fill', (d) => LEVEL_TEXT[d.cell.level])
    .attr('fill-opacity', 0.85)
    .text((d) => d.levelWord);
  cell
    .select('text.count')
    .attr('x', cw - 6)
    .attr('y', 13)
    .attr('text-anchor', 'end')
    .attr('font-size', 12)
    .attr('font-weight', 700)
    .attr('fill', (d) => LEVEL_TEXT[d.cell.level])
    .attr('aria-label', (d) => `${d.cell.risks.length} risk${d.cell.risks.length === 1 ? '' : 's'}`)
    .text((d) => (d.cell.risks.length > 0 ? String(d.cell.risks.length) : ''));

  // ---- risk lines: focusable, clickable; the selected one bold and outlined
  const activate = (r: RiskBrief) => data.onRiskClick?.(r);
  const outline = (sel: Selection<SVGRectElement, Line, BaseType, unknown>, focused: boolean) =>
    sel
      .attr('stroke', (d) => (focused ? FOCUS : d.risk && d.risk.id === data.selectedRisk ? INK : 'none'))
      .attr('stroke-width', (d) => (focused ? 2 : 1.5))
      .attr('fill', (d) => (d.risk && d.risk.id === data.selectedRisk ? WHITE : 'none'))
      .attr('fill-opacity', 0.6);

  cell.each(function (cs) {
    const c = cs.cell;
    const g = select<SVGGElement, CellScene>(this).select<SVGGElement>('g.risks');
    const lines = cs.lines;
    const line = g
      .selectAll<SVGGElement, Line>('g.line')
      .data(lines, (d) => d.key)
      .join((enter) => {
        const e = enter.append('g').attr('tabindex', 0).attr('role', 'button').style('outline', 'none').attr('cursor', 'pointer');
        e.append('rect').attr('class', 'hit').attr('pointer-events', 'all');
        e.append('rect').attr('class', 'swatch');
        e.append('text');
        return e;
      })
      .order()
      .attr('class', (d) => `line ${d.kind}`)
      .attr('data-id', (d) => d.risk?.id ?? null)
      .attr('transform', (d) => `translate(${3 + d.x},${HEAD_H + d.row * LINE_H})`)
      .attr('aria-label', (d) => d.label)
      .on('click', (_e, d) => {
        if (d.risk) activate(d.risk);
      })
      .on('keydown', (e: KeyboardEvent, d) => {
        if (e.key === 'Enter' || e.key === ' ' || e.key === 'Spacebar') {
          e.preventDefault();
          if (d.risk) activate(d.risk);
        }
      })
      .on('mouseover', (e: MouseEvent, d) => {
        const [x, y] = pointerIn(element, e);
        tip.show(d.tip, x, y);
      })
      .on('mouseout', () => tip.hide())
      .on('focus', function (e: FocusEvent, d) {
        outline(select<SVGGElement, Line>(this).select<SVGRectElement>('rect.hit'), true);
        const [x, y] = pointerIn(element, e);
        tip.show(d.tip, x, y);
      })
      .on('blur', function () {
        outline(select<SVGGElement, Line>(this).select<SVGRectElement>('rect.hit'), false);
        tip.hide();
      });
    outline(
      line
        .select<SVGRectElement>('rect.hit')
        .attr('x', 0)
        .attr('y', 0)
        .attr('rx', 2)
        .attr('width', (d) => d.width)
        .attr('height', LINE_H - 1),
      false,
    );
    line
      .select('rect.swatch')
      .attr('x', 3)
      .attr('y', (LINE_H - 1 - 7) / 2)
      .attr('width', (d) => (d.risk ? 7 : 0))
      .attr('height', (d) => (d.risk ? 7 : 0))
      .attr('fill', (d) => (d.risk ? CATEGORY_COLOURS[d.risk.category] : 'none'))
      .attr('stroke', (d) => (d.risk ? LEVEL_TEXT[c.level] : 'none'))
      .attr('stroke-width', 0.75);
    line
      .select('text')
      .attr('x', (d) => (d.risk ? 14 : 3))
      .attr('y', LINE_H - 3.5)
      .attr('font-size', 10)
      .attr('font-weight', (d) => (d.risk && d.risk.id === data.selectedRisk ? 700 : 400))
      .attr('font-style', (d) => (d.kind === 'more' ? 'italic' : null))
      .attr('fill', LEVEL_TEXT[c.level])
      .text((d) => d.text);
  });

  // ---- legend
  const legend = svg
    .selectAll<SVGGElement, null>('g.legend')
    .data([null])
    .join('g')
    .attr('class', 'legend')
    .attr('transform', `translate(0,${scene.legend.y})`);
  drawLegend(legend, scene.legend.items);
}
