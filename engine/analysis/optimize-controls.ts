// The budget optimizer: chooses placements of controls (control × site or lane)
// within a yearly budget to minimise expected annual loss or CVaR95. Every set of placements is a
// treatment simulated over the same trials as the baseline (common random numbers), so objectives
// of different sets differ only by what the placements change, and the reduction has a paired
// interval. Search: greedy by marginal benefit per cost (re-evaluated given the chosen set at each
// step, lazily when there are many candidates), the best single placement as a fallback, then a
// local-improvement pass (drop one, add one, swap one chosen for one unchosen; with at most 16
// candidates also two for one and one for two). The cost–risk
// frontier runs the search at several budgets and keeps it monotone. Deterministic for a seed.
import type { Control, Scenario, Treatment } from '../model/schema.js';
import { controlsOf } from '../catalog/controls-of.js';
import { compilePlan, scenarioCosts } from '../plan/compile-plan.js';
import type { CompiledScenario } from '../plan/plan.js';
import { tailSizeFor } from '../summary/batch-summary.js';
import { effectMultipliers } from './effect-multipliers.js';
import { cvar } from './loss-summary.js';
import { pairedDifference } from './paired-difference.js';
import { applyTreatment } from '../plan/apply-treatment.js';
import { riskRegister } from './register.js';
import type { RiskRow } from '../results/schema.js';
import { runRanges } from '../run/run-ranges.js';
import { trialRanges } from '../run/ranges.js';
import { type RangeRunner } from '../run/run-options.js';

export type Objective = 'eal' | 'cvar95';
export const OBJECTIVES: readonly Objective[] = ['eal', 'cvar95'];

/** A control placed on one site or lane. */
export interface PlacementRef {
  control: string;
  target: string;
}

/** A candidate placement with its yearly cost and the baseline risk it touches. */
export interface Candidate extends PlacementRef {
  targetKind: 'site' | 'lane';
  /** Yearly cost: annual + perShipment × shipments through the target + capex / lifetimeYears. */
  cost: number;
  /** Baseline EAL of the risks on the target the control acts on. */
  touchedEal: number;
  /** A first-order estimate of the objective's reduction (for ranking only). */
  estimate: number;
}

export interface Placement extends PlacementRef {
  targetKind: 'site' | 'lane';
  cost: number;
}

/** What `optimizeControls` searches: the yearly budget, and the trials and seed each candidate set is simulated with. */
export interface OptimizeOptions {
  /** Yearly budget (≥ 0) in the scenario's currency. */
  budget: number;
  objective: Objective;
  trials: number;
  seed: number | string;
  /** Runs one trial range of a plan (e.g. a worker pool); default in-process. */
  runRange?: RangeRunner;
  /** Ranges in flight at once. Default 1. */
  inFlight?: number;
  /** Explicit candidate placements (instead of generating them from the risk register). */
  candidates?: PlacementRef[];
  /** Most candidates generated from the register (default 30). */
  maxCandidates?: number;
  /** Budgets of the frontier (default 0, 25 %, 50 %, 100 %, 200 % of `budget`); `budget` is always added. */
  budgets?: number[];
  /** Trials per range (default RANGE_TRIALS); the result does not depend on it. */
  rangeTrials?: number;
  /** Called after each batch of simulations with the number of sets simulated so far. */
  onProgress?: (simulated: number) => void;
}

export interface FrontierPoint {
  budget: number;
  cost: number;
  objective: number;
  chosen: Placement[];
}

/** The best set of catalog controls within the budget, and the cost–risk frontier (`optimizeControls`). */
export interface OptimizeResult {
  scenario: string;
  currency: string;
  budget: number;
  objective: Objective;
  trials: number;
  seed: number | string;
  candidates: Candidate[];
  chosen: Placement[];
  cost: number;
  before: number;
  after: number;
  reduction: { value: number; ci95: [number, number] };
  frontier: FrontierPoint[];
  /** Distinct sets of placements simulated (the baseline included). */
  simulations: number;
}

