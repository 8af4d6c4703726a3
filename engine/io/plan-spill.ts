// Compiled plans parked in temporary files between their check and their turn, so a large run holds
// one treatment's plan in memory at a time without compiling it twice (README.md, "Memory"). A plan's
// typed arrays are written one after the other into one file; reading it back makes them views of one
// buffer — a SharedArrayBuffer when a worker pool will carry the plan, so the pool need not copy it.
// The files live in a private folder, each removed once read back, and all of them on close(), at
// exit, or on SIGINT and SIGTERM.
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulationPlan } from '../plan/plan.js';
import type { PlanStore } from '../run/run-options.js';
import { registerTemporary, unregisterTemporary } from './write-atomic.js';
import { collectGarbage } from './collect-garbage.js';
import { planBytes } from '../run/plan-bytes.js';

/**
 * A plan this large is worth a full garbage collection when it is parked (the compile's transient
 * objects go) and before it is read back (the plan let go before it does): without one, V8 may keep
 * both in memory a while (README.md, "Memory"). Smaller plans are left to V8.
 */
export const COLLECT_ABOVE_BYTES = 32 * 1024 * 1024;

type Typed = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
const KINDS = { Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array } as const;
type Kind = keyof typeof KINDS;

/** Where a typed array of the plan lies in its file. */
interface Slot {
  kind: Kind;
  offset: number;
  length: number;
}
const SLOT = Symbol('slot');

/** Offsets are aligned to 8 bytes, so every kind of view fits. */
const align = (n: number) => Math.ceil(n / 8) * 8;

/** Writes all of `bytes` at `position` (a write may take only part). */
function writeAllAt(fd: number, bytes: Uint8Array, position: number): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, position + at);
}

export class PlanSpill implements PlanStore {
  private dir: string | undefined;
  private next = 0;
  private readonly files = new Set<string>();

  private readonly shared: boolean;
  private readonly parent: string | undefined;
  /** Plans stay in memory while they total at most this many bytes; larger ones come here. */
  readonly keepBytes: number | undefined;

  /**
   * @param opts.shared read plans back into a SharedArrayBuffer (for a worker pool) rather than an ArrayBuffer
   * @param opts.keepBytes see PlanStore.keepBytes (default KEEP_PLAN_BYTES)
   * @param opts.parent the folder the private folder is made in (default: the system's temporary folder)
   */
  constructor(opts: { shared: boolean; keepBytes?: number; parent?: string }) {
    this.shared = opts.shared;
    this.keepBytes = opts.keepBytes;
    this.parent = opts.parent;
  }

  /**
   * Writes `plan` to a new temporary file and returns what reads it back, once (the file is removed
   * then). Undefined, and nothing left behind, when the file cannot be written (a full disk, say):
   * the plan is then compiled again when needed.
   */
  keep(plan: SimulationPlan): (() => SimulationPlan) | undefined {
    let file: string | undefined;
    let fd: number | undefined;
    try {
      if (this.dir === undefined) {
        this.dir = mkdtempSync(join(this.parent ?? tmpdir(), 'chainward-plans-'));
        registerTemporary(this.dir);
      }
      file = join(this.dir, `plan-${this.next++}.bin`);
      registerTemporary(file);
      this.files.add(file);
      fd = openSync(file, 'wx', 0o600);
      let size = 0;
      const out = fd;
      const skeleton = mapArrays(plan, (a) => {
        const kind = a.constructor.name as Kind;
        if (!(kind in KINDS)) throw new TypeError(`PlanSpill: cannot store a ${kind}`);
        const offset = align(size);
        writeAllAt(out, new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
        size = offset + a.byteLength;
        return { [SLOT]: { kind, offset, length: a.length } satisfies Slot };
      });
      closeSync(fd);
      fd = undefined;
      const path = file;
      const large = planBytes(plan) > COLLECT_ABOVE_BYTES;
      if (large) collectGarbage();
      return () => {
        if (large) collectGarbage();
        return this.readBack(path, skeleton);
      };
    } catch {
      if (fd !== undefined) closeSync(fd);
      if (file !== undefined) this.remove(file);
      return undefined;
    }
  }

  private readBack(file: string, skeleton: unknown): SimulationPlan {
    const fd = openSync(file, 'r');
    let buffer: ArrayBufferLike;
    try {
      const size = fstatSync(fd).size;
      buffer = this.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
      const bytes = new Uint8Array(buffer);
      for (let at = 0; at < size; ) {
        const n = readSync(fd, bytes, at, size - at, at);
        if (n === 0) throw new Error(`PlanSpill: ${file} ended at byte ${at} of ${size}`);
        at += n;
      }
    } finally {
      closeSync(fd);
      this.remove(file);
    }
    return fill(skeleton, buffer) as SimulationPlan;
  }

  private remove(file: string): void {
    rmSync(file, { force: true });
    this.files.delete(file);
    unregisterTemporary(file);
    if (this.files.size === 0) this.close(); // nothing parked: no folder left behind either
  }

  /** Removes every file not read back, and the folder. */
  close(): void {
    for (const f of this.files) {
      rmSync(f, { force: true });
      unregisterTemporary(f);
    }
    this.files.clear();
    if (this.dir !== undefined) {
      rmSync(this.dir, { recursive: true, force: true });
      unregisterTemporary(this.dir);
    }
    this.dir = undefined;
  }
}

/** `v` with each typed array replaced by f(array); plain objects copied, everything else as is. */
function mapArrays(v: unknown, f: (a: Typed) => unknown): unknown {
  if (ArrayBuffer.isView(v)) return f(v as Typed);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapArrays(x, f)]));
  }
  return v;
}

/** The plan of a skeleton: each slot a view of `buffer`. */
function fill(v: unknown, buffer: ArrayBufferLike): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const slot = (v as { [SLOT]?: Slot })[SLOT];
    if (slot !== undefined) return new KINDS[slot.kind](buffer as ArrayBuffer, slot.offset, slot.length);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, buffer)]));
  }
  return v;
}
