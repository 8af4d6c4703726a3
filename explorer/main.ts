// The explorer page: loads the scenario (or results) the server was started with — else the built-in
// default scenario — runs the analysis in Web Workers with the trials and seed of the URL, else the
// server's (`chainward explore --trials --seed`), else `chainward run`'s defaults, and draws every view
// from the state. What-ifs, trials and seed re-run the engine (cancellable, with progress); the URL
// keeps the state.
import '../engine/model/zod-config.js'; // first: before any schema is built (no 'unsafe-eval' probe under the CSP)
import defaultScenarioText from '../scenarios/eu-electronics-inbound.json?raw';
import type { Results } from '../engine/results/results.js';
import type { Scenario } from '../engine/model/schema.js';
import { download, fileStem, pngBlob, resultsCsv, resultsJson, svgText } from './io/export.js';
import { parseInput, type Loaded } from '../engine/results/parse-input.js';
import { byteSize, MAX_RESULTS_BYTES } from '../engine/model/file-limits.js';
import {
  controlEffectivenessData,
  exposureMapData,
  headerData,
  lossExceedanceData,
  mainResults,
  riskMatrixData,
  riskRankingData,
  sidePanelData,
  treatmentsData,
  type Shown,
} from './model/build-view-data.js';
import { h } from './panel/h.js';
import { sidePanel } from './panel/side-panel.js';
import { AnalysisSession, WhatIfError, type AnalysisProgress, type AnalysisStage, type AnalysisState } from './sim/analysis-session.js';
import { browserPool, CancelledError } from './sim/web-pool.js';
import { DEFAULT_SEED, MAX_SEED_LENGTH, readUrlState, seedValue, serverRunDefaults, writeUrlState, type Selection } from './state/url-state.js';
import { changes, emptyWhatIf, setCarrier, toggleControl, type WhatIf } from './state/what-if.js';
import { controlEffectiveness } from './views/control-effectiveness.js';
import { exposureMap } from './views/exposure-map.js';
import { header } from './views/header.js';
import { lossExceedance } from './views/loss-exceedance.js';
import { riskMatrix } from './views/risk-matrix.js';
import { riskRanking } from './views/risk-ranking.js';
import { treatments } from './views/treatments.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const app = $('app');

interface PageState {
  scenario?: Scenario;
  /** Results opened without their scenario: shown as they are, no what-ifs. */
  loadedResults?: Results;
  trials: number;
  seed: string;
  selection?: Selection;
  whatIf: WhatIf;
  analysis?: AnalysisState;
  /** The last run that finished: shown again when a run is cancelled or fails. */
  complete?: AnalysisState;
  progress?: number;
}

const url = readUrlState(location.search);
const state: PageState = { trials: url.trials, seed: url.seed, whatIf: url.whatIf, ...(url.selection ? { selection: url.selection } : {}) };
const pool = browserPool();
const session = new AnalysisSession(pool);

// ---------- rendering ----------

function shown(): Shown | undefined {
  const a = state.analysis;
  if (a) {
    return {
      ...(state.scenario ? { scenario: state.scenario } : {}),
      baseline: a.baseline,
      ...(a.whatIf ? { whatIf: { results: a.whatIf.results, vsBaseline: a.whatIf.vsBaseline, scenario: a.whatIf.scenario } } : {}),
      elements: a.elements,
      treatmentCurves: a.treatmentCurves,
      ...(a.effects ? { effects: a.effects } : {}),
      ...(state.progress !== undefined ? { progress: state.progress } : {}),
    };
  }
  if (state.loadedResults) {
    const r = state.loadedResults;
    const els = new Map<string, string[]>();
    for (const c of r.controls) els.set(c.element, [...(els.get(c.element) ?? []), c.id]);
    return { baseline: r, elements: [...els].map(([element, controls]) => ({ element: element as never, controls })), unmeasured: true };
  }
  return undefined;
}

function select(sel: Selection | undefined) {
  if (sel) state.selection = sel;
  else delete state.selection;
  syncUrl();
  render();
}

