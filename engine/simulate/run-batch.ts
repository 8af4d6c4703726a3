// The trial kernel: simulates trials [first, first + count) of a plan and returns a mergeable
// BatchSummary. Events are generated risk by risk over fixed blocks of BLOCK trials, each (risk,
// block) with its own stream and geometric skip-ahead to the next trial with an event, so a rare risk
// costs one draw per block. The stream gives each event only two key words; its start time is a
// hash of them, and its shipment hit, loss and downtime come from the event's own keyed stream, each
// only when it is used: a thinned event, an event outside the range simulated, or a downtime on
// an element no flow depends on costs no draw. Controls act with draws keyed by (event, control), so
// baseline and treatments share every random number they can. Cascades thin a raised risk's events
// against the open trigger windows; a jointly threat's targets share one stream. Direct losses are
// booked as events are generated; outages go through a per-flow time sweep of the trial.
// The loop reads only typed arrays and preallocated scratch space; nothing is allocated per trial.
// The semantics, step by step: docs/simulation.md.
import type { SimulationPlan } from '../plan/plan.js';
import { LOSS_AMOUNT, LOSS_NONE, LOSS_SHIPMENT_FRACTION, LOSS_SITE_FRACTION } from '../plan/plan.js';
import { Rng } from '../rng/rng.js';
import { eventKeyMix, eventTimeUniform, keyedUniformMixed, RiskBlockSeeder, riskWord, seedEvent } from '../rng/stream.js';
import { exp } from '../math/det-math.js';
import { DIST_LOGNORMAL, DIST_STRIDE, sampleCompiled } from '../sampling/dist.js';
import { zigguratExponential, zigguratNormal } from '../sampling/ziggurat.js';
import {
  sampleZeroTruncatedPoisson,
  sampleZeroTruncatedPoissonP1,
  ZERO_TRUNCATED_SEARCH_MAX,
  zeroTruncatedP1,
} from '../sampling/poisson.js';
import { emptySummary, selectTail, type BatchSummary } from '../summary/batch-summary.js';
import { MONEY_SCALE, SQUARE_SCALE } from '../summary/exact-sums.js';
import { TopK } from '../summary/top-k.js';
import { CsrDijkstra } from '../graph/csr-dijkstra.js';

/** Integer sums of cents stay exact in a float64 below this; larger ones are moved on at once. */
const CENTS_FLUSH = 4503599627370496; // 2^52

/** Trials per (risk, block) random stream. Fixed: changing it changes every result. */
export const BLOCK = 256;

/** 2^−32: a 32-bit word times this is a uniform on [0, 1). */
const U32 = 2.3283064365386963e-10;

const ROUTE_REROUTED = 1;
const ROUTE_CUT = 2;
/** The reroute cache: 2^CACHE_BITS slots in sets of CACHE_WAYS; a full set evicts one entry in turn (never a wholesale clear). */
const CACHE_BITS = 16;
const CACHE_WAYS = 4;

/**
 * The batch's sums per risk, interleaved (ACC numbers a risk: one cache line, two slots spare) and
 * moved into the summary at the end of the batch: trials with events, events, Σ N², and integer
 * quanta of direct loss (cents), Σ L² (SQUARE_SCALE), Σ L·N (cents). Integers below 2^52 add
 * exactly in a float64; larger ones are moved on at once.
 */
const ACC = 8;
const ACC_TRIALS = 0;
const ACC_EVENTS = 1;
const ACC_EVENTS_SQ = 2;
const ACC_DIRECT = 3;
const ACC_SQ = 4;
const ACC_LN = 5;
/**
 * The same for the sweep's sums of the risks that can have outages (compact indices: a small array
 * the sweep's random accesses stay in): interruption and reroute cost (cents), and the Σ L² and
 * Σ L·N their shares add (OUT_* slots, OUT numbers a risk).
 */
const OUT = 4;
const OUT_INT = 0;
const OUT_REROUTE = 1;
const OUT_SQ = 2;
const OUT_LN = 3;

/**
 * Numbers per outage record: start, end, its risk's direct loss and kept events in the trial,
 * risk·2 + excess, the element, the range of the element's flows in elemFlowRoute, the element's
 * two signature words, and the risk's compact outage index. Everything the sweep needs is in the record, copied from per-risk arrays read
 * in risk order while generating, so the sweep makes no random reads into network-sized arrays.
 */
const REC = 11;
/** Per-risk copies of element data (RISK_OUT numbers a risk): flows range start, end, signature words. */
const RISK_OUT = 4;
/** A flow's sweep matches equal elements among its outages by a scan up to this many, by a mark array beyond. */
const LOCAL_SCAN = 24;

/** What a risk's kept events need drawn beyond being counted. */
const NEEDS_LOSS = 1;
const NEEDS_OUTAGE = 2;
const NEEDS_WINDOWS = 4;

/** Grows a typed array to at least `n` entries, keeping its content. */
function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/** Reusable kernel state for one plan: scratch arrays sized once and grown rarely. */
export class Simulator {
  /** The (risk, block) stream being read. */
  private readonly rs = new Rng();
  /** The current event's own draws. */
  private readonly ev = new Rng();
  private readonly dijkstra: CsrDijkstra;
  private readonly seeder: RiskBlockSeeder;
  /** First seed word of each risk's streams (of its group's, for a joint group's head). */
  private readonly word: Uint32Array;
  /** Rate each risk's stream is generated at (raised risks × their envelope factor; a joint group's head at the group's rate). */
  private readonly lam: Float64Array;
  /** P(N = 1 | N ≥ 1) at that rate (0 when λ is too large for the fast search). */
  private readonly ztP1: Float64Array;
  /** NEEDS_* flags of each risk. */
  private readonly needs: Uint8Array;
  // outages of the current block as records (REC numbers each, generation order), then in trial order
  private evTrial = new Int32Array(1024);
  private evRec = new Float64Array(1024 * REC);
  private sorted = new Float64Array(1024 * REC);
  private nEv = 0;
  private readonly bucket = new Int32Array(BLOCK + 1);
  // trigger windows opened in the current block: a list per raised risk
  private readonly winHead: Int32Array;
  private winRaised = new Int32Array(64);
  private nWinRaised = 0;
  private winNext = new Int32Array(64);
  private winTrial = new Int32Array(64);
  private winStart = new Float64Array(64);
  private winEnd = new Float64Array(64);
  private winFactor = new Float64Array(64);
  private nWin = 0;
  // a joint group's kept events and losses per member in the trial being generated
  private gKept = new Int32Array(8);
  private gLoss = new Float64Array(8);
  private gExKept = new Int32Array(8);
  private gExLoss = new Float64Array(8);
  /** A joint group's outages in the trial being generated (member, start, downtime), pushed member by member at its end. */
  private jMember = new Int32Array(16);
  private jTime = new Float64Array(16);
  private jDown = new Float64Array(16);
  // direct and interruption loss of each trial of the current block
  private readonly blockDirect = new Float64Array(BLOCK);
  private readonly blockInt = new Float64Array(BLOCK);
  private readonly blockReroute = new Float64Array(BLOCK);
  /** The batch's per-risk sums, ACC_* slots (see ACC). */
  private readonly acc: Float64Array;
  /** Compact outage index of each risk (−1 when it cannot have an outage that matters), the risk of each, and their sums (OUT_* slots). */
  private readonly outIndex: Int32Array;
  private readonly outRisk: Int32Array;
  private readonly accOut: Float64Array;
  /** Element data of each risk's target, RISK_OUT numbers a risk (see REC). */
  private readonly riskOut: Int32Array;
  // per-trial slots of the risks with outages in the trial swept: its risk, interruption and reroute
  // cost and their triggered-excess part, and its direct loss and kept events there
  private slotRisk = new Int32Array(64);
  private slotInt = new Float64Array(64);
  private slotReroute = new Float64Array(64);
  private slotExcess = new Float64Array(64);
  private slotDirect = new Float64Array(64);
  private slotKept = new Float64Array(64);
  private slotOut = new Int32Array(64);
  // outages of the current trial: the offset of each one's record in `sorted`, and its risk's slot
  private outRec = new Int32Array(64);
  private outSlot = new Int32Array(64);
  // the trial's outages listed per flow they concern: listOut[flowOff[f] .. flowOff[f] + flowCount[f])
  private readonly flowStamp: Int32Array;
  private readonly flowOff: Int32Array;
  private readonly flowCount: Int32Array;
  private readonly sweptFlows: Int32Array;
  private listOut = new Int32Array(128);
  private listOnRoute = new Uint8Array(128);
  // one flow's sweep: its points in time order and its active outages (positions in its list)
  private pointTime = new Float64Array(128);
  private pointId = new Int32Array(128);
  private pointOrder = new Int32Array(128);
  private pointTmp = new Int32Array(128);
  private active = new Int32Array(64);
  /** Per entry of the flow being swept: the first entry with the same element, and (at it) how many of them are down. */
  private canon = new Int32Array(64);
  private localDown = new Int32Array(64);
  /** Marks for matching equal elements in a long list: elemMark[e] = stamp·2^21 + first entry. */
  private readonly elemMark: Float64Array;
  private elemStamp = 0;
  /** Down elements for a route search: 1 where down, set just around the search. */
  private readonly downCount: Int32Array;
  /** Elements of the flow being rerouted, marked with relStamp (the search stays on them). */
  private readonly relMark: Int32Array;
  private relStamp = 0;
  private relFlow = -1;
  // reroute cache keyed by (flow, signature of its down elements)
  /** Entries of 4 numbers: flow (−1 when empty), signature words, and the extra cost per shipment (−1 when cut). */
  private readonly cache = new Float64Array(4 << CACHE_BITS).fill(-1);
  private cacheVictim = 0;
  /** Extra cost per shipment of the path the last route() call found (0 when cut). */
  private routeExtra = 0;
  // breakdown entries (trial index in batch, risk, loss) of the batch, in generation order
  private bdIdx = new Int32Array(4096);
  private bdRisk = new Int32Array(4096);
  private bdLoss = new Float64Array(4096);
  private nBd = 0;
  private pickedFlow = 0;
  private bdStart = new Int32Array(1024);
  private bdOrder = new Int32Array(4096);
  private trialId = 0;

