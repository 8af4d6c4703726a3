// Calibrates a scenario to an incident log (docs/calibration.md): per risk, the Gamma–Poisson
// posterior of its effective yearly rate and the predictive check of its count; per threat, the
// pooled posterior of its rate over all its targets written back as its base frequency (a threat has
// one frequency for all its targets, so their ratios — region, carrier, controls, shipments — are
// kept), and where the log has ≥ 5 losses or downtimes of the threat, a normal–inverse-gamma update
// of their logs written back as a lognormal. The scenario text is changed only at those values.
import { CATEGORIES, type Category, type Dist, type Scenario, type Threat } from '../model/schema.js';
import type { Calibration, CalibrationFinding, CalibrationThreat } from '../model/calibration-schema.js';
import { compilePlan } from '../plan/compile-plan.js';
import { LOSS_AMOUNT, LOSS_NONE, LOSS_SITE_FRACTION, type CompiledScenario } from '../plan/plan.js';
import { exp, log } from '../math/det-math.js';
import { jsonValueSpan, membersOf } from '../text/json-value-span.js';
import { countCheck, gammaPoisson, lognormalOf, normalInverseGamma, type LogNormal } from './calibration-update.js';
import { Z90 } from '../sampling/lognormal.js';
import { plural } from '../text/format.js';
import type { Incident, LogRisk, LogSpan } from './incident-log.js';

/** Fewest losses (or downtimes) of a threat for its distribution to be updated. */
export const MIN_SEVERITY_OBSERVATIONS = 5;
/** Default weight of the scenario's figures, in years of evidence. */
export const DEFAULT_WEIGHT = 2;

export interface CalibrateOptions {
  /** The weight w of the scenario's figures, in years of evidence (`--weight`). */
  weight: number;
  /** The categories the log covers (`--categories`): the categories of its incidents when left out. */
  categories?: readonly Category[];
  /** The log's file name and `sha256:` hash, for the provenance block. */
  incidents: string;
  incidentsSha256: string;
}

export interface CalibrationResult {
  calibration: Calibration;
  /** The calibrated scenario's text: the input text with the changed values replaced and the block added. */
  text: string;
  /** Categories of the scenario's threats that the log does not cover: left as they were. */
  uncovered: Category[];
  /** The log's incidents of categories not covered (`--categories` leaves them out): how many, of which categories. */
  outside: { incidents: number; categories: Category[] };
}

/** The risks of a compiled scenario as the incident log names them. */
export function logRisks(compiled: CompiledScenario): LogRisk[] {
  const { plan, index } = compiled;
  return index.riskIds.map((id, r) => {
    const e = plan.riskElement[r]!;
    return { id, threat: index.riskThreat[r]!, target: e < plan.nSites ? index.siteIds[e]! : index.laneIds[e - plan.nSites]!, category: index.riskCategory[r]! };
  });
}

/** x to 4 significant digits: what is written back (a change below 0.05 % is not worth the digits). */
export function fourDigits(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(4));
}

function baseOf(t: Threat): number {
  return 'perYear' in t.frequency ? t.frequency.perYear : t.frequency.perShipment;
}

/**
 * Per risk, its effective yearly rate per unit of its threat's base frequency: λ = base × k. Read
 * from the compiled plan as λ/base, or, for threats whose base is 0, from a plan with that base set
 * to a tiny 10⁻¹² (the multiplier does not depend on it).
 */
function multipliers(scenario: Scenario, compiled: CompiledScenario): Float64Array {
  const years = (scenario.horizonDays ?? 365) / 365;
  const R = compiled.plan.nRisks;
  const k = new Float64Array(R);
  const threatIndex = new Map(scenario.threats.map((t, i) => [t.id, i]));
  const zero = scenario.threats.some((t) => baseOf(t) === 0);
  const TINY = 1e-12;
  const probe = zero
    ? compilePlan(
        {
          ...scenario,
          threats: scenario.threats.map((t) => (baseOf(t) > 0 ? t : { ...t, frequency: 'perYear' in t.frequency ? { perYear: TINY } : { perShipment: TINY } })),
        },
        1,
      )
    : compiled;
  for (let r = 0; r < R; r++) {
    const t = scenario.threats[threatIndex.get(compiled.index.riskThreat[r]!)!]!;
    const base = baseOf(t);
    k[r] = base > 0 ? compiled.index.riskRate[r]! / years / base : probe.index.riskRate[r]! / years / TINY;
  }
  return k;
}

