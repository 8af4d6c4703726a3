// The page's controls: trials and seed (each change runs), Run and Cancel, Open… and a file dropped
// on the page, the results as JSON or CSV, each chart as SVG or PNG, and presentation mode (one view
// at a time, full screen, arrow keys to step, Esc to leave; Esc otherwise closes the side panel), and
// Report: the management review pack of the results shown, as the one HTML page `chainward report` writes.
import type { Results } from '../../engine/results/schema.js';
import { download, fileStem, pngBlob, resultsCsv, resultsJson, svgText } from '../io/export.js';
import { mainResults, type Shown } from '../model/build-view-data.js';
import { stressOf } from '../model/stress-view-data.js';
import { h } from '../panel/h.js';
import { reviewPackHtml } from '../report/review-pack-html.js';
import { ENGINE_VERSION } from '../../engine/version.js';
import { stressBlocks } from '../../engine/report/review-pack-stress.js';
import type { Selection } from '../state/url-state.js';
import type { PageElements } from './dom.js';
import type { InputFile } from './run-controller.js';

/** What the toolbar asks of the page (the run controller). */
export interface ToolbarActions {
  run(): Promise<void>;
  cancel(): void;
  setTrials(trials: number): void;
  /** Returns the seed kept (trimmed, or the default). */
  setSeed(text: string): string;
  openFile(file: InputFile): Promise<void>;
  select(sel: Selection | undefined): void;
}

export interface ToolbarDeps {
  page: PageElements;
  win: Window;
  actions: ToolbarActions;
  /** What the views show now (exports take it). */
  shown(): Shown | undefined;
  hasSelection(): boolean;
  /** Redraws the page (the views take their new size in and out of presentation mode). */
  render(): void;
}

/** Wires the toolbar, the file drop, the chart export buttons and presentation mode. */
export function toolbar({ page, win, actions, shown, hasSelection, render }: ToolbarDeps): void {
  page.trials.addEventListener('change', () => actions.setTrials(Number(page.trials.value)));
  page.seed.addEventListener('change', () => {
    page.seed.value = actions.setSeed(page.seed.value);
  });
  page.run.addEventListener('click', () => void actions.run());
  page.cancel.addEventListener('click', () => actions.cancel());

  // open a file: the button, or a file dropped anywhere on the page
  page.load.addEventListener('click', () => page.file.click());
  page.file.addEventListener('change', () => {
    const f = page.file.files?.[0];
    if (f) void actions.openFile(f);
    page.file.value = '';
  });
  win.addEventListener('dragover', (e) => {
    e.preventDefault();
    page.drop.hidden = false;
  });
  win.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) page.drop.hidden = true;
  });
  win.addEventListener('drop', (e) => {
    e.preventDefault();
    page.drop.hidden = true;
    const f = e.dataTransfer?.files[0];
    if (f) void actions.openFile(f);
  });

  const current = (): Results | undefined => {
    const s = shown();
    return s ? mainResults(s) : undefined;
  };
  /** The file name stem of the shown results: a what-if's results say so. */
  const resultsStem = (r: Results) => `${fileStem(r.scenario)}-${shown()?.whatIf ? 'what-if-results' : 'results'}`;
  page.exportJson.addEventListener('click', () => {
    const r = current();
    if (r) download(`${resultsStem(r)}.json`, 'application/json', resultsJson(r));
  });
  page.exportCsv.addEventListener('click', () => {
    const r = current();
    if (r) download(`${resultsStem(r)}.csv`, 'text/csv', resultsCsv(r));
  });

  // the management review pack of what the page shows (the what-if's results when there is one)
  const report = h('button', { type: 'button', id: 'export-report', title: 'Download the management review pack (one HTML page; print it to PDF from the browser)' }, 'Report');
  page.exportCsv.after(report);
  report.addEventListener('click', () => {
    const s = shown();
    if (!s) return;
    const results = mainResults(s);
    const scenario = s.whatIf?.scenario ?? s.scenario;
    // the elements' measured effects are the baseline's: a what-if has none of its own
    const effects = s.whatIf ? undefined : s.effects;
    const stress = stressOf(s); // computed once per scenario, shared with the stress view
    const html = reviewPackHtml(win.document, {
      results,
      ...(scenario ? { scenario } : {}),
      ...(stress ? { stress: stressBlocks(stress) } : {}),
      ...(effects ? { effects } : {}),
      packEngineVersion: ENGINE_VERSION,
      howToAddScenario: 'open the scenario in the explorer (not only its results) and let its run finish',
    });
    download(`${fileStem(results.scenario)}-${s.whatIf ? 'what-if-' : ''}review-pack.html`, 'text/html', html);
  });

  // per-chart export buttons
  for (const panel of page.panels) {
    const name = panel.dataset.view!;
    const svgOf = () => panel.querySelector<SVGSVGElement>('svg.chart');
    const stem = () => `${fileStem(current()?.scenario ?? 'chainward')}-${name}`;
    const asSvg = h('button', { type: 'button', 'data-export': 'svg', title: 'Download this chart as SVG' }, 'SVG');
    const asPng = h('button', { type: 'button', 'data-export': 'png', title: 'Download this chart as PNG (2×)' }, 'PNG');
    asSvg.addEventListener('click', () => {
      const svg = svgOf();
      if (svg) download(`${stem()}.svg`, 'image/svg+xml', svgText(svg));
    });
    asPng.addEventListener('click', () => {
      const svg = svgOf();
      if (svg) void pngBlob(svg).then((b) => download(`${stem()}.png`, 'image/png', b));
    });
    panel.append(h('div', { class: 'panel-tools' }, asSvg, asPng));
  }

  // presentation mode: one view at a time, full screen, arrow keys to step
  const panels = page.panels;
  let presenting = -1;
  const present = (i: number) => {
    panels.forEach((p) => p.classList.remove('current'));
    presenting = i;
    win.document.body.classList.toggle('presenting', i >= 0);
    if (i >= 0) panels[i]!.classList.add('current');
    render();
  };
  page.present.addEventListener('click', () => present(presenting >= 0 ? -1 : 0));
  win.addEventListener('keydown', (e) => {
    if (presenting < 0) {
      if (e.key === 'Escape' && hasSelection()) actions.select(undefined);
      return;
    }
    if (e.key === 'Escape') present(-1);
    else if (e.key === 'ArrowRight' || e.key === 'PageDown') present((presenting + 1) % panels.length);
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') present((presenting - 1 + panels.length) % panels.length);
  });
}
