// The header strip (HTML, styled by the page's CSS): scenario name, seed and trials, the headline
// figures (EAL ± its 95 % margin and its split into direct, interruption and reroute cost; the
// 1-in-20 and 1-in-100-year loss and CVaR95 with their 95 % intervals; service level), the appetite
// badge (within, breached or uncertain, each check on hover) and, during a run, a progress bar.
// With a what-if, each figure shows its baseline and the EAL its paired change. Names reach the DOM
// as text only.
import { select, type Selection } from 'd3';
import type { AppetiteStatus, HeaderAppetite, HeaderData, HeaderFigures } from '../model/view-data.js';
import { moneyChange, moneyExact, moneyShort, pct, shownChange } from './parts/format.js';
import { pointerIn, tooltip } from './parts/frame.js';

/** One line of a figure (a <dd>). */
export interface HeaderLine {
  /** Class name; also the join key. */
  cls: string;
  text: string;
  title?: string;
  label?: string;
  /** Label and value pairs drawn as a small table instead of `text` (the EAL split). */
  rows?: Array<[string, string]>;
}

/** One headline figure: its key, its label and its lines. */
export interface HeaderFigure {
  id: keyof HeaderFigures;
  label: string;
  lines: HeaderLine[];
}

/** The header as plain data: identity, progress, the figures and the appetite badge. */
export interface HeaderScene {
  label: string;
  scenario: string;
  run: string;
  /** The run's share done, or null when no run is in progress. */
  progress: { value: number; label: string; text: string } | null;
  figures: HeaderFigure[];
  appetite: { status: AppetiteStatus; title: string; label: string; icon: string; text: string; lines: string[] };
}

type Sel<E extends Element> = Selection<E, unknown, null, undefined>;

/** The one child of `parent` with tag and class, created on the first call. */
function child<E extends Element>(parent: Sel<Element>, tag: string, cls: string): Sel<E> {
  return parent
    .selectChildren<E, unknown>(`${tag}.${cls}`)
    .data([null])
    .join(tag as never)
    .attr('class', cls) as unknown as Sel<E>;
}

