// runRanges: while the next range in order is still running, later ranges start ahead of it only so
// far — 4 × inFlight for small summaries, fewer for large ones (about AHEAD_BYTES of them, never
// fewer than inFlight + 1) — so summaries waiting to be merged stay bounded in memory.
import { describe, expect, it } from 'vitest';
import { AHEAD_BYTES, runRanges } from '../../../engine/run/run-ranges.js';
import { trialRanges } from '../../../engine/run/ranges.js';
import type { SimulationPlan } from '../../../engine/plan/plan.js';
import { emptySummary, type BatchSummary } from '../../../engine/summary/batch-summary.js';
import { typedArrayBytes } from '../../../engine/run/plan-bytes.js';

/** How many ranges had started when the first one finished, with the first range held back. */
async function startedAhead(nRisks: number, inFlight: number): Promise<{ started: number; bytes: number }> {
  const plan = { nRisks, nFlows: 3 } as SimulationPlan;
  const ranges = trialRanges(64 * 40, 64);
  let started = 0;
  let atFirst = -1;
  let bytes = 0;
  const runRange = async (_p: SimulationPlan, from: number, count: number, tail: number): Promise<BatchSummary> => {
    started++;
    const s = emptySummary(from, count, nRisks, 3, tail);
    bytes = typedArrayBytes(s);
    if (from === 0) {
      // hold the first range until no further range starts (a busy machine may take long to start them)
      for (let last = -1; started !== last; ) {
        last = started;
        await new Promise((r) => setTimeout(r, 300));
      }
      atFirst = started;
    } else await new Promise((r) => setTimeout(r, 1));
    return s;
  };
  const acc = await runRanges(plan, ranges, 4, { runRange, inFlight });
  expect(acc.count).toBe(64 * 40);
  return { started: atFirst, bytes };
}

describe('runRanges', () => {
  it('runRanges starts at most 4 × inFlight ranges ahead of the merge when summaries are small', async () => {
    const { started } = await startedAhead(10, 3);
    expect(started).toBe(12);
  });

  it('runRanges starts fewer ranges ahead when summaries are large: about AHEAD_BYTES of them, never fewer than inFlight + 1', async () => {
    const nRisks = 400_000; // about 42 MB a summary
    const { started, bytes } = await startedAhead(nRisks, 3);
    expect(bytes).toBeGreaterThan(30 * 1024 * 1024);
    expect(started).toBe(Math.max(4, Math.floor(AHEAD_BYTES / bytes)));
    expect(started).toBeLessThan(12);
  });
});
