// A scenario whose ids, regions and tags are names of Object.prototype members ("__proto__",
// "constructor", "toString", "valueOf", "hasOwnProperty"), and the same scenario with ordinary names.
// Ids, regions and tags are any text (docs/scenario-format.md, "Conventions"): both scenarios run
// alike.

/** The names a plain object answers for without owning them. */
export const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const;

/** Ordinary names, one for each of PROTO_NAMES, as long and in the same sorted order, so lists and reports come out alike. */
export const PLAIN_NAMES = ['antwerpen', 'distributor', 'terminal', 'zealand', 'northwestcoast'] as const;

/** `s` with every name of `from` replaced by the name of `to` at the same place. */
export function renamed(s: string, from: readonly string[], to: readonly string[]): string {
  return from.reduce((t, name, i) => t.split(name).join(to[i]!), s);
}

/**
 * The scenario with names n[0..4] for ids, regions, tags and treatment ids, and n[2..4] for the JSON
 * keys of controls' effects and threats' regionFactors (the validator refuses "__proto__" and
 * "constructor" as keys). `region` names the regions alone, for the comparison that keeps every id.
 */
export function namedScenario(n: readonly string[], region: readonly string[] = n): Record<string, unknown> {
  const [a, b, c, d, e] = n as [string, string, string, string, string];
  const [ra, rb, rc, rd, re] = region as [string, string, string, string, string];
  // effect and regionFactors keys: the validator refuses "__proto__" and "constructor" as JSON keys,
  // so the first two names (in either set) are never keys, only the other three
  const key = (s: string, fallback: string) => (s === a || s === b || s === ra || s === rb ? fallback : s);
  return {
    format: 'chainward/v1',
    name: 'prototype names',
    currency: 'EUR',
    horizonDays: 365,
    sites: [
      { id: a, kind: 'supplier', region: ra, value: 2e6, tags: [b], controls: [c] },
      { id: b, kind: 'port', region: rb, value: 1e6, tags: [a, c] },
      { id: c, kind: 'warehouse', region: rc, value: 3e6, tags: [d], controls: [a] },
      { id: d, kind: 'dc', region: rd, value: 1.5e6, tags: [e] },
      { id: e, kind: 'customer', region: re, tags: [a] },
    ],
    carriers: [
      { id: a, riskFactor: 1.5, disruptionFactor: 0.8, costPerShipment: 200 },
      { id: b, riskFactor: 0.5, costPerShipment: 400 },
      { id: c, riskFactor: 2 },
    ],
    lanes: [
      { id: a, from: a, to: b, mode: 'road', carrier: a, transitDays: 2, tags: [e] },
      { id: b, from: b, to: c, mode: 'sea', carrier: c, transitDays: 12, controls: [d], tags: [a] },
      { id: c, from: c, to: d, mode: 'road', carrier: b, transitDays: 1, region: rb },
      { id: d, from: d, to: e, mode: 'road', carrier: a, transitDays: 1, controls: [b] },
      { id: e, from: b, to: d, mode: 'rail', transitDays: 6, tags: [b] },
    ],
    flows: [
      { id: a, from: a, to: e, valuePerYear: 40e6, shipmentsPerYear: 200, bufferDays: 3, interruptionCostPerDay: 150_000 },
      { id: b, from: b, to: e, valuePerYear: 10e6, shipmentsPerYear: 100, path: [e, d] },
      { id: c, from: c, to: d, valuePerYear: 5e6, shipmentsPerYear: 50 },
    ],
    threats: [
      {
        id: a,
        category: 'theft',
        appliesTo: { kind: 'site', regions: [ra, rb, rc, rd] },
        frequency: { perYear: 0.8 },
        loss: { fraction: { pert: [0.01, 0.05, 0.2] } },
        regionFactors: { [key(ra, 'XX')]: 2, [key(rc, 'XX')]: 3, [key(rd, 'XX')]: 0.5, XX: 4 },
      },
      {
        id: b,
        category: 'disruption',
        appliesTo: { kind: 'lane', tags: [a, e] },
        frequency: { perYear: 1.5 },
        downtimeDays: { triangular: [1, 3, 10] },
        regionFactors: { [key(rb, 'XX')]: 1.7, [key(re, 'XX')]: 9 },
      },
      {
        id: c,
        category: 'hijacking',
        appliesTo: { kind: 'lane', modes: ['road'] },
        frequency: { perShipment: 0.002 },
        loss: { fraction: { uniform: [0.3, 1] } },
        regionFactors: { [key(ra, 'XX')]: 1.2, [key(rb, 'XX')]: 2.5, [key(rd, 'XX')]: 0.7 },
      },
      {
        id: d,
        category: 'tampering',
        appliesTo: { kind: 'site', tags: [a, d] },
        frequency: { perYear: 2 },
        loss: { amount: { lognormal: { median: 20_000, p90: 90_000 } } },
        downtimeDays: { fixed: 2 },
      },
      {
        id: e,
        category: 'intrusion',
        appliesTo: { kind: 'site', ids: [a, c, e] },
        frequency: { perYear: 1 },
        loss: { amount: { fixed: 50_000 } },
        regionFactors: { [key(re, 'XX')]: 2, [key(ra, 'XX')]: 0.25 },
      },
    ],
    controls: [
      {
        id: a,
        name: 'Fence',
        element: 'facility',
        appliesTo: 'site',
        effects: { [key(d, 'tampering')]: { frequencyFactor: 0.5 }, [key(e, 'intrusion')]: { frequencyFactor: 0.3, severityFactor: 0.8 }, theft: { frequencyFactor: 0.7 } },
        reliability: 0.9,
        cost: { annual: 30_000 },
      },
      {
        id: b,
        name: 'Escort',
        element: 'transport',
        appliesTo: 'lane',
        effects: { [key(c, 'hijacking')]: { frequencyFactor: 0.4 }, disruption: { downtimeFactor: 0.6 } },
        reliability: 0.95,
        cost: { perShipment: 50 },
      },
      {
        id: c,
        name: 'Cameras',
        element: 'monitoring',
        appliesTo: 'site',
        effects: { [key(a, 'theft')]: { severityFactor: 0.6 }, [key(b, 'disruption')]: { downtimeFactor: 0.9 } },
        cost: { annual: 12_000, capex: 50_000, lifetimeYears: 5 },
      },
      {
        id: d,
        name: 'Seals',
        element: 'transport',
        appliesTo: 'lane',
        effects: { [key(b, 'disruption')]: { downtimeFactor: 0.5 }, [key(d, 'tampering')]: { frequencyFactor: 0.2 } },
        cost: { perShipment: 5 },
      },
    ],
    treatments: [
      { id: a, name: 'Fence the port', changes: [{ addControls: [a], to: { kind: 'site', ids: [b], regions: [rb] } }] },
      { id: b, name: 'Other carrier', changes: [{ setCarrier: b, lanes: [a, d] }] },
      { id: c, name: 'Bigger buffer', changes: [{ setBuffer: { flow: a, bufferDays: 10 } }] },
      { id: d, name: 'Rail route', changes: [{ route: { flow: a, path: [a, b, c, d] } }] },
      { id: e, name: 'No cameras', changes: [{ removeControls: [c], from: { kind: 'site', tags: [b] } }] },
    ],
    appetite: { maxLevel: 'high', maxEal: 2e6 },
  };
}
