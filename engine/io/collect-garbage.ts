// A full garbage collection of the calling thread, for the few moments a large run changes phase (a
// plan let go before the next one is read): V8 collects a heap that allocates little rarely, and until
// it does, let-go typed arrays and shared plans stay in memory, hundreds of megabytes on a 100k-site
// network (README.md, "Memory"). `gc` is made reachable the way jest-leak-detector does it: the flag,
// then a new context; the caller's own context is unchanged.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** Collects all garbage of this thread now (a few hundred milliseconds on a heap of a gigabyte). */
export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
