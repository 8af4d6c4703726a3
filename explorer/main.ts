// The explorer page, wired: the page's elements, its state (from the URL), the analysis session on
// the Web Worker pool, the run controller, the render loop and the toolbar. What each part does is in
// explorer/app/ (README.md, "How the code is laid out"); nothing here but connecting them, each declared before use.
import '../engine/model/zod-config.js'; // first: before any schema is built (no 'unsafe-eval' probe under the CSP)
import defaultScenarioText from '../scenarios/eu-electronics-inbound.json?raw';
import { pageElements } from './app/dom.js';
import { pageRenderer } from './app/draw-page.js';
import { pageHost } from './app/page-host.js';
import { initialState, shownOf } from './app/page-state.js';
import { RenderLoop } from './app/render-loop.js';
import { RunController } from './app/run-controller.js';
import { toolbar } from './app/toolbar.js';
import { AnalysisSession } from './sim/analysis-session.js';
import { browserPool } from './sim/web-pool.js';
import { readUrlState } from './state/url-state.js';

const page = pageElements(document);
const state = initialState(readUrlState(location.search));
const pool = browserPool();
const session = new AnalysisSession(pool);
const host = pageHost(page, window);
const loop = new RenderLoop((draw) => requestAnimationFrame(draw));
const controller = new RunController({
  state,
  session,
  workers: pool.workers,
  host,
  render: (parts) => loop.request(parts),
  now: () => performance.now(),
  setTimer: (run, ms) => window.setTimeout(run, ms),
  clearTimer: (timer) => window.clearTimeout(timer as number | undefined),
});
loop.attach(pageRenderer(page, state, controller, host));

host.showRunInputs(state.trials, state.seed);
toolbar({ page, win: window, actions: controller, shown: () => shownOf(state), hasSelection: () => state.selection !== undefined, render: () => loop.request() });

// redraw at the new size
const resized = new ResizeObserver(() => loop.request());
for (const v of page.viewBoxes) resized.observe(v);

void controller.start({
  search: location.search,
  defaultText: defaultScenarioText,
  fetchInput: async () => {
    const res = await fetch('input.json', { cache: 'no-store' });
    return { ok: res.ok, text: () => res.text(), header: (name) => res.headers.get(name) };
  },
});
