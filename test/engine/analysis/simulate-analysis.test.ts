// simulateAnalysis holds one plan at a time (treatments checked up front, parked in files or compiled
// again, the baseline parked while the treatments run); its results equal, to the bit, analyseUnits() over
// prepareUnits and simulateUnits — the path that holds every plan and summary at once — in-process,
// with plans parked in files, compiled again, and on a worker pool with shared plans.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseUnits, assembleResults } from '../../../engine/analysis/analyse.js';
import { prepareAnalysis, simulateAnalysis } from '../../../engine/analysis/simulate-analysis.js';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { sensitivity } from '../../../engine/analysis/sensitivity.js';
import { loadScenarioFile } from '../../../engine/cli/scenario-file.js';
import { PlanSpill } from '../../../engine/io/plan-spill.js';
import { WorkerPool } from '../../../engine/parallel/pool.js';
import type { Results } from '../../../engine/results/schema.js';
import { trialRanges } from '../../../engine/run/ranges.js';
import { runInfo, type PlanStore, type RunOptions } from '../../../engine/run/run-options.js';
import { simulateUnits } from '../../../engine/run/simulate-units.js';
import { prepareUnits } from '../../../engine/run/units.js';
import { tailSizeFor } from '../../../engine/summary/batch-summary.js';
import { REPO } from '../../support/run-cli.js';

const scenario = loadScenarioFile(join(REPO, 'scenarios/eu-electronics-inbound.json'));
const opts = { trials: 5000, seed: 4, treatments: 'all' } as const satisfies RunOptions;
const root = mkdtempSync(join(tmpdir(), 'chainward-simulate-analysis-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const withoutRun = (r: Results) => JSON.stringify({ ...r, run: undefined });

/** The results through the path that holds every plan and summary at once. */
async function holdingAll(): Promise<string> {
  const units = prepareUnits(scenario, opts);
  const { accs, trials } = await simulateUnits(units, trialRanges(opts.trials), tailSizeFor(opts.trials), opts);
  return withoutRun(analyseUnits(scenario, units, accs.map((a) => a.result(tailSizeFor(trials))), opts.seed, runInfo(1, 1, 1)));
}

async function oneAtATime(o: RunOptions): Promise<string> {
  const sim = await simulateAnalysis(scenario, o);
  return withoutRun(assembleResults(sim.base, sim.baseCompiled(), sim.baseMerged, sim.treatments, o.seed, runInfo(1, 1, 1)));
}

/** A store that takes nothing: every plan above keepBytes is compiled again. */
const refusing: PlanStore = { keep: () => undefined, keepBytes: 0 };

describe('simulateAnalysis', () => {
  let reference: string;

  it('simulateAnalysis equals analyseUnits over prepareUnits and simulateUnits, in-process (and simulateScenario uses it)', async () => {
    reference = await holdingAll();
    expect(JSON.parse(reference).treatments.length).toBeGreaterThan(1);
    expect(await oneAtATime(opts)).toBe(reference);
    expect(withoutRun(await simulateScenario(scenario, opts))).toBe(reference);
  });

  it('simulateAnalysis gives the same bytes with every plan parked in files, and with every plan compiled again; no file is left', async () => {
    const parent = mkdtempSync(join(root, 'spill-'));
    const spill = new PlanSpill({ shared: false, keepBytes: 0, parent });
    let kept = 0;
    const counting: PlanStore = { keepBytes: 0, keep: (p) => (kept++, spill.keep(p)) };
    expect(await oneAtATime({ ...opts, planStore: counting })).toBe(reference);
    expect(kept).toBe(2 + JSON.parse(reference).treatments.length); // each treatment once, the baseline twice (while the treatments are checked, then run)
    expect(readdirSync(parent)).toEqual([]);
    expect(await oneAtATime({ ...opts, planStore: refusing })).toBe(reference);
  });

  it('simulateAnalysis on a worker pool with shared plans parked in files gives the same bytes', async () => {
    const pool = new WorkerPool(2);
    try {
      const spill = new PlanSpill({ shared: true, keepBytes: 0, parent: mkdtempSync(join(root, 'pool-')) });
      expect(await oneAtATime({ ...opts, runRange: pool.runRange, inFlight: pool.inFlight, sharePlan: pool.share, planStore: spill, workers: 2 })).toBe(reference);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('prepareAnalysis checks every treatment before any simulation: a treatment over the limits fails it', () => {
    const loud = structuredClone(scenario);
    loud.treatments = [...(loud.treatments ?? []), { id: 'flood', name: 'flood', changes: [{ addLanes: [{ id: 'flood-lane', from: loud.sites[0]!.id, to: loud.sites[1]!.id, mode: 'road', transitDays: 1 }] }] }];
    loud.threats = [...loud.threats, { id: 'storm', category: 'disruption', appliesTo: { kind: 'lane', ids: ['flood-lane'] }, frequency: { perYear: 1e12 }, downtimeDays: { fixed: 1 } }];
    expect(() => prepareAnalysis(loud, { seed: 1, treatments: 'all', planStore: refusing })).toThrow(/treatments\[\d+\] "flood"/);
  });

  it('sensitivity gives the same rows with every variant parked in files as kept in memory', async () => {
    const base = { trials: 2048, seed: 2, delta: 0.2 };
    const inMemory = await sensitivity(scenario, base);
    const parked = await sensitivity(scenario, { ...base, planStore: new PlanSpill({ shared: false, keepBytes: 0, parent: mkdtempSync(join(root, 'sens-')) }) });
    const recompiled = await sensitivity(scenario, { ...base, planStore: refusing });
    expect(parked).toEqual(inMemory);
    expect(recompiled).toEqual(inMemory);
    expect(inMemory.rows.some((r) => r.kind === 'control-factors')).toBe(true);
  });
});
