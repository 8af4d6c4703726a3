// Results that carry cascades and common causes, written by hand over a simulated register until the
// kernel fills them in: two risks raised by a forwarder's data breach (one triggered excess each),
// and a common-cause risk whose every event hits three targets at once (README.md, "Results").
import type { Results } from '../../engine/results/schema.js';

/** The threat whose events open the windows, as a scenario would name it. */
export const TRIGGER_THREAT = 'breach-forwarder';

/**
 * `r` with `cascade` on its 2nd and 3rd risks (raised × 3 by TRIGGER_THREAT, the 3rd also by
 * "strike-port" × 2: the largest factor is kept) and `joint` on its 4th (3 targets at once). The
 * excess is a fixed share of each risk's EAL (a quarter, a tenth), as the kernel's would be part of it.
 */
export function withCascades(r: Results): Results {
  return {
    ...r,
    risks: r.risks.map((k, i) => {
      if (i === 1) return { ...k, cascade: { triggeredBy: [TRIGGER_THREAT], factor: 3, excessEventsPerTrial: 0.12, excessEal: k.eal / 4 } };
      if (i === 2) return { ...k, cascade: { triggeredBy: [TRIGGER_THREAT, 'strike-port'], factor: 3, excessEventsPerTrial: 0.05, excessEal: k.eal / 10 } };
      if (i === 3) return { ...k, joint: { targets: 3 } };
      return k;
    }),
  };
}
