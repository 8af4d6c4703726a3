// Validation of cascades (threats' `triggers`) and common-cause threats (`jointly`): each rule's
// path and text, the loops of triggers, and the warnings about triggers that can change nothing.
import { describe, expect, it } from 'vitest';
import { triggerCycles } from '../../../engine/validate/trigger-cycles.js';
import { validateScenario, type ValidationIssue } from '../../../engine/validate/validate.js';
import { scenarioWarnings } from '../../../engine/validate/warnings.js';
import { minimalScenario, type Json } from '../../support/scenario-fixtures.js';

// The minimal scenario's threats: [0] theft-road (road lanes, perShipment), [1] fire (site wh),
// [2] ransomware (warehouse sites, so wh too). Lanes l1 sup→wh, l2 wh→cus, l3 wh→cus (rail), l4 cus→wh.
const DOC = '(docs/scenario-format.md, "Cascades")';

function issuesFor(mutate: (s: Json) => void): ValidationIssue[] {
  const s = minimalScenario();
  mutate(s);
  const r = validateScenario(s);
  expect(r.ok, 'expected the validator to reject the scenario').toBe(false);
  return r.issues;
}

function warningsFor(mutate: (s: Json) => void): ValidationIssue[] {
  const s = minimalScenario();
  mutate(s);
  const r = validateScenario(s);
  expect(r.issues).toEqual([]);
  if (!r.ok) return [];
  return scenarioWarnings(r.scenario).filter((w) => w.path.startsWith('threats'));
}

const trigger = (threat: string, scope: string, more: Json = {}) => ({ threat, factor: 3, days: 14, scope, ...more });

describe('validateScenario: triggers and jointly that are fine', () => {
  it('accepts a site threat raising a lane threat on the lanes leaving and entering the site, and in its region', () => {
    const s = minimalScenario();
    s.threats[1].triggers = [trigger('theft-road', 'lanes-from'), trigger('theft-road', 'lanes-to'), trigger('theft-road', 'region')];
    s.threats[2].triggers = [trigger('fire', 'same-target')];
    const r = validateScenario(s);
    expect(r.issues).toEqual([]);
    expect(r.ok && r.scenario.threats[1]!.triggers).toHaveLength(3);
  });

  it('a chain a → b → c is no loop, and a jointly threat may trigger others', () => {
    const s = minimalScenario();
    s.threats[2].triggers = [trigger('fire', 'same-target')];
    s.threats[1].triggers = [trigger('theft-road', 'lanes-from')];
    s.threats[2].jointly = true;
    expect(validateScenario(s).issues).toEqual([]);
  });
});