  /** The direct loss of the last directLoss call (a field: a returned double would be boxed). */
  private xLoss = 0;
  /** The direct loss, excess events and excess loss of the (risk, trial) being generated. */
  private tLoss = 0;
  private tExKept = 0;
  private tExLoss = 0;

  /** Interruption and reroute cost accrued in the trial being simulated. */
  private trialInt = 0;
  private trialReroute = 0;

  constructor(readonly plan: SimulationPlan) {
    const R = plan.nRisks;
    const F = plan.nFlows;
    this.dijkstra = new CsrDijkstra(plan.graph);
    this.lam = new Float64Array(R);
    this.ztP1 = new Float64Array(R);
    this.needs = new Uint8Array(R);
    this.seeder = new RiskBlockSeeder(plan.root);
    this.word = new Uint32Array(R);
    let largestGroup = 1;
    for (let r = 0; r < R; r++) {
      const head = plan.riskJointHead[r]!;
      const l = head < 0 ? plan.riskGenRate[r]! * plan.riskRaise[r]! : head === r ? plan.jointRate[r]! : 0;
      this.lam[r] = l;
      this.word[r] = riskWord(plan.root, head === r ? plan.jointHash[r]! : plan.riskHash[r]!);
      this.ztP1[r] = l > 0 && l <= ZERO_TRUNCATED_SEARCH_MAX ? zeroTruncatedP1(l) : 0;
      const elem = plan.riskElement[r]!;
      let needs = 0;
      if (plan.riskLossMode[r] !== LOSS_NONE) needs |= NEEDS_LOSS;
      if (plan.riskDowntime[r * DIST_STRIDE]! >= 0 && plan.elemFlowStart[elem + 1]! > plan.elemFlowStart[elem]!) needs |= NEEDS_OUTAGE;
      if (plan.trigStart[r + 1]! > plan.trigStart[r]!) needs |= NEEDS_WINDOWS;
      this.needs[r] = needs;
      if (head === r && plan.jointSize[r]! > largestGroup) largestGroup = plan.jointSize[r]!;
    }
    this.gKept = new Int32Array(largestGroup);
    this.gLoss = new Float64Array(largestGroup);
    this.gExKept = new Int32Array(largestGroup);
    this.gExLoss = new Float64Array(largestGroup);
    this.winHead = new Int32Array(R).fill(-1);
    this.acc = new Float64Array(R * ACC);
    this.riskOut = new Int32Array(R * RISK_OUT);
    for (let r = 0; r < R; r++) {
      const e = plan.riskElement[r]!;
      this.riskOut[r * RISK_OUT] = plan.elemFlowStart[e]!;
      this.riskOut[r * RISK_OUT + 1] = plan.elemFlowStart[e + 1]!;
      this.riskOut[r * RISK_OUT + 2] = plan.elemKeyLo[e]! | 0;
      this.riskOut[r * RISK_OUT + 3] = plan.elemKeyHi[e]! | 0;
    }
    this.elemMark = new Float64Array(plan.nElements).fill(-1);
    this.outIndex = new Int32Array(R).fill(-1);
    let nOutRisks = 0;
    for (let r = 0; r < R; r++) if (this.needs[r]! & NEEDS_OUTAGE) this.outIndex[r] = nOutRisks++;
    this.outRisk = new Int32Array(nOutRisks);
    for (let r = 0; r < R; r++) if (this.outIndex[r]! >= 0) this.outRisk[this.outIndex[r]!] = r;
    this.accOut = new Float64Array(nOutRisks * OUT);
    this.downCount = new Int32Array(plan.nElements);
    this.relMark = new Int32Array(plan.nElements);
    this.flowStamp = new Int32Array(F).fill(-1);
    this.flowOff = new Int32Array(F);
    this.flowCount = new Int32Array(F);
    this.sweptFlows = new Int32Array(F);
  }

