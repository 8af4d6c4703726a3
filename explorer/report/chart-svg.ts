// A chart of the review pack drawn by the explorer's own view, at a fixed size, as a standalone
// <svg> fit for a printed page: no focus stops, buttons or tooltips, and a large map's canvas layer
// (drawn by the browser) turned into a PNG image inside the svg. Nothing here draws a chart itself.
import type { ChartId } from '../../engine/report/review-pack.js';
import { controlEffectivenessData, exposureMapData, lossExceedanceData, riskMatrixData, riskRankingData, treatmentsData, type Shown } from '../model/build-view-data.js';
import { stressViewData } from '../model/stress-view-data.js';
import type { ViewSize } from '../model/view-data.js';
import { controlEffectiveness } from '../views/control-effectiveness.js';
import { exposureMap } from '../views/exposure-map.js';
import { lossExceedance } from '../views/loss-exceedance.js';
import { riskMatrix } from '../views/risk-matrix.js';
import { riskRanking } from '../views/risk-ranking.js';
import { stressChart } from '../views/stress-test.js';
import { treatments } from '../views/treatments.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The size each chart is drawn at (CSS pixels); the page scales it to its width. */
export const CHART_SIZES: Record<ChartId, ViewSize> = {
  map: { width: 860, height: 540 },
  matrix: { width: 760, height: 520 },
  ranking: { width: 760, height: 520 },
  exceedance: { width: 760, height: 400 },
  controls: { width: 760, height: 380 },
  treatments: { width: 760, height: 430 },
  stress: { width: 760, height: 460 },
};

/** Draws `chart` of `shown` with its view into `element`. */
function draw(element: HTMLElement, chart: ChartId, shown: Shown, size: ViewSize): void {
  switch (chart) {
    case 'map':
      return exposureMap(element, { ...exposureMapData(shown), size });
    case 'matrix':
      return riskMatrix(element, { ...riskMatrixData(shown), size });
    case 'ranking':
      return riskRanking(element, { ...riskRankingData(shown), size });
    case 'exceedance':
      return lossExceedance(element, { ...lossExceedanceData(shown), size });
    case 'controls':
      return controlEffectiveness(element, { ...controlEffectivenessData(shown), size });
    case 'treatments':
      return treatments(element, { ...treatmentsData(shown), size });
    case 'stress':
      return stressChart(element, { ...stressViewData(shown), size });
  }
}

/** A canvas layer (a large network's map) as an <image> at its place in the svg; nothing where the canvas cannot be read (jsdom). */
function canvasAsImage(svg: SVGSVGElement, canvas: HTMLCanvasElement): void {
  let url: string;
  try {
    url = canvas.toDataURL('image/png');
  } catch {
    return;
  }
  if (!url.startsWith('data:image/png')) return;
  const doc = svg.ownerDocument;
  const img = doc.createElementNS(SVG_NS, 'image');
  img.setAttribute('href', url);
  img.setAttribute('x', '0');
  img.setAttribute('y', String(parseFloat(canvas.style.top) || 0));
  img.setAttribute('width', String(parseFloat(canvas.style.width) || canvas.width));
  img.setAttribute('height', String(parseFloat(canvas.style.height) || canvas.height));
  img.setAttribute('preserveAspectRatio', 'none');
  svg.insertBefore(img, svg.querySelector('svg.map-viewport'));
}

/**
 * Draws `chart` in a hidden box of `doc` (the live document: a canvas needs one) and returns its svg,
 * detached and cleaned for print; undefined when the view drew none.
 */
export function chartSvg(doc: Document, chart: ChartId, shown: Shown): SVGSVGElement | undefined {
  const size = CHART_SIZES[chart];
  const box = doc.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = `position:absolute;left:-20000px;top:0;width:${size.width}px;height:${size.height}px;overflow:hidden`;
  doc.body.append(box);
  try {
    draw(box, chart, shown, size);
    const svg = box.querySelector<SVGSVGElement>('svg.chart');
    if (!svg) return undefined;
    for (const canvas of box.querySelectorAll('canvas')) canvasAsImage(svg, canvas);
    // a page is not interactive: no buttons, focus stops or hit areas that mean nothing on paper
    svg.querySelectorAll('g.zoom-buttons').forEach((e) => e.remove());
    svg.querySelectorAll('[tabindex]').forEach((e) => e.removeAttribute('tabindex'));
    svg.querySelectorAll('[role="button"]').forEach((e) => e.removeAttribute('role'));
    svg.removeAttribute('xmlns');
    svg.removeAttribute('xmlns:xlink');
    svg.removeAttribute('style');
    // the page sets the width; the viewBox keeps the proportions
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('class', `chart chart-${chart}`);
    svg.remove();
    return svg;
  } finally {
    box.remove();
  }
}
