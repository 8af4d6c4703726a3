// Runs the command line as a child process: the CLI bundle built once by global-setup.ts when the
// run provides one, else the shipped bin/chainward.js (through tsx, about a second a start). A few
// tests pass via 'bin' so the shipped entry stays covered; `runMany` starts several at once.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Which entry starts the CLI: the test run's bundle (the default when there is one) or bin/chainward.js. */
export type CliVia = 'bundle' | 'bin';

function entryFor(via: CliVia): string {
  return (via === 'bundle' && inject('chainwardCli')) || 'bin/chainward.js';
}

export interface CliResult {
  args: string[];
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of the child: no debug switch that would print stacks, no colour codes. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
  delete env.CHAINWARD_DEBUG;
  return env;
}

/** Runs `chainward ...args` in the repository root (with `env` added to the environment). */
export function runCli(args: string[], timeoutMs = 120_000, env: NodeJS.ProcessEnv = {}, via: CliVia = 'bundle'): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entryFor(via), ...args], { cwd: REPO, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ args, status, signal, stdout, stderr });
    });
  });
}

/** Runs every argument list, a few at a time; results in the order given. */
export async function runMany(argLists: string[][], concurrency = Math.max(2, Math.min(4, availableParallelism()))): Promise<CliResult[]> {
  const out: CliResult[] = new Array(argLists.length);
  let next = 0;
  const worker = async () => {
    while (next < argLists.length) {
      const i = next++;
      out[i] = await runCli(argLists[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, argLists.length) }, worker));
  return out;
}

/** What in `stderr` looks like a stack trace or an uncaught Node error, or undefined: bad input must print neither. */
export function stackProblem(stderr: string): string | undefined {
  if (/\n\s+at /.test(stderr)) return 'a stack frame ("    at …")';
  if (/(^|\n)\s*(\w*Error|Uncaught \w+):/.test(stderr)) return 'a Node "…Error:" line';
  if (/node:internal|\.ts:\d+:\d+/.test(stderr)) return 'a source location';
  if (/chainward: internal error/.test(stderr)) return '"internal error" (exit 1 path) for bad input';
  return undefined;
}
