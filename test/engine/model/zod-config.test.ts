// zod runs jitless (engine/model/zod-config.ts): no `new Function`, so no 'unsafe-eval' probe under
// the explorer's Content Security Policy. The config must be set before any schema is built, so the
// entries import it first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseScenario } from '../../../engine/validate/validate.js';
import { zodJitless } from '../../../engine/model/zod-config.js';
import { REPO } from '../../support/run-cli.js';
import { minimalScenario } from '../../support/scenario-fixtures.js';

describe('zod configuration', () => {
  it('is jitless once the validator is loaded, and scenarios still validate', () => {
    expect(z.config().jitless).toBe(true);
    expect(zodJitless()).toBe(true);
    expect(parseScenario(JSON.stringify(minimalScenario())).ok).toBe(true);
  });

  it.each(['explorer/main.ts', 'engine/cli/cli.ts', 'engine/validate/validate.ts', 'engine/results/parse-input.ts'])('%s imports it before anything else', (file) => {
    const firstImport = readFileSync(join(REPO, file), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('import '));
    expect(firstImport).toMatch(/^import '(\.\.\/)*(engine\/model\/|model\/|\.\/)zod-config\.js';/);
  });
});
