// Runs the command line's main() in this process, with standard output and error captured: the same
// code as the process entry (engine/cli/cli.ts only imports zod's configuration first and sets the
// exit status main() returns), without a process start per case. For tests of messages and exit
// statuses; what only a real process shows (signals, pipes, stack traces at the top level) stays
// with runCli.
import '../../engine/model/zod-config.js';
import { main } from '../../engine/cli/main.js';
import type { CliResult } from './run-cli.js';

let running = Promise.resolve();

/** `chainward ...args` in-process, one at a time (the captured streams are the process's own). */
export function runMain(args: string[]): Promise<CliResult> {
  const result = running.then(() => capture(args));
  running = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

async function capture(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const sink = (add: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = sink((s) => (stdout += s));
  process.stderr.write = sink((s) => (stderr += s));
  try {
    const status = await main(args);
    return { args, status, signal: null, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
