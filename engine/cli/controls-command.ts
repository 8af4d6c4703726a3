// `chainward controls [--element E] [--format table|json]`: lists the built-in control catalog —
// element, where it applies, what it acts on with its default factors, reliability, cost and source.
import { CATALOG } from '../catalog/controls.js';
import { ELEMENTS, type Control, type Effect } from '../model/schema.js';
import { paragraph, REPORT_WIDTH, textTable } from '../report/format.js';
import { plural } from '../text/format.js';
import { formatOption, parseCommand, usageOf, type CommandSpec } from './args.js';
import { EXIT_OK, InputError } from '../io/errors.js';

/** `chainward controls`: its options, usage line and --help (see README.md, "The control catalog"). */
export const CONTROLS_COMMAND = {
  name: 'controls',
  summary: 'lists the built-in control catalog (TAPA FSR/TSR, C-TPAT, EU AEO, ISO 17712, ISO 28000): element, where each applies, what it acts on, reliability, cost, source.',
  options: {
    element: { type: 'string', value: 'E', description: `only the controls of this ISO 28000 element: ${ELEMENTS.join(', ')}` },
    format: formatOption(['table', 'json'], 'table or json'),
  },
  example: 'chainward controls --element transport',
} as const satisfies CommandSpec;

export const CONTROLS_USAGE = usageOf(CONTROLS_COMMAND);

/** "theft f0.8 s0.85" style summary of a control's effects. */
function effectsText(c: Control): string {
  const part = (e: Effect) =>
    [
      e.frequencyFactor !== undefined ? `freq ×${e.frequencyFactor}` : '',
      e.severityFactor !== undefined ? `loss ×${e.severityFactor}` : '',
      e.downtimeFactor !== undefined ? `downtime ×${e.downtimeFactor}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  return Object.entries(c.effects)
    .map(([k, e]) => `${k} (${part(e)})`)
    .join('\n'); // one category a line: the table stays within 120 columns
}

function costText(c: Control): string {
  const k = c.cost ?? {};
  const parts: string[] = [];
  if (k.annual) parts.push(`${k.annual.toLocaleString('en-US')}/yr`);
  if (k.perShipment) parts.push(`${k.perShipment.toLocaleString('en-US')}/shipment`);
  if (k.capex) parts.push(`capex ${k.capex.toLocaleString('en-US')}\n  over ${k.lifetimeYears ?? 10} yr`);
  return parts.join('\n+ ') || '0';
}

export function controlsCommand(argv: string[]): number {
  const { values, positionals } = parseCommand(CONTROLS_COMMAND, argv);
  if (positionals.length) throw new InputError(`controls takes no arguments, got ${positionals.join(' ')}\n\n${CONTROLS_USAGE}`);
  const element = values.element;
  if (element !== undefined && !(ELEMENTS as readonly string[]).includes(String(element))) {
    throw new InputError(`--element: expected one of ${ELEMENTS.join(', ')}, got "${String(element)}"`);
  }
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new InputError(`--format: expected table or json, got "${String(format)}"`);
  const list = CATALOG.filter((c) => element === undefined || c.element === element);
  if (list.length === 0) {
    // a valid element that no catalog entry has: say so, rather than an empty table
    const present = ELEMENTS.filter((e) => CATALOG.some((c) => c.element === e));
    const none =
      `none of the catalog's ${CATALOG.length} controls has element "${String(element)}"; its controls have the elements ${present.join(', ')}. ` +
      'A scenario can declare its own control with any element.\n';
    if (format === 'json') {
      // standard output stays JSON (an empty list); the explanation goes to standard error
      process.stdout.write('[]\n');
      if (values.quiet !== true) process.stderr.write(`chainward controls: ${none}`);
    } else process.stdout.write(`chainward control catalog: ${none}`);
    return EXIT_OK;
  }
  if (format === 'json') {
    process.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return EXIT_OK;
  }
  const rows = list.map((c) => [c.id, c.element, c.appliesTo, effectsText(c), String(c.reliability ?? 1), costText(c)]);
  process.stdout.write(
    paragraph(
      `chainward control catalog: ${plural(list.length, 'control')}${element ? ` (element ${String(element)})` : ''}. ` +
        'Factors are planning defaults, not measured truths; a scenario control with the same id overrides an entry.',
      REPORT_WIDTH,
    ) +
      '\n\n' +
      textTable(['control', 'element', 'applies\nto', 'acts on (default factors)', 'reliability', 'cost\n(scenario currency)'], rows, new Set([4]), {
        width: REPORT_WIDTH,
        shrink: [{ column: 3, mode: 'wrap', min: 30 }],
      }) +
      '\n\nsources:\n' +
      list.map((c) => paragraph(`  ${c.id}: ${c.source ?? ''}`, REPORT_WIDTH, 4)).join('\n') +
      '\n',
  );
  return EXIT_OK;
}
