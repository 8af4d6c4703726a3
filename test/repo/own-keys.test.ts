// Ids, regions, tags and the other names a scenario gives are any text, "constructor" and
// "__proto__" included: every lookup keyed by them reads own keys only (a Map, or Object.hasOwn), so
// a site in region "toString" is scaled like one in region "XX", and a scenario whose every name is
// an Object.prototype member runs, reports and shows like the same scenario with ordinary names.
// Risk streams are keyed by risk ids, so renamed ids draw other random numbers: their EALs agree
// within a few standard errors, while deterministic figures (frequencies) and counts agree exactly.
// Regions feed no stream: renaming them changes no figure.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sensitivity } from '../../engine/analysis/sensitivity.js';
import { simulateScenario } from '../../engine/analysis/simulate-scenario.js';
import { type Results } from '../../engine/results/schema.js';
import type { Control, Scenario } from '../../engine/model/schema.js';
import { validateScenario } from '../../engine/validate/validate.js';
import { csvReport } from '../../engine/report/csv.js';
import { markdownReport } from '../../engine/report/markdown.js';
import { tableReport } from '../../engine/report/table.js';
import { partialChecksum } from '../../engine/io/partial-result.js';
import type { SimulationPlan } from '../../engine/plan/plan.js';
import { Simulator } from '../../engine/simulate/run-batch.js';
import { controlEffectivenessData, exposureMapData, headerData, lossExceedanceData, riskMatrixData, riskRankingData, treatmentsData, type Shown } from '../../explorer/model/build-view-data.js';
import { AnalysisSession } from '../../explorer/sim/analysis-session.js';
import { readUrlState, writeUrlState } from '../../explorer/state/url-state.js';
import { carrierOf, changes, emptyWhatIf, hasControl, setCarrier, toggleControl, type WhatIf } from '../../explorer/state/what-if.js';
import { runMany, stackProblem } from '../support/run-cli.js';
import { expectWithinSe } from '../support/engine-helpers.js';
import { namedScenario, PLAIN_NAMES, PROTO_NAMES, renamed } from './own-keys-fixture.js';

const TRIALS = 4096;
const SEED = 11;

function valid(raw: unknown): Scenario {
  const v = validateScenario(JSON.parse(JSON.stringify(raw)));
  if (!v.ok) expect.fail(`invalid scenario: ${JSON.stringify(v.issues)}`);
  return v.scenario;
}

const toPlain = (s: string) => renamed(s, PROTO_NAMES, PLAIN_NAMES);

/**
 * Where `x` holds something no result should: null, undefined, a non-finite number, a function, or
 * text of a lost lookup ("NaN", "undefined", "[object", "function"). Array elements are named by
 * their id (or parameter) when they have one, else "*", so two runs compare whatever their order.
 */
