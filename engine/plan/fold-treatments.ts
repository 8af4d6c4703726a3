// Folds treatments into a scenario (`chainward apply`, README.md "The risk treatment plan"): each
// treatment's changes applied in order by applyTreatment — the same function that makes the scenario
// a treatment is simulated as — and the treatment taken out of `treatments`. The scenario is handled
// as the JSON it was read as, so its keys keep their order and nothing is added that it did not have;
// checking the result is the caller's (it validates the folded scenario before writing it).
import type { Scenario, Treatment } from '../model/schema.js';
import { applyTreatment } from './apply-treatment.js';

/** What folding did: the new scenario (plain JSON, keys in the input's order) and what became of the other treatments. */
export interface Folded {
  scenario: Scenario;
  /** The treatments folded, in the order they were folded. */
  folded: Treatment[];
  /** Ids of the treatments left whose changes are all in the folded scenario already: they now change nothing. */
  emptied: string[];
}

/**
 * The scenario without its treatments, as JSON: what a treatment can change. Missing lanes and flows
 * read as empty lists (applyTreatment adds them). Key order is the input's in both scenarios compared
 * (applyTreatment copies in order and appends what it adds), so the texts are equal when the data is.
 */
function body(s: Scenario): string {
  const { treatments: _treatments, ...rest } = s;
  return JSON.stringify({ ...rest, lanes: rest.lanes ?? [], flows: rest.flows ?? [] });
}

/**
 * `scenario` (valid, as parsed JSON) with the treatments `ids` folded in, in that order. Each id must
 * name a treatment of the scenario (the caller checks, with the ids' status); throws a RangeError on
 * an unknown or repeated id. Folding treatment t gives, apart from `treatments`, exactly
 * applyTreatment(scenario, t).scenario, so the new baseline is the scenario t was simulated as.
 */
export function foldTreatments(scenario: Scenario, ids: readonly string[]): Folded {
  let s = scenario;
  const folded: Treatment[] = [];
  for (const id of ids) {
    const t = (s.treatments ?? []).find((x) => x.id === id);
    if (t === undefined) throw new RangeError(`foldTreatments: no treatment "${id}" left to fold`);
    const had = { lanes: s.lanes !== undefined, flows: s.flows !== undefined };
    const next = applyTreatment(s, t).scenario;
    // applyTreatment gives a scenario without lanes or flows empty lists to work on: not ours to add
    if (!had.lanes && next.lanes?.length === 0) delete next.lanes;
    if (!had.flows && next.flows?.length === 0) delete next.flows;
    next.treatments = (next.treatments ?? []).filter((x) => x.id !== id);
    folded.push(t);
    s = next;
  }
  const now = body(s);
  const emptied = (s.treatments ?? []).filter((t) => body(applyTreatment(s, t).scenario) === now).map((t) => t.id);
  return { scenario: s, folded, emptied };
}
