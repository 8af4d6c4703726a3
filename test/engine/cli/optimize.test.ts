// `chainward optimize`, called in-process (optimizeCommand): the JSON record on the default scenario
// (cost within the budget, a non-negative reduction with its interval, a monotone frontier), the
// table, and bad input as InputError (exit status 2 in the CLI).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/io/errors.js';
import { optimizeCommand } from '../../../engine/cli/optimize-command.js';
import { DEFAULT_SCENARIO } from '../../../engine/cli/scenario-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chainward-optimize-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface OptimizeJson {
  format: string;
  scenario: string;
  budget: number;
  objective: string;
  trials: number;
  seed: number | string;
  chosen: Array<{ control: string; target: string; targetKind: string; cost: number }>;
  cost: number;
  before: number;
  after: number;
  reduction: { value: number; ci95: [number, number] };
  frontier: Array<{ budget: number; cost: number; objective: number }>;
}

describe('chainward optimize', () => {
  it('optimize on the default scenario: JSON shape, cost within the budget, a non-negative reduction, a monotone frontier', async () => {
    const out = join(dir, 'opt.json');
    const status = await optimizeCommand([DEFAULT_SCENARIO, '--budget', '200000', '--trials', '1024', '--seed', '3', '--workers', '1', '--format', 'json', '--out', out, '--quiet']);
    expect(status).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8')) as OptimizeJson;
    expect(r.format).toBe('chainward-optimize/v1');
    expect(r.scenario).toMatch(/EU electronics/i);
    expect(r).toMatchObject({ budget: 200000, objective: 'eal', trials: 1024, seed: 3 });
    expect(r.chosen.length).toBeGreaterThan(0);
    let sum = 0;
    for (const c of r.chosen) {
      expect(typeof c.control).toBe('string');
      expect(typeof c.target).toBe('string');
      expect(['site', 'lane']).toContain(c.targetKind);
      expect(c.cost).toBeGreaterThan(0);
      sum += c.cost;
    }
    expect(r.cost).toBeCloseTo(sum, 6);
    expect(r.cost).toBeLessThanOrEqual(200000 + 1e-6);
    expect(r.reduction.value).toBeGreaterThanOrEqual(0);
    expect(r.reduction.value).toBeCloseTo(r.before - r.after, 6);
    expect(r.reduction.ci95[0]).toBeLessThanOrEqual(r.reduction.value);
    expect(r.reduction.ci95[1]).toBeGreaterThanOrEqual(r.reduction.value);
    expect(r.frontier.map((f) => f.budget)).toEqual([0, 50000, 100000, 200000, 400000]);
    expect(r.frontier[0]).toMatchObject({ cost: 0, objective: r.before });
    for (let i = 1; i < r.frontier.length; i++) {
      expect(r.frontier[i]!.objective).toBeLessThanOrEqual(r.frontier[i - 1]!.objective);
      expect(r.frontier[i]!.cost).toBeLessThanOrEqual(r.frontier[i]!.budget + 1e-6);
    }
    expect(r.frontier[3]!.objective).toBe(r.after);
  }, 60_000);

  it('optimize prints a table (a zero budget chooses nothing)', async () => {
    const out = join(dir, 'opt.txt');
    const status = await optimizeCommand([DEFAULT_SCENARIO, '--budget', '0', '--objective', 'cvar95', '--trials', '512', '--workers', '1', '--out', out, '--quiet']);
    expect(status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/chainward optimize · .* · objective CVaR95 · 512 trials · seed 1/);
    expect(text).toMatch(/no placement within the budget reduces the objective/);
    expect(text).toMatch(/cost–risk frontier/);
  });

  it('optimize prints the reduction per unit of cost as money and ROSI in percent, like the run report', async () => {
    const out = join(dir, 'opt-eal.txt');
    const status = await optimizeCommand([DEFAULT_SCENARIO, '--budget', '20000', '--trials', '512', '--workers', '1', '--out', out, '--quiet']);
    expect(status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/reduction per unit of cost +€[\d.]+ less EAL per €1 a year/);
    expect(text).toMatch(/ROSI +-?−?[\d,]+ %/);
    expect(text).toMatch(/\d+ candidate placements, [\d,]+ sets simulated/);
  });

  it('bad input is an InputError', async () => {
    const bad = async (...args: string[]) => {
      const e = await optimizeCommand(args).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e, args.join(' ')).toBeInstanceOf(InputError);
      return (e as InputError).message;
    };
    expect(await bad(DEFAULT_SCENARIO, '--budget', '-1')).toMatch(/--budget/); // parseArgs: a value starting with a dash
    expect(await bad(DEFAULT_SCENARIO, '--budget=-1')).toMatch(/--budget: expected an amount ≥ 0/);
    expect(await bad(DEFAULT_SCENARIO, '--budget', 'lots')).toMatch(/--budget/);
    expect(await bad(DEFAULT_SCENARIO)).toMatch(/--budget is required/);
    expect(await bad(DEFAULT_SCENARIO, '--budget', '1000', '--objective', 'x')).toMatch(/--objective: expected eal or cvar95/);
    expect(await bad(DEFAULT_SCENARIO, '--budget', '1000', '--format', 'csv')).toMatch(/--format/);
    expect(await bad(DEFAULT_SCENARIO, '--budget', '1000', '--trials', '0')).toMatch(/--trials/);
    expect(await bad(DEFAULT_SCENARIO, '--budget', '1000', '--bogus')).toMatch(/bogus/);
    expect(await bad('--budget', '1000')).toMatch(/exactly one scenario file/);
    expect(await bad(join(dir, 'missing.json'), '--budget', '1000')).toMatch(/no such file/);
  });
});

describe('chainward optimize through the real command line', () => {
  it('optimize --format json exits 0 within budget; a negative budget exits 2 without a stack', async () => {
    const { runMany, stackProblem } = await import('../../support/run-cli.js');
    const [ok, bad] = await runMany([
      ['optimize', 'scenarios/eu-electronics-inbound.json', '--budget', '30000', '--trials', '1024', '--workers', '1', '--format', 'json'],
      ['optimize', 'scenarios/eu-electronics-inbound.json', '--budget=-5', '--workers', '1'],
    ]);
    expect(ok!.status, ok!.stderr).toBe(0);
    const r = JSON.parse(ok!.stdout) as { format: string; cost: number; budget: number; frontier: unknown[] };
    expect(r.format).toBe('chainward-optimize/v1');
    expect(r.cost).toBeLessThanOrEqual(r.budget);
    expect(r.frontier.length).toBeGreaterThanOrEqual(5);
    expect(bad!.status).toBe(2);
    expect(stackProblem(bad!.stderr)).toBeUndefined();
  }, 120_000);
});
