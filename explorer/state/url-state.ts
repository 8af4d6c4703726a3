// The page state kept in the URL, so a view can be shared or bookmarked: trials, seed, selection and
// the what-if. Read from untrusted text: every field is checked and falls back to its default.
import { parseWhatIf, isEmpty, type WhatIf } from './what-if.js';

export type Selection = { kind: 'site' | 'lane' | 'risk'; id: string };

export interface UrlState {
  trials: number;
  seed: string;
  selection?: Selection;
  whatIf: WhatIf;
}

export const DEFAULT_TRIALS = 10_000;
export const MAX_TRIALS = 1_000_000;

export function readUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const t = Number(q.get('trials'));
  const trials = Number.isInteger(t) && t >= 100 && t <= MAX_TRIALS ? t : DEFAULT_TRIALS;
  const seed = (q.get('seed') ?? '1').slice(0, 64) || '1';
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

/** A seed as the engine takes it: a whole number when it reads as one, else the string. */
export function seedValue(seed: string): number | string {
  return /^\d{1,15}$/.test(seed) ? Number(seed) : seed;
}
