// The package's "./node" entry (`import { WorkerPool } from 'chainward/node'`): the pieces that need
// Node.js, beside the isomorphic API of engine/index.ts. Worker threads are optional: pass a pool's
// runRange, inFlight and share (as sharePlan) to simulateScenario, then close it. Re-exports only.
export { WorkerPool, defaultWorkers } from './parallel/pool.js';
