// Warnings about a valid scenario: parts that are allowed but can never do anything, which a
// scenario author would otherwise only discover as a missing risk or an unexplained zero in the
// results. A threat that selects nothing, a region factor for a region none of its targets is in, a
// fraction-of-value loss where there is no value or no shipment, a control where no threat it acts
// on applies. A warning never makes a scenario invalid (docs/scenario-format.md, "Warnings").
//
// Part of the isomorphic engine core: no Node.js imports. Warnings come in a fixed order (sites,
// lanes, threats, treatments, each in document order) so that results stay the same bytes.
import { controlsOf } from '../catalog/controls-of.js';
import { laneRegion } from '../model/selector.js';
import { controlEffect } from '../model/control-effect.js';
import { textWarningsOf } from './duplicate-keys.js';
import { Suggester } from '../text/did-you-mean.js';
import { formatPath, type PathSegment } from '../model/json-path.js';
import type { Control, Lane, Scenario, Selector, Site, Threat, TriggerScope } from '../model/schema.js';
import { selectsLane, selectsSite } from '../model/selector.js';
import type { ValidationIssue } from './validate.js';

/** A warning about a scenario: where (a JSON path such as `threats[2].appliesTo`) and what. */
export type ScenarioWarning = ValidationIssue;

/** Targets named in a warning before the rest are counted ("… and 12 more"). */
export const MAX_LISTED = 5;

/** A site or lane a selector can pick, with its region resolved. */
type Target = { kind: 'site'; id: string; region: string | undefined; site: Site } | { kind: 'lane'; id: string; region: string | undefined; lane: Lane };

// Warnings by scenario object: an analysis session analyses the same (never mutated) scenario again
// for each what-if, and on a network of 100 000 sites finding them takes about a second.
const cache = new WeakMap<Scenario, readonly ScenarioWarning[]>();

/** The did-you-mean hints of one scenario's warnings: one budget of work shared by all (engine/text/did-you-mean.ts). */
let hints = new Suggester();
const suggestion = (word: string, candidates: Iterable<string>): string => hints.suggestion(word, candidates);

/** The warnings a valid scenario deserves, in a fixed order (see the file comment). */
export function scenarioWarnings(scenario: Scenario): ScenarioWarning[] {
  let found = cache.get(scenario);
  // the text's warnings (a key that appears twice, engine/validate/duplicate-keys.ts) come first
  if (found === undefined) cache.set(scenario, (found = [...textWarningsOf(scenario), ...findWarnings(scenario)]));
  return found.map((w) => ({ ...w }));
}

