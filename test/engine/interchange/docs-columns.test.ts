// docs/import-export.md says what the import reads: every column of every file with each other name
// it is known by, and the YAML example is a valid scenario.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../../engine/interchange/csv-tables.js';
import { parseScenarioYaml } from '../../../engine/validate/parse-scenario-text.js';

const doc = readFileSync('docs/import-export.md', 'utf8');

describe('docs/import-export.md', () => {
  it.each(TABLES.map((t) => [t.name, t] as const))('names every column of %s.csv and its other names', (name, table) => {
    const start = doc.indexOf(`### ${name}.csv`);
    const end = doc.indexOf('\n### ', start + 1);
    const section = doc.slice(start, end < 0 ? doc.length : end);
    for (const c of table.columns) {
      const row = section.split('\n').find((l) => l.startsWith(`| \`${c.header}\``));
      expect(row, `${name}.csv: ${c.header}`).toBeDefined();
      for (const a of c.aliases ?? []) expect(row, `${name}.csv: ${c.header}: ${a}`).toContain(`\`${a}\``);
      if (c.values) expect(row).toContain(c.values.join(', '));
    }
  });

  it('the YAML example is a valid scenario', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const r = parseScenarioYaml(yaml);
    expect(r.issues).toEqual([]);
  });
});
