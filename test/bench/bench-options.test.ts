// `chainward bench`'s options as the bench receives them: --trials in whole event blocks (a range
// ending inside a block pays for the whole block), the defaults, and the sizes list.
import { describe, expect, it } from 'vitest';
import { benchOptions } from '../../engine/cli/bench-command.js';
import { DEFAULT_ROUNDS, DEFAULT_TRIALS, REFERENCE_RANGE_TRIALS } from '../../bench/run-bench.js';
import { BLOCK } from '../../engine/simulate/run-batch.js';

describe('benchOptions', () => {
  it('benchOptions: the defaults are whole blocks, in whole-block ranges', () => {
    const o = benchOptions({});
    expect(o.trials).toBe(DEFAULT_TRIALS);
    expect(o.rounds).toBe(DEFAULT_ROUNDS);
    expect(o.sizes).toEqual([1000, 10_000, 100_000]);
    expect([DEFAULT_TRIALS % BLOCK, REFERENCE_RANGE_TRIALS % BLOCK]).toEqual([0, 0]);
  });

  it('benchOptions: --trials must be a multiple of BLOCK, and the message names the next one', () => {
    expect(benchOptions({ trials: String(3 * BLOCK) }).trials).toBe(3 * BLOCK);
    expect(() => benchOptions({ trials: String(3 * BLOCK + 1) })).toThrow(`--trials: expected a multiple of ${BLOCK} (the kernel's event block), got ${3 * BLOCK + 1}; ${4 * BLOCK} is the next one`);
    expect(() => benchOptions({ trials: String(BLOCK - 1) })).toThrow(`--trials: expected a whole number from ${BLOCK}`);
  });

  it('benchOptions: --sizes none skips the networks; a bad size is named', () => {
    expect(benchOptions({ sizes: 'none' }).sizes).toEqual([]);
    expect(() => benchOptions({ sizes: '1000,4' })).toThrow('--sizes: expected site counts from 5 to 100000 separated by commas, got "4"');
  });
});