/** With at most this many affordable candidates left, a greedy step re-evaluates them all. */
const EXACT_LIMIT = 16;
/** Candidates re-evaluated at once in a lazy greedy step. */
const LAZY_BATCH = 8;
/** With more candidates than EXACT_LIMIT, the unchosen candidates considered for add and swap moves in the local-improvement pass. */
const SWAP_POOL = 6;
const MAX_LOCAL_ROUNDS = 25;
/** Budgets are compared with this slack so that sums of costs do not miss by a rounding error. */
const COST_EPS = 1e-6;

/** The objective of one run from its per-trial losses: the mean, or the mean of the worst ⌈5 %⌉. */
export function objectiveOf(losses: Float64Array, objective: Objective): number {
  const n = losses.length;
  if (n === 0) return 0;
  if (objective === 'eal') {
    let s = 0;
    for (let i = 0; i < n; i++) s += losses[i]!;
    return s / n;
  }
  return cvar(Float64Array.from(losses).sort(), 0.95);
}

/**
 * Per-trial values whose mean is the objective: the losses for EAL; for CVaR95 the influence values
 * v + max(x − v, 0) / α with v the smallest of the worst k = ⌈5 %⌉ losses and α = k / n (their mean
 * is exactly the mean of the worst k). Paired differences of these give the reduction's interval.
 */
function influence(losses: Float64Array, objective: Objective): Float64Array {
  if (objective === 'eal') return losses;
  const n = losses.length;
  const k = tailSizeFor(n);
  const v = Float64Array.from(losses).sort()[n - k]!;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = v + (Math.max(losses[i]! - v, 0) * n) / k;
  return out;
}

/** The reduction before − after and its 95 % interval from paired per-trial differences. */
export function pairedReduction(before: Float64Array, after: Float64Array, objective: Objective): { value: number; ci95: [number, number] } {
  const value = objectiveOf(before, objective) - objectiveOf(after, objective);
  return { value, ci95: pairedDifference(influence(before, objective), influence(after, objective)).ci95 };
}

/** The treatment placing a set of controls (grouped by target, in a fixed order). */
export function placementTreatment(placements: readonly (PlacementRef & { targetKind: 'site' | 'lane' })[], id = 'optimize'): Treatment {
  const byTarget = new Map<string, { kind: 'site' | 'lane'; target: string; ids: string[] }>();
  for (const p of placements) {
    const key = `${p.targetKind}:${p.target}`;
    const e = byTarget.get(key) ?? { kind: p.targetKind, target: p.target, ids: [] };
    e.ids.push(p.control);
    byTarget.set(key, e);
  }
  const keys = [...byTarget.keys()].sort();
  return {
    id,
    name: `place ${placements.map((p) => `${p.control}@${p.target}`).join(', ')}`,
    changes: keys.map((k) => {
      const e = byTarget.get(k)!;
      return { addControls: [...e.ids].sort(), to: { kind: e.kind, ids: [e.target] } };
    }),
  };
}

/** The share of a risk's direct and interruption loss a control's effect removes (reliability-weighted means). */
function effectShares(control: Control, row: RiskRow): { direct: number; interruption: number } | undefined {
  const m = effectMultipliers(control, row.threat, row.category);
  if (!m || (m.freq >= 1 && m.sev >= 1 && m.down >= 1)) return undefined;
  return { direct: 1 - m.freq * m.sev, interruption: 1 - m.freq * m.down };
}

