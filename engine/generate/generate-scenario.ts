// Synthetic chainward/v1 scenarios for scale tests: a layered network (suppliers → factories →
// ports/airports → DCs → customers) with carriers, reachable flows, threats of every category,
// controls and treatments. Pure, isomorphic and deterministic in (sites, seed); O(N) in the sites.
import { pow10 } from '../math/det-math.js';
import { asin, cos, sin } from '../math/det-trig.js';
import { controlEffect } from '../model/control-effect.js';
import type { Carrier, Control, Flow, Lane, Mode, Scenario, Site, SiteKind, Threat, Treatment } from '../model/schema.js';
import { hashString, mix2, mix32 } from '../rng/mix.js';
import { Rng } from '../rng/rng.js';
import { rootSeed } from '../rng/root-seed.js';

/** Fewest and most sites `generateScenario` accepts. */
export const MIN_SITES = 5;
export const MAX_SITES = 100_000;

/** What `generateScenario` makes: how many sites, from which seed. */
export interface GenerateOptions {
  /** Number of sites, an integer in [5, 100 000]. */
  sites: number;
  /** Seed of the generator (a number or any string); default 1. */
  seed?: number | string;
}

// ---------------------------------------------------------------------------------------------
// Regions, layers and the fixed catalogues of the synthetic world

interface Region {
  id: string;
  lat: [number, number];
  lon: [number, number];
}

const REGIONS: readonly Region[] = [
  { id: 'EU-W', lat: [43, 55], lon: [-5, 12] },
  { id: 'EU-E', lat: [44, 56], lon: [14, 30] },
  { id: 'NA', lat: [30, 48], lon: [-122, -75] },
  { id: 'LATAM', lat: [-34, 20], lon: [-100, -40] },
  { id: 'APAC', lat: [-10, 38], lon: [100, 140] },
  { id: 'MEA', lat: [0, 35], lon: [30, 58] },
];

interface Layer {
  prefix: string;
  share: number;
  /** Whether the layer sits in its cluster's sourcing region (upstream) or market region (downstream). */
  market: boolean;
  /** Log10 range of the site value. */
  value: [number, number];
  owner: string;
  /** Controls a site of the layer may carry. */
  controls: readonly string[];
}

/** Region weights (REGIONS order) of a cluster's sourcing side and of its market side. */
const SOURCING = [0.05, 0.15, 0.1, 0.15, 0.45, 0.1];
const MARKETS = [0.35, 0.15, 0.3, 0.08, 0.07, 0.05];

// The five layers in chain order; the port layer holds seaports and airports.
const LAYERS: readonly Layer[] = [
  { prefix: 'sup', share: 0.4, market: false, value: [5.5, 7], owner: 'Sourcing', controls: ['syn-supplier-audit', 'syn-screening', 'syn-perimeter'] },
  {
    prefix: 'fac',
    share: 0.1,
    market: false,
    value: [6.5, 8],
    owner: 'Manufacturing',
    controls: ['syn-perimeter', 'syn-cctv', 'syn-screening', 'syn-cyber', 'syn-emergency-plan'],
  },
  { prefix: 'port', share: 0.05, market: false, value: [6, 7.3], owner: 'Logistics', controls: ['syn-perimeter', 'syn-cctv', 'syn-emergency-plan'] },
  { prefix: 'dc', share: 0.1, market: true, value: [6.5, 7.8], owner: 'Distribution', controls: ['syn-perimeter', 'syn-cctv', 'syn-screening', 'syn-cyber'] },
  { prefix: 'cus', share: 0.35, market: true, value: [4.5, 5.7], owner: 'Sales', controls: ['syn-cctv'] },
];
/** Sites per cluster: a supply chain of about this size (40 suppliers … 35 customers) per trade lane. */
const CLUSTER_SITES = 100;
/** Share of lanes that stay within their cluster; the rest link clusters into one network. */
const LOCAL_SHARE = 0.85;
const LAYER_KINDS: readonly SiteKind[] = ['supplier', 'factory', 'port', 'dc', 'customer'];
const SUP = 0;
const FAC = 1;
const PORT = 2;
const DC = 3;
const CUS = 4;

