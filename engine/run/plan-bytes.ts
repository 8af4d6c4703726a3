// The memory a compiled plan's typed arrays take: what decides whether a plan is kept between uses
// or compiled (or copied) again (README.md, "Memory").
import type { SimulationPlan } from '../plan/plan.js';

/** Bytes of every typed array of `plan`, nested ones (the graph) included; arrays sharing a buffer count once. */
export function planBytes(plan: SimulationPlan): number {
  const seen = new Set<ArrayBufferLike>();
  let bytes = 0;
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      if (!seen.has(v.buffer)) {
        seen.add(v.buffer);
        bytes += v.buffer.byteLength;
      }
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const x of Object.values(v)) walk(x);
  };
  walk(plan);
  return bytes;
}
