// The stress test on the exposure map (docs/stress-test.md): with the overlay on, sites and lanes
// are coloured by their Risk Exposure Index (grey: no time to recover, not stressed), the ones that
// need mitigation (time to survive < time to recover) are outlined in vermilion, the title states
// how many, and the legend's level block gives way to the REI ramp. Circle sizes and lane widths
// still show expected annual loss. The scene and legend are plain data; the toggle button (under the
// zoom buttons, shown when the data has the stress test) is drawn here.
import { interpolateMagma, type Selection } from 'd3';
import { stressKey } from '../../model/stress-key.js';
import type { ExposureMapData } from '../../model/view-data.js';
import type { LegendItem } from '../parts/legend.js';
import { ACCENT, FOCUS, INK, MAP, WHITE } from '../parts/palette.js';
import { fitTitle } from '../parts/text.js';
import type { LaneMark, MapScene, SiteMark } from './scene.js';
import { ZOOM_BUTTONS } from './zoom.js';

/** The outline of an element that needs mitigation. */
export const STRESS_FLAG = ACCENT;

/** REI in [0, 1] as a colour: magma from pale (0) to dark (1), so the worst stand out on the map. */
export function reiColour(rei: number | null): string {
  return rei === null ? MAP.noLevel : interpolateMagma(0.92 - 0.75 * Math.max(0, Math.min(1, rei)));
}

/** The scene with the overlay applied when the data asks for it (unchanged otherwise). */
export function withStress(scene: MapScene, data: ExposureMapData): MapScene {
  const st = data.stress;
  if (!st?.on) return scene;
  const of = (kind: 'site' | 'lane', id: string) => st.elements.get(stressKey(kind, id));
  const site = (m: SiteMark): SiteMark => {
    const e = of('site', m.site.id);
    return { ...m, fill: reiColour(e?.rei ?? null), flagged: e?.needsMitigation === true };
  };
  const lane = (m: LaneMark): LaneMark => {
    const e = of('lane', m.lane.id);
    return { ...m, colour: e?.rei === null || e === undefined ? MAP.zeroLane : reiColour(e.rei), flagged: e?.needsMitigation === true };
  };
  const n = st.flagged ?? 0;
  const what = n === 1 ? '1 site or lane needs' : `${n} sites and lanes need`;
  const title =
    n > 0
      ? fitTitle([`Stress test: ${what} mitigation (outlined): they cannot survive their recovery`, `Stress test: ${what} mitigation (outlined)`, `Stress: ${n} need${n === 1 ? 's' : ''} mitigation`], scene.width)
      : fitTitle(['Stress test: every flow survives each outage (no element needs mitigation)', 'Stress test: no element needs mitigation'], scene.width);
  return {
    ...scene,
    title,
    label: `${scene.label} Stress test shown: fill and lane colour give each element's Risk Exposure Index (its loss over its time to recover ÷ the largest), grey without a time to recover; ${n} element${n === 1 ? '' : 's'} that need mitigation (time to survive below time to recover) outlined.`,
    svgSites: scene.svgSites.map(site),
    svgLanes: scene.svgLanes.map(lane),
    canvasSites: scene.canvasSites.map(site),
    canvasLanes: scene.canvasLanes.map(lane),
    // the lane legend shows widths only: colour means REI now
    laneColour: () => MAP.zeroLane,
  };
}

/** The legend block that replaces the levels while the overlay is on: the REI ramp, the outline, no TTR. */
export function stressLegendItems(): LegendItem[] {
  const ramp = [0, 0.5, 1].map(
    (rei, i): LegendItem => ({
      key: `rei-${rei}`,
      at: [i * 50, 27],
      parts: [
        { tag: 'circle', attrs: { cx: 6, cy: 0, r: 6, fill: reiColour(rei), stroke: MAP.markStroke, 'stroke-width': 1, 'stroke-dasharray': null } },
        { tag: 'text', attrs: { x: 16, y: 4, 'font-size': 10.5, fill: INK }, text: rei.toFixed(1) },
      ],
    }),
  );
  return [
    ...ramp,
    {
      key: 'flagged',
      at: [0, 45],
      parts: [
        { tag: 'circle', attrs: { cx: 6, cy: 0, r: 6, fill: 'none', stroke: STRESS_FLAG, 'stroke-width': 2.5, 'stroke-dasharray': '3 2' } },
        { tag: 'text', attrs: { x: 16, y: 4, 'font-size': 10.5, fill: INK }, text: 'needs mitigation' },
      ],
    },
    {
      key: 'none',
      at: [110, 45],
      parts: [
        { tag: 'circle', attrs: { cx: 6, cy: 0, r: 6, fill: MAP.noLevel, stroke: MAP.markStroke, 'stroke-width': 1, 'stroke-dasharray': null } },
        { tag: 'text', attrs: { x: 16, y: 4, 'font-size': 10.5, fill: INK }, text: 'no TTR' },
      ],
    },
  ];
}

/** The toggle's size: under the zoom buttons, right-aligned with them. */
export const STRESS_TOGGLE = { width: 58, height: 22, gap: 6 } as const;

/** The "Stress" toggle button (aria-pressed) under the zoom buttons; none without the stress test in the data. */
export function drawStressToggle(viewport: Selection<SVGSVGElement, null, SVGSVGElement, unknown>, data: ExposureMapData, w: number): void {
  const st = data.stress;
  const on = st?.on === true;
  const toggle = () => st?.onToggle?.(!on);
  const x = w - (ZOOM_BUTTONS.right - ZOOM_BUTTONS.size) - STRESS_TOGGLE.width;
  const y = ZOOM_BUTTONS.top + ZOOM_BUTTONS.count * ZOOM_BUTTONS.step + STRESS_TOGGLE.gap;
  const button = viewport
    .selectAll<SVGGElement, null>('g.stress-toggle')
    .data(st ? [null] : [])
    .join('g')
    .attr('class', 'stress-toggle')
    .selectAll<SVGGElement, null>('g.stress-button')
    .data(st ? [null] : [])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'stress-button').attr('tabindex', 0).attr('role', 'button').style('outline', 'none').attr('cursor', 'pointer');
      g.append('rect');
      g.append('text');
      return g;
    })
    .attr('transform', `translate(${x},${y})`)
    .attr('aria-pressed', String(on))
    .attr('aria-label', on ? 'Hide the stress test' : 'Show the stress test: colour by Risk Exposure Index, outline the sites and lanes that need mitigation')
    .on('click', (e: MouseEvent) => {
      e.stopPropagation();
      toggle();
    })
    .on('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        toggle();
      }
    })
    .on('focus', function () {
      (this as SVGGElement).querySelector('rect')?.setAttribute('stroke', FOCUS);
    })
    .on('blur', function () {
      (this as SVGGElement).querySelector('rect')?.setAttribute('stroke', on ? STRESS_FLAG : MAP.buttonStroke);
    })
    .on('mousedown.zoom dblclick.zoom', (e: Event) => e.stopPropagation());
  button
    .select('rect')
    .attr('width', STRESS_TOGGLE.width)
    .attr('height', STRESS_TOGGLE.height)
    .attr('rx', 4)
    .attr('fill', on ? STRESS_FLAG : WHITE)
    .attr('fill-opacity', on ? 1 : 0.92)
    .attr('stroke', on ? STRESS_FLAG : MAP.buttonStroke)
    .attr('stroke-width', 1);
  button
    .select('text')
    .attr('x', STRESS_TOGGLE.width / 2)
    .attr('y', 15)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11.5)
    .attr('font-weight', 600)
    .attr('fill', on ? WHITE : INK)
    .text('Stress');
}
