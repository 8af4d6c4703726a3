// stressTest on a five-site network worked out by hand (stress-fixture.ts; docs/stress-test.md, "A
// worked example"): each element's TTR and where it comes from, the flows it cuts or reroutes, its
// loss, TTS, REI and flag, the ranking, and each flow's minimal cut sets of one and two elements;
// the p90s against closed forms; the pair search against brute force on the default scenario; the
// cap on the pair search.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stressTest, type StressElement, type StressResult } from '../../../engine/analysis/stress.js';
import { distP90, timesToRecover } from '../../../engine/analysis/stress-ttr.js';
import { pertQuantile } from '../../../engine/sampling/dist-quantile.js';
import type { Scenario } from '../../../engine/model/schema.js';
import { parseScenario } from '../../../engine/validate/validate.js';
import { stressScenario } from './stress-fixture.js';

function parsed(json: unknown): Scenario {
  const r = parseScenario(JSON.stringify(json));
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.scenario;
}

const byId = (r: StressResult, id: string): StressElement => r.elements.find((e) => e.id === id)!;

// Hand-worked TTRs (days):
//   A 20 (ttrDays), D 8 (ttrDays; dc-fire's fixed 30 does not count), a-b 3 (ttrDays)
//   B 10: max(p90 port-closure = 10 as given, p90 crane-failure = 4)
//   C 10: port-closure; sabotage is terrorism, not a disruption
//   b-d, c-d: p90 of Exponential(5) = −5 ln 0.1 = 11.512925…
//   d-e: p90 of Triangular(0, 0, 10) = 10 − √(0.1·10·10) = 6.837722…
//   E, a-c: nothing applies: not stressed
const SEA_P90 = 5 * Math.log(10);
const ROAD_P90 = 10 - Math.sqrt(10);

