// The scenario hash the results and the partial results of a run carry: "sha256:" and the SHA-256
// of the scenario's canonical JSON, so equal scenarios hash equally whatever their key order.
import type { Scenario } from '../model/schema.js';
import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './sha256.js';

/** "sha256:" and 64 hex digits: the SHA-256 of the canonical JSON of `scenario`. */
export function scenarioHash(scenario: Scenario): string {
  return `sha256:${sha256Hex(canonicalJson(scenario))}`;
}