type Part = 'header' | 'map' | 'matrix' | 'ranking' | 'exceedance' | 'treatments' | 'controls' | 'side';
const ALL: Part[] = ['header', 'map', 'matrix', 'ranking', 'exceedance', 'treatments', 'controls', 'side'];
let frame = 0;
let dirty = new Set<Part>();
/** Redraws the given parts (default all) at the next frame: progress ticks redraw only the header. */
function render(parts: readonly Part[] = ALL) {
  for (const p of parts) dirty.add(p);
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    const d = dirty;
    dirty = new Set();
    draw(d);
  });
}

let viewError = false;
function draw(parts: Set<Part>) {
  if (!shown()) {
    // nothing to show (a first run cancelled or failed): no charts of another file or a partial run
    for (const v of document.querySelectorAll('.view')) v.replaceChildren();
    $('header').replaceChildren();
    $('side').hidden = true;
    return;
  }
  let failed = false;
  for (const part of parts) {
    try {
      drawParts(new Set([part]));
    } catch (e) {
      // a view that cannot draw these results must not stop the others or fail silently
      failed = true;
      showErrors('These results cannot be shown in full', [{ path: `(${part})`, message: e instanceof Error ? e.message : String(e) }]);
      app.dataset.status = 'error';
    }
  }
  if (!failed && viewError && parts.size === ALL.length) $('errors').hidden = true;
  viewError = failed || (viewError && parts.size < ALL.length);
}

function drawParts(parts: Set<Part>) {
  const s = shown();
  if (!s) return;
  const main = mainResults(s);
  const sel = state.selection;
  const selectedRisk = sel?.kind === 'risk' ? sel.id : undefined;
  const riskTarget = selectedRisk ? main.risks.find((r) => r.id === selectedRisk)?.target : undefined;
  const onRiskClick = (r: { id: string }) => select({ kind: 'risk', id: r.id });
  if (parts.has('header')) header($('header'), headerData(s));
  if (parts.has('map'))
    exposureMap(
    $('view-map'),
    exposureMapData(s, {
      ...(riskTarget ? { highlight: riskTarget } : {}),
      ...(sel && sel.kind !== 'risk' ? { selected: sel.id } : {}),
      onSelect: (id, kind) => select({ kind, id }),
    }),
  );
  if (parts.has('matrix')) riskMatrix($('view-matrix'), riskMatrixData(s, { ...(selectedRisk ? { selectedRisk } : {}), onRiskClick }));
  if (parts.has('ranking')) riskRanking($('view-ranking'), riskRankingData(s, { ...(selectedRisk ? { selectedRisk } : {}), onRiskClick }));
  if (parts.has('exceedance')) lossExceedance($('view-exceedance'), lossExceedanceData(s));
  if (parts.has('treatments')) treatments($('view-treatments'), treatmentsData(s));
  if (parts.has('controls')) controlEffectiveness($('view-controls'), controlEffectivenessData(s));

  const side = $('side');
  if (!parts.has('side')) {
    // unchanged
  } else if (sel) {
    side.hidden = false;
    sidePanel(
      side,
      sidePanelData(s, {
        selection: sel,
        whatIf: state.whatIf,
        canEdit: Boolean(state.scenario),
        onToggleControl: (kind, id, control) => editWhatIf(toggleControl(state.scenario!, state.whatIf, kind, id, control)),
        onSetCarrier: (lane, carrier) => editWhatIf(setCarrier(state.scenario!, state.whatIf, lane, carrier)),
        onSelect: select,
        onResetWhatIf: () => editWhatIf(emptyWhatIf()),
      }),
    );
  } else side.hidden = true;

  app.dataset.eal = String(main.baseline.eal);
  app.dataset.baselineEal = String(s.baseline.baseline.eal);
  app.dataset.p99 = String(s.baseline.baseline.p99);
  app.dataset.cvar95 = String(s.baseline.baseline.cvar95);
  app.dataset.treatments = JSON.stringify(s.baseline.treatments.map((t) => ({ id: t.id, delta: t.delta.eal })));
  app.dataset.trials = String(s.baseline.trials);
  app.dataset.seed = String(s.baseline.seed);
}

// ---------- running ----------

function status(text: string) {
  $('status').textContent = text;
}