const CARRIERS: readonly Carrier[] = [
  { id: 'road-std', name: 'Standard road haulier', modes: ['road'], riskFactor: 1.2, disruptionFactor: 1, costPerShipment: 900 },
  { id: 'road-tsr1', name: 'TAPA TSR 1 road haulier', modes: ['road'], riskFactor: 0.5, disruptionFactor: 0.9, certifications: ['TAPA TSR 1'], costPerShipment: 1200 },
  { id: 'rail-eu', name: 'Block-train operator', modes: ['rail'], riskFactor: 0.7, disruptionFactor: 1.1, costPerShipment: 1800 },
  { id: 'sea-blue', name: 'Blue Ocean Lines', modes: ['sea'], riskFactor: 0.8, disruptionFactor: 1, certifications: ['AEO'], costPerShipment: 2600 },
  { id: 'sea-meridian', name: 'Meridian Shipping', modes: ['sea'], riskFactor: 1, disruptionFactor: 1.25, costPerShipment: 2200 },
  { id: 'air-sky', name: 'SkyCargo', modes: ['air'], riskFactor: 0.6, disruptionFactor: 0.8, certifications: ['TAPA FSR A'], costPerShipment: 7500 },
];

const SYN = 'Synthetic planning default (generated scenario), modelled on';

const CONTROLS: readonly Control[] = [
  {
    id: 'syn-perimeter',
    name: 'Perimeter barrier, lighting and gatehouse',
    element: 'facility',
    appliesTo: 'site',
    effects: { theft: { frequencyFactor: 0.8 }, intrusion: { frequencyFactor: 0.7 }, terrorism: { frequencyFactor: 0.9 } },
    reliability: 0.92,
    cost: { annual: 8000, capex: 50000, lifetimeYears: 15 },
    source: `${SYN} TAPA FSR 2023 (perimeter) and EU AEO physical integrity`,
  },
  {
    id: 'syn-cctv',
    name: 'CCTV on docks and perimeter, recorded',
    element: 'facility',
    appliesTo: 'site',
    effects: { theft: { frequencyFactor: 0.85, severityFactor: 0.85 }, intrusion: { frequencyFactor: 0.85 }, tampering: { frequencyFactor: 0.8 } },
    reliability: 0.9,
    cost: { annual: 12000, capex: 40000, lifetimeYears: 7 },
    source: `${SYN} TAPA FSR 2023 level A/B (CCTV)`,
  },
  {
    id: 'syn-gps',
    name: 'GPS tracking with geofence and stop alerts',
    element: 'transport',
    appliesTo: 'lane',
    effects: { hijacking: { frequencyFactor: 0.8, severityFactor: 0.6 }, theft: { severityFactor: 0.7 } },
    reliability: 0.9,
    cost: { perShipment: 25 },
    source: `${SYN} TAPA TSR 2023 (monitored telematics)`,
  },
  {
    id: 'syn-seals',
    name: 'ISO 17712 high-security seals with seal logs',
    element: 'transport',
    appliesTo: 'lane',
    effects: { tampering: { frequencyFactor: 0.6 }, theft: { frequencyFactor: 0.9 } },
    reliability: 0.9,
    cost: { perShipment: 6 },
    source: `${SYN} ISO 17712:2013 class H seals`,
  },
  {
    id: 'syn-screening',
    name: 'Background screening of staff with cargo or data access',
    element: 'personnel',
    appliesTo: 'site',
    effects: { theft: { frequencyFactor: 0.85 }, tampering: { frequencyFactor: 0.8 }, breach: { frequencyFactor: 0.85 } },
    reliability: 0.9,
    cost: { annual: 12000 },
    source: `${SYN} C-TPAT MSC personnel security`,
  },
  {
    id: 'syn-cyber',
    name: 'MFA, segmentation and offline backups of site IT',
    element: 'information',
    appliesTo: 'site',
    effects: { breach: { frequencyFactor: 0.5, severityFactor: 0.7 } },
    reliability: 0.9,
    cost: { annual: 25000 },
    source: `${SYN} C-TPAT MSC cybersecurity and ISO 28000:2022 clause 8`,
  },
  {
    id: 'syn-emergency-plan',
    name: 'Emergency response and recovery plan, exercised',
    element: 'emergency',
    appliesTo: 'site',
    effects: { disruption: { downtimeFactor: 0.6 }, terrorism: { downtimeFactor: 0.7 }, intrusion: { downtimeFactor: 0.7 } },
    reliability: 0.85,
    cost: { annual: 15000 },
    source: `${SYN} ISO 28000:2022 clause 8 (response and recovery)`,
  },
  {
    id: 'syn-supplier-audit',
    name: 'Supplier security audit and corrective actions',
    element: 'supplier',
    appliesTo: 'site',
    effects: { tampering: { frequencyFactor: 0.8 }, theft: { frequencyFactor: 0.9 }, disruption: { downtimeFactor: 0.85 } },
    reliability: 0.8,
    cost: { annual: 6000 },
    source: `${SYN} C-TPAT business partner requirements and ISO 28000:2022 clause 8`,
  },
];

