// `chainward import --base`: what of the base scenario no longer fits the imported network is left
// out, each with a warning (docs/import-export.md, "The base scenario"). A base flow whose sites or
// lanes are gone, a threat whose listed targets are all gone (one with some left keeps those), a
// trigger of a threat left out, a control effect naming a threat no longer there, and a treatment
// naming anything that is gone — a treatment is one decision, so it goes whole, never half.
import { CATEGORIES, type Change, type Scenario, type Selector, type Threat, type Treatment } from '../model/schema.js';
import type { TableName } from './csv-tables.js';

/** A warning about an entry of the base, by its JSON path in the base file. */
export interface BaseWarning {
  path: string;
  message: string;
}

/** The base lists that can lose entries: for each entry kept, its index in the base. */
export type KeptIndex = Partial<Record<'flows' | 'threats' | 'controls' | 'treatments', number[]>>;

export interface PruneResult {
  scenario: Scenario;
  kept: KeptIndex;
  warnings: BaseWarning[];
}

const q = (s: string) => JSON.stringify(s);

/** What a treatment names that the network does not have (or adds that it has), or undefined when it fits. */
function treatmentMisfit(t: Treatment, net: { sites: Set<string>; lanes: Set<string>; flows: Set<string>; carriers: Set<string> }): string | undefined {
  const sites = new Set(net.sites);
  const lanes = new Set(net.lanes);
  const selector = (s: Selector): string | undefined => {
    const known = s.kind === 'site' ? sites : lanes;
    const gone = (s.ids ?? []).find((id) => !known.has(id));
    return gone === undefined ? undefined : `it names ${s.kind} ${q(gone)}, which the imported network does not have`;
  };
  for (const ch of t.changes as Change[]) {
    let why: string | undefined;
    if ('addSites' in ch) {
      const twice = ch.addSites.find((s) => sites.has(s.id));
      if (twice) why = `it adds site ${q(twice.id)}, which the imported network has already`;
      for (const s of ch.addSites) sites.add(s.id);
    } else if ('addLanes' in ch) {
      for (const l of ch.addLanes) {
        if (lanes.has(l.id)) why ??= `it adds lane ${q(l.id)}, which the imported network has already`;
        const end = [l.from, l.to].find((s) => !sites.has(s));
        if (end !== undefined) why ??= `it adds a lane from or to site ${q(end)}, which the imported network does not have`;
        if (l.carrier !== undefined && !net.carriers.has(l.carrier)) why ??= `it names carrier ${q(l.carrier)}, which the scenario does not have`;
        lanes.add(l.id);
      }
    } else if ('addControls' in ch) why = selector(ch.to);
    else if ('removeControls' in ch) why = selector(ch.from);
    else if ('setCarrier' in ch) {
      if (!net.carriers.has(ch.setCarrier)) why = `it names carrier ${q(ch.setCarrier)}, which the scenario does not have`;
      const gone = ch.lanes.find((l) => !lanes.has(l));
      if (gone !== undefined) why ??= `it names lane ${q(gone)}, which the imported network does not have`;
    } else if ('route' in ch) {
      if (!net.flows.has(ch.route.flow)) why = `it names flow ${q(ch.route.flow)}, which the scenario does not have`;
      const gone = ch.route.path.find((l) => !lanes.has(l));
      if (gone !== undefined) why ??= `it names lane ${q(gone)}, which the imported network does not have`;
    } else if ('setBuffer' in ch && !net.flows.has(ch.setBuffer.flow)) why = `it names flow ${q(ch.setBuffer.flow)}, which the scenario does not have`;
    if (why !== undefined) return why;
  }
  return undefined;
}

/**
 * Leaves out of `scenario` (the base with the imported lists in place; `fromCsv` names them) what
 * refers to sites, lanes, flows, carriers or threats it no longer has.
 */
