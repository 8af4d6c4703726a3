// What the page does on a run, a cancel, a failure, a what-if edit, a file opened and the first load
// (the URL's state restored): the page state changes here, and the page is told through a RunHost and
// a render callback. The analysis session, the clock and the timers are passed in, so this runs in
// tests without a DOM or workers (test/explorer/app/run-controller.test.ts).
import { parseInput, type Loaded } from '../../engine/results/parse-input.js';
import { issuePlace } from '../../engine/validate/parse-scenario-text.js';
import { byteSize, MAX_RESULTS_BYTES } from '../../engine/model/file-limits.js';
import { count } from '../../engine/text/format.js';
import { WhatIfError, type AnalysisProgress, type AnalysisRequest, type AnalysisStage, type AnalysisState } from '../sim/analysis-session.js';
import { CancelledError } from '../sim/web-pool.js';
import { DEFAULT_SEED, MAX_SEED_LENGTH, readUrlState, seedValue, serverRunDefaults, type Selection } from '../state/url-state.js';
import { changes, emptyWhatIf, setCarrier, toggleControl, type TargetKind, type WhatIf } from '../state/what-if.js';
import { urlOf, type PageState } from './page-state.js';
import { ALL_PARTS, type Part } from './render-loop.js';

/** The page's status as data-status on #app: what tests and tools wait for. */
export type AppStatus = 'loading' | 'running' | 'ready' | 'cancelled' | 'error' | 'invalid';

export interface Issue {
  path: string;
  message: string;
}

/** What the controller tells the page (page-host.ts in the browser, a recorder in tests). */
export interface RunHost {
  status(text: string): void;
  showErrors(title: string, issues: readonly Issue[]): void;
  hideErrors(): void;
  appStatus(status: AppStatus): void;
  cancelEnabled(on: boolean): void;
  /** The wall time of the last complete run. */
  lastRunMs(ms: number): void;
  /** Shows the run's trials and seed in the toolbar. */
  showRunInputs(trials: number, seed: string): void;
  /** Replaces the URL's query (no new history entry). */
  replaceUrl(query: string): void;
  title(text: string): void;
}

/** A file to open: a File in the page. */
export interface InputFile {
  name: string;
  /** Bytes. */
  size: number;
  text(): Promise<string>;
}

/** The answer to the page's request for the server's input (`fetch('input.json')` in the page). */
export interface InputResponse {
  ok: boolean;
  text(): Promise<string>;
  header(name: string): string | null;
}

export interface RunControllerDeps {
  state: PageState;
  session: { run(req: AnalysisRequest, onUpdate: (s: AnalysisState, stage: AnalysisStage) => void, onProgress?: (p: AnalysisProgress) => void): Promise<AnalysisState>; cancel(): void };
  /** Workers the session runs on (for the status line). */
  workers: number;
  host: RunHost;
  render(parts?: readonly Part[]): void;
  /** Milliseconds, for the run's wall time. */
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** How long a what-if edit waits for the next before it runs (milliseconds): a burst of toggles runs once. */
export const WHAT_IF_DELAY_MS = 120;

export class RunController {
  private readonly state: PageState;
  private runSeq = 0;
  private runTimer: unknown;
  /** The what-if of each run request, as the side panel edits it (restored with the run it belongs to). */
  private readonly whatIfOfRequest = new WeakMap<object, WhatIf>();

  constructor(private readonly deps: RunControllerDeps) {
    this.state = deps.state;
  }

  private syncUrl(): void {
    this.deps.host.replaceUrl(urlOf(this.state));
  }

  /** Selects a site, lane or risk (undefined: none); the URL keeps it. */
  select(sel: Selection | undefined): void {
    if (sel) this.state.selection = sel;
    else delete this.state.selection;
    this.syncUrl();
    this.deps.render();
  }

  /** A new what-if: the URL keeps it at once, and it runs after WHAT_IF_DELAY_MS unless another edit follows. */
  editWhatIf(w: WhatIf): void {
    this.state.whatIf = w;
    this.syncUrl();
    this.deps.render(['side']); // the views change when the result comes back; repainting them now would slow the workers
    this.deps.clearTimer(this.runTimer);
    this.runTimer = this.deps.setTimer(() => void this.run(), WHAT_IF_DELAY_MS);
  }

  toggleControl(kind: TargetKind, id: string, control: string): void {
    if (this.state.scenario) this.editWhatIf(toggleControl(this.state.scenario, this.state.whatIf, kind, id, control));
  }

