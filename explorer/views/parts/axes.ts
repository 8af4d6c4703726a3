// The charts' axes: a layout computes an axis as plain data (its ticks' values, positions and texts,
// its range and place) and an axis title as text and position; the draw hands the ticks to d3's
// axis (so the markup is d3's) and gives every axis the same look: 10 px, grey ticks and lines.
import { axisBottom, axisLeft, axisRight, type AxisScale } from 'd3';
import { layer, type Layer } from './frame.js';
import { AXIS, INK, MUTED } from './palette.js';

/** One tick: its value, its position along the axis (px) and its text. */
export interface AxisTick {
  value: number;
  pos: number;
  text: string;
}

/** An axis as plain data: which side its ticks face, where its layer sits, its range (px) and ticks. */
export interface AxisScene {
  orient: 'bottom' | 'left' | 'right';
  /** The axis layer's translate. */
  at: [number, number];
  range: [number, number];
  ticks: AxisTick[];
}

/** An axis title: centred on (x, y), turned by `rotate` degrees (−90 for a vertical axis). */
export interface AxisTitle {
  id: string;
  text: string;
  x: number;
  y: number;
  rotate: number;
}

/** A layout's axis: `values` placed by `scale` and written by `format`. */
export function axisScene(orient: AxisScene['orient'], scale: (v: number) => number, range: readonly number[], values: readonly number[], format: (v: number) => string, at: [number, number]): AxisScene {
  return {
    orient,
    at,
    range: [range[0]!, range[range.length - 1]!],
    ticks: values.map((value) => ({ value, pos: scale(value), text: format(value) })),
  };
}

/** A scale that places exactly the scene's ticks, so d3's axis draws from plain data. */
function tickScale(axis: AxisScene): AxisScale<number> {
  const pos = new Map(axis.ticks.map((t) => [t.value, t.pos]));
  const scale = ((v: number) => pos.get(v) ?? Number.NaN) as AxisScale<number>;
  scale.domain = () => axis.ticks.map((t) => t.value);
  scale.range = () => [...axis.range];
  scale.copy = () => scale;
  return scale;
}

const AXES = { bottom: axisBottom, left: axisLeft, right: axisRight } as const;

/** The grey look every chart's axes share: 10 px text in MUTED, lines and the domain in AXIS. */
export function styleAxis(a: Layer): void {
  a.attr('font-size', 10).attr('font-family', null);
  a.selectAll('.tick text').attr('fill', MUTED);
  a.selectAll('.tick line, .domain').attr('stroke', AXIS);
}

/** Draws `axis` into the layer <g class="cls"> of `parent` (created once): d3's axis, no outer ticks, styled. */
export function drawAxis(parent: Layer, cls: string, axis: AxisScene): Layer {
  const text = new Map(axis.ticks.map((t) => [t.value, t.text]));
  const a = layer(parent, cls).attr('transform', `translate(${axis.at[0]},${axis.at[1]})`);
  a.call(
    AXES[axis.orient](tickScale(axis))
      .tickValues(axis.ticks.map((t) => t.value))
      .tickFormat((d) => text.get(+d) ?? '')
      .tickSizeOuter(0),
  );
  styleAxis(a);
  return a;
}

/** Axis titles into the layer <g class="cls">: 11 px ink, centred, turned for a vertical axis. */
export function drawAxisTitles(parent: Layer, cls: string, titles: readonly AxisTitle[]): void {
  layer(parent, cls)
    .selectAll('text')
    .data(titles)
    .join('text')
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', INK)
    .attr('transform', (d) => `translate(${d.x},${d.y}) rotate(${d.rotate})`)
    .text((d) => d.text);
}