// Threats: site rates 0.005–0.08 a year and per-shipment rates on road lanes keep a 100 000-site
// network at about 10⁴ events per trial.
const THREATS: readonly Threat[] = [
  {
    id: 'theft-facility',
    category: 'theft',
    description: 'Theft of goods from a warehouse, plant or terminal (internal or forced entry)',
    appliesTo: { kind: 'site', siteKinds: ['factory', 'port', 'airport', 'dc'] },
    frequency: { perYear: 0.06 },
    loss: { fraction: { pert: [0.002, 0.01, 0.1] } },
  },
  {
    id: 'theft-road',
    category: 'theft',
    description: 'Theft from a truck, mostly while parked',
    appliesTo: { kind: 'lane', modes: ['road'] },
    frequency: { perShipment: 1e-4 },
    loss: { fraction: { pert: [0.05, 0.3, 1] } },
    regionFactors: { 'EU-W': 1.5, LATAM: 2 },
  },
  {
    id: 'hijacking-road',
    category: 'hijacking',
    description: 'Hijacking of a truck and its load',
    appliesTo: { kind: 'lane', modes: ['road'] },
    frequency: { perShipment: 2e-5 },
    loss: { fraction: { pert: [0.5, 0.9, 1] } },
    regionFactors: { LATAM: 4, MEA: 2 },
  },
  {
    id: 'intrusion-site',
    category: 'intrusion',
    description: 'Illegal intrusion into a site; the site is searched and closed for a short time',
    appliesTo: { kind: 'site', siteKinds: ['supplier', 'factory', 'port', 'airport', 'dc'] },
    frequency: { perYear: 0.03 },
    loss: { fraction: { pert: [0, 0.005, 0.05] } },
    downtimeDays: { pert: [0.5, 1, 4] },
  },
  {
    id: 'tampering-container',
    category: 'tampering',
    description: 'Tampering with sealed cargo in transit (contraband, substitution)',
    appliesTo: { kind: 'lane', modes: ['sea', 'rail'] },
    frequency: { perYear: 0.02 },
    loss: { amount: { lognormal: { median: 20000, p90: 150000 } } },
  },
  {
    id: 'breach-it',
    category: 'breach',
    description: 'Leak of shipment data or ransomware at a site (information security)',
    appliesTo: { kind: 'site', siteKinds: ['factory', 'port', 'airport', 'dc'] },
    frequency: { perYear: 0.04 },
    loss: { amount: { lognormal: { median: 150000, p90: 1500000 } } },
  },
  {
    id: 'disruption-site',
    category: 'disruption',
    description: 'Fire, flood, strike or outage that stops a site',
    appliesTo: { kind: 'site', siteKinds: ['supplier', 'factory', 'port', 'airport', 'dc'] },
    frequency: { perYear: 0.02 },
    downtimeDays: { pert: [2, 7, 45] },
    regionFactors: { APAC: 1.5 },
  },
  {
    id: 'disruption-lane',
    category: 'disruption',
    description: 'Closure of a sea, rail or air service (weather, congestion, strikes)',
    appliesTo: { kind: 'lane', modes: ['sea', 'rail', 'air'] },
    frequency: { perYear: 0.05 },
    downtimeDays: { lognormal: { median: 3, p90: 14 } },
  },
  {
    id: 'terrorism-hub',
    category: 'terrorism',
    description: 'Terrorist attack on or threat to a port, airport or DC',
    appliesTo: { kind: 'site', siteKinds: ['port', 'airport', 'dc'] },
    frequency: { perYear: 0.005 },
    loss: { fraction: { pert: [0.05, 0.3, 1] } },
    downtimeDays: { pert: [3, 14, 90] },
    regionFactors: { MEA: 2 },
  },
];

