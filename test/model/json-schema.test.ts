// The published JSON Schema (scenarios/chainward-v1.schema.json) is generated from the zod schema;
// these tests keep the committed copy from going stale and the shipped scenarios pointing at it.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, scenarioJsonSchema } from '../../engine/cli/write-schema.js';

const SCENARIOS = dirname(SCHEMA_PATH);
const scenarioFiles = () =>
  readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.json') && f !== basename(SCHEMA_PATH))
    .sort();

describe('scenarios/chainward-v1.schema.json', () => {
  it('lives in scenarios/ under the name the scenarios refer to', () => {
    expect(basename(SCHEMA_PATH)).toBe('chainward-v1.schema.json');
    expect(basename(SCENARIOS)).toBe('scenarios');
  });

  it('equals scenarioJsonSchema() (run `npm run schema` after changing engine/model/schema.ts)', () => {
    const committed = readFileSync(SCHEMA_PATH, 'utf8');
    const generated = scenarioJsonSchema();
    // compare parsed documents first, for a readable diff, then the exact text the script writes
    expect(JSON.parse(committed), 'scenarios/chainward-v1.schema.json is stale: run `npm run schema`').toEqual(JSON.parse(generated));
    expect(committed === generated, 'scenarios/chainward-v1.schema.json differs in formatting: run `npm run schema`').toBe(true);
  });

  it('describes a chainward/v1 scenario', () => {
    const schema = JSON.parse(scenarioJsonSchema()) as {
      $schema?: string;
      title?: string;
      type?: string;
      required?: string[];
      properties?: Record<string, { const?: string }>;
      additionalProperties?: unknown;
    };
    expect(schema.$schema).toMatch(/2020-12/);
    expect(schema.title).toBe('chainward/v1 scenario');
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'name', 'sites', 'threats']));
    expect(schema.properties?.format?.const).toBe('chainward/v1');
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['$schema', 'sites', 'lanes', 'carriers', 'flows', 'threats', 'controls', 'treatments']),
    );
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('shipped scenarios', () => {
  it('there is at least one scenario besides the schema', () => {
    expect(scenarioFiles().length).toBeGreaterThanOrEqual(1);
  });

  it('every scenario refers to the schema with "$schema": "./chainward-v1.schema.json"', () => {
    const wrong: string[] = [];
    for (const f of scenarioFiles()) {
      const doc = JSON.parse(readFileSync(join(SCENARIOS, f), 'utf8')) as { $schema?: unknown };
      if (doc.$schema !== './chainward-v1.schema.json') wrong.push(`${f}: $schema is ${JSON.stringify(doc.$schema)}`);
    }
    expect(wrong, 'add "$schema": "./chainward-v1.schema.json" at the top of these scenarios').toEqual([]);
  });
});
