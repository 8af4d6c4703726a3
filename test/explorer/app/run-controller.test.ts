// The run controller with a fake analysis session (each run a promise the test settles), a host that
// records what the page is told, and timers the test fires: a run, a run replaced, a cancel and a
// failure going back to the last complete result, a what-if that does not fit, what-if edits run once,
// files opened and the first load from the server and the URL.
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { parseInput } from '../../../engine/results/parse-input.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { initialState, type PageState } from '../../../explorer/app/page-state.js';
import { ALL_PARTS, type Part } from '../../../explorer/app/render-loop.js';
import { RunController, WHAT_IF_DELAY_MS, type AppStatus, type InputResponse, type RunHost } from '../../../explorer/app/run-controller.js';
import { WhatIfError, type AnalysisProgress, type AnalysisRequest, type AnalysisStage, type AnalysisState } from '../../../explorer/sim/analysis-session.js';
import { CancelledError } from '../../../explorer/sim/web-pool.js';
import { readUrlState, SEED_HEADER, TRIALS_HEADER } from '../../../explorer/state/url-state.js';
import { emptyWhatIf, type WhatIf } from '../../../explorer/state/what-if.js';

const scenarioText = readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8');
const loadedScenario = parseInput(scenarioText);
if (loadedScenario.kind !== 'scenario') throw new Error('default scenario invalid');
const scenario: Scenario = loadedScenario.scenario;
const oneEdit: WhatIf = { add: [['site', scenario.sites[0]!.id, 'cctv']], remove: [], carriers: [] };

/** A run the test settles: its request and callbacks as the session got them. */
interface PendingRun {
  req: AnalysisRequest;
  onUpdate: (s: AnalysisState, stage: AnalysisStage) => void;
  onProgress?: (p: AnalysisProgress) => void;
  resolve(s: AnalysisState): void;
  reject(e: unknown): void;
}

class FakeSession {
  runs: PendingRun[] = [];
  cancels = 0;
  run(req: AnalysisRequest, onUpdate: PendingRun['onUpdate'], onProgress?: PendingRun['onProgress']): Promise<AnalysisState> {
    return new Promise((resolve, reject) => this.runs.push({ req, onUpdate, ...(onProgress ? { onProgress } : {}), resolve, reject }));
  }
  cancel(): void {
    this.cancels++;
  }
  get last(): PendingRun {
    return this.runs.at(-1)!;
  }
}

/** A finished analysis of `req` with an EAL to tell it by. */
function analysed(req: AnalysisRequest, eal: number, whatIf = false): AnalysisState {
  const baseline = { baseline: { eal }, treatments: [], trials: req.trials, seed: req.seed } as unknown as Results;
  return { request: req, baseline, treatmentCurves: {}, elements: [], effects: [], ...(whatIf ? { whatIf: { changes: req.whatIf, scenario: req.scenario, results: baseline, vsBaseline: {} as never } } : {}) };
}

