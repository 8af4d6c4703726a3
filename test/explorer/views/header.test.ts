// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { appetiteLines, badgeText, header } from '../../../explorer/views/header.js';
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
    expect(text(el, 'dd.cw-figure-note')).toEqual(['± €126K (95 %)', '€22.2M–€23.6M (95 %)', '€41.5M–€45.3M (95 %)', '€34.9M–€37.5M (95 %)']); // EAL: Z95 × €64,300, the results' interval
    expect(el.querySelector('.cw-figure-var95 dd.cw-figure-note')?.getAttribute('title')).toBe('95 % interval of the estimate: €22,200,000 to €23,600,000 (from the order statistics of the trials)');
    expect(el.querySelector('.cw-figure-baseline, .cw-figure-delta, progress')).toBeNull();
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/header.html.snap');
  });

  it('header splits the expected annual loss into direct, interruption and reroute cost', () => {
    const el = container();
    header(el, headerBase);
    const split = el.querySelector('.cw-figure-eal dd.cw-figure-split')!;
    expect(text(split, 'span')).toEqual(['direct', '€4.89M', 'interruption', '€1.28M', 'reroute', '€255K']);
    expect(split.getAttribute('title')).toBe(
      'Expected annual loss €6,420,000 = direct loss €4,890,000 + interruption cost €1,275,000 + reroute cost €255,000 (the extra transport cost of detours while primary routes are down)',
    );
    // with a what-if, the split is the what-if's
    header(el, headerWhatIf);
    expect(text(el.querySelector('dd.cw-figure-split')!, 'span.cw-split-value')).toEqual(['€3.96M', '€1.23M', '€220K']);
    expect(el.querySelectorAll('dd.cw-figure-split')).toHaveLength(1);
  });

  it('header: appetite badge breached, every check with its status and interval in its title and tooltip', () => {
    const el = container();
    header(el, headerBase);
    const badge = el.querySelector('.cw-appetite')!;
    expect(badge.classList.contains('cw-appetite-breached')).toBe(true);
    expect(badge.getAttribute('data-status')).toBe('breached');
    expect(badge.textContent).toBe('!Appetite breached (2)');
    const lines = [
      'Breached: 1 risk above high: theft@rtm-lyo (critical)',
      'Breached: expected annual loss €6.42M (95 %: €6.29M to €6.55M) above maxEal €5M',
      'Uncertain: CVaR95 €36.2M (95 %: €34.9M to €37.5M) too close to call against maxCvar95 €36M',
      'Uncertain: the 95 % interval straddles the limit, so more trials or another seed may tip it either way.',
    ];
    expect(badge.getAttribute('title')).toBe(lines.join('\n'));
    expect(badge.getAttribute('tabindex')).toBe('0');
    badge.dispatchEvent(new FocusEvent('focus'));
    expect(text(el, 'div.tooltip div')).toEqual(lines);
    badge.dispatchEvent(new FocusEvent('blur'));
    expect((el.querySelector('div.tooltip') as HTMLElement).style.display).toBe('none');
  });

  it('header: appetite badge uncertain when no limit is breached and one is too close to call', () => {
    const el = container();
    const uncertain = {
      status: 'uncertain' as const,
      checks: [
        { limit: 'maxLevel', status: 'within' as const, text: 'no risk above high' },
        { limit: 'maxEal', status: 'uncertain' as const, text: 'expected annual loss €5.98M (95 %: €5.85M to €6.11M) too close to call against maxEal €6M' },
      ],
    };
    header(el, { ...headerBase, appetite: uncertain });
    const badge = el.querySelector('.cw-appetite')!;
    expect(badge.classList.contains('cw-appetite-uncertain')).toBe(true);
    expect(badge.classList.contains('cw-appetite-breached') || badge.classList.contains('cw-appetite-ok')).toBe(false);
    expect(badge.getAttribute('data-status')).toBe('uncertain');
    expect(badge.textContent).toBe('?Appetite uncertain (1)');
    // the uncertain check first, then the one within, then what "too close to call" means
    expect(appetiteLines(uncertain)).toEqual([
      'Uncertain: expected annual loss €5.98M (95 %: €5.85M to €6.11M) too close to call against maxEal €6M',
      'Within: no risk above high',
      'Uncertain: the 95 % interval straddles the limit, so more trials or another seed may tip it either way.',
    ]);
    expect(badge.getAttribute('aria-label')).toMatch(/^Appetite uncertain \(1\): Uncertain: expected annual loss/);
    // redrawn as within: one badge, its class and words follow
    header(el, { ...headerBase, appetite: { status: 'within', checks: [{ limit: 'maxEal', status: 'within', text: 'within' }] } });
    expect(el.querySelectorAll('.cw-appetite')).toHaveLength(1);
    expect(el.querySelector('.cw-appetite')!.className).toBe('cw-appetite cw-appetite-ok');
    expect(el.querySelector('.cw-appetite')!.textContent).toBe('✓Within appetite');
    expect(badgeText({ status: 'within', checks: [] })).toBe('No appetite set');
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
    expect(el.querySelectorAll('dd')).toHaveLength(10); // 5 values, 4 intervals, the EAL split
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
