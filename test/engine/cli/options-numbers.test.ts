// Number options take the number syntax of JSON, as a scenario does: `--budget 1e12` and
// `--trials 1e4` are numbers; hexadecimal, `Infinity`, `.5` and `1_000` are not (README.md,
// "Command line"). `--seed` stays text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { intOption, numberOption, numberText, seedOf } from '../../../engine/cli/args.js';
import { InputError } from '../../../engine/io/errors.js';
import { optimizeCommand } from '../../../engine/cli/optimize-command.js';
import { runCommand } from '../../../engine/cli/run-command.js';
import { DEFAULT_SCENARIO } from '../../../engine/cli/scenario-file.js';

const dir = mkdtempSync(join(tmpdir(), 'chainward-numbers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('numberText: JSON number syntax', () => {
  it.each([
    ['1e12', 1e12],
    ['2.5E-3', 0.0025],
    ['200000', 200000],
    ['-5', -5],
    ['0.01', 0.01],
    [' 7 ', 7],
    ['007', 7],
    ['1e+2', 100],
  ])('%j is %d', (text, x) => expect(numberText(text)).toBe(x));

  it.each(['', ' ', '0x10', 'Infinity', 'NaN', '.5', '5.', '1_000', '1e', '+5', '1e400', '1,5', 'lots'])('%j is not a number', (text) => {
    expect(numberText(text)).toBeUndefined();
  });

  it('a flag without a value is not a number', () => {
    expect(numberText(true)).toBeUndefined();
    expect(numberText(undefined)).toBeUndefined();
  });
});

describe('number options', () => {
  it('whole-number options accept exponents that make whole numbers', () => {
    expect(intOption('trials', '1e4', 1, 1e7)).toBe(10_000);
    expect(intOption('trials', '2048.0', 1, 1e7)).toBe(2048);
    expect(intOption('trials', undefined, 99, 1e7)).toBe(99);
    expect(message(() => intOption('trials', '1.5', 1, 1e7))).toBe('--trials: expected a whole number from 1 to 10000000, got "1.5"');
    expect(message(() => intOption('trials', '1e8', 1, 1e7))).toBe('--trials: expected a whole number from 1 to 10000000, got "1e8"');
    expect(message(() => intOption('trials', '0x10', 1, 1e7))).toBe('--trials: expected a whole number from 1 to 10000000, got "0x10"');
  });

  it('numberOption says what was expected', () => {
    expect(numberOption('budget', '1e12', 0, (x) => x >= 0, 'an amount ≥ 0')).toBe(1e12);
    expect(message(() => numberOption('budget', 'Infinity', 0, (x) => x >= 0, 'an amount ≥ 0'))).toBe('--budget: expected an amount ≥ 0, got "Infinity"');
    expect(message(() => numberOption('budget', '1e400', 0, (x) => x >= 0, 'an amount ≥ 0'))).toBe('--budget: expected an amount ≥ 0, got "1e400", a number too large for any figure');
  });

  it('--seed stays text: an exponent is a text seed, not a number', () => {
    expect(seedOf('1e3')).toBe('1e3');
    expect(seedOf('42')).toBe(42);
  });
});

describe('the commands take exponents', () => {
  it('optimize --budget 1e12 (refused before) and 2.5e5', async () => {
    for (const [budget, expected] of [
      ['1e12', 1e12],
      ['2.5e5', 250_000],
    ] as const) {
      const out = join(dir, `optimize-${budget}.json`);
      const status = await optimizeCommand([DEFAULT_SCENARIO, '--budget', budget, '--trials', '256', '--workers', '1', '--format', 'json', '--out', out, '--quiet']);
      expect(status).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).budget).toBe(expected);
    }
  }, 120_000);

  it('optimize --budget still refuses what is not an amount', async () => {
    for (const budget of ['=-1', '=0x10', '=Infinity', '=lots']) {
      const e = await optimizeCommand([DEFAULT_SCENARIO, `--budget${budget}`]).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toBe(`--budget: expected an amount ≥ 0 such as 200000, got "${budget.slice(1)}"`);
    }
  });

  it('run --trials 1e3 and --target-se / --sensitivity-delta in JSON syntax', async () => {
    const out = join(dir, 'run.json');
    expect(await runCommand([DEFAULT_SCENARIO, '--trials', '1e3', '--seed', '1', '--workers', '1', '--format', 'json', '--out', out, '--quiet'])).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).trials).toBe(1000);
    const bad = async (...args: string[]) => ((await runCommand([DEFAULT_SCENARIO, ...args]).catch((e: unknown) => e)) as InputError).message;
    expect(await bad('--target-se', '0x0.1')).toBe('--target-se: expected a relative standard error between 0 and 1 such as 0.01, got "0x0.1"');
    expect(await bad('--target-se', '.01')).toBe('--target-se: expected a relative standard error between 0 and 1 such as 0.01, got ".01"');
    expect(await bad('--sensitivity', '--sensitivity-delta', '2')).toBe('--sensitivity-delta: expected a relative variation between 0 and 1 such as 0.25, got "2"');
  }, 120_000);
});
