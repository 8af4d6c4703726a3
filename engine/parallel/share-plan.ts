// Copies a plan's typed arrays into SharedArrayBuffers once, so sending the plan to a worker with
// each task shares its memory instead of cloning it (a task message is then a few hundred bytes);
// each worker makes its own unshared copy once, to simulate on — except of a large plan, which it
// simulates in the shared memory itself (engine/parallel/worker.ts). Arrays already in shared memory
// (a plan read back from a file, engine/io/plan-spill.ts) are not copied again.
import type { SimulationPlan } from '../plan/plan.js';

type Typed = Int32Array | Uint32Array | Float64Array | Uint8Array;

function share<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

function mapArrays(v: unknown, f: (a: Typed) => Typed): unknown {
  if (ArrayBuffer.isView(v)) return f(v as Typed);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapArrays(x, f)]));
  }
  return v;
}

/** The same plan with every typed array (nested ones included) backed by shared memory. */
export function sharePlan(plan: SimulationPlan): SimulationPlan {
  return mapArrays(plan, share) as SimulationPlan;
}

/**
 * A worker's own copy of a shared plan, in ordinary memory: an earlier kernel ran about a quarter
 * faster on it than on SharedArrayBuffer-backed arrays; the 0.3 kernel ran as fast on either (within
 * 2 % on the default scenario and on a 100k-site network, Node 20). A copy costs a few milliseconds
 * once per worker and plan, so small plans are still copied.
 */
export function localPlan(plan: SimulationPlan): SimulationPlan {
  return mapArrays(plan, (a) => a.slice()) as SimulationPlan;
}