  /**
   * Simulates trials [first, first + count). `tailSize` is ⌈5 %⌉ of the whole run's trials; the
   * per-risk breakdown is kept for the batch's worst `tailSize` trials whose loss is at least
   * `tailFloor` (a lower bound of the run's tail threshold, such as the tailSize-th largest loss
   * of trials already simulated: any trial below it cannot be in the run's tail). `seen`, when
   * given, holds the largest losses of this run's trials simulated so far by the caller; the batch
   * adds its own and prunes with the higher of the two floors.
   */
  runBatch(first: number, count: number, tailSize: number, tailFloor = -Infinity, seen?: TopK): BatchSummary {
    const plan = this.plan;
    const out = emptySummary(first, count, plan.nRisks, plan.nFlows, tailSize);
    // the largest losses seen (the run's, or else this batch's own): after each block, the block's
    // breakdown entries of trials below the floor they give are dropped, so that a batch holds the
    // breakdown of about one block beyond its tail candidates, however many trials it runs
    const top = seen ?? new TopK(tailSize);
    this.nBd = 0;
    const end = first + count;
    for (let b = Math.floor(first / BLOCK); b * BLOCK < end; b++) {
      const blockFirst = b * BLOCK;
      const from = Math.max(first, blockFirst);
      const to = Math.min(end, blockFirst + BLOCK);
      const bdBlock = this.nBd;
      this.blockDirect.fill(0);
      this.blockInt.fill(0);
      this.blockReroute.fill(0);
      const nOut = this.generateBlock(b, from, to, out);
      if (nOut > 0) {
        this.bucketByTrial(nOut);
        for (let k = from - blockFirst; k < to - blockFirst; k++) {
          if (this.bucket[k + 1]! > this.bucket[k]!) this.interruptTrial(blockFirst + k, k, out);
        }
      }
      for (let t = from; t < to; t++) {
        const d = this.blockDirect[t - blockFirst]!;
        const i = this.blockInt[t - blockFirst]!;
        const x = this.blockReroute[t - blockFirst]!;
        out.losses[t - first] = d + i + x;
        if (d !== 0) out.money.add(0, d);
        if (i !== 0) out.money.add(1, i);
        if (x !== 0) out.money.add(2, x);
        top.push(d + i + x);
      }
      const blockFloor = Math.max(tailFloor, top.floor());
      if (blockFloor > -Infinity) this.pruneBreakdown(bdBlock, blockFloor, out.losses);
    }
    const acc = this.acc;
    for (let r = 0; r < plan.nRisks; r++) {
      const a = r * ACC;
      if (acc[a + ACC_TRIALS] === 0) continue;
      out.riskTrials[r] = acc[a + ACC_TRIALS]!;
      out.riskEvents[r] = acc[a + ACC_EVENTS]!;
      out.riskEventsSq[r] = acc[a + ACC_EVENTS_SQ]!;
      for (let slot = ACC_DIRECT; slot < ACC; slot++) {
        if (acc[a + slot] !== 0) this.sumOf(out, slot).addWholeQuanta(r, acc[a + slot]!);
      }
      acc.fill(0, a, a + ACC);
    }
    const accOut = this.accOut;
    for (let j = 0; j < this.outRisk.length; j++) {
      const a = j * OUT;
      for (let slot = 0; slot < OUT; slot++) {
        if (accOut[a + slot] !== 0) {
          this.outSumOf(out, slot).addWholeQuanta(this.outRisk[j]!, accOut[a + slot]!);
          accOut[a + slot] = 0;
        }
      }
    }
    const floor = Math.max(tailFloor, top.floor());
    out.tail = this.batchTail(first, count, tailSize, floor, out.losses);
    return out;
  }

  /**
   * Generates the events of block b, risk by risk in the plan's generation order, and books those in
   * trials [from, to): direct losses, counts and breakdown entries at once, and outages (on elements
   * some flow depends on) into the block's outage list for the sweep. Returns the number of outages.
   * A stream gives every event its two key words whether or not the event is in range or kept, so a
   * stream never shifts between baseline and treatments or between splits.
   */
  private generateBlock(b: number, from: number, to: number, out: BatchSummary): number {
    const plan = this.plan;
    const rs = this.rs;
    const blockFirst = b * BLOCK;
    this.nEv = 0;
    for (let i = 0; i < this.nWinRaised; i++) this.winHead[this.winRaised[i]!] = -1;
    this.nWinRaised = 0;
    this.nWin = 0;
    this.seeder.setBlock(b);
    const R = plan.nRisks;
    for (let gi = 0; gi < R; gi++) {
      const r = plan.genOrder[gi]!;
      const lambda = this.lam[r]!;
      if (!(lambda > 0)) continue;
      if (plan.riskJointHead[r]! >= 0) {
        this.generateJoint(r, b, from, to, out);
        continue;
      }
      const hash = plan.riskHash[r]!;
      this.seeder.seed(rs, hash, this.word[r]!);
      const invLambda = 1 / lambda;
      const p1 = this.ztP1[r]!;
      const keep = plan.riskKeep[r]!;
      const raise = plan.riskRaise[r]!;
      const needs = this.needs[r]!;
      const lossMode = plan.riskLossMode[r]!;
      const fastLoss = needs === NEEDS_LOSS && (lossMode === LOSS_AMOUNT || lossMode === LOSS_SITE_FRACTION);
      let k = -1;
      // the risk's counts over the block, added to its sums once
      let nTrials = 0;
      let nEvents = 0;
      let nEventsSq = 0;
      // and its direct loss sums (cents, Σ L², Σ L·N) while each stays below 2^52: exact integers
      let sumCents = 0;
      let sumSq = 0;
      let sumLN = 0;
      for (;;) {
        // failures before the next trial with ≥ 1 event: P(trial has an event) = 1 − e^−λ
        // (an exponential E by ziggurat: P(⌊E/λ⌋ ≥ g) = e^−λg); a NaN gap (λ subnormal) ends the block
        const gap = Math.floor(zigguratExponential(rs) * invLambda);
        if (!(gap < BLOCK - 1 - k)) break;
        k += gap + 1;
        const events = p1 > 0 ? sampleZeroTruncatedPoissonP1(rs, lambda, p1) : sampleZeroTruncatedPoisson(rs, lambda);
        const trial = blockFirst + k;
        if (trial < from || trial >= to) {
          for (let j = 2 * events; j > 0; j--) rs.nextU32(); // the key words of events outside the range
          continue;
        }
        let kept = 0;
        const trialOut = this.nEv;
        this.tLoss = 0;
        this.tExKept = 0;
        this.tExLoss = 0;
        for (let j = 0; j < events; j++) {
          const key1 = rs.nextU32();
          const key2 = rs.nextU32();
          const u = key2 * U32;
          if (raise === 1) {
            if (u >= keep) continue;
            kept++;
            if (fastLoss) this.fastLoss(r, key1, key2);
            else if (needs !== 0) this.keptEvent(r, k, key1, key2, -1, 0, out);
          } else if (this.raisedKept(r, k, key1, key2, u * raise, keep, raise, out)) kept++;
        }
        if (kept > 0) {
          nTrials++;
          nEvents += kept;
          nEventsSq += kept * kept;
          const loss = this.tLoss;
          if (this.tExKept > 0 || this.nEv > trialOut) this.bookLoss(r, k, trial, kept, loss, this.tExKept, this.tExLoss, trialOut, out);
          else if (loss > 0) {
            // bookDirect with the sums in locals (one memory update per risk and block)
            const c = Math.round(loss * MONEY_SCALE);
            const cSum = sumCents + c;
            const sqSum = sumSq + Math.round(loss * loss * SQUARE_SCALE);
            const lnSum = sumLN + c * kept;
            if (cSum < CENTS_FLUSH && sqSum < CENTS_FLUSH && lnSum < CENTS_FLUSH) {
              sumCents = cSum;
              sumSq = sqSum;
              sumLN = lnSum;
              this.blockDirect[k]! += loss;
              this.addBreakdown(trial - out.firstTrial, r, loss);
            } else this.bookDirect(r, k, trial, kept, loss, out);
          }
        }
      }
      if (nTrials > 0) {
        const a = r * ACC;
        this.acc[a + ACC_TRIALS]! += nTrials;
        this.acc[a + ACC_EVENTS]! += nEvents;
        this.acc[a + ACC_EVENTS_SQ]! += nEventsSq;
        if (sumCents !== 0) this.accumulate(r, ACC_DIRECT, sumCents, out);
        if (sumSq !== 0) this.accumulate(r, ACC_SQ, sumSq, out);
        if (sumLN !== 0) this.accumulate(r, ACC_LN, sumLN, out);
      }
    }
    return this.nEv;
  }

