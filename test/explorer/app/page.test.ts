// @vitest-environment jsdom
/// <reference lib="dom" />
// The page's parts on explorer/index.html in jsdom: every element found by id (a missing one named),
// the error box listing at most 50 issues, the toolbar's trials and seed, presentation mode stepped
// with the arrow keys, Esc closing the side panel, and a chart's export buttons added to each panel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { pageElements } from '../../../explorer/app/dom.js';
import { pageRenderer } from '../../../explorer/app/draw-page.js';
import { initialState } from '../../../explorer/app/page-state.js';
import { readUrlState } from '../../../explorer/state/url-state.js';
import { pageHost } from '../../../explorer/app/page-host.js';
import { toolbar, type ToolbarActions } from '../../../explorer/app/toolbar.js';

const html = readFileSync(join(process.cwd(), 'explorer/index.html'), 'utf8');
const body = /<body>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');

beforeEach(() => {
  document.body.className = '';
  document.body.innerHTML = body;
});

describe('explorer page', () => {
  it('pageElements finds every element of index.html by id, and names one that is missing', () => {
    const page = pageElements(document);
    expect(page.trials.tagName).toBe('SELECT');
    expect(page.views.exceedance.id).toBe('view-exceedance');
    expect(page.panels.map((p) => p.dataset.view)).toEqual(['map', 'matrix', 'ranking', 'stress', 'exceedance', 'treatments', 'controls']);
    expect(page.viewBoxes).toHaveLength(7);
    // the stress test shares the ranking's place: hidden until its switch is pressed
    expect(page.views.stress.id).toBe('view-stress');
    expect(page.panels[3]!.hidden).toBe(true);
    expect([page.showRanking.getAttribute('aria-pressed'), page.showStress.getAttribute('aria-pressed')]).toEqual(['true', 'false']);
    document.getElementById('cancel')!.remove();
    expect(() => pageElements(document)).toThrow('explorer page: #cancel is missing, expected a HTMLButtonElement');
  });

  it('pageHost lists at most 50 issues, shows the run inputs (adding a trial count the list lacks) and keeps the URL\'s hash', () => {
    const page = pageElements(document);
    const host = pageHost(page, window);
    host.showErrors('bad.json: 60 problems', Array.from({ length: 60 }, (_, i) => ({ path: `sites[${i}]`, message: 'wrong' })));
    expect(page.errors.hidden).toBe(false);
    expect(page.errors.querySelectorAll('li')).toHaveLength(51);
    expect(page.errors.querySelector('li:last-child')!.textContent).toBe('… and 10 more');
    (page.errors.querySelector('button.close') as HTMLButtonElement).click();
    expect(page.errors.hidden).toBe(true);
    host.showRunInputs(6000, '42');
    expect([page.trials.value, page.seed.value]).toEqual(['6000', '42']);
    expect(page.trials.options[page.trials.selectedIndex]!.textContent).toBe('6,000');
    host.cancelEnabled(true);
    expect(page.cancel.disabled).toBe(false);
    history.replaceState(null, '', '/#x');
    host.replaceUrl('?trials=6000&seed=42');
    expect(location.search + location.hash).toBe('?trials=6000&seed=42#x');
  });

  it('toolbar: trials and seed run, presentation mode steps through the panels, Esc leaves it and then closes the side panel', () => {
    const page = pageElements(document);
    const calls: string[] = [];
    let selected = true;
    const actions: ToolbarActions = {
      run: async () => void calls.push('run'),
      cancel: () => void calls.push('cancel'),
      setTrials: (n) => void calls.push(`trials ${n}`),
      setSeed: (s) => (calls.push(`seed ${s}`), s.trim() || '1'),
      openFile: async (f) => void calls.push(`open ${f.name}`),
      select: (sel) => void calls.push(`select ${sel ? sel.id : 'none'}`),
    };
    let renders = 0;
    toolbar({ page, win: window, actions, shown: () => undefined, hasSelection: () => selected, render: () => void renders++ });
    page.trials.value = '5000';
    page.trials.dispatchEvent(new Event('change'));
    page.seed.value = '  ';
    page.seed.dispatchEvent(new Event('change'));
    expect(page.seed.value).toBe('1');
    page.run.click();
    page.cancel.disabled = false;
    page.cancel.click();
    expect(calls).toEqual(['trials 5000', 'seed   ', 'run', 'cancel']);
    for (const p of page.panels) expect([...p.querySelectorAll('.panel-tools button')].map((b) => b.getAttribute('data-export'))).toEqual(['svg', 'png']);

    const key = (k: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
    const current = () => page.panels.findIndex((p) => p.classList.contains('current'));
    page.present.click();
    expect(document.body.classList.contains('presenting')).toBe(true);
    expect(current()).toBe(0);
    key('ArrowLeft');
    expect(current()).toBe(6);
    key('PageDown');
    expect(current()).toBe(0);
    key('Escape');
    expect(document.body.classList.contains('presenting')).toBe(false);
    expect(current()).toBe(-1);
    expect(renders).toBe(4);
    expect(calls).not.toContain('select none'); // Esc left presentation mode only
    key('Escape');
    expect(calls.at(-1)).toBe('select none');
    selected = false;
    calls.length = 0;
    key('Escape');
    expect(calls).toEqual([]);
  });

  it('the panel switch shows the risk ranking or the stress test in the same place', () => {
    const page = pageElements(document);
    const host = { showErrors: () => {}, hideErrors: () => {}, appStatus: () => {} };
    const actions = { select: () => {}, toggleControl: () => {}, setCarrier: () => {}, resetWhatIf: () => {} };
    pageRenderer(page, initialState(readUrlState('')), actions, host);
    const [ranking, stress] = [page.panels[2]!, page.panels[3]!];
    page.showStress.click();
    expect([ranking.hidden, stress.hidden]).toEqual([true, false]);
    expect([page.showRanking.getAttribute('aria-pressed'), page.showStress.getAttribute('aria-pressed')]).toEqual(['false', 'true']);
    page.showRanking.click();
    expect([ranking.hidden, stress.hidden]).toEqual([false, true]);
    expect(page.showRanking.getAttribute('aria-pressed')).toBe('true');
  });
});