function findWarnings(scenario: Scenario): ScenarioWarning[] {
  hints = new Suggester();
  const out: ScenarioWarning[] = [];
  const warn = (path: PathSegment[], message: string) => out.push({ path: formatPath(path), message });
  const sites = scenario.sites;
  const lanes = scenario.lanes ?? [];
  const sitesById = new Map(sites.map((s) => [s.id, s]));
  const controls = controlsOf(scenario);
  const threats = scenario.threats;
  const siteTargets: Target[] = sites.map((site) => ({ kind: 'site', id: site.id, region: site.region, site }));
  const laneTargets: Target[] = lanes.map((lane) => ({ kind: 'lane', id: lane.id, region: laneRegion(lane, sitesById), lane }));
  const added = treatmentTargets(scenario, sitesById);

  // which base targets each threat applies to (sites and lanes by index in their own list)
  const matched: number[][] = threats.map((t) => matchAll(t.appliesTo, t.appliesTo.kind === 'site' ? siteTargets : laneTargets));
  // the threats on each site and lane that has controls, in threat order
  const onSite = new Map<number, number[]>();
  const onLane = new Map<number, number[]>();
  sites.forEach((s, i) => s.controls?.length && onSite.set(i, []));
  lanes.forEach((l, i) => l.controls?.length && onLane.set(i, []));
  threats.forEach((t, k) => {
    const on = t.appliesTo.kind === 'site' ? onSite : onLane;
    for (const i of matched[k]!) on.get(i)?.push(k);
  });
  const threatsOn = (kind: 'site' | 'lane', i: number): number[] => (kind === 'site' ? onSite : onLane).get(i) ?? [];

  // --- controls placed on sites and lanes where none of the threats they act on applies
  // whether control c acts on threat k, by control id (large networks place few controls many times)
  const acting = new Map<string, Uint8Array>();
  const actsOnThreat = (control: Control, k: number): boolean => {
    let row = acting.get(control.id);
    if (row === undefined) acting.set(control.id, (row = Uint8Array.from(threats, (t) => (actsOn(control, t) ? 1 : 0))));
    return row[k] === 1;
  };
  function placedControls(path: PathSegment[], ids: string[] | undefined, kind: 'site' | 'lane', targetId: string, on: number[]): void {
    (ids ?? []).forEach((cid, j) => {
      const control = controls.get(cid);
      if (control === undefined || on.some((k) => actsOnThreat(control, k))) return;
      warn([...path, j], `control "${cid}" acts on ${effectList(control)}, but no such threat applies to ${kind} "${targetId}": it changes nothing there`);
    });
  }
  sites.forEach((site, i) => placedControls(['sites', i, 'controls'], site.controls, 'site', site.id, threatsOn('site', i)));
  lanes.forEach((lane, i) => placedControls(['lanes', i, 'controls'], lane.controls, 'lane', lane.id, threatsOn('lane', i)));

  // --- threats
  let everywhere: Set<string> | undefined; // every region a site or lane has, treatments' included
  const usable = lanesFlowsCanUse(scenario, threats, matched);
  const threatIndex = new Map<string, number>(); // a threat's index by its id, for triggers
  threats.forEach((t, k) => threatIndex.has(t.id) || threatIndex.set(t.id, k));
  /** The sites or lanes threat k applies to, those treatments add included. */
  const targetsOf = (k: number): Target[] => {
    const t = threats[k]!;
    const kind = t.appliesTo.kind;
    const base = kind === 'site' ? siteTargets : laneTargets;
    return [...matched[k]!.map((i) => base[i]!), ...matchAll(t.appliesTo, added[kind]).map((i) => added[kind][i]!)];
  };
  threats.forEach((t, k) => {
    threatWarnings(t, k);
    triggerWarnings(t, k);
  });

  function threatWarnings(t: Threat, k: number): void {
    const kind = t.appliesTo.kind;
    const base = kind === 'site' ? siteTargets : laneTargets;
    const mine = matched[k]!.map((i) => base[i]!);
    const extra = matchAll(t.appliesTo, added[kind]).map((i) => added[kind][i]!);
    if (mine.length === 0 && extra.length === 0) {
      warn(['threats', k, 'appliesTo'], `selects no ${kind} (${whyNothing(t.appliesTo, base)}): threat "${t.id}" never happens`);
      return;
    }
    selectorRegionWarnings(['threats', k, 'appliesTo'], t.appliesTo);
    regionFactorWarnings(t, k, [...mine, ...extra]);
    if (kind === 'site' && t.loss && 'fraction' in t.loss) {
      const empty = [...mine, ...extra].filter((s) => s.kind === 'site' && !((s.site.value ?? 0) > 0));
      if (empty.length > 0) {
        warn(['threats', k, 'loss', 'fraction'], `a share of the site's value, but ${listIds(empty, 'site')} ${empty.length === 1 ? 'has' : 'have'} no value: threat "${t.id}" loses nothing there`);
      }
    }
    if (kind === 'lane') {
      const idle = matched[k]!.filter((i) => !usable[i]).map((i) => laneTargets[i]!);
      if (idle.length === 0) return;
      const lanesText = `no flow can travel ${listIds(idle, 'lane')} (${idle.length === 1 ? 'it is' : 'they are'} on no way from any flow's origin to its destination)`;
      if ('perShipment' in t.frequency) warn(['threats', k, 'frequency', 'perShipment'], `counts the shipments on a lane, but ${lanesText}: threat "${t.id}" never happens there`);
      else if (t.loss && 'fraction' in t.loss) warn(['threats', k, 'loss', 'fraction'], `a share of the shipment hit, but ${lanesText}: no shipment to hit, threat "${t.id}" loses nothing there`);
    }
  }

  // --- triggers (cascades) that can change nothing: a factor of 1, or no target of the raised threat in scope
  function triggerWarnings(t: Threat, k: number): void {
    (t.triggers ?? []).forEach((tr, j) => {
      const at: PathSegment[] = ['threats', k, 'triggers', j];
      if (tr.factor === 1) warn([...at, 'factor'], `1 leaves the rate of threat "${tr.threat}" as it is: this trigger changes nothing`);
      const r = threatIndex.get(tr.threat);
      if (r === undefined) return;
      const ours = targetsOf(k);
      const theirs = targetsOf(r);
      // a threat that selects nothing has its own warning
      if (ours.length === 0 || theirs.length === 0) return;
      const why = outOfScope(tr.scope, t, ours, threats[r]!, theirs);
      if (why !== undefined) warn([...at, 'scope'], `${why}: this trigger never raises anything`);
    });
  }

  /** A region in a selector that no site or lane has (the selector still picks others): a likely typo. */
  function selectorRegionWarnings(path: PathSegment[], sel: Selector): void {
    (sel.regions ?? []).forEach((region, j) => {
      everywhere ??= regionsOf([siteTargets, laneTargets, added.site, added.lane]);
      if (!everywhere.has(region)) warn([...path, 'regions', j], `no site or lane has region "${region}"${suggestion(region, everywhere)}: it selects nothing`);
    });
  }

  function regionFactorWarnings(t: Threat, k: number, targets: Target[]): void {
    const factors = t.regionFactors;
    if (!factors) return;
    const theirs = regionsOf([targets]);
    everywhere ??= regionsOf([siteTargets, laneTargets, added.site, added.lane]);
    for (const region of Object.keys(factors)) {
      if (theirs.has(region)) continue;
      const kind = t.appliesTo.kind;
      const message = everywhere!.has(region)
        ? `none of the ${kind}s threat "${t.id}" applies to is in region "${region}"${regionsHint(theirs)}: this factor never applies`
        : `no site or lane has region "${region}"${suggestion(region, everywhere!)}: this factor never applies`;
      warn(['threats', k, 'regionFactors', region], message);
    }
  }

  // --- treatments: controls added where they act on nothing
  (scenario.treatments ?? []).forEach((tr, i) => {
    const extraSites: Target[] = [];
    const extraLanes: Target[] = [];
    const newSites = new Map<string, Site>();
    tr.changes.forEach((ch, j) => {
      if ('addSites' in ch) for (const s of ch.addSites) (newSites.set(s.id, s), extraSites.push({ kind: 'site', id: s.id, region: s.region, site: s }));
      if ('addLanes' in ch) for (const l of ch.addLanes) extraLanes.push(addedLane(l, newSites, sitesById));
      if (!('addControls' in ch)) return;
      const kind = ch.to.kind;
      const base = kind === 'site' ? siteTargets : laneTargets;
      const extra = kind === 'site' ? extraSites : extraLanes;
      const picked = matchAll(ch.to, base);
      const pickedExtra = matchAll(ch.to, extra).map((x) => extra[x]!);
      const at: PathSegment[] = ['treatments', i, 'changes', j];
      if (picked.length === 0 && pickedExtra.length === 0) {
        warn([...at, 'to'], `selects no ${kind} (${whyNothing(ch.to, [...base, ...extra])}): the controls of this change go nowhere`);
        return;
      }
      selectorRegionWarnings([...at, 'to'], ch.to);
      const chosen = listIds([...picked.map((x) => base[x]!), ...pickedExtra], kind);
      ch.addControls.forEach((cid, c) => {
        const control = controls.get(cid);
        if (control === undefined) return;
        const acts = threats.some(
          (t, k) =>
            t.appliesTo.kind === kind &&
            actsOnThreat(control, k) &&
            (picked.some((x) => binaryHas(matched[k]!, x)) || pickedExtra.some((x) => selects(t.appliesTo, x))),
        );
        if (!acts) warn([...at, 'addControls', c], `control "${cid}" acts on ${effectList(control)}, but no such threat applies to ${chosen}, which this change selects: it changes nothing`);
      });
    });
  });

  return out;
}

