// The PDF's clock dates: replaced by the review date, or blanked, without moving a byte (the
// cross-reference table counts offsets); and the browser lookup: CHAINWARD_CHROMIUM first.
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../../engine/serve/chromium.js';
import { withoutClock } from '../../../engine/serve/review-pack-browser.js';

const PDF = "%PDF-1.4\n1 0 obj\n<</Creator (x)\n/CreationDate (D:20261206100150+00'00')\n/ModDate (D:20261206100150+00'00')>>\nendobj\nxref\n";
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('withoutClock', () => {
  it('withoutClock writes the review date in place of the clock, at the same length', () => {
    const out = text(withoutClock(Buffer.from(PDF, 'latin1'), '2026-12-01'));
    expect(out.length).toBe(PDF.length);
    expect(out).toContain('/CreationDate (D:20261201000000Z)');
    expect(out).toContain('/ModDate (D:20261201000000Z)');
    expect(out.indexOf('xref')).toBe(PDF.indexOf('xref'));
  });

  it('withoutClock blanks the dates when the review has none', () => {
    const out = text(withoutClock(Buffer.from(PDF, 'latin1')));
    expect(out.length).toBe(PDF.length);
    expect(out).not.toMatch(/Date|D:2026/);
  });
});

describe('findChromium', () => {
  it('findChromium takes CHAINWARD_CHROMIUM, and names it when it is not an executable', () => {
    expect(findChromium({ CHAINWARD_CHROMIUM: '/nowhere/chromium' })).toEqual({ looked: ['/nowhere/chromium'], fromEnv: true });
    expect(findChromium({ CHAINWARD_CHROMIUM: process.execPath })).toEqual({ path: process.execPath });
  });
});
