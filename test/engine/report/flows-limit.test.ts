// A network with many flows: the table and Markdown reports list the 20 with the most expected loss
// (in scenario order) and say how many more there are; --wide lists them all.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { markdownReport } from '../../../engine/report/markdown.js';
import { tableReport } from '../../../engine/report/table.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

describe('reports with many flows', async () => {
  const base = await simulateScenario(
    scenarioOf(
      envelope('flows', {
        sites: [
          { id: 'a', kind: 'factory' },
          { id: 'b', kind: 'dc' },
        ],
        lanes: [{ id: 'ab', from: 'a', to: 'b', mode: 'road', transitDays: 1 }],
        flows: [{ id: 'f', from: 'a', to: 'b', valuePerYear: 1e6, shipmentsPerYear: 100 }],
        threats: [{ id: 't', category: 'theft', appliesTo: { kind: 'lane' }, frequency: { perYear: 1 }, loss: { fraction: { fixed: 0.5 } } }],
      }),
    ),
    { trials: 256, seed: 1 },
  );
  // 30 flows whose expected loss rises with their number: the listed ones are f10 … f29
  const flows = Array.from({ length: 30 }, (_, i) => ({ ...base.flows[0]!, id: `flow-${String(i).padStart(2, '0')}`, eal: 1000 * (i + 1) }));
  const r = { ...base, flows };

  it('tableReport: 20 flows and "… and 10 more flows"; --wide all 30', () => {
    const text = tableReport(r);
    expect(flows.filter((f) => text.includes(f.id)).map((f) => f.id)).toEqual(flows.slice(10).map((f) => f.id));
    expect(text).toContain('… and 10 more flows (--wide, or the JSON output)');
    const wide = tableReport(r, { wide: true });
    expect(flows.every((f) => wide.includes(f.id))).toBe(true);
  });

  it('markdownReport: the same 20 and the same note', () => {
    const md = markdownReport(r);
    expect(flows.filter((f) => md.includes(f.id)).map((f) => f.id)).toEqual(flows.slice(10).map((f) => f.id));
    expect(md).toContain('… and 10 more flows');
  });
});