function setup(start: Partial<PageState> = {}) {
  const state: PageState = { ...initialState(readUrlState('')), ...start };
  const session = new FakeSession();
  const told = { status: [] as string[], errors: [] as Array<{ title: string; paths: string[] }>, app: [] as AppStatus[], cancel: [] as boolean[], inputs: [] as Array<[number, string]>, urls: [] as string[], titles: [] as string[], lastRunMs: [] as number[], hidden: 0 };
  const host: RunHost = {
    status: (t) => void told.status.push(t),
    showErrors: (title, issues) => void told.errors.push({ title, paths: issues.map((i) => i.path) }),
    hideErrors: () => void told.hidden++,
    appStatus: (s) => void told.app.push(s),
    cancelEnabled: (on) => void told.cancel.push(on),
    lastRunMs: (ms) => void told.lastRunMs.push(ms),
    showRunInputs: (trials, seed) => void told.inputs.push([trials, seed]),
    replaceUrl: (q) => void told.urls.push(q),
    title: (t) => void told.titles.push(t),
  };
  const renders: Array<readonly Part[]> = [];
  const timers = new Map<number, () => void>();
  let nextTimer = 1;
  let clock = 1000;
  const controller = new RunController({
    state,
    session,
    workers: 4,
    host,
    render: (parts = ALL_PARTS) => void renders.push(parts),
    now: () => clock,
    setTimer: (run, ms) => {
      expect(ms).toBe(WHAT_IF_DELAY_MS);
      timers.set(nextTimer, run);
      return nextTimer++;
    },
    clearTimer: (t) => void timers.delete(t as number),
  });
  const fireTimers = () => {
    const due = [...timers.values()];
    timers.clear();
    for (const run of due) run();
  };
  return { state, session, told, renders, controller, timers, fireTimers, tick: (ms: number) => void (clock += ms) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('RunController', () => {
  it('RunController.run runs the state\'s trials, seed and what-if, draws each stage, and ends ready with the run\'s figures', async () => {
    const t = setup({ scenario, trials: 5000, seed: '7', whatIf: oneEdit });
    const done = t.controller.run();
    expect(t.told.app).toEqual(['running']);
    expect(t.told.cancel).toEqual([true]);
    expect(t.told.status).toEqual(['Simulating 5,000 trials…']);
    const run = t.session.last;
    expect(run.req).toMatchObject({ scenario, seed: 7, trials: 5000 });
    expect(run.req.whatIf).toHaveLength(1);
    run.onProgress!({ trialsDone: 2500, trialsPlanned: 10_000 });
    expect(t.state.progress).toBe(0.25);
    expect(t.told.status.at(-1)).toBe('Simulating… 25 % (2,500 of 10,000 trials in 4 workers)');
    const first = analysed(run.req, 1);
    run.onUpdate(first, 'baseline');
    expect(t.state.analysis).toBe(first);
    run.onUpdate(first, 'treatment');
    run.onUpdate(first, 'effects');
    run.onUpdate(first, 'done');
    expect(t.renders).toEqual([['header'], ALL_PARTS, ['treatments', 'exceedance'], ['controls'], ['header']]);
    t.tick(1234.4);
    const final = analysed(run.req, 2, true);
    run.resolve(final);
    await done;
    expect(t.state.analysis).toBe(final);
    expect(t.state.complete).toBe(final);
    expect(t.state.progress).toBeUndefined();
    expect(t.told.app.at(-1)).toBe('ready');
    expect(t.told.cancel.at(-1)).toBe(false);
    expect(t.told.lastRunMs).toEqual([1234]);
    expect(t.told.status.at(-1)).toBe('5,000 trials × 2 runs (baseline, what-if, 0 treatments, 0 control groups), seed 7, 4 workers: 1.23 s');
    expect(t.renders.at(-1)).toEqual(ALL_PARTS);
  });

  it('RunController.run replaces a run in flight: the old one is cancelled and its late answers are ignored', async () => {
    const t = setup({ scenario });
    const older = t.controller.run();
    const old = t.session.last;
    const newer = t.controller.run();
    expect(t.session.cancels).toBe(2); // each run cancels whatever was in flight
    old.onUpdate(analysed(old.req, 1), 'baseline');
    expect(t.state.analysis).toBeUndefined();
    old.reject(new CancelledError());
    await older;
    expect(t.told.app).toEqual(['running', 'running']); // the old run's cancel says nothing
    const answer = analysed(t.session.last.req, 2);
    t.session.last.resolve(answer);
    await newer;
    expect(t.state.analysis).toBe(answer);
    expect(t.told.app.at(-1)).toBe('ready');
  });

  it('RunController: a cancel goes back to the last complete result with its trials, seed and what-if', async () => {
    const t = setup({ scenario, trials: 2000, seed: '1', whatIf: oneEdit });
    const first = t.controller.run();
    const complete = analysed(t.session.last.req, 1, true);
    t.session.last.resolve(complete);
    await first;
    // a second run with other inputs, cancelled after its baseline was drawn
    t.state.trials = 100_000;
    t.state.seed = '2';
    t.state.whatIf = emptyWhatIf();
    const second = t.controller.run();
    t.session.last.onUpdate(analysed(t.session.last.req, 9), 'baseline');
    t.controller.cancel();
    t.session.last.reject(new CancelledError());
    await second;
    expect(t.state.analysis).toBe(complete);
    expect([t.state.trials, t.state.seed, t.state.whatIf]).toEqual([2000, '1', oneEdit]);
    expect(t.told.inputs.at(-1)).toEqual([2000, '1']);
    expect(t.told.urls.at(-1)).toMatch(/trials=2000&seed=1&w=/);
    expect(t.told.status.at(-1)).toBe('Cancelled: showing the last complete result.');
    expect(t.told.app.at(-1)).toBe('cancelled');
    expect(t.told.cancel.at(-1)).toBe(false);
  });

  it('RunController: a first run cancelled or failed shows nothing; a failure is said in the error box', async () => {
    const t = setup({ scenario });
    const cancelled = t.controller.run();
    t.session.last.onUpdate(analysed(t.session.last.req, 1), 'baseline');
    t.session.last.reject(new CancelledError());
    await cancelled;
    expect(t.state.analysis).toBeUndefined();
    expect(t.told.status.at(-1)).toBe('Cancelled: no result yet (Run to start again).');
    const failed = t.controller.run();
    t.session.last.reject(new Error('worker crashed'));
    await failed;
    expect(t.state.analysis).toBeUndefined();
    expect(t.told.errors).toEqual([{ title: 'The simulation failed', paths: ['(run)'] }]);
    expect(t.told.status.at(-1)).toBe('The simulation failed.');
    expect(t.told.app.at(-1)).toBe('error');
  });

  it('RunController: a what-if that does not fit is said, dropped from the state and the URL, and the scenario runs without it', async () => {
    const t = setup({ scenario, whatIf: oneEdit });
    const done = t.controller.run();
    t.session.last.reject(new WhatIfError([{ path: 'treatments[0].changes[0]', message: 'unknown control' }]));
    await settle();
    expect(t.told.errors).toEqual([{ title: 'The what-if does not fit this scenario and was dropped', paths: ['treatments[0].changes[0]'] }]);
    expect(t.state.whatIf).toEqual(emptyWhatIf());
    expect(t.told.urls.at(-1)).not.toMatch(/w=/);
    expect(t.session.runs).toHaveLength(2);
    expect(t.session.last.req.whatIf).toEqual([]);
    t.session.last.resolve(analysed(t.session.last.req, 3));
    await done;
    expect(t.told.app.at(-1)).toBe('ready');
  });

  it('RunController.editWhatIf keeps the what-if in the URL at once, redraws the side panel, and runs once after a burst of edits; cancel drops a waiting edit', async () => {
    const t = setup({ scenario });
    t.controller.toggleControl('site', scenario.sites[0]!.id, 'cctv');
    t.controller.toggleControl('site', scenario.sites[0]!.id, 'cctv'); // back off
    t.controller.setCarrier(scenario.lanes![0]!.id, 'haulier-spot');
    expect(t.renders).toEqual([['side'], ['side'], ['side']]);
    expect(t.told.urls.at(-1)).toMatch(/w=.*haulier-spot/);
    expect(t.timers.size).toBe(1);
    expect(t.session.runs).toHaveLength(0);
    t.fireTimers();
    expect(t.session.runs).toHaveLength(1);
    expect(t.session.last.req.whatIf).toEqual([{ setCarrier: 'haulier-spot', lanes: [scenario.lanes![0]!.id] }]);
    t.controller.resetWhatIf();
    t.controller.cancel();
    expect(t.timers.size).toBe(0);
    expect(t.state.whatIf).toEqual(emptyWhatIf());
  });

  it('RunController.select keeps the selection in the URL and redraws; setSeed trims and falls back to the default seed', () => {
    const t = setup();
    t.controller.select({ kind: 'site', id: 'dc-a' });
    expect(t.told.urls.at(-1)).toBe('?trials=20000&seed=1&sel=site%3Adc-a');
    t.controller.select(undefined);
    expect(t.state.selection).toBeUndefined();
    expect(t.renders).toEqual([ALL_PARTS, ALL_PARTS]);
    expect(t.controller.setSeed('  42 ')).toBe('42');
    expect(t.controller.setSeed('   ')).toBe('1');
    t.controller.setTrials(5000);
    expect(t.told.urls.at(-1)).toBe('?trials=5000&seed=1');
    expect(t.session.runs).toHaveLength(0); // no scenario yet: nothing runs
  });

  it('RunController.accept: an invalid file is listed and changes nothing; results opened alone are shown as they are; a scenario opened afresh drops the selection and what-if and runs', async () => {
    const t = setup({ selection: { kind: 'site', id: 'x' }, whatIf: oneEdit });
    t.controller.accept(parseInput('{"format": "chainward/v1"}'), 'bad.json');
    expect(t.told.errors[0]!.title).toMatch(/^bad\.json: \d+ problems?$/);
    expect(t.told.app).toEqual(['invalid']);
    const results = { scenario: 'Some network', trials: 3000, seed: 5 } as unknown as Results;
    t.controller.accept({ kind: 'results', results }, 'r.json');
    expect(t.state.loadedResults).toBe(results);
    expect([t.state.trials, t.state.seed, t.state.whatIf, t.state.selection]).toEqual([3000, '5', emptyWhatIf(), undefined]);
    expect(t.told.inputs.at(-1)).toEqual([3000, '5']);
    expect(t.told.titles.at(-1)).toBe('Some network · chainward explorer');
    expect(t.told.status.at(-1)).toBe('Results of 3,000 trials from r.json; open the scenario to run what-ifs.');
    expect(t.told.app.at(-1)).toBe('ready');
    expect(t.session.runs).toHaveLength(0);
    // an invalid file now: the results stay, and the status is not "invalid"
    t.controller.accept(parseInput('{'), 'broken.json');
    expect(t.told.app.at(-1)).toBe('ready');
    t.controller.accept(loadedScenario, 'eu.json');
    expect(t.state.loadedResults).toBeUndefined();
    expect(t.state.scenario).toBe(scenario);
    expect(t.told.titles.at(-1)).toBe(`${scenario.name} · chainward explorer`);
    expect(t.session.runs).toHaveLength(1);
    expect(t.told.hidden).toBe(2);
  });

  it('RunController.openFile refuses a file over the size limit before reading it', async () => {
    const t = setup();
    let read = false;
    await t.controller.openFile({ name: 'huge.json', size: 1e12, text: async () => ((read = true), '{}') });
    expect(read).toBe(false);
    expect(t.told.errors).toEqual([{ title: 'huge.json: too large', paths: ['(file)'] }]);
  });

  it('RunController.openFile reads a .yaml or .yml file as YAML; its problems at line:column', async () => {
    const t = setup();
    const yaml = stringify(JSON.parse(scenarioText));
    await t.controller.openFile({ name: 'net.yml', size: yaml.length, text: async () => yaml });
    expect(t.told.errors).toEqual([]);
    expect(t.state.scenario?.name).toBe(scenario.name);
    const bad = yaml.replace(/^horizonDays: 365$/m, 'horizonDays: -1');
    const line = bad.split('\n').indexOf('horizonDays: -1') + 1;
    await t.controller.openFile({ name: 'bad.yaml', size: bad.length, text: async () => bad });
    expect(t.told.errors).toEqual([{ title: 'bad.yaml: 1 problem', paths: [`${line}:14: horizonDays`] }]);
  });

  it('RunController.start runs the server\'s input with the server\'s trials and seed unless the URL names its own, and keeps the URL\'s selection and what-if', async () => {
    const server = (headers: Record<string, string>): InputResponse => ({ ok: true, text: async () => scenarioText, header: (n) => Object.entries(headers).find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1] ?? null });
    const t = setup({ selection: { kind: 'lane', id: 'la-x' }, whatIf: oneEdit });
    await t.controller.start({ search: '', defaultText: '{}', fetchInput: async () => server({ [TRIALS_HEADER]: '3000', [SEED_HEADER]: 'abc', 'x-chainward-source': 'net.json' }) });
    expect(t.told.app[0]).toBe('loading');
    expect([t.state.trials, t.state.seed]).toEqual([3000, 'abc']);
    expect(t.state.selection).toEqual({ kind: 'lane', id: 'la-x' });
    expect(t.state.whatIf).toEqual(oneEdit);
    expect(t.session.last.req).toMatchObject({ trials: 3000, seed: 'abc' });
    // a shared link names its own run
    const linked = setup();
    await linked.controller.start({ search: '?trials=2000&seed=3', defaultText: '{}', fetchInput: async () => server({ [TRIALS_HEADER]: '3000' }) });
    expect([linked.state.trials, linked.state.seed]).toEqual([2000, '3']);
    // no server: the built-in default, the URL's run as read at first
    const alone = setup();
    await alone.controller.start({ search: '', defaultText: scenarioText, fetchInput: async () => Promise.reject(new TypeError('offline')) });
    expect(alone.state.scenario?.name).toBe(scenario.name);
    expect(alone.told.inputs).toEqual([]);
    expect(alone.session.last.req.trials).toBe(20_000);
  });
});