  /**
   * The common kept event of risk r: a loss on a site or an amount, its severity controls, nothing
   * else; adds it to tLoss. The same draws and arithmetic as keptEvent and directLoss, in a function
   * small enough for its samplers to be inlined into it (and a loss passed through a field, not
   * returned: a returned double would be boxed).
   */
  private fastLoss(r: number, key1: number, key2: number): void {
    const plan = this.plan;
    const ev = this.ev;
    seedEvent(ev, key1, key2, plan.riskHash[r]!);
    const o = r * DIST_STRIDE;
    const code = plan.riskLoss[o]!;
    let x = code === DIST_LOGNORMAL ? exp(plan.riskLoss[o + 1]! + plan.riskLoss[o + 2]! * zigguratNormal(ev)) : sampleCompiled(ev, code, plan.riskLoss[o + 1]!, plan.riskLoss[o + 2]!, plan.riskLoss[o + 3]!);
    x = plan.riskLossMode[r] === LOSS_SITE_FRACTION ? (x < 0 ? 0 : x > 1 ? 1 : x) * plan.riskExposure[r]! : x > 0 ? x : 0;
    const sevTo = plan.sevStart[r + 1]!;
    let c = plan.sevStart[r]!;
    if (c < sevTo) {
      const keyMix = eventKeyMix(key1);
      for (; c < sevTo; c++) if (keyedUniformMixed(keyMix, plan.sevHash[c]!) < plan.sevReliability[c]!) x *= plan.sevFactor[c]!;
    }
    this.tLoss += x;
  }

  /**
   * Whether a candidate event of raised risk r (generated at λgen × raise) is kept: below keep
   * without a window (keep draw × raise = `uRaised`), below keep × the open windows' factor inside
   * them; the latter are the triggered excess. Draws the event's time first when the windows matter.
   */
  private raisedKept(r: number, k: number, key1: number, key2: number, uRaised: number, keep: number, raise: number, out: BatchSummary): boolean {
    let time = -1;
    let excess = 0;
    if (uRaised >= keep) {
      if (uRaised >= keep * raise) return false;
      time = eventTimeUniform(key1, key2) * this.plan.horizonDays;
      if (uRaised >= keep * this.windowFactor(r, k, time)) return false;
      excess = 1;
      this.tExKept++;
    }
    if (this.needs[r] !== 0) this.keptEvent(r, k, key1, key2, time, excess, out);
    return true;
  }

  /**
   * What a kept event of risk r needs beyond its count: its loss and downtime from the event's own
   * stream (in that order), its start time (keyed; unless `time` ≥ 0 was taken already) for its
   * outage and trigger windows; adds its loss to the trial's tLoss (and tExLoss when it is excess).
   */
  private keptEvent(r: number, k: number, key1: number, key2: number, time: number, excess: number, out: BatchSummary): void {
    const plan = this.plan;
    const ev = this.ev;
    const needs = this.needs[r]!;
    if (needs & (NEEDS_LOSS | NEEDS_OUTAGE)) seedEvent(ev, key1, key2, plan.riskHash[r]!);
    if (time < 0 && needs & (NEEDS_OUTAGE | NEEDS_WINDOWS)) time = eventTimeUniform(key1, key2) * plan.horizonDays;
    const keyMix = eventKeyMix(key1);
    if (needs & NEEDS_LOSS) {
      this.directLoss(r, keyMix, out);
      this.tLoss += this.xLoss;
      if (excess) this.tExLoss += this.xLoss;
    }
    if (needs & NEEDS_OUTAGE) {
      const o = r * DIST_STRIDE;
      const d = sampleCompiled(ev, plan.riskDowntime[o]!, plan.riskDowntime[o + 1]!, plan.riskDowntime[o + 2]!, plan.riskDowntime[o + 3]!);
      const down = this.controlDowntime(r, keyMix, d);
      if (down > 0) this.pushOutage(k, r, time, down, excess);
    }
    if (needs & NEEDS_WINDOWS) this.openWindows(r, k, time);
  }

  /**
   * Generates block b of the joint group headed by risk h: one stream at the group's rate; each
   * event has one start time and one downtime draw, shared, and hits each member whose
   * λgen × keep / (the group's rate) is above the event's keep draw (the same draw for all: the
   * members hit are nested). Each member hit draws its own loss from (event, member).
   */
  private generateJoint(h: number, b: number, from: number, to: number, out: BatchSummary): void {
    const plan = this.plan;
    const rs = this.rs;
    const ev = this.ev;
    const H = plan.horizonDays;
    const blockFirst = b * BLOCK;
    const n = plan.jointSize[h]!;
    const lambda = this.lam[h]!;
    const hash = plan.jointHash[h]!;
    this.seeder.seed(rs, hash, this.word[h]!);
    const invLambda = 1 / lambda;
    const p1 = this.ztP1[h]!;
    const o = h * DIST_STRIDE;
    const downCode = plan.riskDowntime[o]!;
    let k = -1;
    for (;;) {
      const gap = Math.floor(zigguratExponential(rs) * invLambda);
      if (!(gap < BLOCK - 1 - k)) break;
      k += gap + 1;
      const events = p1 > 0 ? sampleZeroTruncatedPoissonP1(rs, lambda, p1) : sampleZeroTruncatedPoisson(rs, lambda);
      const trial = blockFirst + k;
      if (trial < from || trial >= to) {
        for (let j = 2 * events; j > 0; j--) rs.nextU32();
        continue;
      }
      this.gKept.fill(0, 0, n);
      this.gLoss.fill(0, 0, n);
      this.gExKept.fill(0, 0, n);
      this.gExLoss.fill(0, 0, n);
      const trialOut = this.nEv;
      let nj = 0;
      for (let j = 0; j < events; j++) {
        const key1 = rs.nextU32();
        const key2 = rs.nextU32();
        const u = key2 * U32;
        const time = eventTimeUniform(key1, key2) * H;
        let shared = 0;
        if (downCode >= 0) {
          seedEvent(ev, key1, key2, hash);
          shared = sampleCompiled(ev, downCode, plan.riskDowntime[o + 1]!, plan.riskDowntime[o + 2]!, plan.riskDowntime[o + 3]!);
        }
        for (let i = 0; i < n; i++) {
          const r = h + i;
          if (!(u * lambda < plan.riskGenRate[r]! * plan.riskKeep[r]!)) continue;
          this.gKept[i]!++;
          const needs = this.needs[r]!;
          if (needs === 0) continue;
          const rh = plan.riskHash[r]!;
          const keyMix = eventKeyMix((key1 ^ rh) | 0);
          if (needs & NEEDS_LOSS) {
            seedEvent(ev, key1, key2, rh);
            this.directLoss(r, keyMix, out);
            this.gLoss[i]! += this.xLoss;
          }
          if (needs & NEEDS_OUTAGE) {
            const down = this.controlDowntime(r, keyMix, shared);
            if (down > 0) {
              if (nj >= this.jMember.length) {
                this.jMember = grow(this.jMember, nj + 1);
                this.jTime = grow(this.jTime, nj + 1);
                this.jDown = grow(this.jDown, nj + 1);
              }
              this.jMember[nj] = i;
              this.jTime[nj] = time;
              this.jDown[nj++] = down;
            }
          }
          if (needs & NEEDS_WINDOWS) this.openWindows(r, k, time);
        }
      }
      // a risk's outages in a trial stay together (the sweep gives each run of them one slot)
      for (let i = 0; i < n && nj > 0; i++) {
        for (let q = 0; q < nj; q++) if (this.jMember[q] === i) this.pushOutage(k, h + i, this.jTime[q]!, this.jDown[q]!, 0);
      }
      for (let i = 0; i < n; i++) {
        if (this.gKept[i]! > 0) this.book(h + i, k, trial, this.gKept[i]!, this.gLoss[i]!, this.gExKept[i]!, this.gExLoss[i]!, trialOut, out);
      }
    }
  }

