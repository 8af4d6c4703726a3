// Scenario warnings (engine/validate/warnings.ts): each kind of warning on the small test network, the
// cases that must stay silent, the shipped scenarios (no warnings), and the warnings in the results.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { checkResults } from '../../../engine/results/check-results.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { MAX_LISTED, scenarioWarnings, type ScenarioWarning } from '../../../engine/validate/warnings.js';
import { REPO } from '../../support/run-cli.js';
import { minimalScenario, type Json } from '../../support/scenario-fixtures.js';

/** The warnings of the minimal scenario after `mutate`; the scenario must stay valid. */
function warningsFor(mutate: (s: Json) => void = () => {}): ScenarioWarning[] {
  const s = minimalScenario();
  mutate(s);
  const r = validateScenario(s);
  expect(r.issues, 'the mutated scenario must stay valid').toEqual([]);
  if (!r.ok) throw new Error('invalid');
  return scenarioWarnings(r.scenario);
}

const paths = (w: ScenarioWarning[]) => w.map((x) => x.path);
function at(w: ScenarioWarning[], path: string): string {
  const found = w.find((x) => x.path === path);
  expect(found, `no warning at ${path}; got ${JSON.stringify(w, null, 1)}`).toBeDefined();
  return found!.message;
}

/** The minimal scenario without its two idle controls (see the first test). */
function quiet(s: Json): void {
  delete s.sites[0].controls;
  s.treatments.splice(0, 1);
}

describe('scenarioWarnings: the minimal scenario', () => {
  it('warns about its two idle controls, and nothing else', () => {
    const w = warningsFor();
    expect(paths(w)).toEqual(['sites[0].controls[0]', 'treatments[0].changes[0].addControls[0]']);
    expect(w[0]!.message).toBe('control "cctv-docks" acts on theft, intrusion, tampering, but no such threat applies to site "sup": it changes nothing there');
    expect(w[1]!.message).toContain('control "my-guard" acts on theft, but no such threat applies to site "wh"');
  });

  it('has none once they are gone', () => {
    expect(warningsFor(quiet)).toEqual([]);
  });
});

describe('a threat whose selector picks no target', () => {
  it('names the field no target has: a mode', () => {
    const w = warningsFor((s) => (quiet(s), (s.threats[0].appliesTo.modes = ['air'])));
    // and the seals on l1 now act on nothing
    expect(paths(w)).toEqual(['lanes[0].controls[0]', 'threats[0].appliesTo']);
    expect(w[1]!.message).toBe('selects no lane (no lane has mode "air"): threat "theft-road" never happens');
  });

  it('a site kind', () => {
    const w = warningsFor((s) => (quiet(s), (s.threats[2].appliesTo.siteKinds = ['port', 'airport'])));
    expect(at(w, 'threats[2].appliesTo')).toContain('no site is of kind "port" or "airport"');
  });

  it('a region, with a did-you-mean', () => {
    const w = warningsFor((s) => (quiet(s), (s.threats[2].appliesTo.regions = ['Nl'])));
    expect(at(w, 'threats[2].appliesTo')).toContain('no site is in region "Nl" (did you mean "NL"?)');
  });

  it('a tag, with a did-you-mean', () => {
    const w = warningsFor((s) => {
      quiet(s);
      s.lanes[1].tags = ['last-mile'];
      s.threats[0].appliesTo.tags = ['last-mil'];
    });
    expect(at(w, 'threats[0].appliesTo')).toContain('no lane has tag "last-mil" (did you mean "last-mile"?)');
  });

  it('fields that each match but never together', () => {
    const w = warningsFor((s) => (quiet(s), (s.threats[2].appliesTo = { kind: 'site', siteKinds: ['supplier'], regions: ['NL'] })));
    expect(at(w, 'threats[2].appliesTo')).toContain('no site has all the given fields at once');
  });

  it('a scenario without lanes', () => {
    const w = warningsFor((s) => {
      s.lanes = [];
      s.flows = [];
      s.threats = [s.threats[0], s.threats[1]];
      s.treatments = [];
      delete s.sites[0].controls;
    });
    expect(paths(w)).toEqual(['threats[0].appliesTo']);
    expect(w[0]!.message).toContain('the scenario has no lanes');
  });

  it('is silent when the threat picks lanes that a treatment adds', () => {
    const w = warningsFor((s) => {
      quiet(s);
      s.threats.push({ id: 'theft-air', category: 'theft', appliesTo: { kind: 'lane', modes: ['air'] }, frequency: { perYear: 0.1 }, loss: { amount: { fixed: 1 } } });
      s.treatments.push({ id: 'tr-air', name: 'Fly it', changes: [{ addLanes: [{ id: 'l9', from: 'sup', to: 'cus', mode: 'air', transitDays: 1 }] }] });
    });
    expect(w).toEqual([]);
  });

  it('a region in a selector that still picks others is a likely typo', () => {
    const w = warningsFor((s) => (quiet(s), (s.threats[2].appliesTo.regions = ['NL', 'NK'])));
    expect(paths(w)).toEqual(['threats[2].appliesTo.regions[1]']);
    expect(w[0]!.message).toBe('no site or lane has region "NK" (did you mean "NL"?): it selects nothing');
  });
});

