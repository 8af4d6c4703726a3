// A scenario's results as a GeoJSON FeatureCollection (RFC 7946) for QGIS and kepler.gl
// (docs/geojson.md): every site a Point, every lane a great-circle LineString (a MultiLineString
// when it crosses the antimeridian), each with its expected loss, worst level, top risks and flows.
// Elements without coordinates keep their properties with `geometry: null`. Pure and deterministic.
import { levelRank } from '../analysis/criteria.js';
import type { Lane, Level, Scenario, Site } from '../model/schema.js';
import { laneRegion } from '../model/selector.js';
import { compilePlan } from '../plan/compile-plan.js';
import type { Results, RiskRow } from '../results/schema.js';
import { greatCircleArc, greatCircleKm, normalizeLongitude, splitAtAntimeridian, type Position } from './great-circle.js';

export type { Position } from './great-circle.js';

/** A site's position. */
export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}

/** A lane's great-circle arc, densified: at least 2 positions. */
export interface LineStringGeometry {
  type: 'LineString';
  coordinates: Position[];
}

/** A lane's arc cut at the antimeridian: parts that end and start at ±180 with the same latitude. */
export interface MultiLineStringGeometry {
  type: 'MultiLineString';
  coordinates: Position[][];
}

/** [west, south, east, north] in degrees; west > east when the box crosses the antimeridian (RFC 7946 section 5.2). */
export type BBox = [number, number, number, number];

/** One of a site's or lane's largest risks. */
export interface TopRisk {
  /** The register's risk id, `threat@target`. */
  id: string;
  threat: string;
  eal: number;
  level: Level;
}

/** What every feature carries, site or lane. */
interface ElementProperties {
  id: string;
  /** The scenario's name, else the id: data, never markup. */
  name: string;
  /** Which kind of element the feature is. */
  target: 'site' | 'lane';
  /** A site's region, a lane's own region or else its origin site's; null when none. */
  region: string | null;
  /** Expected loss per horizon of the risks on it, and its parts (the results' target row; 0 without one). */
  eal: number;
  directEal: number;
  interruptionEal: number;
  rerouteEal: number;
  /** Its share of the total expected loss, in [0, 1]. */
  share: number;
  /** The worst level of its risks; null when it has none. */
  level: Level | null;
  /** How many risks of the register are on it. */
  riskCount: number;
  /** Its largest risks by expected loss, largest first. */
  topRisks: TopRisk[];
  /** Ids of the flows through it: a site a flow starts or ends at or whose primary route passes it; a lane on a flow's primary route. */
  flows: string[];
  /** ISO 4217 code of every amount. */
  currency: string;
}

/** A site feature's properties (docs/geojson.md). */
export interface SiteProperties extends ElementProperties {
  target: 'site';
  kind: Site['kind'];
}

/** A lane feature's properties (docs/geojson.md). */
export interface LaneProperties extends ElementProperties {
  target: 'lane';
  mode: Lane['mode'];
  /** Site ids of its ends. */
  from: string;
  to: string;
  carrier: string | null;
  transitDays: number;
  /** Great-circle length in km; null when an end has no coordinates. */
  lengthKm: number | null;
}

/** A site: a Point, or no geometry without coordinates. */
export interface SiteFeature {
  type: 'Feature';
  /** "site:" and the site's id. */
  id: string;
  geometry: PointGeometry | null;
  properties: SiteProperties;
}

/** A lane: a LineString or MultiLineString, or no geometry when an end has no coordinates. */
export interface LaneFeature {
  type: 'Feature';
  /** "lane:" and the lane's id. */
  id: string;
  geometry: LineStringGeometry | MultiLineStringGeometry | null;
  properties: LaneProperties;
}

/** Where the figures come from (an RFC 7946 foreign member; GIS tools ignore it). */
export interface GeoJsonProvenance {
  format: 'chainward-geojson/v1';
  scenario: string;
  scenarioHash: string;
  seed: number | string;
  trials: number;
  horizonDays: number;
  currency: string;
  engineVersion: string;
  /** Longest step between the positions of a lane's arc, km. */
  maxStepKm: number;
}

/** The file `chainward export --format geojson` writes (docs/geojson.md). */
export interface ResultsFeatureCollection {
  type: 'FeatureCollection';
  /** The scenario's name (GDAL and QGIS name the layer after it). */
  name: string;
  /** Around every position; absent when no feature has a geometry. */
  bbox?: BBox;
  chainward: GeoJsonProvenance;
  /** The sites in scenario order, then the lanes. */
  features: Array<SiteFeature | LaneFeature>;
}