  /**
   * The direct loss of a kept event of risk r, drawn from the event's stream (the flow hit first,
   * for a shipment loss), then reduced by the severity controls that perform (keyed draws).
   */
  private directLoss(r: number, keyMix: number, out: BatchSummary): void {
    const plan = this.plan;
    const ev = this.ev;
    const mode = plan.riskLossMode[r]!;
    const o = r * DIST_STRIDE;
    const code = plan.riskLoss[o]!;
    const uPick = mode === LOSS_SHIPMENT_FRACTION ? ev.next() : 0;
    const x = code === DIST_LOGNORMAL ? exp(plan.riskLoss[o + 1]! + plan.riskLoss[o + 2]! * zigguratNormal(ev)) : sampleCompiled(ev, code, plan.riskLoss[o + 1]!, plan.riskLoss[o + 2]!, plan.riskLoss[o + 3]!);
    let loss: number;
    if (mode === LOSS_SITE_FRACTION) loss = (x < 0 ? 0 : x > 1 ? 1 : x) * plan.riskExposure[r]!;
    else if (mode === LOSS_SHIPMENT_FRACTION) loss = this.shipmentLoss(plan.riskElement[r]! - plan.nSites, x, uPick);
    else loss = x > 0 ? x : 0;
    for (let c = plan.sevStart[r]!, ce = plan.sevStart[r + 1]!; c < ce; c++) {
      if (keyedUniformMixed(keyMix, plan.sevHash[c]!) < plan.sevReliability[c]!) loss *= plan.sevFactor[c]!;
    }
    if (mode === LOSS_SHIPMENT_FRACTION && loss > 0) out.flowDirect.add(this.pickedFlow, loss);
    this.xLoss = loss;
  }

  /** A downtime draw d of risk r, reduced by the downtime controls that perform (keyed draws). */
  private controlDowntime(r: number, keyMix: number, d: number): number {
    const plan = this.plan;
    let down = d > 0 ? d : 0;
    for (let c = plan.downStart[r]!, ce = plan.downStart[r + 1]!; c < ce; c++) {
      if (keyedUniformMixed(keyMix, plan.downHash[c]!) < plan.downReliability[c]!) down *= plan.downFactor[c]!;
    }
    return down;
  }

  private pushOutage(k: number, r: number, time: number, down: number, excess: number): void {
    const n = this.nEv;
    if (n >= this.evTrial.length) this.growEvents(n + 1);
    const stop = time + down;
    const H = this.plan.horizonDays;
    this.evTrial[n] = k;
    const rec = this.evRec;
    const o = n * REC;
    rec[o] = time;
    rec[o + 1] = stop < H ? stop : H;
    rec[o + 2] = 0;
    rec[o + 3] = 0;
    rec[o + 4] = 2 * r + excess;
    const ro = this.riskOut;
    const a = r * RISK_OUT;
    rec[o + 5] = this.plan.riskElement[r]!;
    rec[o + 6] = ro[a]!;
    rec[o + 7] = ro[a + 1]!;
    rec[o + 8] = ro[a + 2]!;
    rec[o + 9] = ro[a + 3]!;
    rec[o + 10] = this.outIndex[r]!;
    this.nEv = n + 1;
  }

  /** Opens the windows of an event of risk a at `time` in trial k of the block, on every risk it raises. */
  private openWindows(a: number, k: number, time: number): void {
    const plan = this.plan;
    for (let e = plan.trigStart[a]!, ee = plan.trigStart[a + 1]!; e < ee; e++) {
      const w = this.nWin;
      if (w >= this.winTrial.length) this.growWindows(w + 1);
      const b = plan.trigRisk[e]!;
      this.winTrial[w] = k;
      this.winStart[w] = time;
      this.winEnd[w] = time + plan.trigDays[e]!;
      this.winFactor[w] = plan.trigFactor[e]!;
      if (this.winHead[b] === -1) {
        if (this.nWinRaised >= this.winRaised.length) this.winRaised = grow(this.winRaised, this.nWinRaised + 1);
        this.winRaised[this.nWinRaised++] = b;
      }
      this.winNext[w] = this.winHead[b]!;
      this.winHead[b] = w;
      this.nWin = w + 1;
    }
  }

  /** The factor on risk r at `time` of trial k: the largest of its open windows (they do not stack), else 1. */
  private windowFactor(r: number, k: number, time: number): number {
    let f = 1;
    for (let w = this.winHead[r]!; w >= 0; w = this.winNext[w]!) {
      if (this.winTrial[w] === k && this.winStart[w]! <= time && time < this.winEnd[w]! && this.winFactor[w]! > f) f = this.winFactor[w]!;
    }
    return f;
  }

  private growWindows(n: number): void {
    this.winNext = grow(this.winNext, n);
    this.winTrial = grow(this.winTrial, n);
    this.winStart = grow(this.winStart, n);
    this.winEnd = grow(this.winEnd, n);
    this.winFactor = grow(this.winFactor, n);
  }

  /**
   * Books risk r's `kept` events in trial `trial` (block position k) with direct loss `loss`, of
   * which `exKept` events and `exLoss` are the triggered excess: counts, exact sums, the trial's
   * direct loss and a breakdown entry; and stamps the risk's outages of the trial (from `trialOut`)
   * with its direct loss and events there, for the impact interval.
   */
  private book(r: number, k: number, trial: number, kept: number, loss: number, exKept: number, exLoss: number, trialOut: number, out: BatchSummary): void {
    const acc = this.acc;
    const a = r * ACC;
    acc[a + ACC_TRIALS]!++;
    acc[a + ACC_EVENTS]! += kept;
    acc[a + ACC_EVENTS_SQ]! += kept * kept;
    this.bookLoss(r, k, trial, kept, loss, exKept, exLoss, trialOut, out);
  }

  /** The part of book beyond the counts: the excess, the risk's outages in the trial, and its direct loss. */
  private bookLoss(r: number, k: number, trial: number, kept: number, loss: number, exKept: number, exLoss: number, trialOut: number, out: BatchSummary): void {
    if (exKept > 0) {
      out.riskExcessEvents.addQuanta(r, exKept);
      if (exLoss > 0) out.riskExcess.add(r, exLoss);
    }
    const rec = this.evRec;
    for (let q = trialOut; q < this.nEv; q++) {
      const v = rec[q * REC + 4]!;
      if (v === 2 * r || v === 2 * r + 1) {
        rec[q * REC + 2] = loss;
        rec[q * REC + 3] = kept;
      }
    }
    if (loss > 0) this.bookDirect(r, k, trial, kept, loss, out);
  }

  /**
   * Books risk r's direct loss `loss` (> 0) of `kept` events in trial `trial` (block position k):
   * into the trial, the exact sums (cents, and the impact interval's Σ L² and Σ L·N, as integers)
   * and a breakdown entry.
   */
  private bookDirect(r: number, k: number, trial: number, kept: number, loss: number, out: BatchSummary): void {
    this.blockDirect[k]! += loss;
    const c = Math.round(loss * MONEY_SCALE);
    this.accumulate(r, ACC_DIRECT, c, out);
    this.accumulate(r, ACC_SQ, Math.round(loss * loss * SQUARE_SCALE), out);
    this.accumulate(r, ACC_LN, c * kept, out);
    this.addBreakdown(trial - out.firstTrial, r, loss);
  }

  /** Adds q quanta to risk r's sum `slot` of the batch, moving it into the summary before it could stop being exact. */
  private accumulate(r: number, slot: number, q: number, out: BatchSummary): void {
    const i = r * ACC + slot;
    const v = this.acc[i]! + q;
    if (v < CENTS_FLUSH) this.acc[i] = v;
    else if (q < CENTS_FLUSH) {
      this.sumOf(out, slot).addWholeQuanta(r, v); // both below 2^52: v is exact
      this.acc[i] = 0;
    } else this.sumOf(out, slot).addWholeQuanta(r, q); // too large to add to the slot exactly
  }

