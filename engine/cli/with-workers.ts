// The worker threads of one command: a pool when more than one worker is asked for (else the
// in-process runner), closed whatever happens; a failed trial range becomes an internal error that
// says nothing was written.
import { RangeFailure } from '../run/run-ranges.js';
import { type RunOptions } from '../run/run-options.js';
import { WorkerPool } from '../parallel/pool.js';

/** Test hooks (used by the test suite only): make the range holding a trial throw or end its worker; a number an option takes. */
export function testHook(name: string): number | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : Number(v);
}

/** Runs `work` with the range runner of `workers` threads, then closes the pool. */
export async function withWorkers<T>(workers: number, work: (runner: Pick<RunOptions, 'runRange' | 'inFlight' | 'sharePlan'>) => Promise<T>): Promise<T> {
  const pool = workers > 1 ? new WorkerPool(workers) : undefined;
  if (pool) {
    pool.failAtTrial = testHook('CHAINWARD_TEST_FAIL_AT_TRIAL');
    pool.crashAtTrial = testHook('CHAINWARD_TEST_CRASH_AT_TRIAL');
  }
  try {
    return await work({ runRange: pool?.runRange, inFlight: pool?.inFlight, sharePlan: pool?.share });
  } catch (e) {
    if (e instanceof RangeFailure) throw new Error(`${e.message}; nothing was written`);
    throw e;
  } finally {
    await pool?.close().catch(() => {});
  }
}
