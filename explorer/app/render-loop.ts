// The render scheduler: requests for parts of the page are coalesced into one draw at the next frame
// (progress ticks redraw only the header), and a view that cannot draw the results is reported
// without stopping the others. What a part draws is the RenderTarget's (draw-page.ts): no DOM here.

/** The parts of the page that draw on their own. */
export type Part = 'header' | 'map' | 'matrix' | 'ranking' | 'exceedance' | 'treatments' | 'controls' | 'stress' | 'side';
export const ALL_PARTS: readonly Part[] = ['header', 'map', 'matrix', 'ranking', 'exceedance', 'treatments', 'controls', 'stress', 'side'];

/** What the loop draws. */
export interface RenderTarget {
  /** Whether there is anything to show; when not, clear() is called instead of drawing. */
  hasContent(): boolean;
  /** Nothing to show (a first run cancelled or failed): empty every view. */
  clear(): void;
  /** Draws one part; throws when the part cannot draw. */
  drawPart(part: Part): void;
  /** After a frame in which at least one part drew. */
  drawn(): void;
  /** A part threw while drawing. */
  failed(part: Part, error: unknown): void;
  /** Every part drew again after an earlier failure: its message can go. */
  recovered(): void;
}

export class RenderLoop {
  private scheduled = false;
  private dirty = new Set<Part>();
  /** A part failed in the last full draw (or in a partial one since). */
  private viewError = false;
  private target: RenderTarget | undefined;

  /** `schedule` runs its callback at the next frame (requestAnimationFrame in the page). */
  constructor(private readonly schedule: (callback: () => void) => void) {}

  /** The target to draw (set once the page's parts exist). */
  attach(target: RenderTarget): void {
    this.target = target;
  }

  /** Redraws the given parts (default all) at the next frame, once however often it is asked. */
  request(parts: readonly Part[] = ALL_PARTS): void {
    for (const p of parts) this.dirty.add(p);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const d = this.dirty;
      this.dirty = new Set();
      this.draw(d);
    });
  }

  /** Draws the parts now. */
  draw(parts: ReadonlySet<Part>): void {
    const target = this.target;
    if (!target) return;
    if (!target.hasContent()) {
      target.clear();
      return;
    }
    let failed = false;
    let drew = false;
    for (const part of parts) {
      try {
        target.drawPart(part);
        drew = true;
      } catch (e) {
        // a view that cannot draw these results must not stop the others or fail silently
        failed = true;
        target.failed(part, e);
      }
    }
    if (drew) target.drawn();
    const all = parts.size === ALL_PARTS.length;
    if (!failed && this.viewError && all) target.recovered();
    this.viewError = failed || (this.viewError && !all);
  }
}
