// Hand-made data for the chart views (exceedance, ranking, treatments, control effectiveness, header):
// euro magnitudes of a mid-size European distribution network, curves computed deterministically.
import type {
  ControlEffectivenessData,
  ExceedanceCurve,
  HeaderData,
  LossExceedanceData,
  RiskBrief,
  RiskRankingData,
  TreatmentsData,
} from '../../../explorer/model/view-data.js';
import { Z95 } from '../../../engine/analysis/loss-summary.js';

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for a smooth fixture curve. */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const normalCdf = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));

export const TRIALS = 10_000;

/**
 * An exceedance curve of a zero-inflated lognormal annual loss: P(L > x) = pAny·(1 − Φ((ln x − mu)/s)).
 * 60 points log-spaced from €100K to €300M after a first point at loss 0; probabilities under
 * 1/TRIALS are written as 0 (no trial went that far), as the engine's empirical curve would.
 * pAny 0.6745, mu 15.6925, s 0.8675 give EAL €6.42M, var95 €22.9M, p99 €43.1M, cvar95 €36.2M.
 */
export function lognormalCurve(id: string, label: string, role: ExceedanceCurve['role'], pAny = 0.6745, mu = 15.6925, s = 0.8675): ExceedanceCurve {
  const points: ExceedanceCurve['points'] = [{ loss: 0, probability: pAny }];
  const n = 60;
  for (let i = 0; i < n; i++) {
    const loss = Math.round(1e5 * Math.pow(3000, i / (n - 1)));
    const p = pAny * (1 - normalCdf((Math.log(loss) - mu) / s));
    points.push({ loss, probability: p < 1 / TRIALS ? 0 : p });
  }
  return { id, label, role, points };
}

export const exceedanceBaseline: LossExceedanceData = {
  currency: 'EUR',
  size: { width: 520, height: 300 },
  curves: [
    lognormalCurve('baseline', 'Baseline', 'baseline'),
    lognormalCurve('t-parking', 'Secure parking on Rotterdam–Lyon', 'treatment', 0.6, 15.55, 0.85),
    lognormalCurve('t-cctv', 'CCTV upgrade at Venlo DC', 'treatment', 0.66, 15.62, 0.84),
  ],
  var95: 22_900_000,
  p99: 43_100_000,
  cvar95: 36_200_000,
};

export const exceedanceWhatIf: LossExceedanceData = {
  currency: 'EUR',
  size: { width: 520, height: 300 },
  curves: [lognormalCurve('ghost', 'Baseline', 'ghost'), lognormalCurve('whatif', 'What-if', 'whatif', 0.62, 15.45, 0.86)],
  var95: 17_600_000,
  p99: 33_400_000,
  cvar95: 27_900_000,
};

const XSS = '<img src=x onerror=alert(1)>';

function risk(id: string, threatName: string, category: RiskBrief['category'], target: string, eal: number, tailContribution: number, level: RiskBrief['level'] = 'high', borderline = false): RiskBrief {
  return { id, threat: id.split('@')[0]!, threatName, category, target, targetKind: target.includes('-') ? 'lane' : 'site', eal, tailContribution, likelihood: 3, impact: 4, level, borderline };
}

/** Twelve risks; EAL sums to €6.42M and tail contributions to cvar95 €36.2M. */
export const rankingRisks: RiskBrief[] = [
  risk('theft@rtm-lyo', 'Cargo theft from parked trailer', 'theft', 'rtm-lyo', 1_480_000, 9_900_000, 'critical'),
  risk('hijack@rtm-lyo', 'Truck hijacking', 'hijacking', 'rtm-lyo', 1_120_000, 8_300_000, 'critical'),
  risk('intr@venlo', 'Warehouse intrusion', 'intrusion', 'venlo', 890_000, 3_100_000),
  risk('theft@venlo', 'Insider theft', 'theft', 'venlo', 640_000, 1_900_000),
  risk('disr@antwerp', 'Port strike', 'disruption', 'antwerp', 520_000, 5_200_000),
  risk('breach@hq', 'Shipment data breach (TMS credentials stolen through phishing)', 'breach', 'hq', 430_000, 1_100_000, 'medium'),
  risk('tamp@venlo', 'Product tampering', 'tampering', 'venlo', 380_000, 900_000, 'medium'),
  risk('theft@ham-mil', 'Cargo theft at rest stop', 'theft', 'ham-mil', 350_000, 2_400_000),
  risk('xss@lyon', XSS, 'intrusion', 'lyon', 260_000, 700_000, 'medium'),
  risk('terr@antwerp', 'Terrorist attack on port', 'terrorism', 'antwerp', 150_000, 1_800_000, 'medium'),
  risk('disr@lyon', 'Flooding', 'disruption', 'lyon', 120_000, 600_000, 'low'),
  risk('tamp@lyon', 'Seal tampering', 'tampering', 'lyon', 80_000, 200_000, 'low'),
];

export const ranking: RiskRankingData = {
  currency: 'EUR',
  size: { width: 520, height: 360 },
  risks: rankingRisks,
  eal: 6_420_000,
  cvar95: 36_200_000,
  selectedRisk: 'hijack@rtm-lyo',
};

