// Results to render in the report tests: the shipped scenarios simulated in-process (with their
// treatments and, on request, the sensitivity tornado), cached per scenario, and helpers that read
// the reports back: section titles, CSV rows, line widths in characters.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sensitivity } from '../../engine/analysis/sensitivity.js';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { type Results } from '../../engine/results/schema.js';
import { validateScenario } from '../../engine/validate/validate.js';
import { REPO } from './run-cli.js';

export const SCENARIO_FILES = readdirSync(join(REPO, 'scenarios'))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .sort();

const cache = new Map<string, Promise<Results>>();

/** The results of a shipped scenario (`trials` trials, seed 1, every treatment, with the tornado). */
export function shippedResults(file: string, trials = 1024): Promise<Results> {
  const key = `${file}:${trials}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const v = validateScenario(JSON.parse(readFileSync(join(REPO, 'scenarios', file), 'utf8')));
      if (!v.ok) throw new Error(`${file}: ${JSON.stringify(v.issues)}`);
      const r = await simulateScenario(v.scenario, { trials, seed: 1 });
      const s = await sensitivity(v.scenario, { trials, seed: 1 });
      const { run, ...rest } = r;
      return { ...rest, sensitivity: s.rows, run };
    })();
    cache.set(key, p);
  }
  return p;
}

/** Results with every section filled: the default scenario, a warning and a target-SE run record. */
export async function fullResults(): Promise<Results> {
  const r = await shippedResults('eu-electronics-inbound.json');
  return {
    ...r,
    warnings: [...r.warnings, { path: 'threats[3].appliesTo', message: 'selects no site or lane: the threat never happens' }],
    run: { ...r.run, targetSe: 0.01, achievedRelativeSe: 0.0098, stoppedBy: 'target' },
  };
}

/** Width of a line in characters (code points), as a terminal counts them. */
export function chars(line: string): number {
  return [...line].length;
}

/** Splits RFC 4180 CSV text into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** The CSV blocks: each a title, a header and rows (blocks are separated by an empty line). */
export function csvBlocks(text: string): Array<{ title: string; header: string[]; rows: string[][] }> {
  const blocks: Array<{ title: string; header: string[]; rows: string[][] }> = [];
  let current: string[][] = [];
  const flush = () => {
    if (current.length === 0) return;
    const [title, header, ...rows] = current;
    blocks.push({ title: title!.join(','), header: header ?? [], rows });
    current = [];
  };
  for (const row of parseCsv(text)) {
    if (row.length === 1 && row[0] === '') flush();
    else current.push(row);
  }
  flush();
  return blocks;
}
