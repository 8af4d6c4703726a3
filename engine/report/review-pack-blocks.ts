// The blocks the review pack's sections are made of (review-pack.ts): key figures, text, lists,
// tables, charts and what is not available. Plain data that the HTML and Markdown packs render.
import type { Level } from '../model/schema.js';

export type ChartId = 'map' | 'matrix' | 'ranking' | 'exceedance' | 'controls' | 'treatments' | 'stress';

export interface KeyFigure {
  label: string;
  value: string;
  /** "95 % interval €6.55M to €6.8M", or why there is none. */
  interval: string;
  status?: 'within' | 'breached' | 'uncertain';
}

export interface PackColumn {
  title: string;
  align?: 'left' | 'right';
  /** Short values kept on one line (dates, statuses, levels). */
  nowrap?: boolean;
}

/** A row of cells, or a group heading over the rows that follow it. */
export type PackRow = { cells: string[]; level?: Level } | { group: string };

export type PackBlock =
  | { kind: 'figures'; items: KeyFigure[] }
  | { kind: 'text'; text: string; note?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption?: string; columns: PackColumn[]; rows: PackRow[] }
  | { kind: 'chart'; chart: ChartId; caption: string }
  | { kind: 'unavailable'; text: string };
