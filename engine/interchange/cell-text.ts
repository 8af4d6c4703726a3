// The text of one cell as `chainward export` writes it, the inverse of readCell (read-cell.ts): the
// import of an exported file gives back the same values (docs/import-export.md, "Cells").
import type { Dist, Trigger } from '../model/schema.js';
import type { ColumnSpec } from './csv-tables.js';
import { distToCell } from './dist-cell.js';
import { joinList } from './list-cell.js';

/** The cell text of `value` in `column`; undefined for no value (an empty cell). */
export function cellText(column: ColumnSpec, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  switch (column.type) {
    case 'text':
    case 'enum':
      return String(value);
    case 'number':
      return String(value as number);
    case 'list':
    case 'enumList':
      return joinList(value as string[]);
    case 'dist':
      return distToCell(value as Dist);
    case 'factors':
      return joinList(Object.entries(value as Record<string, number>).map(([region, f]) => `${region}=${f}`));
    case 'triggers':
      return joinList((value as Trigger[]).map((t) => `${t.threat}(factor=${t.factor}, days=${t.days}, scope=${t.scope})`));
    case 'boolean':
      return value === true ? 'true' : 'false';
  }
}
