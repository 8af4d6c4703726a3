// The header strip (HTML, styled by the page's CSS): scenario name, seed and trials, the headline
// figures (EAL ± its 95 % margin, 1-in-20 and 1-in-100-year loss, CVaR95, service level), the
// appetite badge and, during a run, a progress bar. With a what-if, each figure shows its baseline
// and the EAL its paired change. Names reach the DOM as text only.
import { select, type Selection } from 'd3';
import type { HeaderData, HeaderFigures } from '../model/view-data.js';
import { moneyExact, moneyShort, pct, pointerIn, tooltip } from './common.js';

interface Line {
  /** Class name; also the join key. */
  cls: string;
  text: string;
  title?: string;
  label?: string;
}

interface Figure {
  id: keyof HeaderFigures;
  label: string;
  lines: Line[];
}

/** "−€1.01M", "+€1.01M": a change with a true minus sign and an explicit plus. */
function signedMoney(x: number, currency: string, locale: string, exact = false): string {
  const s = (exact ? moneyExact : moneyShort)(Math.abs(x), currency, locale);
  return x < 0 ? `−${s}` : x > 0 ? `+${s}` : s;
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

/**
 * Draws (or updates) the header in `element`. Money in data.currency, compact (exact in titles).
 * Class names (for the page stylesheet): cw-header, cw-header-id, cw-scenario, cw-run,
 * cw-progress, cw-figures, cw-figure (+ cw-figure-<id>), cw-figure-label, cw-figure-value,
 * cw-figure-note, cw-figure-baseline, cw-figure-delta (+ cw-delta-down / cw-delta-up / cw-delta-zero),
 * cw-appetite (+ cw-appetite-ok / cw-appetite-breached), cw-appetite-icon, cw-appetite-text.
 */
export function header(element: HTMLElement, data: HeaderData): void {
  const locale = data.locale ?? 'en-US';
  const m = (x: number): string => moneyShort(x, data.currency, locale);
  const mx = (x: number): string => moneyExact(x, data.currency, locale);
  const f = data.figures;
  const b = data.baseline;
  const trials = new Intl.NumberFormat(locale).format(data.trials);

  const root = child<HTMLElement>(select(element) as unknown as Sel<Element>, 'section', 'cw-header').attr('aria-label', `Results of ${data.scenario}`);

  // Identity: name, run, progress.
  const id = child<HTMLDivElement>(root as unknown as Sel<Element>, 'div', 'cw-header-id');
  child<HTMLHeadingElement>(id as unknown as Sel<Element>, 'h1', 'cw-scenario').text(data.scenario);
  child<HTMLParagraphElement>(id as unknown as Sel<Element>, 'p', 'cw-run').text(`seed ${data.seed} · ${trials} trials`);
  const running = data.progress !== undefined && Number.isFinite(data.progress) && data.progress >= 0 && data.progress < 1;
  id.selectChildren<HTMLProgressElement, number>('progress.cw-progress')
    .data(running ? [data.progress!] : [])
    .join('progress')
    .attr('class', 'cw-progress')
    .attr('max', 1)
    .attr('value', (p) => p)
    .attr('aria-label', (p) => `Simulating: ${Math.round(p * 100)} % done`)
    .text((p) => `${Math.round(p * 100)} %`);

  // Figures.
  const base = (v: (x: HeaderFigures) => number, fmt: (x: number) => string, exact: (x: number) => string): Line[] =>
    b ? [{ cls: 'cw-figure-baseline', text: `baseline ${fmt(v(b))}`, title: `Baseline: ${exact(v(b))}` }] : [];
  const margin = 1.96 * f.se;
  const ealLines: Line[] = [
    { cls: 'cw-figure-value', text: m(f.eal), title: mx(f.eal) },
    { cls: 'cw-figure-note', text: `± ${m(margin)} (95 %)`, title: `95 % interval of the estimate: ${mx(f.eal - margin)} to ${mx(f.eal + margin)} (standard error ${mx(f.se)})` },
    ...base((x) => x.eal, m, mx),
  ];
  if (data.delta) {
    // delta.eal is baseline − what-if (a reduction is positive); the change in EAL is its negative.
    const change = -data.delta.eal;
    const lo = -data.delta.ci95[1];
    const hi = -data.delta.ci95[0];
    const s = (x: number): string => signedMoney(x, data.currency, locale);
    const se = (x: number): string => signedMoney(x, data.currency, locale, true);
    const dir = change < 0 ? 'down' : change > 0 ? 'up' : 'zero';
    ealLines.push({
      cls: `cw-figure-delta cw-delta-${dir}`,
      text: `${s(change)} [${s(Math.min(lo, hi))}, ${s(Math.max(lo, hi))}]`,
      title: `Change in expected annual loss: ${se(change)} (95 % interval ${se(Math.min(lo, hi))} to ${se(Math.max(lo, hi))})`,
      label: `Change in expected annual loss ${se(change)}, 95 % interval ${se(Math.min(lo, hi))} to ${se(Math.max(lo, hi))}`,
    });
  }
  const money = (id: 'var95' | 'p99' | 'cvar95', label: string): Figure => ({
    id,
    label,
    lines: [{ cls: 'cw-figure-value', text: m(f[id]), title: mx(f[id]) }, ...base((x) => x[id], m, mx)],
  });
  const level = (x: number): string => pct(x, 1);
  const figures: Figure[] = [
    { id: 'eal', label: 'Expected annual loss', lines: ealLines },
    money('var95', '1-in-20-year loss'),
    money('p99', '1-in-100-year loss'),
    money('cvar95', 'Worst-5 % average (CVaR95)'),
    {
      id: 'serviceLevel',
      label: 'Service level',
      lines: [{ cls: 'cw-figure-value', text: level(f.serviceLevel), title: pct(f.serviceLevel, 3) }, ...base((x) => x.serviceLevel, level, (x) => pct(x, 3))],
    },
  ];
  const dl = child<HTMLDListElement>(root as unknown as Sel<Element>, 'dl', 'cw-figures');
  const fig = dl
    .selectChildren<HTMLDivElement, Figure>('div.cw-figure')
    .data(figures, (d) => d.id)
    .join((enter) => {
      const g = enter.append('div');
      g.append('dt').attr('class', 'cw-figure-label');
      return g;
    })
    .attr('class', (d) => `cw-figure cw-figure-${d.id}`);
  fig.select('dt').text((d) => d.label);
  fig
    .selectChildren<HTMLElement, Line>('dd')
    .data(
      (d) => d.lines,
      (l) => l.cls.split(' ')[0]!,
    )
    .join('dd')
    .attr('class', (l) => l.cls)
    .attr('title', (l) => l.title ?? null)
    .attr('aria-label', (l) => l.label ?? null)
    .text((l) => l.text)
    .order();

  // Appetite badge: icon and words (never colour alone), the breaches in title and tooltip.
  const tip = tooltip(element);
  tip.hide();
  const breaches = data.appetite.breaches;
  const within = data.appetite.withinAppetite;
  const lines = within ? ['No appetite limit breached'] : breaches.length ? breaches : ['Appetite breached'];
  const badge = child<HTMLDivElement>(root as unknown as Sel<Element>, 'div', 'cw-appetite')
    .classed('cw-appetite-ok', within)
    .classed('cw-appetite-breached', !within)
    .attr('tabindex', 0)
    .attr('role', 'status')
    .attr('title', lines.join('\n'))
    .attr('aria-label', within ? 'Within appetite' : `Appetite breached: ${lines.join('; ')}`)
    .on('mouseenter focus', (event: MouseEvent | FocusEvent) => {
      const [px, py] = pointerIn(element, event);
      tip.show(lines, px, py);
    })
    .on('mouseleave blur', () => tip.hide());
  child<HTMLSpanElement>(badge as unknown as Sel<Element>, 'span', 'cw-appetite-icon')
    .attr('aria-hidden', 'true')
    .text(within ? '✓' : '!');
  child<HTMLSpanElement>(badge as unknown as Sel<Element>, 'span', 'cw-appetite-text').text(
    within ? 'Within appetite' : `Appetite breached${breaches.length ? ` (${breaches.length})` : ''}`,
  );
}
