// zod's configuration, set before any schema is built: every entry (the command line, the explorer
// page and its worker) and the modules that build or use schemas import this module first.
//
// jitless: zod would otherwise compile fast object parsers with `new Function`, and probes whether it
// may do so by calling `Function('')` once. Under the explorer's Content Security Policy (no
// 'unsafe-eval', README.md "The explorer") that probe is reported as a policy violation on every page
// load, although zod catches it. Without the compiler the checks are the same and, measured on a
// 50 000-site scenario, no slower.
import { z } from 'zod';

z.config({ jitless: true });

/** Whether zod runs without compiling code (always, once this module is loaded). */
export function zodJitless(): boolean {
  return z.config().jitless === true;
}
