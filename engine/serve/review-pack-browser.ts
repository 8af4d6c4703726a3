// The review pack drawn and printed in headless Chromium: explorer/report/browser-entry.ts is bundled
// with esbuild (by its path, as build-explorer.ts builds the explorer: the engine imports no explorer
// module), or read prebuilt from dist/ where the sources are not, and run in an empty page, which
// returns the pack's HTML from the pack's input; the PDF is that HTML printed by the same browser.
// Every request the pages make is refused: the pack is whole.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ReviewPackInput } from '../report/review-pack.js';
import { launchChromium } from './chromium.js';
import { PACKAGE_ROOT } from '../io/package-root.js';

/** The explorer's report entry, bundled for the page. */
const ENTRY = join(PACKAGE_ROOT, 'explorer', 'report', 'browser-entry.ts');

/** The bundle `npm run build` writes (bundleReviewPackScript), which an install from the package runs. */
export const PREBUILT_REVIEW_PACK_SCRIPT = join(PACKAGE_ROOT, 'dist', 'explorer-report.js');

/**
 * The script the page runs: bundled from the explorer's sources where they are (a clone, so a change
 * shows at once), else the prebuilt bundle (an install from the package has no sources, nor esbuild).
 */
export function reviewPackScript(): string {
  if (existsSync(ENTRY)) return bundleReviewPackScript();
  try {
    return readFileSync(PREBUILT_REVIEW_PACK_SCRIPT, 'utf8');
  } catch {
    throw new Error(`the review pack's script is neither in ${ENTRY} nor prebuilt in ${PREBUILT_REVIEW_PACK_SCRIPT} (npm run build writes it)`);
  }
}

/** The report entry and the explorer code it draws with, as one script (esbuild, in memory). */
export function bundleReviewPackScript(): string {
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const built = buildSync({ entryPoints: [ENTRY], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, write: false, logLevel: 'silent', legalComments: 'none' });
  return built.outputFiles[0]!.text;
}

export type Paper = 'a4' | 'letter';

/** A page that loads nothing from anywhere (the pack and its script are given to it directly). */
async function closedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, javaScriptEnabled: true });
  await context.route('**/*', (route) => route.abort());
  return context.newPage();
}

/** Page errors (console errors and uncaught exceptions) of `page`, collected as they come. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** The browser at a path did not start (not a Chromium, or one that cannot run here). */
export class ChromiumStartError extends Error {}

/** Runs `work` with a Chromium started from `chromiumPath`, closed whatever happens. */
export async function withChromium<T>(chromiumPath: string, work: (browser: Browser) => Promise<T>): Promise<T> {
  let browser: Browser;
  try {
    browser = await launchChromium(chromiumPath);
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n').find((l) => l.trim() !== '') ?? 'no message';
    throw new ChromiumStartError(`the browser at ${chromiumPath} did not start (${first.trim()})`);
  }
  try {
    return await work(browser);
  } finally {
    await browser.close().catch(() => {});
  }
}

/** The pack's HTML, drawn by the explorer's views in `browser`. */
export async function reviewPackHtmlInBrowser(browser: Browser, input: ReviewPackInput, script = reviewPackScript()): Promise<string> {
  const page = await closedPage(browser);
  const errors = collectErrors(page);
  try {
    await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>chainward</title></head><body></body></html>');
    await page.addScriptTag({ content: script });
    // the input goes in as data (structured clone), never as markup
    const html = await page.evaluate((i) => (globalThis as unknown as { chainwardReviewPack: (x: unknown) => string }).chainwardReviewPack(i), input as unknown);
    if (errors.length) throw new Error(`the review pack page failed: ${errors[0]}`);
    return html;
  } finally {
    await page.context().close();
  }
}

/**
 * The PDF with its creation and modification dates (the clock's, written by Chromium) replaced by the
 * review date, or blanked without one, so the same input prints to the same bytes. Same length, so
 * the cross-reference offsets stay right.
 */
export function withoutClock(pdf: Uint8Array, reviewDate?: string): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const fixed = text.replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, (all, key: string) => {
    const stated = reviewDate ? `/${key} (D:${reviewDate.replace(/-/g, '')}000000Z)` : '';
    return stated.length <= all.length ? stated.padEnd(all.length, ' ') : ' '.repeat(all.length);
  });
  return Buffer.from(fixed, 'latin1');
}

/** `html` printed to PDF by `browser` on `paper`, with page numbers in the footer (dates: see withoutClock). */
export async function printPdf(browser: Browser, html: string, paper: Paper, reviewDate?: string): Promise<Uint8Array> {
  const page = await closedPage(browser);
  try {
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: paper === 'letter' ? 'Letter' : 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<div style="width:100%;font:8px system-ui,sans-serif;color:#5f6670;text-align:center">page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      margin: { top: '14mm', bottom: '16mm', left: '13mm', right: '13mm' },
      tagged: true,
      outline: true,
    });
    return withoutClock(pdf, reviewDate);
  } finally {
    await page.context().close();
  }
}
