// A one-line progress bar on stderr: trials done, trials/s, ETA and the baseline EAL ± its relative
// standard error. Drawn only on a TTY (and not with --quiet); redrawn at most ten times a second.
// Hand-written: one line with a carriage return needs no library.
import type { Progress } from '../run/run-options.js';
import { money } from '../text/format.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/** Formats a duration in seconds as "42s", "3m 05s" or "1h 02m". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class ProgressBar {
  private readonly started: number;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly currency: string,
    readonly enabled = Boolean(stream.isTTY),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.started = now();
  }

  /** The line for a progress report (no carriage return). */
  line(p: Progress): string {
    const elapsed = (this.now() - this.started) / 1000;
    const rate = elapsed > 0 ? p.trialsDone / elapsed : 0;
    const frac = p.trialsPlanned > 0 ? Math.min(1, p.trialsDone / p.trialsPlanned) : 0;
    const width = 20;
    const full = Math.round(frac * width);
    const eta = rate > 0 ? (p.trialsPlanned - p.trialsDone) / rate : Infinity;
    const se = Number.isFinite(p.relativeSe) ? ` ± ${(p.relativeSe * 100).toFixed(1)} %` : '';
    return (
      `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)} % ` +
      `${p.trialsDone.toLocaleString('en-US')}/${p.trialsPlanned.toLocaleString('en-US')} trials · ` +
      `${Math.round(rate).toLocaleString('en-US')} trials/s · ETA ${duration(eta)} · EAL ${money(p.eal, this.currency)}${se}`
    );
  }

  update(p: Progress): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.lastDraw < 100 && p.trialsDone < p.trialsPlanned) return;
    this.lastDraw = t;
    let text = this.line(p);
    const cols = this.stream.columns;
    if (cols && text.length >= cols) text = text.slice(0, cols - 1);
    this.stream.write(`\r${text}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the bar so the next output starts on a clean line. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
