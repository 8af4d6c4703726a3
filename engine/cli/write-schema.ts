// Writes the published JSON Schema of chainward/v1 (generated from the zod schema) for editors.
import { z } from 'zod';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioSchema } from '../model/schema.js';
import { writeAtomic } from '../io/write-atomic.js';
import { PACKAGE_ROOT } from '../io/package-root.js';

/** The JSON Schema document for scenario files. */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return (
    JSON.stringify(
      { ...schema, title: 'chainward/v1 scenario' },
      null,
      2,
    ) + '\n'
  );
}

export const SCHEMA_PATH = join(PACKAGE_ROOT, 'scenarios', 'chainward-v1.schema.json');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeAtomic(SCHEMA_PATH, scenarioJsonSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
