// The documents in docs/ say what the code does: each names the code that is its source of truth,
// its links lead to files and headings that exist, the complete scenario example runs as the page
// describes it, and every field of the scenario schema, of the results and of a partial result is
// named in its document — so a field added to the code without a word in docs/ fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { encodeSummary } from '../../engine/io/partial-result.js';
import { resultsSchema } from '../../engine/results/schema.js';
import { emptySummary } from '../../engine/summary/batch-summary.js';
import { validateScenario } from '../../engine/validate/validate.js';
import { scenarioWarnings } from '../../engine/validate/warnings.js';
import { REPO } from '../support/run-cli.js';

const DOCS = join(REPO, 'docs');
const read = (name: string) => readFileSync(join(DOCS, name), 'utf8');

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  return new Set(markdown.split('\n').flatMap((l) => (/^#{1,6} /.test(l) ? [slug(l.replace(/^#+ /, '').trim())] : [])));
}

/** The first ```json block after the heading that starts with `heading`. */
function jsonBlockAfter(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const at = lines.findIndex((l) => l.startsWith(heading));
  if (at < 0) throw new Error(`no heading "${heading}"`);
  const open = lines.findIndex((l, i) => i > at && l.trim() === '```json');
  const close = lines.findIndex((l, i) => i > open && l.trim() === '```');
  return lines.slice(open + 1, close).join('\n');
}

/** Every object key in a JSON value, at any depth. */
function keysOf(v: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysOf(x, into);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      into.add(k);
      keysOf(x, into);
    }
  }
  return into;
}

/** Every property name a JSON Schema declares, at any depth. */
function schemaProperties(v: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) schemaProperties(x, into);
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'properties' && x !== null && typeof x === 'object') for (const p of Object.keys(x)) into.add(p);
      schemaProperties(x, into);
    }
  }
  return into;
}

/** The names in `names` that `text` never mentions as a word. */
function unnamed(names: Iterable<string>, text: string): string[] {
  return [...names].filter((n) => !new RegExp(`(^|[^\\w$])${n.replace(/[$]/g, '\\$')}(?![\\w$])`).test(text)).sort();
}

const docs = readdirSync(DOCS).filter((f) => f.endsWith('.md'));

describe('docs/', () => {
  it('holds its documents, each naming its source of truth at the top', () => {
    expect(docs.sort()).toEqual(['calibration.md', 'geojson.md', 'import-export.md', 'results-format.md', 'review-pack.md', 'scale-out.md', 'scenario-format.md', 'simulation.md', 'stress-test.md']);
    for (const d of docs) expect(read(d).split('\n').slice(0, 30).join('\n'), d).toContain('**Source of truth.**');
  });

  it('links lead to files that exist and to headings that exist', () => {
    const broken: string[] = [];
    for (const d of docs) {
      for (const m of read(d).matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = m[1]!;
        if (/^[a-z]+:/.test(link)) continue;
        const [path, anchor] = link.split('#') as [string, string | undefined];
        const target = path === '' ? join(DOCS, d) : resolve(DOCS, path);
        if (!existsSync(target)) broken.push(`${d}: ${link}: no such file`);
        else if (anchor !== undefined && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) broken.push(`${d}: ${link}: no such heading`);
        else if (!target.startsWith(dirname(DOCS))) broken.push(`${d}: ${link}: outside the repository`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('docs/scenario-format.md', () => {
  const text = read('scenario-format.md');
  const raw = JSON.parse(jsonBlockAfter(text, '## A complete example')) as unknown;

  it('names every property of the published JSON Schema', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'scenarios/chainward-v1.schema.json'), 'utf8')) as unknown;
    expect(unnamed(schemaProperties(schema), text)).toEqual([]);
  });

  it('the complete example validates without warnings and runs as the page describes it', async () => {
    const r = validateScenario(raw);
    expect(r.issues).toEqual([]);
    if (!r.ok) return;
    expect(scenarioWarnings(r.scenario)).toEqual([]);
    const results = await simulateScenario(r.scenario, { trials: 2048, seed: 1 });
    const rate = new Map(results.risks.map((k) => [k.id, k.frequency]));
    expect(rate.size).toBe(7);
    expect(rate.get('truck-theft@road-rtm-vnl')).toBeCloseTo(0.002 * 400 * 1.3, 12);
    expect(rate.get('truck-theft@road-ant-vnl')).toBe(0);
    expect(rate.get('port-strike@port-ant')).toBeCloseTo(0.3 * 1.5, 12);
    expect(rate.get('yard-intrusion@port-rtm')).toBeCloseTo(0.8 * (1 - 0.9 * (1 - 0.8)), 12);
    expect(results.flows[0]!.reroutedDaysMean).toBeGreaterThan(0);
    // 150 more a shipment over 400 shipments, the contingency on two ports, 7 more days of stock at 15 %
    expect(results.treatments[0]!.annualCost).toBeCloseTo(150 * 400 + 2 * 15000 + (7 * 120e6 * 0.15) / 365, 6);
  });

  it('names every field of the results (in docs/results-format.md)', async () => {
    const r = validateScenario(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const results = await simulateScenario(r.scenario, { trials: 2048, seed: 1, targetSe: 0.5 });
    expect(unnamed(keysOf(results), read('results-format.md'))).toEqual([]);
  });
});

describe('docs/results-format.md', () => {
  it('names every field of the results schema', () => {
    const schema = z.toJSONSchema(resultsSchema, { io: 'input', unrepresentable: 'any' });
    expect(unnamed(schemaProperties(schema), read('results-format.md'))).toEqual([]);
  });

  it('names every field of a partial result', () => {
    const encoded = encodeSummary(emptySummary(0, 1, 1, 1, 1));
    const top = ['format', 'engineVersion', 'scenarioHash', 'seed', 'trials', 'rangeTrials', 'treatments', 'shard', 'index', 'count', 'run', 'workers', 'wallMs', 'units', 'scenario', 'checksum'];
    expect(unnamed([...top, ...keysOf(encoded)], read('results-format.md'))).toEqual([]);
  });
});
