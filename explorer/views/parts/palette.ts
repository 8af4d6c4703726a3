// Every colour the views draw with, once: ink and greys, the level ramp and its text colours, the
// category palette, the map's colours and each chart's accents. Views import names, never hex codes.
import { schemeTableau10 } from 'd3';
import { CATEGORIES, type Category, type Level } from '../../../engine/model/schema.js';

/** Titles, labels and values. */
export const INK = '#1b1f24';
/** Secondary text on white (axis titles, notes, empty messages) in the charts. */
export const MUTED = '#5f6670';
/**
 * Secondary text and outlines drawn over tinted backgrounds (the map's ocean and land, the matrix's
 * level cells and swatch borders): a touch bluer than MUTED. Kept apart from MUTED because the SVG
 * snapshots pin each view's grey.
 */
export const SLATE = '#5b6470';
/** The keyboard focus ring. */
export const FOCUS = '#1f6feb';
export const WHITE = '#ffffff';
/** Axis lines and ticks, and neutral outlines. */
export const AXIS = '#9aa0a6';
/** Grid lines of the exceedance curve. */
export const GRID = '#e6e8eb';
/** Grid lines of the control-effectiveness bars (lighter: bars sit on them). */
export const GRID_LIGHT = '#eceef0';

/** Okabe–Ito, colour-blind safe: curves and points where a series is not a category. */
export const OKABE_ITO = ['#0072B2', '#009E73', '#E69F00', '#CC79A7', '#56B4E9', '#D55E00'] as const;
/** Okabe–Ito blue: the baseline's treatments, the loss a control avoids. */
export const BLUE = '#0072B2';
/** Okabe–Ito vermilion: the what-if (a curve, a point). */
export const ACCENT = '#D55E00';
/** The ghosted baseline curve beside a what-if. */
export const GHOST = '#a3a9b1';

/** Risk levels: ColorBrewer YlOrRd (colour-blind safe, sequential), always shown with their label. */
export const LEVEL_COLOURS: Record<Level, string> = { low: '#ffffb2', medium: '#fecc5c', high: '#fd8d3c', critical: '#e31a1c' };
/** Text colour readable on each level's fill. */
export const LEVEL_TEXT: Record<Level, string> = { low: '#3a3000', medium: '#3a2500', high: '#2b1000', critical: '#ffffff' };

/** One categorical palette (Tableau 10) for the seven threat categories, used by every view. */
export const CATEGORY_COLOURS = Object.fromEntries(CATEGORIES.map((c, i) => [c, schemeTableau10[i]!])) as Record<Category, string>;

/** The exposure map. */
export const MAP = {
  ocean: '#eef3f7',
  land: '#e3e1db',
  border: '#ffffff',
  /** The schematic's background (no coordinates, no ocean). */
  schematic: '#fbfbfa',
  /** A site without risks. */
  noLevel: '#c3c7cc',
  /** Site circles' outline. */
  markStroke: '#3b3f45',
  /** A lane with no expected loss. */
  zeroLane: '#a9b0b8',
  /** The legend's sample circles. */
  legendCircle: '#f4f4f2',
  /** The zoom buttons' outline. */
  buttonStroke: '#b7bdc4',
} as const;

/** The treatments chart. */
export const TREATMENTS = {
  /** The region where a treatment pays for itself. */
  pays: '#e3f2ea',
  paysLine: '#5b8f72',
  paysText: '#2f6b4a',
  frontier: '#6b5b95',
  /** The zero lines (no cost, no loss avoided). */
  guide: '#c4c8cd',
} as const;

/** The control-effectiveness bars. */
export const CONTROLS = {
  costFill: '#e4e7eb',
  costStroke: '#4b5563',
} as const;
