// Prints scenario warnings (engine/model/warnings.ts) on standard error for `validate` and `run`:
// one line each, `chainward: warning: FILE: PATH: MESSAGE`, like the problems of an invalid scenario
// but without failing the command (README.md, "The scenario format").
import type { ScenarioWarning } from '../model/warnings.js';

/** Writes each warning on `out` (standard error) unless `quiet`. */
export function printWarnings(file: string, warnings: readonly ScenarioWarning[], quiet: boolean, out: { write(s: string): unknown } = process.stderr): void {
  if (quiet) return;
  for (const w of warnings) out.write(`chainward: warning: ${file}: ${w.path}: ${w.message}\n`);
}

/** " (2 warnings)" for a summary line, or "" without any. */
export function warningCount(warnings: readonly ScenarioWarning[]): string {
  return warnings.length === 0 ? '' : ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})`;
}
