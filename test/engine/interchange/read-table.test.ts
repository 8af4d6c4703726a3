// readTable: headers in any order and case with their other names and units, cells as their
// columns read them, and every problem of a file at its line and column.
import { describe, expect, it } from 'vitest';
import { Suggester } from '../../../engine/text/did-you-mean.js';
import { readTable } from '../../../engine/interchange/read-table.js';
import { FLOWS_TABLE, LANES_TABLE, SITES_TABLE, TABLES, THREATS_TABLE, headerNames } from '../../../engine/interchange/csv-tables.js';

const read = (spec = SITES_TABLE, text: string) => readTable(spec, text, new Suggester());
const lines = (r: ReturnType<typeof read>) => r.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);

describe('readTable', () => {
  it('readTable: aliases, any case and order, units in the header, quoted cells kept, unquoted trimmed', () => {
    const r = read(SITES_TABLE, 'Latitude,LNG, Site ID ,Type,Value (EUR)\r\n51.95,4.14, port-rtm ,PORT,"  4e6"\r\n');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((row) => row.entry)).toEqual([{ id: 'port-rtm', kind: 'port', lat: 51.95, lon: 4.14, value: 4e6 }]);
    const quotedName = read(SITES_TABLE, 'id,kind,name\r\ns1,dc," Venlo, NL "\r\n');
    expect(quotedName.rows[0]!.entry).toEqual({ id: 's1', kind: 'dc', name: ' Venlo, NL ' });
    const lanes = read(LANES_TABLE, 'origin,destination,id,mode,transit_days,Transit time (days) x\nA,B,l1,road,2,\n');
    expect(lines(lanes)).toEqual([expect.stringMatching(/^1:41: unknown column "Transit time \(days\) x" \(did you mean "transitDays"\?\)/)]);
    const units = read(LANES_TABLE, 'origin,destination,id,mode,transit (days)\nA,B,l1,road,2\n');
    expect(units.rows[0]!.entry).toEqual({ id: 'l1', from: 'A', to: 'B', mode: 'road', transitDays: 2 });
  });

  it('readTable: without an id column the names are the ids; ";" lists, a lone ";" an empty list, escapes', () => {
    const r = read(SITES_TABLE, 'name,kind,tags,controls\nVenlo DC,dc,a; b ;;c\\;d,;\nRotterdam,port,,\n');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((row) => row.entry)).toEqual([
      { id: 'Venlo DC', kind: 'dc', controls: [], tags: ['a', 'b', 'c;d'] },
      { id: 'Rotterdam', kind: 'port' },
    ]);
  });

  it('readTable: threat cells — selectors, frequency, distributions, region factors, triggers, yes/no', () => {
    const r = read(
      THREATS_TABLE,
      'id,category,applies to,site kinds,per year,loss.fraction,downtime,region factors,triggers,common cause\n' +
        't1,Theft,site,dc;port,0.5,"pert(0.05, 0.2, 0.7)",3,"FR=1.4; IT=1.5","t2(factor=2.5, days=30, scope=lanes-from)",yes\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.entry).toEqual({
      id: 't1',
      category: 'theft',
      appliesTo: { kind: 'site', siteKinds: ['dc', 'port'] },
      frequency: { perYear: 0.5 },
      loss: { fraction: { pert: [0.05, 0.2, 0.7] } },
      downtimeDays: { fixed: 3 },
      regionFactors: { FR: 1.4, IT: 1.5 },
      triggers: [{ threat: 't2', factor: 2.5, days: 30, scope: 'lanes-from' }],
      jointly: true,
    });
  });

  it('readTable: every problem of a file at its line and column', () => {
    const r = read(
      SITES_TABLE,
      'id,kind,lat,lon,lattitude\n' + // an unknown column with a did-you-mean
        's1,warehuose,1,2,\n' + // not a kind
        's2,dc,1.5.2,2,\n' + // not a number
        's1,dc,1,2\n' + // the id again (and a short row is fine)
        's3,dc,1,2,,9\n' + // too many fields
        's4,,1,2,\n', // empty required cell
    );
    expect(lines(r)).toEqual([
      '1:17: unknown column "lattitude" (did you mean "lat"?), expected one of id, name, kind, lat, lon, region, value, controls, ttrDays, owner, tags (docs/import-export.md lists the other names each is known by)',
      '2:4: kind: "warehuose" is not one of supplier, factory, warehouse, port, airport, dc, crossdock, customer (did you mean "warehouse"?)',
      '3:7: lat: "1.5.2" is not a number, expected a number such as 1200, 0.5 or 1.2e5 (no thousands separators, spaces or currency signs)',
      '4:1: id: site "s1" again, expected each id once (first on line 2)',
      '5:12: 6 fields, expected 5 as in the header (a value with a comma is written in quotes: "Venlo, NL")',
      '6:4: kind: empty, expected one of supplier, factory, warehouse, port, airport, dc, crossdock, customer',
    ]);
    const missing = read(FLOWS_TABLE, 'id,from,to,shipments\nf,a,b,3\n');
    expect(lines(missing)).toEqual(['1:1: no "valuePerYear" column, expected the columns id, from, to, valuePerYear, shipmentsPerYear in any order (the others optional)']);
    expect(lines(read(SITES_TABLE, ''))).toEqual(['1:1: an empty file, expected a header line (id,kind, …) and a row per site']);
    expect(lines(read(SITES_TABLE, 'id,kind\n"s1,dc\n'))).toEqual([expect.stringMatching(/^2:1: a quoted field that never closes/)]);
  });

  it('TABLES: no header or other name means two columns of one file', () => {
    for (const t of TABLES) {
      const seen = new Map<string, string>();
      for (const c of t.columns) {
        for (const n of headerNames(c)) {
          expect(seen.get(n) ?? c.header, `${t.name}: "${n}"`).toBe(c.header);
          seen.set(n, c.header);
        }
      }
    }
  });
});
