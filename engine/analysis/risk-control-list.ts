// The risk control list (ISO 28000 risk treatment): every risk above appetite.maxLevel with
// the options that would bring it within appetite, marked eliminate, reduce, transfer or accept.
// "Reduce" options are the catalog and scenario controls that act on the risk and are not yet on
// its target, with the level they would leave, estimated from the register row (Poisson rate
// scaled by the frequency effect, loss per event by the severity and downtime effects): a screening
// to be confirmed by simulating the chosen option as a treatment (or with `optimize`).
import type { Control, Level, Scenario } from '../model/schema.js';
import { controlsOf } from '../catalog/controls-of.js';
import { DEFAULT_LIFETIME_YEARS } from '../plan/compile-plan.js';
import type { CompiledScenario } from '../plan/plan.js';
import { expm1 } from '../math/det-math.js';
import { assess, levelRank } from './criteria.js';
import { effectMultipliers } from './effect-multipliers.js';
import type { ControlListEntry, ControlListOption, RiskRow } from '../results/schema.js';

interface Effectiveness {
  id: string;
  freq: number;
  sev: number;
  down: number;
  cost: number;
}

/** A control's multipliers on a risk and its yearly cost on a target with `shipments` a year. */
function effectiveness(c: Control, threatId: string, category: string, shipments: number): Effectiveness | undefined {
  const m = effectMultipliers(c, threatId, category);
  if (!m) return undefined;
  const k = c.cost ?? {};
  const cost = (k.annual ?? 0) + (k.perShipment ?? 0) * shipments + (k.capex ?? 0) / (k.lifetimeYears ?? DEFAULT_LIFETIME_YEARS);
  return { id: c.id, ...m, cost };
}

/** The risk's estimated (level, eal) with its rate × freq, direct loss × sev and interruption × down. */
function after(r: RiskRow, freq: number, sev: number, down: number, scenario: Scenario): { level: Level; eal: number } {
  const directShare = r.eal > 0 ? r.directEal / r.eal : 1;
  const lossScale = directShare * sev + (1 - directShare) * down;
  // Poisson: P(≥ 1 event) = 1 − e^{−fλ} from the exact rate, as the register's likelihood is
  const pEvent = -expm1(-freq * r.frequency);
  return { level: assess(pEvent, r.meanLossPerEvent * lossScale, scenario.criteria).level, eal: r.eal * freq * lossScale };
}

/** The risk control list of a run: the risks above appetite.maxLevel, most expected loss first. */
export function riskControlList(scenario: Scenario, risks: readonly RiskRow[], compiled: CompiledScenario): ControlListEntry[] {
  const maxLevel = scenario.appetite?.maxLevel;
  if (maxLevel === undefined) return [];
  const within = (l: Level) => levelRank(l) <= levelRank(maxLevel);
  const known = [...controlsOf(scenario).values()];
  const { index } = compiled;
  const siteIdx = new Map(index.siteIds.map((id, i) => [id, i]));
  const laneIdx = new Map(index.laneIds.map((id, i) => [id, i]));
  const threats = new Map(scenario.threats.map((t) => [t.id, t]));
  const entries: ControlListEntry[] = [];
  for (const r of risks) {
    if (within(r.level)) continue;
    const shipments = r.targetKind === 'site' ? index.siteShipments[siteIdx.get(r.target)!]! : index.laneShipments[laneIdx.get(r.target)!]!;
    const candidates = known
      .filter((c) => c.appliesTo === r.targetKind && !r.controls.includes(c.id))
      .map((c) => effectiveness(c, r.threat, r.category, shipments ?? 0))
      .filter((e): e is Effectiveness => e !== undefined && (e.freq < 1 || e.sev < 1 || e.down < 1));
    const options: ControlListOption[] = [];
    const reduce = (cs: Effectiveness[]) => {
      const a = after(r, cs.reduce((x, c) => x * c.freq, 1), cs.reduce((x, c) => x * c.sev, 1), cs.reduce((x, c) => x * c.down, 1), scenario);
      return { cs, ...a, cost: cs.reduce((x, c) => x + c.cost, 0) };
    };
    const singles = candidates.map((c) => reduce([c])).sort((a, b) => a.cost - b.cost || a.eal - b.eal);
    let enough = singles.filter((s) => within(s.level)).slice(0, 3);
    if (enough.length === 0 && candidates.length >= 2) {
      // the two most effective controls together
      const best = [...singles].sort((a, b) => a.eal - b.eal).slice(0, 2);
      const pair = reduce(best.flatMap((b) => b.cs));
      if (within(pair.level)) enough = [pair];
    }
    for (const s of enough) {
      options.push({
        kind: 'reduce',
        description: `add ${s.cs.map((c) => c.id).join(' + ')} on ${r.target}`,
        controls: s.cs.map((c) => c.id),
        levelAfter: s.level,
        ealAfter: s.eal,
        annualCost: s.cost,
      });
    }
    const threat = threats.get(r.threat);
    const shipmentBased = r.targetKind === 'lane' && threat !== undefined && ('perShipment' in threat.frequency || (threat.loss !== undefined && 'fraction' in threat.loss));
    if (shipmentBased) {
      options.push({
        kind: 'eliminate',
        description: `move the flows off lane ${r.target} (compare other routes and carriers with \`chainward routes\`); the exposure moves with them`,
        levelAfter: 'low',
        ealAfter: 0,
      });
    }
    if (r.impact >= 4) {
      options.push({ kind: 'transfer', description: 'insure the loss or shift it by contract (cargo insurance, carrier liability clauses); not simulated' });
    }
    if (enough.length === 0) {
      const best = singles.length ? [...singles].sort((a, b) => a.eal - b.eal)[0]! : undefined;
      options.push({
        kind: 'accept',
        description:
          `no single catalog control brings it within ${maxLevel}` +
          (best ? ` (best: ${best.cs[0]!.id}, leaving ${best.level})` : '') +
          `; accept with a documented reason signed off by ${r.owner || 'the risk owner'}, or combine treatments`,
        levelAfter: r.level,
        ealAfter: r.eal,
      });
    }
    entries.push({ risk: r.id, owner: r.owner, level: r.level, likelihood: r.likelihood, impact: r.impact, borderline: r.borderline, eal: r.eal, options });
  }
  return entries;
}
