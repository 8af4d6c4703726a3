// The memory a compiled plan's (or a summary's) typed arrays take: what decides whether a plan is kept
// between uses or compiled (or copied) again, and how many range summaries may wait (README.md, "Memory").
import type { SimulationPlan } from '../plan/plan.js';

/** Bytes of every typed array in `v`, nested objects included; arrays sharing a buffer count once. */
export function typedArrayBytes(v: unknown): number {
  const seen = new Set<ArrayBufferLike>();
  let bytes = 0;
  const walk = (x: unknown): void => {
    if (ArrayBuffer.isView(x)) {
      if (!seen.has(x.buffer)) {
        seen.add(x.buffer);
        bytes += x.buffer.byteLength;
      }
    } else if (x !== null && typeof x === 'object' && !Array.isArray(x)) for (const y of Object.values(x)) walk(y);
  };
  walk(v);
  return bytes;
}

/** Bytes of every typed array of `plan`, nested ones (the graph) included. */
export function planBytes(plan: SimulationPlan): number {
  return typedArrayBytes(plan);
}
