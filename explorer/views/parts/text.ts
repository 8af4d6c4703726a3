// Text measurement without a layout engine (jsdom has none): estimated widths, and text fitted to a
// width by clipping with an ellipsis. Layouts use these to leave room and avoid overlaps.

/** Rough text width in px: 0.58 em a character, for axis and label room. */
export function roughTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}

/** Estimated text width in px: per-character classes calibrated on DejaVu Sans (a wide fallback font) within a few %. */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of s) {
    if (ch === ' ') em += 0.32;
    else if ("iljtfr.,:;!|'()[]".includes(ch)) em += 0.36;
    else if ('mwMW@%—'.includes(ch)) em += 0.92;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if (ch >= '0' && ch <= '9') em += 0.64;
    else em += 0.6;
  }
  return em * fontSize * (bold ? 1.13 : 1);
}

/** Text truncated to `max` characters with an ellipsis (labels; the full text goes to the tooltip). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** `s` clipped with an ellipsis to fit `maxWidth` px (estimated with textWidth). */
export function fitText(s: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(s, fontSize, bold) <= maxWidth) return s;
  let n = s.length;
  while (n > 2 && textWidth(`${s.slice(0, n - 2)}…`, fontSize, bold) > maxWidth) n--;
  return clip(s, n - 1);
}

/**
 * The first title that fits `width` px at the title's 15 px (about `charPx` a character, `padPx` of
 * margin), else the last one clipped.
 */
export function fitTitle(candidates: string[], width: number, charPx = 9, padPx = 16): string {
  const max = Math.floor((width - padPx) / charPx);
  return candidates.find((c) => c.length <= max) ?? clip(candidates[candidates.length - 1]!, max);
}
