// Hand-made data for the exposure map and the risk matrix: a small China → Netherlands/Germany
// network with coordinates, the same network without them, and a 5 × 5 matrix of its risks.
import type { Category, Level } from '../../../engine/model/schema.js';
import type { ExposureMapData, MapLane, MapSite, MatrixCell, RiskBrief, RiskMatrixData } from '../../../explorer/model/view-data.js';

/** Score → level as the engine's default criteria (medium ≥ 5, high ≥ 10, critical ≥ 20). */
export function levelOfScore(score: number): Level {
  return score >= 20 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low';
}

function risk(threat: string, threatName: string, category: Category, target: string, targetKind: 'site' | 'lane', eal: number, likelihood: number, impact: number, borderline = false): RiskBrief {
  return {
    id: `${threat}@${target}`,
    threat,
    threatName,
    category,
    target,
    targetKind,
    eal,
    tailContribution: Math.round(eal * 3.2),
    likelihood,
    impact,
    level: levelOfScore(likelihood * impact),
    borderline,
  };
}

export const RISKS: RiskBrief[] = [
  risk('port-closure', 'Port closure (strike, typhoon, congestion)', 'disruption', 'port-shekou', 'site', 1_003_697, 5, 4),
  risk('container-theft', 'Container theft at the terminal', 'theft', 'port-shekou', 'site', 41_113, 3, 2),
  risk('plant-intrusion', 'Intrusion into the assembly plant', 'intrusion', 'fac-shenzhen', 'site', 312_400, 4, 3),
  risk('ip-breach', 'Design data breach', 'breach', 'fac-shenzhen', 'site', 108_250, 2, 4),
  risk('port-closure', 'Port closure (strike, storm surge)', 'disruption', 'port-rotterdam', 'site', 455_020, 4, 4),
  risk('cargo-tampering', 'Cargo tampering in the yard', 'tampering', 'port-rotterdam', 'site', 154_980, 4, 2),
  risk('dc-theft', 'Theft from DC (burglary, pilferage)', 'theft', 'dc-venlo', 'site', 180_300, 4, 2),
  risk('dc-theft', 'Theft from DC (burglary, pilferage)', 'theft', 'dc-dortmund', 'site', 64_800, 2, 2),
  risk('dc-fire', 'Fire at the DC', 'disruption', 'dc-dortmund', 'site', 30_200, 1, 4),
  risk('rail-intrusion', 'Intrusion at the rail terminal', 'intrusion', 'rail-duisburg', 'site', 240_000, 3, 3),
  risk('sea-piracy', 'Piracy in the Gulf of Aden', 'hijacking', 'la-sea-shekou-rtm', 'lane', 512_000, 4, 5),
  risk('sea-theft', 'Theft from container at sea', 'theft', 'la-sea-shekou-rtm', 'lane', 370_500, 5, 4),
  // borderline: its impact interval straddles a band edge (drawn with "~")
  risk('truck-hijack', 'Truck hijacking', 'hijacking', 'la-road-rtm-venlo', 'lane', 260_100, 3, 4, true),
  risk('truck-theft', 'Theft from parked truck', 'theft', 'la-road-sz-shekou', 'lane', 150_000, 4, 3),
  risk('road-terror', 'Vehicle attack on convoy', 'terrorism', 'la-road-venlo-dortmund', 'lane', 95_000, 1, 5),
  risk('rail-tamper', 'Seal tampering on the train', 'tampering', 'la-rail-rtm-duisburg', 'lane', 60_000, 2, 3),
];

const risksOf = (target: string) => RISKS.filter((r) => r.target === target).sort((a, b) => b.eal - a.eal);
const worst = (rs: RiskBrief[]): Level | null => {
  const order: Level[] = ['low', 'medium', 'high', 'critical'];
  return rs.reduce<Level | null>((l, r) => (l === null || order.indexOf(r.level) > order.indexOf(l) ? r.level : l), null);
};

function site(id: string, name: string, kind: string, lat: number | undefined, lon: number | undefined): MapSite {
  const rs = risksOf(id);
  return {
    id,
    name,
    kind,
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
    eal: rs.reduce((s, r) => s + r.eal, 0),
    level: worst(rs),
    topRisks: rs.slice(0, 5),
  };
}

