// @vitest-environment jsdom
/// <reference lib="dom" />
// The views' shared parts (explorer/views/parts/) behind what every view claims: shownChange (a
// change is claimed only when it shows at the displayed precision) and levelLabel (a borderline level
// carries its mark); and the tooltip, which stays inside its element.
import { describe, expect, it } from 'vitest';
import { BORDERLINE_NOTE, levelLabel } from '../../../explorer/views/parts/names.js';
import { moneyShort, pct, shownChange } from '../../../explorer/views/parts/format.js';
import { tooltip } from '../../../explorer/views/parts/frame.js';
import { container } from './render.js';

const m = (x: number) => moneyShort(x, 'EUR');

describe('views/parts', () => {
  it('shownChange is 0 when the two figures are written the same, else the direction', () => {
    expect(shownChange(22_400_000, 22_400_000, m)).toBe(0);
    expect(shownChange(22_380_000, 22_410_000, m)).toBe(0); // €22.4M → €22.4M
    expect(shownChange(22_380_000, 22_460_000, m)).toBe(1); // €22.4M → €22.5M
    expect(shownChange(22_380_000, 22_310_000, m)).toBe(-1);
    expect(shownChange(0.9874, 0.98741, (x) => pct(x, 1))).toBe(0);
    expect(shownChange(0.9874, 0.9884, (x) => pct(x, 1))).toBe(1);
    // a precision-free format sees every difference
    expect(shownChange(1, 1.0000001, String)).toBe(1);
  });

  it('levelLabel marks a borderline level with "~", explained by BORDERLINE_NOTE', () => {
    expect(levelLabel('high')).toBe('High');
    expect(levelLabel('high', false)).toBe('High');
    expect(levelLabel('critical', true)).toBe('Critical ~');
    expect(BORDERLINE_NOTE).toBe('~ borderline: the level may change with the seed');
  });

  it('tooltip opens right of the pointer, or left of it when it would run past the element\'s right edge', () => {
    const el = container();
    Object.defineProperty(el, 'clientWidth', { value: 1000, configurable: true });
    const tip = tooltip(el);
    const div = el.querySelector<HTMLDivElement>('div.tooltip')!;
    Object.defineProperty(div, 'offsetWidth', { value: 300, configurable: true });
    tip.show(['a'], 100, 50);
    expect([div.style.left, div.style.top]).toEqual(['112px', '62px']);
    tip.show(['a'], 900, 50);
    expect(div.style.left).toBe('588px'); // 900 − 12 − 300
    tip.show(['a'], 200, 50);
    expect(div.style.left).toBe('212px');
  });
});
