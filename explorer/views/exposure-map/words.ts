// The exposure map's words: its title (the finding), the short names on labels, and the tooltip lines
// of a site or a lane. Plain strings from the view data; no DOM.
import type { ExposureMapData, MapLane, MapSite, RiskBrief } from '../../model/view-data.js';
import type { Level } from '../../../engine/model/schema.js';
import { moneyExact, moneyShort, pct } from '../parts/format.js';
import { BORDERLINE_NOTE, levelLabel } from '../parts/names.js';
import { clip, fitText as fit, textWidth } from '../parts/text.js';

/** Largest expected annual loss first, ties by id. */
export const byEal = <T extends { eal: number; id: string }>(a: T, b: T) => b.eal - a.eal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const levelText = (l: Level | null, borderline = false) => (l ? levelLabel(l, borderline) : 'No risks');
/** Threat names without their parenthetical detail, for short lines. */
const short = (s: string) => s.replace(/\s*\([^)]*\)\s*$/, '');
/**
 * A name short enough for a label: without a trailing "(…)", and for "What, where" names the "what"
 * (on a map the position says where); the full name is in the tooltip.
 */
export function shortName(name: string, max: number): string {
  let n = name.replace(/\s*\([^)]*\)\s*$/, '').trim() || name;
  if (n.length > max) {
    const comma = n.indexOf(', ');
    if (comma >= 8) n = n.slice(0, comma);
  }
  return clip(n, max);
}

/** The finding: the one or two sites/lanes carrying the largest share of the expected annual loss. */
export function mapTitle(data: ExposureMapData, width: number): string {
  const items = [...data.sites, ...data.lanes].filter((x) => x.eal > 0).sort(byEal);
  const total = items.reduce((s, x) => s + x.eal, 0);
  if (items.length === 0 || !(total > 0)) return data.sites.length === 0 ? 'No sites to map' : 'No expected loss on any site or lane';
  const money = (x: number) => moneyShort(x, data.currency, data.locale);
  const a = items[0]!;
  const b = items[1];
  const fits = (s: string) => textWidth(s, 15, true) <= width - 16;
  const shareTop2 = (a.eal + (b?.eal ?? 0)) / total;
  if (shareTop2 < 0.25 && items.length > 4) {
    // Loss spread thin: how many of the sites and lanes carry half of it.
    let k = 0;
    for (let acc = 0; acc < total / 2 && k < items.length; k++) acc += items[k]!.eal;
    const n = data.sites.length + data.lanes.length;
    const head = `${k.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} sites and lanes carry half of the expected annual loss`;
    return [`${head} (${money(total)})`, head].find(fits) ?? fit(head, width - 16, 15, true);
  }
  const attempts: string[] = [];
  for (const max of [30, 22]) {
    const an = shortName(a.name, max);
    if (!b || a.eal / total >= 0.5) {
      const p = pct(a.eal / total, 0);
      attempts.push(
        `${an} carries ${p} of the expected annual loss (${money(a.eal)} of ${money(total)})`,
        `${an} carries ${p} of the expected annual loss`,
        `${an} carries ${p} of the expected loss`,
      );
    } else {
      const bn = shortName(b.name, max);
      const p = pct((a.eal + b.eal) / total, 0);
      attempts.push(
        `${an} and ${bn} carry ${p} of the expected annual loss (${money(a.eal + b.eal)} of ${money(total)})`,
        `${an} and ${bn} carry ${p} of the expected annual loss`,
        `${an} and ${bn} carry ${p} of the expected loss`,
      );
    }
  }
  return attempts.find(fits) ?? fit(attempts[attempts.length - 1]!, width - 16, 15, true);
}

export function siteLines(s: MapSite, data: ExposureMapData): string[] {
  const exact = (x: number) => moneyExact(x, data.currency, data.locale);
  return [
    s.name,
    `Site · ${s.kind}`,
    `Expected annual loss: ${exact(s.eal)}`,
    `Highest risk level: ${levelText(s.level, s.levelBorderline)}`,
    ...riskLines(s.topRisks, exact, s.levelBorderline),
  ];
}

export function laneLines(l: MapLane, data: ExposureMapData, names: Map<string, string>): string[] {
  const exact = (x: number) => moneyExact(x, data.currency, data.locale);
  return [
    l.name,
    `Lane · ${l.mode}${l.carrier ? ` · carrier ${l.carrier}` : ''} · ${l.transitDays} day${l.transitDays === 1 ? '' : 's'} in transit`,
    `${names.get(l.from) ?? l.from} → ${names.get(l.to) ?? l.to}`,
    `Expected annual loss: ${exact(l.eal)}`,
    `Highest risk level: ${levelText(l.level, l.levelBorderline)}`,
    ...riskLines(l.topRisks, exact, l.levelBorderline),
  ];
}

/** The top risks with their levels ("~" when borderline) and, when a level shown is borderline, the note that explains the mark. */
function riskLines(risks: RiskBrief[], exact: (x: number) => string, levelBorderline = false): string[] {
  const shown = risks.slice(0, 5);
  const lines = shown.length ? ['Top risks:', ...shown.map((r) => `• ${short(r.threatName)} — ${levelLabel(r.level, r.borderline)} — ${exact(r.eal)}`)] : [];
  return levelBorderline || shown.some((r) => r.borderline) ? [...lines, BORDERLINE_NOTE] : lines;
}
