// The trial kernel: simulates trials [first, first + count) of a plan and returns a
// mergeable BatchSummary. Events are generated risk by risk over fixed blocks of BLOCK trials, each
// (risk, block) with its own stream and geometric skip-ahead to the next trial with an event, so a
// rare risk costs one draw per block. Every event takes the same draws from its risk's stream
// whatever the controls do (frequency controls thin events; severity and downtime controls act with
// draws keyed by (event key, control)), so baseline and treatments share every random number they
// can. Direct losses are booked as events are generated; outages go through a per-trial time sweep.
// The loop reads only typed arrays and preallocated scratch space; nothing is allocated per trial.
// The semantics, step by step: docs/simulation.md.
import type { SimulationPlan } from '../plan/plan.js';
import { LOSS_NONE, LOSS_SHIPMENT_FRACTION, LOSS_SITE_FRACTION } from '../plan/plan.js';
import { Rng } from '../rng/rng.js';
import { eventKeyMix, keyedUniformMixed, seedRiskBlock } from '../rng/stream.js';
import { exp } from '../math/det-math.js';
import { DIST_LOGNORMAL, DIST_STRIDE, drawsPerSample, sampleCompiled } from '../sampling/dist.js';
import { zigguratExponential, zigguratNormal } from '../sampling/ziggurat.js';
import {
  sampleZeroTruncatedPoisson,
  sampleZeroTruncatedPoissonP1,
  ZERO_TRUNCATED_SEARCH_MAX,
  zeroTruncatedP1,
} from '../sampling/poisson.js';
import { emptySummary, selectTail, type BatchSummary } from '../summary/batch-summary.js';
import { MONEY_SCALE, SQUARE_SCALE } from '../summary/exact-sums.js';
import type { TopK } from '../summary/top-k.js';
import { CsrDijkstra } from '../graph/csr-dijkstra.js';

/** Integer sums of cents stay exact in a float64 below this; larger ones are moved on at once. */
const CENTS_FLUSH = 4503599627370496; // 2^52

/** Trials per (risk, block) random stream. Fixed: changing it changes every result. */
export const BLOCK = 256;

const ROUTE_REROUTED = 1;
const ROUTE_CUT = 2;
const CACHE_BITS = 15;

