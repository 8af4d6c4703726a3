// The one small element builder of the page's own markup (side panel, error box, chart tools):
// attributes and text nodes only, so names and ids from scenario files never reach the page as markup.

export type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes. */
export function h(tag: string, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}