describe('stressTest on the hand-worked network', () => {
  const r = stressTest(parsed(stressScenario()));

  it('timesToRecover: ttrDays first, else the largest disruption p90, else none', () => {
    const ttr = timesToRecover(parsed(stressScenario()));
    expect(ttr.sites.map((t) => t?.days ?? null)).toEqual([20, 10, 10, 8, null]);
    expect(ttr.sites.map((t) => t?.threat ?? t?.source ?? null)).toEqual(['ttrDays', 'port-closure', 'port-closure', 'ttrDays', null]);
    expect(ttr.lanes[0]).toEqual({ days: 3, source: 'ttrDays' });
    expect(ttr.lanes[1]).toBeNull();
    expect(ttr.lanes[2]!.days).toBeCloseTo(SEA_P90, 12);
    expect(ttr.lanes[2]!.threat).toBe('sea-service');
    expect(ttr.lanes[3]!.days).toBeCloseTo(SEA_P90, 12);
    expect(ttr.lanes[4]!.days).toBeCloseTo(ROAD_P90, 12);
  });

  it('A (f1 origin): cuts f1; loss 1 000 × (20 − 5) = 15 000; TTS 5 < TTR 20: flagged; REI 1', () => {
    const a = byId(r, 'A');
    expect(a.flowsCut).toEqual(['f1']);
    expect(a.flowsRerouted).toEqual([]);
    expect(a.loss).toBe(15_000);
    expect(a.interruptionLoss).toBe(15_000);
    expect(a.ttsDays).toBe(5);
    expect(a.rei).toBe(1);
    expect(a.needsMitigation).toBe(true);
  });

  it('D (f1 destination, f2 origin): cuts both; 1 000 × (8 − 5) + 500 × (8 − 2) = 6 000; TTS min(5, 2) = 2; REI 0.4', () => {
    const d = byId(r, 'D');
    expect(d.flowsCut).toEqual(['f1', 'f2']);
    expect(d.flows.map((f) => f.loss)).toEqual([3000, 3000]);
    expect(d.loss).toBe(6000);
    expect(d.ttsDays).toBe(2);
    expect(d.rei).toBeCloseTo(0.4, 12);
    expect(d.needsMitigation).toBe(true);
  });

  it('B, a-b and b-d reroute f1 over a-c, c-d: TTR × 1 shipment a day × (1 350 − 1 100) extra; TTS ∞, not flagged', () => {
    // B: 10 × 1 × 250 = 2 500; a-b: 3 × 250 = 750; b-d: 11.5129 × 250 = 2 878.23
    for (const [id, loss] of [['B', 2500], ['a-b', 750], ['b-d', SEA_P90 * 250]] as const) {
      const e = byId(r, id);
      expect(e.flowsCut, id).toEqual([]);
      expect(e.flowsRerouted, id).toEqual(['f1']);
      expect(e.flows[0]!.extraCostPerShipment, id).toBe(250);
      expect(e.rerouteLoss, id).toBeCloseTo(loss, 9);
      expect(e.loss, id).toBeCloseTo(loss, 9);
      expect(e.ttsDays, id).toBeNull();
      expect(e.needsMitigation, id).toBe(false);
    }
    expect(byId(r, 'b-d').rei).toBeCloseTo((SEA_P90 * 250) / 15_000, 12); // 0.19188
    expect(byId(r, 'B').rei).toBeCloseTo(2500 / 15_000, 12); // 0.16667
  });

  it('d-e cuts f2: 500 × (6.8377 − 2) = 2 418.86; TTS 2 < 6.84: flagged', () => {
    const e = byId(r, 'd-e');
    expect(e.flowsCut).toEqual(['f2']);
    expect(e.loss).toBeCloseTo(500 * (ROAD_P90 - 2), 9);
    expect(e.loss).toBeCloseTo(2418.861, 3);
    expect(e.ttsDays).toBe(2);
    expect(e.needsMitigation).toBe(true);
  });

  it('C and c-d are on no primary route: stressed, but they touch no flow (loss 0, TTS ∞)', () => {
    for (const id of ['C', 'c-d']) {
      const e = byId(r, id);
      expect(e.flows, id).toEqual([]);
      expect(e.loss, id).toBe(0);
      expect(e.rei, id).toBe(0);
      expect(e.ttsDays, id).toBeNull();
      expect(e.needsMitigation, id).toBe(false);
    }
  });

  it('E and a-c have no TTR: not stressed (loss, REI null), yet E cuts f2 with TTS 2', () => {
    const e = byId(r, 'E');
    expect([e.ttrDays, e.ttrSource, e.loss, e.rei, e.needsMitigation]).toEqual([null, null, null, null, false]);
    expect(e.flowsCut).toEqual(['f2']);
    expect(e.ttsDays).toBe(2);
    const ac = byId(r, 'a-c');
    expect([ac.ttrDays, ac.loss, ac.flows.length]).toEqual([null, null, 0]);
    expect([r.stressed, r.notStressed, r.needsMitigation]).toEqual([8, 2, 3]);
  });

  it('ranks by loss (flagged first among equal losses, then scenario order), unstressed last', () => {
    // 15 000 A, 6 000 D, 2 878.23 b-d, 2 500 B, 2 418.86 d-e, 750 a-b, 0 C, 0 c-d; then E, a-c
    expect(r.elements.map((e) => e.id)).toEqual(['A', 'D', 'b-d', 'B', 'd-e', 'a-b', 'C', 'c-d', 'E', 'a-c']);
    expect(r.worstLoss).toBe(15_000);
  });

  it('minimal cut sets: f1 has its ends as singles and the 9 pairs {B, a-b, b-d} × {C, a-c, c-d}; f2 its ends and d-e', () => {
    const [f1, f2] = r.cutSets;
    expect(f1!.relevantElements).toBe(8); // A, B, C, D, a-b, a-c, b-d, c-d
    expect(f1!.singles).toEqual([
      { id: 'A', kind: 'site', end: 'origin' },
      { id: 'D', kind: 'site', end: 'destination' },
    ]);
    expect(f1!.pairs.map(([a, b]) => `${a.id}+${b.id}`)).toEqual(['B+C', 'B+a-c', 'B+c-d', 'C+a-b', 'C+b-d', 'a-b+a-c', 'a-b+c-d', 'a-c+b-d', 'b-d+c-d']);
    expect(f1!.pairsSearched).toBe(true);
    expect(f2!.relevantElements).toBe(3);
    expect(f2!.singles.map((s) => `${s.id}${s.end ? `:${s.end}` : ''}`)).toEqual(['D:origin', 'E:destination', 'd-e']);
    expect(f2!.pairs).toEqual([]);
  });

  it('caps the pair search at maxPairElements relevant elements, and says so', () => {
    const capped = stressTest(parsed(stressScenario()), { maxPairElements: 7 });
    expect(capped.maxPairElements).toBe(7);
    expect(capped.cutSets[0]!.pairsSearched).toBe(false); // 8 relevant elements
    expect(capped.cutSets[0]!.pairs).toEqual([]);
    expect(capped.cutSets[0]!.singles).toHaveLength(2); // singles are still found
    expect(capped.cutSets[1]!.pairsSearched).toBe(true);
  });

  it('is deterministic: the same scenario gives the same result', () => {
    expect(JSON.stringify(stressTest(parsed(stressScenario())))).toBe(JSON.stringify(r));
  });
});