describe('regionFactors', () => {
  it('a region no site or lane has, with a did-you-mean', () => {
    const w = warningsFor((s) => (quiet(s), (s.threats[0].regionFactors = { NL: 2, NK: 3 })));
    expect(paths(w)).toEqual(['threats[0].regionFactors.NK']);
    expect(w[0]!.message).toBe('no site or lane has region "NK" (did you mean "NL"?): this factor never applies');
  });

  it('a region that exists, but none of the threat\'s targets is in', () => {
    const w = warningsFor((s) => (quiet(s), (s.threats[1].regionFactors = { CN: 2 })));
    expect(paths(w)).toEqual(['threats[1].regionFactors.CN']);
    expect(w[0]!.message).toBe('none of the sites threat "fire" applies to is in region "CN" (they are in NL): this factor never applies');
  });

  it('is silent for a lane\'s own region, its origin\'s region, and a region a treatment adds', () => {
    const w = warningsFor((s) => {
      quiet(s);
      s.lanes[1].region = 'BE';
      s.threats[0].regionFactors = { BE: 2, CN: 1.5, NL: 1.1 }; // l2 own, l1 from sup (CN), l4 from cus (NL)
      s.threats[2].appliesTo = { kind: 'site', siteKinds: ['warehouse'] };
      s.threats[2].regionFactors = { DE: 2 };
      s.treatments.push({ id: 'tr-de', name: 'German hub', changes: [{ addSites: [{ id: 'wh-de', kind: 'warehouse', region: 'DE', value: 1e5 }] }] });
    });
    expect(w).toEqual([]);
  });

  it('a subdivision code comes out quoted in the path', () => {
    const w = warningsFor((s) => (quiet(s), (s.threats[0].regionFactors = { 'US-TX': 2 })));
    expect(paths(w)).toEqual(['threats[0].regionFactors["US-TX"]']);
  });
});

describe('a fraction-of-value loss with nothing to lose', () => {
  it('sites without value, listed', () => {
    const w = warningsFor((s) => {
      quiet(s);
      s.threats.push({ id: 'theft-any', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 0.1 }, loss: { fraction: { fixed: 0.1 } } });
    });
    expect(paths(w)).toEqual(['threats[3].loss.fraction']);
    expect(w[0]!.message).toBe('a share of the site\'s value, but site "cus" has no value: threat "theft-any" loses nothing there');
  });

  it('a value of 0 counts as none; a long list is capped', () => {
    const w = warningsFor((s) => {
      quiet(s);
      s.sites[1].value = 0;
      for (let i = 0; i < 12; i++) s.sites.push({ id: `shop-${i}`, kind: 'customer', region: 'NL' });
      s.threats.push({ id: 'theft-any', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 0.1 }, loss: { fraction: { fixed: 0.1 } } });
    });
    const m = at(w, 'threats[3].loss.fraction');
    expect(m).toContain('sites "wh", "cus", "shop-0", "shop-1", "shop-2" … and 9 more have no value');
    expect(MAX_LISTED).toBe(5);
  });

  it('an amount loss, or a site with value, is silent', () => {
    const w = warningsFor((s) => {
      quiet(s);
      s.threats.push({ id: 'theft-wh', category: 'theft', appliesTo: { kind: 'site', ids: ['wh'] }, frequency: { perYear: 0.1 }, loss: { fraction: { fixed: 0.1 } } });
      s.threats.push({ id: 'fine-cus', category: 'breach', appliesTo: { kind: 'site', ids: ['cus'] }, frequency: { perYear: 0.1 }, loss: { amount: { fixed: 1000 } } });
    });
    expect(w).toEqual([]);
  });
});

