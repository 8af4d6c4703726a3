// The event limits of a compiled plan (README.md, "Limits"): each risk's expected events per trial, and
// their total, as the kernel generates them. Checked on every plan before anything is simulated, so a
// scenario that would run for hours or fill the memory is refused at once with where and by how much.
import { MAX_EVENTS_PER_RISK, MAX_EVENTS_PER_TRIAL, ScenarioLimitError } from '../model/limits.js';
import { num as textNum } from '../text/format.js';

/** A count to 6 significant digits with thousands separators (1,000,000). */
const num = (x: number): string => textNum(x, 6);

/** Over-limit risks listed one by one before the rest are counted. */
const LISTED = 10;

/** What the check needs to know of each risk to say where it comes from. */
export interface RiskLimitInfo {
  /** Expected events per trial as generated (before frequency controls). */
  genRate: Float64Array;
  /** Index of the risk's threat in `threats`. */
  threatIndex: Int32Array;
  threatIds: readonly string[];
  /** The risk's target, e.g. `lane "la-1"`. */
  target: (r: number) => string;
  /** How the rate comes about, e.g. `perYear 1e6 × horizon 1 × region factor 2`; the JSON field after the threat. */
  explain: (r: number) => { field: string; parts: string };
  /** `treatments[1] "more-lanes"` for a treatment's plan; undefined for the baseline. */
  context?: string;
}

/** Throws a ScenarioLimitError when a risk or the whole plan expects more events per trial than the limits. */
export function checkEventLimits(info: RiskLimitInfo): void {
  const { genRate, threatIndex, threatIds } = info;
  const prefix = info.context === undefined ? '' : `${info.context}: `;
  const details: string[] = [];
  let over = 0;
  let total = 0;
  const byThreat = new Map<number, number>();
  for (let r = 0; r < genRate.length; r++) {
    const rate = genRate[r]!;
    total += rate;
    const t = threatIndex[r]!;
    byThreat.set(t, (byThreat.get(t) ?? 0) + rate);
    if (!(rate <= MAX_EVENTS_PER_RISK)) {
      if (over++ < LISTED) {
        const { field, parts } = info.explain(r);
        details.push(
          `${prefix}threats[${t}].${field}: threat "${threatIds[t]}" on ${info.target(r)} expects ${num(rate)} events per trial (${parts}), ` +
            `more than the ${num(MAX_EVENTS_PER_RISK)} one risk may have`,
        );
      }
    }
  }
  if (over > 0) {
    if (over > LISTED) details.push(`${prefix}and ${over - LISTED} more risks above the limit`);
    throw new ScenarioLimitError(
      `${prefix}${over === 1 ? 'a risk expects' : `${over} risks expect`} more than ${num(MAX_EVENTS_PER_RISK)} events per trial: lower the frequencies, factors or shipments (README.md, "Limits")`,
      details,
    );
  }
  if (!(total <= MAX_EVENTS_PER_TRIAL)) {
    const largest = [...byThreat].sort((a, b) => b[1] - a[1]).slice(0, 3);
    throw new ScenarioLimitError(
      `${prefix}the scenario expects ${num(total)} events per trial over its ${genRate.length} risks, more than the ${num(MAX_EVENTS_PER_TRIAL)} a trial may have: lower the frequencies or the targets the threats apply to (README.md, "Limits")`,
      largest.map(([t, rate]) => `${prefix}threats[${t}]: threat "${threatIds[t]}" expects ${num(rate)} events per trial over all its targets`),
    );
  }
}
