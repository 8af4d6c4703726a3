// The synthetic scenario generator for scale tests: every generated scenario validates and
// compiles, is deterministic in (sites, seed), stays O(N) in lanes, covers every threat category,
// rejects bad sizes, scales to 100 000 sites, and simulates to a finite expected annual loss.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { generateScenario, MAX_SITES } from '../../../engine/generate/generate-scenario.js';
import { CATEGORIES, ELEMENTS, type Scenario, type SiteKind } from '../../../engine/model/schema.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';

/** Validates a generated scenario, failing with the first issues when it is invalid. */
function expectValid(s: Scenario): Scenario {
  const v = validateScenario(s);
  if (!v.ok) expect.fail(`invalid generated scenario: ${JSON.stringify(v.issues.slice(0, 10))}`);
  return v.scenario;
}

const LAYER_OF: Record<SiteKind, number> = { supplier: 0, factory: 1, port: 2, airport: 2, dc: 3, customer: 4, warehouse: -1, crossdock: -1 };

describe('generateScenario: valid networks', () => {
  const cases: Array<[number, number | string]> = [
    [5, 1],
    [5, 'five'],
    [6, 2],
    [50, 1],
    [50, 7],
    [1000, 1],
    [1000, 'scale'],
    [10_000, 3],
  ];

  it.each(cases)('generateScenario({ sites: %i, seed: %s }) passes validateScenario and compilePlan', (sites, seed) => {
    const s = generateScenario({ sites, seed });
    const valid = expectValid(s);
    expect(s.sites).toHaveLength(sites);
    expect(s.name).toBe(`Synthetic network (${sites} sites, seed ${seed})`);
    expect(s.currency).toBe('EUR');
    expect(s.horizonDays).toBe(365);
    expect(s.flows).toHaveLength(Math.max(5, Math.round(sites / 20)));
    const { plan, index } = compilePlan(valid, 1);
    expect(plan.nSites).toBe(sites);
    expect(plan.nFlows).toBe(s.flows!.length);
    expect(index.flowRoutes.every((r) => r.length === 4)).toBe(true);
  });

  it.each([5, 50, 1000, 10_000])('generateScenario({ sites: %i }) has every layer and lanes only from one layer to the next', (sites) => {
    const s = generateScenario({ sites });
    const kinds = new Map<string, SiteKind>(s.sites.map((x) => [x.id, x.kind]));
    for (const k of ['supplier', 'factory', 'port', 'dc', 'customer'] as const) expect(s.sites.some((x) => x.kind === k), k).toBe(true);
    const out = new Set<string>();
    const into = new Set<string>();
    for (const l of s.lanes!) {
      expect(LAYER_OF[kinds.get(l.to)!], l.id).toBe(LAYER_OF[kinds.get(l.from)!] + 1);
      out.add(l.from);
      into.add(l.to);
    }
    // every site but the customers ships on, every site but the suppliers is supplied
    for (const x of s.sites) {
      if (x.kind !== 'customer') expect(out.has(x.id), `${x.id} has no lane out`).toBe(true);
      if (x.kind !== 'supplier') expect(into.has(x.id), `${x.id} has no lane in`).toBe(true);
    }
  });

  it('generateScenario({ sites: 10000 }) splits the sites about 40/10/5/10/35 % and places them in their region', () => {
    const s = generateScenario({ sites: 10_000, seed: 5 });
    const share = (...k: SiteKind[]) => s.sites.filter((x) => k.includes(x.kind)).length / s.sites.length;
    expect(share('supplier')).toBeCloseTo(0.4, 2);
    expect(share('factory')).toBeCloseTo(0.1, 2);
    expect(share('port', 'airport')).toBeCloseTo(0.05, 2);
    expect(share('airport')).toBeGreaterThan(0);
    expect(share('dc')).toBeCloseTo(0.1, 2);
    expect(share('customer')).toBeCloseTo(0.35, 2);
    const regions = new Set(s.sites.map((x) => x.region));
    expect([...regions].sort()).toEqual(['APAC', 'EU-E', 'EU-W', 'LATAM', 'MEA', 'NA']);
    for (const x of s.sites) {
      expect(x.lat).toBeTypeOf('number');
      expect(x.lon).toBeTypeOf('number');
      expect(x.value).toBeGreaterThan(0);
      expect(x.owner).toMatch(/\S/);
      expect((x.controls ?? []).length).toBeLessThanOrEqual(3);
    }
    const modes = new Set(s.lanes!.map((l) => l.mode));
    for (const m of ['road', 'rail', 'sea', 'air'] as const) expect(modes.has(m), m).toBe(true);
    expect(s.carriers!.length).toBeGreaterThanOrEqual(3);
    expect(s.carriers!.length).toBeLessThanOrEqual(6);
  });
});

