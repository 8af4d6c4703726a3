// The scenario's cascades and common causes as they act on one site or lane, for the side panel:
// triggers whose events here open windows (here or on lanes and targets in scope), triggers whose
// windows raise a threat here, and the common-cause threats hitting it (docs/scenario-format.md,
// "Cascades" and "Common cause"). Read from the scenario only; the results' figures come elsewhere.
import { laneRegion, selectsLane, selectsSite } from '../../engine/model/selector.js';
import type { Lane, Scenario, Site, Threat, Trigger } from '../../engine/model/schema.js';
import type { PanelCascade, PanelJoint } from './view-data.js';

interface Target {
  kind: 'site' | 'lane';
  id: string;
  region: string | undefined;
  site?: Site;
  lane?: Lane;
}

/** Whether an event of a trigger on `x` opens a window on `y`, by the trigger's scope. */
function reaches(scope: Trigger['scope'], x: Target, y: Target): boolean {
  switch (scope) {
    case 'same-target':
      return x === y;
    case 'lanes-from':
      return x.kind === 'site' && y.lane?.from === x.id;
    case 'lanes-to':
      return x.kind === 'site' && y.lane?.to === x.id;
    default:
      // a target without a region shares a region with nothing (as the kernel reads it)
      return x.region !== undefined && x.region === y.region;
  }
}

/**
 * The cascades and common-cause threats acting on site or lane `id`, in the order of the scenario's
 * threats and triggers. A trigger is listed when an event here raises some target of its threat
 * (`out`), when some event of the trigger threat raises a threat here (`in`), or both.
 */
export function targetCascades(scenario: Scenario, kind: 'site' | 'lane', id: string): { cascades: PanelCascade[]; joint: PanelJoint[] } {
  const sitesById = new Map(scenario.sites.map((s) => [s.id, s]));
  const targets: Target[] = [
    ...scenario.sites.map((s): Target => ({ kind: 'site', id: s.id, region: s.region, site: s })),
    ...(scenario.lanes ?? []).map((l): Target => ({ kind: 'lane', id: l.id, region: laneRegion(l, sitesById), lane: l })),
  ];
  const here = targets.find((t) => t.kind === kind && t.id === id);
  if (!here) return { cascades: [], joint: [] };
  const applies = (t: Threat, x: Target) => (x.site ? selectsSite(t.appliesTo, x.site) : x.lane ? selectsLane(t.appliesTo, x.lane, x.region) : false);
  const threats = new Map(scenario.threats.map((t) => [t.id, t]));
  const targetsOf = new Map<string, Target[]>();
  const of = (t: Threat): Target[] => {
    let list = targetsOf.get(t.id);
    if (!list) targetsOf.set(t.id, (list = targets.filter((x) => applies(t, x))));
    return list;
  };
  const name = (t: Threat) => t.name ?? t.id;
  const siteName = (siteId: string) => sitesById.get(siteId)?.name ?? siteId;

  const cascades: PanelCascade[] = [];
  for (const trigger of scenario.threats) {
    for (const trig of trigger.triggers ?? []) {
      const raised = threats.get(trig.threat);
      if (!raised) continue;
      const out = applies(trigger, here) && of(raised).some((y) => reaches(trig.scope, here, y));
      const into = applies(raised, here) && of(trigger).some((x) => reaches(trig.scope, x, here));
      if (!out && !into) continue;
      cascades.push({
        triggerId: trigger.id,
        trigger: name(trigger),
        raisedId: raised.id,
        raised: name(raised),
        factor: trig.factor,
        days: trig.days,
        scope: trig.scope,
        role: out && into ? 'both' : out ? 'out' : 'in',
        where: whereText(trig.scope, here, out, into, of(raised), siteName),
      });
    }
  }
  const joint = scenario.threats.filter((t) => t.jointly === true && applies(t, here)).map((t): PanelJoint => ({ threatId: t.id, threat: name(t), targets: of(t).length }));
  return { cascades, joint };
}

/** Where a trigger's window applies, seen from the selected target. */
function whereText(scope: Trigger['scope'], here: Target, out: boolean, into: boolean, raisedTargets: Target[], siteName: (id: string) => string): string {
  const self = `this ${here.kind}`;
  switch (scope) {
    case 'same-target':
      return self;
    case 'lanes-from':
    case 'lanes-to': {
      const leaving = scope === 'lanes-from';
      if (here.kind === 'site') {
        const n = raisedTargets.filter((y) => reaches(scope, here, y)).length;
        return `${n === 1 ? 'the lane' : `the ${n} lanes`} ${leaving ? 'leaving' : 'entering'} this site`;
      }
      const end = leaving ? here.lane!.from : here.lane!.to;
      return `${self}, after an event at ${siteName(end)}, where it ${leaving ? 'starts' : 'ends'}`;
    }
    default: {
      const region = here.region ?? '';
      if (out && into) return `targets in region ${region}, ${self} among them`;
      return out ? `targets in region ${region}` : `${self}, after an event anywhere in region ${region}`;
    }
  }
}