/** Whether control `id` acts on a threat that applies to sites of `kind` (else placing it there changes nothing). */
function actsOnSiteKind(id: string, kind: SiteKind): boolean {
  const control = CONTROLS.find((c) => c.id === id)!;
  return THREATS.some(
    (t) => t.appliesTo.kind === 'site' && (t.appliesTo.siteKinds === undefined || t.appliesTo.siteKinds.includes(kind)) && controlEffect(control, t.id, t.category) !== undefined,
  );
}

// ---------------------------------------------------------------------------------------------
// Random helpers

/** An independent stream of the generator for one phase, keyed by (seed, sites, phase). */
function stream(root: Uint32Array, sites: number, phase: string): Rng {
  const k = mix2(mix2(hashString('chainward/generate'), sites), hashString(phase));
  return new Rng(mix2(root[0]!, k), mix2(root[1]!, k ^ 0x5bd1e995), mix2(root[2]!, k ^ 0x1b873593), mix32(root[3]! ^ k) | 1);
}

const intBelow = (rng: Rng, n: number): number => Math.floor(rng.next() * n);
const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng.next();
const round = (x: number, step: number): number => Math.round(x / step) * step;
const round1 = (x: number): number => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const pad = (i: number, width: number): string => String(i).padStart(width, '0');

function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Great-circle distance in km (haversine; sin, cos and asin from engine/math, the same bits everywhere). */
function distanceKm(a: Site, b: Site): number {
  const rad = Math.PI / 180;
  const dLat = ((b.lat ?? 0) - (a.lat ?? 0)) * rad;
  const dLon = ((b.lon ?? 0) - (a.lon ?? 0)) * rad;
  const sLat = sin(dLat / 2);
  const sLon = sin(dLon / 2);
  const h = sLat * sLat + cos((a.lat ?? 0) * rad) * cos((b.lat ?? 0) * rad) * (sLon * sLon);
  return 2 * 6371 * asin(Math.min(1, Math.sqrt(h)));
}

