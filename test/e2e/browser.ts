// Shared set-up of the end-to-end tests: the explorer built as `chainward explore` builds it, served
// by the explore server on 127.0.0.1, and Debian's Chromium driven by playwright-core (never a
// downloaded browser), with the flags this machine needs (no sandbox as root, no background network).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { builtExplorer } from '../../engine/serve/build-explorer.js';
import { HEADLESS_ARGS } from '../../engine/serve/chromium.js';
import { startExploreServer, type ExploreInput, type ExploreServer } from '../../engine/serve/explore-server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'chainward-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1600, height: 1000 },
    args: HEADLESS_ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function serve(input?: ExploreInput): Promise<ExploreServer> {
  const dir = await builtExplorer();
  return startExploreServer({ dir, ...(input ? { input } : {}), port: 0 });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(b: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await b.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, errors };
}

/** Waits until the page has finished its run (data-status ready), failing on an error status. */
export async function ready(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => ['ready', 'error', 'invalid'].includes(document.getElementById('app')?.dataset.status ?? ''), undefined, { timeout });
  const status = await page.evaluate(() => document.getElementById('app')!.dataset.status);
  if (status !== 'ready') throw new Error(`page status ${status}: ${await page.evaluate(() => document.getElementById('errors')?.textContent ?? '')}`);
}
