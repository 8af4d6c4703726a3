// Loading a scenario file for the CLI: read, parse, validate; every problem becomes an InputError.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../model/validate.js';
import type { Scenario } from '../model/schema.js';
import { InputError } from './errors.js';

/** The built-in default scenario: consumer electronics from southern China to EU distribution centres. */
export const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/eu-electronics-inbound.json', import.meta.url));

/** Reads a text file given by the user; a missing or unreadable file is an InputError naming it. */
export function readInputFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(code ?? e)}`);
  }
}

/** Reads and validates a scenario; throws InputError listing every problem with its JSON path. */
export function loadScenarioFile(path: string): Scenario {
  const text = readInputFile(path);
  const result = parseScenario(text);
  if (!result.ok) {
    throw new InputError(
      `${path}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}`,
      result.issues.map((i) => `${path}: ${i.path}: ${i.message}`),
    );
  }
  return result.scenario;
}
