// Stream derivation: each risk has its own stream per fixed block of trials, keyed by
// (root seed, hash of the risk id, block index); each event draws a key from that stream, and a
// control's reliability draw for the event is keyed by (event key, control). No state is shared.
// See docs/simulation.md, "Random streams" and "Common random numbers".
import { mix2, mix32 } from './mix.js';
import type { Rng } from './rng.js';

/**
 * Seeds `rng` for a (risk, block) stream. The first word is a bijection of the risk hash and the
 * second of the block (for a given seed), so distinct (risk, block) pairs never share a state; the
 * other two words mix both, and seed4's warm-up spreads the differences.
 */
export function seedRiskBlock(rng: Rng, root: Uint32Array, riskHash: number, block: number): void {
  rng.seedMixed(
    mix2(root[0]!, riskHash),
    mix2(root[1]!, block),
    mix2(root[2]!, (riskHash ^ mix32(block)) | 0),
    mix2(root[3]! ^ block, riskHash),
    STREAM_WARMUP,
  );
}

/**
 * seedRiskBlock with the work that depends on the block alone done once per block, and the first
 * word (root and risk only) precomputed per risk by riskWord: the same states, two mixes a seeding
 * instead of nine, for the kernel that seeds every risk of every block.
 */
export class RiskBlockSeeder {
  private readonly c2: number;
  private b1 = 0;
  private mb = 0;
  private m3 = 0;

  constructor(private readonly root: Uint32Array) {
    this.c2 = Math.imul(mix32(root[2]!), 0x27d4eb2f);
  }

  /** Prepares the seeds of block `block`. */
  setBlock(block: number): void {
    this.b1 = mix2(this.root[1]!, block);
    this.mb = mix32(block);
    this.m3 = Math.imul(mix32(this.root[3]! ^ block), 0x27d4eb2f);
  }

  /** seedRiskBlock(rng, root, riskHash, block) for the block set, given riskWord(root, riskHash). */
  seed(rng: Rng, riskHash: number, word: number): void {
    rng.seedMixed(word, this.b1, mix32((this.c2 ^ ((riskHash ^ this.mb) | 0)) | 0), mix32((this.m3 ^ riskHash) | 0), STREAM_WARMUP);
  }
}

/** The first seed word of a risk's streams, the same for every block: see RiskBlockSeeder. */
export function riskWord(root: Uint32Array, riskHash: number): number {
  return mix2(root[0]!, riskHash);
}

/** Salt of an event's start time among its keyed uniforms. */
const TIME_SALT = 0x54494d45;

/**
 * The start-time uniform of an event, on [0, 1), keyed by its two key words (a hash, not a stream
 * draw): the time is there for the cascades and outages that need it, and costs nothing otherwise.
 */
export function eventTimeUniform(key1: number, key2: number): number {
  return mix2((key1 ^ TIME_SALT) | 0, key2) * 2.3283064365386963e-10;
}

/** Warm-up steps of the kernel's streams: their seeds are hash outputs already, so a few suffice. */
const STREAM_WARMUP = 4;
/** An event's stream starts from two words of another sfc32 stream and a mixed hash: one step spreads them. */
const EVENT_WARMUP = 1;

/**
 * Seeds `rng` for one event's own draws (the shipment hit, its loss and downtime),
 * from the event's two key words (drawn from its stream) and the hash of the risk: an event's
 * draws are taken only when they are needed and never shift another event's.
 */
export function seedEvent(rng: Rng, key1: number, key2: number, riskHash: number): void {
  rng.seedMixed(key1, key2, mix32((riskHash ^ key1) | 0), riskHash | 1, EVENT_WARMUP);
}

/** A uniform on [0, 1) keyed by (event, control): the control's reliability draw for that event. */
export function keyedUniform(eventKey: number, controlHash: number): number {
  return mix2(eventKey, controlHash) * 2.3283064365386963e-10; // × 2^−32, exact
}

/** The part of keyedUniform that depends on the event alone, computed once per event. */
export function eventKeyMix(eventKey: number): number {
  return Math.imul(mix32(eventKey), 0x27d4eb2f);
}

/** keyedUniform(eventKey, controlHash) from eventKeyMix(eventKey): the same number, one mix fewer. */
export function keyedUniformMixed(keyMix: number, controlHash: number): number {
  return mix32((keyMix ^ controlHash) | 0) * 2.3283064365386963e-10;
}
