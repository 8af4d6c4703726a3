// A small network for the stress test whose every figure is worked out by hand in
// test/engine/analysis/stress.test.ts and docs/stress-test.md ("A worked example"); the explorer's
// stress view tests draw it too.
//
//   A ──a-b (1 d, 100)──▶ B ──b-d (10 d, 1 000)──▶ D ──d-e (1 d, 50)──▶ E
//   └───a-c (2 d, 150)──▶ C ──c-d (12 d, 1 200)──▶┘
//
// f1: A → D, primary route a-b, b-d (11 days, 1 100 a shipment), the parallel route a-c, c-d (14 days,
// 1 350); 365 shipments a year (1 a day), 5 days of buffer, 1 000 a day interrupted.
// f2: D → E over d-e; 2 days of buffer, 500 a day interrupted.

/** The scenario as JSON (validated by the tests that use it). */
export function stressScenario(): Record<string, unknown> {
  return {
    format: 'chainward/v1',
    name: 'Stress test example',
    currency: 'EUR',
    sites: [
      { id: 'A', name: 'Supplier A', kind: 'supplier', ttrDays: 20 },
      { id: 'B', name: 'Port B', kind: 'port' },
      { id: 'C', name: 'Port C', kind: 'port' },
      { id: 'D', name: 'DC D', kind: 'dc', ttrDays: 8 },
      { id: 'E', name: 'Customer E', kind: 'customer' },
    ],
    lanes: [
      { id: 'a-b', from: 'A', to: 'B', mode: 'road', transitDays: 1, costPerShipment: 100, ttrDays: 3 },
      { id: 'a-c', from: 'A', to: 'C', mode: 'road', transitDays: 2, costPerShipment: 150 },
      { id: 'b-d', from: 'B', to: 'D', mode: 'sea', transitDays: 10, costPerShipment: 1000 },
      { id: 'c-d', from: 'C', to: 'D', mode: 'sea', transitDays: 12, costPerShipment: 1200 },
      { id: 'd-e', from: 'D', to: 'E', mode: 'road', transitDays: 1, costPerShipment: 50 },
    ],
    flows: [
      { id: 'f1', from: 'A', to: 'D', valuePerYear: 3.65e6, shipmentsPerYear: 365, bufferDays: 5, interruptionCostPerDay: 1000 },
      { id: 'f2', from: 'D', to: 'E', valuePerYear: 1e6, shipmentsPerYear: 730, bufferDays: 2, interruptionCostPerDay: 500 },
    ],
    threats: [
      // p90 given: 10 days on B and C
      { id: 'port-closure', category: 'disruption', appliesTo: { kind: 'site', siteKinds: ['port'] }, frequency: { perYear: 0.5 }, downtimeDays: { lognormal: { median: 3, p90: 10 } } },
      // a smaller p90 on B: the largest (10) wins
      { id: 'crane-failure', category: 'disruption', appliesTo: { kind: 'site', ids: ['B'] }, frequency: { perYear: 1 }, downtimeDays: { fixed: 4 } },
      // p90 of Exponential(mean 5) = 5 ln 10 = 11.5129… on both sea lanes
      { id: 'sea-service', category: 'disruption', appliesTo: { kind: 'lane', modes: ['sea'] }, frequency: { perYear: 1 }, downtimeDays: { exponential: { mean: 5 } } },
      // p90 of Triangular(0, 0, 10) = 10 − √(0.1 × 10 × 10) = 6.8377…
      { id: 'road-closure', category: 'disruption', appliesTo: { kind: 'lane', ids: ['d-e'] }, frequency: { perYear: 1 }, downtimeDays: { triangular: [0, 0, 10] } },
      // not a disruption: its downtime sets no TTR (C keeps 10)
      { id: 'sabotage', category: 'terrorism', appliesTo: { kind: 'site', ids: ['C'] }, frequency: { perYear: 0.01 }, downtimeDays: { fixed: 50 } },
      // ttrDays wins over a disruption's p90 (D keeps 8)
      { id: 'dc-fire', category: 'disruption', appliesTo: { kind: 'site', ids: ['D'] }, frequency: { perYear: 0.05 }, downtimeDays: { fixed: 30 } },
    ],
  };
}
