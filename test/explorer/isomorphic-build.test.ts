// The explorer bundle may hold only the isomorphic engine core: vite.config.ts's isomorphicOnly()
// plugin turns a Node.js import (node:fs, path…) or an import of a Node-only engine folder into a
// build error, where it would otherwise build and then break in the browser at run time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { isomorphicOnly } from '../../vite.config.js';

const dir = mkdtempSync(join(tmpdir(), 'chainward-iso-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const REPO = new URL('../../', import.meta.url).pathname;

async function buildEntry(code: string): Promise<void> {
  const entry = join(dir, `entry-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(entry, code);
  await build({ configFile: false, logLevel: 'silent', root: dir, plugins: [isomorphicOnly()], build: { write: false, lib: { entry, formats: ['es'], fileName: 'x' } } });
}

describe('isomorphicOnly (vite plugin)', () => {
  it('isomorphicOnly fails the build on node: and bare built-in imports', async () => {
    await expect(buildEntry(`import { readFileSync } from 'node:fs'; console.log(readFileSync);`)).rejects.toThrow(/Node\.js module "node:fs"/);
    await expect(buildEntry(`import { join } from 'path'; console.log(join);`)).rejects.toThrow(/Node\.js module "path"/);
    await expect(buildEntry(`import { readFile } from 'fs/promises'; console.log(readFile);`)).rejects.toThrow(/Node\.js module "fs\/promises"/);
    await expect(buildEntry(`import { join } from 'path/posix'; console.log(join);`)).rejects.toThrow(/Node\.js module "path\/posix"/);
  });

  it('isomorphicOnly fails the build on the Node-only engine folders, and lets the engine core through', async () => {
    await expect(buildEntry(`import { InputError } from '${REPO}engine/io/errors.ts'; console.log(InputError);`)).rejects.toThrow(/Node-only/);
    await expect(buildEntry(`import { main } from '${REPO}engine/cli/main.ts'; console.log(main);`)).rejects.toThrow(/Node-only/);
    await expect(buildEntry(`import { sharePlan } from '${REPO}engine/parallel/share-plan.ts'; console.log(sharePlan);`)).rejects.toThrow(/Node-only/);
    await expect(buildEntry(`import { oneLine } from '${REPO}engine/report/format.ts'; console.log(oneLine('a'));`)).resolves.toBeUndefined();
  });
});
