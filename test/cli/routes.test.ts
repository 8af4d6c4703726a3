// `chainward routes`: route (and carrier) options of a flow on the default scenario, simulated with
// common random numbers. main.ts does not dispatch `routes` yet, so the command runs in-process
// (routesCommand with stdout captured); bad input must be an InputError (exit 2 in the CLI).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { routeOptions, UnknownFlowError, type RouteOption, type RouteOptionsResult } from '../../engine/analysis/route-options.js';
import { InputError } from '../../engine/cli/errors.js';
import { routesCommand } from '../../engine/cli/routes-command.js';
import { DEFAULT_SCENARIO, loadScenarioFile } from '../../engine/cli/scenario-file.js';
import { validateScenario } from '../../engine/model/validate.js';
import { runMany, stackProblem } from './run-cli.js';

const scenario = loadScenarioFile(DEFAULT_SCENARIO);
const laneById = new Map((scenario.lanes ?? []).map((l) => [l.id, l]));
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
    const roadCarriers = (scenario.carriers ?? []).filter((c) => !c.modes || c.modes.includes('road')).map((c) => c.id);
    // every road lane of every listed route, with every other road carrier, once
    const want = new Set<string>();
    for (const o of routesListed) {
      for (const id of o.route) {
        const lane = laneById.get(id)!;
        if (lane.mode === 'road') for (const c of roadCarriers) if (c !== lane.carrier) want.add(`${id}:${c}`);
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
    for (const h of ['option', 'transit days', 'transport/yr', 'flow EAL', 'network EAL', 'Δ EAL vs baseline (95 %)', 'VaR95', 'interrupted days']) expect(table.stdout).toContain(h);
    // the rows: from the rule under the header to the blank line after the table
    const lines = table.stdout.split('\n');
    const rule = lines.findIndex((l) => /^─* {2}─+/.test(l));
    const rows = lines.slice(rule + 1, lines.indexOf('', rule));
    expect(rows.length).toBe(r.options.length);
    for (const o of r.options) {
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
