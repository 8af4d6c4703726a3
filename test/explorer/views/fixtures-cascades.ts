// The chart fixtures with cascades and a common cause, as the results will carry them: the truck
// hijacking on Rotterdam–Lyon raised by a data breach at the forwarder (a quarter of its EAL is the
// triggered excess), and the port strike at Antwerp a common cause hitting three ports at once.
import type { RiskBrief, RiskMatrixData, RiskRankingData } from '../../../explorer/model/view-data.js';
import { ranking } from './fixtures-charts.js';
import { matrixFixture } from './fixtures-map.js';

export const BREACH = 'Data breach at the forwarder';

/** `r` with the hijacking's cascade and the strike's common cause (other risks as they are). */
export function withCascades(r: RiskBrief): RiskBrief {
  if (r.id === 'hijack@rtm-lyo') return { ...r, cascade: { triggeredBy: [BREACH], factor: 3, excessEventsPerTrial: 0.2, excessEal: r.eal / 4 } };
  if (r.id === 'disr@antwerp') return { ...r, jointTargets: 3 };
  return r;
}

export const rankingCascades: RiskRankingData = { ...ranking, risks: ranking.risks.map(withCascades) };

/** The matrix fixture's risks, the first one raised by a cascade and the second a common cause. */
export function matrixCascades(): RiskMatrixData {
  const risks = matrixFixture().cells.flatMap((c) => c.risks);
  const marked = risks.map((r, i) =>
    i === 0 ? { ...r, cascade: { triggeredBy: [BREACH, 'Port strike'], factor: 2.5, excessEventsPerTrial: 0.1, excessEal: r.eal / 5 } } : i === 1 ? { ...r, jointTargets: 4 } : r,
  );
  return matrixFixture({}, marked);
}