function showErrors(title: string, issues: Array<{ path: string; message: string }>) {
  const box = $('errors');
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss' }, '×');
  close.addEventListener('click', () => (box.hidden = true));
  const list = h('ul', {});
  for (const i of issues.slice(0, 50)) list.append(h('li', {}, h('code', {}, i.path), ` ${i.message}`));
  if (issues.length > 50) list.append(h('li', {}, `… and ${issues.length - 50} more`));
  box.replaceChildren(close, h('strong', {}, title), list);
  box.hidden = false;
}

function syncUrl() {
  const q = writeUrlState({ trials: state.trials, seed: state.seed, ...(state.selection ? { selection: state.selection } : {}), whatIf: state.whatIf });
  history.replaceState(null, '', q + location.hash);
}

let runTimer = 0;
function editWhatIf(w: WhatIf) {
  state.whatIf = w;
  syncUrl();
  render(['side']); // the views change when the result comes back; repainting them now would slow the workers
  clearTimeout(runTimer);
  runTimer = window.setTimeout(() => void run(), 120);
}

let runSeq = 0;
async function run() {
  if (!state.scenario) return;
  const my = ++runSeq;
  session.cancel(); // a run in flight is replaced by this one
  app.dataset.status = 'running';
  ($('cancel') as HTMLButtonElement).disabled = false;
  const started = performance.now();
  const trials = state.trials;
  const scenario = state.scenario;
  status(`Simulating ${trials.toLocaleString('en-US')} trials…`);
  const request = (withWhatIf: boolean) => {
    const r = { scenario, seed: seedValue(state.seed), trials, whatIf: withWhatIf ? changes(state.whatIf) : [] };
    lastWhatIf.set(r, withWhatIf ? state.whatIf : emptyWhatIf());
    return r;
  };
  const onUpdate = (a: AnalysisState, stage: AnalysisStage) => {
    if (my !== runSeq) return;
    state.analysis = a;
    // a treatment or the control groups change only their charts; the baseline and a what-if change all
    render(stage === 'treatment' ? ['treatments', 'exceedance'] : stage === 'effects' ? ['controls'] : stage === 'done' ? ['header'] : ALL);
  };
  const onProgress = (p: AnalysisProgress) => {
    if (my !== runSeq) return;
    state.progress = p.trialsPlanned > 0 ? p.trialsDone / p.trialsPlanned : 1;
    status(`Simulating… ${Math.round(state.progress * 100)} % (${p.trialsDone.toLocaleString('en-US')} of ${p.trialsPlanned.toLocaleString('en-US')} trials in ${pool.workers} workers)`);
    render(['header']);
  };
  try {
    let result: AnalysisState;
    try {
      result = await session.run(request(true), onUpdate, onProgress);
    } catch (e) {
      if (!(e instanceof WhatIfError)) throw e;
      // a what-if that does not fit (an old URL, another scenario): say why, drop it, show the scenario
      showErrors('The what-if does not fit this scenario and was dropped', e.issues);
      state.whatIf = emptyWhatIf();
      syncUrl();
      result = await session.run(request(false), onUpdate, onProgress);
    }
    if (my !== runSeq) return;
    state.analysis = state.complete = result;
    const ms = performance.now() - started;
    app.dataset.lastRunMs = String(Math.round(ms));
    const n = 1 + (result.baseline.treatments.length + (result.effects?.length ?? 0)) + (result.whatIf ? 1 : 0);
    status(`${trials.toLocaleString('en-US')} trials × ${n} runs (baseline${result.whatIf ? ', what-if' : ''}, ${result.baseline.treatments.length} treatments, ${result.effects?.length ?? 0} control groups), seed ${state.seed}, ${pool.workers} workers: ${(ms / 1000).toFixed(2)} s`);
    app.dataset.status = 'ready';
  } catch (e) {
    if (my !== runSeq) return; // replaced by a newer run: that one owns the page now
    // back to the last complete result (a cancelled run may have drawn its first stages)
    if (state.complete && state.complete.request.scenario === scenario) {
      state.analysis = state.complete;
      state.trials = state.complete.request.trials;
      state.seed = String(state.complete.request.seed);
      showRunInputs();
      state.whatIf = whatIfOf(state.complete);
      syncUrl();
    } else delete state.analysis;
    const kept = Boolean(state.analysis);
    if (e instanceof CancelledError) {
      status(kept ? 'Cancelled: showing the last complete result.' : 'Cancelled: no result yet (Run to start again).');
      app.dataset.status = 'cancelled';
    } else {
      showErrors('The simulation failed', [{ path: '(run)', message: e instanceof Error ? e.message : String(e) }]);
      status('The simulation failed.');
      app.dataset.status = 'error';
    }
  } finally {
    if (my === runSeq) {
      delete state.progress;
      ($('cancel') as HTMLButtonElement).disabled = true;
      render();
    }
  }
}