/** Why no target of the raised threat is ever in a trigger's scope, or undefined when one can be. */
function outOfScope(scope: TriggerScope, from: Threat, ours: readonly Target[], to: Threat, theirs: readonly Target[]): string | undefined {
  if (scope === 'same-target') {
    const ids = new Set(ours.map((x) => x.id));
    return theirs.some((x) => ids.has(x.id)) ? undefined : `threats "${from.id}" and "${to.id}" apply to no ${from.appliesTo.kind} in common`;
  }
  if (scope === 'lanes-from' || scope === 'lanes-to') {
    const sites = new Set(ours.map((x) => x.id));
    const end = scope === 'lanes-from' ? 'from' : 'to';
    if (theirs.some((x) => x.kind === 'lane' && sites.has(x.lane[end]))) return undefined;
    return `no lane threat "${to.id}" applies to ${scope === 'lanes-from' ? 'leaves' : 'enters'} a site threat "${from.id}" applies to`;
  }
  const regions = regionsOf([ours]);
  if (regions.size === 0) return `none of the ${from.appliesTo.kind}s threat "${from.id}" applies to has a region`;
  if (theirs.some((x) => x.region !== undefined && regions.has(x.region))) return undefined;
  const list = [...regions].sort();
  const shown = `${list.slice(0, MAX_LISTED).join(', ')}${list.length > MAX_LISTED ? ` … and ${list.length - MAX_LISTED} more` : ''}`;
  return `none of the ${to.appliesTo.kind}s threat "${to.id}" applies to is in a region of the ${from.appliesTo.kind}s "${from.id}" applies to (${shown})`;
}