export const treatmentsData: TreatmentsData = {
  currency: 'EUR',
  size: { width: 520, height: 300 },
  points: [
    { id: 'parking', name: 'Secure parking on Rotterdam–Lyon', kind: 'treatment', annualCost: 180_000, reduction: 936_000, ci95: [810_000, 1_062_000], netBenefit: 756_000, rosi: 4.2 },
    { id: 'cctv', name: 'CCTV upgrade at Venlo DC', kind: 'treatment', annualCost: 240_000, reduction: 410_000, ci95: [330_000, 490_000], netBenefit: 170_000, rosi: 0.71 },
    { id: 'guards', name: 'Armed escort Hamburg–Milan', kind: 'treatment', annualCost: 520_000, reduction: 380_000, ci95: [260_000, 500_000], netBenefit: -140_000, rosi: -0.27 },
    { id: 'carrier', name: 'Cheaper carrier B', kind: 'treatment', annualCost: -60_000, reduction: -90_000, ci95: [-170_000, -10_000], netBenefit: -30_000, rosi: null },
    { id: 'xss', name: XSS, kind: 'treatment', annualCost: 90_000, reduction: 150_000, ci95: [60_000, 240_000], netBenefit: 60_000, rosi: 0.67 },
    { id: 'whatif', name: 'What-if', kind: 'whatif', annualCost: 310_000, reduction: 1_010_000, ci95: [943_000, 1_080_000], netBenefit: 700_000, rosi: 2.26 },
  ],
};

export const controlsData: ControlEffectivenessData = {
  currency: 'EUR',
  size: { width: 520, height: 300 },
  elements: [
    { element: 'facility', controls: ['cctv', 'fence', 'guard'], annualCost: 310_000, lossAvoided: 2_100_000, ci95: [1_870_000, 2_330_000] },
    { element: 'transport', controls: ['parking', 'gps'], annualCost: 420_000, lossAvoided: 1_350_000, ci95: [1_150_000, 1_550_000] },
    { element: 'personnel', controls: ['screening'], annualCost: 95_000, lossAvoided: 260_000, ci95: [150_000, 370_000] },
    { element: 'information', controls: ['mfa', XSS], annualCost: 140_000, lossAvoided: 90_000, ci95: [-20_000, 200_000] },
    { element: 'emergency', controls: ['bcp'], annualCost: 60_000 },
  ],
};

/** Headline figures; direct + interruption + reroute = eal; eal's interval ± Z95 standard errors. */
export const figures: HeaderData['figures'] = {
  eal: 6_420_000,
  se: 64_300,
  ealCi95: [6_420_000 - Z95 * 64_300, 6_420_000 + Z95 * 64_300], // as the results build it
  directEal: 4_890_000,
  interruptionEal: 1_275_000,
  rerouteEal: 255_000,
  var95: 22_900_000,
  p99: 43_100_000,
  cvar95: 36_200_000,
  var95Ci95: [22_200_000, 23_600_000],
  p99Ci95: [41_500_000, 45_300_000],
  cvar95Ci95: [34_900_000, 37_500_000],
  serviceLevel: 0.9874,
};

/** A breached appetite: two limits breached, one too close to call. */
export const appetiteBreached: HeaderData['appetite'] = {
  status: 'breached',
  checks: [
    { limit: 'maxLevel', status: 'breached', text: '1 risk above high: theft@rtm-lyo (critical)' },
    { limit: 'maxEal', status: 'breached', text: 'expected annual loss €6.42M (95 %: €6.29M to €6.55M) above maxEal €5M' },
    { limit: 'maxCvar95', status: 'uncertain', text: 'CVaR95 €36.2M (95 %: €34.9M to €37.5M) too close to call against maxCvar95 €36M' },
  ],
};

export const headerBase: HeaderData = {
  currency: 'EUR',
  size: { width: 1600, height: 110 },
  scenario: 'Benelux–France distribution',
  seed: 42,
  trials: TRIALS,
  figures,
  appetite: appetiteBreached,
};

export const headerWhatIf: HeaderData = {
  ...headerBase,
  figures: {
    eal: 5_410_000,
    se: 58_100,
    ealCi95: [5_410_000 - Z95 * 58_100, 5_410_000 + Z95 * 58_100],
    directEal: 3_960_000,
    interruptionEal: 1_230_000,
    rerouteEal: 220_000,
    var95: 17_600_000,
    p99: 33_400_000,
    cvar95: 27_900_000,
    var95Ci95: [17_000_000, 18_300_000],
    p99Ci95: [31_900_000, 35_200_000],
    cvar95Ci95: [26_800_000, 29_000_000],
    serviceLevel: 0.9902,
  },
  baseline: figures,
  delta: { eal: 1_010_000, ci95: [943_000, 1_080_000] },
  appetite: {
    status: 'within',
    checks: [
      { limit: 'maxLevel', status: 'within', text: 'no risk above high' },
      { limit: 'maxEal', status: 'within', text: 'expected annual loss €5.41M (95 %: €5.3M to €5.52M) within maxEal €6M' },
    ],
  },
  progress: 0.4,
};
