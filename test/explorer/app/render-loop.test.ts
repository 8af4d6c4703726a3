// The render loop with a frame the test fires: requests between two frames draw once, the parts
// asked for only; a part that throws is reported and the others still draw; its message goes once
// every part draws again; with nothing to show the page is cleared.
import { describe, expect, it } from 'vitest';
import { ALL_PARTS, RenderLoop, type Part, type RenderTarget } from '../../../explorer/app/render-loop.js';

function setup() {
  const frames: Array<() => void> = [];
  const log: string[] = [];
  let content = true;
  const broken = new Set<Part>();
  const target: RenderTarget = {
    hasContent: () => content,
    clear: () => void log.push('clear'),
    drawPart: (p) => {
      if (broken.has(p)) throw new Error(`${p} broke`);
      log.push(p);
    },
    drawn: () => void log.push('drawn'),
    failed: (p, e) => void log.push(`failed ${p}: ${(e as Error).message}`),
    recovered: () => void log.push('recovered'),
  };
  const loop = new RenderLoop((f) => void frames.push(f));
  loop.attach(target);
  const frame = () => {
    const due = frames.splice(0);
    for (const f of due) f();
  };
  return { loop, log, frames, frame, broken, setContent: (c: boolean) => void (content = c) };
}

describe('RenderLoop', () => {
  it('RenderLoop.request coalesces the requests of one frame into one draw of the parts asked for', () => {
    const t = setup();
    t.loop.request(['header']);
    t.loop.request(['header', 'controls']);
    t.loop.request(['side']);
    expect(t.frames).toHaveLength(1);
    expect(t.log).toEqual([]);
    t.frame();
    expect(t.log).toEqual(['header', 'controls', 'side', 'drawn']);
    t.loop.request();
    t.frame();
    expect(t.log.slice(4)).toEqual([...ALL_PARTS, 'drawn']);
  });

  it('RenderLoop: a part that throws is reported, the others draw; its message goes when every part draws again', () => {
    const t = setup();
    t.broken.add('map');
    t.loop.request();
    t.frame();
    expect(t.log).toContain('failed map: map broke');
    expect(t.log.filter((l) => ALL_PARTS.includes(l as Part))).toEqual(ALL_PARTS.filter((p) => p !== 'map'));
    t.broken.clear();
    t.log.length = 0;
    t.loop.request(['header']); // a partial draw keeps the message
    t.frame();
    expect(t.log).toEqual(['header', 'drawn']);
    t.loop.request();
    t.frame();
    expect(t.log.at(-1)).toBe('recovered');
    t.log.length = 0;
    t.loop.request();
    t.frame();
    expect(t.log).not.toContain('recovered'); // said once
  });

  it('RenderLoop: with nothing to show the page is cleared, not drawn; every part failing draws nothing', () => {
    const t = setup();
    t.setContent(false);
    t.loop.request(['header']);
    t.frame();
    expect(t.log).toEqual(['clear']);
    t.setContent(true);
    for (const p of ALL_PARTS) t.broken.add(p);
    t.log.length = 0;
    t.loop.request();
    t.frame();
    expect(t.log).not.toContain('drawn');
    expect(t.log).toHaveLength(ALL_PARTS.length);
  });
});
