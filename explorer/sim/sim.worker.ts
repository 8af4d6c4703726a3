// Web Worker entry: simulates trial ranges of the plans the page sends (web-pool.ts). Same kernel and
// streams as the command line's worker threads: the same scenario, seed and trials give the same numbers.
import type { FromWorker, ToWorker } from './protocol.js';
import { workerHandler } from './worker-handler.js';

const handle = workerHandler();
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
};
scope.onmessage = (e) => {
  const reply = handle(e.data);
  if (reply) scope.postMessage(reply.message, reply.transfer);
};