function badPaths(x: unknown, path = '$', out: string[] = []): string[] {
  if (x === null || x === undefined || typeof x === 'function' || (typeof x === 'number' && !Number.isFinite(x))) out.push(`${path}: ${String(x)}`);
  else if (typeof x === 'string' && /NaN|undefined|\[object|function /.test(x)) out.push(`${path}: "${x}"`);
  else if (Array.isArray(x)) for (const e of x) badPaths(e, `${path}[${nameOf(e)}]`, out);
  else if (typeof x === 'object') for (const [k, v] of Object.entries(x)) badPaths(v, `${path}.${k}`, out);
  return out.sort();
}
function nameOf(e: unknown): string {
  if (e !== null && typeof e === 'object') {
    if ('id' in e && typeof e.id === 'string') return e.id;
    if ('parameter' in e && typeof e.parameter === 'string') return e.parameter;
  }
  return '*';
}

/** |a − b| within k combined standard errors of two independent estimates. */
function expectAgree(a: { eal: number; se: number }, b: { eal: number; se: number }, what: string, k = 4): void {
  expectWithinSe(a.eal, b.eal, Math.hypot(a.se, b.se), k, what);
}

/** A runner for the explorer's session in this thread: one Simulator per plan. */
function inThread() {
  const sims = new WeakMap<SimulationPlan, Simulator>();
  const sim = (p: SimulationPlan) => sims.get(p) ?? (sims.set(p, new Simulator(p)), sims.get(p)!);
  return { runRange: (p: SimulationPlan, first: number, count: number, tail: number, floor: number) => sim(p).runBatch(first, count, tail, floor), inFlight: 1, workers: 1 };
}

/**
 * One site and one lane in `region`. The site threat's regionFactors has the key `key` (3×, when
 * given) and "ZZ" (5×, no target is there); the lane threat's has "ZZ" only, so its factor is 1.
 */
function regionCase(region: string, key: string | undefined): Scenario {
  return valid({
    format: 'chainward/v1',
    name: 'region',
    currency: 'EUR',
    sites: [
      { id: 'w', kind: 'warehouse', region, value: 1e6 },
      { id: 'c', kind: 'customer', region: 'QQ' },
    ],
    lanes: [{ id: 'l', from: 'w', to: 'c', mode: 'road', transitDays: 1, region }],
    flows: [{ id: 'f', from: 'w', to: 'c', valuePerYear: 1e6, shipmentsPerYear: 10 }],
    threats: [
      { id: 'site-theft', category: 'theft', appliesTo: { kind: 'site', ids: ['w'] }, frequency: { perYear: 2 }, loss: { amount: { fixed: 1000 } }, regionFactors: { ZZ: 5, ...(key ? { [key]: 3 } : {}) } },
      { id: 'lane-theft', category: 'hijacking', appliesTo: { kind: 'lane' }, frequency: { perYear: 0.5 }, loss: { amount: { fixed: 4000 } }, regionFactors: { ZZ: 5 } },
    ],
  });
}

describe('a region named like an Object member is scaled like any other region', () => {
  // "__proto__" and "constructor" cannot be JSON keys (the validator refuses them), so regionFactors
  // can name only the other three; a region it does not name has factor 1 whatever its name
  for (const name of PROTO_NAMES) {
    const keyed = name !== '__proto__' && name !== 'constructor';
    it(`region "${name}"${keyed ? ' (with a factor of its own)' : ''}: the frequencies, EAL and sensitivity of region "XX"`, async () => {
      const odd = regionCase(name, keyed ? name : undefined);
      const xx = regionCase('XX', keyed ? 'XX' : undefined);
      const f = keyed ? 3 : 1;
      const n = 20_000;
      const [r, ref] = await Promise.all([simulateScenario(odd, { trials: n, seed: 5 }), simulateScenario(xx, { trials: n, seed: 5 })]);
      const freq = new Map(r.risks.map((x) => [x.id, x.frequency]));
      expect(freq).toEqual(new Map([['site-theft@w', 2 * f], ['lane-theft@l', 0.5]]));
      // regions feed no random stream: the same figures, bit for bit
      expect(r.risks).toEqual(ref.risks);
      expect(r.baseline).toEqual(ref.baseline);
      // closed form: fixed losses, EAL = Σ λ·x, variance of a compound Poisson Σ λ·x²
      expectWithinSe(r.baseline.eal, 2 * f * 1000 + 0.5 * 4000, Math.sqrt((2 * f * 1000 ** 2 + 0.5 * 4000 ** 2) / n), 4, `EAL in region ${name}`);
      const [s, sRef] = await Promise.all([sensitivity(odd, { trials: 4096, seed: 5 }), sensitivity(xx, { trials: 4096, seed: 5 })]);
      expect(s).toEqual(sRef);
      expect(badPaths(s)).toEqual([]);
      expect(exposureMapData({ scenario: odd, baseline: r }).sites.map((x) => x.eal)).toEqual(exposureMapData({ scenario: xx, baseline: ref }).sites.map((x) => x.eal));
    });
  }
});

describe('sensitivity keeps a control effect under any key', () => {
  // A JSON file cannot name "__proto__" as a key (the validator refuses it), but a scenario built in
  // code can: JSON.parse makes it an own key, and the varied control must keep it as one.
  // One threat, λ = 4 a year, a fixed loss x = 1000, and a control with frequencyFactor f = 0.5
  // (reliability 1): EAL = λ·f·x, so the control's swing at (1 ± δ)·f is 2δ·λ·f·x; with common random
  // numbers the two runs differ by the events kept in one only, a Poisson of rate 2δ·λ·f: se = x·√(2δλf/n).
  it('a threat "__proto__" with its own effect: swing 2δ·λ·f·x within 4 standard errors', async () => {
    const scenario = valid({
      format: 'chainward/v1',
      name: 'effect key',
      sites: [{ id: 'w', kind: 'warehouse', controls: ['gate'] }],
      threats: [{ id: '__proto__', category: 'intrusion', appliesTo: { kind: 'site' }, frequency: { perYear: 4 }, loss: { amount: { fixed: 1000 } } }],
      controls: [{ id: 'gate', name: 'Gate', element: 'facility', appliesTo: 'site', effects: { theft: { frequencyFactor: 0.9 } } }],
    });
    scenario.controls![0]!.effects = JSON.parse('{"__proto__": {"frequencyFactor": 0.5}}') as Control['effects'];
    const [n, delta, lambda, f, x] = [20_000, 0.25, 4, 0.5, 1000];
    const s = await sensitivity(scenario, { trials: n, seed: 2, delta });
    const row = s.rows.find((r) => r.parameter === 'control gate factors')!;
    expectWithinSe(row.swing, 2 * delta * lambda * f * x, x * Math.sqrt((2 * delta * lambda * f) / n), 4, 'control swing');
  });
});

describe('a scenario whose every name is an Object member', async () => {
  const proto = valid(namedScenario(PROTO_NAMES));
  const plain = valid(namedScenario(PLAIN_NAMES));
  const protoPlainRegions = valid(namedScenario(PROTO_NAMES, PLAIN_NAMES));
  const run = (s: Scenario) => simulateScenario(s, { trials: TRIALS, seed: SEED });
  const [r, ref, rRegions] = await Promise.all([run(proto), run(plain), run(protoPlainRegions)]);

  it('validates, and has the risks, frequencies, treatments, flows, controls and warnings of the ordinary-named scenario', () => {
    expect(r.risks.length).toBe(15);
    expect(new Map(r.risks.map((x) => [toPlain(x.id), x.frequency]))).toEqual(new Map(ref.risks.map((x) => [x.id, x.frequency])));
    for (const x of r.risks) expect(Number.isFinite(x.frequency) && x.frequency > 0, x.id).toBe(true);
    expect(r.treatments.map((t) => toPlain(t.id))).toEqual(ref.treatments.map((t) => t.id));
    expect(r.flows.map((x) => toPlain(x.id)).sort()).toEqual(ref.flows.map((x) => x.id).sort());
    expect(r.targets.map((x) => toPlain(x.id)).sort()).toEqual(ref.targets.map((x) => x.id).sort());
    expect(r.controls.map((c) => [toPlain(c.id), c.placements, c.annualCost]).sort()).toEqual(ref.controls.map((c) => [c.id, c.placements, c.annualCost]).sort());
    expect(r.warnings.map((w) => toPlain(`${w.path}: ${w.message}`))).toEqual(ref.warnings.map((w) => `${w.path}: ${w.message}`));
    // nothing lost on the way: no null, NaN or function where the ordinary names have a number
    expect(badPaths(r).map(toPlain)).toEqual(badPaths(ref));
  });

  it('EAL of the baseline and of every treatment agrees with the ordinary names within 4 standard errors', () => {
    expectAgree(r.baseline, ref.baseline, 'baseline EAL');
    for (const [i, t] of r.treatments.entries()) expectAgree(t.summary, ref.treatments[i]!.summary, `treatment ${t.id} EAL`);
    // each treatment does what it says: its paired delta agrees too (se from the 95 % interval, ±1.96 se)
    const deltaSe = (t: Results['treatments'][number]) => (t.delta.ealCi95[1] - t.delta.ealCi95[0]) / (2 * 1.96);
    for (const [i, t] of r.treatments.entries()) {
      const u = ref.treatments[i]!;
      expectWithinSe(t.delta.eal, u.delta.eal, Math.hypot(deltaSe(t), deltaSe(u)), 4, `treatment ${t.id} delta`);
      expect(t.delta.eal, t.id).not.toBe(0);
    }
  });

  it('renaming only the regions changes no figure', () => {
    const figures = (x: Results) => ({ baseline: x.baseline, risks: x.risks, targets: x.targets, flows: x.flows, treatments: x.treatments, exceedance: x.exceedance, appetite: x.appetite, controls: x.controls });
    expect(figures(rRegions)).toEqual(figures(r));
  });

  it('--sensitivity: a finite row for every threat and every placed control, as with ordinary names', async () => {
    const [s, sRef] = await Promise.all([sensitivity(proto, { trials: 2048, seed: SEED }), sensitivity(plain, { trials: 2048, seed: SEED })]);
    expect(s.rows.map((x) => toPlain(x.parameter)).sort()).toEqual(sRef.rows.map((x) => x.parameter).sort());
    expect(s.rows.length).toBe(5 + 4);
    expect(badPaths(s)).toEqual([]);
    // the control rows vary the control: its swing is not zero when the ordinary one's is not
    for (const row of s.rows) expect(row.swing > 0, row.parameter).toBe(sRef.rows.find((x) => x.parameter === toPlain(row.parameter))!.swing > 0);
    const sRegions = await sensitivity(protoPlainRegions, { trials: 2048, seed: SEED });
    expect(sRegions).toEqual(s);
  });

  it('table, Markdown and CSV reports name every risk and show no lost value; the CSV has as many lines as with ordinary names', async () => {
    const rows = (await sensitivity(proto, { trials: 1024, seed: SEED })).rows;
    const rowsRef = (await sensitivity(plain, { trials: 1024, seed: SEED })).rows;
    const withS: Results = { ...r, sensitivity: rows };
    const refS: Results = { ...ref, sensitivity: rowsRef };
    for (const [format, report] of [
      ['table', (x: Results) => tableReport(x, { wide: true })],
      ['markdown', (x: Results) => markdownReport(x, { wide: true })],
      ['csv', csvReport],
    ] as const) {
      const text = report(withS);
      expect(text, format).not.toMatch(/NaN|undefined|\[object|function |null/);
      for (const risk of r.risks) expect(text, `${format} names ${risk.id}`).toContain(format === 'markdown' ? risk.id.replaceAll('_', '\\_') : risk.id);
      // a line per risk, flow, treatment…: the other reports' lines also follow sampled levels and widths
      if (format === 'csv') expect(text.split('\n').length, `${format} lines`).toBe(report(refS).split('\n').length);
    }
  });

  it('explorer view data: every site, lane, risk and treatment curve, with finite figures', () => {
    const shown: Shown = { scenario: proto, baseline: r, treatmentCurves: {} };
    const map = exposureMapData(shown);
    expect(map.sites.map((x) => x.id).sort()).toEqual([...PROTO_NAMES].sort());
    expect(map.lanes.map((x) => x.id).sort()).toEqual([...PROTO_NAMES].sort());
    const targetEal = new Map(r.targets.map((t) => [t.id, t.eal]));
    for (const x of [...map.sites, ...map.lanes]) expect(x.eal, x.id).toBe(targetEal.get(x.id) ?? 0);
    expect(map.sites.filter((x) => x.eal > 0).length).toBe(exposureMapData({ scenario: plain, baseline: ref }).sites.filter((x) => x.eal > 0).length);
    const matrix = riskMatrixData(shown);
    expect(matrix.cells.reduce((a, c) => a + c.risks.length, 0)).toBe(r.risks.length);
    expect(riskRankingData(shown).risks.length).toBe(r.risks.length);
    expect(treatmentsData(shown).points.map((p) => p.id)).toEqual([...PROTO_NAMES]);
    // no treatment simulated yet: every curve is the one through the treatment's quantiles, an array
    const pending = lossExceedanceData(shown).curves;
    expect(pending.map((c) => c.id)).toEqual(['baseline', ...PROTO_NAMES.map((n) => `t:${n}`)]);
    for (const c of pending) {
      expect(Array.isArray(c.points), c.id).toBe(true);
      expect(c.points.length, c.id).toBeGreaterThan(0);
    }
    expect(badPaths({ map: { sites: map.sites, lanes: map.lanes }, matrix: matrix.cells, pending, header: headerData(shown), controls: controlEffectivenessData(shown) })).toEqual([]);
  });

  it('explorer what-if: edits on targets, controls and carriers named like Object members survive the URL and run as their ordinary twins', async () => {
    const edit = (s: Scenario, [a, b, c, d]: readonly string[]): WhatIf => {
      let w = emptyWhatIf();
      w = toggleControl(s, w, 'site', a!, c!); // takes the cameras off site a
      w = toggleControl(s, w, 'site', b!, a!); // fences site b
      w = toggleControl(s, w, 'lane', d!, b!); // takes the escort off lane d
      return setCarrier(s, w, c!, a!); // lane c to carrier a
    };
    const w = edit(proto, PROTO_NAMES);
    expect([hasControl(proto, w, 'site', '__proto__', 'toString'), hasControl(proto, w, 'site', 'constructor', '__proto__'), hasControl(proto, w, 'lane', 'valueOf', 'constructor')]).toEqual([false, true, false]);
    expect([carrierOf(proto, w, 'toString'), carrierOf(proto, w, '__proto__'), carrierOf(proto, w, 'hasOwnProperty')]).toEqual(['__proto__', '__proto__', undefined]);
    const url = { trials: TRIALS, seed: String(SEED), selection: { kind: 'site' as const, id: '__proto__' }, whatIf: w };
    expect(readUrlState(writeUrlState(url))).toEqual(url);

    const session = (s: Scenario, names: readonly string[]) => new AnalysisSession(inThread()).run({ scenario: s, seed: SEED, trials: TRIALS, whatIf: changes(edit(s, names)) }, () => {});
    const [st, stRef] = await Promise.all([session(proto, PROTO_NAMES), session(plain, PLAIN_NAMES)]);
    expect(st.baseline.baseline).toEqual(r.baseline);
    expectAgree(st.whatIf!.results.baseline, stRef.whatIf!.results.baseline, 'what-if EAL');
    expect(st.whatIf!.vsBaseline.annualCost).toBe(stRef.whatIf!.vsBaseline.annualCost);
    // each treatment's own curve under its own key, and the view draws that curve
    for (const n of PROTO_NAMES) expect(Object.hasOwn(st.treatmentCurves, n), n).toBe(true);
    const curves = lossExceedanceData({ scenario: proto, baseline: st.baseline, treatmentCurves: st.treatmentCurves }).curves;
    for (const n of PROTO_NAMES) expect(curves.find((c) => c.id === `t:${n}`)!.points).toBe(st.treatmentCurves[n]);
    expect(st.effects!.map((e) => e.element)).toEqual(stRef.effects!.map((e) => e.element));
    expect(badPaths({ whatIf: st.whatIf!.results, effects: st.effects })).toEqual([]);
  });
});

describe('a part file for merge', () => {
  // JSON.parse makes "__proto__" an own key; copied into a plain object by assignment it would set
  // that object's prototype instead, and drop out of the checksum
  it('a "__proto__" field is part of its checksum like any other field', () => {
    const part = JSON.parse('{"format": "x", "__proto__": {"seed": 2}, "checksum": "sha256:0"}') as object;
    expect(partialChecksum(part)).not.toBe(partialChecksum({ format: 'x', checksum: 'sha256:0' }));
    expect(partialChecksum(part)).toBe(partialChecksum(JSON.parse('{"__proto__": {"seed": 2}, "format": "x"}') as object));
  });
});

describe('the command line on the prototype-named scenario', () => {
  it('run (with --sensitivity, on worker threads), routes and optimize exit 0 with every figure finite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainward-own-keys-'));
    const file = join(dir, 'proto.json');
    writeFileSync(file, JSON.stringify(namedScenario(PROTO_NAMES)));
    const [json, md, routes, optimize] = await runMany([
      ['run', file, '--trials', '2048', '--seed', '1', '--workers', '2', '--sensitivity', '--format', 'json', '--quiet'],
      ['run', file, '--trials', '2048', '--seed', '1', '--workers', '1', '--treatments', 'constructor,toString', '--format', 'md', '--quiet'],
      ['routes', file, '--flow', '__proto__', '--carriers', '--trials', '1000', '--workers', '1', '--format', 'json', '--quiet'],
      ['optimize', file, '--budget', '100000', '--trials', '1024', '--workers', '1', '--format', 'json', '--quiet'],
    ]);
    for (const res of [json, md, routes, optimize]) {
      expect(res!.status, `${res!.args.join(' ')}: ${res!.stderr}`).toBe(0);
      expect(stackProblem(res!.stderr)).toBeUndefined();
    }
    const results = JSON.parse(json!.stdout) as Results;
    expect(results.risks.length).toBe(15);
    expect(results.risks.every((x) => Number.isFinite(x.frequency) && x.frequency > 0)).toBe(true);
    expect(results.sensitivity!.length).toBe(9);
    expect(badPaths(results.sensitivity)).toEqual([]);
    expect(md!.stdout).toMatch(/constructor/);
    expect(md!.stdout).not.toMatch(/NaN|undefined|\[object/);
    expect(badPaths(JSON.parse(routes!.stdout)).filter((p) => !/: null$/.test(p))).toEqual([]);
    expect(badPaths(JSON.parse(optimize!.stdout)).filter((p) => !/: null$/.test(p))).toEqual([]);
  }, 180_000);
});