describe('a lane no flow can travel', () => {
  // a depot reached from the customer: no flow's way from sup to cus passes it
  const withDepot = (s: Json) => {
    quiet(s);
    s.sites.push({ id: 'depot', kind: 'warehouse', region: 'NL' });
    s.lanes.push({ id: 'l5', from: 'cus', to: 'depot', mode: 'road', transitDays: 1 });
  };

  it('a per-shipment threat never happens there', () => {
    const w = warningsFor(withDepot);
    expect(paths(w)).toEqual(['threats[0].frequency.perShipment']);
    expect(w[0]!.message).toBe(
      'counts the shipments on a lane, but no flow can travel lane "l5" (it is on no way from any flow\'s origin to its destination): threat "theft-road" never happens there',
    );
  });

  it('a yearly threat with a fraction loss has no shipment to hit', () => {
    const w = warningsFor((s) => (withDepot(s), (s.threats[0].frequency = { perYear: 0.2 })));
    expect(paths(w)).toEqual(['threats[0].loss.fraction']);
    expect(w[0]!.message).toContain('no shipment to hit');
  });

  it('a yearly threat with an amount loss still happens there: silent', () => {
    const w = warningsFor((s) => {
      withDepot(s);
      s.threats[0].frequency = { perYear: 0.2 };
      s.threats[0].loss = { amount: { fixed: 5000 } };
    });
    expect(w).toEqual([]);
  });

  it('a lane on a detour or an alternative route is not idle (routes and treatments can use it)', () => {
    // l3 (wh → cus by rail) is on no primary route, l4 (cus → wh) on none at all but between the ends
    const w = warningsFor((s) => (quiet(s), (s.threats[0].appliesTo = { kind: 'lane' })));
    expect(w).toEqual([]);
  });

  it('a lane a treatment connects is not idle', () => {
    // a depot with a lane to the customer, but no lane into it
    const depotToCus = (s: Json) => {
      quiet(s);
      delete s.lanes[0].controls;
      s.sites.push({ id: 'depot', kind: 'warehouse', region: 'NL' });
      s.lanes.push({ id: 'l6', from: 'depot', to: 'cus', mode: 'rail', transitDays: 1 });
      s.threats[0].appliesTo = { kind: 'lane', ids: ['l6'] };
    };
    expect(paths(warningsFor(depotToCus)), 'nothing reaches the depot').toEqual(['threats[0].frequency.perShipment']);
    const w = warningsFor((s) => {
      depotToCus(s);
      s.treatments.push({ id: 'tr-depot', name: 'Via the depot', changes: [{ addLanes: [{ id: 'l7', from: 'wh', to: 'depot', mode: 'road', transitDays: 1 }] }] });
    });
    expect(w).toEqual([]);
  });
});

describe('a control placed where no threat it acts on applies', () => {
  it('on a lane', () => {
    const w = warningsFor((s) => (quiet(s), (s.lanes[2].controls = ['gps-geofence'])));
    expect(paths(w)).toEqual(['lanes[2].controls[0]']);
    expect(w[0]!.message).toBe('control "gps-geofence" acts on hijacking, theft, but no such threat applies to lane "l3": it changes nothing there');
  });

  it('silent when a threat of its category applies, or a threat its effects name by id', () => {
    const w = warningsFor((s) => {
      quiet(s);
      s.sites[0].controls = ['cctv-docks'];
      s.threats.push({ id: 'theft-sup', category: 'theft', appliesTo: { kind: 'site', ids: ['sup'] }, frequency: { perYear: 0.1 }, loss: { amount: { fixed: 1 } } });
      s.controls.push({ id: 'sprinklers', name: 'Sprinklers', element: 'emergency', appliesTo: 'site', effects: { fire: { downtimeFactor: 0.5 } } });
      s.sites[1].controls = ['sprinklers'];
    });
    expect(w).toEqual([]);
  });

  it('in a treatment: a control added where it acts on nothing, and a selector that picks nothing', () => {
    const w = warningsFor((s) => {
      quiet(s);
      s.treatments.push({
        id: 'tr-x',
        name: 'x',
        changes: [
          { addControls: ['iso17712-seals', 'alternate-carrier'], to: { kind: 'lane', modes: ['road'] } },
          { addControls: ['secure-parking'], to: { kind: 'lane', modes: ['barge'] } },
        ],
      });
    });
    expect(paths(w)).toEqual(['treatments[3].changes[0].addControls[1]', 'treatments[3].changes[1].to']);
    expect(w[0]!.message).toContain('control "alternate-carrier" acts on disruption, but no such threat applies to lanes "l1", "l2", "l4", which this change selects');
    expect(w[1]!.message).toBe('selects no lane (no lane has mode "barge"): the controls of this change go nowhere');
  });

  it('in a treatment, on a site the same treatment adds', () => {
    const add = (s: Json, kind: string) => {
      quiet(s);
      s.treatments.push({
        id: 'tr-new',
        name: 'New site',
        changes: [{ addSites: [{ id: 'wh2', kind, region: 'NL', value: 1e5 }] }, { addControls: ['my-guard'], to: { kind: 'site', ids: ['wh'] } }],
      });
      s.treatments[3].changes[1].to = { kind: 'site', siteKinds: [kind] };
      s.threats.push({ id: 'theft-dc', category: 'theft', appliesTo: { kind: 'site', siteKinds: ['dc'] }, frequency: { perYear: 0.1 }, loss: { fraction: { fixed: 0.1 } } });
    };
    expect(warningsFor((s) => add(s, 'dc'))).toEqual([]);
    // a site kind no threat of its category covers
    const w = warningsFor((s) => add(s, 'crossdock'));
    expect(paths(w)).toEqual(['threats[3].appliesTo', 'treatments[3].changes[1].addControls[0]']);
    expect(w[1]!.message).toContain('site "wh2"');
  });
});

