// The cascades and common causes the side panel lists for a site or lane, read from the scenario:
// an event here opening windows (out), windows raising a threat here (in), both for same-target, and
// the common-cause threats with the number of targets each event hits; and the register's cascade
// and common cause as the views get them (riskBriefs).
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../engine/model/schema.js';
import type { Results } from '../../../engine/results/schema.js';
import { riskBriefs } from '../../../explorer/model/build-view-data.js';
import { targetCascades } from '../../../explorer/model/cascades.js';
import { triggerText } from '../../../explorer/views/parts/cascade.js';
import { cascadeScenario } from '../panel/cascade-scenario.js';

const scenario = cascadeScenario() as Scenario;
const texts = (kind: 'site' | 'lane', id: string) => targetCascades(scenario, kind, id).cascades.map((c) => `${c.role}: ${triggerText(c)}`);

describe('targetCascades', () => {
  it('targetCascades lists at a site the windows its events open: on the lanes leaving it, on itself, on the targets in its region', () => {
    expect(texts('site', 'wh')).toEqual([
      'both: Fire → Ransomware × 2 for 10 days (this site)',
      'out: Ransomware → Road theft × 3 for 30 days (the lane leaving this site)',
      'out: Port strike → Road theft × 1.5 for 5 days (targets in region NL)',
    ]);
  });

  it('targetCascades lists on a lane the windows that raise its threats: from the site it starts at, from its region', () => {
    expect(texts('lane', 'l2')).toEqual([
      'in: Ransomware → Road theft × 3 for 30 days (this lane, after an event at Venlo warehouse, where it starts)',
      'in: Port strike → Road theft × 1.5 for 5 days (this lane, after an event anywhere in region NL)',
    ]);
    // l1 leaves the supplier in CN: no trigger threat hits there; l3 is rail, which road theft does not apply to
    expect(texts('lane', 'l1')).toEqual([]);
    expect(texts('lane', 'l3')).toEqual([]);
  });

  it('targetCascades counts the lanes a site-wide scope raises, and lists nothing for a target it does not know', () => {
    const wider = structuredClone(scenario);
    wider.lanes!.push({ id: 'l5', from: 'wh', to: 'sup', mode: 'road', transitDays: 4 });
    expect(targetCascades(wider, 'site', 'wh').cascades.map((c) => c.where)).toContain('the 2 lanes leaving this site');
    expect(targetCascades(scenario, 'site', 'nowhere')).toEqual({ cascades: [], joint: [] });
  });

  it('targetCascades names the common-cause threats on a target with the number of targets each event hits', () => {
    expect(targetCascades(scenario, 'site', 'wh').joint).toEqual([{ threatId: 'strike', threat: 'Port strike', targets: 2 }]);
    expect(targetCascades(scenario, 'site', 'sup').joint).toEqual([]);
  });
});

describe('riskBriefs: cascades and common causes from the results', () => {
  it('riskBriefs carries a risk\'s cascade with the raising threats\' names, and its common cause; nothing for other risks', () => {
    const row = { id: 'theft-road@l2', threat: 'theft-road', category: 'theft', target: 'l2', targetKind: 'lane', eal: 100, tailContribution: 50, likelihood: 2, impact: 2, level: 'low', borderline: false };
    const results = {
      risks: [
        { ...row, cascade: { triggeredBy: ['ransomware', 'unknown-id'], factor: 3, excessEventsPerTrial: 0.1, excessEal: 25 } },
        { ...row, id: 'strike@wh', threat: 'strike', target: 'wh', targetKind: 'site', joint: { targets: 2 } },
        { ...row, id: 'fire@wh', threat: 'fire', target: 'wh', targetKind: 'site' },
      ],
    } as unknown as Results;
    const [raised, joint, plain] = riskBriefs(results, scenario);
    expect(raised!.cascade).toEqual({ triggeredBy: ['Ransomware', 'unknown-id'], factor: 3, excessEventsPerTrial: 0.1, excessEal: 25 });
    expect(raised!.jointTargets).toBeUndefined();
    expect(joint!.jointTargets).toBe(2);
    expect(Object.keys(plain!)).not.toContain('cascade');
    expect(Object.keys(plain!)).not.toContain('jointTargets');
  });
});
