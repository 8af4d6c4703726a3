// Results as Markdown, for a management-review document or a pull request.
import type { Results } from '../analysis/simulate-scenario.js';
import { money, num, percent } from './format.js';

const esc = (s: string) => s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);

/** Renders results as Markdown tables. */
export function markdownReport(r: Results, topRisks = 20): string {
  const m = (x: number) => money(x, r.currency);
  const b = r.baseline;
  const rows = (header: string[], body: string[][]) =>
    [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  const parts = [
    `# ${esc(r.scenario)}`,
    '',
    `${r.trials.toLocaleString('en-US')} trials, seed ${r.seed}, horizon ${r.horizonDays} days, engine ${r.engineVersion}.`,
    '',
    rows(['measure', 'value'], [
      ['Expected annual loss', `${m(b.eal)} ± ${m(1.96 * b.se)}`],
      ['1-in-20-year loss (VaR95)', m(b.var95)],
      ['1-in-100-year loss (p99)', m(b.p99)],
      ['CVaR95', m(b.cvar95)],
      ['Service level', percent(b.serviceLevel, 2)],
      ['Appetite', r.appetite.withinAppetite ? 'within' : `breached: ${esc(r.appetite.breaches.join('; '))}`],
    ]),
    '',
    '## Top risks',
    '',
    rows(['risk', 'category', 'level', 'events/yr', 'loss/event', 'EAL', 'share'],
      r.risks.slice(0, topRisks).map((k) => [esc(k.id), k.category, k.level, num(k.frequency), m(k.meanLossPerEvent), m(k.eal), percent(k.share)])),
  ];
  if (r.treatments.length) {
    parts.push('', '## Treatments', '', rows(['treatment', 'EAL reduction (95 % CI)', 'annual cost', 'net benefit', 'ROSI'],
      r.treatments.map((t) => [esc(t.name), `${m(t.delta.eal)} (${m(t.delta.ealCi95[0])} … ${m(t.delta.ealCi95[1])})`, m(t.annualCost), m(t.netBenefit), t.rosi === null ? '—' : percent(t.rosi, 0)])));
  }
  return parts.join('\n') + '\n';
}
