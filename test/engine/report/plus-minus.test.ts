// The reports' "± half-width" comes from the intervals the results carry (ci95, ealCi95), never
// from 1.96 standard errors worked out again.
import { describe, expect, it } from 'vitest';
import { markdownReport } from '../../../engine/report/markdown.js';
import { plusMinus } from '../../../engine/report/sections.js';
import { tableReport } from '../../../engine/report/table.js';
import { shippedResults } from '../../support/report-fixture.js';

describe('plusMinus', () => {
  it('plusMinus writes the value and half the interval’s width', () => {
    expect(plusMinus(10, [4, 16], String)).toBe('10 ± 6');
  });

  it('plusMinus: the table and Markdown reports read the EAL’s and the treatments’ intervals, not the standard error', async () => {
    const r = await shippedResults('eu-electronics-inbound.json');
    const t = r.treatments[0]!;
    // intervals no standard error gives: the reports must show these widths
    const odd = { ...r, baseline: { ...r.baseline, se: 0, ci95: [r.baseline.eal - 1e6, r.baseline.eal + 1e6] as [number, number] }, treatments: [{ ...t, delta: { ...t.delta, ealCi95: [t.delta.eal - 3e6, t.delta.eal + 3e6] as [number, number] } }] };
    const table = tableReport(odd);
    expect(table).toMatch(/Expected annual loss \(EAL\)\s+│?\s*\S+ ± €1(\.00)?M/);
    expect(table).toContain('± €3M');
    expect(markdownReport(odd)).toMatch(/± €1(\.00)?M/);
  });
});
