// What the page holds: the scenario (or results opened alone), the run's trials and seed, the
// selection, the what-if and the analysis shown; and what the views are drawn from (shownOf) and
// what the URL keeps (urlOf). Plain data: the run controller changes it, the render loop reads it.
import type { Results } from '../../engine/results/schema.js';
import type { Scenario } from '../../engine/model/schema.js';
import type { Shown } from '../model/build-view-data.js';
import type { AnalysisState } from '../sim/analysis-session.js';
import { writeUrlState, type Selection, type UrlState } from '../state/url-state.js';
import type { WhatIf } from '../state/what-if.js';

export interface PageState {
  scenario?: Scenario;
  /** Results opened without their scenario: shown as they are, no what-ifs. */
  loadedResults?: Results;
  trials: number;
  seed: string;
  selection?: Selection;
  whatIf: WhatIf;
  analysis?: AnalysisState;
  /** The last run that finished: shown again when a run is cancelled or fails. */
  complete?: AnalysisState;
  /** The run in progress: share done in [0, 1]. */
  progress?: number;
}

/** The state a page starts in: the URL's trials, seed, selection and what-if, nothing loaded. */
export function initialState(url: UrlState): PageState {
  return { trials: url.trials, seed: url.seed, whatIf: url.whatIf, ...(url.selection ? { selection: url.selection } : {}) };
}

/** What the views draw: the analysis (as far as it has run), else results opened alone, else nothing. */
export function shownOf(state: PageState): Shown | undefined {
  const a = state.analysis;
  if (a) {
    return {
      ...(state.scenario ? { scenario: state.scenario } : {}),
      baseline: a.baseline,
      ...(a.whatIf ? { whatIf: { results: a.whatIf.results, vsBaseline: a.whatIf.vsBaseline, scenario: a.whatIf.scenario } } : {}),
      elements: a.elements,
      treatmentCurves: a.treatmentCurves,
      ...(a.effects ? { effects: a.effects } : {}),
      ...(state.progress !== undefined ? { progress: state.progress } : {}),
    };
  }
  if (state.loadedResults) {
    const r = state.loadedResults;
    const els = new Map<string, string[]>();
    for (const c of r.controls) els.set(c.element, [...(els.get(c.element) ?? []), c.id]);
    return { baseline: r, elements: [...els].map(([element, controls]) => ({ element: element as never, controls })), unmeasured: true };
  }
  return undefined;
}

/** The URL's query for the state (trials, seed, selection, what-if). */
export function urlOf(state: PageState): string {
  return writeUrlState({ trials: state.trials, seed: state.seed, ...(state.selection ? { selection: state.selection } : {}), whatIf: state.whatIf });
}
