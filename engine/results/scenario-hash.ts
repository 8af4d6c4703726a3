// The scenario hash the results and the partial results of a run carry: "sha256:" and the SHA-256
// of the scenario's canonical JSON, so equal scenarios hash equally whatever their key order. The
// canonical text is hashed piece by piece, never held whole.
import type { Scenario } from '../model/schema.js';
import { canonicalJsonChunks } from './canonical-json.js';
import { Sha256 } from './sha256.js';

/** "sha256:" and 64 hex digits: the SHA-256 of the canonical JSON of `scenario`. */
export function scenarioHash(scenario: Scenario): string {
  const hash = new Sha256();
  for (const piece of canonicalJsonChunks(scenario)) hash.update(piece);
  return `sha256:${hash.hex()}`;
}
