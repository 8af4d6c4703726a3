// The entry `chainward report` bundles and runs in headless Chromium (engine/serve/review-pack-browser.ts):
// it puts reviewPackHtml on the page, called with the pack's input as data, never as markup.
import type { ReviewPackInput } from '../../engine/report/review-pack.js';
import { reviewPackHtml } from './review-pack-html.js';

(globalThis as unknown as { chainwardReviewPack: (input: ReviewPackInput) => string }).chainwardReviewPack = (input) => reviewPackHtml(document, input);