/** The value exposed to a fraction loss of risk r: the site's value, or the mean shipment value on the lane. */
function exposureOf(compiled: CompiledScenario, r: number): number {
  const plan = compiled.plan;
  if (plan.riskLossMode[r] === LOSS_SITE_FRACTION) return plan.riskExposure[r]!;
  const l = plan.riskElement[r]! - plan.nSites;
  let value = 0;
  let cum = 0;
  for (let q = plan.laneFlowStart[l]!; q < plan.laneFlowStart[l + 1]!; q++) {
    value += (plan.laneFlowCum[q]! - cum) * plan.flowValuePerShipment[plan.laneFlow[q]!]!;
    cum = plan.laneFlowCum[q]!;
  }
  return value;
}

/** The mean multiplier of the controls on risk r: Π (1 − reliability·(1 − factor)), for losses or downtimes. */
function controlMultiplier(start: Int32Array, factor: Float64Array, reliability: Float64Array, r: number): number {
  let m = 1;
  for (let q = start[r]!; q < start[r + 1]!; q++) m *= 1 - reliability[q]! * (1 - factor[q]!);
  return m;
}

/** A lognormal as the scenario writes it: { median, p90 } to 4 digits, or { mu, sigma } when p90 would not exceed the median. */
function lognormalDist(l: LogNormal): Dist {
  const median = fourDigits(exp(l.mu));
  const p90 = fourDigits(exp(l.mu + Z90 * l.sigma));
  if (p90 > median) return { lognormal: { median, p90 } };
  return { lognormal: { mu: fourDigits(l.mu), sigma: fourDigits(l.sigma) } };
}

/** The median and p90 a lognormal states. */
function quantilesOf(l: LogNormal): { median: number; p90: number } {
  return { median: fourDigits(exp(l.mu)), p90: fourDigits(exp(l.mu + Z90 * l.sigma)) };
}

/** JSON on one line with a space after colons and commas, as the shipped scenarios write small objects. */
export function compactJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(compactJson).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${compactJson(x)}`).join(', ')} }`;
  }
  return JSON.stringify(v);
}

/**
 * Calibrates `scenario` (whose file text is `text`) to `incidents` over `span`. Risks of the covered
 * categories without an incident count as observed 0 over the span.
 */