  /** The summary's exact sums that ACC slot `slot` (ACC_DIRECT and above) goes into. */
  private sumOf(out: BatchSummary, slot: number) {
    switch (slot) {
      case ACC_DIRECT:
        return out.riskDirect;
      case ACC_SQ:
        return out.riskLossSq;
      default:
        return out.riskLossEvents;
    }
  }

  /** Adds q quanta to the sweep's sum `slot` of compact outage risk j, moving it on before it could stop being exact. */
  private accumulateOut(j: number, slot: number, q: number, out: BatchSummary): void {
    const i = j * OUT + slot;
    const v = this.accOut[i]! + q;
    if (v < CENTS_FLUSH) this.accOut[i] = v;
    else if (q < CENTS_FLUSH && q > -CENTS_FLUSH) {
      this.outSumOf(out, slot).addWholeQuanta(this.outRisk[j]!, v); // both below 2^52: v is exact
      this.accOut[i] = 0;
    } else this.outSumOf(out, slot).addWholeQuanta(this.outRisk[j]!, q); // too large to add to the slot exactly
  }

  /** The summary's exact sums that OUT slot `slot` goes into. */
  private outSumOf(out: BatchSummary, slot: number) {
    switch (slot) {
      case OUT_INT:
        return out.riskInterruption;
      case OUT_REROUTE:
        return out.riskReroute;
      case OUT_SQ:
        return out.riskLossSq;
      default:
        return out.riskLossEvents;
    }
  }

  /** Direct loss of a shipment-fraction event on a lane before controls; the struck flow, picked by shipment share, goes to pickedFlow. */
  private shipmentLoss(lane: number, x: number, uPick: number): number {
    const plan = this.plan;
    let i = plan.laneFlowStart[lane]!;
    const last = plan.laneFlowStart[lane + 1]! - 1;
    if (last < i) return 0;
    while (i < last && uPick >= plan.laneFlowCum[i]!) i++;
    const flow = plan.laneFlow[i]!;
    this.pickedFlow = flow;
    return (x < 0 ? 0 : x > 1 ? 1 : x) * plan.flowValuePerShipment[flow]!;
  }

  private growBreakdown(n: number): void {
    this.bdIdx = grow(this.bdIdx, n);
    this.bdRisk = grow(this.bdRisk, n);
    this.bdLoss = grow(this.bdLoss, n);
  }

  private addBreakdown(idx: number, r: number, loss: number): void {
    const w = this.nBd++;
    if (w >= this.bdRisk.length) this.growBreakdown(w + 1);
    this.bdIdx[w] = idx;
    this.bdRisk[w] = r;
    this.bdLoss[w] = loss;
  }

  /** Drops the breakdown entries from `start` on whose trial lost less than `floor` (they cannot be in the tail). */
  private pruneBreakdown(start: number, floor: number, losses: Float64Array): void {
    const idx = this.bdIdx;
    const risk = this.bdRisk;
    const loss = this.bdLoss;
    const n = this.nBd;
    let w = start;
    for (let i = start; i < n; i++) {
      const t = idx[i]!;
      if (!(losses[t]! >= floor)) continue;
      if (w !== i) {
        idx[w] = t;
        risk[w] = risk[i]!;
        loss[w] = loss[i]!;
      }
      w++;
    }
    this.nBd = w;
  }

  private growEvents(n: number): void {
    this.evTrial = grow(this.evTrial, n);
    this.evRec = grow(this.evRec, this.evTrial.length * REC);
    this.sorted = grow(this.sorted, this.evTrial.length * REC);
  }

  /**
   * Stable counting sort of the block's outage records by trial into `sorted` (generation order kept
   * within a trial): the sweep then reads each trial's outages from consecutive memory.
   */
  private bucketByTrial(nEv: number): void {
    const bucket = this.bucket;
    bucket.fill(0);
    for (let e = 0; e < nEv; e++) bucket[this.evTrial[e]! + 1]!++;
    for (let k = 0; k < BLOCK; k++) bucket[k + 1]! += bucket[k]!;
    // fill using a moving cursor per trial, then restore the starts
    const rec = this.evRec;
    const sorted = this.sorted;
    for (let e = 0; e < nEv; e++) {
      const to = bucket[this.evTrial[e]!]!++ * REC;
      const from = e * REC;
      for (let i = 0; i < REC; i++) sorted[to + i] = rec[from + i]!;
    }
    for (let k = BLOCK; k > 0; k--) bucket[k] = bucket[k - 1]!;
    bucket[0] = 0;
  }

  /**
   * Sweeps one trial's outages; books interruption and reroute cost per flow and per risk. Each
   * outage is listed for every flow whose relevant elements hold it, and each flow with outages is
   * swept on its own: a flow's cost depends only on the outages between its ends.
   */
  private interruptTrial(trial: number, localTrial: number, out: BatchSummary): void {
    const plan = this.plan;
    let nTouched = 0;
    let nOut = 0;
    this.trialInt = 0;
    this.trialReroute = 0;
    // a fresh mark for every trial this Simulator sweeps (not the trial index: a trial may be run again)
    if (++this.trialId === 0x7fffffff) {
      this.trialId = 1;
      this.flowStamp.fill(-1);
    }
    const id = this.trialId;
    const rec = this.sorted;
    const qe = this.bucket[localTrial + 1]!;
    if (qe - this.bucket[localTrial]! > this.outRec.length) this.growOutages(qe - this.bucket[localTrial]!);
    // a risk's outages in a trial are consecutive (generated together, sorted stably): one slot each run
    let prevRisk = -1;
    let slot = -1;
    for (let q = this.bucket[localTrial]!; q < qe; q++) {
      const o = q * REC;
      const r = (rec[o + 4]! | 0) >> 1;
      if (r !== prevRisk) {
        prevRisk = r;
        slot = nTouched++;
        this.slotRisk[slot] = r;
        this.slotInt[slot] = 0;
        this.slotReroute[slot] = 0;
        this.slotExcess[slot] = 0;
        this.slotDirect[slot] = rec[o + 2]!;
        this.slotKept[slot] = rec[o + 3]!;
        this.slotOut[slot] = rec[o + 10]!;
      }
      if (!(rec[o + 1]! > rec[o]!)) continue; // a zero-length outage
      this.outRec[nOut] = o;
      this.outSlot[nOut++] = slot;
    }
    // list each outage under every flow it concerns (counting sort by flow, in first-seen order)
    const efr = plan.elemFlowRoute;
    let nFlows = 0;
    let nEntries = 0;
    for (let k = 0; k < nOut; k++) {
      const o = this.outRec[k]!;
      for (let i = rec[o + 6]!, ie = rec[o + 7]!; i < ie; i++) {
        const f = efr[i]! >> 1;
        if (this.flowStamp[f] !== id) {
          this.flowStamp[f] = id;
          this.flowCount[f] = 0;
          this.sweptFlows[nFlows++] = f;
        }
        this.flowCount[f]!++;
        nEntries++;
      }
    }
    this.listOut = grow(this.listOut, nEntries);
    this.listOnRoute = grow(this.listOnRoute, nEntries);
    let at = 0;
    for (let i = 0; i < nFlows; i++) {
      const f = this.sweptFlows[i]!;
      this.flowOff[f] = at;
      at += this.flowCount[f]!;
      this.flowCount[f] = 0;
    }
    for (let k = 0; k < nOut; k++) {
      const o = this.outRec[k]!;
      for (let i = rec[o + 6]!, ie = rec[o + 7]!; i < ie; i++) {
        const v = efr[i]!;
        const f = v >> 1;
        const pos = this.flowOff[f]! + this.flowCount[f]!++;
        this.listOut[pos] = k;
        this.listOnRoute[pos] = v & 1;
      }
    }
    for (let i = 0; i < nFlows; i++) {
      const f = this.sweptFlows[i]!;
      this.sweepFlow(f, this.flowOff[f]!, this.flowCount[f]!, out);
    }
    for (let slot = 0; slot < nTouched; slot++) {
      const r = this.slotRisk[slot]!;
      const ri = this.slotInt[slot]!;
      const rx = this.slotReroute[slot]!;
      const j = this.slotOut[slot]!;
      if (ri !== 0) this.accumulateOut(j, OUT_INT, Math.round(ri * MONEY_SCALE), out);
      if (rx !== 0) this.accumulateOut(j, OUT_REROUTE, Math.round(rx * MONEY_SCALE), out);
      if (this.slotExcess[slot] !== 0) out.riskExcess.add(r, this.slotExcess[slot]!);
      const x = ri + rx;
      if (x !== 0) {
        this.addBreakdown(trial - out.firstTrial, r, x);
        // the risk's loss in this trial grows from d to d + x: (d + x)² − d² and x·N more
        const d = this.slotDirect[slot]!;
        this.accumulateOut(j, OUT_SQ, Math.round((x * x + 2 * d * x) * SQUARE_SCALE), out);
        this.accumulateOut(j, OUT_LN, Math.round(x * this.slotKept[slot]! * MONEY_SCALE), out);
      }
    }
    this.blockInt[localTrial] = this.trialInt;
    this.blockReroute[localTrial] = this.trialReroute;
  }