/** Grows a typed array to at least `n` entries, keeping its content. */
function grow<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/** Reusable kernel state for one plan: scratch arrays sized once and grown rarely. */
export class Simulator {
  private readonly rs = new Rng();
  private readonly dijkstra: CsrDijkstra;
  // outages of the current block (risk-major), then bucketed by trial
  private evTrial = new Int32Array(1024);
  private evRisk = new Int32Array(1024);
  private evTime = new Float64Array(1024);
  private evEnd = new Float64Array(1024);
  /** The direct loss and the kept events of the outage's risk in its trial (for the impact interval). */
  private evDirect = new Float64Array(1024);
  private evKept = new Int32Array(1024);
  private order = new Int32Array(1024);
  private readonly bucket = new Int32Array(BLOCK + 1);
  // direct and interruption loss of each trial of the current block
  private readonly blockDirect = new Float64Array(BLOCK);
  private readonly blockInt = new Float64Array(BLOCK);
  private readonly blockReroute = new Float64Array(BLOCK);
  /** Direct loss of each risk in the current batch, in whole cents not yet moved into the summary. */
  private readonly riskCents: Float64Array;
  /**
   * Likewise for the impact interval: Σ of each (risk, trial)'s squared direct loss in quanta of
   * SQUARE_SCALE, and of its direct loss in cents × its events, not yet moved into the summary.
   */
  private readonly riskSqQuanta: Float64Array;
  private readonly riskLnCents: Float64Array;
  /** P(N = 1 | N ≥ 1) of each risk's events per trial (0 when λ is too large for the fast search). */
  private readonly riskZtP1: Float64Array;
  // per-trial scratch: risks with outages in the trial
  private readonly riskStamp: Int32Array;
  private readonly riskTrialInt: Float64Array;
  private readonly riskTrialReroute: Float64Array;
  /** Direct loss and kept events of each touched risk in the trial being swept. */
  private readonly riskTrialDirect: Float64Array;
  private readonly riskTrialKept: Int32Array;
  private readonly touched: Int32Array;
  // outages of the current trial
  private outElem = new Int32Array(64);
  private outStart = new Float64Array(64);
  private outEnd = new Float64Array(64);
  private outRisk = new Int32Array(64);
  private pointTime = new Float64Array(128);
  private pointId = new Int32Array(128);
  private pointOrder = new Int32Array(128);
  private pointTmp = new Int32Array(128);
  private active = new Int32Array(64);
  /** Scratch: the risks of the active outages that share a cost being billed. */
  private sharing = new Int32Array(64);
  private readonly downCount: Int32Array;
  // flow state during a trial's sweep
  private readonly flowDown: Int32Array;
  private readonly flowRouteDown: Int32Array;
  private readonly flowKeyLo: Int32Array;
  private readonly flowKeyHi: Int32Array;
  private readonly flowCutStart: Float64Array;
  private readonly flowTrialInt: Float64Array;
  private readonly flowTrialCut: Float64Array;
  private readonly flowTrialReroute: Float64Array;
  private readonly flowTrialRerouteCost: Float64Array;
  /** Extra transport cost per shipment of the path flow f takes while rerouted (0 unless rerouted). */
  private readonly flowExtra: Float64Array;
  private readonly flowTouched: Int32Array;
  private readonly flowTouchedStamp: Int32Array;
  private nFlowTouched = 0;
  private readonly affected: Int32Array;
  private readonly affectedPos: Int32Array;
  private nAffected = 0;
  // per-flow epochs: state since the last change of the flow's relevant outages
  private readonly flowStatus: Uint8Array;
  private readonly flowSince: Float64Array;
  private readonly flowEpochStamp: Int32Array;
  private epochStamp = 0;
  private readonly dirty: Int32Array;
  private nDirty = 0;
  // reroute cache keyed by (flow, signature of its down elements)
  private readonly cacheFlow = new Int32Array(1 << CACHE_BITS).fill(-1);
  private readonly cacheLo = new Int32Array(1 << CACHE_BITS);
  private readonly cacheHi = new Int32Array(1 << CACHE_BITS);
  private readonly cacheVal = new Uint8Array(1 << CACHE_BITS);
  private readonly cacheExtra = new Float64Array(1 << CACHE_BITS);
  /** Extra cost per shipment of the path the last route() call found (0 when cut). */
  private routeExtra = 0;
  private cacheUsed = 0;
  // breakdown entries (trial index in batch, risk, loss) of the batch, in generation order
  private bdIdx = new Int32Array(4096);
  private bdRisk = new Int32Array(4096);
  private bdLoss = new Float64Array(4096);
  private nBd = 0;
  private pickedFlow = 0;
  private bdStart = new Int32Array(1024);
  private bdOrder = new Int32Array(4096);
  private trialId = 0;

  /** Interruption and reroute cost accrued in the trial being simulated. */
  private trialInt = 0;
  private trialReroute = 0;

