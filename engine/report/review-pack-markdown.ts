// The management review pack as Markdown: the sections of review-pack.ts as headings, key figures,
// lists and tables, with each chart's one-sentence caption where the HTML pack draws it (the charts
// themselves are in the HTML and PDF packs). No browser needed. Text is escaped as in markdown.ts.
import { mdCell, mdText } from './markdown.js';
import type { PackBlock, ReviewPack } from './review-pack.js';

function table(block: Extract<PackBlock, { kind: 'table' }>): string[] {
  const cols = block.columns;
  const out = [`| ${cols.map((c) => mdCell(mdText(c.title))).join(' | ')} |`, `| ${cols.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`];
  for (const row of block.rows) {
    if ('group' in row) out.push(`| ${[`**${mdText(row.group)}**`, ...cols.slice(1).map(() => '')].map(mdCell).join(' | ')} |`);
    else out.push(`| ${row.cells.map((c) => mdCell(mdText(c))).join(' | ')} |`);
  }
  return [...(block.caption ? [`**${mdText(block.caption)}**`, ''] : []), ...out];
}

function blockLines(block: PackBlock): string[] {
  switch (block.kind) {
    case 'figures':
      return [
        '| figure | value | 95 % interval |',
        '| --- | ---: | --- |',
        ...block.items.map((f) => `| ${[mdText(f.label), `**${mdText(f.value)}**`, mdText(f.interval.replace(/^95 % interval /, ''))].map(mdCell).join(' | ')} |`),
      ];
    case 'text':
      return [block.note ? `_${mdText(block.text)}_` : mdText(block.text)];
    case 'list':
      return block.items.map((i) => `- ${mdText(i)}`);
    case 'table':
      return table(block);
    case 'chart':
      return [`_Chart (in the HTML and PDF pack): ${mdText(block.caption)}_`];
    case 'unavailable':
      return [`> ${mdText(block.text)}`];
  }
}

/** The pack as a Markdown document. */
export function reviewPackMarkdown(pack: ReviewPack): string {
  const parts: string[] = [`# ${mdText(pack.title)}: ${mdText(pack.scenario)}`, '', mdText(pack.subtitle), '', '## Contents', '', ...pack.sections.map((s, i) => `${i + 1}. ${mdText(s.title)}`)];
  pack.sections.forEach((s, i) => {
    parts.push('', `## ${i + 1}. ${mdText(s.title)}`, '', `**${mdText(s.lead)}**`);
    for (const b of s.blocks) parts.push('', ...blockLines(b));
  });
  return parts.join('\n') + '\n';
}