describe('validateScenario: triggers', () => {
  it('an unknown threat, with the nearest id suggested', () => {
    const issues = issuesFor((s) => (s.threats[1].triggers = [trigger('theft-raod', 'lanes-from')]));
    expect(issues).toEqual([{ path: 'threats[1].triggers[0].threat', message: 'unknown threat "theft-raod" (did you mean "theft-road"?)' }]);
  });

  it('a threat that triggers itself', () => {
    const issues = issuesFor((s) => (s.threats[1].triggers = [trigger('fire', 'same-target')]));
    expect(issues).toEqual([{ path: 'threats[1].triggers[0].threat', message: `trigger cycle "fire" → "fire": cascades must not loop ${DOC}` }]);
  });

  it('a loop of two is reported once, at its first trigger in the file', () => {
    const issues = issuesFor((s) => {
      s.threats[1].triggers = [trigger('ransomware', 'same-target')];
      s.threats[2].triggers = [trigger('fire', 'same-target')];
    });
    expect(issues).toEqual([{ path: 'threats[1].triggers[0].threat', message: `trigger cycle "fire" → "ransomware" → "fire": cascades must not loop ${DOC}` }]);
  });

  it('a loop of three, and a second loop beside it, each named', () => {
    const issues = issuesFor((s) => {
      s.threats.push({ id: 'strike', category: 'disruption', appliesTo: { kind: 'site' }, frequency: { perYear: 0.2 }, downtimeDays: { fixed: 2 } });
      s.threats[0].triggers = [trigger('fire', 'region')];
      s.threats[1].triggers = [trigger('ransomware', 'same-target'), trigger('strike', 'same-target')];
      s.threats[2].triggers = [trigger('theft-road', 'lanes-from')];
      s.threats[3].triggers = [trigger('fire', 'same-target')];
    });
    expect(issues).toEqual([
      { path: 'threats[0].triggers[0].threat', message: `trigger cycle "theft-road" → "fire" → "ransomware" → "theft-road": cascades must not loop ${DOC}` },
      { path: 'threats[1].triggers[1].threat', message: `trigger cycle "fire" → "strike" → "fire": cascades must not loop ${DOC}` },
    ]);
  });

  it('"same-target" across kinds', () => {
    const issues = issuesFor((s) => (s.threats[1].triggers = [trigger('theft-road', 'same-target')]));
    expect(issues).toEqual([
      {
        path: 'threats[1].triggers[0].scope',
        message:
          '"same-target" raises threat "theft-road" on the target an event of "fire" hits, but "fire" applies to sites and "theft-road" to lanes: expected scope "lanes-from", "lanes-to" or "region", or two threats of the same kind',
      },
    ]);
    const back = issuesFor((s) => (s.threats[0].triggers = [trigger('fire', 'same-target')]));
    expect(back[0]!.message).toContain('"theft-road" applies to lanes and "fire" to sites: expected scope "region", or two threats of the same kind');
  });

  it('"lanes-from" and "lanes-to" need a site threat raising a lane threat', () => {
    const both = issuesFor((s) => (s.threats[0].triggers = [trigger('fire', 'lanes-from')]));
    expect(both).toEqual([
      {
        path: 'threats[0].triggers[0].scope',
        message:
          '"lanes-from" raises threat "fire" on the lanes leaving the site an event of "theft-road" hits, but "theft-road" is a lane threat and "fire" a site threat: expected a site threat raising a lane threat, or scope "region"',
      },
    ]);
    const siteToSite = issuesFor((s) => (s.threats[1].triggers = [trigger('ransomware', 'lanes-to')]));
    expect(siteToSite).toEqual([
      {
        path: 'threats[1].triggers[0].scope',
        message:
          '"lanes-to" raises threat "ransomware" on the lanes entering the site an event of "fire" hits, but "ransomware" is a site threat: expected a site threat raising a lane threat, or scope "same-target" or "region"',
      },
    ]);
    const laneToLane = issuesFor((s) => {
      s.threats.push({ id: 'hijack', category: 'hijacking', appliesTo: { kind: 'lane' }, frequency: { perYear: 0.1 }, loss: { fraction: { fixed: 1 } } });
      s.threats[0].triggers = [trigger('hijack', 'lanes-from')];
    });
    expect(laneToLane[0]!.message).toContain('but "theft-road" is a lane threat: expected a site threat raising a lane threat, or scope "same-target" or "region"');
  });

  it('a trigger may not raise a jointly threat', () => {
    const issues = issuesFor((s) => {
      s.threats[2].jointly = true;
      s.threats[1].triggers = [trigger('ransomware', 'region')];
    });
    expect(issues).toEqual([
      {
        path: 'threats[1].triggers[0].threat',
        message: `threat "ransomware" is a common-cause threat ("jointly": true, one event stream for all its targets): a trigger cannot raise its rate on some targets only; expected a threat without "jointly" ${DOC}`,
      },
    ]);
  });

  it('factor, days and scope out of range, each at its path', () => {
    const issues = issuesFor((s) => (s.threats[1].triggers = [{ threat: 'theft-road', factor: 0.5, days: 0, scope: 'lane-from' }]));
    expect(issues).toEqual([
      { path: 'threats[1].triggers[0].factor', message: 'expected a number ≥ 1, got 0.5' },
      { path: 'threats[1].triggers[0].days', message: 'expected a number > 0, got 0' },
      { path: 'threats[1].triggers[0].scope', message: 'expected one of "same-target", "lanes-from", "lanes-to", "region", got "lane-from" (did you mean "lanes-from"?)' },
    ]);
    const big = issuesFor((s) => (s.threats[1].triggers = [{ threat: 'theft-road', factor: 1001, days: 40000, scope: 'region', windw: 1 }]));
    expect(big.map((i) => i.path).sort()).toEqual(['threats[1].triggers[0].days', 'threats[1].triggers[0].factor', 'threats[1].triggers[0].windw']);
  });

  it('a trigger without threat, or not an object, is a shape error and nothing more', () => {
    const issues = issuesFor((s) => (s.threats[1].triggers = [{ factor: 2, days: 1, scope: 'region' }, 'theft-road']));
    expect(issues).toEqual([
      { path: 'threats[1].triggers[0].threat', message: 'missing; expected string' },
      { path: 'threats[1].triggers[1]', message: 'expected object, got "theft-road"' },
    ]);
  });

  it('every problem at once: an unknown threat, a loop and a scope mismatch in one file', () => {
    const issues = issuesFor((s) => {
      s.threats[0].triggers = [trigger('fyre', 'region')];
      s.threats[1].triggers = [trigger('ransomware', 'same-target'), trigger('theft-road', 'same-target')];
      s.threats[2].triggers = [trigger('fire', 'same-target')];
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['threats[0].triggers[0].threat', 'threats[1].triggers[0].threat', 'threats[1].triggers[1].scope']);
  });
});

describe('validateScenario: jointly', () => {
  it('a jointly lane threat with a perShipment frequency', () => {
    const issues = issuesFor((s) => (s.threats[0].jointly = true));
    expect(issues).toEqual([
      {
        path: 'threats[0].frequency.perShipment',
        message: '"jointly": true needs one rate for all the threat\'s targets: expected perYear (a perShipment rate differs from lane to lane)',
      },
    ]);
  });

  it('jointly must be a boolean', () => {
    const issues = issuesFor((s) => (s.threats[1].jointly = 'yes'));
    expect(issues).toEqual([{ path: 'threats[1].jointly', message: 'expected boolean, got "yes"' }]);
  });

  it('a site threat with perShipment is told to use perYear once, whether jointly or not', () => {
    const issues = issuesFor((s) => ((s.threats[1].frequency = { perShipment: 0.01 }), (s.threats[1].jointly = true)));
    expect(issues).toEqual([{ path: 'threats[1].frequency.perShipment', message: 'perShipment applies to lanes only; use perYear for sites' }]);
  });
});

describe('scenarioWarnings: triggers that can change nothing', () => {
  it('none for triggers with targets in scope', () => {
    expect(
      warningsFor((s) => {
        s.threats[1].triggers = [trigger('theft-road', 'lanes-from'), trigger('theft-road', 'lanes-to'), trigger('theft-road', 'region')];
        s.threats[2].triggers = [trigger('fire', 'same-target')];
      }),
    ).toEqual([]);
  });

  it('a factor of 1', () => {
    expect(warningsFor((s) => (s.threats[1].triggers = [trigger('theft-road', 'lanes-from', { factor: 1 })]))).toEqual([
      { path: 'threats[1].triggers[0].factor', message: '1 leaves the rate of threat "theft-road" as it is: this trigger changes nothing' },
    ]);
  });

  it('no common target for "same-target"', () => {
    const w = warningsFor((s) => {
      s.threats[1].appliesTo = { kind: 'site', ids: ['sup'] };
      s.threats[1].triggers = [trigger('ransomware', 'same-target')];
    });
    expect(w).toEqual([{ path: 'threats[1].triggers[0].scope', message: 'threats "fire" and "ransomware" apply to no site in common: this trigger never raises anything' }]);
  });

  it('no lane of the raised threat leaves or enters the sites hit', () => {
    const w = warningsFor((s) => {
      s.threats[1].appliesTo = { kind: 'site', ids: ['cus'] };
      s.threats[0].appliesTo = { kind: 'lane', ids: ['l1'] };
      s.threats[1].triggers = [trigger('theft-road', 'lanes-from'), trigger('theft-road', 'lanes-to')];
    });
    expect(w).toEqual([
      { path: 'threats[1].triggers[0].scope', message: 'no lane threat "theft-road" applies to leaves a site threat "fire" applies to: this trigger never raises anything' },
      { path: 'threats[1].triggers[1].scope', message: 'no lane threat "theft-road" applies to enters a site threat "fire" applies to: this trigger never raises anything' },
    ]);
  });

  it('a lane a treatment adds counts as in scope', () => {
    const w = warningsFor((s) => {
      s.threats[1].appliesTo = { kind: 'site', ids: ['cus'] };
      s.threats[0].appliesTo = { kind: 'lane', modes: ['road'], tags: ['new'] };
      s.threats[1].triggers = [trigger('theft-road', 'lanes-from')];
      s.treatments.push({ id: 'tr-back', name: 'Returns', changes: [{ addLanes: [{ id: 'l9', from: 'cus', to: 'sup', mode: 'road', transitDays: 2, tags: ['new'] }] }] });
    });
    expect(w).toEqual([]);
  });

  it('"region": no region on the targets hit, or none shared', () => {
    const none = warningsFor((s) => {
      delete s.sites[1].region;
      s.threats[1].triggers = [trigger('theft-road', 'region')];
    });
    expect(none).toEqual([{ path: 'threats[1].triggers[0].scope', message: 'none of the sites threat "fire" applies to has a region: this trigger never raises anything' }]);
    const apart = warningsFor((s) => {
      s.threats[1].appliesTo = { kind: 'site', ids: ['sup'] };
      s.threats[1].triggers = [trigger('ransomware', 'region')];
    });
    expect(apart).toEqual([
      {
        path: 'threats[1].triggers[0].scope',
        message: 'none of the sites threat "ransomware" applies to is in a region of the sites "fire" applies to (CN): this trigger never raises anything',
      },
    ]);
  });
});

describe('triggerCycles', () => {
  const edges = (pairs: string) => pairs.split(' ').map((p) => ({ from: p[0]!, to: p[1]! }));

  it('no loop in a chain or a diamond', () => {
    expect(triggerCycles(edges('ab bc cd'))).toEqual([]);
    expect(triggerCycles(edges('ab ac bd cd'))).toEqual([]);
  });

  it('a self-loop, and a loop named once at its first edge with a shortest cycle', () => {
    expect(triggerCycles(edges('aa'))).toEqual([{ edge: 0, cycle: ['a', 'a'] }]);
    expect(triggerCycles(edges('ab bc ca'))).toEqual([{ edge: 0, cycle: ['a', 'b', 'c', 'a'] }]);
    // the shortcut c → a makes a → b → c → a the shortest cycle through a → b, not a → b → c → d → a
    expect(triggerCycles(edges('ab bc cd da ca'))).toEqual([
      { edge: 0, cycle: ['a', 'b', 'c', 'a'] },
      { edge: 2, cycle: ['c', 'd', 'a', 'b', 'c'] },
    ]);
  });

  it('every edge on a loop is on some cycle reported; edges off loops never are', () => {
    const list = edges('ab ba bc cd dc de ea xa');
    const loops = triggerCycles(list);
    const onReported = new Set<string>();
    for (const l of loops) for (let k = 0; k + 1 < l.cycle!.length; k++) onReported.add(l.cycle![k]! + l.cycle![k + 1]!);
    expect([...onReported].sort()).toEqual(['ab', 'ba', 'bc', 'cd', 'dc', 'de', 'ea']);
  });

  it('past maxNamed, edges on loops come back without a cycle', () => {
    expect(triggerCycles(edges('aa bb cc'), 1)).toEqual([
      { edge: 0, cycle: ['a', 'a'] },
      { edge: 1, cycle: undefined },
      { edge: 2, cycle: undefined },
    ]);
  });

  it('a chain of 50 000 triggers closed into one loop: no stack overflow, one cycle', () => {
    const n = 50_000;
    const long = Array.from({ length: n }, (_, i) => ({ from: `t${i}`, to: `t${(i + 1) % n}` }));
    const loops = triggerCycles(long);
    expect(loops).toHaveLength(1);
    expect(loops[0]!.cycle).toHaveLength(n + 1);
  });
});
