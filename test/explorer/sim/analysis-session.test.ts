// The explorer's analysis gives the command line's numbers: the same engine units and ranges, run on
// the Web Worker pool (here with in-process stand-ins for the workers that speak the same messages
// through structured clone), merge to the same results. Also: what-ifs, caching and cancel.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { type Results } from '../../../engine/results/schema.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { AnalysisSession, WhatIfError, type AnalysisState } from '../../../explorer/sim/analysis-session.js';
import type { FromWorker, ToWorker } from '../../../explorer/sim/protocol.js';
import { CancelledError, WebWorkerPool, type WorkerLike } from '../../../explorer/sim/web-pool.js';
import { workerHandler } from '../../../explorer/sim/worker-handler.js';

function loadDefault(): Scenario {
  const r = parseScenario(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('default scenario invalid');
  return r.scenario;
}

/** A stand-in Web Worker: the real message handler, messages cloned both ways, replies asynchronous. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  private readonly handle = workerHandler();
  static started = 0;
  constructor() {
    FakeWorker.started++;
  }
  postMessage(message: ToWorker): void {
    const m = structuredClone(message);
    setTimeout(() => {
      if (this.terminated) return;
      const reply = this.handle(m);
      if (reply) this.onmessage?.({ data: structuredClone(reply.message) } as MessageEvent<FromWorker>);
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const withoutRun = (r: Results) => ({ ...r, run: undefined });

describe('AnalysisSession on the Web Worker pool', () => {
  const scenario = loadDefault();

  it('AnalysisSession.run gives the same results as the command line (simulateScenario) for the same seed and trials', async () => {
    const pool = new WebWorkerPool(() => new FakeWorker(), 3);
    const session = new AnalysisSession(pool);
    const updates: AnalysisState[] = [];
    const state = await session.run({ scenario, seed: 1, trials: 5000, whatIf: [] }, (s) => updates.push(s));
    const cli = await simulateScenario(scenario, { trials: 5000, seed: 1 });
    expect(withoutRun(state.baseline)).toEqual(withoutRun(cli));
    expect(state.baseline.baseline.eal).toBe(cli.baseline.eal);
    // the first update is the baseline alone, before any treatment
    expect(updates[0]!.baseline.treatments).toEqual([]);
    expect(updates[0]!.baseline.baseline).toEqual(cli.baseline);
    expect(state.baseline.treatments.map((t) => t.id)).toEqual(scenario.treatments!.map((t) => t.id)); // every treatment done
    expect(state.effects!.length).toBeGreaterThan(0);
  });

  it('AnalysisSession.run: a what-if equals the same changes run as a scenario treatment, and re-runs only the what-if', async () => {
    const pool = new WebWorkerPool(() => new FakeWorker(), 2);
    const session = new AnalysisSession(pool);
    await session.run({ scenario, seed: 7, trials: 3000, whatIf: [] }, () => {});
    const changes = [{ addControls: ['gps-geofence'], to: { kind: 'lane' as const, ids: ['la-rtm-lyo'] } }];
    const progress: number[] = [];
    const state = await session.run({ scenario, seed: 7, trials: 3000, whatIf: changes }, () => {}, (p) => progress.push(p.trialsPlanned));
    expect(progress[0]).toBe(3000); // the baseline, treatments and removals came from the cache
    const asTreatment = await simulateScenario({ ...scenario, treatments: [{ id: 'wi', name: 'wi', changes }] }, { trials: 3000, seed: 7 });
    const t = asTreatment.treatments[0]!;
    expect(state.whatIf!.vsBaseline.delta).toEqual(t.delta);
    expect(state.whatIf!.vsBaseline.annualCost).toBe(t.annualCost);
    expect(state.whatIf!.results.baseline).toEqual(t.summary);
    expect(state.whatIf!.results.baseline.eal).toBeLessThan(state.baseline.baseline.eal);
  });

  it('AnalysisSession.whatIfTreatment rejects changes that do not fit the scenario, naming the JSON path', () => {
    expect(() => AnalysisSession.whatIfTreatment(scenario, [{ addControls: ['no-such-control'], to: { kind: 'site', ids: ['dc-lyon'] } }])).toThrow(WhatIfError);
    try {
      AnalysisSession.whatIfTreatment(scenario, [{ setCarrier: 'no-such-carrier', lanes: ['la-rtm-lyo'] }]);
    } catch (e) {
      expect((e as WhatIfError).issues[0]!.path).toMatch(/treatments/);
    }
  });

  it('AnalysisSession.cancel ends the run with CancelledError; the next run gives the full result', async () => {
    const pool = new WebWorkerPool(() => new FakeWorker(), 2);
    const session = new AnalysisSession(pool);
    const run = session.run({ scenario, seed: 3, trials: 20000, whatIf: [] }, () => {}, (p) => {
      if (p.trialsDone > 0) session.cancel();
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const state = await session.run({ scenario, seed: 3, trials: 4096, whatIf: [] }, () => {});
    const cli = await simulateScenario(scenario, { trials: 4096, seed: 3 });
    expect(state.baseline.baseline).toEqual(cli.baseline);
  });

  it('AnalysisSession: a run started while another is in flight replaces it; cancelling an idle session keeps its workers', async () => {
    const pool = new WebWorkerPool(() => new FakeWorker(), 2);
    const session = new AnalysisSession(pool);
    const first = session.run({ scenario, seed: 9, trials: 30000, whatIf: [] }, () => {});
    await new Promise((r) => setTimeout(r, 50));
    session.cancel();
    const second = session.run({ scenario, seed: 9, trials: 2048, whatIf: [] }, () => {});
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    const state = await second;
    const cli = await simulateScenario(scenario, { trials: 2048, seed: 9 });
    expect(state.baseline.baseline).toEqual(cli.baseline);
    const started = FakeWorker.started;
    session.cancel(); // idle: nothing to stop
    await session.run({ scenario, seed: 9, trials: 2048, whatIf: [{ addControls: ['gps-geofence'], to: { kind: 'lane', ids: ['la-rtm-lyo'] } }] }, () => {});
    expect(FakeWorker.started).toBe(started); // the same workers ran the what-if
  });

  it('AnalysisSession: a full summary cache never evicts what the run still reads; a what-if simulates only itself', async () => {
    const pool = new WebWorkerPool(() => new FakeWorker(), 2);
    const session = new AnalysisSession(pool, 10 * 2048); // room for 10 of the 15 units
    await session.run({ scenario, seed: 4, trials: 2048, whatIf: [] }, () => {});
    for (const control of ['gps-geofence', 'secure-parking', 'gps-geofence', 'team-drivers', 'secure-parking']) {
      let last = { trialsDone: 0, trialsPlanned: 0 };
      const state = await session.run({ scenario, seed: 4, trials: 2048, whatIf: [{ addControls: [control], to: { kind: 'lane', ids: ['la-rtm-lyo'] } }] }, () => {}, (p) => (last = p));
      expect(last.trialsDone).toBeLessThanOrEqual(last.trialsPlanned);
      expect(state.baseline.treatments.length).toBe(scenario.treatments!.length);
      expect(state.effects!.length).toBeGreaterThan(0);
    }
    // the cache holds the last run's units (over its bound only for those): another what-if simulates only itself
    let planned = -1;
    await session.run({ scenario, seed: 4, trials: 2048, whatIf: [{ addControls: ['gps-geofence'], to: { kind: 'lane', ids: ['la-rtm-lyo'] } }] }, () => {}, (p) => (planned = p.trialsPlanned));
    expect(planned).toBe(2048);
  });

  it('WebWorkerPool: a failing range rejects with the worker message; other ranges are unaffected', async () => {
    const pool = new WebWorkerPool(() => new FakeWorker(), 2);
    const bogus = { bogus: true } as never;
    const good = (await import('../../../engine/plan/compile-plan.js')).compilePlan(scenario, 1).plan;
    const [bad, ok] = await Promise.allSettled([pool.runRange(bogus, 0, 10, 5, 0, 0), pool.runRange(good, 0, 10, 5, 0, 0)]);
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason.message)).toMatch(/undefined|nSites|Cannot/);
    expect(ok.status).toBe('fulfilled');
  });
});
