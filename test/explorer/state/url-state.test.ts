// The run the page starts with: the URL's trials and seed when it names them, else the ones
// `chainward explore` sent with its input, else `chainward run`'s defaults — so the page and the
// terminal show the same run. Every value is checked; a bad one falls back.
import { describe, expect, it } from 'vitest';
import { EXPLORE_MAX_SEED_LENGTH, EXPLORE_MAX_TRIALS, EXPLORE_MIN_TRIALS } from '../../../engine/cli/explore-command.js';
import { DEFAULT_TRIALS as RUN_DEFAULT_TRIALS } from '../../../engine/cli/run-command.js';
import { RUN_HEADERS } from '../../../engine/serve/explore-server.js';
import {
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  MAX_SEED_LENGTH,
  MAX_TRIALS,
  MIN_TRIALS,
  readUrlState,
  SEED_HEADER,
  serverRunDefaults,
  TRIALS_HEADER,
  writeUrlState,
} from '../../../explorer/state/url-state.js';

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe('url-state', () => {
  it('readUrlState defaults to the run of `chainward run`: 20 000 trials, seed 1', () => {
    expect(DEFAULT_TRIALS).toBe(RUN_DEFAULT_TRIALS);
    expect(DEFAULT_SEED).toBe('1');
    expect(readUrlState('')).toMatchObject({ trials: 20_000, seed: '1' });
  });

  it('readUrlState takes trials and seed from the URL first, else from the defaults given', () => {
    const server = { trials: 6000, seed: '42' };
    expect(readUrlState('', server)).toMatchObject({ trials: 6000, seed: '42' });
    expect(readUrlState('?trials=5000', server)).toMatchObject({ trials: 5000, seed: '42' });
    expect(readUrlState('?seed=q3-review', server)).toMatchObject({ trials: 6000, seed: 'q3-review' });
    for (const bad of ['?trials=50', '?trials=2000000', '?trials=1234.5', '?trials=abc', '?trials=', '?seed=']) expect(readUrlState(bad, server)).toMatchObject(server);
    const state = readUrlState('?trials=5000&seed=7&sel=risk:a@b', server);
    expect(readUrlState(writeUrlState(state), server)).toEqual(state);
  });

  it('serverRunDefaults reads the explore server headers, percent-decoding the seed, and ignores bad ones', () => {
    expect(TRIALS_HEADER).toBe(RUN_HEADERS.trials);
    expect(SEED_HEADER).toBe(RUN_HEADERS.seed);
    expect(serverRunDefaults(headers({ [TRIALS_HEADER]: '6000', [SEED_HEADER]: encodeURIComponent('Q3 review é') }))).toEqual({ trials: 6000, seed: 'Q3 review é' });
    expect(serverRunDefaults(headers({}))).toEqual({ trials: DEFAULT_TRIALS, seed: DEFAULT_SEED });
    expect(serverRunDefaults(headers({ [TRIALS_HEADER]: '10', [SEED_HEADER]: '%E0%A4%A' }))).toEqual({ trials: DEFAULT_TRIALS, seed: DEFAULT_SEED });
    expect(serverRunDefaults(headers({ [SEED_HEADER]: 'x'.repeat(MAX_SEED_LENGTH + 1) })).seed).toBe(DEFAULT_SEED);
  });

  it('the page accepts exactly the trials and seeds `chainward explore` does', () => {
    expect([MIN_TRIALS, MAX_TRIALS, MAX_SEED_LENGTH]).toEqual([EXPLORE_MIN_TRIALS, EXPLORE_MAX_TRIALS, EXPLORE_MAX_SEED_LENGTH]);
  });
});
