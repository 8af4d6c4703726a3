// List cells (tags, controls, a flow's path, region factors, triggers): items separated by ";", each
// trimmed, empty items left out, so a lone ";" is an empty list. A ";" or "\" inside an item is
// written "\;" or "\\" (docs/import-export.md, "Cells").

/** The items of a list cell. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\\' && (next === ';' || next === '\\')) {
      item += next;
      i++;
    } else if (c === ';') {
      items.push(item);
      item = '';
    } else item += c;
  }
  items.push(item);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/** A list cell of `items`: a lone ";" for no items. */
export function joinList(items: readonly string[]): string {
  if (items.length === 0) return ';';
  return items.map((s) => s.replace(/[\\;]/g, (c) => `\\${c}`)).join('; ');
}