function regionsOf(lists: ReadonlyArray<readonly Target[]>): Set<string> {
  const out = new Set<string>();
  for (const list of lists) for (const x of list) if (x.region !== undefined) out.add(x.region);
  return out;
}

/** Whether `sel` picks `target`. */
function selects(sel: Selector, target: Target): boolean {
  return target.kind === 'site' ? selectsSite(sel, target.site) : selectsLane(sel, target.lane, target.region);
}

/** Indices (ascending) of the targets `sel` picks. */
function matchAll(sel: Selector, targets: readonly Target[]): number[] {
  const out: number[] = [];
  targets.forEach((t, i) => selects(sel, t) && out.push(i));
  return out;
}

function binaryHas(sorted: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Whether a control has an effect for a threat (by its id or its category), as the plan compiler reads it. */
function actsOn(control: Control, t: Threat): boolean {
  return controlEffect(control, t.id, t.category) !== undefined;
}

function effectList(control: Control): string {
  const keys = Object.keys(control.effects);
  return keys.length === 0 ? 'no threat' : keys.join(', ');
}

/** `"a", "b" … and 12 more`, the first MAX_LISTED ids of `targets`, with "site"/"sites" before them. */
function listIds(targets: readonly Target[], kind: 'site' | 'lane'): string {
  const shown = targets.slice(0, MAX_LISTED).map((t) => `"${t.id}"`).join(', ');
  const more = targets.length - MAX_LISTED;
  return `${kind}${targets.length === 1 ? '' : 's'} ${shown}${more > 0 ? ` … and ${more} more` : ''}`;
}

function regionsHint(regions: Set<string>): string {
  if (regions.size === 0) return ', none has a region';
  const list = [...regions].sort();
  return ` (they are in ${list.slice(0, MAX_LISTED).join(', ')}${list.length > MAX_LISTED ? ` … and ${list.length - MAX_LISTED} more` : ''})`;
}

/** Why a selector picks nothing: the first given field that no target has on its own, else the combination. */
function whyNothing(sel: Selector, targets: readonly Target[]): string {
  const kind = sel.kind;
  const pool = targets.filter((t) => t.kind === kind);
  if (pool.length === 0) return `the scenario has no ${kind}s`;
  if (kind === 'site' && sel.siteKinds) {
    const kinds = new Set(pool.map((t) => (t.kind === 'site' ? t.site.kind : '')));
    if (!sel.siteKinds.some((k) => kinds.has(k))) return `no site is of kind ${orList(sel.siteKinds)}`;
  }
  if (kind === 'lane' && sel.modes) {
    const modes = new Set(pool.map((t) => (t.kind === 'lane' ? t.lane.mode : '')));
    if (!sel.modes.some((m) => modes.has(m))) return `no lane has mode ${orList(sel.modes)}`;
  }
  if (sel.regions) {
    const regions = new Set<string>();
    for (const t of pool) if (t.region !== undefined) regions.add(t.region);
    if (!sel.regions.some((r) => regions.has(r))) {
      const hint = sel.regions.length === 1 ? suggestion(sel.regions[0]!, regions) : '';
      return `no ${kind} is in region ${orList(sel.regions)}${hint}`;
    }
  }
  if (sel.tags) {
    const tags = new Set<string>();
    for (const t of pool) for (const g of (t.kind === 'site' ? t.site.tags : t.lane.tags) ?? []) tags.add(g);
    if (!sel.tags.some((g) => tags.has(g))) {
      const hint = sel.tags.length === 1 ? suggestion(sel.tags[0]!, tags) : '';
      return `no ${kind} has tag ${orList(sel.tags)}${hint}`;
    }
  }
  return `no ${kind} has all the given fields at once`;
}

function orList(words: readonly string[]): string {
  const q = words.map((w) => `"${w}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** Sites and lanes that treatments add (a threat that applies only to them is not idle). */
function treatmentTargets(scenario: Scenario, sitesById: Map<string, Site>): { site: Target[]; lane: Target[] } {
  const site: Target[] = [];
  const lane: Target[] = [];
  for (const tr of scenario.treatments ?? []) {
    const newSites = new Map<string, Site>();
    for (const ch of tr.changes) {
      if ('addSites' in ch) for (const s of ch.addSites) (newSites.set(s.id, s), site.push({ kind: 'site', id: s.id, region: s.region, site: s }));
      if ('addLanes' in ch) for (const l of ch.addLanes) lane.push(addedLane(l, newSites, sitesById));
    }
  }
  return { site, lane };
}

/** A lane a treatment adds, its region resolved over the scenario's sites and those the treatment added before it. */
function addedLane(lane: Lane, newSites: Map<string, Site>, sitesById: Map<string, Site>): Target {
  return { kind: 'lane', id: lane.id, region: lane.region ?? (newSites.get(lane.from) ?? sitesById.get(lane.from))?.region, lane };
}

/**
 * Which lanes some flow could ever travel: a lane whose origin can be reached from a flow's origin
 * and whose end leads on to that flow's destination (the lanes an outage can matter to, as the
 * simulation defines them). That covers the primary routes, detours, treatments' routes and the
 * alternatives `routes` compares; the sites and lanes treatments add count as part of the network.
 * A lane outside all of them never carries a shipment. The test is reachability, so a lane that only
 * a walk with a loop could use still counts as usable: whether a lane lies on some loop-free path is
 * NP-complete in general, and a missed warning is better than a false one. Only worked out when some
 * lane threat counts shipments or loses a share of one (otherwise every lane counts as usable).
 */
function lanesFlowsCanUse(scenario: Scenario, threats: readonly Threat[], matched: number[][]): Uint8Array {
  const lanes = scenario.lanes ?? [];
  const usable = new Uint8Array(lanes.length);
  const needed = threats.some((t, k) => t.appliesTo.kind === 'lane' && matched[k]!.length > 0 && ('perShipment' in t.frequency || (t.loss !== undefined && 'fraction' in t.loss)));
  if (!needed || lanes.length === 0) return usable.fill(1);
  // the network with every site and lane any treatment adds: nodes by site id, edges by lane index
  const node = new Map<string, number>();
  const nodeOf = (id: string) => {
    let n = node.get(id);
    if (n === undefined) node.set(id, (n = node.size));
    return n;
  };
  for (const site of scenario.sites) nodeOf(site.id);
  const from: number[] = [];
  const to: number[] = [];
  for (const l of lanes) from.push(nodeOf(l.from)), to.push(nodeOf(l.to));
  for (const tr of scenario.treatments ?? []) {
    for (const ch of tr.changes) {
      if ('addSites' in ch) for (const site of ch.addSites) nodeOf(site.id);
      if ('addLanes' in ch) for (const l of ch.addLanes) from.push(nodeOf(l.from)), to.push(nodeOf(l.to));
    }
  }
  const N = node.size;
  const outs: number[][] = Array.from({ length: N }, () => []);
  const ins: number[][] = Array.from({ length: N }, () => []);
  from.forEach((u, e) => (outs[u]!.push(e), ins[to[e]!]!.push(e)));
  const fwd = new Uint8Array(N);
  const bwd = new Uint8Array(N);
  const search = (start: number, marks: Uint8Array, edges: number[][], next: number[], within?: Uint8Array): number[] => {
    const seen = [start];
    marks[start] = 1;
    for (let head = 0; head < seen.length; head++) {
      for (const e of edges[seen[head]!]!) {
        const v = next[e]!;
        if (!marks[v] && (within === undefined || within[v])) (marks[v] = 1), seen.push(v);
      }
    }
    return seen;
  };
  const done = new Set<string>();
  for (const f of scenario.flows ?? []) {
    const key = `${f.from}\u0000${f.to}`;
    if (done.has(key)) continue;
    done.add(key);
    const a = nodeOf(f.from);
    const b = nodeOf(f.to);
    const forward = search(a, fwd, outs, to);
    if (fwd[b]) {
      // sites between the two ends: reached from the origin and leading to the destination
      const between = search(b, bwd, ins, from, fwd);
      for (const u of between) for (const e of outs[u]!) if (e < lanes.length && bwd[to[e]!]) usable[e] = 1;
      for (const u of between) bwd[u] = 0;
    }
    for (const u of forward) fwd[u] = 0;
  }
  return usable;
}
