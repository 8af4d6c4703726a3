// Prints scenario warnings (engine/validate/warnings.ts) on standard error for `validate` and `run`:
// one line each, `chainward: warning: FILE: PATH: MESSAGE`, like the problems of an invalid scenario
// but without failing the command (docs/scenario-format.md, "Warnings").
import type { ScenarioWarning } from '../validate/warnings.js';
import { oneLine } from '../report/format.js';

/** Warnings printed before the rest are counted: a generated network can have tens of thousands. */
export const MAX_PRINTED = 20;

/** Writes the warnings (at most MAX_PRINTED, then how many more) on `out`, standard error by default, unless `quiet`. */
export function printWarnings(file: string, warnings: readonly ScenarioWarning[], quiet: boolean, out: { write(s: string): unknown } = process.stderr): void {
  if (quiet) return;
  // ids in the messages come from the scenario file: no control character or line feed reaches the terminal
  for (const w of warnings.slice(0, MAX_PRINTED)) out.write(oneLine(`chainward: warning: ${file}: ${w.path}: ${w.message}`) + '\n');
  const more = warnings.length - MAX_PRINTED;
  if (more > 0) out.write(`chainward: warning: ${oneLine(file)}: … and ${more} more warning${more === 1 ? '' : 's'} (\`run --format json\` lists them all in \`warnings\`)\n`);
}

/** " (2 warnings)" for a summary line, or "" without any. */
export function warningCount(warnings: readonly ScenarioWarning[]): string {
  return warnings.length === 0 ? '' : ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})`;
}
