// The built-in control catalog: valid entries with sources across the ISO 28000 elements,
// and monotone: adding any catalog control to every site or lane it applies to never raises the
// direct loss or the interruption cost of any trial of the default scenario under common random
// numbers (frequency controls only thin events, severity and downtime factors are ≤ 1, and a shorter
// outage never lengthens a cut). Reroute cost is the exception, by design: a shorter outage on a
// detour can let a flow reroute, and pay for it, where it would have waited on its buffer; so the
// per-trial check runs with transport costs set to 0 (no reroute cost), and with costs only the
// direct and interruption parts are checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareUnits } from '../../../engine/run/units.js';
import { simulateUnits } from '../../../engine/run/simulate-units.js';
import { trialRanges } from '../../../engine/run/ranges.js';
import { CATALOG, catalogById } from '../../../engine/catalog/controls.js';
import { CATEGORIES, controlSchema, type Scenario } from '../../../engine/model/schema.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { tailSizeFor } from '../../../engine/summary/batch-summary.js';

const checked = validateScenario(JSON.parse(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8')));
if (!checked.ok) throw new Error('the default scenario must validate');
const shipped = checked.scenario;

describe('CATALOG', () => {
  it('CATALOG has at least 24 controls with unique ids, each valid against the schema and with a source', () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(24);
    expect(new Set(CATALOG.map((c) => c.id)).size).toBe(CATALOG.length);
    for (const c of CATALOG) {
      expect(controlSchema.safeParse(c).success, c.id).toBe(true);
      expect(c.source?.trim().length ?? 0, `${c.id} source`).toBeGreaterThan(10);
      expect(c.cost, `${c.id} cost`).toBeDefined();
      expect(Object.keys(c.effects).length, `${c.id} effects`).toBeGreaterThan(0);
      for (const k of Object.keys(c.effects)) expect(CATEGORIES as readonly string[], `${c.id} effect key`).toContain(k);
      expect(catalogById.get(c.id)).toBe(c);
    }
  });

  it('CATALOG covers the ISO 28000 control elements that act on risks, sites and lanes', () => {
    const elements = new Set(CATALOG.map((c) => c.element));
    for (const e of ['supplier', 'facility', 'transport', 'personnel', 'information', 'emergency']) expect(elements.has(e as never), e).toBe(true);
    expect(CATALOG.some((c) => c.appliesTo === 'site')).toBe(true);
    expect(CATALOG.some((c) => c.appliesTo === 'lane')).toBe(true);
  });

  it('adding any catalog control never raises the loss of any trial of the default scenario without transport costs (common random numbers)', async () => {
    const scenario: Scenario = {
      ...shipped,
      // no transport costs: no reroute cost, so a trial's loss is its direct loss and interruption cost
      lanes: (shipped.lanes ?? []).map((l) => ({ ...l, costPerShipment: 0 })),
      treatments: CATALOG.map((c) => ({ id: `add-${c.id}`, name: `Add ${c.id} everywhere`, changes: [{ addControls: [c.id], to: { kind: c.appliesTo } }] })),
    };
    const trials = 3000;
    const units = prepareUnits(scenario, { seed: 5, treatments: 'all' });
    const { accs } = await simulateUnits(units, trialRanges(trials), tailSizeFor(trials), { trials, seed: 5 });
    const base = accs[0]!.result().losses;
    let helped = 0;
    units.slice(1).forEach((u, i) => {
      const treated = accs[i + 1]!.result().losses;
      let worst = 0;
      let sumBase = 0;
      let sumTreated = 0;
      for (let t = 0; t < trials; t++) {
        worst = Math.max(worst, treated[t]! - base[t]! * (1 + 1e-12));
        sumBase += base[t]!;
        sumTreated += treated[t]!;
      }
      expect(worst, `${u.treatment!.id}: a trial lost more with the control`).toBeLessThanOrEqual(1e-6);
      if (sumTreated < sumBase) helped++;
    });
    // guard: the controls do act on the scenario's risks
    expect(helped).toBeGreaterThan(CATALOG.length / 2);
  });

  it('adding any catalog control never raises the direct loss or the interruption cost of the default scenario, transport costs included', async () => {
    const scenario: Scenario = {
      ...shipped,
      treatments: CATALOG.map((c) => ({ id: `add-${c.id}`, name: `Add ${c.id} everywhere`, changes: [{ addControls: [c.id], to: { kind: c.appliesTo } }] })),
    };
    const trials = 3000;
    const units = prepareUnits(scenario, { seed: 5, treatments: 'all' });
    const { accs } = await simulateUnits(units, trialRanges(trials), tailSizeFor(trials), { trials, seed: 5 });
    const base = accs[0]!.result().money;
    expect(base.get(2)).toBeGreaterThan(0); // reroute cost is in play
    units.slice(1).forEach((u, i) => {
      const treated = accs[i + 1]!.result().money;
      expect(treated.get(0), `${u.treatment!.id}: direct loss`).toBeLessThanOrEqual(base.get(0));
      expect(treated.get(1), `${u.treatment!.id}: interruption cost`).toBeLessThanOrEqual(base.get(1));
    });
  });
});
