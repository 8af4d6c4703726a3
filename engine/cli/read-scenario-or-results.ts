// What `report` and `export --format geojson` take: a scenario or results, and the scenario given
// with results by --scenario, checked by its hash to be the one they were run on.
import { basename } from 'node:path';
import type { Scenario } from '../model/schema.js';
import { parseInput } from '../results/parse-input.js';
import { scenarioHash } from '../results/scenario-hash.js';
import type { Results } from '../results/schema.js';
import { issueWhere } from '../validate/parse-scenario-text.js';
import { InputError } from '../io/errors.js';
import { readInputFile } from './scenario-file.js';

/** Reads an input file (JSON or YAML) as a scenario or results; every problem an InputError naming the file and where. */
export function readScenarioOrResults(file: string): { kind: 'scenario'; scenario: Scenario } | { kind: 'results'; results: Results } {
  const loaded = parseInput(readInputFile(file, 'results'), file);
  if (loaded.kind === 'invalid') {
    const n = loaded.issues.length;
    throw new InputError(`${file}: ${n} problem${n === 1 ? '' : 's'}`, loaded.issues.map((i) => `${issueWhere(file, i)}: ${i.message}`));
  }
  return loaded;
}

/** The scenario in `scenarioFile`, which must be the one the results in `resultsFile` were run on (by its hash). */
export function scenarioOfResults(resultsFile: string, results: Results, scenarioFile: string): Scenario {
  const other = readScenarioOrResults(scenarioFile);
  if (other.kind !== 'scenario') throw new InputError(`--scenario: ${scenarioFile} holds results, not a scenario`);
  const hash = scenarioHash(other.scenario);
  if (hash !== results.scenarioHash) throw new InputError(`--scenario: ${scenarioFile} is not the scenario ${basename(resultsFile)} was run on (its hash is ${hash}, the results name ${results.scenarioHash})`);
  return other.scenario;
}