describe('distP90 against closed forms', () => {
  it('PERT: [0, 0, 1] is Beta(1, 5), p90 = 1 − 0.1^(1/5); [0, 1, 1] is Beta(5, 1), p90 = 0.9^(1/5); symmetric p50 = mode', () => {
    expect(pertQuantile(0.9, 0, 0, 1)).toBeCloseTo(1 - 0.1 ** 0.2, 10);
    expect(pertQuantile(0.9, 0, 1, 1)).toBeCloseTo(0.9 ** 0.2, 10);
    expect(pertQuantile(0.5, 2, 5, 8)).toBeCloseTo(5, 10);
    expect(distP90({ pert: [10, 10, 20] })).toBeCloseTo(10 + 10 * (1 - 0.1 ** 0.2), 9);
    expect(distP90({ pert: [3, 3, 3] })).toBe(3);
  });

  it('the others: fixed, uniform a + 0.9(b − a), lognormal mu/sigma e^(mu + z90 sigma) and median/p90 as given, exponential −mean ln 0.1', () => {
    expect(distP90({ fixed: 7 })).toBe(7);
    expect(distP90({ uniform: [2, 12] })).toBeCloseTo(11, 12);
    expect(distP90({ lognormal: { mu: 1, sigma: 0.5 } })).toBeCloseTo(Math.exp(1 + 0.5 * 1.2815515655446004), 10);
    expect(distP90({ lognormal: { median: 3, p90: 10 } })).toBe(10);
    expect(distP90({ exponential: { mean: 2 } })).toBeCloseTo(2 * Math.log(10), 12);
    expect(distP90({ triangular: [0, 10, 10] })).toBeCloseTo(Math.sqrt(0.9 * 100), 12);
  });
});

describe('stressTest on the default scenario', () => {
  const scenario = parsed(JSON.parse(readFileSync(join(process.cwd(), 'scenarios/eu-electronics-inbound.json'), 'utf8')));
  const r = stressTest(scenario);

  it('is sane: every element once, REI in [0, 1] with one at 1, the flag exactly TTS < TTR, losses ranked', () => {
    expect(r.elements).toHaveLength(scenario.sites.length + scenario.lanes!.length);
    expect(new Set(r.elements.map((e) => e.id)).size).toBe(r.elements.length);
    const stressed = r.elements.filter((e) => e.ttrDays !== null);
    expect(stressed.length).toBe(r.stressed);
    expect(stressed.filter((e) => e.rei === 1)).toHaveLength(1);
    for (const e of stressed) {
      expect(e.rei!).toBeGreaterThanOrEqual(0);
      expect(e.rei!).toBeLessThanOrEqual(1);
      expect(e.needsMitigation).toBe(e.ttsDays !== null && e.ttsDays < e.ttrDays!);
      expect(e.loss).toBeCloseTo(e.interruptionLoss! + e.rerouteLoss!, 6);
    }
    for (let i = 1; i < stressed.length; i++) expect(stressed[i]!.loss!).toBeLessThanOrEqual(stressed[i - 1]!.loss!);
    // the worst: the Longhua factory, down for the p90 of PERT(7, 30, 120) fire and flood, cuts three flows
    expect(r.elements[0]!.id).toBe('fac-sz-longhua');
    expect(r.elements[0]!.ttrThreat).toBe('disruption-fire-flood');
    expect(r.elements[0]!.flowsCut.sort()).toEqual(['fl-components', 'fl-express-rail', 'fl-phones-venlo']);
    // a port closure only reroutes (the network has other ports): TTS unlimited
    expect(byId(r, 'port-rotterdam').ttsDays).toBeNull();
    expect(byId(r, 'port-rotterdam').flowsRerouted.length).toBeGreaterThan(0);
  });

  it('its cut sets equal a brute-force search over every element and every pair of each flow', () => {
    const S = scenario.sites.length;
    const lanes = scenario.lanes!;
    const siteIx = new Map(scenario.sites.map((s, i) => [s.id, i]));
    const idOf = (e: number) => (e < S ? scenario.sites[e]!.id : lanes[e - S]!.id);
    const connected = (from: number, to: number, down: Set<number>) => {
      if (down.has(from) || down.has(to)) return false;
      const seen = new Set([from]);
      const queue = [from];
      while (queue.length) {
        const u = queue.shift()!;
        if (u === to) return true;
        lanes.forEach((l, i) => {
          const v = siteIx.get(l.to)!;
          if (siteIx.get(l.from) === u && !down.has(S + i) && !down.has(v) && !seen.has(v)) seen.add(v), queue.push(v);
        });
      }
      return false;
    };
    const E = S + lanes.length;
    for (const [fi, flow] of scenario.flows!.entries()) {
      const from = siteIx.get(flow.from)!;
      const to = siteIx.get(flow.to)!;
      const singles: string[] = [];
      for (let e = 0; e < E; e++) if (!connected(from, to, new Set([e]))) singles.push(idOf(e));
      const singleSet = new Set(singles);
      const pairs: string[] = [];
      for (let a = 0; a < E; a++) {
        for (let b = a + 1; b < E; b++) {
          if (singleSet.has(idOf(a)) || singleSet.has(idOf(b))) continue;
          if (!connected(from, to, new Set([a, b]))) pairs.push(`${idOf(a)}+${idOf(b)}`);
        }
      }
      const c = r.cutSets[fi]!;
      expect(c.singles.map((s) => s.id), flow.id).toEqual(singles);
      expect(c.pairs.map(([a, b]) => `${a.id}+${b.id}`), flow.id).toEqual(pairs);
    }
  });
});
