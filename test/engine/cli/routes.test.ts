// `chainward routes`: route (and carrier) options of a flow on the default scenario, simulated with
// common random numbers. main.ts does not dispatch `routes` yet, so the command runs in-process
// (routesCommand with stdout captured); bad input must be an InputError (exit 2 in the CLI).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { recommend, routeOptions, UnknownFlowError, type RouteOption, type RouteOptionsResult } from '../../../engine/analysis/route-options.js';
import { InputError } from '../../../engine/io/errors.js';
import { routesCommand } from '../../../engine/cli/routes-command.js';
import { routesTable } from '../../../engine/cli/routes-table.js';
import { DEFAULT_SCENARIO, loadScenarioFile } from '../../../engine/cli/scenario-file.js';
import { laneRegionsNeeded, regionsNotServed } from '../../../engine/model/carrier-regions.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';
import { runMany, stackProblem } from '../../support/run-cli.js';

const scenario = loadScenarioFile(DEFAULT_SCENARIO);
const laneById = new Map((scenario.lanes ?? []).map((l) => [l.id, l]));
const siteById = new Map(scenario.sites.map((s) => [s.id, s]));
const dir = mkdtempSync(join(tmpdir(), 'chainward-routes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs routesCommand in-process; returns its exit status and what it wrote to stdout. */
async function routes(args: string[]): Promise<{ status: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write);
  try {
    const status = await routesCommand(args);
    return { status, stdout };
  } finally {
    spy.mockRestore();
  }
}

/** The InputError `routesCommand(args)` rejects with (fails the test when it does not). */
async function inputError(args: string[]): Promise<InputError> {
  const { stdout, error } = await routes(args).then(
    (r) => ({ stdout: r.stdout, error: undefined as unknown }),
    (e: unknown) => ({ stdout: '', error: e }),
  );
  expect(stdout).toBe('');
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** Why a route is not a loop-free chain of lanes from `from` to `to`, or null. */
function chainProblem(route: string[], from: string, to: string): string | null {
  const sites = [from];
  for (const id of route) {
    const lane = laneById.get(id);
    if (!lane) return `unknown lane ${id}`;
    if (lane.from !== sites[sites.length - 1]) return `${id} does not start at ${sites[sites.length - 1]}`;
    sites.push(lane.to);
  }
  if (sites[sites.length - 1] !== to) return `ends at ${sites[sites.length - 1]}`;
  if (new Set(sites).size !== sites.length) return `loops: ${sites.join(' → ')}`;
  return null;
}

/** Recomputed dominance: another option no worse on days, transport cost and network EAL, better on one. */
function dominatedBy(o: RouteOption, all: RouteOption[]): string[] {
  return all
    .filter((b) => b !== o && b.transitDays <= o.transitDays && b.transportCost <= o.transportCost && b.eal <= o.eal)
    .filter((b) => b.transitDays < o.transitDays || b.transportCost < o.transportCost || b.eal < o.eal)
    .map((b) => b.id);
}

describe('chainward routes', () => {
  it('lists ≥ 3 route options for fl-laptops-dortmund that differ in transit days, transport cost and risk (JSON)', async () => {
    const { status, stdout } = await routes([DEFAULT_SCENARIO, '--flow', 'fl-laptops-dortmund', '--k', '3', '--trials', '4096', '--seed', '7', '--workers', '1', '--format', 'json', '--quiet']);
    expect(status).toBe(0);
    const r = JSON.parse(stdout) as RouteOptionsResult;
    expect(r).toMatchObject({ format: 'chainward-routes/v1', scenario: scenario.name, trials: 4096, seed: 7, k: 3, carriers: false });
    expect(r.flow).toMatchObject({ id: 'fl-laptops-dortmund', from: 'fac-dg-songshan', to: 'dc-dortmund' });
    const flow = scenario.flows!.find((f) => f.id === 'fl-laptops-dortmund')!;

    // the baseline is the current route; the others are the fastest loop-free routes, fastest first
    const opts = r.options;
    expect(opts.length).toBeGreaterThanOrEqual(3);
    expect(opts[0]).toMatchObject({ id: 'baseline', kind: 'baseline', route: flow.path, dominated: false });
    expect(opts[0]!.delta).toEqual({ eal: 0, ealCi95: [0, 0], flowEal: 0, transportCost: 0, transitDays: 0 });
    expect(opts.every((o) => o.kind !== 'carrier')).toBe(true);
    for (const o of opts) {
      expect(chainProblem(o.route, flow.from, flow.to)).toBeNull();
      expect(o.transitDays).toBe(o.route.reduce((d, id) => d + laneById.get(id)!.transitDays, 0));
      for (const x of [o.transportCost, o.flowTransportCost, o.flowEal, o.eal, o.var95, o.interruptedDays, o.delta.eal, ...o.delta.ealCi95]) expect(Number.isFinite(x)).toBe(true);
      expect(o.delta.ealCi95[0]).toBeLessThanOrEqual(o.delta.eal);
      expect(o.delta.ealCi95[1]).toBeGreaterThanOrEqual(o.delta.eal);
      expect(o.delta.transitDays).toBe(o.transitDays - opts[0]!.transitDays);
      expect(o.dominatedBy).toEqual(dominatedBy(o, opts));
      expect(o.dominated).toBe(o.dominatedBy.length > 0);
      expect(o.treatment.changes[0]).toEqual({ route: { flow: flow.id, path: o.route } });
    }
    // rerouting has a price: routes differ in what the flow pays on detours while they are down
    for (const o of opts) expect(o.flowEal).toBeGreaterThanOrEqual(o.flowRerouteCost);
    expect(new Set(opts.map((o) => o.flowRerouteCost)).size).toBeGreaterThan(1);
    expect(opts[0]!.flowRerouteCost).toBeGreaterThan(0);
    const others = opts.slice(1).map((o) => o.transitDays);
    expect(others).toEqual([...others].sort((a, b) => a - b));
    expect(new Set(opts.map((o) => o.route.join(','))).size).toBe(opts.length);
    // different time, cost and risk, each risk change resolved by its paired interval
    expect(new Set(opts.map((o) => o.transitDays)).size).toBe(opts.length);
    expect(new Set(opts.map((o) => Math.round(o.transportCost))).size).toBe(opts.length);
    expect(new Set(opts.map((o) => o.eal)).size).toBe(opts.length);
    for (const o of opts.slice(1)) expect(o.delta.ealCi95[0] > 0 || o.delta.ealCi95[1] < 0).toBe(true);
    // the options are valid treatments of the scenario (they can be pasted into it)
    expect(validateScenario({ ...scenario, treatments: opts.map((o) => o.treatment) }).ok).toBe(true);
  }, 60_000);

  it('--carriers adds a carrier switch for each road lane with alternatives; the table marks dominated options', async () => {
    const json = await routes([DEFAULT_SCENARIO, '--flow', 'fl-laptops-lyon', '--k', '2', '--carriers', '--trials', '2048', '--workers', '1', '--format', 'json']);
    const r = JSON.parse(json.stdout) as RouteOptionsResult;
    const routesListed = r.options.filter((o) => o.kind !== 'carrier');
    const carriers = r.options.filter((o) => o.kind === 'carrier');
    const roadCarriers = (scenario.carriers ?? []).filter((c) => !c.modes || c.modes.includes('road'));
    // every road lane of every listed route, with every other road carrier that serves the lane's regions, once
    const want = new Set<string>();
    for (const o of routesListed) {
      for (const id of o.route) {
        const lane = laneById.get(id)!;
        const needed = laneRegionsNeeded(lane, (site) => siteById.get(site)?.region);
        if (lane.mode !== 'road') continue;
        for (const c of roadCarriers) if (c.id !== lane.carrier && regionsNotServed(c.regions, needed).length === 0) want.add(`${id}:${c.id}`);
      }
    }
    expect(new Set(carriers.map((o) => `${o.carrier!.lane}:${o.carrier!.to}`))).toEqual(want);
    expect(carriers.length).toBe(want.size);
    for (const o of carriers) {
      expect(o.carrier!.from).toBe(laneById.get(o.carrier!.lane)!.carrier ?? null);
      expect(o.route).toContain(o.carrier!.lane);
      expect(o.treatment.changes).toContainEqual({ setCarrier: o.carrier!.to, lanes: [o.carrier!.lane] });
    }
    // the spot haulier on la-rtm-lyo carries the long-haul theft risk: the TSR 1 haulier lowers the loss, at a cost
    const tsr1 = r.options.find((o) => o.id === 'carrier-la-rtm-lyo-haulier-tsr1')!;
    expect(tsr1.delta.ealCi95[1]).toBeLessThan(0);
    expect(tsr1.flowEal).toBeLessThan(r.options[0]!.flowEal);
    expect(tsr1.delta.transportCost).toBeGreaterThan(0);
    expect(r.options.some((o) => o.dominated)).toBe(true);
    expect(validateScenario({ ...scenario, treatments: r.options.map((o) => o.treatment) }).ok).toBe(true);

    const table = await routes([DEFAULT_SCENARIO, '--flow', 'fl-laptops-lyon', '--k', '2', '--carriers', '--trials', '2048', '--workers', '1']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/chainward routes · EU electronics inbound · flow fl-laptops-lyon/);
    for (const h of ['option', 'days', 'transport/yr', 'network', 'flow', 'EAL', 'Δ network EAL', '± 95 %']) expect(table.stdout).toContain(h);
    // the rows: from the rule under the header to the blank line after the table; options with no effect are collapsed
    const lines = table.stdout.split('\n');
    const rule = lines.findIndex((l) => /^─* {2}─+/.test(l));
    const rows = lines.slice(rule + 1, lines.indexOf('', rule));
    const shown = r.options.filter((o) => !o.noEffect || r.recommendation.some((x) => x.option === o.id));
    expect(rows.length).toBe(shown.length);
    for (const o of shown) {
      const row = rows.find((l) => l.slice(3).startsWith(`${o.id} `))!;
      expect(row, o.id).toBeDefined();
      expect(row.startsWith('×'), o.id).toBe(o.dominated);
    }
    expect(table.stdout).toContain(`× dominated (${r.options.filter((o) => o.dominated).length} of ${r.options.length})`);
  }, 60_000);

  it('does not depend on the number of workers, and --out writes the file whole', async () => {
    const args = [DEFAULT_SCENARIO, '--flow', 'fl-phones-venlo', '--k', '3', '--trials', '4096', '--seed', 'routes', '--format', 'json', '--quiet'];
    const one = await routes([...args, '--workers', '1']);
    const out = join(dir, 'routes.json');
    const two = await routes([...args, '--workers', '2', '--out', out]);
    expect(two.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(one.stdout);
    const r = JSON.parse(one.stdout) as RouteOptionsResult;
    expect(r.seed).toBe('routes');
    expect(r.options.length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('bad input is an InputError (exit 2): unknown flow with a suggestion, --k 0, missing --flow or scenario, bad format', async () => {
    const unknown = await inputError([DEFAULT_SCENARIO, '--flow', 'fl-laptop-dortmund', '--workers', '1']);
    expect(unknown.message).toMatch(/--flow: unknown flow "fl-laptop-dortmund" \(did you mean "fl-laptops-dortmund"\?\); known: fl-phones-venlo, /);
    expect((await inputError([DEFAULT_SCENARIO, '--flow', 'zzz', '--workers', '1'])).message).not.toMatch(/did you mean/);
    expect((await inputError([DEFAULT_SCENARIO, '--flow', 'fl-phones-venlo', '--k', '0'])).message).toMatch(/--k: expected a whole number from 1 to 50, got "0"/);
    expect((await inputError([DEFAULT_SCENARIO, '--flow', 'fl-phones-venlo', '--k', 'three'])).message).toMatch(/--k: expected a whole number/);
    expect((await inputError([DEFAULT_SCENARIO, '--flow', 'fl-phones-venlo', '--trials', '0'])).message).toMatch(/--trials: expected a whole number/);
    expect((await inputError([DEFAULT_SCENARIO])).message).toMatch(/routes needs --flow ID/);
    expect((await inputError(['--flow', 'fl-phones-venlo'])).message).toMatch(/routes takes one scenario file, got 0/);
    expect((await inputError([DEFAULT_SCENARIO, '--flow', 'fl-phones-venlo', '--format', 'csv'])).message).toMatch(/--format: expected table or json, got "csv"/);
    expect((await inputError([DEFAULT_SCENARIO, '--flow', 'fl-phones-venlo', '--bogus'])).message).toMatch(/usage: chainward routes/);
    expect((await inputError([join(dir, 'missing.json'), '--flow', 'fl-phones-venlo'])).message).toMatch(/no such file/);
    expect((await inputError([DEFAULT_SCENARIO, '--flow', 'fl-phones-venlo', '--out', join(dir, 'no-such-folder', 'x.json')])).message).toMatch(/--out: folder/);
    // the engine call itself names the flow and the closest known id
    await expect(routeOptions(scenario, { flowId: 'fl-phones-venl', k: 3, carriers: false, trials: 10, seed: 1 })).rejects.toThrow(UnknownFlowError);
    await expect(routeOptions(scenario, { flowId: 'fl-phones-venl', k: 3, carriers: false, trials: 10, seed: 1 })).rejects.toThrow(/did you mean "fl-phones-venlo"/);
  });

  it('chainward routes through the real command line: ≥ 3 options as JSON, and an unknown flow exits 2 without a stack', async () => {
    const [ok, bad] = await runMany([
      ['routes', DEFAULT_SCENARIO, '--flow', 'fl-laptops-dortmund', '--trials', '2048', '--workers', '1', '--format', 'json'],
      ['routes', DEFAULT_SCENARIO, '--flow', 'fl-nope', '--workers', '1'],
    ]);
    expect(ok!.status, ok!.stderr).toBe(0);
    const r = JSON.parse(ok!.stdout) as RouteOptionsResult;
    expect(r.format).toBe('chainward-routes/v1');
    expect(r.options.length).toBeGreaterThanOrEqual(3);
    expect(new Set(r.options.map((o) => o.transitDays)).size).toBeGreaterThanOrEqual(3);
    expect(bad!.status).toBe(2);
    expect(bad!.stderr).toMatch(/--flow: unknown flow "fl-nope"/);
    expect(stackProblem(bad!.stderr)).toBeUndefined();
  });
});

const US = 'scenarios/us-mexico-crossborder-road.json';

/** Every line of a text at most `width` characters (code points; the table uses no wide characters). */
function widest(text: string): number {
  return Math.max(...text.split('\n').map((l) => [...l].length));
}

describe('chainward routes: no invented savings, carriers where they serve, an honest report', () => {
  it('a carrier that states no price keeps the lane cost: no option gets cheaper by it (US–Mexico, fc-cdmx-dfw)', async () => {
    const json = await routes([US, '--flow', 'fc-cdmx-dfw', '--k', '5', '--carriers', '--trials', '1024', '--workers', '1', '--format', 'json']);
    const r = JSON.parse(json.stdout) as RouteOptionsResult;
    const us = loadScenarioFile(US);
    const carriersById = new Map((us.carriers ?? []).map((c) => [c.id, c]));
    const unpriced = r.options.filter((o) => o.carrier && !o.carrier.priceStated);
    expect(unpriced.length).toBeGreaterThan(0);
    for (const o of unpriced) {
      const base = r.options.find((x) => x.id === o.variantOf)!;
      const lane = us.lanes!.find((l) => l.id === o.carrier!.lane)!;
      expect(carriersById.get(o.carrier!.to)!.costPerShipment, o.id).toBeUndefined();
      // the lane pays what it paid: its own cost, else its old carrier's
      expect(o.carrier!.costPerShipment, o.id).toBe(lane.costPerShipment ?? carriersById.get(lane.carrier!)!.costPerShipment);
      expect(o.transportCost, o.id).toBe(base.transportCost);
      expect(o.flowTransportCost, o.id).toBe(base.flowTransportCost);
      expect(o.description).toContain('price not stated: lane cost kept');
    }
    for (const o of r.options.filter((x) => x.carrier?.priceStated)) expect(o.description).not.toContain('price not stated');
    expect(validateScenario({ ...us, treatments: r.options.map((o) => o.treatment) }).ok).toBe(true);
  });

  it('--carriers offers a carrier only on lanes whose mode and regions it serves; the header says how many routes exist', async () => {
    const json = await routes([US, '--flow', 'fc-cdmx-dfw', '--k', '5', '--carriers', '--trials', '512', '--workers', '1', '--format', 'json']);
    const r = JSON.parse(json.stdout) as RouteOptionsResult;
    const switches = r.options.filter((o) => o.carrier).map((o) => `${o.carrier!.lane}:${o.carrier!.to}`);
    // the Mexican domestic leg gets no US carrier, the Texan leg no Mexican one, the bridges none but the cross-border carrier they have
    expect(switches.filter((x) => x.startsWith('mx-') && /:us-/.test(x))).toEqual([]);
    expect(switches.filter((x) => x.startsWith('us-') && /:mx-/.test(x))).toEqual([]);
    expect(switches.filter((x) => x.startsWith('bx-'))).toEqual([]);
    expect(switches).toContain('mx-cdmx-nld:mx-ctpat');
    expect(switches).toContain('us-lrd-dfw:us-tsr1');
    // two loop-free routes exist from Cuautitlán to Dallas, five were asked for
    expect(r.k).toBe(5);
    expect(r.routesFound).toBe(2);
    expect(r.options.filter((o) => o.kind !== 'carrier')).toHaveLength(2);

    const eu = JSON.parse((await routes([DEFAULT_SCENARIO, '--flow', 'fl-laptops-dortmund', '--k', '5', '--carriers', '--trials', '512', '--workers', '1', '--format', 'json'])).stdout) as RouteOptionsResult;
    const euSwitches = eu.options.filter((o) => o.carrier).map((o) => `${o.carrier!.lane}:${o.carrier!.to}`);
    expect(euSwitches).not.toContain('la-ham-dor:cn-haulier');
    expect(euSwitches.filter((x) => x.startsWith('la-ss-'))).toEqual([]); // only the Shenzhen haulier serves China
    expect(eu.routesFound).toBe(3);

    const table = await routes([US, '--flow', 'fc-cdmx-dfw', '--k', '5', '--carriers', '--trials', '512', '--workers', '1']);
    expect(table.stdout.replace(/\s+/g, ' ')).toContain('2 loop-free routes exist (5 asked), the current one among them; the options: the current route (baseline), the other route, and a switch');
    expect(table.stdout).toMatch(/carrier-mx-cdmx-nld-transfer-co +carrier mx-cdmx-nld: mx-spot → transfer-co \(price not stated: lane cost kept\)/);
    const three = await routes([US, '--flow', 'fc-cdmx-dfw', '--k', '1', '--trials', '256', '--workers', '1']);
    expect(three.stdout.replace(/\s+/g, ' ')).toContain('The 1 fastest loop-free route, the current one among them; the options: the current route (baseline):');
  }, 60_000);
});

/**
 * A small network with known answers: theft acts on lane ab only. Carrier y halves it at a higher
 * price, z doubles it and states no price, w serves only Germany. Route-2 (ac) is slower, meets no
 * threat, and costs 300 a shipment on its own; y's stated 150 replaces that.
 */
const small = scenarioOf(
  envelope('small routes', {
    sites: [
      { id: 'a', kind: 'factory', region: 'NL' },
      { id: 'b', kind: 'warehouse', region: 'NL' },
      { id: 'c', kind: 'dc', region: 'NL' },
    ],
    lanes: [
      { id: 'ab', from: 'a', to: 'b', mode: 'road', carrier: 'x', transitDays: 1 },
      { id: 'bc', from: 'b', to: 'c', mode: 'road', carrier: 'x', transitDays: 1 },
      { id: 'ac', from: 'a', to: 'c', mode: 'road', carrier: 'x', transitDays: 3, costPerShipment: 300 },
    ],
    carriers: [
      { id: 'x', modes: ['road'], costPerShipment: 100 },
      { id: 'y', modes: ['road'], riskFactor: 0.5, costPerShipment: 150 },
      { id: 'z', modes: ['road'], riskFactor: 2 },
      { id: 'w', modes: ['road'], regions: ['DE'], costPerShipment: 50 },
    ],
    flows: [{ id: 'f', from: 'a', to: 'c', valuePerYear: 1e7, shipmentsPerYear: 100, path: ['ab', 'bc'] }],
    threats: [{ id: 'theft', category: 'theft', appliesTo: { kind: 'lane', ids: ['ab'] }, frequency: { perShipment: 0.01 }, loss: { fraction: { fixed: 0.5 } } }],
  }),
);

describe('routes report: options with no effect, flow transport cost, recommendation, width', () => {
  it('on a small network with known answers', async () => {
    const r = await routeOptions(small, { flowId: 'f', k: 3, carriers: true, trials: 2000, seed: 3 });
    const by = new Map(r.options.map((o) => [o.id, o]));
    expect([...by.keys()]).toEqual(['baseline', 'route-2', 'carrier-ab-y', 'carrier-ab-z', 'carrier-bc-y', 'carrier-bc-z', 'route-2+carrier-ac-y', 'route-2+carrier-ac-z']);
    expect(r.routesFound).toBe(2);
    // the flow's own transport cost beside the network's (the one flow is all the network carries)
    expect(by.get('baseline')!.flowTransportCost).toBe(100 * (100 + 100));
    expect(by.get('route-2')!.flowTransportCost).toBe(100 * 300);
    expect(by.get('route-2+carrier-ac-y')!.flowTransportCost).toBe(100 * 150);
    expect(by.get('carrier-ab-z')!.transportCost).toBe(by.get('baseline')!.transportCost);
    // a switch on a lane no threat reaches has exactly no effect against the option it changes
    const none = r.options.filter((o) => o.noEffect).map((o) => o.id);
    expect(none).toEqual(['carrier-bc-y', 'carrier-bc-z', 'route-2+carrier-ac-y', 'route-2+carrier-ac-z']);
    expect(by.get('carrier-bc-y')!.delta.eal).toBe(0);
    expect(by.get('carrier-bc-y')!.delta.ealCi95).toEqual([0, 0]);
    expect(by.get('route-2+carrier-ac-y')!.variantOf).toBe('route-2');
    expect(by.get('carrier-ab-y')!.noEffect).toBe(false);
    // recommended: the non-dominated options, without carrier-bc-z (it ties the baseline: it changes nothing)
    expect(by.get('carrier-bc-z')!.dominated).toBe(false);
    expect(r.recommendation.map((x) => x.option)).toEqual(['baseline', 'carrier-ab-y', 'route-2+carrier-ac-y']);
    for (const x of r.recommendation) expect(by.get(x.option)!.dominated).toBe(false);
    const reason = new Map(r.recommendation.map((x) => [x.option, x]));
    expect(reason.get('route-2+carrier-ac-y')).toMatchObject({ best: ['transportCost', 'eal'] });
    expect(reason.get('route-2+carrier-ac-y')!.reason).toMatch(/^cheapest, least network loss\. \+1 day, transport −€5K\/yr, network EAL −€/);
    // the two as fast as each other are trade-offs: faster than the option that is best on cost and loss
    expect(reason.get('baseline')).toMatchObject({ best: [] });
    expect(reason.get('baseline')!.reason).toBe('trade-off: faster than route-2+carrier-ac-y (cheapest, least network loss). The current route as it is');
    expect(reason.get('carrier-ab-y')!.reason).toMatch(/^trade-off: faster than route-2\+carrier-ac-y \(cheapest, least network loss\)\. Transport \+€5K\/yr, network EAL −€/);

    const text = routesTable(r);
    expect(widest(text)).toBeLessThanOrEqual(120);
    const lines = text.split('\n');
    const rule = lines.findIndex((l) => /^─* {2}─+/.test(l));
    const rows = lines.slice(rule + 1, lines.indexOf('', rule)).map((l) => l.slice(3).split(' ')[0]);
    // the options with no effect are one entry below the table, with their cost against the option they change; a recommended one keeps its row
    expect(rows).toEqual(['baseline', 'route-2', 'carrier-ab-y', 'carrier-ab-z', 'route-2+carrier-ac-y']);
    const flat = text.replace(/\s+/g, ' '); // prose wraps at 120 columns
    expect(flat).toContain(
      '= 3 options change no loss (the same loss in every trial as the option they change), only time or cost; network transport/yr €20K–€30K: ' +
        'carrier-bc-y (transport +€5K/yr vs baseline), carrier-bc-z (same transport cost vs baseline), route-2+carrier-ac-z (same transport cost vs route-2).',
    );
    expect(lines[rule - 2]).toMatch(/transport\/yr +EAL +detours\/yr +Δ network EAL/);
    expect(lines[rule - 1]).toMatch(/option +days +network +flow +network +flow +flow +± 95 %$/);
    expect(text).toMatch(/Recommendation: .*\n  baseline: trade-off: /);
    expect(flat).toContain(' route-2+carrier-ac-y: cheapest, least network loss. +1 day, transport −€5K/yr');
  });

  it('fits in 120 columns by default, cutting a long option id with "…"; --wide shows every column and cell whole', async () => {
    const long = 'a-lane-with-a-very-long-identifier-that-no-table-could-hold-beside-its-numbers';
    const renamed = scenarioOf(JSON.parse(JSON.stringify(small).replaceAll('"ab"', `"${long}"`)));
    const r = await routeOptions(renamed, { flowId: 'f', k: 2, carriers: true, trials: 500, seed: 1 });
    const narrow = routesTable(r);
    expect(widest(narrow)).toBeLessThanOrEqual(120);
    expect(narrow).toContain(`carrier-${long.slice(0, 20)}`);
    expect(narrow).toMatch(/carrier-a-lane-with-a-very-long[\w-]*…/);
    const wide = routesTable(r, { wide: true });
    expect(widest(wide)).toBeGreaterThan(120);
    for (const h of ['VaR95', 'interrupted', 'change']) expect(wide).toContain(h);
    expect(wide).toContain(`carrier ${long}: x → z (price not stated: lane cost kept)`);
    expect(wide).not.toContain('…');
  });

  it('--wide through the command', async () => {
    const { status, stdout } = await routes([DEFAULT_SCENARIO, '--flow', 'fl-laptops-lyon', '--k', '2', '--carriers', '--trials', '512', '--workers', '1', '--wide']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/VaR95 +days +change/);
    const narrow = await routes([DEFAULT_SCENARIO, '--flow', 'fl-laptops-lyon', '--k', '2', '--carriers', '--trials', '512', '--workers', '1']);
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(120);
    expect(narrow.stdout).not.toContain('VaR95  ');
  });
});

describe('recommend', () => {
  /** An option with only what the recommendation reads. */
  const option = (id: string, transitDays: number, transportCost: number, eal: number): RouteOption =>
    ({
      id,
      kind: id === 'baseline' ? 'baseline' : 'route',
      transitDays,
      transportCost,
      eal,
      dominated: false,
      noEffect: false,
      variantOf: id === 'baseline' ? null : 'baseline',
      delta: { eal: eal - 100, ealCi95: [eal - 101, eal - 99], flowEal: 0, transportCost: transportCost - 10, transitDays: transitDays - 1 },
    }) as unknown as RouteOption;

  it('when no option alone is best on anything, each says what it beats every other one on', () => {
    const r = recommend([option('baseline', 1, 10, 100), option('route-2', 1, 20, 50), option('route-3', 2, 10, 50)], 'EUR');
    expect(r.map((x) => x.best)).toEqual([[], [], []]);
    expect(r[0]!.reason).toBe('trade-off: cheaper than route-2; faster than route-3. The current route as it is');
    expect(r[1]!.reason).toMatch(/^trade-off: less network loss than baseline; faster than route-3\. \+?/);
    expect(r[2]!.reason).toMatch(/^trade-off: less network loss than baseline; cheaper than route-2\. \+1 day, network EAL −€50 \[−€51, −€49\] vs baseline$/);
  });

  it('one option better or equal on everything: it alone is recommended', () => {
    const opts = [option('baseline', 1, 10, 100), option('route-2', 1, 10, 90)];
    opts[0]!.dominated = true;
    expect(recommend(opts, 'EUR')).toEqual([{ option: 'route-2', best: [], reason: expect.stringMatching(/^no other option is as good\. /) }]);
  });
});
