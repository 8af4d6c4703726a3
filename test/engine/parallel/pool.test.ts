// WorkerPool: results are the same bytes for any number of worker threads, and a worker that
// throws fails the run with its message instead of hanging.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { type Results } from '../../../engine/results/schema.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { WorkerPool } from '../../../engine/parallel/pool.js';

const v = validateScenario(JSON.parse(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8')));
if (!v.ok) throw new Error('the default scenario must validate');
const scenario = v.scenario;
const withoutRun = (r: Results) => JSON.stringify({ ...r, run: undefined });

describe('WorkerPool.runRange', () => {
  let pool: WorkerPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('gives byte-identical results with 1, 2 and 3 workers and in-process', async () => {
    const opts = { trials: 6000, seed: 7, treatments: ['tr-port-contingency'] };
    const reference = withoutRun(await simulateScenario(scenario, opts));
    for (const n of [1, 2, 3]) {
      pool = new WorkerPool(n);
      const r = await simulateScenario(scenario, { ...opts, runRange: pool.runRange, inFlight: pool.inFlight });
      expect(withoutRun(r)).toBe(reference);
      await pool.close();
      pool = undefined;
    }
  });

  it('rejects with the worker error when one range throws', async () => {
    pool = new WorkerPool(2);
    pool.failAtTrial = 3000;
    await expect(simulateScenario(scenario, { trials: 6000, seed: 1, runRange: pool.runRange })).rejects.toThrow(/range starting at trial 2048 failed/);
  });
});
