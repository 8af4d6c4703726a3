// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { controlEffectiveness } from '../../../explorer/views/control-effectiveness.js';
import { controlsData } from './fixtures-charts.js';
import { container, snapshot } from './render.js';

describe('controlEffectiveness', () => {
  it('controlEffectiveness draws cost and loss avoided per ISO 28000 element (snapshot)', async () => {
    const el = container();
    controlEffectiveness(el, controlsData);
    expect(el.querySelectorAll('g.element')).toHaveLength(5);
    expect(el.querySelectorAll('g.bar-cost')).toHaveLength(5);
    expect(el.querySelectorAll('g.bar-avoided')).toHaveLength(5);
    expect([...el.querySelectorAll('tspan.name')].map((t) => t.textContent)).toEqual([
      'Facility security',
      'Transport security',
      'Personnel security',
      'Information security',
      'Emergency preparedness',
    ]);
    expect(el.querySelector('text.chart-title')?.textContent).toBe('Facility security controls avoid €2.1M a year'); // the longer form does not fit 520 px
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/control-effectiveness.svg.snap');
  });

  it('controlEffectiveness claims no loss avoided that rounds to nothing', () => {
    const el = container();
    const none = { ...controlsData, elements: controlsData.elements.map((e) => ({ ...e, lossAvoided: 0, ci95: [0, 0] as [number, number] })) };
    controlEffectiveness(el, none);
    expect(el.querySelector('text.chart-title')?.textContent).toBe('The loss the controls avoid rounds to €0');
    controlEffectiveness(el, { ...none, size: { width: 900, height: 300 } });
    expect(el.querySelector('text.chart-title')?.textContent).toBe('Controls cost €1.03M a year; the loss they avoid rounds to €0');
    const worse = { ...controlsData, elements: controlsData.elements.map((e) => ({ ...e, lossAvoided: -5_000, ci95: [-9_000, -1_000] as [number, number] })) };
    controlEffectiveness(el, worse);
    expect(el.querySelector('text.chart-title')?.textContent).toBe('The controls avoid no expected loss');
  });

  it('controlEffectiveness labels values, draws whiskers, and a placeholder while a value is computing', () => {
    const el = container();
    controlEffectiveness(el, controlsData);
    const values = [...el.querySelectorAll('g.bar text.value')].map((t) => t.textContent);
    expect(values).toEqual(['€310K', '€2.1M', '€420K', '€1.35M', '€95K', '€260K', '€140K', '€90K', '€60K', 'computing…']);
    expect([...el.querySelectorAll('path.whisker')].filter((p) => p.getAttribute('d'))).toHaveLength(4);
    expect(el.querySelectorAll('g.bar.computing')).toHaveLength(1);
    expect(el.querySelector('g.bar.computing rect')?.getAttribute('stroke-dasharray')).toBeTruthy();
  });

  it('controlEffectiveness while pending shows every loss-avoided bar as computing, then updates in place', () => {
    const el = container();
    controlEffectiveness(el, { ...controlsData, pending: true });
    expect(el.querySelectorAll('g.bar.computing')).toHaveLength(5);
    expect(el.querySelector('text.chart-title')?.textContent).toBe('Loss avoided by the controls: computing…');
    controlEffectiveness(el, controlsData);
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelectorAll('g.element')).toHaveLength(5);
    expect(el.querySelectorAll('g.bar')).toHaveLength(10);
    expect(el.querySelectorAll('g.bar.computing')).toHaveLength(1);
    controlEffectiveness(el, { ...controlsData, elements: controlsData.elements.slice(0, 2) });
    expect(el.querySelectorAll('g.element')).toHaveLength(2);
  });

  it('controlEffectiveness tells cost from loss avoided by colour and outline, with a legend and a money axis', () => {
    const el = container();
    controlEffectiveness(el, controlsData);
    const [cost, avoided] = [...el.querySelectorAll('g.ce-legend rect')];
    expect(cost!.getAttribute('fill')).not.toBe(avoided!.getAttribute('fill'));
    expect(cost!.getAttribute('stroke')).toBeTruthy();
    expect(avoided!.getAttribute('stroke')).toBeNull();
    expect(el.querySelector('g.ce-axis-title text')?.textContent).toBe('€ per year');
  });

  it('controlEffectiveness keeps HTML-looking control ids as text in its tooltip', () => {
    const el = container();
    controlEffectiveness(el, controlsData);
    const info = [...el.querySelectorAll('g.element')][3]!.querySelector('g.bar-avoided')!;
    info.dispatchEvent(new FocusEvent('focus'));
    const lines = [...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent);
    expect(lines).toEqual(['Information security: expected loss avoided €90,000 a year', '95 % interval −€20,000 to €200,000', 'Controls: mfa, <img src=x onerror=alert(1)>']);
    expect(el.querySelector('img')).toBeNull();
  });
});