/** The what-if of a finished run, as the side panel edits it. */
function whatIfOf(a: AnalysisState): WhatIf {
  return lastWhatIf.get(a.request) ?? emptyWhatIf();
}
const lastWhatIf = new WeakMap<object, WhatIf>();

/** Shows a loaded file. A file opened in the page starts afresh (no selection, no what-if); the first one keeps the URL's. */
function accept(loaded: Loaded, source: string, fromUrl = false) {
  if (loaded.kind === 'invalid') {
    showErrors(`${source}: ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}`, loaded.issues);
    if (!state.analysis && !state.loadedResults) app.dataset.status = 'invalid';
    return;
  }
  $('errors').hidden = true;
  // a valid scenario whose text has a key twice in one object: it runs, and the warning says which
  if (loaded.kind === 'scenario' && loaded.warnings) showErrors(`${source}: ${loaded.warnings.length} warning${loaded.warnings.length === 1 ? '' : 's'} (the scenario runs)`, loaded.warnings);
  clearTimeout(runTimer);
  runSeq++; // whatever was running belongs to the previous file
  session.cancel();
  delete state.analysis;
  delete state.complete;
  if (!fromUrl) {
    state.whatIf = emptyWhatIf();
    delete state.selection;
  }
  if (loaded.kind === 'scenario') {
    state.scenario = loaded.scenario;
    delete state.loadedResults;
    document.title = `${loaded.scenario.name} · chainward explorer`;
    syncUrl();
    void run();
  } else {
    delete state.scenario;
    state.loadedResults = loaded.results;
    state.whatIf = emptyWhatIf();
    // the inputs and the URL say what the results are of
    state.trials = loaded.results.trials;
    state.seed = String(loaded.results.seed);
    showRunInputs();
    ($('cancel') as HTMLButtonElement).disabled = true;
    document.title = `${loaded.results.scenario} · chainward explorer`;
    syncUrl();
    status(`Results of ${loaded.results.trials.toLocaleString('en-US')} trials from ${source}; open the scenario to run what-ifs.`);
    app.dataset.status = 'ready';
    render();
  }
}

// ---------- controls ----------

const trialsSelect = $('trials') as HTMLSelectElement;
/** Shows the run's trials and seed in the toolbar (a trial count the list lacks is added to it). */
function showRunInputs() {
  if (![...trialsSelect.options].some((o) => o.value === String(state.trials))) trialsSelect.append(h('option', { value: String(state.trials) }, state.trials.toLocaleString('en-US')));
  trialsSelect.value = String(state.trials);
  seedInput.value = state.seed;
}
trialsSelect.addEventListener('change', () => {
  state.trials = Number(trialsSelect.value);
  syncUrl();
  void run();
});
const seedInput = $('seed') as HTMLInputElement;
showRunInputs();
seedInput.addEventListener('change', () => {
  state.seed = seedInput.value.trim().slice(0, MAX_SEED_LENGTH) || DEFAULT_SEED;
  seedInput.value = state.seed;
  syncUrl();
  void run();
});
$('run').addEventListener('click', () => void run());
$('cancel').addEventListener('click', () => {
  clearTimeout(runTimer); // a what-if edit waiting to run is cancelled too
  session.cancel();
});

