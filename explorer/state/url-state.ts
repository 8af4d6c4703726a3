// The page state kept in the URL, so a view can be shared or bookmarked: trials, seed, selection and
// the what-if. Read from untrusted text: every field is checked and falls back to its default — the
// trials and seed `chainward explore` was started with (sent with its input), else DEFAULT_TRIALS and
// seed 1, the defaults of `chainward run`, so the page and the terminal show the same run.
import { parseWhatIf, isEmpty, type WhatIf } from './what-if.js';

export type Selection = { kind: 'site' | 'lane' | 'risk'; id: string };

export interface UrlState {
  trials: number;
  seed: string;
  selection?: Selection;
  whatIf: WhatIf;
}

/** The default run of `chainward run`: 20 000 trials, seed 1. */
export const DEFAULT_TRIALS = 20_000;
export const DEFAULT_SEED = '1';
/** The trials the page runs: at least MIN_TRIALS, at most MAX_TRIALS (a browser's memory and patience). */
export const MIN_TRIALS = 100;
export const MAX_TRIALS = 1_000_000;
/** The longest seed the page keeps. */
export const MAX_SEED_LENGTH = 64;

/** Trials and seed of a run. */
export interface RunDefaults {
  trials: number;
  seed: string;
}

const validTrials = (t: number): boolean => Number.isInteger(t) && t >= MIN_TRIALS && t <= MAX_TRIALS;

/** The URL's state; trials and seed it does not name (or names badly) come from `defaults`. */
export function readUrlState(search: string, defaults: RunDefaults = { trials: DEFAULT_TRIALS, seed: DEFAULT_SEED }): UrlState {
  const q = new URLSearchParams(search);
  const t = Number(q.get('trials') ?? NaN);
  const trials = validTrials(t) ? t : defaults.trials;
  const seed = (q.get('seed') ?? '').slice(0, MAX_SEED_LENGTH) || defaults.seed;
  const sel = q.get('sel');
  let selection: Selection | undefined;
  const m = sel ? /^(site|lane|risk):(.+)$/s.exec(sel) : null;
  if (m) selection = { kind: m[1] as Selection['kind'], id: m[2]! };
  return { trials, seed, ...(selection ? { selection } : {}), whatIf: parseWhatIf(q.get('w')) };
}

export function writeUrlState(s: UrlState): string {
  const q = new URLSearchParams();
  q.set('trials', String(s.trials));
  q.set('seed', s.seed);
  if (s.selection) q.set('sel', `${s.selection.kind}:${s.selection.id}`);
  if (!isEmpty(s.whatIf)) q.set('w', JSON.stringify(s.whatIf));
  return `?${q.toString()}`;
}

/** The explore server's header that carries the trials of `chainward explore --trials`. */
export const TRIALS_HEADER = 'X-Chainward-Trials';
/** The explore server's header that carries the seed of `chainward explore --seed`, percent-encoded (UTF-8). */
export const SEED_HEADER = 'X-Chainward-Seed';

/**
 * The run the server asks for with its input (TRIALS_HEADER, SEED_HEADER), each checked as the URL's
 * are; a header that is absent or invalid leaves the page's own default.
 */
export function serverRunDefaults(header: (name: string) => string | null): RunDefaults {
  const t = Number(header(TRIALS_HEADER) ?? NaN);
  let seed = DEFAULT_SEED;
  const raw = header(SEED_HEADER);
  if (raw !== null) {
    try {
      const s = decodeURIComponent(raw);
      if (s.length > 0 && s.length <= MAX_SEED_LENGTH) seed = s;
    } catch {
      // not percent-encoded: the default seed
    }
  }
  return { trials: validTrials(t) ? t : DEFAULT_TRIALS, seed };
}

/** A seed as the engine takes it: a whole number when it reads as one, else the string. */
export function seedValue(seed: string): number | string {
  return /^\d{1,15}$/.test(seed) ? Number(seed) : seed;
}
