// The risk register as CSV (RFC 4180 quoting), one row per risk, for spreadsheets.
import type { Results } from '../analysis/simulate-scenario.js';

const COLUMNS = [
  'id', 'threat', 'category', 'target', 'targetKind', 'element', 'owner', 'frequency', 'pEvent', 'meanLossPerEvent',
  'eal', 'directEal', 'interruptionEal', 'share', 'tailContribution', 'likelihood', 'impact', 'score', 'level', 'controls',
] as const;

/** Quotes a CSV cell when needed; cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas. */
export function csvCell(v: unknown): string {
  let s = Array.isArray(v) ? v.join(' ') : String(v ?? '');
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The register as CSV text. */
export function csvReport(r: Results): string {
  const lines = [COLUMNS.join(',')];
  for (const risk of r.risks) lines.push(COLUMNS.map((c) => csvCell(risk[c])).join(','));
  return lines.join('\n') + '\n';
}