function lane(id: string, name: string, from: string, to: string, mode: string, carrier: string | undefined, transitDays: number): MapLane {
  const rs = risksOf(id);
  return {
    id,
    name,
    from,
    to,
    mode,
    ...(carrier !== undefined ? { carrier } : {}),
    transitDays,
    eal: rs.reduce((s, r) => s + r.eal, 0),
    level: worst(rs),
    topRisks: rs.slice(0, 5),
  };
}

const SITE_ROWS: Array<[string, string, string, number, number]> = [
  ['fac-shenzhen', 'Assembly plant, Shenzhen Longhua', 'factory', 22.657, 114.03],
  ['port-shekou', 'Shekou Container Terminals', 'port', 22.473, 113.893],
  ['port-rotterdam', 'Port of Rotterdam, Maasvlakte II', 'port', 51.955, 4.03],
  ['rail-duisburg', 'Duisburg logport rail terminal', 'crossdock', 51.395, 6.72],
  ['dc-venlo', 'European DC Venlo', 'dc', 51.383, 6.117],
  ['dc-dortmund', 'DC Dortmund', 'dc', 51.555, 7.42],
  ['cust-hamburg', 'Retail hub Hamburg', 'customer', 53.55, 9.99],
];

const LANES: MapLane[] = [
  lane('la-road-sz-shekou', 'Road: Longhua plant → Shekou', 'fac-shenzhen', 'port-shekou', 'road', 'cn-haulier', 1),
  lane('la-sea-shekou-rtm', 'Sea: Shekou → Rotterdam', 'port-shekou', 'port-rotterdam', 'sea', 'COSCO Shipping', 32),
  lane('la-road-rtm-venlo', 'Road: Rotterdam → Venlo DC', 'port-rotterdam', 'dc-venlo', 'road', 'nl-trucking', 1),
  lane('la-road-venlo-dortmund', 'Road: Venlo → Dortmund', 'dc-venlo', 'dc-dortmund', 'road', 'de-trucking', 1),
  lane('la-rail-rtm-duisburg', 'Rail: Rotterdam → Duisburg', 'port-rotterdam', 'rail-duisburg', 'rail', 'DB Cargo', 1),
  lane('la-road-duisburg-hamburg', 'Road: Duisburg → Hamburg', 'rail-duisburg', 'cust-hamburg', 'road', undefined, 1),
];

/** The network with coordinates (sites in southern China, the Netherlands and Germany). */
export function mapFixture(extra: Partial<ExposureMapData> = {}): ExposureMapData {
  return {
    currency: 'EUR',
    locale: 'en-US',
    size: { width: 900, height: 560 },
    sites: SITE_ROWS.map(([id, name, kind, lat, lon]) => site(id, name, kind, lat, lon)),
    lanes: LANES.map((l) => ({ ...l })),
    ...extra,
  };
}

/** The same network without coordinates (a schematic layout). */
export function mapFixtureNoCoords(extra: Partial<ExposureMapData> = {}): ExposureMapData {
  return {
    currency: 'USD',
    locale: 'en-US',
    size: { width: 900, height: 560 },
    sites: SITE_ROWS.map(([id, name, kind]) => site(id, name, kind, undefined, undefined)),
    lanes: LANES.map((l) => ({ ...l })),
    ...extra,
  };
}

export const LIKELIHOOD_LABELS = ['Rare (< 1 %)', 'Unlikely (1 %–5 %)', 'Possible (5 %–20 %)', 'Likely (20 %–50 %)', 'Almost certain (≥ 50 %)'];
export const IMPACT_LABELS = ['Minor (< €10K)', 'Moderate (€10K–€100K)', 'Major (€100K–€1M)', 'Severe (€1M–€10M)', 'Catastrophic (≥ €10M)'];

/** All 25 cells with the risks placed by likelihood and impact. */
export function cellsOf(risks: RiskBrief[]): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (let likelihood = 1; likelihood <= 5; likelihood++) {
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact;
      cells.push({ likelihood, impact, score, level: levelOfScore(score), risks: risks.filter((r) => r.likelihood === likelihood && r.impact === impact) });
    }
  }
  return cells;
}

/** The matrix of RISKS, appetite up to "high". */
export function matrixFixture(extra: Partial<RiskMatrixData> = {}, risks: RiskBrief[] = RISKS): RiskMatrixData {
  return {
    currency: 'EUR',
    locale: 'en-US',
    size: { width: 520, height: 420 },
    cells: cellsOf(risks),
    likelihoodLabels: LIKELIHOOD_LABELS,
    impactLabels: IMPACT_LABELS,
    maxLevel: 'high',
    ...extra,
  };
}

export { risk as makeRisk };