  private growOutages(n: number): void {
    this.outRec = grow(this.outRec, n);
    this.outSlot = grow(this.outSlot, n);
    const m = this.outRec.length;
    this.slotRisk = grow(this.slotRisk, m);
    this.slotInt = grow(this.slotInt, m);
    this.slotReroute = grow(this.slotReroute, m);
    this.slotExcess = grow(this.slotExcess, m);
    this.slotDirect = grow(this.slotDirect, m);
    this.slotKept = grow(this.slotKept, m);
    this.slotOut = grow(this.slotOut, m);
  }

  /**
   * Sweeps flow f's outages (entries listOut[off .. off + n)) in time order. Its state (primary
   * route, rerouted, cut) can change only where one of them starts or ends; each interval between
   * such points is settled with the state it had: rerouted days and their extra cost, shared among
   * the active outages on the primary route, or interruption cost, shared among all its active
   * outages. Every outage it applies it also removes (all end by the horizon), so the down counts
   * are back to zero for the next flow.
   */
  private sweepFlow(f: number, off: number, n: number, out: BatchSummary): void {
    const plan = this.plan;
    const H = plan.horizonDays;
    const nPoints = 2 * n;
    if (nPoints > this.pointTime.length) {
      this.pointTime = grow(this.pointTime, nPoints);
      this.pointId = grow(this.pointId, nPoints);
      this.pointOrder = grow(this.pointOrder, nPoints);
      this.active = grow(this.active, n);
      this.canon = grow(this.canon, n);
      this.localDown = grow(this.localDown, n);
    }
    const rec = this.sorted;
    const pt = this.pointTime;
    const pid = this.pointId;
    const canon = this.canon;
    const down = this.localDown;
    if (n > LOCAL_SCAN && ++this.elemStamp === 1024) {
      this.elemStamp = 1;
      this.elemMark.fill(-1);
    }
    const markBase = this.elemStamp * 2097152; // 2^21 entries at most per flow and trial
    for (let q = 0; q < n; q++) {
      const o = this.outRec[this.listOut[off + q]!]!;
      pt[2 * q] = rec[o]!;
      pid[2 * q] = q; // start of entry q
      pt[2 * q + 1] = rec[o + 1]!;
      pid[2 * q + 1] = ~q; // end of entry q
      // the first entry on the same element counts for all of them
      const e = rec[o + 5]!;
      let c = q;
      if (n <= LOCAL_SCAN) {
        for (let p = 0; p < q; p++) {
          if (rec[this.outRec[this.listOut[off + p]!]! + 5] === e) {
            c = canon[p]!;
            break;
          }
        }
      } else {
        const m = this.elemMark[e]! - markBase;
        if (m >= 0) c = m;
        else this.elemMark[e] = markBase + q;
      }
      canon[q] = c;
      down[q] = 0;
    }
    this.sortPoints(nPoints);
    const po = this.pointOrder;
    const act = this.active;
    let nAct = 0;
    let routeDown = 0;
    let sigLo = 0;
    let sigHi = 0;
    let status = 0;
    let extra = 0;
    let since = 0;
    let cutStart = NaN;
    let cutDays = 0;
    let rerouted = 0;
    let intCost = 0;
    let rerouteCost = 0;
    for (let q = 0; q < nPoints; ) {
      const t = pt[po[q]!]!;
      // settle [since, t) with the state it had
      if (t > since) {
        if (status === ROUTE_REROUTED) {
          rerouted += t - since;
          if (extra > 0) {
            const cost = (t - since) * plan.flowShipmentsPerDay[f]! * extra;
            rerouteCost += cost;
            this.share(this.slotReroute, cost, off, nAct, true);
          }
        } else if (status === ROUTE_CUT) {
          const billedB = t - cutStart - plan.flowBufferDays[f]!;
          if (billedB > 0) {
            const billedA = since - cutStart - plan.flowBufferDays[f]!;
            const cost = plan.flowCostPerDay[f]! * (billedB - (billedA > 0 ? billedA : 0));
            if (cost > 0) {
              intCost += cost;
              this.share(this.slotInt, cost, off, nAct, false);
            }
          }
        }
      }
      // apply every point at time t
      for (; q < nPoints && pt[po[q]!]! === t; q++) {
        const p = pid[po[q]!]!;
        const entry = p >= 0 ? p : ~p;
        const c = canon[entry]!;
        const o = this.outRec[this.listOut[off + entry]!]!;
        if (p >= 0) {
          act[nAct++] = entry;
          if (down[c]!++ === 0) {
            sigLo ^= rec[o + 8]!;
            sigHi ^= rec[o + 9]!;
            routeDown += this.listOnRoute[off + entry]!;
          }
        } else {
          for (let m = 0; m < nAct; m++) {
            if (act[m] === entry) {
              for (let j = m + 1; j < nAct; j++) act[j - 1] = act[j]!;
              nAct--;
              break;
            }
          }
          if (--down[c]! === 0) {
            sigLo ^= rec[o + 8]!;
            sigHi ^= rec[o + 9]!;
            routeDown -= this.listOnRoute[off + entry]!;
          }
        }
      }
      // the state from t on
      status = 0;
      extra = 0;
      if (routeDown > 0) {
        status = this.route(f, sigLo | 0, sigHi | 0, off, n);
        extra = this.routeExtra;
      }
      if (status === ROUTE_CUT) {
        if (!(cutStart === cutStart)) cutStart = t;
      } else if (cutStart === cutStart) {
        cutDays += t - cutStart;
        cutStart = NaN;
      }
      since = t;
    }
    // every outage ends by the horizon, so the flow is on its primary route after the last point
    if (cutStart === cutStart) cutDays += H - cutStart;
    this.trialInt += intCost;
    this.trialReroute += rerouteCost;
    if (intCost !== 0) out.flowInterruption.add(f, intCost);
    if (cutDays !== 0) out.flowCutDays.add(f, cutDays);
    if (rerouted !== 0) out.flowReroutedDays.add(f, rerouted);
    if (rerouteCost !== 0) out.flowReroute.add(f, rerouteCost);
  }

