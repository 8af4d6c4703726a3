// `chainward controls`: the catalog as a table or JSON, filtered by ISO 28000 element; bad options exit 2.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../engine/catalog/controls.js';
import { runMany, stackProblem } from '../../support/run-cli.js';

describe('chainward controls', () => {
  it('controls lists the whole catalog (json), filters by --element (table), and rejects an unknown element with exit 2', async () => {
    const [json, table, bad] = await runMany([['controls', '--format', 'json'], ['controls', '--element', 'supplier'], ['controls', '--element', 'facilties']]);
    expect(json!.status, json!.stderr).toBe(0);
    const list = JSON.parse(json!.stdout) as Array<{ id: string; source: string }>;
    expect(list.map((c) => c.id)).toEqual(CATALOG.map((c) => c.id));
    expect(list.length).toBeGreaterThanOrEqual(24);

    expect(table!.status, table!.stderr).toBe(0);
    const suppliers = CATALOG.filter((c) => c.element === 'supplier');
    expect(table!.stdout).toMatch(new RegExp(`${suppliers.length} controls \\(element supplier\\)`));
    for (const c of suppliers) expect(table!.stdout).toContain(c.id);
    expect(table!.stdout).not.toContain('perimeter-fence');
    expect(table!.stdout).toMatch(/planning defaults, not measured truths/);

    expect(bad!.status).toBe(2);
    expect(bad!.stderr).toMatch(/--element: expected one of policy, risk, supplier, facility/);
    expect(stackProblem(bad!.stderr)).toBeUndefined();
  });
});
