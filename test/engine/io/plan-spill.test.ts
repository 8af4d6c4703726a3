// PlanSpill: a plan parked in a temporary file comes back equal, array for array (kinds, lengths,
// values, nested graph), in a SharedArrayBuffer when asked; each file is removed once read, the
// folder when nothing is parked or on close(); a plan that cannot be written is refused (undefined).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlanSpill } from '../../../engine/io/plan-spill.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';
import type { SimulationPlan } from '../../../engine/plan/plan.js';
import { loadScenarioFile } from '../../../engine/cli/scenario-file.js';
import { REPO } from '../../support/run-cli.js';

const scenario = loadScenarioFile(join(REPO, 'scenarios/eu-electronics-inbound.json'));
const plan = compilePlan(scenario, 3).plan;
const root = mkdtempSync(join(tmpdir(), 'chainward-plan-spill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh, empty folder for one case. */
function folder(): string {
  const d = join(root, `case-${n++}`);
  mkdirSync(d);
  return d;
}

/** The files parked under `parent` (in its one private folder). */
function parked(parent: string): string[] {
  const dirs = readdirSync(parent);
  expect(dirs).toHaveLength(1);
  expect(dirs[0]).toMatch(/^chainward-plans-/);
  return readdirSync(join(parent, dirs[0]!));
}

/** Every field of a plan, typed arrays as [kind, values]: equal plans give equal shapes. */
function shape(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return [v.constructor.name, Array.from(v as unknown as ArrayLike<number>)];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  return v;
}

function buffersOf(p: SimulationPlan): Set<ArrayBufferLike> {
  const out = new Set<ArrayBufferLike>();
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) out.add(v.buffer);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(p);
  return out;
}

describe('PlanSpill', () => {
  it.each([true, false])('PlanSpill.keep then the read-back (shared %s) gives an equal plan in one buffer of the asked kind, and removes its file', (shared) => {
    const parent = folder();
    const spill = new PlanSpill({ shared, parent });
    const back = spill.keep(plan)!;
    expect(back).toBeTypeOf('function');
    expect(parked(parent)).toHaveLength(1);
    const again = back();
    expect(shape(again)).toEqual(shape(plan));
    const buffers = buffersOf(again);
    expect(buffers.size).toBe(1);
    expect([...buffers][0] instanceof SharedArrayBuffer).toBe(shared);
    expect(readdirSync(parent)).toEqual([]); // nothing parked: no folder either
    spill.close();
  });

  it('PlanSpill removes each file once read, the folder when nothing is left, and everything on close()', () => {
    const parent = folder();
    const spill = new PlanSpill({ shared: false, parent });
    const a = spill.keep(plan)!;
    const b = spill.keep(plan)!;
    expect(parked(parent)).toHaveLength(2);
    a();
    expect(parked(parent)).toHaveLength(1);
    b();
    expect(readdirSync(parent)).toEqual([]);
    spill.keep(plan);
    spill.keep(plan);
    expect(parked(parent)).toHaveLength(2);
    spill.close();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('PlanSpill.keep refuses (undefined, nothing left) a plan it cannot write: the caller compiles it again', () => {
    const spill = new PlanSpill({ shared: false, parent: join(root, 'missing', 'folder') });
    expect(spill.keep(plan)).toBeUndefined();
    spill.close();
    expect(existsSync(join(root, 'missing'))).toBe(false);
  });
});
