// The `chainward routes` report as text (README "Routes and carriers"): the options and what each
// changes, one table row per option, the options that change no loss collapsed into one entry, what
// the marks mean, and the recommendation. It fits in 120 columns: prose wraps, the table keeps to
// its numbers (an option's change is listed above it), and an option id too long to fit is cut
// with "…". `wide` adds every column, the change included, whole.
import { changesNothing, type RouteOption, type RouteOptionsResult } from '../analysis/route-options.js';
import { oneLine, plain, truncate } from '../report/format.js';
import { plusMinus } from '../report/sections.js';
import { money, num, signedDays, signedMoney } from '../text/format.js';

/** Terminal width the report keeps to unless `wide`. */
export const ROUTES_WIDTH = 120;
/** The narrowest the option column gets when the table must be cut to fit. */
const MIN_OPTION_WIDTH = 12;

export interface RoutesTableOptions {
  /** Show every cell whole and every column, even when the table is wider than 120 columns. */
  wide?: boolean;
}

/** A column: a group label spanning neighbours with the same label, its own label, its cells. */
interface Column {
  group: string;
  head: string;
  right: boolean;
  cells: string[];
}

/**
 * Wraps prose to `width` columns at spaces; a word longer than a continuation line (a long id) is
 * broken where the line ends. The text's own leading spaces are kept, and continuation lines start
 * with `indent`.
 */