export function pruneBase(scenario: Scenario, fromCsv: ReadonlySet<TableName>): PruneResult {
  const warnings: BaseWarning[] = [];
  const kept: KeptIndex = {};
  const sites = new Set(scenario.sites.map((s) => s.id));
  const lanes = new Set((scenario.lanes ?? []).map((l) => l.id));
  const carriers = new Set((scenario.carriers ?? []).map((c) => c.id));
  const out: Scenario = { ...scenario };

  if (!fromCsv.has('flows') && scenario.flows) {
    kept.flows = [];
    out.flows = scenario.flows.filter((f, i) => {
      const site = [f.from, f.to].find((s) => !sites.has(s));
      const lane = (f.path ?? []).find((l) => !lanes.has(l));
      const why = site !== undefined ? `site ${q(site)}` : lane !== undefined ? `lane ${q(lane)}` : undefined;
      if (why === undefined) kept.flows!.push(i);
      else warnings.push({ path: `flows[${i}]`, message: `flow ${q(f.id)} left out: it names ${why}, which the imported network does not have` });
      return why === undefined;
    });
  }
  const flows = new Set((out.flows ?? []).map((f) => f.id));

  if (!fromCsv.has('threats')) {
    kept.threats = [];
    const threats: Threat[] = [];
    scenario.threats.forEach((t, i) => {
      const ids = t.appliesTo.ids;
      const known = t.appliesTo.kind === 'site' ? sites : lanes;
      const gone = (ids ?? []).filter((id) => !known.has(id));
      if (ids && gone.length === ids.length && ids.length > 0) {
        warnings.push({ path: `threats[${i}]`, message: `threat ${q(t.id)} left out: none of the ${t.appliesTo.kind}s it applies to (${gone.map(q).join(', ')}) is in the imported network` });
        return;
      }
      kept.threats!.push(i);
      if (gone.length === 0) threats.push(t);
      else {
        warnings.push({ path: `threats[${i}].appliesTo.ids`, message: `threat ${q(t.id)} keeps ${ids!.length - gone.length} of its ${t.appliesTo.kind}s: ${gone.map(q).join(', ')} ${gone.length === 1 ? 'is' : 'are'} not in the imported network` });
        threats.push({ ...t, appliesTo: { ...t.appliesTo, ids: ids!.filter((id) => known.has(id)) } });
      }
    });
    const left = new Set(threats.map((t) => t.id));
    out.threats = threats.map((t, j) => {
      if (!t.triggers || t.triggers.every((tr) => left.has(tr.threat))) return t;
      const i = kept.threats![j]!;
      for (const tr of t.triggers.filter((x) => !left.has(x.threat))) warnings.push({ path: `threats[${i}].triggers`, message: `threat ${q(t.id)}: its trigger of ${q(tr.threat)} left out with that threat` });
      const triggers = t.triggers.filter((tr) => left.has(tr.threat));
      const { triggers: _dropped, ...rest } = t;
      return triggers.length > 0 ? { ...rest, triggers } : rest;
    });
  }

  if (scenario.controls) {
    const effectKeys = new Set<string>([...CATEGORIES, ...out.threats.map((t) => t.id)]);
    out.controls = scenario.controls.map((c, i) => {
      const gone = Object.keys(c.effects).filter((k) => !effectKeys.has(k));
      if (gone.length === 0) return c;
      warnings.push({ path: `controls[${i}].effects`, message: `control ${q(c.id)}: its effect on ${gone.map(q).join(', ')} left out: the scenario has no such threat` });
      const effects: typeof c.effects = {};
      for (const [k, v] of Object.entries(c.effects)) if (effectKeys.has(k)) Object.defineProperty(effects, k, { value: v, enumerable: true, writable: true, configurable: true });
      return { ...c, effects };
    });
  }

  if (scenario.treatments) {
    kept.treatments = [];
    out.treatments = scenario.treatments.filter((t, i) => {
      const why = treatmentMisfit(t, { sites, lanes, flows, carriers });
      if (why === undefined) kept.treatments!.push(i);
      else warnings.push({ path: `treatments[${i}]`, message: `treatment ${q(t.id)} left out: ${why}` });
      return why === undefined;
    });
  }

  if (scenario.calibration) {
    delete out.calibration;
    warnings.push({ path: 'calibration', message: `left out: it describes incidents on the base's network (${scenario.calibration.incidents}); calibrate the imported scenario to its own log` });
  }
  return { scenario: out, kept, warnings };
}
