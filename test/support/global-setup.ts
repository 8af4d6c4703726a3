// vitest global setup of `npm test`: builds the CLI bundle the CLI tests run (see cli-bundle.ts) and
// removes it when the run ends. Tests read its path with inject('chainwardCli').
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildCliBundle } from './cli-bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bundled CLI entry (node <file> …); unset when tests run without this setup. */
    chainwardCli: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const { entry, dir } = await buildCliBundle(fileURLToPath(new URL('../../', import.meta.url)));
  project.provide('chainwardCli', entry);
  return () => rmSync(dir, { recursive: true, force: true });
}
