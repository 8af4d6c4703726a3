// A negative ROSI is written with a true minus, like the money beside it ("−72 %" next to "−€211K"),
// in the table and Markdown reports and the review pack; the CSV keeps plain ASCII numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../../engine/results/schema.js';
import { render } from '../../../engine/report/render.js';
import { reviewPack } from '../../../engine/report/review-pack.js';
import { reviewPackMarkdown } from '../../../engine/report/review-pack-markdown.js';
import { shippedResults } from '../../support/report-fixture.js';

let results: Results;
beforeAll(async () => {
  const r = await shippedResults('eu-electronics-inbound.json');
  // a treatment that costs €300K a year and avoids €84K: net benefit −€216K, ROSI −72 %
  const t = { ...r.treatments[0]!, annualCost: 300_000, delta: { ...r.treatments[0]!.delta, eal: 84_000 }, netBenefit: -216_000, rosi: -0.72 };
  results = { ...r, treatments: [t] };
}, 120_000);

describe('ROSI sign', () => {
  it('the table and Markdown reports write a negative ROSI with a true minus; the CSV with a plain one', () => {
    for (const format of ['table', 'md'] as const) {
      const text = render(results, format, { wide: true });
      expect(text, format).toContain('−72 %');
      expect(text, format).not.toMatch(/-72 %/);
    }
    const csv = render(results, 'csv');
    expect(csv).toMatch(/,-72(,|\r?\n)/);
    expect(csv).not.toContain('−');
  });

  it('the review pack writes a negative ROSI with a true minus, like its money', () => {
    const md = reviewPackMarkdown(reviewPack({ results }));
    expect(md).toContain('| −€216K | −72 % |');
    expect(md).not.toMatch(/-72 %/);
  });
});
