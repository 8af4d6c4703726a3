import { describe, expect, it } from 'vitest';
import {
  atan2,
  EARTH_RADIUS_KM,
  greatCircleArc,
  greatCircleKm,
  greatCirclePoint,
  normalizeLongitude,
  splitAtAntimeridian,
  type Position,
} from '../../../engine/interchange/great-circle.js';

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const TOKYO: Position = [139.69, 35.69];
const LOS_ANGELES: Position = [-118.24, 34.05];

/** The great-circle midpoint in closed form (Movable Type Scripts, "Midpoint"), with Math's functions. */
function closedFormMidpoint([lon1, lat1]: Position, [lon2, lat2]: Position): Position {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const bx = Math.cos(p2) * Math.cos(dl);
  const by = Math.cos(p2) * Math.sin(dl);
  const lat = Math.atan2(Math.sin(p1) + Math.sin(p2), Math.sqrt((Math.cos(p1) + bx) ** 2 + by ** 2));
  const lon = lon1 * RAD + Math.atan2(by, Math.cos(p1) + bx);
  return [normalizeLongitude(lon * DEG), lat * DEG];
}

/**
 * The latitude where the great circle through two points crosses longitude `lon` in closed form
 * (Williams, Aviation Formulary, "Latitude of point on GC"; the formula is the same with east-positive longitudes).
 */
function closedFormLatitudeAt([lon1, lat1]: Position, [lon2, lat2]: Position, lon: number): number {
  const [l1, p1, l2, p2, l] = [lon1 * RAD, lat1 * RAD, lon2 * RAD, lat2 * RAD, lon * RAD];
  const num = Math.sin(p1) * Math.cos(p2) * Math.sin(l - l2) - Math.sin(p2) * Math.cos(p1) * Math.sin(l - l1);
  return Math.atan(num / (Math.cos(p1) * Math.cos(p2) * Math.sin(l1 - l2))) * DEG;
}

/** Cross-track distance in km of p from the great circle through a and b (the plane's normal · p). */
function crossTrackKm(a: Position, b: Position, p: Position): number {
  const v = ([lon, lat]: Position) => [Math.cos(lat * RAD) * Math.cos(lon * RAD), Math.cos(lat * RAD) * Math.sin(lon * RAD), Math.sin(lat * RAD)] as const;
  const [x1, y1, z1] = v(a);
  const [x2, y2, z2] = v(b);
  const n = [y1 * z2 - z1 * y2, z1 * x2 - x1 * z2, x1 * y2 - y1 * x2];
  const len = Math.hypot(n[0]!, n[1]!, n[2]!);
  const [x, y, z] = v(p);
  return Math.abs(Math.asin((n[0]! * x + n[1]! * y + n[2]! * z) / len)) * EARTH_RADIUS_KM;
}

describe('atan2', () => {
  it('atan2 agrees with Math.atan2 to a few ulps in every quadrant, on the axes and at the origin', () => {
    for (const y of [-3, -1, -1e-9, -0, 0, 1e-12, 0.5, 1, 7]) {
      for (const x of [-5, -1, -1e-10, 0, 1e-11, 0.25, 1, 2]) {
        const want = Math.atan2(y, x);
        if (x === 0 && y === 0) expect(atan2(y, x)).toBe(0);
        else if (x < 0 && y === 0) expect(atan2(y, x)).toBeCloseTo(Math.PI, 15);
        else expect(Math.abs(atan2(y, x) - want)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(want)));
      }
    }
  });
});

describe('normalizeLongitude', () => {
  it('normalizeLongitude wraps into [−180, 180] and keeps both ends as given', () => {
    expect(normalizeLongitude(180)).toBe(180);
    expect(normalizeLongitude(-180)).toBe(-180);
    expect(normalizeLongitude(190)).toBe(-170);
    expect(normalizeLongitude(-190)).toBe(170);
    expect(normalizeLongitude(540)).toBe(-180);
    expect(normalizeLongitude(12.5)).toBe(12.5);
  });
});