export function wrap(text: string, width: number, indent = ''): string {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  for (let word of text.slice(lead.length).split(' ')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    // a word too long for any line: fill this one and carry the rest
    while (line.length + (empty ? 0 : 1) + word.length > width && width - line.length - (empty ? 0 : 1) > 0 && word.length > width - indent.length) {
      const room = width - line.length - (empty ? 0 : 1);
      lines.push(empty ? line + word.slice(0, room) : `${line} ${word.slice(0, room)}`);
      word = word.slice(room);
      line = indent;
      empty = true;
    }
    line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * Lays out columns with a group row, a label row, a rule and the rows. With a `width`, the column
 * `shrink` is cut (down to MIN_OPTION_WIDTH) so that the table fits.
 */
function layout(cols: Column[], width: number | undefined, shrink: number): string {
  const widths = cols.map((c) => Math.max(c.head.length, ...c.cells.map((x) => x.length)));
  // groups: runs of neighbouring columns with the same non-empty group label
  const spans: Array<{ label: string; from: number; to: number }> = [];
  cols.forEach((c, i) => {
    const last = spans[spans.length - 1];
    if (c.group !== '' && last !== undefined && last.label === c.group && last.to === i - 1) last.to = i;
    else spans.push({ label: c.group, from: i, to: i });
  });
  const spanWidth = (s: { from: number; to: number }) => widths.slice(s.from, s.to + 1).reduce((a, b) => a + b, 0) + 2 * (s.to - s.from);
  for (const s of spans) {
    const missing = s.label.length - spanWidth(s);
    if (missing > 0) widths[s.from] = widths[s.from]! + missing;
  }
  if (width !== undefined) {
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
    if (total > width) widths[shrink] = Math.max(MIN_OPTION_WIDTH, widths[shrink]! - (total - width));
  }
  const cell = (s: string, i: number) => {
    const text = truncate(s, widths[i]!);
    return cols[i]!.right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  };
  const groupRow = spans.map((s) => (cols[s.from]!.right ? s.label.padStart(spanWidth(s)) : s.label.padEnd(spanWidth(s)))).join('  ');
  const out = [groupRow, cols.map((c, i) => cell(c.head, i)).join('  '), widths.map((w) => '─'.repeat(w)).join('  ')];
  const n = cols[0]!.cells.length;
  for (let r = 0; r < n; r++) out.push(cols.map((c, i) => cell(c.cells[r] ?? '', i)).join('  '));
  return out.map((l) => l.trimEnd()).join('\n');
}

/** Whether a number differs between the options shown. */
function varies(rows: readonly RouteOption[], pick: (o: RouteOption) => number): boolean {
  return rows.some((o) => pick(o) !== pick(rows[0]!));
}

/** The change an option makes, in words: its route, or the carrier switch on the route of the option it changes. */
function changeText(o: RouteOption): string {
  if (o.kind === 'baseline') return `current route ${o.route.join(' → ')}`;
  if (o.kind === 'route' || !o.carrier) return `route ${o.route.join(' → ')}`;
  const c = o.carrier;
  const on = o.variantOf !== null && o.variantOf !== 'baseline' ? `${o.variantOf} with ` : '';
  return `${on}carrier ${c.lane}: ${c.from ?? '(no carrier)'} → ${c.to}${c.priceStated ? '' : ' (price not stated: lane cost kept)'}`;
}

/**
 * The routes sentence of the header: how many loop-free routes were found (all that exist when fewer
 * than asked), whether the current route is one of them, and what the options are.
 */
function routesSentence(r: RouteOptionsResult): string {
  const others = r.options.filter((o) => o.kind === 'route').length;
  const currentAmong = others < r.routesFound;
  const found =
    r.routesFound < r.k
      ? `${r.routesFound} loop-free route${r.routesFound === 1 ? ' exists' : 's exist'} (${r.k} asked)`
      : `The ${r.k} fastest loop-free route${r.k === 1 ? '' : 's'}`;
  const among = currentAmong ? `, the current one among them` : `; the current route is not among them`;
  const options = `the options: the current route (baseline)${others > 0 ? `, ${others === 1 ? 'the other route' : `the ${others} other routes`}` : ''}`;
  const carriers = r.carriers ? ", and a switch to each other carrier that serves a road lane's mode and regions" : '';
  return `${found[0]!.toUpperCase()}${found.slice(1)}${among}; ${options}${carriers}:`;
}

/** `v` with every string in it made one line of plain text (names and ids come from the scenario file). */
function oneLineStrings<T>(v: T): T {
  if (typeof v === 'string') return oneLine(v) as T;
  if (Array.isArray(v)) return v.map(oneLineStrings) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: oneLineStrings(x), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return v;
}

/** The routes report as text: a header, the routes, one row per option, notes and the recommendation. */
export function routesTable(result: RouteOptionsResult, opts: RoutesTableOptions = {}): string {
  // a line feed in an id would break a row or a column: every string is one line before the layout
  const r = oneLineStrings(result);
  const c = r.currency;
  const wide = opts.wide === true;
  const width = wide ? undefined : ROUTES_WIDTH;
  const recommended = new Set(r.recommendation.map((x) => x.option));
  // options that change no loss collapse into one entry, unless they are recommended (then they keep their row)
  const collapsed = r.options.filter((o) => o.noEffect && !recommended.has(o.id));
  const rows = r.options.filter((o) => !collapsed.includes(o));
  const showCut = wide || varies(rows, (o) => o.interruptedDays);

  const col = (group: string, head: string, right: boolean, f: (o: RouteOption) => string): Column => ({ group, head, right, cells: rows.map(f) });
  const cols: Column[] = [
    col('', '', false, (o) => (o.dominated ? '×' : '')),
    col('', 'option', false, (o) => o.id),
    col('', 'days', true, (o) => num(o.transitDays, 4)),
    col('transport/yr', 'network', true, (o) => money(o.transportCost, c)),
    col('transport/yr', 'flow', true, (o) => money(o.flowTransportCost, c)),
    col('EAL', 'network', true, (o) => money(o.eal, c)),
    col('EAL', 'flow', true, (o) => money(o.flowEal, c)),
    col('detours/yr', 'flow', true, (o) => money(o.flowRerouteCost, c)),
    col('Δ network EAL', '± 95 %', true, (o) => (o.kind === 'baseline' ? '–' : plusMinus(o.delta.eal, o.delta.ealCi95, (x) => signedMoney(x, c), (x) => money(x, c)))),
    ...(wide ? [col('', 'VaR95', true, (o) => money(o.var95, c))] : []),
    ...(showCut ? [col('interrupted', 'days', true, (o) => num(o.interruptedDays, 3))] : []),
    ...(wide ? [col('', 'change', false, changeText)] : []),
  ];

  const flowName = r.flow.name !== undefined ? ` (${r.flow.name})` : '';
  const text: string[] = [];
  const prose = (s: string, indent = '') => text.push(wrap(s, ROUTES_WIDTH, indent));
  prose(`chainward routes · ${r.scenario} · flow ${r.flow.id}${flowName}`);
  prose(`${r.flow.from} → ${r.flow.to} · ${r.trials.toLocaleString('en-US')} trials · seed ${r.seed} · common random numbers`);
  prose(routesSentence(r));
  if (!wide) {
    const idWidth = Math.min(40, Math.max(...rows.map((o) => o.id.length)));
    for (const o of rows) prose(`  ${o.id.padEnd(idWidth)}  ${changeText(o)}`, ' '.repeat(idWidth + 4));
  }
  text.push('');
  text.push(layout(cols, width, 1));
  text.push('');

  if (collapsed.length > 0) {
    // what still differs: transit days (a route that changes no loss) and transport cost
    const items = collapsed.map((o) => {
      const base = r.options.find((x) => x.id === o.variantOf)!;
      const diffs: string[] = [];
      const days = o.transitDays - base.transitDays;
      if (days !== 0) diffs.push(signedDays(days));
      diffs.push(o.transportCost === base.transportCost ? 'same transport cost' : `transport ${signedMoney(o.transportCost - base.transportCost, c)}/yr`);
      return `${o.id} (${diffs.join(', ')} vs ${base.id})`;
    });
    const costs = collapsed.map((o) => o.transportCost);
    const lo = Math.min(...costs);
    const hi = Math.max(...costs);
    const range = lo === hi ? money(lo, c) : `${money(lo, c)}–${money(hi, c)}`;
    const one = collapsed.length === 1;
    prose(
      `= ${collapsed.length} option${one ? ' changes' : 's change'} no loss (the same loss in every trial as the option ${one ? 'it changes' : 'they change'}), ` +
        `only time or cost; network transport/yr ${range}: ${items.join(', ')}.`,
      '  ',
    );
  }
  const nDominated = r.options.filter((o) => o.dominated).length;
  prose(`× dominated (${nDominated} of ${r.options.length}): another option is no worse on transit days, network transport cost and network EAL, and better on one.`);
  if (!showCut && rows.length > 0) {
    const days = rows[0]!.interruptedDays;
    prose(days === 0 ? 'The flow is never interrupted under any option listed.' : `The flow is interrupted ${num(days, 3)} days per horizon under every option listed.`);
  }
  if (!wide) prose("--wide adds the network's 1-in-20-year loss (VaR95), the interrupted days and each option's change as columns.");
  prose(
    `transport/yr: the yearly transport cost of the whole network and of this flow's shipments; EAL: expected loss per ${r.horizonDays}-day ` +
      "horizon, of the whole network and of this flow (its shipments' losses, interruption and detours); detours/yr: the extra " +
      "transport cost the flow pays on detours while its route is down (part of its EAL); Δ network EAL: option − baseline " +
      '(negative: less loss) ± its paired 95 % interval.',
  );
  text.push('');
  prose('Recommendation: the options no other option beats on transit days, transport cost and network loss.');
  for (const x of r.recommendation) prose(`  ${x.option}: ${x.reason}.`, '    ');
  // names and ids come from the scenario file: no control character or bidi override reaches the terminal
  return plain(text.join('\n') + '\n');
}
