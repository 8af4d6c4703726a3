// A small CSV reader (RFC 4180): records of fields, each field with the line and column it starts at,
// so that a check of the values can name the exact place (`log.csv:7:12: …`). Quoted fields may hold
// commas, line breaks and doubled quotes; records end at CRLF, LF or a lone CR; a UTF-8 byte order
// mark at the start is skipped. It does not interpret the values: that is the caller's work.
// Mistakes in the quoting are collected, all of them, and the reading goes on after each.

/** One field: its text (quotes removed, doubled quotes undone), where it starts, and whether it was quoted. */
export interface CsvField {
  text: string;
  /** 1-based line and column (in characters, a character outside the BMP counting as one) of its first character (the opening quote of a quoted field). */
  line: number;
  column: number;
  quoted: boolean;
}

/** One record: its fields, and the line and column just past its last character (where a missing field would be). */
export interface CsvRecord {
  fields: CsvField[];
  line: number;
  endLine: number;
  endColumn: number;
  /** Set when a quoted field of it never closes: it runs to the end of the file, its fields are not what was meant. */
  unclosed?: true;
}

/** A mistake in the CSV syntax itself, at a line and column, with what was expected. */
export interface CsvProblem {
  line: number;
  column: number;
  message: string;
}

export interface CsvText {
  records: CsvRecord[];
  problems: CsvProblem[];
}

/**
 * Reads `text` as CSV. Blank lines (a record of one empty unquoted field) are left out. Problems:
 * a quote inside an unquoted field, text after a closing quote, a quoted field that never closes.
 */
export function readCsv(text: string): CsvText {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let column = 1;
  const n = text.length;

  /** Moves past the character at i (a surrogate pair as one), keeping line and column. */
  const advance = (): void => {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      column = 1;
      i++;
      return;
    }
    if (c === 0x0d) {
      // CR of a CRLF: the LF ends the line
      i++;
      return;
    }
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    column++;
  };
  const isBreak = (c: number) => c === 0x0a || c === 0x0d;

  while (i < n) {
    const record: CsvRecord = { fields: [], line, endLine: line, endColumn: column };
    for (;;) {
      const field: CsvField = { text: '', line, column, quoted: false };
      if (text.charCodeAt(i) === 0x22) {
        field.quoted = true;
        advance();
        let start = i;
        let closed = false;
        while (i < n) {
          if (text.charCodeAt(i) === 0x22) {
            field.text += text.slice(start, i);
            advance();
            if (text.charCodeAt(i) === 0x22) {
              field.text += '"';
              advance();
              start = i;
              continue;
            }
            closed = true;
            break;
          }
          advance();
        }
        if (!closed) {
          field.text += text.slice(start, i);
          problems.push({ line: field.line, column: field.column, message: 'a quoted field that never closes, expected a closing quote (") before the end of the file' });
          record.unclosed = true;
        } else if (i < n && text.charCodeAt(i) !== 0x2c && !isBreak(text.charCodeAt(i))) {
          problems.push({ line, column, message: 'text after a closing quote, expected a comma or the end of the line (a quote inside a quoted field is written twice: "")' });
          const start2 = i;
          while (i < n && text.charCodeAt(i) !== 0x2c && !isBreak(text.charCodeAt(i))) advance();
          field.text += text.slice(start2, i);
        }
      } else {
        const start = i;
        while (i < n && text.charCodeAt(i) !== 0x2c && !isBreak(text.charCodeAt(i))) {
          if (text.charCodeAt(i) === 0x22) {
            problems.push({ line, column, message: 'a quote inside an unquoted field, expected the whole field in quotes with the quote written twice ("a ""b"" c")' });
          }
          advance();
        }
        field.text = text.slice(start, i);
      }
      record.fields.push(field);
      record.endLine = line;
      record.endColumn = column;
      if (i < n && text.charCodeAt(i) === 0x2c) {
        advance();
        continue;
      }
      if (i < n) advance(); // the line break ending the record
      break;
    }
    const only = record.fields[0]!;
    if (!(record.fields.length === 1 && !only.quoted && only.text === '')) records.push(record);
  }
  return { records, problems };
}
