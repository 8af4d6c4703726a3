// Finding and starting the Chromium that `chainward report` draws and prints the review pack in
// (playwright-core drives it; it never downloads a browser). CHAINWARD_CHROMIUM names one; else the
// usual places of Debian's, Ubuntu's, Google's and macOS's builds are tried (docs/review-pack.md).
import { accessSync, constants, statSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** The environment variable that points at a Chromium (or Chrome) executable. */
export const CHROMIUM_ENV = 'CHAINWARD_CHROMIUM';

/** Where a Chromium is looked for when CHAINWARD_CHROMIUM is not set, in order. */
export const CHROMIUM_PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to use, or where it was looked for (the places tried, in order) when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { looked: string[]; fromEnv: boolean } {
  const named = env[CHROMIUM_ENV];
  if (named !== undefined && named !== '') return executable(named) ? { path: named } : { looked: [named], fromEnv: true };
  const found = CHROMIUM_PLACES.find(executable);
  return found ? { path: found } : { looked: CHROMIUM_PLACES, fromEnv: false };
}

/** The one-paragraph message for a missing browser: what needs it, where it was looked for, how to get one. */
export function noChromiumMessage(what: string, looked: readonly string[], fromEnv: boolean): string {
  const where = fromEnv ? `${CHROMIUM_ENV}=${looked[0]} is not an executable file` : `none found at ${looked.join(', ')}`;
  return `${what} needs a Chromium browser (headless): ${where}. Install one (Debian or Ubuntu: apt-get install chromium) or set ${CHROMIUM_ENV} to the path of a Chromium or Chrome executable; --format md needs no browser`;
}

/** The flags headless Chromium needs here (no sandbox as root, no background network); the browser tests use them too. */
export const HEADLESS_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Starts the headless browser at `path` with no network beyond the pages it is given. */
export async function launchChromium(path: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: path,
    headless: true,
    args: [...HEADLESS_ARGS, '--font-render-hinting=none'],
  });
}