  setCarrier(lane: string, carrier: string): void {
    if (this.state.scenario) this.editWhatIf(setCarrier(this.state.scenario, this.state.whatIf, lane, carrier));
  }

  resetWhatIf(): void {
    this.editWhatIf(emptyWhatIf());
  }

  /** Runs with another trial count. */
  setTrials(trials: number): void {
    this.state.trials = trials;
    this.syncUrl();
    void this.run();
  }

  /** Runs with another seed (trimmed, at most MAX_SEED_LENGTH characters, empty: the default); returns the seed kept. */
  setSeed(text: string): string {
    this.state.seed = text.trim().slice(0, MAX_SEED_LENGTH) || DEFAULT_SEED;
    this.syncUrl();
    void this.run();
    return this.state.seed;
  }

  /** Ends the run in progress, and a what-if edit waiting to run. */
  cancel(): void {
    this.deps.clearTimer(this.runTimer);
    this.deps.session.cancel();
  }

  /**
   * Runs the scenario with the state's trials, seed and what-if, replacing a run in flight. A what-if
   * that does not fit is dropped (and said so) and the scenario runs without it. A cancel or a
   * failure goes back to the last complete result of the same scenario, with its trials, seed and
   * what-if; without one, the page shows nothing.
   */
  async run(): Promise<void> {
    const { state, host, session, workers } = this.deps;
    if (!state.scenario) return;
    const my = ++this.runSeq;
    session.cancel(); // a run in flight is replaced by this one
    host.appStatus('running');
    host.cancelEnabled(true);
    const started = this.deps.now();
    const trials = state.trials;
    const scenario = state.scenario;
    host.status(`Simulating ${count(trials)} trials…`);
    const request = (withWhatIf: boolean): AnalysisRequest => {
      const r = { scenario, seed: seedValue(state.seed), trials, whatIf: withWhatIf ? changes(state.whatIf) : [] };
      this.whatIfOfRequest.set(r, withWhatIf ? state.whatIf : emptyWhatIf());
      return r;
    };
    const onUpdate = (a: AnalysisState, stage: AnalysisStage) => {
      if (my !== this.runSeq) return;
      state.analysis = a;
      // a treatment or the control groups change only their charts; the baseline and a what-if change all
      this.deps.render(stage === 'treatment' ? ['treatments', 'exceedance'] : stage === 'effects' ? ['controls'] : stage === 'done' ? ['header'] : ALL_PARTS);
    };
    const onProgress = (p: AnalysisProgress) => {
      if (my !== this.runSeq) return;
      state.progress = p.trialsPlanned > 0 ? p.trialsDone / p.trialsPlanned : 1;
      host.status(`Simulating… ${Math.round(state.progress * 100)} % (${count(p.trialsDone)} of ${count(p.trialsPlanned)} trials in ${workers} workers)`);
      this.deps.render(['header']);
    };
    try {
      let result: AnalysisState;
      try {
        result = await session.run(request(true), onUpdate, onProgress);
      } catch (e) {
        if (!(e instanceof WhatIfError)) throw e;
        // a what-if that does not fit (an old URL, another scenario): say why, drop it, show the scenario
        host.showErrors('The what-if does not fit this scenario and was dropped', e.issues);
        state.whatIf = emptyWhatIf();
        this.syncUrl();
        result = await session.run(request(false), onUpdate, onProgress);
      }
      if (my !== this.runSeq) return;
      state.analysis = state.complete = result;
      const ms = this.deps.now() - started;
      host.lastRunMs(Math.round(ms));
      const treatments = result.baseline.treatments.length;
      const groups = result.effects?.length ?? 0;
      const n = 1 + (treatments + groups) + (result.whatIf ? 1 : 0);
      host.status(`${count(trials)} trials × ${n} runs (baseline${result.whatIf ? ', what-if' : ''}, ${treatments} treatments, ${groups} control groups), seed ${state.seed}, ${workers} workers: ${(ms / 1000).toFixed(2)} s`);
      host.appStatus('ready');
    } catch (e) {
      if (my !== this.runSeq) return; // replaced by a newer run: that one owns the page now
      this.restoreComplete(scenario);
      const kept = Boolean(state.analysis);
      if (e instanceof CancelledError) {
        host.status(kept ? 'Cancelled: showing the last complete result.' : 'Cancelled: no result yet (Run to start again).');
        host.appStatus('cancelled');
      } else {
        host.showErrors('The simulation failed', [{ path: '(run)', message: e instanceof Error ? e.message : String(e) }]);
        host.status('The simulation failed.');
        host.appStatus('error');
      }
    } finally {
      if (my === this.runSeq) {
        delete state.progress;
        host.cancelEnabled(false);
        this.deps.render();
      }
    }
  }

