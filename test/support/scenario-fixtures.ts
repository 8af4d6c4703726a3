// A small valid chainward/v1 scenario and a table of single-mistake variants of it, shared by the
// in-process validator tests (test/engine/validate) and the command-line tests (test/engine/cli).
//
// Network: sup → wh → cus by road (l1, l2), wh → cus by rail (l3), and a return lane cus → wh (l4)
// that no flow or treatment uses, so that breaking l4 does not cascade into other issues.

/** JSON-shaped, mutable on purpose: the cases below break it in place. */
export type Json = any;

export function minimalScenario(): Json {
  return {
    format: 'chainward/v1',
    name: 'Test network',
    currency: 'EUR',
    horizonDays: 365,
    sites: [
      { id: 'sup', kind: 'supplier', value: 1e5, region: 'CN', controls: ['cctv-docks'] },
      { id: 'wh', kind: 'warehouse', value: 5e5, region: 'NL' },
      { id: 'cus', kind: 'customer', region: 'NL' },
    ],
    lanes: [
      { id: 'l1', from: 'sup', to: 'wh', mode: 'road', carrier: 'trk', transitDays: 1, controls: ['iso17712-seals'] },
      { id: 'l2', from: 'wh', to: 'cus', mode: 'road', transitDays: 2 },
      { id: 'l3', from: 'wh', to: 'cus', mode: 'rail', carrier: 'rl', transitDays: 3 },
      { id: 'l4', from: 'cus', to: 'wh', mode: 'road', transitDays: 2 },
    ],
    carriers: [
      { id: 'trk', modes: ['road'], riskFactor: 1.2 },
      { id: 'rl', modes: ['rail'] },
      { id: 'trk2', modes: ['road'], riskFactor: 0.6 },
    ],
    flows: [
      { id: 'f1', from: 'sup', to: 'cus', valuePerYear: 1e7, shipmentsPerYear: 100, path: ['l1', 'l2'] },
      { id: 'f2', from: 'sup', to: 'cus', valuePerYear: 2e6, shipmentsPerYear: 50 },
    ],
    threats: [
      {
        id: 'theft-road',
        category: 'theft',
        appliesTo: { kind: 'lane', modes: ['road'] },
        frequency: { perShipment: 1e-3 },
        loss: { fraction: { uniform: [0.1, 0.5] } },
      },
      {
        id: 'fire',
        category: 'disruption',
        appliesTo: { kind: 'site', ids: ['wh'] },
        frequency: { perYear: 0.1 },
        downtimeDays: { pert: [1, 3, 10] },
      },
      {
        id: 'ransomware',
        category: 'breach',
        appliesTo: { kind: 'site', siteKinds: ['warehouse'] },
        frequency: { perYear: 0.05 },
        loss: { amount: { lognormal: { median: 50000, p90: 400000 } } },
        downtimeDays: { triangular: [0, 2, 7] },
      },
    ],
    controls: [
      { id: 'my-guard', name: 'Night guard', element: 'facility', appliesTo: 'site', effects: { theft: { frequencyFactor: 0.5 } }, cost: { annual: 30000 } },
    ],
    treatments: [
      { id: 'tr-guard', name: 'Guard the warehouse', changes: [{ addControls: ['my-guard'], to: { kind: 'site', ids: ['wh'] } }] },
      { id: 'tr-carrier', name: 'Other haulier', changes: [{ setCarrier: 'trk2', lanes: ['l1'] }] },
      { id: 'tr-rail', name: 'Last leg by rail', changes: [{ route: { flow: 'f1', path: ['l1', 'l3'] } }] },
      { id: 'tr-buffer', name: 'More stock', changes: [{ setBuffer: { flow: 'f1', bufferDays: 10 } }] },
    ],
  };
}

export interface BadCase {
  /** A short name, used for test titles and file names. */
  name: string;
  /** Breaks the (fresh) minimal scenario in place. */
  mutate: (s: Json) => void;
  /** The exact JSON paths of the issues the validator must report, in any order, and nothing else. */
  paths: string[];
  /** Text the message at paths[0] must contain: it names the expected (or the offending) value. */
  expect: string;
}

/** A key set as an own, enumerable property even when it is `__proto__`, the way JSON.parse does it. */
function setOwn(o: Json, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
}

