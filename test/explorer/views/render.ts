// Helpers for view tests in jsdom: a fresh container, and an SVG/HTML snapshot with numbers rounded
// (one decimal) so a snapshot states what is drawn, not floating-point noise.

/** A fresh <div> attached to the jsdom document. */
export function container(): HTMLDivElement {
  document.body.replaceChildren();
  const div = document.createElement('div');
  document.body.append(div);
  return div;
}

/** The element's markup with every decimal number rounded to one decimal, one tag a line. */
export function snapshot(element: Element): string {
  return element.innerHTML
    .replace(/-?\d+\.\d+(e-?\d+)?/g, (m) => {
      const r = Math.round(Number(m) * 10) / 10;
      return String(Object.is(r, -0) ? 0 : r);
    })
    .replace(/></g, '>\n<');
}