describe('order and determinism', () => {
  it('sites, lanes, threats, treatments, each in document order; the same every time', () => {
    const mutate = (s: Json) => {
      s.lanes[2].controls = ['gps-geofence'];
      s.threats[1].regionFactors = { CN: 2 };
    };
    const w = warningsFor(mutate);
    expect(paths(w)).toEqual(['sites[0].controls[0]', 'lanes[2].controls[0]', 'threats[1].regionFactors.CN', 'treatments[0].changes[0].addControls[0]']);
    expect(warningsFor(mutate)).toEqual(w);
  });
});

describe('shipped scenarios', () => {
  const dir = join(REPO, 'scenarios');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
  it.each(files)('%s has no warnings', (f) => {
    const r = validateScenario(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!r.ok) throw new Error(`${f} is invalid: ${JSON.stringify(r.issues)}`);
    expect(scenarioWarnings(r.scenario)).toEqual([]);
  });
});

describe('warnings in the results', () => {
  it('analyse puts them in `warnings`, and check-results accepts results with and without them', async () => {
    const s = minimalScenario();
    const r = validateScenario(s);
    if (!r.ok) throw new Error('invalid');
    const results = await simulateScenario(r.scenario, { trials: 64, seed: 1, treatments: 'none' });
    expect(results.warnings).toEqual(scenarioWarnings(r.scenario));
    expect(results.warnings.length).toBe(2);
    const json = JSON.parse(JSON.stringify(results)) as Json;
    expect(checkResults(json)).toEqual([]);
    delete json.warnings;
    expect(checkResults(json), 'older results have no warnings').toEqual([]);
    json.warnings = [{ path: 'x' }];
    expect(checkResults(json).map((i) => i.path)).toEqual(['warnings[0].message']);
  });
});

describe('warnings on a hostile scale', () => {
  it('20,000 unknown regionFactors regions against 20,000 site regions: every warning, suggestions within one shared budget', () => {
    const N = 20_000;
    // letters from a fixed xorshift: regions of 30 letters, a site's starting with "s", a factor's with "f"
    let x = 2463534242;
    const word = (first: string) => {
      let s = first;
      for (let i = 1; i < 30; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        s += String.fromCharCode(97 + ((x >>> 0) % 26));
      }
      return s;
    };
    const sites = Array.from({ length: N }, (_, i) => ({ id: `s${i}`, kind: 'dc', region: word('s'), value: 1000 }));
    const regionFactors = Object.fromEntries(Array.from({ length: N }, () => [word('f'), 2]));
    expect(Object.keys(regionFactors).length).toBe(N);
    const r = validateScenario({
      format: 'chainward/v1',
      name: 'regions',
      sites,
      threats: [{ id: 't', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 0.001 }, loss: { amount: { fixed: 1 } }, regionFactors }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const warnings = scenarioWarnings(r.scenario);
    expect(warnings.filter((w) => w.path.startsWith('threats[0].regionFactors')).length).toBe(Object.keys(regionFactors).length);
  }, 60_000);
});
