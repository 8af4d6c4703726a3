// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { header } from '../../../explorer/views/header.js';
import { headerBase, headerWhatIf } from './fixtures-charts.js';
import { container, snapshot } from './render.js';

const text = (el: Element, sel: string): string[] => [...el.querySelectorAll(sel)].map((t) => t.textContent ?? '');

describe('header', () => {
  it('header shows the scenario, the run and five figures (snapshot)', async () => {
    const el = container();
    header(el, headerBase);
    expect(el.querySelector('h1.cw-scenario')?.textContent).toBe('Benelux–France distribution');
    expect(el.querySelector('p.cw-run')?.textContent).toBe('seed 42 · 10,000 trials');
    expect(text(el, 'dt.cw-figure-label')).toEqual(['Expected annual loss', '1-in-20-year loss', '1-in-100-year loss', 'Worst-5 % average (CVaR95)', 'Service level']);
    expect(text(el, 'dd.cw-figure-value')).toEqual(['€6.42M', '€22.9M', '€43.1M', '€36.2M', '98.7 %']);
    expect(el.querySelector('dd.cw-figure-value')?.getAttribute('title')).toBe('€6,420,000');
    expect(text(el, 'dd.cw-figure-note')).toEqual(['± €126K (95 %)']); // 1.96 × €64,300
    expect(el.querySelector('.cw-figure-baseline, .cw-figure-delta, progress')).toBeNull();
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/header.html.snap');
  });

  it('header: appetite badge with the breaches in its title and tooltip', () => {
    const el = container();
    header(el, headerBase);
    const badge = el.querySelector('.cw-appetite')!;
    expect(badge.classList.contains('cw-appetite-breached')).toBe(true);
    expect(badge.textContent).toBe('!Appetite breached (2)');
    expect(badge.getAttribute('title')).toBe(headerBase.appetite.breaches.join('\n'));
    expect(badge.getAttribute('tabindex')).toBe('0');
    badge.dispatchEvent(new FocusEvent('focus'));
    expect(text(el, 'div.tooltip div')).toEqual(headerBase.appetite.breaches);
    badge.dispatchEvent(new FocusEvent('blur'));
    expect((el.querySelector('div.tooltip') as HTMLElement).style.display).toBe('none');
  });

  it('header with a what-if shows baselines, the EAL change with its interval (a reduction is negative) and progress', async () => {
    const el = container();
    header(el, headerWhatIf);
    expect(text(el, 'dd.cw-figure-baseline')).toEqual(['baseline €6.42M', 'baseline €22.9M', 'baseline €43.1M', 'baseline €36.2M', 'baseline 98.7 %']);
    const delta = el.querySelector('dd.cw-figure-delta')!;
    expect(delta.textContent).toBe('−€1.01M [−€1.08M, −€943K]');
    expect(delta.classList.contains('cw-delta-down')).toBe(true);
    expect(el.querySelector('.cw-appetite')?.textContent).toBe('✓Within appetite');
    const progress = el.querySelector('progress.cw-progress')!;
    expect(progress.getAttribute('value')).toBe('0.4');
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/header-whatif.html.snap');
  });

  it('header: a what-if that raises the loss shows a positive change', () => {
    const el = container();
    header(el, { ...headerWhatIf, delta: { eal: -250_000, ci95: [-310_000, -190_000] } });
    const delta = el.querySelector('dd.cw-figure-delta')!;
    expect(delta.textContent).toBe('+€250K [+€190K, +€310K]');
    expect(delta.classList.contains('cw-delta-up')).toBe(true);
  });

  it('header re-renders in place: no duplicates, the what-if parts and the progress bar go away', () => {
    const el = container();
    header(el, headerWhatIf);
    header(el, headerBase);
    expect(el.querySelectorAll('section.cw-header')).toHaveLength(1);
    expect(el.querySelectorAll('div.cw-figure')).toHaveLength(5);
    expect(el.querySelectorAll('dd')).toHaveLength(6);
    expect(el.querySelector('progress')).toBeNull();
    expect(el.querySelectorAll('.cw-appetite')).toHaveLength(1);
    header(el, { ...headerBase, progress: 1 });
    expect(el.querySelector('progress')).toBeNull();
  });

  it('header keeps an HTML-looking scenario name as text', () => {
    const el = container();
    header(el, { ...headerBase, scenario: '<img src=x onerror=alert(1)>' });
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('h1')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
