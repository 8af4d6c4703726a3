// Copies a plan's typed arrays into SharedArrayBuffers once, so sending the plan to a worker with
// each task shares its memory instead of cloning it (a task message is then a few hundred bytes).
import type { SimulationPlan } from '../plan/plan.js';

type Typed = Int32Array | Uint32Array | Float64Array | Uint8Array;

function share<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

function shareDeep(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return share(v as Typed);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = shareDeep(x);
    return out;
  }
  return v;
}

/** The same plan with every typed array (nested ones included) backed by shared memory. */
export function sharePlan(plan: SimulationPlan): SimulationPlan {
  return shareDeep(plan) as SimulationPlan;
}
