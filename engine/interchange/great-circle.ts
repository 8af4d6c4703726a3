// Great-circle arcs for GeoJSON (docs/geojson.md): the arc between two [lon, lat] positions densified to
// a point at least every `maxStepKm`, and a line cut where it crosses the antimeridian (RFC 7946
// section 3.1.9). Spherical Earth (radius 6 371 km); sin, cos and asin from engine/math, so every JavaScript
// engine computes the same bits; atan2 is built from asin on its well-conditioned side.
import { asin, cos, sin } from '../math/det-trig.js';

/** A GeoJSON position: [longitude, latitude] in degrees, WGS 84. */
export type Position = [number, number];

/** Mean Earth radius in km (the one engine/generate uses for distances). */
export const EARTH_RADIUS_KM = 6371;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

type Vec = [number, number, number];

/** atan2(y, x) in (−π, π] from asin of the smaller of |x|, |y| over the radius (argument ≤ 1/√2: well conditioned). */
export function atan2(y: number, x: number): number {
  const h = Math.sqrt(x * x + y * y);
  if (h === 0) return 0;
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  let a = ay <= ax ? asin(ay / h) : Math.PI / 2 - asin(ax / h);
  if (x < 0) a = Math.PI - a;
  return y < 0 ? -a : a;
}

/** The longitude in [−180, 180]: 180 stays 180, −180 stays −180, anything else is wrapped. */
export function normalizeLongitude(lon: number): number {
  if (lon >= -180 && lon <= 180) return lon;
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

function toVec([lon, lat]: Position): Vec {
  const phi = lat * RAD;
  const lambda = lon * RAD;
  const c = cos(phi);
  return [c * cos(lambda), c * sin(lambda), sin(phi)];
}

function toPosition([x, y, z]: Vec): Position {
  const lat = atan2(z, Math.sqrt(x * x + y * y)) * DEG;
  // at a pole every longitude is the same point: 0
  const lon = x === 0 && y === 0 ? 0 : atan2(y, x) * DEG;
  return [normalizeLongitude(lon), lat];
}

const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: Vec, b: Vec): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec): number => Math.sqrt(dot(a, a));

/** The central angle between two unit vectors in radians, accurate at every angle (atan2 of |a×b| and a·b). */
function angle(a: Vec, b: Vec): number {
  return atan2(norm(cross(a, b)), dot(a, b));
}

/** Great-circle distance in km between two positions. */
export function greatCircleKm(a: Position, b: Position): number {
  return angle(toVec(a), toVec(b)) * EARTH_RADIUS_KM;
}

/** The point a fraction f of the way from a to b along the arc of central angle d (spherical linear interpolation). */
function slerp(a: Vec, b: Vec, d: number, f: number): Vec {
  const s = sin(d);
  const wa = sin((1 - f) * d) / s;
  const wb = sin(f * d) / s;
  return [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]];
}

/**
 * The point a fraction f ∈ [0, 1] of the way from a to b along their great circle, as [lon, lat].
 * Antipodal ends have no single great circle: the arc then runs over the point 90° north of a on
 * its meridian (over the North Pole when a is on the equator).
 */
export function greatCirclePoint(a: Position, b: Position, f: number): Position {
  const va = toVec(a);
  const vb = toVec(b);
  const d = angle(va, vb);
  if (d === 0) return [normalizeLongitude(a[0]), a[1]];
  if (sin(d) < 1e-9) {
    const m = toVec(northOf(a));
    return f <= 0.5 ? toPosition(slerp(va, m, Math.PI / 2, 2 * f)) : toPosition(slerp(m, vb, angle(m, vb), 2 * f - 1));
  }
  return toPosition(slerp(va, vb, d, f));
}

/** The point 90° north of p along its meridian (from the South Pole, the equator at longitude 0; from the North Pole, the equator at 180). */
function northOf([lon, lat]: Position): Position {
  return lat >= 0 ? [normalizeLongitude(lon + 180), 90 - lat] : [lon, 90 + lat];
}

/**
 * The great-circle arc from a to b as positions, both ends included as given (longitudes normalized):
 * ceil(length / maxStepKm) equal steps, at least one, so consecutive positions are at most maxStepKm
 * apart along the arc. Equal ends give the two equal positions.
 */
export function greatCircleArc(a: Position, b: Position, maxStepKm: number): Position[] {
  if (!(maxStepKm > 0)) throw new Error(`greatCircleArc: maxStepKm must be positive, got ${maxStepKm}`);
  const start: Position = [normalizeLongitude(a[0]), a[1]];
  const end: Position = [normalizeLongitude(b[0]), b[1]];
  const km = greatCircleKm(start, end);
  const steps = Math.max(1, Math.ceil(km / maxStepKm));
  const out: Position[] = [start];
  for (let i = 1; i < steps; i++) out.push(greatCirclePoint(start, end, i / steps));
  out.push(end);
  return out;
}

/**
 * The latitude where the great circle through p and q (on either side of the antimeridian) meets
 * it: the intersection of their plane with the half-plane y = 0, x < 0. Falls back to linear
 * interpolation across the antimeridian when the two planes coincide (both on the 0°/180° meridian).
 */
function crossingLatitude(p: Position, q: Position): number {
  const n = cross(toVec(p), toVec(q));
  // the planes' common line: n × (0, 1, 0) = (−n_z, 0, n_x), taken on the x < 0 side
  let dx = -n[2];
  let dz = n[0];
  if (Math.abs(dx) + Math.abs(dz) > 1e-15) {
    if (dx > 0) {
      dx = -dx;
      dz = -dz;
    }
    return atan2(dz, -dx) * DEG;
  }
  const pl = p[0] < 0 ? p[0] + 360 : p[0];
  const ql = q[0] < 0 ? q[0] + 360 : q[0];
  return p[1] + ((q[1] - p[1]) * (180 - pl)) / (ql - pl);
}

/**
 * A line cut where it crosses the antimeridian (RFC 7946 section 3.1.9): one part when it does not,
 * else parts that end and start at ±180 with the same latitude. A step crosses when its longitudes
 * are more than 180° apart. A position exactly on ±180 takes the sign of its neighbours' side first,
 * so a line that only touches the antimeridian is not cut.
 */
export function splitAtAntimeridian(line: readonly Position[]): Position[][] {
  const pts: Position[] = line.map(([lon, lat]) => [normalizeLongitude(lon), lat]);
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (Math.abs(p[0]) !== 180) continue;
    let j = i - 1;
    while (j >= 0 && Math.abs(pts[j]![0]) === 180) j--;
    let side = j >= 0 ? pts[j]![0] : undefined;
    if (side === undefined) {
      j = i + 1;
      while (j < pts.length && Math.abs(pts[j]![0]) === 180) j++;
      side = j < pts.length ? pts[j]![0] : p[0];
    }
    p[0] = side < 0 ? -180 : 180;
  }
  const parts: Position[][] = [];
  let part: Position[] = [pts[0]!];
  for (let i = 1; i < pts.length; i++) {
    const prev = pts[i - 1]!;
    const cur = pts[i]!;
    if (Math.abs(cur[0] - prev[0]) > 180) {
      const lat = crossingLatitude(prev, cur);
      const from = prev[0] < 0 ? -180 : 180;
      const last = part[part.length - 1]!;
      if (!(last[0] === from && last[1] === lat)) part.push([from, lat]);
      if (part.length >= 2) parts.push(part);
      part = [[-from, lat]];
    }
    part.push(cur);
  }
  if (part.length >= 2 || parts.length === 0) parts.push(part);
  return parts;
}