describe('generateScenario: determinism', () => {
  it('generateScenario gives identical JSON for the same sites and seed', () => {
    for (const [sites, seed] of [
      [5, 1],
      [300, 'x'],
      [5000, 9],
    ] as const) {
      expect(JSON.stringify(generateScenario({ sites, seed }))).toBe(JSON.stringify(generateScenario({ sites, seed })));
    }
  });

  it('generateScenario defaults the seed to 1', () => {
    expect(JSON.stringify(generateScenario({ sites: 100 }))).toBe(JSON.stringify(generateScenario({ sites: 100, seed: 1 })));
  });

  it('generateScenario gives another network for another seed', () => {
    const a = generateScenario({ sites: 300, seed: 1 });
    const b = generateScenario({ sites: 300, seed: 2 });
    expect(JSON.stringify(a.sites)).not.toBe(JSON.stringify(b.sites));
    expect(JSON.stringify(a.lanes)).not.toBe(JSON.stringify(b.lanes));
    expect(JSON.stringify(a.flows)).not.toBe(JSON.stringify(b.flows));
  });

  it('generateScenario returns fresh objects: editing one scenario leaves the next untouched', () => {
    const a = generateScenario({ sites: 20 });
    a.threats[0]!.frequency = { perYear: 99 };
    a.controls![0]!.name = 'edited';
    a.carriers![0]!.riskFactor = 9;
    const b = generateScenario({ sites: 20 });
    expect(b.threats[0]!.frequency).not.toEqual({ perYear: 99 });
    expect(b.controls![0]!.name).not.toBe('edited');
    expect(b.carriers![0]!.riskFactor).not.toBe(9);
  });
});

describe('generateScenario: threats, controls, treatments and flows', () => {
  const s = generateScenario({ sites: 1000, seed: 4 });

  it('generateScenario covers all seven threat categories', () => {
    expect(new Set(s.threats.map((t) => t.category))).toEqual(new Set(CATEGORIES));
  });

  it('generateScenario threats use site and lane selectors, per-year and per-shipment rates, losses, downtimes and region factors', () => {
    const site = s.threats.filter((t) => t.appliesTo.kind === 'site');
    const lane = s.threats.filter((t) => t.appliesTo.kind === 'lane');
    expect(site.length).toBeGreaterThan(0);
    expect(lane.length).toBeGreaterThan(0);
    for (const t of site) expect(t.appliesTo.siteKinds?.length, t.id).toBeGreaterThan(0);
    for (const t of lane) expect(t.appliesTo.modes?.length, t.id).toBeGreaterThan(0);
    for (const t of s.threats) {
      if ('perYear' in t.frequency) {
        expect(t.frequency.perYear, t.id).toBeGreaterThanOrEqual(0.005);
        expect(t.frequency.perYear, t.id).toBeLessThanOrEqual(0.08);
      }
    }
    const perShipment = s.threats.filter((t) => 'perShipment' in t.frequency);
    expect(perShipment.map((t) => t.category).sort()).toEqual(['hijacking', 'theft']);
    for (const t of perShipment) expect(t.appliesTo.modes).toEqual(['road']);
    for (const c of ['disruption', 'terrorism', 'intrusion'] as const) {
      expect(s.threats.filter((t) => t.category === c).every((t) => t.downtimeDays !== undefined), c).toBe(true);
    }
    expect(s.threats.some((t) => t.loss && 'fraction' in t.loss)).toBe(true);
    expect(s.threats.some((t) => t.loss && 'amount' in t.loss)).toBe(true);
    expect(s.threats.some((t) => t.regionFactors !== undefined)).toBe(true);
  });

  it('generateScenario controls cover the facility, transport, personnel, information, emergency and supplier elements', () => {
    const elements = new Set(s.controls!.map((c) => c.element));
    for (const e of ['facility', 'transport', 'personnel', 'information', 'emergency', 'supplier'] as const) expect(elements.has(e), e).toBe(true);
    expect([...elements].every((e) => (ELEMENTS as readonly string[]).includes(e))).toBe(true);
    for (const c of s.controls!) {
      expect(c.reliability, c.id).toBeGreaterThan(0);
      expect(c.cost, c.id).toBeDefined();
      expect(c.source, c.id).toMatch(/\S/);
    }
    expect(s.sites.some((x) => (x.controls ?? []).length > 0)).toBe(true);
  });

  it('generateScenario treatments add controls, change carriers within a mode and buffers', () => {
    const changes = (s.treatments ?? []).flatMap((t) => t.changes);
    expect(s.treatments!.length).toBeGreaterThanOrEqual(3);
    expect(s.treatments!.length).toBeLessThanOrEqual(4);
    expect(changes.some((c) => 'addControls' in c && c.to.kind === 'lane')).toBe(true);
    expect(changes.some((c) => 'addControls' in c && c.to.kind === 'site')).toBe(true);
    expect(changes.some((c) => 'setBuffer' in c)).toBe(true);
    const set = changes.find((c) => 'setCarrier' in c);
    expect(set).toBeDefined();
    if (set && 'setCarrier' in set) {
      const lanes = new Map(s.lanes!.map((l) => [l.id, l]));
      expect(set.lanes.length).toBeGreaterThan(0);
      for (const id of set.lanes) expect(lanes.get(id)!.mode).toBe('road');
    }
  });

  it('generateScenario flows follow lanes from a supplier to a customer', () => {
    const kinds = new Map(s.sites.map((x) => [x.id, x.kind]));
    const lanes = new Map(s.lanes!.map((l) => [l.id, l]));
    for (const f of s.flows!) {
      expect(kinds.get(f.from)).toBe('supplier');
      expect(kinds.get(f.to)).toBe('customer');
      let at = f.from;
      for (const id of f.path!) {
        const l = lanes.get(id)!;
        expect(l.from).toBe(at);
        at = l.to;
      }
      expect(at).toBe(f.to);
      expect(f.valuePerYear).toBeGreaterThan(0);
      expect(f.shipmentsPerYear).toBeGreaterThan(0);
      expect(f.bufferDays).toBeGreaterThanOrEqual(0);
      expect(f.interruptionCostPerDay).toBeGreaterThan(0);
    }
  });

  it('generateScenario keeps the lane count O(N): at most 4 lanes per site', () => {
    for (const sites of [5, 6, 10, 50, 1000, 20_000]) {
      const n = generateScenario({ sites, seed: sites }).lanes!.length;
      expect(n, `${sites} sites`).toBeLessThanOrEqual(4 * sites);
      expect(n, `${sites} sites`).toBeGreaterThanOrEqual(sites - 1);
    }
  });
});