/** The header's scene: every text, title and class it shows, without a DOM (the page's CSS sizes it). */
export function layoutHeader(data: HeaderData): HeaderScene {
  const locale = data.locale ?? 'en-US';
  const m = (x: number): string => moneyShort(x, data.currency, locale);
  const mx = (x: number): string => moneyExact(x, data.currency, locale);
  const f = data.figures;
  const b = data.baseline;
  const trials = new Intl.NumberFormat(locale).format(data.trials);
  const running = data.progress !== undefined && Number.isFinite(data.progress) && data.progress >= 0 && data.progress < 1;
  const p = data.progress!;

  const base = (v: (x: HeaderFigures) => number, fmt: (x: number) => string, exact: (x: number) => string): HeaderLine[] =>
    b ? [{ cls: 'cw-figure-baseline', text: `baseline ${fmt(v(b))}`, title: `Baseline: ${exact(v(b))}` }] : [];
  // the interval as the results carry it (Z95 standard errors), the one source the CLI reports read too
  const [ealLo, ealHi] = f.ealCi95;
  const margin = (ealHi - ealLo) / 2;
  const split: Array<[string, number]> = [
    ['direct', f.directEal],
    ['interruption', f.interruptionEal],
    ['reroute', f.rerouteEal],
  ];
  const ealLines: HeaderLine[] = [
    { cls: 'cw-figure-value', text: m(f.eal), title: mx(f.eal) },
    { cls: 'cw-figure-note', text: `± ${m(margin)} (95 %)`, title: `95 % interval of the estimate: ${mx(ealLo)} to ${mx(ealHi)} (standard error ${mx(f.se)})` },
    {
      cls: 'cw-figure-split',
      text: split.map(([k, v]) => `${k} ${m(v)}`).join(' · '),
      rows: split.map(([k, v]) => [k, m(v)]),
      title:
        `Expected annual loss ${mx(f.eal)} = direct loss ${mx(f.directEal)} + interruption cost ${mx(f.interruptionEal)} + reroute cost ${mx(f.rerouteEal)}` +
        ' (the extra transport cost of detours while primary routes are down)',
      label: `Expected annual loss split: direct loss ${mx(f.directEal)}, interruption cost ${mx(f.interruptionEal)}, reroute cost ${mx(f.rerouteEal)}`,
    },
    ...base((x) => x.eal, m, mx),
  ];
  if (data.delta) {
    // delta.eal is baseline − what-if (a reduction is positive); the change in EAL is its negative.
    const change = -data.delta.eal;
    const lo = -data.delta.ci95[1];
    const hi = -data.delta.ci95[0];
    const s = (x: number): string => moneyChange(x, data.currency, locale);
    const se = (x: number): string => moneyChange(x, data.currency, locale, true);
    // coloured as a change only when it shows as one: "+€0" is no change
    const shown = shownChange(0, change, (x) => moneyShort(x, data.currency, locale));
    const dir = shown < 0 ? 'down' : shown > 0 ? 'up' : 'zero';
    ealLines.push({
      cls: `cw-figure-delta cw-delta-${dir}`,
      text: `${s(change)} [${s(Math.min(lo, hi))}, ${s(Math.max(lo, hi))}]`,
      title: `Change in expected annual loss: ${se(change)} (95 % interval ${se(Math.min(lo, hi))} to ${se(Math.max(lo, hi))})`,
      label: `Change in expected annual loss ${se(change)}, 95 % interval ${se(Math.min(lo, hi))} to ${se(Math.max(lo, hi))}`,
    });
  }
  const money = (id: 'var95' | 'p99' | 'cvar95', label: string, how: string): HeaderFigure => {
    const [lo, hi] = f[`${id}Ci95`];
    return {
      id,
      label,
      lines: [
        { cls: 'cw-figure-value', text: m(f[id]), title: mx(f[id]) },
        { cls: 'cw-figure-note', text: `${m(lo)}–${m(hi)} (95 %)`, title: `95 % interval of the estimate: ${mx(lo)} to ${mx(hi)} (${how})`, label: `95 % interval ${mx(lo)} to ${mx(hi)}` },
        ...base((x) => x[id], m, mx),
      ],
    };
  };
  const byOrder = 'from the order statistics of the trials';
  const level = (x: number): string => pct(x, 1);
  const a = data.appetite;
  const lines = appetiteLines(a);
  return {
    label: `Results of ${data.scenario}`,
    scenario: data.scenario,
    run: `seed ${data.seed} · ${trials} trials`,
    progress: running ? { value: p, label: `Simulating: ${Math.round(p * 100)} % done`, text: `${Math.round(p * 100)} %` } : null,
    figures: [
      { id: 'eal', label: 'Expected annual loss', lines: ealLines },
      money('var95', '1-in-20-year loss', byOrder),
      money('p99', '1-in-100-year loss', byOrder),
      money('cvar95', 'Worst-5 % average (CVaR95)', 'normal approximation'),
      {
        id: 'serviceLevel',
        label: 'Service level',
        lines: [{ cls: 'cw-figure-value', text: level(f.serviceLevel), title: pct(f.serviceLevel, 3) }, ...base((x) => x.serviceLevel, level, (x) => pct(x, 3))],
      },
    ],
    appetite: { status: a.status, title: lines.join('\n'), label: `${badgeText(a)}: ${lines.join('; ')}`, icon: ICONS[a.status], text: badgeText(a), lines },
  };
}

/**
 * Draws (or updates) the header in `element`. Money in data.currency, compact (exact in titles).
 * Class names (for the page stylesheet): cw-header, cw-header-id, cw-scenario, cw-run,
 * cw-progress, cw-figures, cw-figure (+ cw-figure-<id>), cw-figure-label, cw-figure-value,
 * cw-figure-note, cw-figure-split (cw-split-label, cw-split-value), cw-figure-baseline,
 * cw-figure-delta (+ cw-delta-down / cw-delta-up / cw-delta-zero), cw-appetite (+ cw-appetite-ok /
 * cw-appetite-breached / cw-appetite-uncertain, data-status), cw-appetite-icon, cw-appetite-text.
 */
