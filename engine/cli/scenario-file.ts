// Loading a scenario file for the CLI: read, parse, validate; every problem becomes an InputError.
import { join } from 'node:path';
import { issueWhere, isYamlName, parseScenarioText, readYamlData } from '../validate/parse-scenario-text.js';
import type { Scenario } from '../model/schema.js';
import { ScenarioLimitError } from '../model/limits.js';
import { InputError } from '../io/errors.js';
import { MAX_RESULTS_BYTES, MAX_SCENARIO_BYTES } from '../model/file-limits.js';
import { readRegularFile } from '../io/read-regular-file.js';
import { PACKAGE_ROOT } from '../io/package-root.js';

/** The built-in default scenario: consumer electronics from southern China to EU distribution centres. */
export const DEFAULT_SCENARIO = join(PACKAGE_ROOT, 'scenarios', 'eu-electronics-inbound.json');

/**
 * Reads a text file given by the user: a scenario (at most MAX_SCENARIO_BYTES); a partial result
 * (`part`) or what `explore` takes, a scenario or results (`results`), at most MAX_RESULTS_BYTES.
 * Only a regular file is read; a missing or unreadable file, a device, a FIFO or a file above the
 * limit is an InputError naming it (README.md, "Files in and out").
 */
export function readInputFile(path: string, kind: 'scenario' | 'part' | 'results' = 'scenario'): string {
  if (kind === 'scenario') return readRegularFile(path, MAX_SCENARIO_BYTES, 'a scenario file');
  return readRegularFile(path, MAX_RESULTS_BYTES, kind === 'part' ? 'a partial result' : 'a scenario or results file');
}

/**
 * Reads and validates a scenario, JSON or YAML (.yaml, .yml); throws InputError listing every problem
 * with its JSON path, and in a YAML file its line and column.
 */
export function loadScenarioFile(path: string): Scenario {
  const text = readInputFile(path);
  const result = parseScenarioText(text, path);
  if (!result.ok) {
    throw new InputError(
      `${path}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}`,
      result.issues.map((i) => `${issueWhere(path, i)}: ${i.message}`),
    );
  }
  return result.scenario;
}

/**
 * A scenario file's text as JSON, for the commands that edit it in place (`apply`, `calibrate`): a
 * JSON file as it is, a YAML file's data as JSON with 2-space indents (they write JSON back).
 * Call after loadScenarioFile, which has reported its problems.
 */
export function scenarioJsonText(path: string): string {
  const text = readInputFile(path);
  if (!isYamlName(path)) return text;
  const read = readYamlData(text);
  if (!read.ok) throw new InputError(`${path}: not valid YAML`, read.issues.map((i) => `${issueWhere(path, i)}: ${i.message}`));
  return JSON.stringify(read.raw, null, 2) + '\n';
}

/**
 * Runs `compile` (plans of a scenario read from `path`; it may return a promise) so that a limit
 * error names the file like a validation problem.
 */
export function namingFile<T>(path: string, compile: () => T): T {
  const named = (e: unknown): never => {
    if (e instanceof ScenarioLimitError) throw new ScenarioLimitError(`${path}: ${e.message}`, e.details.map((d) => `${path}: ${d}`));
    throw e;
  };
  try {
    const result = compile();
    return (result instanceof Promise ? result.catch(named) : result) as T;
  } catch (e) {
    return named(e);
  }
}