/** Simulates sets of placements over fixed trials, caching each set's objective by its members. */
class Evaluator {
  readonly cache = new Map<string, number>();
  private readonly ranges: Array<[number, number]>;
  private readonly tailKeep: number;
  simulated = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly candidates: readonly Candidate[],
    private readonly opts: OptimizeOptions,
  ) {
    this.ranges = trialRanges(opts.trials, opts.rangeTrials);
    this.tailKeep = tailSizeFor(opts.trials);
  }

  static key(set: readonly number[]): string {
    return [...set].sort((a, b) => a - b).join(',');
  }

  compile(set: readonly number[]): CompiledScenario {
    if (set.length === 0) return compilePlan(this.scenario, this.opts.seed);
    const sorted = [...set].sort((a, b) => a - b);
    const treated = applyTreatment(this.scenario, placementTreatment(sorted.map((i) => this.candidates[i]!)));
    return compilePlan(treated.scenario, this.opts.seed);
  }

  /** Simulates each compiled plan over the same trials, a few at once; returns the merged summaries. */
  async simulate(compiled: readonly CompiledScenario[]) {
    const inFlight = Math.max(1, this.opts.inFlight ?? 1);
    const together = Math.max(1, Math.ceil(inFlight / this.ranges.length));
    const out = [];
    for (let i = 0; i < compiled.length; i += together) {
      const chunk = compiled.slice(i, i + together);
      const accs = await Promise.all(
        chunk.map((c) => runRanges(c.plan, this.ranges, this.tailKeep, { runRange: this.opts.runRange, inFlight: Math.max(1, Math.floor(inFlight / chunk.length)) })),
      );
      out.push(...accs.map((a) => a.result()));
      this.simulated += chunk.length;
      this.opts.onProgress?.(this.simulated);
    }
    return out;
  }

  async losses(set: readonly number[]): Promise<Float64Array> {
    const [summary] = await this.simulate([this.compile(set)]);
    this.cache.set(Evaluator.key(set), objectiveOf(summary!.losses, this.opts.objective));
    return summary!.losses;
  }

  /** The objective of each set (simulating the sets not seen before together). */
  async objectives(sets: ReadonlyArray<readonly number[]>): Promise<number[]> {
    const todo: string[] = [];
    const todoSets: Array<readonly number[]> = [];
    for (const s of sets) {
      const k = Evaluator.key(s);
      if (!this.cache.has(k) && !todo.includes(k)) {
        todo.push(k);
        todoSets.push(s);
      }
    }
    if (todoSets.length) {
      const summaries = await this.simulate(todoSets.map((s) => this.compile(s)));
      summaries.forEach((m, i) => this.cache.set(todo[i]!, objectiveOf(m.losses, this.opts.objective)));
    }
    return sets.map((s) => this.cache.get(Evaluator.key(s))!);
  }
}