/** How lanes are densified and how many risks each feature lists. */
export interface GeoJsonOptions {
  /** Longest step between consecutive positions of a lane's great-circle arc, in km; default 100. */
  maxStepKm?: number;
  /** Risks listed in each feature's topRisks; default 3. */
  topRisks?: number;
}

/** The default longest step along a lane's arc, km. */
export const DEFAULT_MAX_STEP_KM = 100;
/** The default number of risks in each feature's topRisks. */
export const DEFAULT_TOP_RISKS = 3;

/** Degrees to 6 decimals (about 0.1 m), without −0. */
function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

const roundPosition = (p: Position): Position => [round6(p[0]), round6(p[1])];

const hasCoords = (s: Site | undefined): s is Site & { lat: number; lon: number } => s !== undefined && s.lat !== undefined && s.lon !== undefined;

const byEal = (a: RiskRow, b: RiskRow) => b.eal - a.eal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The results of `scenario` as a GeoJSON FeatureCollection. The figures are looked up by element
 * id in `results` (a site or lane the results do not name has an EAL of 0 and no risks); the
 * flows through each element follow the scenario's primary routes (engine/plan/compile-plan.ts).
 */
export function resultsGeoJson(scenario: Scenario, results: Results, options: GeoJsonOptions = {}): ResultsFeatureCollection {
  const maxStepKm = options.maxStepKm ?? DEFAULT_MAX_STEP_KM;
  const topN = options.topRisks ?? DEFAULT_TOP_RISKS;
  if (!(maxStepKm > 0) || !Number.isFinite(maxStepKm)) throw new Error(`resultsGeoJson: maxStepKm must be a positive number, got ${maxStepKm}`);
  if (!Number.isInteger(topN) || topN < 0) throw new Error(`resultsGeoJson: topRisks must be a whole number ≥ 0, got ${topN}`);
  const sites = scenario.sites;
  const lanes = scenario.lanes ?? [];
  const flows = scenario.flows ?? [];
  const sitesById = new Map(sites.map((s) => [s.id, s]));
  const key = (kind: 'site' | 'lane', id: string) => `${kind}\u0000${id}`;

  const rows = new Map<string, { eal: number; directEal: number; interruptionEal: number; rerouteEal: number; share: number }>();
  for (const t of results.targets) {
    const k = key(t.kind, t.id);
    const r = rows.get(k) ?? { eal: 0, directEal: 0, interruptionEal: 0, rerouteEal: 0, share: 0 };
    r.eal += t.eal;
    r.directEal += t.directEal;
    r.interruptionEal += t.interruptionEal;
    r.rerouteEal += t.rerouteEal;
    r.share += t.share;
    rows.set(k, r);
  }
  const risksOn = new Map<string, RiskRow[]>();
  for (const r of results.risks) {
    const k = key(r.targetKind, r.target);
    const list = risksOn.get(k);
    if (list) list.push(r);
    else risksOn.set(k, [r]);
  }

  // flows through each element, by the primary routes the simulation uses
  const flowsAt = new Map<string, string[]>();
  // each flow adds itself once to each element, in scenario order
  const addFlow = (k: string, flow: string) => {
    const list = flowsAt.get(k);
    if (list) list.push(flow);
    else flowsAt.set(k, [flow]);
  };
  if (flows.length > 0) {
    const routes = compilePlan(scenario, 1).index.flowRoutes;
    const lanesById = new Map(lanes.map((l) => [l.id, l]));
    flows.forEach((f, i) => {
      const onSite = new Set([f.from, f.to]);
      const onLane = new Set<string>();
      for (const id of routes[i]!) {
        onLane.add(id);
        const l = lanesById.get(id);
        if (l) onSite.add(l.from).add(l.to);
      }
      for (const id of onSite) addFlow(key('site', id), f.id);
      for (const id of onLane) addFlow(key('lane', id), f.id);
    });
  }

  const common = (kind: 'site' | 'lane', id: string, name: string | undefined, region: string | undefined) => {
    const k = key(kind, id);
    const row = rows.get(k);
    const risks = [...(risksOn.get(k) ?? [])].sort(byEal);
    let level: Level | null = null;
    for (const r of risks) if (level === null || levelRank(r.level) > levelRank(level)) level = r.level;
    const head = { id, name: name ?? id, target: kind };
    const figures = {
      region: region ?? null,
      eal: row?.eal ?? 0,
      directEal: row?.directEal ?? 0,
      interruptionEal: row?.interruptionEal ?? 0,
      rerouteEal: row?.rerouteEal ?? 0,
      share: row?.share ?? 0,
      level,
      riskCount: risks.length,
      topRisks: risks.slice(0, topN).map((r) => ({ id: r.id, threat: r.threat, eal: r.eal, level: r.level })),
      flows: flowsAt.get(k) ?? [],
      currency: results.currency,
    };
    return { head, figures };
  };

  const features: Array<SiteFeature | LaneFeature> = [];
  for (const s of sites) {
    const geometry: PointGeometry | null = hasCoords(s) ? { type: 'Point', coordinates: roundPosition([normalizeLongitude(s.lon), s.lat]) } : null;
    const { head, figures } = common('site', s.id, s.name, s.region);
    features.push({ type: 'Feature', id: `site:${s.id}`, geometry, properties: { ...head, target: 'site', kind: s.kind, ...figures } });
  }
  for (const l of lanes) {
    const a = sitesById.get(l.from);
    const b = sitesById.get(l.to);
    let geometry: LaneFeature['geometry'] = null;
    let lengthKm: number | null = null;
    if (hasCoords(a) && hasCoords(b)) {
      const from: Position = [a.lon, a.lat];
      const to: Position = [b.lon, b.lat];
      lengthKm = Math.round(greatCircleKm(from, to) * 10) / 10;
      const parts = splitAtAntimeridian(greatCircleArc(from, to, maxStepKm)).map((p) => p.map(roundPosition));
      geometry = parts.length === 1 ? { type: 'LineString', coordinates: parts[0]! } : { type: 'MultiLineString', coordinates: parts };
    }
    const { head, figures } = common('lane', l.id, l.name, laneRegion(l, sitesById));
    features.push({
      type: 'Feature',
      id: `lane:${l.id}`,
      geometry,
      properties: { ...head, target: 'lane', mode: l.mode, ...figures, from: l.from, to: l.to, carrier: l.carrier ?? null, transitDays: l.transitDays, lengthKm },
    });
  }

  const bbox = boundingBox(features);
  return {
    type: 'FeatureCollection',
    name: scenario.name,
    ...(bbox ? { bbox } : {}),
    chainward: {
      format: 'chainward-geojson/v1',
      scenario: results.scenario,
      scenarioHash: results.scenarioHash,
      seed: results.seed,
      trials: results.trials,
      horizonDays: results.horizonDays,
      currency: results.currency,
      engineVersion: results.engineVersion,
      maxStepKm,
    },
    features,
  };
}