export function calibrateScenario(scenario: Scenario, text: string, incidents: readonly Incident[], span: LogSpan, opts: CalibrateOptions): CalibrationResult {
  const compiled = compilePlan(scenario, 1);
  const { plan, index } = compiled;
  const risks = logRisks(compiled);
  const R = plan.nRisks;
  const years = (scenario.horizonDays ?? 365) / 365;
  const w = opts.weight;
  const T = span.years;
  const k = multipliers(scenario, compiled);
  const prior = Float64Array.from(index.riskRate, (x) => x / years);

  const covered = new Set<string>(opts.categories ?? incidents.map((i) => risks[i.risk]!.category));
  const categories = CATEGORIES.filter((c) => covered.has(c));
  const uncovered = CATEGORIES.filter((c) => !covered.has(c) && scenario.threats.some((t) => t.category === c));

  const outsideOf = new Set<string>();
  let outsideCount = 0;
  for (const inc of incidents) {
    if (covered.has(risks[inc.risk]!.category)) continue;
    outsideCount++;
    outsideOf.add(risks[inc.risk]!.category);
  }
  const outside = { incidents: outsideCount, categories: CATEGORIES.filter((c) => outsideOf.has(c)) };

  const byRisk: Incident[][] = Array.from({ length: R }, () => []);
  for (const inc of incidents) byRisk[inc.risk]!.push(inc);

  // per risk
  const findings: CalibrationFinding[] = [];
  for (let r = 0; r < R; r++) {
    if (!covered.has(risks[r]!.category)) continue;
    const n = byRisk[r]!.length;
    const post = prior[r]! > 0 || n > 0 ? gammaPoisson(prior[r]!, w, n, T) : { mean: 0, ci90: [0, 0] as [number, number] };
    const check = countCheck(prior[r]!, w, n, T);
    findings.push({
      risk: risks[r]!.id,
      threat: risks[r]!.threat,
      target: risks[r]!.target,
      category: risks[r]!.category,
      priorRate: fourDigits(prior[r]!),
      observed: n,
      expected: fourDigits(prior[r]! * T),
      posteriorRate: fourDigits(post.mean),
      ci90: [fourDigits(post.ci90[0]), fourDigits(post.ci90[1])],
      p: fourDigits(check.p),
      ...(check.flag ? { flag: check.flag } : {}),
    });
  }

  // per threat: the pooled rate, and the loss and downtime distributions
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const threats: CalibrationThreat[] = [];
  const risksOf = new Map<string, number[]>();
  for (let r = 0; r < R; r++) {
    const l = risksOf.get(risks[r]!.threat);
    if (l) l.push(r);
    else risksOf.set(risks[r]!.threat, [r]);
  }
  scenario.threats.forEach((threat, t) => {
    if (!covered.has(threat.category)) return;
    const rs = risksOf.get(threat.id) ?? [];
    const notes: string[] = [];
    const base = baseOf(threat);
    const unit = 'perYear' in threat.frequency ? 'perYear' : 'perShipment';
    // a common-cause threat's incidents on several targets on one day are one event of its one stream
    const joint = threat.jointly === true;
    // incidents on a target where the threat can have no events (k = 0) say nothing of its rate elsewhere
    const live = rs.filter((r) => k[r]! > 0);
    const dead = rs.filter((r) => !(k[r]! > 0) && byRisk[r]!.length > 0);
    let K = 0;
    let N = 0;
    if (joint) {
      for (const r of live) K = Math.max(K, k[r]!);
      N = new Set(live.flatMap((r) => byRisk[r]!.map((i) => i.day))).size;
    } else {
      for (const r of live) {
        K += k[r]!;
        N += byRisk[r]!.length;
      }
    }
    if (dead.length > 0 && K > 0) {
      const n = dead.reduce((s, r) => s + byRisk[r]!.length, 0);
      const ids = dead.map((r) => risks[r]!.target);
      const named = ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more`;
      notes.push(`${plural(n, 'incident')} on targets where the threat can have no events (${named}: no shipments, or a factor of 0) left out of the pooled rate`);
    }
    const priorRate = base * K;
    let after = base;
    let post = { mean: priorRate, ci90: [priorRate, priorRate] as [number, number] };
    if (!(K > 0)) notes.push('frequency kept: no target of the threat can have events (no target, no shipments, or factors of 0)');
    else if (base === 0 && N === 0) notes.push('frequency kept at 0: the log has no incident of it');
    else {
      post = gammaPoisson(priorRate, w, N, T);
      after = fourDigits(post.mean / K);
      const span = jsonValueSpan(text, ['threats', t, 'frequency', unit]);
      if (span) edits.push({ ...span, text: String(after) });
    }
    const row: CalibrationThreat = {
      threat: threat.id,
      unit,
      before: base,
      after,
      observed: N,
      priorRate: fourDigits(priorRate),
      posteriorRate: fourDigits(post.mean),
      ci90: [fourDigits(post.ci90[0]), fourDigits(post.ci90[1])],
    };

    // losses: in the unit of the threat's distribution, before the controls' severity factors
    if (threat.loss) {
      const fraction = 'fraction' in threat.loss;
      const dist = 'fraction' in threat.loss ? threat.loss.fraction : threat.loss.amount;
      const values: number[] = [];
      let unexposed = 0;
      for (const r of rs) {
        const mult = controlMultiplier(plan.sevStart, plan.sevFactor, plan.sevReliability, r);
        for (const inc of byRisk[r]!) {
          if (!(inc.loss !== undefined && inc.loss > 0) || !(mult > 0)) continue;
          if (!fraction || plan.riskLossMode[r] === LOSS_AMOUNT) values.push(inc.loss / mult);
          else {
            const exposed = exposureOf(compiled, r);
            if (exposed > 0) values.push(Math.min(1, inc.loss / (exposed * mult)));
            else unexposed++;
          }
        }
      }
      if (unexposed > 0) notes.push(`${unexposed} loss${unexposed === 1 ? '' : 'es'} on targets with no exposed value (site value 0, or no shipments on the lane) not used`);
      const update = severity(dist, values, priorRate * w, fraction ? 'fraction' : 'amount', notes, 'losses');
      if (update) {
        row.loss = update.row;
        const span = jsonValueSpan(text, ['threats', t, 'loss', fraction ? 'fraction' : 'amount']);
        if (span) edits.push({ ...span, text: compactJson(update.dist) });
      }
    } else if (rs.some((r) => plan.riskLossMode[r] === LOSS_NONE && byRisk[r]!.some((i) => (i.loss ?? 0) > 0))) {
      notes.push('losses logged, but the threat has no loss in the scenario: not used');
    }
    // downtimes, before the controls' downtime factors
    // (a common-cause event has one downtime draw for all the targets it hits: one value per event
    // date, the geometric mean of that day's downtimes, each before its own target's controls)
    if (threat.downtimeDays) {
      const values: number[] = [];
      const byDay = new Map<number, number[]>();
      for (const r of rs) {
        const mult = controlMultiplier(plan.downStart, plan.downFactor, plan.downReliability, r);
        for (const inc of byRisk[r]!) {
          if (!(inc.downtimeDays !== undefined && inc.downtimeDays > 0 && mult > 0)) continue;
          const v = inc.downtimeDays / mult;
          if (!joint) values.push(v);
          else {
            const day = byDay.get(inc.day);
            if (day) day.push(v);
            else byDay.set(inc.day, [v]);
          }
        }
      }
      for (const day of byDay.values()) values.push(day.length === 1 ? day[0]! : exp(day.reduce((a, v) => a + log(v), 0) / day.length));
      const update = severity(threat.downtimeDays, values, priorRate * w, 'days', notes, 'downtimes');
      if (update) {
        row.downtime = update.row;
        const span = jsonValueSpan(text, ['threats', t, 'downtimeDays']);
        if (span) edits.push({ ...span, text: compactJson(update.dist) });
      }
    }
    if (notes.length > 0) row.notes = notes;
    threats.push(row);
  });

  const calibration: Calibration = {
    incidents: opts.incidents,
    incidentsSha256: opts.incidentsSha256,
    from: span.from,
    to: span.to,
    years: T,
    weight: w,
    categories,
    findings,
    threats,
  };
  return { calibration, text: withEdits(text, edits, calibration), uncovered, outside };
}

/** The normal–inverse-gamma update of a distribution from `values`, or undefined (with a note) when it cannot be made. */
function severity(
  dist: Dist,
  values: readonly number[],
  priorEvents: number,
  unit: 'amount' | 'fraction' | 'days',
  notes: string[],
  what: string,
): { dist: Dist; row: NonNullable<CalibrationThreat['loss']> } | undefined {
  if (values.length === 0) return undefined;
  if (values.length < MIN_SEVERITY_OBSERVATIONS) {
    notes.push(`${what} kept: ${values.length} in the log, ${MIN_SEVERITY_OBSERVATIONS} needed`);
    return undefined;
  }
  const prior = lognormalOf(dist);
  if (!prior) {
    notes.push(`${what} kept: the scenario's distribution has no positive median for a lognormal prior`);
    return undefined;
  }
  // the prior counts as the events the scenario expects in `weight` years, at least one
  const posterior = normalInverseGamma(prior, Math.max(1, priorEvents), values);
  return {
    dist: lognormalDist(posterior),
    row: { observations: values.length, unit, prior: quantilesOf(prior), posterior: quantilesOf(posterior) },
  };
}

/** The text with each edit applied and the calibration block set (replaced where the scenario has one, else added last). */
function withEdits(text: string, edits: Array<{ start: number; end: number; text: string }>, calibration: Calibration): string {
  const all = [...edits];
  const rootStart = text.search(/\S/);
  const members = membersOf(text, rootStart);
  const existing = members.find((m) => m.key === 'calibration');
  // the root's members' indentation, from the text between the first member and what precedes it
  const firstKey = members[0]?.keyStart ?? rootStart + 1;
  const lead = text.slice(rootStart + 1, firstKey);
  const indent = lead.includes('\n') ? lead.slice(lead.lastIndexOf('\n') + 1) : '';
  const block = calibrationJson(calibration, indent);
  if (existing) all.push({ ...existing.value, text: block });
  else {
    const last = members[members.length - 1];
    const at = last ? last.value.end : rootStart + 1;
    const sep = last ? ',' : '';
    all.push({ start: at, end: at, text: indent ? `${sep}\n${indent}"calibration": ${block}` : `${sep}"calibration":${block}` });
  }
  all.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of all) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The block: a key a line, each finding and threat on one line of its own (minified when the scenario is). */
function calibrationJson(c: Calibration, indent: string): string {
  if (indent === '') return JSON.stringify(c);
  const i1 = indent + indent;
  const i2 = i1 + indent;
  const lines = Object.entries(c)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => {
      if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object') return `${i1}${JSON.stringify(key)}: [\n${v.map((row) => i2 + compactJson(row)).join(',\n')}\n${i1}]`;
      return `${i1}${JSON.stringify(key)}: ${compactJson(v)}`;
    });
  return `{\n${lines.join(',\n')}\n${indent}}`;
}