  /**
   * Shares `cost` equally among the flow's active outages (entries act[0 .. nAct) of its list from
   * `off`), or only those on its primary route when `onRoute`, into each one's risk (and into its
   * triggered excess when the outage came from one); `into` is indexed by the trial's risk slots.
   */
  private share(into: Float64Array, cost: number, off: number, nAct: number, onRoute: boolean): void {
    let n = 0;
    for (let m = 0; m < nAct; m++) if (!onRoute || this.listOnRoute[off + this.active[m]!]) n++;
    if (n === 0) return;
    const each = cost / n;
    for (let m = 0; m < nAct; m++) {
      const entry = this.active[m]!;
      if (onRoute && !this.listOnRoute[off + entry]) continue;
      const k = this.listOut[off + entry]!;
      const slot = this.outSlot[k]!;
      into[slot]! += each;
      if ((this.sorted[this.outRec[k]! + 4]! | 0) & 1) this.slotExcess[slot]! += each;
    }
  }

  /**
   * Sorts point indices 0..n−1 into pointOrder by (time, index): insertion sort for a few points,
   * bottom-up merge sort (stable, O(n log n), scratch preallocated) for many.
   */
  private sortPoints(n: number): void {
    const pt = this.pointTime;
    let a = this.pointOrder;
    if (n <= 32) {
      for (let i = 0; i < n; i++) {
        let j = i;
        while (j > 0 && pt[a[j - 1]!]! > pt[i]!) {
          a[j] = a[j - 1]!;
          j--;
        }
        a[j] = i;
      }
      return;
    }
    this.pointTmp = grow(this.pointTmp, n);
    let b = this.pointTmp;
    for (let i = 0; i < n; i++) a[i] = i;
    for (let width = 1; width < n; width *= 2) {
      for (let lo = 0; lo < n; lo += 2 * width) {
        const mid = Math.min(lo + width, n);
        const hi = Math.min(lo + 2 * width, n);
        let i = lo;
        let j = mid;
        let k = lo;
        while (i < mid && j < hi) b[k++] = pt[a[j]!]! < pt[a[i]!]! ? a[j++]! : a[i++]!;
        while (i < mid) b[k++] = a[i++]!;
        while (j < hi) b[k++] = a[j++]!;
      }
      const t = a;
      a = b;
      b = t;
    }
    if (a !== this.pointOrder) this.pointOrder.set(a.subarray(0, n));
  }

  /**
   * Reroute status of flow f for its current down set (signature lo, hi), cached by (flow,
   * signature); sets routeExtra to the extra transport cost per shipment of the detour over the
   * primary route (≥ 0). A miss searches only the flow's relevant subgraph: every path between its
   * ends lies in it, and a search that finds none stops at its edge.
   */
  private route(f: number, lo: number, hi: number, off: number, n: number): number {
    const mask = (1 << CACHE_BITS) - 1;
    const set = (Math.imul(lo ^ Math.imul(f, 0x9e3779b1), 0x85ebca6b) ^ hi) & mask & ~(CACHE_WAYS - 1);
    let free = -1;
    const cache = this.cache;
    for (let w = 0; w < CACHE_WAYS; w++) {
      const h = 4 * (set + w);
      const cf = cache[h]!;
      if (cf === f && cache[h + 1] === lo && cache[h + 2] === hi) {
        const v = cache[h + 3]!;
        this.routeExtra = v >= 0 ? v : 0;
        return v >= 0 ? ROUTE_REROUTED : ROUTE_CUT;
      }
      if (cf === -1 && free < 0) free = set + w;
    }
    const plan = this.plan;
    if (this.relFlow !== f) {
      if (++this.relStamp === 0x7fffffff) {
        this.relStamp = 1;
        this.relMark.fill(0);
      }
      for (let i = plan.relevantStart[f]!, ie = plan.relevantStart[f + 1]!; i < ie; i++) this.relMark[plan.relevantElem[i]!] = this.relStamp;
      this.relFlow = f;
    }
    const to = plan.flowTo[f]!;
    // the flow's down elements, marked just for the search
    const rec = this.sorted;
    for (let q = 0; q < n; q++) if (this.localDown[this.canon[q]!]! > 0) this.downCount[rec[this.outRec[this.listOut[off + q]!]! + 5]!] = 1;
    const d = this.dijkstra.shortest(plan.flowFrom[f]!, to, this.downCount, this.relMark, this.relStamp);
    for (let q = 0; q < n; q++) this.downCount[rec[this.outRec[this.listOut[off + q]!]! + 5]!] = 0;
    const status = d < Infinity ? ROUTE_REROUTED : ROUTE_CUT;
    let extra = 0;
    if (status === ROUTE_REROUTED) {
      // the detour's cost per shipment, walking the path back from the destination (no allocation)
      const prev = this.dijkstra.prevLane;
      const laneFrom = plan.graph.laneFrom;
      let cost = 0;
      for (let v = to, l = prev[v]!; l >= 0; v = laneFrom[l]!, l = prev[v]!) cost += plan.laneCost[l]!;
      extra = cost - plan.flowRouteCost[f]!;
      if (!(extra > 0)) extra = 0;
    }
    this.routeExtra = extra;
    const h = free >= 0 ? free : set + (this.cacheVictim++ & (CACHE_WAYS - 1));
    cache[4 * h] = f;
    cache[4 * h + 1] = lo;
    cache[4 * h + 2] = hi;
    cache[4 * h + 3] = status === ROUTE_CUT ? -1 : extra;
    return status;
  }

  /** The batch's worst `tailSize` trials at or above `floor`, with their per-risk breakdown (ranked). */
  private batchTail(first: number, count: number, tailSize: number, floor: number, losses: Float64Array) {
    // candidates: trials at or above the floor, numbered in trial order (−1 = not kept)
    this.bdOrder = grow(this.bdOrder, count);
    const slot = this.bdOrder;
    let m = 0;
    for (let i = 0; i < count; i++) slot[i] = losses[i]! >= floor ? m++ : -1;
    const trial = new Int32Array(m);
    const loss = new Float64Array(m);
    for (let i = 0; i < count; i++) {
      const j = slot[i]!;
      if (j >= 0) {
        trial[j] = first + i;
        loss[j] = losses[i]!;
      }
    }
    const start = new Int32Array(m + 1);
    const n = this.nBd;
    for (let w = 0; w < n; w++) {
      const j = slot[this.bdIdx[w]!]!;
      if (j >= 0) start[j + 1]!++;
    }
    for (let j = 0; j < m; j++) start[j + 1]! += start[j]!;
    this.bdStart = grow(this.bdStart, m + 1);
    const cursor = this.bdStart;
    cursor.set(start.subarray(0, m));
    const risk = new Int32Array(start[m]!);
    const riskLoss = new Float64Array(start[m]!);
    for (let w = 0; w < n; w++) {
      const j = slot[this.bdIdx[w]!]!;
      if (j < 0) continue;
      const at = cursor[j]!++;
      risk[at] = this.bdRisk[w]!;
      riskLoss[at] = this.bdLoss[w]!;
    }
    // ranked, as a merge ranks (the floors leave few candidates beyond the tail to sort)
    return selectTail([{ trial, loss, start, risk, riskLoss }], tailSize);
  }
}

/** Simulates trials [first, first + count) of `plan` (a fresh Simulator; reuse one for many batches). */
export function runBatch(plan: SimulationPlan, first: number, count: number, tailSize: number, tailFloor = -Infinity): BatchSummary {
  return new Simulator(plan).runBatch(first, count, tailSize, tailFloor);
}