describe('greatCircleKm', () => {
  it('greatCircleKm is R·Δλ along the equator and R·Δφ along a meridian', () => {
    expect(greatCircleKm([0, 0], [90, 0])).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 2, 9);
    expect(greatCircleKm([10, 0], [10, 60])).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 3, 9);
    expect(greatCircleKm([170, 0], [-170, 0])).toBeCloseTo((EARTH_RADIUS_KM * 20 * Math.PI) / 180, 9);
    expect(greatCircleKm([0, 0], [180, 0])).toBeCloseTo(EARTH_RADIUS_KM * Math.PI, 9);
  });

  it('greatCircleKm agrees with the haversine formula (Tokyo to Los Angeles)', () => {
    const [[l1, p1], [l2, p2]] = [TOKYO, LOS_ANGELES].map(([l, p]) => [l * RAD, p * RAD]) as [[number, number], [number, number]];
    const h = Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin((l2 - l1) / 2) ** 2;
    expect(greatCircleKm(TOKYO, LOS_ANGELES)).toBeCloseTo(2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h)), 6);
  });
});

describe('greatCirclePoint', () => {
  it('greatCirclePoint at f along the equator is at longitude f·Δλ, and along a meridian at latitude f·Δφ', () => {
    for (const f of [0, 0.1, 0.25, 0.5, 0.9, 1]) {
      const e = greatCirclePoint([0, 0], [90, 0], f);
      expect(e[0]).toBeCloseTo(90 * f, 12);
      expect(e[1]).toBeCloseTo(0, 12);
      const m = greatCirclePoint([10, 0], [10, 60], f);
      expect(m[0]).toBeCloseTo(10, 12);
      expect(m[1]).toBeCloseTo(60 * f, 12);
    }
  });

  it('greatCirclePoint at ½ is the closed-form great-circle midpoint', () => {
    const pairs: Array<[Position, Position]> = [
      [TOKYO, LOS_ANGELES],
      [LOS_ANGELES, TOKYO],
      [[4.03, 51.95], [114.28, 22.57]], // Rotterdam to Yantian
      [[-43.2, -22.9], [151.2, -33.87]], // Rio to Sydney
      [[0, 0], [90, 0]],
    ];
    for (const [a, b] of pairs) {
      const got = greatCirclePoint(a, b, 0.5);
      const want = closedFormMidpoint(a, b);
      expect(got[0]).toBeCloseTo(want[0], 9);
      expect(got[1]).toBeCloseTo(want[1], 9);
    }
  });

  it('greatCirclePoint at f lies on the great circle, f of the way along it', () => {
    const d = greatCircleKm(TOKYO, LOS_ANGELES);
    for (const f of [0.1, 0.3, 0.7]) {
      const p = greatCirclePoint(TOKYO, LOS_ANGELES, f);
      expect(crossTrackKm(TOKYO, LOS_ANGELES, p)).toBeLessThan(1e-6);
      expect(greatCircleKm(TOKYO, p)).toBeCloseTo(f * d, 6);
    }
  });

  it('greatCirclePoint between antipodes runs a half circle over the point 90° north of the start', () => {
    const mid = greatCirclePoint([20, 0], [-160, 0], 0.5);
    expect(mid[1]).toBeCloseTo(90, 9);
    const q = greatCirclePoint([20, 10], [-160, -10], 0.25);
    expect(greatCircleKm([20, 10], q)).toBeCloseTo((EARTH_RADIUS_KM * Math.PI) / 4, 6);
    expect(greatCircleKm(q, [-160, -10])).toBeCloseTo((3 * EARTH_RADIUS_KM * Math.PI) / 4, 6);
  });
});

