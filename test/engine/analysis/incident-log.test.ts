// readIncidentLog: the header in any order and case, threat ids and categories mapped to risks, the
// span rule, and every mistake kind reported at once at its line and column with what was expected.
import { describe, expect, it } from 'vitest';
import { readIncidentLog } from '../../../engine/analysis/incident-log.js';
import { logRisks } from '../../../engine/analysis/calibrate.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';
import { validateScenario } from '../../../engine/validate/validate.js';
import type { Scenario } from '../../../engine/model/schema.js';

/** Two DCs, a port and a lane; two theft threats on DCs (so "theft" is ambiguous there), one intrusion at the port. */
export const SMALL = {
  format: 'chainward/v1',
  name: 'small',
  currency: 'EUR',
  sites: [
    { id: 'dc-a', kind: 'dc', value: 1e6 },
    { id: 'dc-b', kind: 'dc', value: 2e6 },
    { id: 'port-p', kind: 'port' },
  ],
  lanes: [{ id: 'la-pa', from: 'port-p', to: 'dc-a', mode: 'road', transitDays: 1 }],
  flows: [{ id: 'f', from: 'port-p', to: 'dc-a', valuePerYear: 1e7, shipmentsPerYear: 100 }],
  threats: [
    { id: 'theft-dock', category: 'theft', appliesTo: { kind: 'site', siteKinds: ['dc'] }, frequency: { perYear: 0.5 }, loss: { fraction: { pert: [0.01, 0.05, 0.3] } } },
    { id: 'theft-insider', category: 'theft', appliesTo: { kind: 'site', ids: ['dc-a'] }, frequency: { perYear: 0.2 }, loss: { amount: { lognormal: { median: 20000, p90: 90000 } } } },
    { id: 'port-intrusion', category: 'intrusion', appliesTo: { kind: 'site', siteKinds: ['port'] }, frequency: { perYear: 2 }, loss: { amount: { fixed: 5000 } }, downtimeDays: { pert: [0.5, 1, 4] } },
    { id: 'truck-theft', category: 'theft', appliesTo: { kind: 'lane', modes: ['road'] }, frequency: { perShipment: 0.01 }, loss: { fraction: { uniform: [0.1, 0.9] } } },
  ],
};

export function small(): Scenario {
  const r = validateScenario(structuredClone(SMALL));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario;
}

const read = (csv: string, years?: number) => {
  const s = small();
  return readIncidentLog(csv, s, logRisks(compilePlan(s, 1)), years === undefined ? {} : { years });
};
const at = (log: ReturnType<typeof read>) => log.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);

