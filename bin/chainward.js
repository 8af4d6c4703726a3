#!/usr/bin/env node
// Entry point for `npx chainward`. In a clone (the TypeScript sources beside this folder) it runs the
// sources through tsx, so a dist/ left by an earlier build is never what runs; an install from the
// package (dist/ and no sources) runs the compiled JavaScript, which needs neither tsx nor a build.
import { existsSync } from 'node:fs';

const sources = new URL('../engine/cli/cli.ts', import.meta.url);
const compiled = new URL('../dist/engine/cli/cli.js', import.meta.url);

if (existsSync(sources)) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('chainward: the TypeScript sources run through tsx, which is not installed here: run `npm install` (or `npm ci`) in the clone first\n');
    process.exit(1);
  }
  register();
  await import(sources.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  process.stderr.write(`chainward: neither the sources (${sources.pathname}) nor the compiled dist/ are here: reinstall the package, or run \`npm run build\`\n`);
  process.exit(1);
}