export function header(element: HTMLElement, data: HeaderData): void {
  const scene = layoutHeader(data);
  const root = child<HTMLElement>(select(element) as unknown as Sel<Element>, 'section', 'cw-header').attr('aria-label', scene.label);

  // Identity: name, run, progress.
  const id = child<HTMLDivElement>(root as unknown as Sel<Element>, 'div', 'cw-header-id');
  child<HTMLHeadingElement>(id as unknown as Sel<Element>, 'h1', 'cw-scenario').text(scene.scenario);
  child<HTMLParagraphElement>(id as unknown as Sel<Element>, 'p', 'cw-run').text(scene.run);
  id.selectChildren<HTMLProgressElement, NonNullable<HeaderScene['progress']>>('progress.cw-progress')
    .data(scene.progress ? [scene.progress] : [])
    .join('progress')
    .attr('class', 'cw-progress')
    .attr('max', 1)
    .attr('value', (p) => p.value)
    .attr('aria-label', (p) => p.label)
    .text((p) => p.text);

  // Figures.
  const dl = child<HTMLDListElement>(root as unknown as Sel<Element>, 'dl', 'cw-figures');
  const fig = dl
    .selectChildren<HTMLDivElement, HeaderFigure>('div.cw-figure')
    .data(scene.figures, (d) => d.id)
    .join((enter) => {
      const g = enter.append('div');
      g.append('dt').attr('class', 'cw-figure-label');
      return g;
    })
    .attr('class', (d) => `cw-figure cw-figure-${d.id}`);
  fig.select('dt').text((d) => d.label).attr('title', (d) => d.label);
  const dd = fig
    .selectChildren<HTMLElement, HeaderLine>('dd')
    .data(
      (d) => d.lines,
      (l) => l.cls.split(' ')[0]!,
    )
    .join('dd')
    .attr('class', (l) => l.cls)
    .attr('title', (l) => l.title ?? null)
    .attr('aria-label', (l) => l.label ?? null)
    .order();
  dd.filter((l) => !l.rows).text((l) => l.text);
  dd.filter((l) => Boolean(l.rows))
    .selectChildren<HTMLSpanElement, string>('span')
    .data((l) => l.rows!.flat())
    .join('span')
    .attr('class', (_, i) => (i % 2 === 0 ? 'cw-split-label' : 'cw-split-value'))
    .text((t) => t);

  // Appetite badge: icon and words (never colour alone), every check with its interval in title and tooltip.
  const tip = tooltip(element);
  tip.hide();
  const a = scene.appetite;
  const badge = child<HTMLDivElement>(root as unknown as Sel<Element>, 'div', 'cw-appetite')
    .classed('cw-appetite-ok', a.status === 'within')
    .classed('cw-appetite-breached', a.status === 'breached')
    .classed('cw-appetite-uncertain', a.status === 'uncertain')
    .attr('data-status', a.status)
    .attr('tabindex', 0)
    .attr('role', 'status')
    .attr('title', a.title)
    .attr('aria-label', a.label)
    .on('mouseenter focus', (event: MouseEvent | FocusEvent) => {
      const [px, py] = pointerIn(element, event);
      tip.show(a.lines, px, py);
    })
    .on('mouseleave blur', () => tip.hide());
  child<HTMLSpanElement>(badge as unknown as Sel<Element>, 'span', 'cw-appetite-icon')
    .attr('aria-hidden', 'true')
    .text(a.icon);
  child<HTMLSpanElement>(badge as unknown as Sel<Element>, 'span', 'cw-appetite-text').text(a.text);
}

const ICONS: Record<AppetiteStatus, string> = { within: '✓', breached: '!', uncertain: '?' };
const STATUS_WORDS: Record<AppetiteStatus, string> = { within: 'Within', breached: 'Breached', uncertain: 'Uncertain' };

/** The badge's words: "Within appetite", "Appetite breached (2)", "Appetite uncertain (1)". */
export function badgeText(a: HeaderAppetite): string {
  if (a.checks.length === 0) return 'No appetite set';
  const n = a.checks.filter((c) => c.status === a.status).length;
  return a.status === 'within' ? 'Within appetite' : `Appetite ${a.status} (${n})`;
}

/** The badge's hover lines: each check with its status (worst first) and, when one is uncertain, what that means. */
export function appetiteLines(a: HeaderAppetite): string[] {
  if (a.checks.length === 0) return ['The scenario states no appetite limits'];
  const order: Record<AppetiteStatus, number> = { breached: 0, uncertain: 1, within: 2 };
  const checks = [...a.checks].sort((x, y) => order[x.status] - order[y.status]);
  const lines = checks.map((c) => `${STATUS_WORDS[c.status]}: ${c.text}`);
  if (checks.some((c) => c.status === 'uncertain')) lines.push('Uncertain: the 95 % interval straddles the limit, so more trials or another seed may tip it either way.');
  return lines;
}