describe('greatCircleArc', () => {
  it('greatCircleArc with an even number of steps has the closed-form midpoint in the middle', () => {
    const equator = greatCircleArc([0, 0], [90, 0], 5004); // 10 007.5 km: 2 steps
    expect(equator).toHaveLength(3);
    expect(equator[1]![0]).toBeCloseTo(45, 12);
    expect(equator[1]![1]).toBeCloseTo(0, 12);
    const meridian = greatCircleArc([10, 0], [10, 60], 100); // 6 671.7 km: 67 steps
    expect(meridian).toHaveLength(68);
    meridian.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(10, 12);
      expect(p[1]).toBeCloseTo((60 * i) / 67, 12);
    });
  });

  it('greatCircleArc keeps its ends exactly, takes ceil(length / step) equal steps of at most the step', () => {
    const d = greatCircleKm(TOKYO, LOS_ANGELES);
    const arc = greatCircleArc(TOKYO, LOS_ANGELES, 100);
    expect(arc[0]).toEqual(TOKYO);
    expect(arc[arc.length - 1]).toEqual(LOS_ANGELES);
    expect(arc).toHaveLength(Math.ceil(d / 100) + 1);
    for (let i = 1; i < arc.length; i++) {
      const step = greatCircleKm(arc[i - 1]!, arc[i]!);
      expect(step).toBeLessThanOrEqual(100);
      expect(step).toBeCloseTo(d / (arc.length - 1), 6);
      expect(crossTrackKm(TOKYO, LOS_ANGELES, arc[i]!)).toBeLessThan(1e-6);
    }
  });

  it('greatCircleArc of a short lane is its two ends, and of equal ends the two equal positions', () => {
    expect(greatCircleArc([4.4, 51.2], [4.5, 51.3], 100)).toEqual([
      [4.4, 51.2],
      [4.5, 51.3],
    ]);
    expect(greatCircleArc([4.4, 51.2], [4.4, 51.2], 100)).toEqual([
      [4.4, 51.2],
      [4.4, 51.2],
    ]);
    expect(() => greatCircleArc([0, 0], [1, 1], 0)).toThrow(/maxStepKm/);
  });
});

describe('splitAtAntimeridian', () => {
  it('splitAtAntimeridian cuts Tokyo → Los Angeles at +180 / −180 at the closed-form latitude', () => {
    const parts = splitAtAntimeridian(greatCircleArc(TOKYO, LOS_ANGELES, 100));
    expect(parts).toHaveLength(2);
    const [west, east] = parts as [Position[], Position[]];
    const end = west[west.length - 1]!;
    const start = east[0]!;
    expect(end[0]).toBe(180);
    expect(start[0]).toBe(-180);
    expect(start[1]).toBe(end[1]);
    expect(end[1]).toBeCloseTo(closedFormLatitudeAt(TOKYO, LOS_ANGELES, 180), 9);
    for (const part of parts) for (let i = 1; i < part.length; i++) expect(Math.abs(part[i]![0] - part[i - 1]![0])).toBeLessThanOrEqual(180);
    expect(west.every((p) => p[0] > 0)).toBe(true);
    expect(east.every((p) => p[0] < 0)).toBe(true);
  });

  it('splitAtAntimeridian cuts westward crossings too (Los Angeles → Tokyo starts on the −180 side)', () => {
    const parts = splitAtAntimeridian(greatCircleArc(LOS_ANGELES, TOKYO, 100));
    expect(parts).toHaveLength(2);
    expect(parts[0]![parts[0]!.length - 1]![0]).toBe(-180);
    expect(parts[1]![0]![0]).toBe(180);
    expect(parts[1]![0]![1]).toBeCloseTo(closedFormLatitudeAt(TOKYO, LOS_ANGELES, 180), 9);
  });

  it('splitAtAntimeridian leaves a line that does not cross, or only touches ±180, in one part', () => {
    const europe: Position[] = greatCircleArc([4.03, 51.95], [23.52, 52.07], 100);
    expect(splitAtAntimeridian(europe)).toEqual([europe]);
    const touching: Position[] = [
      [170, 10],
      [180, 12],
      [175, 14],
    ];
    expect(splitAtAntimeridian(touching)).toEqual([touching]);
    // a position given as −180 on the east side takes the side of its neighbours
    expect(
      splitAtAntimeridian([
        [170, 10],
        [-180, 12],
      ]),
    ).toEqual([
      [
        [170, 10],
        [180, 12],
      ],
    ]);
  });

  it('splitAtAntimeridian cuts a line that starts on ±180 once, without a repeated position', () => {
    const parts = splitAtAntimeridian([
      [180, 0],
      [-179, 0],
      [-178, 0],
    ]);
    expect(parts).toEqual([
      [
        [-180, 0],
        [-179, 0],
        [-178, 0],
      ],
    ]);
  });
});
