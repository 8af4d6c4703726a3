// The published JSON Schema (scenarios/chainward-v1.schema.json) is generated from the zod schema;
// these tests keep the committed copy from going stale and the shipped scenarios pointing at it.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH, scenarioJsonSchema } from '../../../engine/cli/write-schema.js';

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

/** Every property in the JSON Schema without a non-empty description, as a path of property names. */
function undescribed(node: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((x, i) => undescribed(x, `${path}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    const props = (node as { properties?: unknown }).properties;
    if (props !== null && typeof props === 'object' && !Array.isArray(props)) {
      for (const [key, value] of Object.entries(props)) {
        const d = (value as { description?: unknown }).description;
        if (typeof d !== 'string' || d.trim() === '') out.push(`${path}.${key}`);
      }
    }
    for (const [key, value] of Object.entries(node)) undescribed(value, key === 'properties' ? path : `${path}/${key}`, out);
  }
  return out;
}

describe('field descriptions', () => {
  const schema = JSON.parse(scenarioJsonSchema()) as unknown;

  it('every property of every object has a description (add .describe() in engine/model/schema.ts)', () => {
    expect(undescribed(schema, '$', [])).toEqual([]);
  });

  it('the walk finds properties at every depth, and a missing description', () => {
    const all: string[] = [];
    const collect = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(collect);
      else if (n !== null && typeof n === 'object') {
        const props = (n as { properties?: Record<string, unknown> }).properties;
        if (props && typeof props === 'object') all.push(...Object.keys(props));
        Object.values(n).forEach(collect);
      }
    };
    collect(schema);
    // top level, sites, lane carrier, flows, threats' frequency and loss, dists, lognormal, effects, costs, changes, criteria
    for (const key of ['threats', 'value', 'carrier', 'interruptionCostPerDay', 'perShipment', 'fraction', 'pert', 'p90', 'severityFactor', 'lifetimeYears', 'addControls', 'carryingCostRate', 'critical']) {
      expect(all, key).toContain(key);
    }
    // the same schema with every description taken out: the walk must find every property
    const strip = (n: unknown): unknown => {
      if (Array.isArray(n)) return n.map(strip);
      if (n === null || typeof n !== 'object') return n;
      const kept = Object.entries(n).filter(([k, v]) => !(k === 'description' && typeof v === 'string'));
      return Object.fromEntries(kept.map(([k, v]) => [k, strip(v)]));
    };
    expect(undescribed(strip(schema), '$', []).length).toBe(all.length);
  });

  it('descriptions give units and defaults', () => {
    const props = (schema as { properties: Record<string, { items?: { properties: Record<string, { description: string }> }; description: string }> }).properties;
    const flow = props.flows!.items!.properties;
    expect(flow.interruptionCostPerDay!.description).toContain('default valuePerYear / 365');
    expect(flow.bufferDays!.description).toMatch(/days.*default 0/);
    expect(props.horizonDays!.description).toContain('default 365');
    expect(props.currency!.description).toContain('default "USD"');
    expect(props.lanes!.items!.properties.transitDays!.description).toContain('days');
    expect(props.sites!.items!.properties.value!.description).toContain("scenario's currency");
  });
});

describe('cascades and common cause in the JSON Schema', () => {
  type Prop = { type?: string; enum?: string[]; minimum?: number; exclusiveMinimum?: number; required?: string[]; additionalProperties?: unknown; items?: Prop; properties?: Record<string, Prop> };
  const threat = (JSON.parse(scenarioJsonSchema()) as { properties: { threats: { items: Prop } } }).properties.threats.items;

  it('a threat has triggers: strict objects of threat, factor ≥ 1, days > 0 and one of the four scopes', () => {
    const trigger = threat.properties!.triggers!.items!;
    expect(trigger.required).toEqual(['threat', 'factor', 'days', 'scope']);
    expect(trigger.additionalProperties).toBe(false);
    expect(trigger.properties!.factor!.minimum).toBe(1);
    expect(trigger.properties!.days!.exclusiveMinimum).toBe(0);
    expect(trigger.properties!.scope!.enum).toEqual(['same-target', 'lanes-from', 'lanes-to', 'region']);
  });

  it('a threat has an optional boolean jointly', () => {
    expect(threat.properties!.jointly!.type).toBe('boolean');
    expect(threat.required).not.toContain('jointly');
    expect(threat.required).not.toContain('triggers');
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
