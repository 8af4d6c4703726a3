// readCsv: RFC 4180 quoting (commas, line breaks and doubled quotes inside quotes), CRLF, LF and lone
// CR line ends, a byte order mark, blank lines, and each quoting mistake at its line and column.
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../engine/text/csv-read.js';

const texts = (csv: string) => readCsv(csv).records.map((r) => r.fields.map((f) => f.text));

describe('readCsv', () => {
  it('readCsv: plain fields, CRLF and LF, a trailing line break, blank lines left out', () => {
    expect(texts('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(texts('a,b\n\n1,2\n\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(texts('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(texts('a,,\n')).toEqual([['a', '', '']]);
    expect(texts('\uFEFFdate,loss\n')).toEqual([['date', 'loss']]);
    expect(texts('')).toEqual([]);
  });

  it('readCsv: quoted fields hold commas, doubled quotes and line breaks (CRLF kept inside)', () => {
    const r = readCsv('x,"a, b","say ""hi""","two\r\nlines"\r\nnext,"",z,"é"\r\n');
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.fields.map((f) => f.text))).toEqual([
      ['x', 'a, b', 'say "hi"', 'two\r\nlines'],
      ['next', '', 'z', 'é'],
    ]);
    expect(r.records[0]!.fields.map((f) => f.quoted)).toEqual([false, true, true, true]);
    // the record after a quoted line break starts on line 3
    expect(r.records[1]!.line).toBe(3);
  });

  it('readCsv: each field knows its line and column (a character outside the BMP counts as one)', () => {
    const r = readCsv('date,target\n2024-01-02,"dc,1"\n😀x,y\n');
    const at = r.records.map((x) => x.fields.map((f) => `${f.line}:${f.column}`));
    expect(at).toEqual([
      ['1:1', '1:6'],
      ['2:1', '2:12'],
      ['3:1', '3:4'],
    ]);
    expect(r.records[1]!.endLine).toBe(2);
    expect(r.records[1]!.endColumn).toBe(18);
  });

  it('readCsv: every quoting mistake at its line and column, and the reading goes on', () => {
    const r = readCsv('a,b\nab"c,d\n"x"y,z\nok,fine\n"never closed,\n');
    expect(r.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['2:3', '3:4', '5:1']);
    expect(r.problems[0]!.message).toMatch(/quote inside an unquoted field, expected/);
    expect(r.problems[1]!.message).toMatch(/text after a closing quote, expected a comma/);
    expect(r.problems[2]!.message).toMatch(/never closes, expected a closing quote/);
    expect(r.records[3]!.fields.map((f) => f.text)).toEqual(['ok', 'fine']);
  });

  it('readCsv: a record whose quoted field never closes is marked unclosed; the others are not', () => {
    const { records } = readCsv('a,b\n1,"2\n3,4\n');
    expect(records.map((r) => r.unclosed)).toEqual([undefined, true]);
  });
});
