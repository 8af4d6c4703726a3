// The progress bar of `chainward run` (engine/cli/progress.ts), against a fake terminal stream and an
// injected clock: what the line says, that it is drawn only on a TTY, at most once per 100 ms (but
// always the final report), cleared by done() and cut to the terminal's width.
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../../engine/run/run-options.js';
import { duration, ProgressBar, type ProgressStream } from '../../../engine/cli/progress.js';

/** A fake stream that records each write. */
function fakeStream(opts: { isTTY?: boolean; columns?: number } = {}): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY: opts.isTTY ?? true, columns: opts.columns, writes, write: (s: string) => writes.push(s) };
}

/** A clock that the test moves by hand (milliseconds). */
function fakeClock(start = 1_000_000): { now: () => number; at: (ms: number) => void } {
  let t = start;
  return { now: () => t, at: (ms) => (t = start + ms) };
}

const report = (trialsDone: number, trialsPlanned: number, eal = 6.45e6, relativeSe = 0.0123): Progress => ({ trialsDone, trialsPlanned, eal, relativeSe });

/** The text of a drawn line: a write is "\r" + text + "\x1b[K" (erase to the end of the line). */
function drawnText(write: string): string {
  expect(write.startsWith('\r')).toBe(true);
  expect(write.endsWith('\x1b[K')).toBe(true);
  return write.slice(1, -3);
}