describe('generateScenario: bad sizes', () => {
  it.each([0, 4, 2.5, 100_001, -10, Number.NaN, Number.POSITIVE_INFINITY])('generateScenario({ sites: %s }) throws a RangeError naming the value', (sites) => {
    expect(() => generateScenario({ sites })).toThrow(RangeError);
    expect(() => generateScenario({ sites })).toThrow(String(sites));
  });

  it('generateScenario rejects a size that is not a number', () => {
    expect(() => generateScenario({ sites: '50' as unknown as number })).toThrow(RangeError);
  });
});

describe('generateScenario: scale', () => {
  it(`generateScenario({ sites: ${MAX_SITES} }) passes validateScenario and compilePlan`, () => {
    const s = generateScenario({ sites: MAX_SITES, seed: 1 });
    expect(s.sites).toHaveLength(MAX_SITES);
    expect(s.lanes!.length).toBeLessThanOrEqual(4 * MAX_SITES);
    const valid = expectValid(s);
    const { plan } = compilePlan(valid, 1);
    let events = 0;
    for (let r = 0; r < plan.nRisks; r++) events += plan.riskGenRate[r]!;
    // on the order of 10⁴ events a trial, not 10⁶
    expect(events).toBeGreaterThan(3e3);
    expect(events).toBeLessThan(5e4);
  }, 300_000);
});

describe('simulateScenario on a generated network', () => {
  it('simulateScenario(generateScenario({ sites: 200, seed: 3 })) gives a finite positive EAL and treatment deltas', async () => {
    const s = expectValid(generateScenario({ sites: 200, seed: 3 }));
    const r = await simulateScenario(s, { trials: 2000, seed: 1, treatments: 'all' });
    expect(Number.isFinite(r.baseline.eal)).toBe(true);
    expect(r.baseline.eal).toBeGreaterThan(0);
    expect(r.risks.length).toBeGreaterThan(0);
    expect(r.treatments.map((t) => t.id)).toEqual(s.treatments!.map((t) => t.id));
    for (const t of r.treatments) expect(Number.isFinite(t.delta.eal), t.id).toBe(true);
  });
});
