// The reference workload of the benchmark: 1000 sites × 6 threats at λ = 0.05 per year with
// lognormal losses and a few controls per site (6000 risks, no lanes, no flows). Used by the
// benchmark and by the hand-written reference kernel, so both simulate the same risks.
import type { Scenario } from '../engine/model/schema.js';

export const REFERENCE_SITES = 1000;
export const REFERENCE_RATE_PER_YEAR = 0.05;

/** Six threats, each a lognormal amount (median, p90) in EUR. */
const THREATS = [
  { id: 'theft', category: 'theft', median: 60_000, p90: 400_000 },
  { id: 'intrusion', category: 'intrusion', median: 20_000, p90: 150_000 },
  { id: 'tampering', category: 'tampering', median: 40_000, p90: 250_000 },
  { id: 'breach', category: 'breach', median: 80_000, p90: 900_000 },
  { id: 'disruption', category: 'disruption', median: 150_000, p90: 1_200_000 },
  { id: 'terrorism', category: 'terrorism', median: 500_000, p90: 5_000_000 },
] as const;

/** Four controls with frequency and severity effects; each site carries two or three of them. */
const CONTROLS: Scenario['controls'] = [
  { id: 'cctv', name: 'CCTV with recording', element: 'facility', appliesTo: 'site', reliability: 0.9,
    effects: { theft: { frequencyFactor: 0.7, severityFactor: 0.8 }, intrusion: { frequencyFactor: 0.8 } }, cost: { annual: 8000 } },
  { id: 'access', name: 'Badge access control', element: 'personnel', appliesTo: 'site', reliability: 0.95,
    effects: { intrusion: { frequencyFactor: 0.6 }, tampering: { severityFactor: 0.7 } }, cost: { annual: 5000 } },
  { id: 'isms', name: 'Information security management', element: 'information', appliesTo: 'site', reliability: 0.85,
    effects: { breach: { frequencyFactor: 0.5, severityFactor: 0.6 } }, cost: { annual: 12000 } },
  { id: 'bcp', name: 'Business continuity plan', element: 'emergency', appliesTo: 'site', reliability: 0.8,
    effects: { disruption: { severityFactor: 0.6 }, terrorism: { severityFactor: 0.8 } }, cost: { annual: 6000 } },
];

/** The reference scenario: site i carries controls (i mod 4), (i+1 mod 4) and, for even i, (i+2 mod 4). */
export function referenceScenario(sites = REFERENCE_SITES): Scenario {
  const ids = CONTROLS!.map((c) => c.id);
  return {
    format: 'chainward/v1',
    name: `Reference workload (${sites} sites × ${THREATS.length} threats)`,
    currency: 'EUR',
    horizonDays: 365,
    sites: Array.from({ length: sites }, (_, i) => ({
      id: `s${i}`,
      kind: 'warehouse' as const,
      value: 5_000_000,
      controls: [ids[i % 4]!, ids[(i + 1) % 4]!, ...(i % 2 === 0 ? [ids[(i + 2) % 4]!] : [])],
    })),
    threats: THREATS.map((t) => ({
      id: t.id,
      category: t.category,
      appliesTo: { kind: 'site' as const },
      frequency: { perYear: REFERENCE_RATE_PER_YEAR },
      loss: { amount: { lognormal: { median: t.median, p90: t.p90 } } },
    })),
    controls: CONTROLS,
  };
}