describe('ProgressBar', () => {
  it('ProgressBar.line shows the bar, percent, trials done/planned, trials/s, ETA and EAL ± relative SE', () => {
    const clock = fakeClock();
    const bar = new ProgressBar(fakeStream(), 'EUR', true, clock.now);
    clock.at(2000);
    // 10 000 of 40 000 in 2 s: 25 %, 5 000 trials/s, 30 000 left → ETA 6 s
    const line = bar.line(report(10_000, 40_000));
    expect(line).toContain('[█████░░░░░░░░░░░░░░░]'); // 25 % of 20 cells
    expect(line).toContain(' 25 % ');
    expect(line).toContain('10,000/40,000 trials');
    expect(line).toContain('5,000 trials/s');
    expect(line).toContain('ETA 6s');
    expect(line).toContain('EAL €6.45M ± 1.2 %');
    expect(line).toBe('[█████░░░░░░░░░░░░░░░]  25 % 10,000/40,000 trials · 5,000 trials/s · ETA 6s · EAL €6.45M ± 1.2 %');
  });

  it('ProgressBar.line: a long ETA in minutes, the currency of the scenario, no "±" while the SE is undefined', () => {
    const clock = fakeClock();
    const bar = new ProgressBar(fakeStream(), 'USD', true, clock.now);
    clock.at(10_000);
    // 2 000 of 1 000 000 in 10 s: 200 trials/s, 998 000 left → 4 990 s = 1h 23m
    const line = bar.line(report(2000, 1_000_000, 1234, Infinity));
    expect(line).toContain('  0 % 2,000/1,000,000 trials');
    expect(line).toContain('200 trials/s');
    expect(line).toContain('ETA 1h 23m');
    expect(line).toMatch(/EAL \$1\.23K$/);
    expect(line).not.toContain('±');
  });

  it('ProgressBar.line: no time elapsed yet gives 0 trials/s and ETA "?"; a full run shows 100 %', () => {
    const clock = fakeClock();
    const bar = new ProgressBar(fakeStream(), 'EUR', true, clock.now);
    expect(bar.line(report(2048, 4096))).toContain('0 trials/s · ETA ? ·');
    clock.at(1000);
    expect(bar.line(report(4096, 4096))).toMatch(/^\[█{20}\] 100 % 4,096\/4,096 trials · 4,096 trials\/s · ETA 0s · /);
  });

  it('ProgressBar.update writes "\\r" + the line + erase-to-end on a TTY', () => {
    const clock = fakeClock();
    const stream = fakeStream();
    const bar = new ProgressBar(stream, 'EUR', undefined, clock.now);
    expect(bar.enabled).toBe(true); // from stream.isTTY
    clock.at(2000);
    bar.update(report(10_000, 40_000));
    expect(stream.writes).toHaveLength(1);
    expect(drawnText(stream.writes[0]!)).toBe(bar.line(report(10_000, 40_000)));
  });

  it('ProgressBar.update writes nothing when not enabled: a non-TTY stream, or enabled false on a TTY (--quiet)', () => {
    const noTty = fakeStream({ columns: 80 });
    delete noTty.isTTY; // a pipe's stream has no isTTY at all
    const cases: Array<[ReturnType<typeof fakeStream>, boolean | undefined]> = [
      [fakeStream({ isTTY: false }), undefined],
      [noTty, undefined],
      [fakeStream({ isTTY: true }), false],
    ];
    for (const [stream, enabled] of cases) {
      const clock = fakeClock();
      const bar = new ProgressBar(stream, 'EUR', enabled, clock.now);
      expect(bar.enabled).toBe(false);
      for (let i = 1; i <= 4; i++) {
        clock.at(i * 1000);
        bar.update(report(i * 1000, 4000)); // the last one is the final report
      }
      bar.done();
      expect(stream.writes).toEqual([]);
    }
  });

  it('ProgressBar.update draws at most once per 100 ms, except the final report', () => {
    const clock = fakeClock();
    const stream = fakeStream();
    const bar = new ProgressBar(stream, 'EUR', true, clock.now);
    const drawsAt: number[] = [];
    const step = (ms: number, done: number) => {
      const before = stream.writes.length;
      clock.at(ms);
      bar.update(report(done, 10_000));
      if (stream.writes.length > before) drawsAt.push(ms);
      expect(stream.writes.length - before).toBeLessThanOrEqual(1);
    };
    step(0, 1000); // the first report draws
    step(50, 2000);
    step(99, 3000);
    step(100, 4000); // 100 ms after the last draw
    step(150, 5000);
    step(199, 6000);
    step(260, 7000); // 160 ms after the last draw
    step(300, 8000);
    step(310, 10_000); // the final report (done = planned) draws at once
    expect(drawsAt).toEqual([0, 100, 260, 310]);
    expect(drawnText(stream.writes.at(-1)!)).toContain('10,000/10,000 trials');
  });

  it('ProgressBar.done clears the drawn line once, and writes nothing when nothing was drawn', () => {
    const clock = fakeClock();
    const stream = fakeStream();
    const bar = new ProgressBar(stream, 'EUR', true, clock.now);
    bar.done();
    expect(stream.writes).toEqual([]);
    clock.at(500);
    bar.update(report(100, 200));
    bar.done();
    expect(stream.writes).toHaveLength(2);
    expect(stream.writes[1]).toBe('\r\x1b[K');
    bar.done();
    expect(stream.writes).toHaveLength(2);
  });

  it('ProgressBar.update cuts the line to the terminal width (one column spare), and leaves a line that fits alone', () => {
    const clock = fakeClock();
    const full = new ProgressBar(fakeStream(), 'EUR', true, clock.now).line(report(10_000, 40_000));
    expect(full.length).toBeGreaterThan(60);
    for (const columns of [40, 61, full.length, full.length + 1, 200]) {
      const stream = fakeStream({ columns });
      const bar = new ProgressBar(stream, 'EUR', true, clock.now);
      bar.update(report(10_000, 40_000));
      const text = drawnText(stream.writes[0]!);
      // the cursor must not reach the last column, or the terminal wraps the line
      expect(text.length, `columns ${columns}`).toBeLessThanOrEqual(columns - 1);
      expect(full.startsWith(text), `columns ${columns}`).toBe(true);
      expect(text.length, `columns ${columns}`).toBe(Math.min(full.length, columns - 1));
    }
    // no width known (columns undefined): the whole line
    const stream = fakeStream();
    new ProgressBar(stream, 'EUR', true, clock.now).update(report(10_000, 40_000));
    expect(drawnText(stream.writes[0]!)).toBe(full);
  });
});

describe('duration', () => {
  it.each([
    [42, '42s'],
    [0, '0s'],
    [59.4, '59s'],
    [59.6, '1m 00s'],
    [60, '1m 00s'],
    [185, '3m 05s'],
    [3599, '59m 59s'],
    [3600, '1h 00m'],
    [3720, '1h 02m'],
    [90_000, '25h 00m'],
    [-3, '0s'],
    [Infinity, '?'],
    [NaN, '?'],
  ])('duration(%s) is "%s"', (seconds, text) => {
    expect(duration(seconds)).toBe(text);
  });
});