/**
 * The smallest box around every position (RFC 7946 section 5.2): latitudes from their extremes; longitudes
 * as the circle minus its largest stretch no point or step of a line covers, so a network across
 * the antimeridian gets west > east. Undefined without any geometry.
 */
export function boundingBox(features: ReadonlyArray<SiteFeature | LaneFeature>): BBox | undefined {
  const spans: Array<[number, number]> = [];
  let south = Infinity;
  let north = -Infinity;
  const line = (coords: readonly Position[]) => {
    for (let i = 0; i < coords.length; i++) {
      const p = coords[i]!;
      south = Math.min(south, p[1]);
      north = Math.max(north, p[1]);
      const q = coords[i + 1];
      spans.push(q ? [Math.min(p[0], q[0]), Math.max(p[0], q[0])] : [p[0], p[0]]);
    }
  };
  for (const f of features) {
    const g = f.geometry;
    if (g === null) continue;
    if (g.type === 'Point') line([g.coordinates]);
    else if (g.type === 'LineString') line(g.coordinates);
    else for (const part of g.coordinates) line(part);
  }
  if (spans.length === 0) return undefined;
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // merge the covered stretches, then find the widest gap between them (the wrap-around gap included)
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  let west = merged[0]![0];
  let east = merged[merged.length - 1]![1];
  let widest = west + 360 - east;
  for (let i = 1; i < merged.length; i++) {
    const gap = merged[i]![0] - merged[i - 1]![1];
    if (gap > widest) {
      widest = gap;
      west = merged[i]![0];
      east = merged[i - 1]![1];
    }
  }
  return [west, south, east, north];
}