/** One mistake each: references, ranges, duplicates, unknown keys, forbidden keys, routes. */
export const BAD_CASES: BadCase[] = [
  // --- unknown references
  { name: 'lane.to unknown site', mutate: (s) => (s.lanes[3].to = 'dc-4'), paths: ['lanes[3].to'], expect: 'unknown site "dc-4"' },
  { name: 'lane.from unknown site', mutate: (s) => (s.lanes[3].from = 'cuss'), paths: ['lanes[3].from'], expect: 'unknown site "cuss" (did you mean "cus"?)' },
  { name: 'lane.carrier unknown carrier', mutate: (s) => (s.lanes[3].carrier = 'nobody'), paths: ['lanes[3].carrier'], expect: 'unknown carrier "nobody"' },
  { name: 'flow.from unknown site', mutate: (s) => (s.flows[1].from = 'nowhere'), paths: ['flows[1].from'], expect: 'unknown site "nowhere"' },
  { name: 'flow.to unknown site', mutate: (s) => (s.flows[1].to = 'dc-9'), paths: ['flows[1].to'], expect: 'unknown site "dc-9"' },
  { name: 'flow.path unknown lane', mutate: (s) => (s.flows[0].path = ['l1', 'l9']), paths: ['flows[0].path[1]'], expect: 'unknown lane "l9"' },
  {
    name: 'flow.path disconnected',
    mutate: (s) => (s.flows[0].path = ['l1', 'l4']),
    paths: ['flows[0].path[1]', 'flows[0].path'],
    expect: 'expected a lane from "wh"',
  },
  { name: 'site.controls unknown control', mutate: (s) => (s.sites[0].controls = ['cctv-dock']), paths: ['sites[0].controls[0]'], expect: 'unknown control "cctv-dock" (did you mean "cctv-docks"?)' },
  { name: 'lane.controls unknown control', mutate: (s) => (s.lanes[0].controls = ['laser-moat']), paths: ['lanes[0].controls[0]'], expect: 'unknown control "laser-moat"' },
  { name: 'site control placed on a lane', mutate: (s) => (s.lanes[1].controls = ['cctv-docks']), paths: ['lanes[1].controls[0]'], expect: 'applies to sites, not lanes' },
  {
    name: 'treatment addControls unknown control',
    mutate: (s) => (s.treatments[0].changes[0].addControls = ['laser-moat']),
    paths: ['treatments[0].changes[0].addControls[0]'],
    expect: 'unknown control "laser-moat"',
  },
  {
    name: 'treatment selector ids unknown site',
    mutate: (s) => (s.treatments[0].changes[0].to.ids = ['ghost']),
    paths: ['treatments[0].changes[0].to.ids[0]'],
    expect: 'unknown site "ghost"',
  },
  {
    name: 'treatment setCarrier unknown carrier',
    mutate: (s) => (s.treatments[1].changes[0].setCarrier = 'ghostco'),
    paths: ['treatments[1].changes[0].setCarrier'],
    expect: 'unknown carrier "ghostco"',
  },
  {
    name: 'treatment route path unknown lane',
    mutate: (s) => (s.treatments[2].changes[0].route.path = ['l1', 'l7']),
    paths: ['treatments[2].changes[0].route.path[1]'],
    expect: 'unknown lane "l7"',
  },
  {
    name: 'treatment setBuffer unknown flow',
    mutate: (s) => (s.treatments[3].changes[0].setBuffer.flow = 'f9'),
    paths: ['treatments[3].changes[0].setBuffer.flow'],
    expect: 'unknown flow "f9" (did you mean "f1"?)',
  },
  // --- ranges
  { name: 'control factor 1.5', mutate: (s) => (s.controls[0].effects.theft.frequencyFactor = 1.5), paths: ['controls[0].effects.theft.frequencyFactor'], expect: '≤ 1, got 1.5' },
  { name: 'control factor -0.1', mutate: (s) => (s.controls[0].effects.theft.frequencyFactor = -0.1), paths: ['controls[0].effects.theft.frequencyFactor'], expect: '≥ 0, got -0.1' },
  { name: 'frequency perYear -1', mutate: (s) => (s.threats[1].frequency.perYear = -1), paths: ['threats[1].frequency.perYear'], expect: '≥ 0, got -1' },
  { name: 'pert min > mode', mutate: (s) => (s.threats[1].downtimeDays = { pert: [5, 3, 10] }), paths: ['threats[1].downtimeDays.pert'], expect: 'min ≤ mode ≤ max' },
  { name: 'triangular mode > max', mutate: (s) => (s.threats[2].downtimeDays = { triangular: [1, 12, 10] }), paths: ['threats[2].downtimeDays.triangular'], expect: 'min ≤ mode ≤ max' },
  {
    name: 'lognormal p90 <= median',
    mutate: (s) => (s.threats[2].loss.amount = { lognormal: { median: 50000, p90: 50000 } }),
    paths: ['threats[2].loss.amount.lognormal'],
    expect: 'p90 > median',
  },
  { name: 'uniform a > b', mutate: (s) => (s.threats[0].loss.fraction = { uniform: [0.5, 0.1] }), paths: ['threats[0].loss.fraction.uniform'], expect: 'a ≤ b' },
  // --- duplicate ids
  { name: 'duplicate site id', mutate: (s) => s.sites.push({ id: 'wh', kind: 'dc' }), paths: ['sites[3].id'], expect: 'duplicate id "wh" (first used at sites[1])' },
  {
    name: 'duplicate lane id',
    mutate: (s) => s.lanes.push({ id: 'l2', from: 'sup', to: 'wh', mode: 'rail', transitDays: 3 }),
    paths: ['lanes[4].id'],
    expect: 'duplicate id "l2" (first used at lanes[1])',
  },
  {
    name: 'duplicate threat id',
    mutate: (s) => s.threats.push({ ...s.threats[1], appliesTo: { kind: 'site' } }),
    paths: ['threats[3].id'],
    expect: 'duplicate id "fire" (first used at threats[1])',
  },
  // --- unknown keys, with a suggestion
  {
    name: 'unknown key carier',
    mutate: (s) => {
      s.lanes[0].carier = s.lanes[0].carrier;
      delete s.lanes[0].carrier;
    },
    paths: ['lanes[0].carier'],
    expect: 'did you mean "carrier"',
  },
  { name: 'unknown dist key fixd', mutate: (s) => (s.threats[1].downtimeDays = { fixd: 1 }), paths: ['threats[1].downtimeDays'], expect: 'did you mean "fixed"' },
  // --- keys that could reach a prototype
  { name: 'key __proto__ in a site', mutate: (s) => setOwn(s.sites[1], '__proto__', { polluted: true }), paths: ['sites[1].__proto__'], expect: '"__proto__" is not allowed' },
  { name: 'key constructor in a site', mutate: (s) => (s.sites[1].constructor = { prototype: { polluted: true } }), paths: ['sites[1].constructor'], expect: '"constructor" is not allowed' },
  // --- the network
  {
    name: 'flow without a route',
    mutate: (s) => {
      s.flows[1].from = 'cus';
      s.flows[1].to = 'sup';
    },
    paths: ['flows[1]'],
    expect: 'no route from "cus" to "sup"',
  },
];

/** Many independent mistakes in one scenario: every one must be reported in the same run. */
export function manyProblemsScenario(): { scenario: Json; paths: string[] } {
  const s = minimalScenario();
  s.lanes[3].to = 'dc-4';
  s.lanes[3].carrier = 'nobody';
  s.flows[1].from = 'nowhere';
  s.sites[0].controls = ['cctv-dock'];
  s.controls[0].effects.theft.frequencyFactor = 1.5;
  s.threats[1].frequency.perYear = -1;
  s.threats[0].loss.fraction = { uniform: [0.5, 0.1] };
  s.sites.push({ id: 'wh', kind: 'dc' });
  s.treatments[3].changes[0].setBuffer.flow = 'f9';
  s.lanes[0].carier = 'trk';
  return {
    scenario: s,
    paths: [
      'lanes[3].to',
      'lanes[3].carrier',
      'flows[1].from',
      'sites[0].controls[0]',
      'controls[0].effects.theft.frequencyFactor',
      'threats[1].frequency.perYear',
      'threats[0].loss.fraction.uniform',
      'sites[3].id',
      'treatments[3].changes[0].setBuffer.flow',
      'lanes[0].carier',
    ],
  };
}
