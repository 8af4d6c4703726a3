// Messages between the page and its simulation Web Workers.
import type { SimulationPlan } from '../../engine/plan/plan.js';
import type { PackedSummary } from '../../engine/summary/summary-transfer.js';

export type ToWorker =
  | { type: 'plan'; key: number; plan: SimulationPlan }
  | { type: 'forget'; keys: number[] }
  | { type: 'range'; id: number; key: number; first: number; count: number; tailSize: number; tailFloor: number; runId: number };

export type FromWorker = { type: 'done'; id: number; packed: PackedSummary } | { type: 'failed'; id: number; message: string };