  constructor(readonly plan: SimulationPlan) {
    const R = plan.nRisks;
    const F = plan.nFlows;
    this.dijkstra = new CsrDijkstra(plan.graph);
    this.riskStamp = new Int32Array(R).fill(-1);
    this.riskZtP1 = new Float64Array(R);
    this.riskCents = new Float64Array(R);
    this.riskSqQuanta = new Float64Array(R);
    this.riskLnCents = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const l = plan.riskGenRate[r]!;
      this.riskZtP1[r] = l > 0 && l <= ZERO_TRUNCATED_SEARCH_MAX ? zeroTruncatedP1(l) : 0;
    }
    this.riskTrialInt = new Float64Array(R);
    this.riskTrialReroute = new Float64Array(R);
    this.riskTrialDirect = new Float64Array(R);
    this.riskTrialKept = new Int32Array(R);
    this.touched = new Int32Array(R);
    this.downCount = new Int32Array(plan.nElements);
    this.flowDown = new Int32Array(F);
    this.flowRouteDown = new Int32Array(F);
    this.flowKeyLo = new Int32Array(F);
    this.flowKeyHi = new Int32Array(F);
    this.flowCutStart = new Float64Array(F).fill(NaN);
    this.flowTrialInt = new Float64Array(F);
    this.flowTrialCut = new Float64Array(F);
    this.flowTrialReroute = new Float64Array(F);
    this.flowTrialRerouteCost = new Float64Array(F);
    this.flowExtra = new Float64Array(F);
    this.flowTouched = new Int32Array(F);
    this.flowTouchedStamp = new Int32Array(F).fill(-1);
    this.affected = new Int32Array(F);
    this.affectedPos = new Int32Array(F).fill(-1);
    this.flowStatus = new Uint8Array(F);
    this.flowSince = new Float64Array(F);
    this.flowEpochStamp = new Int32Array(F).fill(-1);
    this.dirty = new Int32Array(F);
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
    this.nBd = 0;
    const end = first + count;
    for (let b = Math.floor(first / BLOCK); b * BLOCK < end; b++) {
      const blockFirst = b * BLOCK;
      const from = Math.max(first, blockFirst);
      const to = Math.min(end, blockFirst + BLOCK);
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
      }
    }
    for (let r = 0; r < plan.nRisks; r++) {
      if (this.riskCents[r] !== 0) {
        out.riskDirect.addQuanta(r, this.riskCents[r]!);
        this.riskCents[r] = 0;
      }
      if (this.riskSqQuanta[r] !== 0) {
        out.riskLossSq.addWholeQuanta(r, this.riskSqQuanta[r]!);
        this.riskSqQuanta[r] = 0;
      }
      if (this.riskLnCents[r] !== 0) {
        out.riskLossEvents.addWholeQuanta(r, this.riskLnCents[r]!);
        this.riskLnCents[r] = 0;
      }
    }
    let floor = tailFloor;
    if (seen) {
      seen.pushAll(out.losses);
      floor = Math.max(floor, seen.floor());
    }
    out.tail = this.batchTail(first, count, tailSize, floor, out.losses);
    return out;
  }

  /**
   * Generates the events of block b from each risk's (risk, block) stream and books those in trials
   * [from, to): direct losses, counts and breakdown entries at once, and outages (on elements some
   * flow depends on) into the block's outage list for the sweep. Returns the number of outages.
   * Every event draws the same numbers whether or not it is in range or survives the frequency
   * controls, so a stream never shifts between baseline and treatments or between splits.
   */
  private generateBlock(b: number, from: number, to: number, out: BatchSummary): number {
    const plan = this.plan;
    const rs = this.rs;
    const H = plan.horizonDays;
    const blockFirst = b * BLOCK;
    const batchFirst = out.firstTrial;
    const riskCents = this.riskCents;
    let nOut = 0;
    for (let r = 0; r < plan.nRisks; r++) {
      const lambda = plan.riskGenRate[r]!;
      if (!(lambda > 0)) continue;
      seedRiskBlock(rs, plan.root, plan.riskHash[r]!, b);
      const invLambda = 1 / lambda;
      const p1 = this.riskZtP1[r]!;
      const keep = plan.riskKeep[r]!;
      const mode = plan.riskLossMode[r]!;
      const o = r * DIST_STRIDE;
      const lossCode = mode === LOSS_NONE ? -1 : plan.riskLoss[o]!;
      const lossDraws = lossCode < 0 ? 0 : drawsPerSample(lossCode);
      const downCode = plan.riskDowntime[o]!;
      const downDraws = downCode < 0 ? 0 : drawsPerSample(downCode);
      const elem = plan.riskElement[r]!;
      const outages = downCode >= 0 && plan.elemFlowStart[elem + 1]! > plan.elemFlowStart[elem]!;
      let k = -1;
      for (;;) {
        // failures before the next trial with ≥ 1 event: P(trial has an event) = 1 − e^−λ
        // (an exponential E by ziggurat: P(⌊E/λ⌋ ≥ g) = e^−λg); a NaN gap (λ subnormal) ends the block
        const gap = Math.floor(zigguratExponential(rs) * invLambda);
        if (!(gap < BLOCK - 1 - k)) break;
        k += gap + 1;
        const events = p1 > 0 ? sampleZeroTruncatedPoissonP1(rs, lambda, p1) : sampleZeroTruncatedPoisson(rs, lambda);
        const trial = blockFirst + k;
        const inRange = trial >= from && trial < to;
        let kept = 0;
        let groupLoss = 0;
        const groupOut = nOut;
        for (let j = 0; j < events; j++) {
          // draws fixed by the threat (never by controls or treatments): time only with downtime,
          // the struck flow only for shipment losses
          const key = rs.nextU32();
          const time = downCode >= 0 ? rs.next() * H : 0;
          const uKeep = rs.next();
          const uPick = mode === LOSS_SHIPMENT_FRACTION ? rs.next() : 0;
          if (!inRange || uKeep >= keep) {
            // a dropped event still takes its draws
            if (lossDraws >= 0 && downDraws >= 0) {
              for (let q = lossDraws + downDraws; q > 0; q--) rs.nextU32();
            } else {
              if (lossCode === DIST_LOGNORMAL) zigguratNormal(rs); // its draws, without the exp
              else if (lossCode >= 0) sampleCompiled(rs, lossCode, plan.riskLoss[o + 1]!, plan.riskLoss[o + 2]!, plan.riskLoss[o + 3]!);
              if (downCode >= 0) sampleCompiled(rs, downCode, plan.riskDowntime[o + 1]!, plan.riskDowntime[o + 2]!, plan.riskDowntime[o + 3]!);
            }
            continue;
          }
          const keyMix = eventKeyMix(key); // keyed control draws: keyedUniform(key, control)
          let loss = 0;
          if (lossCode >= 0) {
            const x =
              lossCode === DIST_LOGNORMAL
                ? exp(plan.riskLoss[o + 1]! + plan.riskLoss[o + 2]! * zigguratNormal(rs))
                : sampleCompiled(rs, lossCode, plan.riskLoss[o + 1]!, plan.riskLoss[o + 2]!, plan.riskLoss[o + 3]!);
            if (mode === LOSS_SITE_FRACTION) loss = (x < 0 ? 0 : x > 1 ? 1 : x) * plan.riskExposure[r]!;
            else if (mode === LOSS_SHIPMENT_FRACTION) loss = this.shipmentLoss(elem - plan.nSites, x, uPick);
            else loss = x > 0 ? x : 0;
            for (let c = plan.sevStart[r]!, ce = plan.sevStart[r + 1]!; c < ce; c++) {
              if (keyedUniformMixed(keyMix, plan.sevHash[c]!) < plan.sevReliability[c]!) loss *= plan.sevFactor[c]!;
            }
            if (mode === LOSS_SHIPMENT_FRACTION && loss > 0) out.flowDirect.add(this.pickedFlow, loss);
          }
          let down = 0;
          if (downCode >= 0) {
            const d = sampleCompiled(rs, downCode, plan.riskDowntime[o + 1]!, plan.riskDowntime[o + 2]!, plan.riskDowntime[o + 3]!);
            down = d > 0 ? d : 0;
            for (let c = plan.downStart[r]!, ce = plan.downStart[r + 1]!; c < ce; c++) {
              if (keyedUniformMixed(keyMix, plan.downHash[c]!) < plan.downReliability[c]!) down *= plan.downFactor[c]!;
            }
          }
          kept++;
          groupLoss += loss;
          if (outages && down > 0) {
            if (nOut >= this.evTrial.length) this.growEvents(nOut + 1);
            const stop = time + down;
            this.evTrial[nOut] = k;
            this.evRisk[nOut] = r;
            this.evTime[nOut] = time;
            this.evEnd[nOut++] = stop < H ? stop : H;
          }
        }
        if (kept === 0) continue;
        out.riskTrials[r]!++;
        out.riskEvents[r]! += kept;
        out.riskEventsSq[r]! += kept * kept;
        for (let q = groupOut; q < nOut; q++) {
          this.evDirect[q] = groupLoss;
          this.evKept[q] = kept;
        }
        if (groupLoss > 0) {
          this.blockDirect[k]! += groupLoss;
          // per-risk direct loss in whole cents, summed exactly in a float64 (below 2^52) and moved
          // into the summary's exact sums at the end of the batch: the same bits as adding each group
          const c = Math.round(groupLoss * MONEY_SCALE);
          const cents = riskCents[r]! + c;
          if (cents < CENTS_FLUSH) riskCents[r] = cents;
          else {
            out.riskDirect.addQuanta(r, cents);
            riskCents[r] = 0;
          }
          // the same for the impact interval's Σ L² and Σ L·N (integers too, so just as exact)
          const sq = this.riskSqQuanta[r]! + Math.round(groupLoss * groupLoss * SQUARE_SCALE);
          if (sq < CENTS_FLUSH) this.riskSqQuanta[r] = sq;
          else {
            out.riskLossSq.addWholeQuanta(r, sq);
            this.riskSqQuanta[r] = 0;
          }
          const ln = this.riskLnCents[r]! + c * kept;
          if (ln < CENTS_FLUSH) this.riskLnCents[r] = ln;
          else {
            out.riskLossEvents.addWholeQuanta(r, ln);
            this.riskLnCents[r] = 0;
          }
          const w = this.nBd;
          if (w >= this.bdRisk.length) this.growBreakdown(w + 1);
          this.bdIdx[w] = trial - batchFirst;
          this.bdRisk[w] = r;
          this.bdLoss[w] = groupLoss;
          this.nBd = w + 1;
        }
      }
    }
    return nOut;
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

  private growEvents(n: number): void {
    this.evTrial = grow(this.evTrial, n);
    this.evRisk = grow(this.evRisk, n);
    this.evTime = grow(this.evTime, n);
    this.evEnd = grow(this.evEnd, n);
    this.evDirect = grow(this.evDirect, n);
    this.evKept = grow(this.evKept, n);
    this.order = grow(this.order, this.evTrial.length);
  }

  /** Stable counting sort of the block's outages by trial: risk order is kept within a trial. */
  private bucketByTrial(nEv: number): void {
    const bucket = this.bucket;
    bucket.fill(0);
    for (let e = 0; e < nEv; e++) bucket[this.evTrial[e]! + 1]!++;
    for (let k = 0; k < BLOCK; k++) bucket[k + 1]! += bucket[k]!;
    // fill using a moving cursor per trial, then restore the starts
    for (let e = 0; e < nEv; e++) this.order[bucket[this.evTrial[e]!]!++] = e;
    for (let k = BLOCK; k > 0; k--) bucket[k] = bucket[k - 1]!;
    bucket[0] = 0;
  }

  /** Sweeps one trial's outages; books interruption and reroute cost per flow and per risk. */
  private interruptTrial(trial: number, localTrial: number, out: BatchSummary): void {
    let nTouched = 0;
    let nOut = 0;
    this.trialInt = 0;
    this.trialReroute = 0;
    // a fresh mark for every trial this Simulator sweeps (not the trial index: a trial may be run again)
    if (++this.trialId === 0x7fffffff) {
      this.trialId = 0;
      this.riskStamp.fill(-1);
      this.flowTouchedStamp.fill(-1);
    }
    for (let q = this.bucket[localTrial]!, qe = this.bucket[localTrial + 1]!; q < qe; q++) {
      const e = this.order[q]!;
      const r = this.evRisk[e]!;
      if (this.riskStamp[r] !== this.trialId) {
        this.riskStamp[r] = this.trialId;
        this.riskTrialInt[r] = 0;
        this.riskTrialReroute[r] = 0;
        this.riskTrialDirect[r] = this.evDirect[e]!;
        this.riskTrialKept[r] = this.evKept[e]!;
        this.touched[nTouched++] = r;
      }
      if (nOut >= this.outElem.length) this.growOutages(nOut + 1);
      this.outElem[nOut] = this.plan.riskElement[r]!;
      this.outStart[nOut] = this.evTime[e]!;
      this.outEnd[nOut] = this.evEnd[e]!;
      this.outRisk[nOut++] = r;
    }
    this.sweep(nOut, out);
    for (let i = 0; i < nTouched; i++) {
      const r = this.touched[i]!;
      const ri = this.riskTrialInt[r]!;
      const rx = this.riskTrialReroute[r]!;
      if (ri !== 0) out.riskInterruption.add(r, ri);
      if (rx !== 0) out.riskReroute.add(r, rx);
      const x = ri + rx;
      if (x !== 0) {
        this.addBreakdown(trial - out.firstTrial, r, x);
        // the risk's loss in this trial grows from d to d + x: (d + x)² − d² and x·N more
        const d = this.riskTrialDirect[r]!;
        out.riskLossSq.addLarge(r, x * x + 2 * d * x);
        out.riskLossEvents.add(r, x * this.riskTrialKept[r]!);
      }
    }
    this.blockInt[localTrial] = this.trialInt;
    this.blockReroute[localTrial] = this.trialReroute;
  }

  private growOutages(n: number): void {
    this.outElem = grow(this.outElem, n);
    this.outStart = grow(this.outStart, n);
    this.outEnd = grow(this.outEnd, n);
    this.outRisk = grow(this.outRisk, n);
    this.active = grow(this.active, this.outElem.length);
    this.sharing = grow(this.sharing, this.outElem.length);
    this.pointTime = grow(this.pointTime, 2 * this.outElem.length);
    this.pointId = grow(this.pointId, 2 * this.outElem.length);
    this.pointOrder = grow(this.pointOrder, 2 * this.outElem.length);
  }

  /**
   * Sweeps the trial's outages in time order. A flow's state (primary route, rerouted, cut) can only
   * change when an outage on an element between its ends starts or ends; the sweep keeps, per flow,
   * an epoch since that last change and settles it (rerouted days, or billed interruption cost
   * shared among the active outages between the flow's ends) only then. Outages elsewhere in the
   * network cost the flow nothing.
   */
  private sweep(nOut: number, out: BatchSummary): void {
    const H = this.plan.horizonDays;
    const nPoints = 2 * nOut;
    const pt = this.pointTime;
    const pid = this.pointId;
    for (let i = 0; i < nOut; i++) {
      pt[2 * i] = this.outStart[i]!;
      pid[2 * i] = i; // start of outage i
      pt[2 * i + 1] = this.outEnd[i]!;
      pid[2 * i + 1] = ~i; // end of outage i
    }
    this.sortPoints(nPoints);
    const po = this.pointOrder;
    let nActive = 0;
    this.nFlowTouched = 0;
    for (let q = 0; q < nPoints; ) {
      const t = pt[po[q]!]!;
      this.nDirty = 0;
      if (++this.epochStamp === 0x7fffffff) {
        this.epochStamp = 0; // wrap before the Int32Array stamps would overflow
        this.flowEpochStamp.fill(-1);
      }
      // apply every point at time t, settling first the epochs of the flows each one concerns
      for (; q < nPoints && pt[po[q]!]! === t; q++) {
        const id = pid[po[q]!]!;
        const o = id >= 0 ? id : ~id;
        if (this.outEnd[o]! <= this.outStart[o]!) continue; // zero-length outage
        const e = this.outElem[o]!;
        this.settleFlowsOf(e, t, nActive);
        if (id >= 0) {
          this.active[nActive++] = o;
          if (this.downCount[e]!++ === 0) this.elementDown(e);
        } else {
          for (let k = 0; k < nActive; k++) {
            if (this.active[k] === o) {
              for (let m = k + 1; m < nActive; m++) this.active[m - 1] = this.active[m]!;
              nActive--;
              break;
            }
          }
          if (--this.downCount[e]! === 0) this.elementUp(e);
        }
      }
      for (let i = 0; i < this.nDirty; i++) this.openEpoch(this.dirty[i]!, t);
    }
    for (let i = 0; i < this.nAffected; i++) {
      const f = this.affected[i]!;
      this.settleEpoch(f, H, nActive);
      this.closeCut(f, H);
    }
    // flush per-flow trial sums
    for (let i = 0; i < this.nFlowTouched; i++) {
      const f = this.flowTouched[i]!;
      this.flowStatus[f] = 0;
      if (this.flowTrialInt[f] !== 0) out.flowInterruption.add(f, this.flowTrialInt[f]!);
      if (this.flowTrialCut[f] !== 0) out.flowCutDays.add(f, this.flowTrialCut[f]!);
      if (this.flowTrialReroute[f] !== 0) out.flowReroutedDays.add(f, this.flowTrialReroute[f]!);
      if (this.flowTrialRerouteCost[f] !== 0) out.flowReroute.add(f, this.flowTrialRerouteCost[f]!);
      this.flowTrialInt[f] = 0;
      this.flowTrialCut[f] = 0;
      this.flowTrialReroute[f] = 0;
      this.flowTrialRerouteCost[f] = 0;
    }
  }

  /** Settles, once per time point, the epoch of every flow to which element e is relevant. */
  private settleFlowsOf(e: number, t: number, nActive: number): void {
    const plan = this.plan;
    for (let i = plan.elemFlowStart[e]!, ie = plan.elemFlowStart[e + 1]!; i < ie; i++) {
      const f = plan.elemFlow[i]!;
      if (this.flowEpochStamp[f] === this.epochStamp) continue;
      this.flowEpochStamp[f] = this.epochStamp;
      this.settleEpoch(f, t, nActive);
      this.dirty[this.nDirty++] = f;
    }
  }

  /** Books flow f's current epoch [since, t): rerouted days and their extra cost, or interruption cost if cut. */
  private settleEpoch(f: number, t: number, nActive: number): void {
    const a = this.flowSince[f]!;
    if (!(t > a)) return;
    const status = this.flowStatus[f]!;
    if (status === ROUTE_REROUTED) {
      this.flowTrialReroute[f]! += t - a;
      if (this.flowExtra[f]! > 0) this.billReroute(f, t - a, nActive);
    } else if (status === ROUTE_CUT) this.bill(f, a, t, nActive);
  }

  /**
   * Bills `days` of flow f on a detour: each shipment pays the detour's extra cost per shipment,
   * shared equally among the active outages on the flow's primary route (what forced the detour).
   */
  private billReroute(f: number, days: number, nActive: number): void {
    const plan = this.plan;
    const cost = days * plan.flowShipmentsPerDay[f]! * this.flowExtra[f]!;
    this.trialReroute += cost;
    this.flowTrialRerouteCost[f]! += cost;
    this.share(this.riskTrialReroute, cost, plan.routeStart[f]!, plan.routeStart[f + 1]!, plan.routeElem, nActive);
  }

  /**
   * Shares `cost` equally among the active outages on the elements of the sorted slice
   * elems[from .. to) (a flow's relevant elements or its primary route), into each one's risk.
   */
  private share(into: Float64Array, cost: number, from: number, to: number, elems: Int32Array, nActive: number): void {
    const sharing = this.sharing;
    let n = 0;
    for (let k = 0; k < nActive; k++) {
      const o = this.active[k]!;
      if (sortedHas(elems, from, to, this.outElem[o]!)) sharing[n++] = this.outRisk[o]!;
    }
    if (n === 0) return;
    const each = cost / n;
    for (let i = 0; i < n; i++) into[sharing[i]!]! += each;
  }

  /** Starts flow f's epoch at t with its state for the current down set. */
  private openEpoch(f: number, t: number): void {
    this.flowSince[f] = t;
    let status = 0;
    let extra = 0;
    if (this.flowDown[f]! > 0) {
      this.touchFlow(f);
      if (this.flowRouteDown[f]! > 0) {
        status = this.route(f);
        extra = this.routeExtra;
      }
    }
    this.flowStatus[f] = status;
    this.flowExtra[f] = extra;
    if (status !== ROUTE_CUT) this.closeCut(f, t);
    else if (!(this.flowCutStart[f]! === this.flowCutStart[f]!)) this.flowCutStart[f] = t;
  }

  /**
   * Bills a cut flow for [a, b): c·max(0, days − buffer) accrues over the cut that began at
   * flowCutStart, shared equally among the active outages on elements between the flow's ends.
   */
  private bill(f: number, a: number, b: number, nActive: number): void {
    const plan = this.plan;
    const s = this.flowCutStart[f]!;
    const buffer = plan.flowBufferDays[f]!;
    const billedB = b - s - buffer;
    if (billedB <= 0) return;
    const billedA = a - s - buffer;
    const cost = plan.flowCostPerDay[f]! * (billedB - (billedA > 0 ? billedA : 0));
    if (cost <= 0) return;
    this.trialInt += cost;
    this.flowTrialInt[f]! += cost;
    this.share(this.riskTrialInt, cost, plan.relevantStart[f]!, plan.relevantStart[f + 1]!, plan.relevantElem, nActive);
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

  private touchFlow(f: number): void {
    if (this.flowTouchedStamp[f] !== this.trialId) {
      this.flowTouchedStamp[f] = this.trialId;
      this.flowTouched[this.nFlowTouched++] = f;
    }
  }

  private elementDown(e: number): void {
    const plan = this.plan;
    for (let i = plan.elemFlowStart[e]!, ie = plan.elemFlowStart[e + 1]!; i < ie; i++) {
      const f = plan.elemFlow[i]!;
      this.flowKeyLo[f]! ^= plan.elemKeyLo[e]!;
      this.flowKeyHi[f]! ^= plan.elemKeyHi[e]!;
      if (this.flowDown[f]!++ === 0) {
        this.affectedPos[f] = this.nAffected;
        this.affected[this.nAffected++] = f;
        this.touchFlow(f);
      }
    }
    for (let i = plan.elemRouteFlowStart[e]!, ie = plan.elemRouteFlowStart[e + 1]!; i < ie; i++) this.flowRouteDown[plan.elemRouteFlow[i]!]!++;
  }

  private elementUp(e: number): void {
    const plan = this.plan;
    for (let i = plan.elemFlowStart[e]!, ie = plan.elemFlowStart[e + 1]!; i < ie; i++) {
      const f = plan.elemFlow[i]!;
      this.flowKeyLo[f]! ^= plan.elemKeyLo[e]!;
      this.flowKeyHi[f]! ^= plan.elemKeyHi[e]!;
      if (--this.flowDown[f]! === 0) {
        const pos = this.affectedPos[f]!;
        const last = this.affected[--this.nAffected]!;
        this.affected[pos] = last;
        this.affectedPos[last] = pos;
        this.affectedPos[f] = -1;
      }
    }
    for (let i = plan.elemRouteFlowStart[e]!, ie = plan.elemRouteFlowStart[e + 1]!; i < ie; i++) this.flowRouteDown[plan.elemRouteFlow[i]!]!--;
  }

  private closeCut(f: number, t: number): void {
    const s = this.flowCutStart[f]!;
    if (s === s) {
      this.flowTrialCut[f]! += t - s;
      this.flowCutStart[f] = NaN;
    }
  }

  /**
   * Reroute status of flow f for the current down set, cached by (flow, down-set signature); sets
   * routeExtra to the extra transport cost per shipment of the detour over the primary route (≥ 0).
   */
  private route(f: number): number {
    const lo = this.flowKeyLo[f]!;
    const hi = this.flowKeyHi[f]!;
    const mask = (1 << CACHE_BITS) - 1;
    let h = (Math.imul(lo ^ Math.imul(f, 0x9e3779b1), 0x85ebca6b) ^ hi) & mask;
    for (;;) {
      const cf = this.cacheFlow[h]!;
      if (cf === -1) break;
      if (cf === f && this.cacheLo[h] === lo && this.cacheHi[h] === hi) {
        this.routeExtra = this.cacheExtra[h]!;
        return this.cacheVal[h]!;
      }
      h = (h + 1) & mask;
    }
    const plan = this.plan;
    const to = plan.flowTo[f]!;
    const d = this.dijkstra.shortest(plan.flowFrom[f]!, to, this.downCount);
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
    if (this.cacheUsed > mask >> 1) {
      this.cacheFlow.fill(-1);
      this.cacheUsed = 0;
      h = (Math.imul(lo ^ Math.imul(f, 0x9e3779b1), 0x85ebca6b) ^ hi) & mask;
    }
    this.cacheFlow[h] = f;
    this.cacheLo[h] = lo;
    this.cacheHi[h] = hi;
    this.cacheVal[h] = status;
    this.cacheExtra[h] = extra;
    this.cacheUsed++;
    return status;
  }

  /** The batch's worst `tailSize` trials at or above `floor`, with their per-risk breakdown (unranked when all fit). */
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
    const candidates = { trial, loss, start, risk, riskLoss };
    // all candidates fit: keep them in trial order (tails are ranked when they are merged)
    return m <= tailSize ? candidates : selectTail([candidates], tailSize);
  }
}

/** Whether the sorted slice a[from .. to) holds x (binary search). */
function sortedHas(a: Int32Array, from: number, to: number, x: number): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid]!;
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Simulates trials [first, first + count) of `plan` (a fresh Simulator; reuse one for many batches). */
export function runBatch(plan: SimulationPlan, first: number, count: number, tailSize: number, tailFloor = -Infinity): BatchSummary {
  return new Simulator(plan).runBatch(first, count, tailSize, tailFloor);
}
