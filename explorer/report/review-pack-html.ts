// The management review pack as one self-contained HTML page: the sections of the engine's pack
// (engine/report/review-pack.ts) with the explorer's own charts drawn in (chart-svg.ts), inline CSS
// and SVG, no script and no address outside the page (a Content-Security-Policy says so to the
// browser). Every text from the scenario or results reaches the page as a text node, never as markup.
// The same input gives the same bytes (docs/review-pack.md).
import { reviewPack, type PackBlock, type ReviewPackInput } from '../../engine/report/review-pack.js';
import type { Shown } from '../model/build-view-data.js';
import { chartSvg } from './chart-svg.js';
import { REPORT_CSS } from './report-style.js';

/** What the page may load: nothing but its own styles and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The page state the explorer's charts are drawn from. */
function shownOf(input: ReviewPackInput): Shown {
  return {
    baseline: input.results,
    ...(input.scenario ? { scenario: input.scenario } : {}),
    ...(input.effects ? { effects: input.effects, elements: input.effects.map((e) => ({ element: e.element, controls: e.controls })) } : { unmeasured: true }),
  };
}

/**
 * The review pack of `input` as an HTML document (a string that starts with <!doctype html>). The
 * charts are drawn in `doc`, the live document of the page that calls it (a browser's, or jsdom's).
 */
export function reviewPackHtml(doc: Document, input: ReviewPackInput): string {
  const pack = reviewPack(input);
  const shown = shownOf(input);
  const out = doc.implementation.createHTMLDocument('');
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] => {
    const e = out.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  };
  out.documentElement.setAttribute('lang', 'en');
  out.head.replaceChildren(
    el('meta', { charset: 'utf-8' }),
    el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    el('meta', { 'http-equiv': 'Content-Security-Policy', content: REPORT_CSP }),
    el('title', {}, `${pack.title}: ${pack.scenario}`),
    el('style', {}, REPORT_CSS),
  );

  const r = input.results;
  const facts: Array<[string, string]> = [
    ['Scenario', pack.scenario],
    ['Review date', input.reviewDate ?? 'not stated'],
    ['Simulation', `${r.trials.toLocaleString('en-US')} simulated years, seed ${String(r.seed)}, engine ${r.engineVersion}`],
  ];
  const cover = el(
    'header',
    { class: 'cover' },
    el('h1', {}, pack.title),
    el('p', { class: 'subtitle' }, pack.subtitle),
    el('dl', {}, ...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    el('nav', { class: 'contents', 'aria-label': 'Contents' }, el('ol', {}, ...pack.sections.map((s) => el('li', {}, el('a', { href: `#${s.id}` }, s.title))))),
  );

  const block = (b: PackBlock): Node[] => {
    switch (b.kind) {
      case 'figures':
        return [
          el(
            'div',
            { class: 'figures' },
            ...b.items.map((f) => el('div', { class: `figure${f.status ? ` status-${f.status}` : ''}` }, el('div', { class: 'label' }, f.label), el('div', { class: 'value' }, f.value), el('div', { class: 'interval' }, f.interval))),
          ),
        ];
      case 'text':
        return [el('p', b.note ? { class: 'note' } : {}, b.text)];
      case 'list':
        return [el('ul', { class: 'findings' }, ...b.items.map((i) => el('li', {}, i)))];
      case 'unavailable':
        return [el('p', { class: 'unavailable' }, b.text)];
      case 'table': {
        const cls = (i: number): Record<string, string> => {
          const c = b.columns[i];
          return c?.align === 'right' ? { class: 'num' } : c?.nowrap ? { class: 'nowrap' } : {};
        };
        const body = b.rows.map((row) =>
          'group' in row
            ? el('tr', { class: 'group' }, el('th', { colspan: String(b.columns.length), scope: 'rowgroup' }, row.group))
            : el('tr', row.level ? { class: `level-${row.level}` } : {}, ...row.cells.map((c, i) => el('td', cls(i), c))),
        );
        return [
          el(
            'table',
            {},
            ...(b.caption ? [el('caption', {}, b.caption)] : []),
            el('thead', {}, el('tr', {}, ...b.columns.map((c, i) => el('th', { scope: 'col', ...cls(i) }, c.title)))),
            el('tbody', {}, ...body),
          ),
        ];
      }
      case 'chart': {
        const svg = chartSvg(doc, b.chart, shown);
        if (!svg) return [el('p', { class: 'unavailable' }, `Not available: the ${b.chart} chart could not be drawn.`)];
        return [el('figure', { class: 'chart' }, out.importNode(svg, true), el('figcaption', {}, b.caption))];
      }
    }
  };

  const sections = pack.sections.map((s, i) =>
    el('section', { class: 'pack-section', id: s.id, 'aria-labelledby': `${s.id}-title` }, el('h2', { id: `${s.id}-title` }, `${i + 1}. ${s.title}`), el('p', { class: 'lead' }, s.lead), ...s.blocks.flatMap(block)),
  );
  out.body.replaceChildren(cover, ...sections);
  return `<!doctype html>\n${out.documentElement.outerHTML}\n`;
}
