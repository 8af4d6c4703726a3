// The text report a risk analyst reads first: the summary, the top risks with their levels, and
// the treatments with their deltas and return on security investment.
import type { Results } from '../analysis/simulate-scenario.js';
import { money, num, percent, textTable } from './format.js';

/** Renders results as a text report; `topRisks` rows of the register are shown. */
export function tableReport(r: Results, topRisks = 15): string {
  const c = r.currency;
  const m = (x: number) => money(x, c);
  const b = r.baseline;
  const out: string[] = [];
  out.push(`chainward · ${r.scenario} · ${r.trials.toLocaleString('en-US')} trials · seed ${r.seed} · horizon ${r.horizonDays} days`);
  out.push('');
  out.push(
    textTable(
      ['measure', 'value'],
      [
        ['Expected annual loss (EAL)', `${m(b.eal)} ± ${m(1.96 * b.se)} (95 %)`],
        ['  direct / interruption', `${m(b.directEal)} / ${m(b.interruptionEal)}`],
        ['1-in-20-year loss (VaR95)', m(b.var95)],
        ['1-in-100-year loss (p99)', m(b.p99)],
        ['Mean of worst 5 % (CVaR95)', m(b.cvar95)],
        ['Mean of worst 1 % (CVaR99)', m(b.cvar99)],
        ['P(any loss in a year)', percent(b.pAnyLoss)],
        ['Service level', percent(b.serviceLevel, 2)],
        ['Appetite', r.appetite.withinAppetite ? 'within appetite' : `BREACHED (${r.appetite.breaches.length})`],
      ],
      new Set(),
    ),
  );
  for (const breach of r.appetite.breaches) out.push(`  ! ${breach}`);
  out.push('');
  out.push(`Top ${Math.min(topRisks, r.risks.length)} of ${r.risks.length} risks by expected annual loss`);
  out.push(
    textTable(
      ['#', 'risk', 'category', 'level', 'L×I', 'events/yr', 'P(≥1)', 'loss/event', 'EAL', 'share', 'tail (CVaR95)'],
      r.risks.slice(0, topRisks).map((k, i) => [
        String(i + 1),
        k.id,
        k.category,
        k.level.toUpperCase(),
        `${k.likelihood}×${k.impact}`,
        num(k.frequency),
        percent(k.pEvent),
        m(k.meanLossPerEvent),
        m(k.eal),
        percent(k.share),
        m(k.tailContribution),
      ]),
      new Set([0, 5, 6, 7, 8, 9, 10]),
    ),
  );
  if (r.treatments.length > 0) {
    out.push('');
    out.push('Treatments (paired with the baseline: same random numbers)');
    out.push(
      textTable(
        ['treatment', 'EAL after', 'EAL reduction (95 % CI)', 'CVaR95 reduction', 'annual cost', 'net benefit', 'ROSI'],
        r.treatments.map((t) => [
          t.name,
          m(t.summary.eal),
          `${m(t.delta.eal)} (${m(t.delta.ealCi95[0])} … ${m(t.delta.ealCi95[1])})`,
          m(t.delta.cvar95),
          m(t.annualCost),
          m(t.netBenefit),
          t.rosi === null ? '—' : percent(t.rosi, 0),
        ]),
        new Set([1, 2, 3, 4, 5, 6]),
      ),
    );
  }
  if (r.flows.length > 0) {
    out.push('');
    out.push('Flows');
    out.push(
      textTable(
        ['flow', 'EAL', 'interrupted days/yr', 'rerouted days/yr', 'service level'],
        r.flows.map((f) => [f.id, m(f.eal), num(f.interruptionDaysMean), num(f.reroutedDaysMean), percent(f.serviceLevel, 2)]),
        new Set([1, 2, 3, 4]),
      ),
    );
  }
  if (r.riskControlList.length > 0) {
    out.push('');
    out.push(`Risk control list: ${r.riskControlList.length} risk(s) above appetite, with options (levels after are estimates; simulate the chosen one)`);
    const rows: string[][] = [];
    for (const e of r.riskControlList.slice(0, 10)) {
      e.options.forEach((o, i) => {
        rows.push([
          i === 0 ? e.risk : '',
          i === 0 ? e.level.toUpperCase() : '',
          o.kind,
          o.description,
          o.levelAfter ?? '—',
          o.annualCost === undefined ? '' : m(o.annualCost),
        ]);
      });
    }
    out.push(textTable(['risk', 'level', 'option', 'what', 'level after', 'annual cost'], rows, new Set([5])));
    if (r.riskControlList.length > 10) out.push(`… and ${r.riskControlList.length - 10} more in the JSON output`);
  }
  if (r.sensitivity && r.sensitivity.length > 0) {
    const d = r.sensitivity[0]!.delta;
    out.push('');
    out.push(`Sensitivity: each parameter at ${percent(1 - d, 0)} and ${percent(1 + d, 0)} (same random numbers), top 15 by EAL swing`);
    out.push(
      textTable(
        ['parameter', 'EAL low', 'EAL high', 'EAL swing', 'CVaR95 low', 'CVaR95 high', 'CVaR95 swing'],
        r.sensitivity.slice(0, 15).map((x) => [x.parameter, m(x.low), m(x.high), m(x.swing), m(x.cvar95Low), m(x.cvar95High), m(x.cvar95Swing)]),
        new Set([1, 2, 3, 4, 5, 6]),
      ),
    );
  }
  out.push('');
  out.push(`${r.run.trialsPerSecond.toLocaleString('en-US')} trials/s on ${r.run.workers} worker(s), ${(r.run.wallMs / 1000).toFixed(2)} s`);
  return out.join('\n') + '\n';
}
