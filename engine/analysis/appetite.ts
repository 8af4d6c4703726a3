// Risk appetite (SPEC §1, §4): whether the run stays within the scenario's stated appetite.
import type { Scenario } from '../model/schema.js';
import { levelRank } from './criteria.js';
import type { Summary } from './loss-summary.js';
import type { RiskRow } from './register.js';

/** Breaches of appetite.maxLevel, maxEal and maxCvar95, as sentences. */
export function appetiteOf(scenario: Scenario, summary: Summary, risks: readonly RiskRow[]): { withinAppetite: boolean; breaches: string[] } {
  const a = scenario.appetite;
  const breaches: string[] = [];
  if (a?.maxLevel !== undefined) {
    const above = risks.filter((r) => levelRank(r.level) > levelRank(a.maxLevel!));
    if (above.length > 0) {
      const names = above.slice(0, 5).map((r) => `${r.id} (${r.level})`);
      breaches.push(`${above.length} risk(s) above ${a.maxLevel}: ${names.join(', ')}${above.length > 5 ? ', …' : ''}`);
    }
  }
  if (a?.maxEal !== undefined && summary.eal > a.maxEal) breaches.push(`expected annual loss ${round(summary.eal)} above maxEal ${a.maxEal}`);
  if (a?.maxCvar95 !== undefined && summary.cvar95 > a.maxCvar95) breaches.push(`cvar95 ${round(summary.cvar95)} above maxCvar95 ${a.maxCvar95}`);
  return { withinAppetite: breaches.length === 0, breaches };
}

const round = (x: number) => Math.round(x);
