// The review pack's one stylesheet, inline in the page: readable on a screen and printed on A4 or
// Letter (margins from @page, each section on a new page, table rows and charts never split, table
// heads repeated). Level colours are the views' own (palette.ts), always beside the level's name.
import { LEVELS } from '../../engine/model/schema.js';
import { INK, LEVEL_COLOURS, MUTED } from '../views/parts/palette.js';

const levelRules = LEVELS.map((l) => `tr.level-${l} td:first-child{box-shadow:inset 4px 0 0 ${LEVEL_COLOURS[l]}}`).join('\n');

export const REPORT_CSS = `
@page{margin:14mm 13mm 16mm}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:820px;padding:24px 20px 48px;font:10.5pt/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:${INK};background:#fff}
h1{font-size:22pt;line-height:1.15;margin:0 0 2px}
h2{font-size:15pt;margin:0 0 6px;break-after:avoid;page-break-after:avoid}
.cover .subtitle{color:${MUTED};margin:0 0 10px;font-size:11pt}
.cover dl{display:grid;grid-template-columns:max-content 1fr;gap:1px 14px;margin:0 0 10px;font-size:9.5pt}
.cover dt{color:${MUTED}}
.cover dd{margin:0;overflow-wrap:anywhere}
nav.contents{font-size:9.5pt;margin:0 0 14px;padding:6px 0;border-top:1px solid #d5d9de;border-bottom:1px solid #d5d9de}
nav.contents ol{margin:0;padding-left:20px;columns:2;column-gap:28px}
nav.contents a{color:inherit;text-decoration:none}
section.pack-section{padding-top:6px}
section.pack-section+section.pack-section{break-before:page;page-break-before:always}
p.lead{font-size:12pt;font-weight:600;margin:0 0 10px}
p{margin:0 0 8px}
p.note{color:${MUTED};font-size:9pt}
p.unavailable{border-left:4px solid #9aa0a6;background:#f3f4f6;padding:6px 10px;font-size:10pt}
ul.findings{margin:4px 0 10px;padding-left:20px}
ul.findings li{margin:0 0 3px;break-inside:avoid}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(124px,1fr));gap:8px;margin:0 0 12px}
.figure{border:1px solid #d5d9de;border-radius:6px;padding:8px 10px;break-inside:avoid;min-width:0}
.figure[class*=status-] .value{font-size:13pt;padding-top:3px}
.figure .label{font-size:9pt;color:${MUTED}}
.figure .value{font-size:16pt;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.figure .interval{font-size:8.5pt;color:${MUTED}}
.figure.status-breached{border-color:${LEVEL_COLOURS.critical};box-shadow:inset 0 4px 0 ${LEVEL_COLOURS.critical}}
.figure.status-uncertain{border-color:${LEVEL_COLOURS.high};box-shadow:inset 0 4px 0 ${LEVEL_COLOURS.high}}
.figure.status-within{box-shadow:inset 0 4px 0 #1a9850}
table{border-collapse:collapse;width:100%;margin:0 0 12px;font-size:8.5pt}
caption{caption-side:top;text-align:left;font-weight:600;font-size:10pt;padding:0 0 4px}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
th,td{padding:3px 6px;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{border-bottom:1.5px solid ${INK};font-weight:600}
th.nowrap,td.nowrap{white-space:nowrap}
th.num,td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.group th{background:#f3f4f6;font-weight:600;padding-top:5px}
${levelRules}
figure.chart{margin:4px 0 14px;break-inside:avoid;page-break-inside:avoid}
figure.chart svg{display:block;width:100%;height:auto}
figure.chart figcaption{font-size:9pt;color:${MUTED};margin-top:3px}
@media print{body{max-width:none;padding:0}a{color:inherit;text-decoration:none}.figure .value{font-size:14pt}.figure[class*=status-] .value{font-size:11.5pt}}
`.trim();
