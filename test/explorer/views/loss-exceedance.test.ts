// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { lossExceedance } from '../../../explorer/views/loss-exceedance.js';
import { exceedanceBaseline, exceedanceWhatIf, lognormalCurve } from './fixtures-charts.js';
import { container, snapshot } from './render.js';

const vertices = (d: string | null): number => (d ?? '').split(/[ML]/).filter(Boolean).length;
const texts = (el: Element, sel: string): string[] => [...el.querySelectorAll(sel)].map((t) => t.textContent ?? '');

describe('lossExceedance', () => {
  it('lossExceedance draws the baseline and two treatments (snapshot)', async () => {
    const el = container();
    lossExceedance(el, exceedanceBaseline);
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelectorAll('path.curve')).toHaveLength(3);
    expect(el.querySelector('text.chart-title')?.textContent).toBe('One year in 20 loses over €22.9M; one in 100 over €43.1M');
    expect(el.querySelector('svg')?.getAttribute('aria-label')).toMatch(/^Loss exceedance curve/);
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/loss-exceedance.svg.snap');
  });

  it('lossExceedance drops points with zero loss or zero probability (log axes)', () => {
    const el = container();
    lossExceedance(el, exceedanceBaseline);
    const base = exceedanceBaseline.curves[0]!;
    const kept = base.points.filter((p) => p.loss > 0 && p.probability > 0).length;
    expect(kept).toBeLessThan(base.points.length - 1); // the fixture has a zero loss and zero tail probabilities
    const d = el.querySelector('path.curve-baseline')!.getAttribute('d');
    expect(vertices(d)).toBe(kept);
    expect(d).not.toMatch(/NaN|Infinity/);
  });

  it('lossExceedance labels axes with units and probabilities as percentages and return periods', () => {
    const el = container();
    lossExceedance(el, exceedanceBaseline);
    const titles = texts(el, 'g.lec-axis-titles text');
    expect(titles).toEqual(['Annual loss (€, log scale)', 'Probability of exceeding (per year)']);
    const left = texts(el, 'g.lec-y-axis .tick text');
    expect(left).toEqual(expect.arrayContaining(['100 %', '10 %', '5 %', '1 %', '0.1 %', '0.01 %']));
    expect(texts(el, 'g.lec-y2-axis .tick text')).toEqual(expect.arrayContaining(['1 in 20 yrs', '1 in 100 yrs', '1 in 1,000 yrs']));
    expect(texts(el, 'g.lec-x-axis .tick text')).toEqual(expect.arrayContaining(['€1M', '€10M', '€100M']));
  });

  it('lossExceedance marks var95, cvar95 and p99 with labels that do not overlap', () => {
    const el = container();
    lossExceedance(el, exceedanceBaseline);
    const labels = [...el.querySelectorAll('g.mark text')].map((t) => ({ text: t.textContent!, cx: Number(t.getAttribute('x')) }));
    expect(labels.map((l) => l.text)).toEqual(['1-in-20: €22.9M', 'CVaR95: €36.2M', '1-in-100: €43.1M']);
    for (let i = 1; i < labels.length; i++) {
      const a = labels[i - 1]!;
      const b = labels[i]!;
      expect(b.cx - a.cx).toBeGreaterThanOrEqual(((a.text.length + b.text.length) * 10 * 0.58) / 2);
    }
    for (const l of labels) expect(l.cx + (l.text.length * 10 * 0.58) / 2).toBeLessThanOrEqual(520);
  });

  it('lossExceedance re-renders in place: a what-if over its ghosted baseline replaces the curves', async () => {
    const el = container();
    lossExceedance(el, exceedanceBaseline);
    lossExceedance(el, exceedanceWhatIf);
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelectorAll('text.chart-title')).toHaveLength(1);
    expect(el.querySelectorAll('g.lec-body')).toHaveLength(1);
    expect([...el.querySelectorAll('path.curve')].map((p) => p.getAttribute('class'))).toEqual(['curve curve-ghost', 'curve curve-whatif']);
    expect(el.querySelector('path.curve-ghost')?.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(el.querySelector('text.chart-title')?.textContent).toMatch(/^What-if cuts the 1-in-20-year loss from €2\d\.\dM to €17.6M$/);
    expect(el.querySelectorAll('g.lec-legend g.item')).toHaveLength(2);
    expect(el.querySelectorAll('g.mark')).toHaveLength(3);
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/loss-exceedance-whatif.svg.snap');
  });

  it('lossExceedance titles a what-if neutrally when its 1-in-20-year loss writes the same as the baseline\'s', () => {
    const el = container();
    // €22.41M against €22.38M: both "€22.4M", so no "cuts €22.4M → €22.4M"
    lossExceedance(el, { ...exceedanceWhatIf, var95: 22_410_000, baselineVar95: 22_380_000 });
    expect(el.querySelector('text.chart-title')?.textContent).toBe('What-if: 1-in-20-year loss €22.4M');
    lossExceedance(el, { ...exceedanceWhatIf, var95: 22_460_000, baselineVar95: 22_380_000 });
    expect(el.querySelector('text.chart-title')?.textContent).toBe('What-if raises the 1-in-20 loss: €22.4M → €22.5M');
    lossExceedance(el, { ...exceedanceWhatIf, var95: 22_310_000, baselineVar95: 22_380_000 });
    expect(el.querySelector('text.chart-title')?.textContent).toBe('What-if cuts the 1-in-20-year loss from €22.4M to €22.3M');
  });

  it('lossExceedance reads every curve at the keyboard cursor (focus, then arrow keys)', () => {
    const el = container();
    lossExceedance(el, exceedanceBaseline);
    const overlay = el.querySelector('g.lec-overlay rect')!;
    overlay.dispatchEvent(new FocusEvent('focus'));
    const tip = el.querySelector('div.tooltip') as HTMLElement;
    expect(tip.style.display).toBe('block');
    const lines = texts(tip, 'div');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Baseline: €[\d,]+ exceeded with [\d.]+ % a year \(1 in \d+ yrs\)$/);
    expect(el.querySelectorAll('g.lec-hover circle')).toHaveLength(3);
    const before = lines[0];
    overlay.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    expect(texts(tip, 'div')[0]).not.toBe(before);
    overlay.dispatchEvent(new FocusEvent('blur'));
    expect(tip.style.display).toBe('none');
    expect(el.querySelectorAll('g.lec-hover *')).toHaveLength(0);
  });

  it('lossExceedance keeps an HTML-looking curve label as text', () => {
    const el = container();
    const evil = '<img src=x onerror=alert(1)>';
    lossExceedance(el, { ...exceedanceBaseline, curves: [exceedanceBaseline.curves[0]!, lognormalCurve('evil', evil, 'treatment', 0.6, 15.5, 0.85)] });
    expect(el.querySelector('img')).toBeNull();
    expect(texts(el, 'g.lec-legend text')).toContain(evil);
  });

  it('lossExceedance without drawable points says so', () => {
    const el = container();
    lossExceedance(el, { ...exceedanceBaseline, curves: [{ id: 'b', label: 'Baseline', role: 'baseline', points: [{ loss: 0, probability: 1 }] }] });
    expect(el.querySelector('g.lec-empty text')?.textContent).toMatch(/No loss curve/);
    expect(el.querySelector('g.lec-body')?.getAttribute('display')).toBe('none');
  });
});