/** Sites per layer: the shares of LAYERS, at least one each, summing to n. */
function layerCounts(n: number): number[] {
  const counts = LAYERS.map((l) => Math.max(1, Math.floor(n * l.share)));
  let diff = n - counts.reduce((a, b) => a + b, 0);
  // floors leave a few sites over: give them to customers; the minimum of 1 may overshoot: take from the largest
  counts[CUS]! += Math.max(0, diff);
  while (diff < 0) {
    let big = 0;
    for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[big]!) big = k;
    counts[big]!--;
    diff++;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------

/**
 * Generates a synthetic chainward/v1 scenario of `sites` sites for scale tests: a layered network
 * of about 40 % suppliers, 10 % factories, 5 % seaports and airports, 10 % DCs and 35 % customers,
 * built as regional supply chains of about 100 sites (sourcing in one of six regions, selling in
 * another) joined by cross-links. Every site ships to 2–3 sites of the next layer and every site
 * past the suppliers has two sources where it can, so reroutes exist (about 2.2 lanes per site).
 * Six carriers, about max(5, N/20) flows from suppliers to customers along existing lanes (each
 * with its `path`), nine threats covering all seven categories, eight controls, 3–4 treatments.
 *
 * Pure and deterministic: the same `sites` and `seed` give the same scenario (the generator draws
 * from the engine's own Rng, seeded through rootSeed). Runs in O(N) time and memory: 100 000 sites
 * (about 218 000 lanes and 5 000 flows) take about half a second.
 *
 * @throws RangeError when `sites` is not an integer in [5, 100 000].
 */
export function generateScenario(opts: GenerateOptions): Scenario {
  const n = opts.sites;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_SITES || n > MAX_SITES) {
    throw new RangeError(`generateScenario: sites must be an integer from ${MIN_SITES} to ${MAX_SITES}, got ${String(n)}`);
  }
  const seed = opts.seed ?? 1;
  const root = rootSeed(seed);

  // --- clusters: the network is a set of regional supply chains of about CLUSTER_SITES sites,
  // each sourcing in one region (suppliers, factories, ports near a centre) and selling in
  // another (DCs, customers); most lanes stay inside a cluster, so paths reconverge and a flow
  // can be rerouted around a lost site or lane. Site i of a layer of m sites is in cluster ⌊i·C/m⌋.
  const counts = layerCounts(n);
  const C = Math.max(1, Math.floor(n / CLUSTER_SITES));
  const rs = stream(root, n, 'sites');
  const clusters = Array.from({ length: C }, () => {
    const sides = [pickWeighted(rs, SOURCING), pickWeighted(rs, MARKETS)].map((ri) => {
      const r = REGIONS[ri]!;
      return { ri, lat: uniform(rs, r.lat[0], r.lat[1]), lon: uniform(rs, r.lon[0], r.lon[1]) };
    });
    return { sourcing: sides[0]!, market: sides[1]! };
  });
  /** First index of each cluster in each layer: members of cluster c are [start[c], start[c + 1]). */
  const clusterStart = counts.map((m) => {
    const start = new Int32Array(C + 1);
    for (let c = 0; c <= C; c++) start[c] = Math.ceil((c * m) / C);
    return start;
  });
  const clusterOf = (k: number, i: number) => Math.floor((i * C) / counts[k]!);

  // --- sites, layer by layer, addressed by (layer k, index i in the layer); `regionOf[k][i]` is
  // the index of the site's region in REGIONS
  const sites: Site[] = [];
  const layerSites: Site[][] = [];
  const regionOf: Uint8Array[] = [];
  LAYERS.forEach((layer, k) => {
    const count = counts[k]!;
    const list: Site[] = new Array<Site>(count);
    const reg = new Uint8Array(count);
    const owners = REGIONS.map((r) => `${layer.owner} ${r.id}`);
    const [v0, v1] = layer.value;
    // about a quarter of the port layer are airports (the first is always a seaport)
    let nPort = 0;
    let nAirport = 0;
    for (let i = 0; i < count; i++) {
      const cluster = clusters[clusterOf(k, i)]!;
      const centre = layer.market ? cluster.market : cluster.sourcing;
      const region = REGIONS[centre.ri]!;
      let kind = LAYER_KINDS[k]!;
      let id: string;
      if (k === PORT && i > 0 && rs.next() < 0.25) {
        kind = 'airport';
        id = `apt-${pad(++nAirport, 5)}`;
      } else if (k === PORT) id = `port-${pad(++nPort, 5)}`;
      else id = `${layer.prefix}-${pad(i + 1, 5)}`;
      const site: Site = {
        id,
        kind,
        region: region.id,
        lat: round3(clamp(centre.lat + uniform(rs, -2.5, 2.5), -85, 85)),
        lon: round3(clamp(centre.lon + uniform(rs, -3.5, 3.5), -180, 180)),
        value: round(pow10(uniform(rs, v0, v1)), 1000),
        owner: owners[centre.ri]!,
      };
      // 0–3 distinct controls from the layer's list, in list order
      const want = Math.min(intBelow(rs, 4), layer.controls.length);
      if (want > 0) {
        let mask = 0;
        let have = 0;
        while (have < want) {
          const bit = 1 << intBelow(rs, layer.controls.length);
          if (!(mask & bit)) (mask |= bit), have++;
        }
        // drawn from the whole list (the draws stay the same), kept only where a threat they act on applies
        const placed = layer.controls.filter((_, c) => mask & (1 << c) && actsOnSiteKind(layer.controls[c]!, kind));
        if (placed.length > 0) site.controls = placed;
      }
      reg[i] = centre.ri;
      list[i] = site;
      sites.push(site);
    }
    layerSites.push(list);
    regionOf.push(reg);
  });

  // --- lanes: each site to 2–3 distinct sites of the next layer (LOCAL_SHARE of them in its own
  // cluster), then lanes into every site of the next layer with fewer than two sources, so that
  // every site past the suppliers has an alternative supply when the layer before has two sites.
  // `laneOut[k][i]` lists the lanes out of site i of layer k, as indices into `lanes`.
  const rl = stream(root, n, 'lanes');
  const lanes: Lane[] = [];
  const laneTo: number[] = []; // index of the lane's destination within the next layer
  const laneOut: number[][][] = [];
  const laneOwners = REGIONS.map((r) => `Transport ${r.id}`);
  for (let k = 0; k < CUS; k++) {
    const from = layerSites[k]!;
    const next = layerSites[k + 1]!;
    const fromRegion = regionOf[k]!;
    const nextRegion = regionOf[k + 1]!;
    const fromStart = clusterStart[k]!;
    const nextStart = clusterStart[k + 1]!;
    const out: number[][] = Array.from({ length: from.length }, () => []);
    const inCount = new Uint8Array(next.length);
    const firstIn = new Int32Array(next.length).fill(-1);
    const addLane = (i: number, j: number) => {
      const a = from[i]!;
      const b = next[j]!;
      const dist = distanceKm(a, b);
      const mode = laneMode(rl, k, a, b, dist, fromRegion[i] === nextRegion[j]);
      out[i]!.push(lanes.length);
      laneTo.push(j);
      if (inCount[j]! < 255) inCount[j]!++;
      if (firstIn[j] === -1) firstIn[j] = i;
      lanes.push({
        id: `lane-${pad(lanes.length + 1, 6)}`,
        from: a.id,
        to: b.id,
        mode,
        carrier: carrierFor(rl, mode),
        transitDays: transitDays(mode, dist),
        costPerShipment: costPerShipment(mode, dist),
        owner: laneOwners[fromRegion[i]!]!,
      });
    };
    /** A random site of layer k + 1 (or k, with `start` = fromStart), in cluster c with LOCAL_SHARE. */
    const pick = (start: Int32Array, c: number, size: number) => {
      const members = start[c + 1]! - start[c]!;
      return rl.next() < LOCAL_SHARE && members > 0 ? start[c]! + intBelow(rl, members) : intBelow(rl, size);
    };
    const picked: number[] = [];
    for (let i = 0; i < from.length; i++) {
      const want = Math.min(2 + intBelow(rl, 2), next.length);
      const c = clusterOf(k, i);
      picked.length = 0;
      for (let attempt = 0; picked.length < want && attempt < 50; attempt++) {
        const j = pick(nextStart, c, next.length);
        if (!picked.includes(j)) picked.push(j);
      }
      for (const j of picked) addLane(i, j);
    }
    const sources = Math.min(2, from.length);
    for (let j = 0; j < next.length; j++) {
      const c = clusterOf(k + 1, j);
      for (let attempt = 0; inCount[j]! < sources && attempt < 50; attempt++) {
        const i = pick(fromStart, c, from.length);
        if (i !== firstIn[j]) addLane(i, j);
      }
    }
    laneOut.push(out);
  }

  // --- flows: a random supplier, then a random walk along lanes to a customer (its path)
  const rf = stream(root, n, 'flows');
  const nFlows = Math.max(5, Math.round(n / 20));
  const flows: Flow[] = [];
  const flowLanes: number[][] = [];
  const suppliers = layerSites[SUP]!;
  for (let f = 0; f < nFlows; f++) {
    const origin = intBelow(rf, suppliers.length);
    const walk: number[] = [];
    let at = origin;
    for (let k = 0; k < CUS; k++) {
      const out = laneOut[k]![at]!; // every site before the customers has at least one lane out
      const l = out[intBelow(rf, out.length)]!;
      walk.push(l);
      at = laneTo[l]!;
    }
    flowLanes.push(walk);
    const valuePerYear = round(pow10(uniform(rf, 5.5, 8)), 1000);
    const shipmentsPerYear = Math.round(pow10(uniform(rf, 1.3, 2.7)));
    flows.push({
      id: `flow-${pad(f + 1, 5)}`,
      from: suppliers[origin]!.id,
      to: layerSites[CUS]![at]!.id,
      valuePerYear,
      shipmentsPerYear,
      bufferDays: [0, 3, 5, 7, 10, 14, 21][intBelow(rf, 7)]!,
      interruptionCostPerDay: round((valuePerYear / 365) * uniform(rf, 0.5, 2), 10),
      path: walk.map((l) => lanes[l]!.id),
    });
  }

  // --- treatments
  const byValue = flows.map((_, f) => f).sort((a, b) => flows[b]!.valuePerYear - flows[a]!.valuePerYear || a - b);
  const busiestStd: string[] = [];
  const seen = new Set<number>();
  for (const f of byValue) {
    for (const l of flowLanes[f]!) {
      if (busiestStd.length < 200 && lanes[l]!.carrier === 'road-std' && !seen.has(l)) {
        seen.add(l);
        busiestStd.push(lanes[l]!.id);
      }
    }
  }
  const top = flows[byValue[0]!]!;
  const treatments: Treatment[] = [
    {
      id: 'gps-seals-road',
      name: 'GPS tracking and high-security seals on every road lane',
      changes: [{ addControls: ['syn-gps', 'syn-seals'], to: { kind: 'lane', modes: ['road'] } }],
    },
    {
      id: 'dc-emergency-plans',
      name: 'Exercised emergency plans at every DC',
      changes: [{ addControls: ['syn-emergency-plan'], to: { kind: 'site', siteKinds: ['dc'] } }],
    },
  ];
  if (busiestStd.length > 0) {
    treatments.push({
      id: 'tsr1-busiest-lanes',
      name: 'TAPA TSR 1 haulier on the busiest standard road lanes',
      description: `Moves the standard-haulier road lanes of the most valuable flows (${busiestStd.length}) to the TSR 1 haulier`,
      changes: [{ setCarrier: 'road-tsr1', lanes: busiestStd }],
    });
  }
  treatments.push({
    id: 'buffer-top-flow',
    name: `Two more weeks of safety stock for ${top.id}`,
    changes: [{ setBuffer: { flow: top.id, bufferDays: (top.bufferDays ?? 0) + 14, carryingCostRate: 0.2 } }],
  });

  const counted = (k: number, what: string) => `${layerSites[k]!.length} ${what}`;
  const ports = layerSites[PORT]!;
  const nAir = ports.filter((s) => s.kind === 'airport').length;
  return {
    format: 'chainward/v1',
    name: `Synthetic network (${n} sites, seed ${String(seed)})`,
    description:
      `A generated network for scale tests: ${counted(SUP, 'suppliers')}, ${counted(FAC, 'factories')}, ` +
      `${ports.length - nAir} seaports and ${nAir} airports, ${counted(DC, 'DCs')} and ${counted(CUS, 'customers')} ` +
      `in ${REGIONS.length} regions, ${lanes.length} lanes and ${flows.length} flows. Not a real network: ` +
      'sites, lanes and rates are drawn at random around order-of-magnitude planning values.',
    sources: ['Generated by engine/generate/generate-scenario.ts; rates and loss sizes are synthetic planning values, not measurements.'],
    currency: 'EUR',
    horizonDays: 365,
    appetite: { maxLevel: 'high', maxEal: n * 25_000, maxCvar95: n * 120_000 },
    sites,
    lanes,
    carriers: CARRIERS.map((c) => cloneJson(c)),
    flows,
    threats: THREATS.map((t) => cloneJson(t)),
    controls: CONTROLS.map((c) => cloneJson(c)),
    treatments,
  };
}