describe('readIncidentLog', () => {
  it('readIncidentLog: columns in any order and case, ids and categories, empty loss, quoted notes', () => {
    const log = read('THREAT,Loss,date,Target,notes,DowntimeDays\r\ntheft-dock,1200,2023-03-01,dc-b,"cut fence, 2 pallets",\r\nintrusion,,2024-12-31,port-p,,2.5\r\ntheft,800.5,2024-06-30,la-pa,,\r\n');
    expect(log.problems).toEqual([]);
    const risks = logRisks(compilePlan(small(), 1));
    expect(log.incidents.map((i) => [risks[i.risk]!.id, i.date, i.loss, i.downtimeDays, i.notes])).toEqual([
      ['theft-dock@dc-b', '2023-03-01', 1200, undefined, 'cut fence, 2 pallets'],
      ['port-intrusion@port-p', '2024-12-31', undefined, 2.5, undefined],
      ['truck-theft@la-pa', '2024-06-30', 800.5, undefined, undefined],
    ]);
    // whole calendar years from the first incident's to the last one's
    expect(log.span).toEqual({ from: '2023-01-01', to: '2024-12-31', years: 2 });
  });

  it('readIncidentLog: --years fixes the span, ending with the last incident\'s year; a fractional one counts days', () => {
    expect(read('date,target,threat,loss\n2024-05-01,dc-b,theft,10\n', 5).span).toEqual({ from: '2020-01-01', to: '2024-12-31', years: 5 });
    expect(read('date,target,threat,loss\n2024-08-01,dc-b,theft,10\n', 0.5).span).toEqual({ from: '2024-07-02', to: '2024-12-31', years: 0.5 });
  });

  it('readIncidentLog: every mistake kind, all at once, each at its line and column', () => {
    const csv = [
      'date,target,threat,loss,downtimeDays',
      '2024-02-30,dc-a,theft-dock,100,', // 2: a date that does not exist
      '2024/03/01,dc-a,theft-dock,100,', // 3: not an ISO date
      '2024-03-01,dc-aa,theft-dock,100,', // 4: unknown target
      '2024-03-01,dc-a,thef,100,', // 5: unknown threat
      '2024-03-01,dc-a,theft,100,', // 6: ambiguous category
      '2024-03-01,port-p,theft-dock,100,', // 7: threat that does not apply
      '2024-03-01,port-p,breach,100,', // 8: no threat of the category there
      '2024-03-01,dc-b,theft,-5,', // 9: negative loss
      '2024-03-01,dc-b,theft,"12,500",', // 10: not a number
      '2024-03-01,dc-b,theft,10,x', // 11: bad downtime
      '2024-03-01,dc-b,theft', // 12: missing columns
      '2024-03-01,dc-b,theft,10,1,extra', // 13: too many fields
      '2019-12-31,dc-b,theft,10,', // 14: before the --years span
      '2024-03-01,dc-b,th"eft,10,', // 15: a quote inside a field
    ].join('\n');
    const log = read(csv, 3);
    expect(log.incidents).toEqual([]);
    expect(log.span).toBeUndefined();
    expect(at(log)).toEqual([
      '2:1: expected a date that exists, YYYY-MM-DD, got "2024-02-30"',
      '3:1: expected an ISO date YYYY-MM-DD, got "2024/03/01"',
      '4:12: unknown target "dc-aa", expected a site or lane id of the scenario (did you mean "dc-a"?)',
      '5:17: unknown threat "thef", expected a threat id of the scenario or a category (theft, hijacking, intrusion, tampering, breach, disruption, terrorism) (did you mean "theft"?)',
      '6:17: "theft" is ambiguous on "dc-a": 2 theft threats apply (theft-dock, theft-insider), expected one of their ids',
      '7:19: threat "theft-dock" does not apply to "port-p", expected one of the threats that apply to it: port-intrusion',
      '8:19: no breach threat applies to "port-p", expected one of the threats that apply to it: port-intrusion',
      '9:23: negative value -5, expected a loss ≥ 0 in EUR',
      '10:23: expected a loss ≥ 0 in EUR (a number such as 12500, without separators or currency), got "12,500"',
      '11:26: expected downtime days ≥ 0 (a number such as 12500, without separators or currency), got "x"',
      '12:22: missing columns "loss", "downtimeDays": 3 fields, expected 5 as in the header',
      '13:28: 6 fields, expected 5 as in the header (a value with a comma is written in quotes: "12,5")',
      '14:1: 2019-12-31 is before the span of --years 3 (2022-01-01 to 2024-12-31), expected a date from 2022-01-01 on, or a longer --years',
      '15:19: a quote inside an unquoted field, expected the whole field in quotes with the quote written twice ("a ""b"" c")',
      '15:17: unknown threat "th\\"eft", expected a threat id of the scenario or a category (theft, hijacking, intrusion, tampering, breach, disruption, terrorism) (did you mean "theft"?)',
    ].sort((a, b) => {
      const [la, ca] = a.split(':').map(Number) as [number, number];
      const [lb, cb] = b.split(':').map(Number) as [number, number];
      return la - lb || ca - cb;
    }));
  });

  it('readIncidentLog: the header — a missing column, an unknown one with did-you-mean, one given twice', () => {
    expect(at(read('date,target,threat\n2024-01-01,dc-b,theft\n'))).toEqual([
      '1:1: the header has no "loss" column, expected the columns date, target, threat, loss in any order (downtimeDays and notes optional)',
    ]);
    expect(at(read('date,target,threat,loss,downtimeDay,date\n'))).toEqual([
      '1:25: unknown column "downtimeDay", expected date, target, threat, loss, downtimeDays, notes (did you mean "downtimeDays"?)',
      '1:37: column "date" given twice, expected each column once',
    ]);
    expect(at(read(''))[0]).toMatch(/^1:1: an empty log, expected a header line/);
    expect(at(read('date,target,threat,loss\n'))).toEqual(['1:1: no incidents after the header, expected a row per incident: date,target,threat,loss']);
  });

  it('readIncidentLog: dates from 1970 to 2100 only, the range stated; without --years, a date more than 5 years from the others is refused at its row', () => {
    expect(at(read('date,target,threat,loss\n2024-01-05,dc-b,theft,10\n1899-06-01,dc-b,theft,10\n0001-01-05,dc-b,theft,10\n2101-01-01,dc-b,theft,10\n'))).toEqual([
      '3:1: 1899-06-01 is outside the dates a log may hold, expected a date from 1970-01-01 to 2100-12-31',
      '4:1: 0001-01-05 is outside the dates a log may hold, expected a date from 1970-01-01 to 2100-12-31',
      '5:1: 2101-01-01 is outside the dates a log may hold, expected a date from 1970-01-01 to 2100-12-31',
    ]);
    // a mistyped year far from the rest: that row, not a span of 184 years
    const far = 'date,target,threat,loss\n2022-03-01,dc-b,theft,10\n2205-03-01,dc-a,theft-dock,1000\n2025-11-30,dc-b,theft,10\n';
    expect(at(read(far.replace('2205', '2099')))).toEqual([
      '3:1: 2099-03-01 is 73 years from the log\'s other incidents (nearest 2025-11-30), expected no gap of more than 5 years between incidents (a mistyped year?), or --years N when the log does cover that long',
    ]);
    expect(at(read(far))[0]).toMatch(/^3:1: 2205-03-01 is outside the dates/);
    // the smaller group is the one named, whichever side it is on; a gap of 5 years or less is a span
    expect(at(read('date,target,threat,loss\n1990-01-01,dc-b,theft,10\n2023-01-01,dc-b,theft,10\n2024-01-01,dc-b,theft,10\n'))).toEqual([
      '2:1: 1990-01-01 is 33 years from the log\'s other incidents (nearest 2023-01-01), expected no gap of more than 5 years between incidents (a mistyped year?), or --years N when the log does cover that long',
    ]);
    expect(read('date,target,threat,loss\n2015-01-01,dc-b,theft,10\n2019-12-31,dc-b,theft,10\n2024-12-01,dc-b,theft,10\n').span).toEqual({ from: '2015-01-01', to: '2024-12-31', years: 10 });
    // --years says the log covers that long: the gap is allowed
    expect(read('date,target,threat,loss\n1990-01-01,dc-b,theft,10\n2024-01-01,dc-b,theft,10\n', 40).span).toEqual({ from: '1985-01-01', to: '2024-12-31', years: 40 });
  });

  it('readIncidentLog: the first 50 problems by line and column are kept, all of them counted', () => {
    const csv = 'date,target,threat,loss\n' + '2024-03-01,dc-b,theft,-1\n'.repeat(1000) + '"2024-03-01,dc-b,theft,1\n';
    const log = read(csv);
    expect(log.problemCount).toBe(1001);
    expect(log.problems).toHaveLength(50);
    expect(at(log)[0]).toBe('2:23: negative value -1, expected a loss ≥ 0 in EUR');
    expect(log.problems.map((p) => p.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
  });

  it('readIncidentLog: a quote that never closes is one problem, with no follow-on problem of missing columns on a line that does not exist', () => {
    expect(at(read('date,target,threat,loss\n2024-01-01,dc-b,theft,10\n2024-01-02,dc-b,"theft,10\n'))).toEqual([
      '3:17: a quoted field that never closes, expected a closing quote (") before the end of the file',
    ]);
  });
});