/** The candidates: explicit ones checked, or generated from the baseline risk register and ranked. */
function candidatesOf(scenario: Scenario, compiled: CompiledScenario, risks: readonly RiskRow[], opts: OptimizeOptions, maxBudget: number): Candidate[] {
  const controls = controlsOf(scenario);
  const sites = new Map(scenario.sites.map((s) => [s.id, s]));
  const lanes = new Map((scenario.lanes ?? []).map((l) => [l.id, l]));
  const { laneShipments, siteShipments } = compiled.index;
  const baseCost = scenarioCosts(scenario, laneShipments, siteShipments).total;
  const placedOn = (kind: 'site' | 'lane', id: string) => (kind === 'site' ? sites.get(id)?.controls : lanes.get(id)?.controls) ?? [];
  // keyed by kind and id: a site and a lane may share an id
  const risksOn = new Map<string, RiskRow[]>();
  const keyOf = (kind: 'site' | 'lane', id: string) => `${kind}:${id}`;
  for (const r of risks) {
    const k = keyOf(r.targetKind, r.target);
    risksOn.set(k, [...(risksOn.get(k) ?? []), r]);
  }

  const build = (controlId: string, target: string, kind: 'site' | 'lane'): Candidate => {
    const control = controls.get(controlId)!;
    let touchedEal = 0;
    let estimate = 0;
    for (const r of risksOn.get(keyOf(kind, target)) ?? []) {
      const sh = effectShares(control, r);
      if (!sh || !(r.eal > 0)) continue;
      touchedEal += r.eal;
      const ealCut = r.directEal * sh.direct + r.interruptionEal * sh.interruption;
      estimate += opts.objective === 'eal' ? ealCut : r.tailContribution * (ealCut / r.eal);
    }
    const treated = applyTreatment(scenario, placementTreatment([{ control: controlId, target, targetKind: kind }]));
    const cost = scenarioCosts(treated.scenario, laneShipments, siteShipments).total - baseCost;
    return { control: controlId, target, targetKind: kind, cost, touchedEal, estimate };
  };

  if (opts.candidates) {
    const seen = new Set<string>();
    return opts.candidates.map((p) => {
      const control = controls.get(p.control);
      if (!control) throw new RangeError(`optimizeControls: unknown control "${p.control}"`);
      const kind = sites.has(p.target) ? 'site' : lanes.has(p.target) ? 'lane' : undefined;
      if (!kind) throw new RangeError(`optimizeControls: unknown target "${p.target}"`);
      if (control.appliesTo !== kind) throw new RangeError(`optimizeControls: control "${p.control}" applies to ${control.appliesTo}s, "${p.target}" is a ${kind}`);
      if (placedOn(kind, p.target).includes(p.control)) throw new RangeError(`optimizeControls: "${p.control}" is already placed on "${p.target}"`);
      const key = `${p.control}@${p.target}`;
      if (seen.has(key)) throw new RangeError(`optimizeControls: candidate ${key} given twice`);
      seen.add(key);
      return build(p.control, p.target, kind);
    });
  }

  const all: Candidate[] = [];
  const targets = [...risksOn.keys()].sort();
  const controlIds = [...controls.keys()].sort();
  for (const key of targets) {
    const rows = risksOn.get(key)!;
    const kind = rows[0]!.targetKind;
    const target = rows[0]!.target;
    const placed = placedOn(kind, target);
    for (const cid of controlIds) {
      const control = controls.get(cid)!;
      if (control.appliesTo !== kind || placed.includes(cid)) continue;
      if (!rows.some((r) => r.eal > 0 && effectShares(control, r))) continue;
      const c = build(cid, target, kind);
      // a control that has a cost but costs nothing here only looks free (per shipment on a lane no
      // flow uses in the baseline, whose benefit comes from rerouted traffic): left out
      const priced = (control.cost?.annual ?? 0) + (control.cost?.perShipment ?? 0) + (control.cost?.capex ?? 0) > 0;
      if (priced && !(c.cost > 0)) continue;
      if (c.cost <= maxBudget + COST_EPS && c.estimate > 0) all.push(c);
    }
  }
  const max = opts.maxCandidates ?? 30;
  const tie = (a: Candidate, b: Candidate) => (a.control + '@' + a.target < b.control + '@' + b.target ? -1 : 1);
  const byEstimate = [...all].sort((a, b) => b.estimate - a.estimate || tie(a, b));
  const byRatio = [...all].sort((a, b) => ratio(b.estimate, b.cost) - ratio(a.estimate, a.cost) || b.estimate - a.estimate || tie(a, b));
  // half by the risk they remove, half by the risk they remove per unit of cost
  const picked = new Set<Candidate>();
  for (let i = 0; picked.size < Math.min(max, all.length); i++) {
    if (i < byEstimate.length && picked.size < Math.min(max, all.length)) picked.add(byEstimate[i]!);
    if (i < byRatio.length && picked.size < Math.min(max, all.length)) picked.add(byRatio[i]!);
  }
  return byEstimate.filter((c) => picked.has(c));
}

function ratio(benefit: number, cost: number): number {
  if (cost <= 0) return benefit > 0 ? Infinity : benefit < 0 ? -Infinity : 0;
  return benefit / cost;
}

interface Solution {
  set: number[];
  cost: number;
  objective: number;
}

function costOf(set: readonly number[], cands: readonly Candidate[]): number {
  let c = 0;
  for (const i of [...set].sort((a, b) => a - b)) c += cands[i]!.cost;
  return c;
}

/** Better: a lower objective, or the same objective at a lower cost, or the same at the same cost with a smaller key. */
function better(a: Solution, b: Solution): boolean {
  if (a.objective !== b.objective) return a.objective < b.objective;
  if (Math.abs(a.cost - b.cost) > COST_EPS) return a.cost < b.cost;
  return a.set.length < b.set.length;
}