/** The mode of a lane out of `layer` (0 suppliers … 3 DCs). */
function laneMode(rng: Rng, layer: number, from: Site, to: Site, dist: number, sameRegion: boolean): Mode {
  if (layer === PORT) return from.kind === 'airport' ? 'air' : 'sea';
  const long = layer === DC ? 2500 : 1500;
  if (dist <= long) return layer === FAC && to.kind === 'port' && dist > 300 && rng.next() < 0.3 ? 'rail' : 'road';
  if (sameRegion) return 'rail';
  return layer === DC || to.kind === 'airport' ? 'air' : 'sea';
}

function carrierFor(rng: Rng, mode: Mode): string {
  switch (mode) {
    case 'road':
      return rng.next() < 0.7 ? 'road-std' : 'road-tsr1';
    case 'rail':
      return 'rail-eu';
    case 'sea':
      return rng.next() < 0.5 ? 'sea-blue' : 'sea-meridian';
    default:
      return 'air-sky';
  }
}

/** Handling days plus distance over a day's travel (sea routes run ~30 % longer than the great circle). */
function transitDays(mode: Mode, dist: number): number {
  switch (mode) {
    case 'road':
      return round1(0.5 + dist / 650);
    case 'rail':
      return round1(1.5 + dist / 700);
    case 'sea':
      return round1(3 + (1.3 * dist) / 550);
    default:
      return round1(1.5 + dist / 8000);
  }
}

function costPerShipment(mode: Mode, dist: number): number {
  switch (mode) {
    case 'road':
      return round(Math.max(250, 1.6 * dist), 10);
    case 'rail':
      return round(400 + 1.0 * dist, 10);
    case 'sea':
      return round(1200 + 0.25 * dist, 10);
    default:
      return round(2000 + 0.9 * dist, 10);
  }
}

/** A deep copy of plain JSON data, so callers may edit the scenario without touching the constants. */
function cloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
