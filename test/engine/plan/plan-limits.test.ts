// The event limits of a compiled plan (README.md, "Limits"): a risk above MAX_EVENTS_PER_RISK expected
// events per trial, or a plan above MAX_EVENTS_PER_TRIAL, is refused before anything is simulated,
// naming the threat (JSON path and id), the target and, for a treatment, the treatment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareUnits } from '../../../engine/run/units.js';
import { MAX_EVENTS_PER_RISK, MAX_EVENTS_PER_TRIAL, ScenarioLimitError } from '../../../engine/model/limits.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';

const base = JSON.parse(readFileSync(new URL('../../support/hostile/base.json', import.meta.url), 'utf8')) as Scenario;

function valid(edit: (s: Scenario) => void): Scenario {
  const s = structuredClone(base);
  edit(s);
  const r = validateScenario(s);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

function limitError(f: () => unknown): ScenarioLimitError {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioLimitError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioLimitError');
}

describe('event limits of a plan', () => {
  it('the fixture compiles within the limits', () => {
    expect(() => compilePlan(valid(() => {}), 1)).not.toThrow();
  });

  it('perYear 1e6 on a site (ran for minutes before): refused, naming the path, threat and target', () => {
    const s = valid((s) => (s.threats[0]!.frequency = { perYear: 1e6 }));
    const e = limitError(() => compilePlan(s, 1));
    expect(e.details[0]).toMatch(/^threats\[0\]\.frequency\.perYear: threat "t-site" on site "s1" expects 1,000,000 events per trial \(perYear 1000000\), more than the 10,000 one risk may have$/);
  });

  it('perShipment × shipments, the horizon and region factors count', () => {
    // 0.01 per shipment × 100 shipments = 1 a year; × 200 (region NL) × 10 years = 2000: within
    expect(() => compilePlan(valid((s) => ((s.horizonDays = 3650), (s.threats[1]!.regionFactors = { NL: 200 }))), 1)).not.toThrow();
    // perShipment 200 × 100 shipments = 20 000 on each lane
    const e = limitError(() => compilePlan(valid((s) => (s.threats[1]!.frequency = { perShipment: 200 })), 1));
    expect(e.message).toMatch(/^2 risks expect more than 10,000 events per trial/);
    expect(e.details[0]).toBe('threats[1].frequency.perShipment: threat "t-lane" on lane "l1" expects 20,000 events per trial (perShipment 200 × 100 shipments a year), more than the 10,000 one risk may have');
  });

  it("lane events are drawn at the riskiest carrier's factor: that factor is named", () => {
    // 20 a year on a lane whose carrier has riskFactor 0, but another carrier has 1000
    const s = valid((s) => {
      s.carriers!.push({ id: 'c-risky', riskFactor: 1000 });
      s.carriers![0]!.riskFactor = 0;
      s.threats[1]!.frequency = { perYear: 20 };
    });
    const e = limitError(() => compilePlan(s, 1));
    expect(e.details[0]).toContain('carrier factor 1000, the largest of the scenario');
  });

  it('the budget over all risks of a plan', () => {
    // 40 sites × 3000 a year = 120 000 > 100 000, each risk within its own limit
    const s = valid((s) => {
      for (let i = 0; i < 40; i++) s.sites.push({ id: `x${i}`, kind: 'warehouse' });
      s.threats.push({ id: 't-all', category: 'intrusion', appliesTo: { kind: 'site', siteKinds: ['warehouse'] }, frequency: { perYear: 3000 }, loss: { amount: { fixed: 10 } } });
    });
    expect(40 * 3000).toBeGreaterThan(MAX_EVENTS_PER_TRIAL);
    expect(3000).toBeLessThan(MAX_EVENTS_PER_RISK);
    const e = limitError(() => compilePlan(s, 1));
    expect(e.message).toMatch(/^the scenario expects 120,004 events per trial over its 43 risks, more than the 100,000 a trial may have/);
    expect(e.details[0]).toBe('threats[2]: threat "t-all" expects 120,000 events per trial over all its targets');
  });

  it('a treatment that adds lanes is checked on its own plan, its message starting with the treatment', () => {
    const s = valid((s) => {
      s.threats[1]!.appliesTo = { kind: 'lane', modes: ['air'] };
      s.threats[1]!.frequency = { perShipment: 150 };
      s.treatments!.push({
        id: 'tr-air',
        name: 'By air',
        changes: [
          { addLanes: [{ id: 'l-air', from: 's0', to: 's2', mode: 'air', transitDays: 1 }] },
          { route: { flow: 'f1', path: ['l-air'] } },
        ],
      });
    });
    expect(() => compilePlan(s, 1)).not.toThrow(); // the baseline has no air lane
    const e = limitError(() => prepareUnits(s, { seed: 1 }));
    expect(e.message).toMatch(/^treatments\[1\] "tr-air": a risk expects more than 10,000 events per trial/);
    expect(e.details[0]).toMatch(/^treatments\[1\] "tr-air": threats\[1\]\.frequency\.perShipment: threat "t-lane" on lane "l-air" expects 15,000 events/);
  });
});