const fileInput = $('file') as HTMLInputElement;
$('load').addEventListener('click', () => fileInput.click());
async function openFile(file: File) {
  // the limit of `chainward explore` (README.md, "Files in and out"), checked before the file is read
  if (file.size > MAX_RESULTS_BYTES) {
    return showErrors(`${file.name}: too large`, [{ path: '(file)', message: `${byteSize(file.size)}; a scenario or results file may have at most ${byteSize(MAX_RESULTS_BYTES)}` }]);
  }
  accept(parseInput(await file.text()), file.name);
}
fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  if (f) void openFile(f);
  fileInput.value = '';
});
const drop = $('drop');
window.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.hidden = false;
});
window.addEventListener('dragleave', (e) => {
  if (e.relatedTarget === null) drop.hidden = true;
});
window.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.hidden = true;
  const f = e.dataTransfer?.files[0];
  if (f) void openFile(f);
});

function current(): Results | undefined {
  const s = shown();
  return s ? mainResults(s) : undefined;
}
/** The file name stem of the shown results: a what-if's results say so. */
function resultsStem(r: Results): string {
  return `${fileStem(r.scenario)}-${shown()?.whatIf ? 'what-if-results' : 'results'}`;
}
$('export-json').addEventListener('click', () => {
  const r = current();
  if (r) download(`${resultsStem(r)}.json`, 'application/json', resultsJson(r));
});
$('export-csv').addEventListener('click', () => {
  const r = current();
  if (r) download(`${resultsStem(r)}.csv`, 'text/csv', resultsCsv(r));
});

// per-chart export buttons
for (const panel of document.querySelectorAll<HTMLElement>('section.panel')) {
  const name = panel.dataset.view!;
  const svgOf = () => panel.querySelector<SVGSVGElement>('svg.chart');
  const bar = h('div', { class: 'panel-tools' });
  const asSvg = h('button', { type: 'button', 'data-export': 'svg', title: 'Download this chart as SVG' }, 'SVG');
  const asPng = h('button', { type: 'button', 'data-export': 'png', title: 'Download this chart as PNG (2×)' }, 'PNG');
  asSvg.addEventListener('click', () => {
    const svg = svgOf();
    if (svg) download(`${fileStem(current()?.scenario ?? 'chainward')}-${name}.svg`, 'image/svg+xml', svgText(svg));
  });
  asPng.addEventListener('click', () => {
    const svg = svgOf();
    if (svg) void pngBlob(svg).then((b) => download(`${fileStem(current()?.scenario ?? 'chainward')}-${name}.png`, 'image/png', b));
  });
  bar.append(asSvg, asPng);
  panel.append(bar);
}

// presentation mode: one view at a time, full screen, arrow keys to step
const panels = [...document.querySelectorAll<HTMLElement>('section.panel')];
let presenting = -1;
function present(i: number) {
  panels.forEach((p) => p.classList.remove('current'));
  presenting = i;
  document.body.classList.toggle('presenting', i >= 0);
  if (i >= 0) panels[i]!.classList.add('current');
  render();
}
$('present').addEventListener('click', () => present(presenting >= 0 ? -1 : 0));
window.addEventListener('keydown', (e) => {
  if (presenting < 0) {
    if (e.key === 'Escape' && state.selection) select(undefined);
    return;
  }
  if (e.key === 'Escape') present(-1);
  else if (e.key === 'ArrowRight' || e.key === 'PageDown') present((presenting + 1) % panels.length);
  else if (e.key === 'ArrowLeft' || e.key === 'PageUp') present((presenting - 1 + panels.length) % panels.length);
});

// redraw at the new size
const resized = new ResizeObserver(() => render());
for (const v of document.querySelectorAll('.view')) resized.observe(v);

// ---------- start ----------

async function start() {
  app.dataset.status = 'loading';
  let text = defaultScenarioText;
  let source = 'built-in default scenario';
  try {
    const res = await fetch('input.json', { cache: 'no-store' });
    if (res.ok) {
      text = await res.text();
      source = res.headers.get('x-chainward-source') ?? 'input.json';
      // the run `chainward explore` asks for, unless the URL names its own (a shared link)
      const run = readUrlState(location.search, serverRunDefaults((name) => res.headers.get(name)));
      state.trials = run.trials;
      state.seed = run.seed;
      showRunInputs();
    }
  } catch {
    // no server input: the built-in default scenario
  }
  accept(parseInput(text), source, true);
}
void start();