/** Greedy by marginal benefit per cost, the best single placement, then local improvement, at one budget. */
async function searchAt(budget: number, ev: Evaluator, cands: readonly Candidate[], base: number, singles: readonly number[]): Promise<Solution> {
  const empty: Solution = { set: [], cost: 0, objective: base };
  if (!(budget > 0)) return empty;
  const fits = (cost: number) => cost <= budget + COST_EPS;
  // greedy; `stale` holds each candidate's last marginal ratio (an upper bound when benefits diminish)
  const stale = cands.map((c, i) => ratio(base - singles[i]!, c.cost));
  let cur: Solution = empty;
  for (;;) {
    const remaining = cands.map((_, i) => i).filter((i) => !cur.set.includes(i) && fits(cur.cost + cands[i]!.cost));
    if (remaining.length === 0) break;
    remaining.sort((a, b) => stale[b]! - stale[a]! || a - b);
    let best = -1;
    let bestRatio = -Infinity;
    let bestBenefit = 0;
    const consider = (idx: number[], values: number[]) => {
      idx.forEach((i, j) => {
        const benefit = cur.objective - values[j]!;
        const r = ratio(benefit, cands[i]!.cost);
        stale[i] = r;
        if (benefit > 0 && (r > bestRatio || (r === bestRatio && benefit > bestBenefit))) {
          best = i;
          bestRatio = r;
          bestBenefit = benefit;
        }
      });
    };
    if (remaining.length <= EXACT_LIMIT) {
      consider(remaining, await ev.objectives(remaining.map((i) => [...cur.set, i])));
    } else {
      // lazy: re-evaluate in order of the last ratio until the best fresh ratio beats every stale one
      for (let at = 0; at < remaining.length; at += LAZY_BATCH) {
        const batch = remaining.slice(at, at + LAZY_BATCH);
        consider(batch, await ev.objectives(batch.map((i) => [...cur.set, i])));
        const next = remaining[at + LAZY_BATCH];
        if (best >= 0 && (next === undefined || bestRatio >= stale[next]!)) break;
      }
    }
    if (best < 0) break;
    const set = [...cur.set, best];
    cur = { set, cost: costOf(set, cands), objective: cur.objective - bestBenefit };
    cur.objective = (await ev.objectives([set]))[0]!;
  }
  // the best single placement within budget guards against greedy by ratio filling up on cheap ones
  for (let i = 0; i < cands.length; i++) {
    const single: Solution = { set: [i], cost: cands[i]!.cost, objective: singles[i]! };
    if (fits(single.cost) && better(single, cur)) cur = single;
  }
  // local improvement: drop one, add one, or swap one chosen for one unchosen (and, on small
  // problems, two for one and one for two); the best move first, until none improves
  for (let round = 0; round < MAX_LOCAL_ROUNDS; round++) {
    const unchosen = cands
      .map((_, i) => i)
      .filter((i) => !cur.set.includes(i) && fits(cands[i]!.cost))
      .sort((a, b) => ratio(base - singles[b]!, cands[b]!.cost) - ratio(base - singles[a]!, cands[a]!.cost) || a - b);
    const pool = cands.length <= EXACT_LIMIT ? unchosen : unchosen.slice(0, SWAP_POOL);
    const moves: number[][] = [];
    for (const c of cur.set) moves.push(cur.set.filter((x) => x !== c));
    for (const u of pool) {
      if (fits(cur.cost + cands[u]!.cost)) moves.push([...cur.set, u]);
      for (const c of cur.set) {
        const set = [...cur.set.filter((x) => x !== c), u];
        if (fits(costOf(set, cands))) moves.push(set);
      }
    }
    if (cands.length <= EXACT_LIMIT) {
      // small problems get a larger neighbourhood: two chosen for one unchosen, one chosen for two unchosen
      const set = cur.set;
      for (let a = 0; a < set.length; a++) {
        for (let b = a + 1; b < set.length; b++) {
          for (const u of pool) {
            const m = [...set.filter((x) => x !== set[a] && x !== set[b]), u];
            if (fits(costOf(m, cands))) moves.push(m);
          }
        }
        for (let u = 0; u < pool.length; u++) {
          for (let v = u + 1; v < pool.length; v++) {
            const m = [...set.filter((x) => x !== set[a]), pool[u]!, pool[v]!];
            if (fits(costOf(m, cands))) moves.push(m);
          }
        }
      }
    }
    if (moves.length === 0) break;
    const values = await ev.objectives(moves);
    let next = cur;
    moves.forEach((set, j) => {
      const s: Solution = { set, cost: costOf(set, cands), objective: values[j]! };
      if (better(s, next)) next = s;
    });
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

/** The frontier's default budgets: 0, 25 %, 50 %, 100 % and 200 % of the budget. */
export function defaultBudgets(budget: number): number[] {
  return [0, 0.25, 0.5, 1, 2].map((f) => f * budget);
}

/** Chooses control placements within `budget` to minimise the objective (see the file comment). */
export async function optimizeControls(scenario: Scenario, opts: OptimizeOptions): Promise<OptimizeResult> {
  if (!(Number.isFinite(opts.budget) && opts.budget >= 0)) throw new RangeError(`optimizeControls: budget must be a finite number ≥ 0, got ${opts.budget}`);
  if (!OBJECTIVES.includes(opts.objective)) throw new RangeError(`optimizeControls: objective must be eal or cvar95, got ${String(opts.objective)}`);
  if (!(Number.isInteger(opts.trials) && opts.trials >= 1)) throw new RangeError(`optimizeControls: trials must be a positive integer, got ${opts.trials}`);
  const budgets = [...new Set([...(opts.budgets ?? defaultBudgets(opts.budget)), opts.budget])].sort((a, b) => a - b);
  for (const b of budgets) if (!(Number.isFinite(b) && b >= 0)) throw new RangeError(`optimizeControls: budgets must be finite numbers ≥ 0, got ${b}`);
  const maxBudget = budgets[budgets.length - 1]!;

  // the baseline: its register gives the candidates, its losses the "before"
  const compiled = compilePlan(scenario, opts.seed);
  const pre = new Evaluator(scenario, [], opts);
  const [baseSummary] = await pre.simulate([compiled]);
  const baseLosses = baseSummary!.losses;
  const risks = riskRegister(baseSummary!, compiled, scenario);
  const cands = candidatesOf(scenario, compiled, risks, opts, maxBudget);

  const ev = new Evaluator(scenario, cands, opts);
  ev.simulated = pre.simulated;
  const before = objectiveOf(baseLosses, opts.objective);
  ev.cache.set(Evaluator.key([]), before);
  const singles = await ev.objectives(cands.map((_, i) => [i]));

  // the frontier, made monotone: a larger budget never does worse than a smaller one's choice
  const points: Solution[] = [];
  let bestSoFar: Solution | undefined;
  for (const b of budgets) {
    let s = await searchAt(b, ev, cands, before, singles);
    if (bestSoFar && better(bestSoFar, s)) s = bestSoFar;
    bestSoFar = s;
    points.push(s);
  }
  const asPlacements = (set: readonly number[]): Placement[] =>
    [...set]
      .sort((a, b) => a - b)
      .map((i) => ({ control: cands[i]!.control, target: cands[i]!.target, targetKind: cands[i]!.targetKind, cost: cands[i]!.cost }));
  const frontier = budgets.map((b, j) => ({ budget: b, cost: points[j]!.cost, objective: points[j]!.objective, chosen: asPlacements(points[j]!.set) }));

  const sol = points[budgets.indexOf(opts.budget)]!;
  const afterLosses = sol.set.length ? await ev.losses(sol.set) : baseLosses;
  const after = objectiveOf(afterLosses, opts.objective);
  return {
    scenario: scenario.name,
    currency: scenario.currency ?? 'USD',
    budget: opts.budget,
    objective: opts.objective,
    trials: opts.trials,
    seed: opts.seed,
    candidates: cands,
    chosen: asPlacements(sol.set),
    cost: sol.cost,
    before,
    after,
    reduction: pairedReduction(baseLosses, afterLosses, opts.objective),
    frontier,
    simulations: ev.cache.size,
  };
}

/**
 * The objective of each given set of placements over the trials `optimizeControls` uses (for
 * checking it, e.g. against brute force). Sets are lists of indices into `placements`.
 */
export async function evaluatePlacementSets(
  scenario: Scenario,
  placements: readonly PlacementRef[],
  sets: ReadonlyArray<readonly number[]>,
  opts: Pick<OptimizeOptions, 'objective' | 'trials' | 'seed' | 'rangeTrials'>,
): Promise<{ objectives: number[]; costs: number[] }> {
  const full: OptimizeOptions = { ...opts, budget: 0, candidates: [...placements] };
  const compiled = compilePlan(scenario, opts.seed);
  const [base] = await new Evaluator(scenario, [], full).simulate([compiled]);
  const risks = riskRegister(base!, compiled, scenario);
  const cands = candidatesOf(scenario, compiled, risks, full, Infinity);
  const ev = new Evaluator(scenario, cands, full);
  const objectives = await ev.objectives(sets);
  return { objectives, costs: sets.map((s) => costOf(s, cands)) };
}
