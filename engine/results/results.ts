// The results document's type under the name the engine, the explorer and the tests import; its
// shape, its row types and the reader's checks are one zod schema in schema.ts (docs/results-format.md).
export type { FlowRow, Results, TreatmentResult } from './schema.js';