  /** Back to the last complete result of `scenario` (a cancelled run may have drawn its first stages), with its trials, seed and what-if; else nothing shown. */
  private restoreComplete(scenario: PageState['scenario']): void {
    const state = this.state;
    const complete = state.complete;
    if (complete && complete.request.scenario === scenario) {
      state.analysis = complete;
      state.trials = complete.request.trials;
      state.seed = String(complete.request.seed);
      this.deps.host.showRunInputs(state.trials, state.seed);
      state.whatIf = this.whatIfOfRequest.get(complete.request) ?? emptyWhatIf();
      this.syncUrl();
    } else delete state.analysis;
  }

  /** Shows a loaded file. A file opened in the page starts afresh (no selection, no what-if); the first one keeps the URL's. */
  accept(loaded: Loaded, source: string, fromUrl = false): void {
    const { state, host } = this.deps;
    if (loaded.kind === 'invalid') {
      // a YAML file's problems carry their line and column, shown before the path as the command line does
      const issues = loaded.issues.map((i) => ({ path: issuePlace(i), message: i.message }));
      host.showErrors(`${source}: ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}`, issues);
      if (!state.analysis && !state.loadedResults) host.appStatus('invalid');
      return;
    }
    host.hideErrors();
    // a valid scenario whose text has a key twice in one object: it runs, and the warning says which
    if (loaded.kind === 'scenario' && loaded.warnings) host.showErrors(`${source}: ${loaded.warnings.length} warning${loaded.warnings.length === 1 ? '' : 's'} (the scenario runs)`, loaded.warnings);
    this.deps.clearTimer(this.runTimer);
    this.runSeq++; // whatever was running belongs to the previous file
    this.deps.session.cancel();
    delete state.analysis;
    delete state.complete;
    if (!fromUrl) {
      state.whatIf = emptyWhatIf();
      delete state.selection;
    }
    if (loaded.kind === 'scenario') {
      state.scenario = loaded.scenario;
      delete state.loadedResults;
      host.title(`${loaded.scenario.name} · chainward explorer`);
      this.syncUrl();
      void this.run();
    } else {
      delete state.scenario;
      state.loadedResults = loaded.results;
      state.whatIf = emptyWhatIf();
      // the inputs and the URL say what the results are of
      state.trials = loaded.results.trials;
      state.seed = String(loaded.results.seed);
      host.showRunInputs(state.trials, state.seed);
      host.cancelEnabled(false);
      host.title(`${loaded.results.scenario} · chainward explorer`);
      this.syncUrl();
      host.status(`Results of ${count(loaded.results.trials)} trials from ${source}; open the scenario to run what-ifs.`);
      host.appStatus('ready');
      this.deps.render();
    }
  }

  /** Opens a scenario or results file the person picked or dropped. */
  async openFile(file: InputFile): Promise<void> {
    // the limit of `chainward explore` (README.md, "Files in and out"), checked before the file is read
    if (file.size > MAX_RESULTS_BYTES) {
      return this.deps.host.showErrors(`${file.name}: too large`, [{ path: '(file)', message: `${byteSize(file.size)}; a scenario or results file may have at most ${byteSize(MAX_RESULTS_BYTES)}` }]);
    }
    this.accept(parseInput(await file.text(), file.name), file.name);
  }

  /**
   * The first load: the server's input (`chainward explore`) with the run it asks for unless the URL
   * names its own (a shared link), else the built-in default scenario; the URL's selection and what-if kept.
   */
  async start(input: { search: string; defaultText: string; fetchInput(): Promise<InputResponse> }): Promise<void> {
    const { state, host } = this.deps;
    host.appStatus('loading');
    let text = input.defaultText;
    let source = 'built-in default scenario';
    try {
      const res = await input.fetchInput();
      if (res.ok) {
        text = await res.text();
        source = res.header('x-chainward-source') ?? 'input.json';
        const run = readUrlState(input.search, serverRunDefaults((name) => res.header(name)));
        state.trials = run.trials;
        state.seed = run.seed;
        host.showRunInputs(state.trials, state.seed);
      }
    } catch {
      // no server input: the built-in default scenario
    }
    this.accept(parseInput(text, source), source, true);
  }
}
