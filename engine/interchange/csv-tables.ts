// The CSV files `chainward import` reads and `chainward export` writes, one a scenario list (sites,
// lanes, flows, carriers, threats): each column's header, the other headers it is known by, the
// field of the chainward/v1 entry it fills and how its cells are read (docs/import-export.md lists
// them all). Headers match in any case and order, ignoring spaces, dots, dashes, underscores and
// brackets, so `transitDays`, `transit_days`, `Transit days` and `transit (days)` are one column.
import { CATEGORIES, MODES, SITE_KINDS } from '../model/schema.js';

/** How a cell is read and written (docs/import-export.md, "Cells"). */
export type CellType =
  | 'text' // as it is (trimmed unless quoted)
  | 'number' // JSON number syntax: 1200, 0.5, 1.2e5
  | 'enum' // one of `values`, in any case
  | 'list' // items separated by ";"
  | 'enumList' // items of `values` separated by ";"
  | 'dist' // pert(min, mode, max), lognormal(median=…, p90=…), …, or a number (fixed)
  | 'factors' // region=factor; region=factor
  | 'triggers' // threat(factor=…, days=…, scope=…); …
  | 'boolean'; // true/false, yes/no, 1/0

export interface ColumnSpec {
  /** The header `export` writes. */
  readonly header: string;
  /** The field of the entry it fills: `["lat"]`, `["appliesTo", "kind"]`. */
  readonly path: readonly string[];
  readonly type: CellType;
  /** The values of an enum or enumList column. */
  readonly values?: readonly string[];
  /** Other words for the values of an enum column, in lower case: `truck` → `road`. */
  readonly valueAliases?: Readonly<Record<string, string>>;
  /** Other headers that mean this column (compared as normalizeHeader makes them). */
  readonly aliases?: readonly string[];
  /** Every row needs a value. */
  readonly required?: boolean;
}

export type TableName = 'sites' | 'lanes' | 'flows' | 'carriers' | 'threats';

export interface TableSpec {
  readonly name: TableName;
  /** What one row is, for messages: "site". */
  readonly what: string;
  readonly columns: readonly ColumnSpec[];
  /** Groups of columns of which the file needs at least one (a threat's frequency). */
  readonly oneOf?: ReadonlyArray<readonly string[]>;
}

/**
 * A header as it is compared: a currency in brackets at the end left out (`Value (EUR)`: amounts are
 * read as they are, in the scenario's currency), then lower case, letters and digits only
 * (`Transit days`, `transit_days` and `transit (days)` → `transitdays`).
 */
export function normalizeHeader(header: string): string {
  return header
    .replace(/\s*[([][A-Za-z]{3}[)\]]\s*$/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** What spreadsheets call the transport modes. */
const MODE_WORDS: Readonly<Record<string, string>> = {
  truck: 'road',
  trucking: 'road',
  lorry: 'road',
  ftl: 'road',
  ltl: 'road',
  train: 'rail',
  railway: 'rail',
  ocean: 'sea',
  ship: 'sea',
  vessel: 'sea',
  maritime: 'sea',
  plane: 'air',
  airfreight: 'air',
  flight: 'air',
  river: 'barge',
  inland: 'barge',
};

const id = (what: string): ColumnSpec => ({ header: 'id', path: ['id'], type: 'text', required: true, aliases: [`${what}id`, what, 'code', 'key'] });
const name: ColumnSpec = { header: 'name', path: ['name'], type: 'text' };
const owner: ColumnSpec = { header: 'owner', path: ['owner'], type: 'text', aliases: ['riskowner'] };
const tags: ColumnSpec = { header: 'tags', path: ['tags'], type: 'list', aliases: ['tag', 'labels'] };
const controls: ColumnSpec = { header: 'controls', path: ['controls'], type: 'list', aliases: ['control', 'controlids'] };
const ttr: ColumnSpec = { header: 'ttrDays', path: ['ttrDays'], type: 'number', aliases: ['ttr', 'timetorecover', 'timetorecoverdays', 'recoverydays'] };
const from: ColumnSpec = { header: 'from', path: ['from'], type: 'text', required: true, aliases: ['origin', 'source', 'fromsite', 'originsite', 'start'] };
const to: ColumnSpec = { header: 'to', path: ['to'], type: 'text', required: true, aliases: ['destination', 'dest', 'target', 'tosite', 'destinationsite', 'end'] };
const region: ColumnSpec = { header: 'region', path: ['region'], type: 'text', aliases: ['country', 'countrycode'] };

export const SITES_TABLE: TableSpec = {
  name: 'sites',
  what: 'site',
  columns: [
    id('site'),
    name,
    { header: 'kind', path: ['kind'], type: 'enum', values: SITE_KINDS, required: true, aliases: ['type', 'sitekind', 'sitetype'] },
    { header: 'lat', path: ['lat'], type: 'number', aliases: ['latitude'] },
    { header: 'lon', path: ['lon'], type: 'number', aliases: ['lng', 'long', 'longitude'] },
    region,
    { header: 'value', path: ['value'], type: 'number', aliases: ['exposedvalue', 'stockvalue', 'inventoryvalue', 'valueonsite'] },
    controls,
    ttr,
    owner,
    tags,
  ],
};

export const LANES_TABLE: TableSpec = {
  name: 'lanes',
  what: 'lane',
  columns: [
    id('lane'),
    name,
    from,
    to,
    { header: 'mode', path: ['mode'], type: 'enum', values: MODES, valueAliases: MODE_WORDS, required: true, aliases: ['transportmode', 'modeoftransport'] },
    { header: 'carrier', path: ['carrier'], type: 'text', aliases: ['carrierid'] },
    { header: 'transitDays', path: ['transitDays'], type: 'number', required: true, aliases: ['transit', 'transittime', 'transittimedays', 'leadtime', 'leadtimedays', 'days'] },
    { header: 'costPerShipment', path: ['costPerShipment'], type: 'number', aliases: ['cost', 'shipmentcost', 'freightcost'] },
    controls,
    region,
    ttr,
    owner,
    tags,
  ],
};

export const FLOWS_TABLE: TableSpec = {
  name: 'flows',
  what: 'flow',
  columns: [
    id('flow'),
    name,
    from,
    to,
    { header: 'valuePerYear', path: ['valuePerYear'], type: 'number', required: true, aliases: ['value', 'annualvalue', 'yearlyvalue', 'valueyear'] },
    { header: 'shipmentsPerYear', path: ['shipmentsPerYear'], type: 'number', required: true, aliases: ['shipments', 'annualshipments', 'yearlyshipments', 'shipmentsyear'] },
    { header: 'bufferDays', path: ['bufferDays'], type: 'number', aliases: ['buffer', 'coverdays', 'daysofcover', 'inventorydays'] },
    { header: 'interruptionCostPerDay', path: ['interruptionCostPerDay'], type: 'number', aliases: ['interruptioncost', 'costperday', 'downtimecostperday'] },
    { header: 'path', path: ['path'], type: 'list', aliases: ['route', 'lanes', 'laneids'] },
  ],
};

export const CARRIERS_TABLE: TableSpec = {
  name: 'carriers',
  what: 'carrier',
  columns: [
    id('carrier'),
    name,
    { header: 'modes', path: ['modes'], type: 'enumList', values: MODES, valueAliases: MODE_WORDS, aliases: ['mode'] },
    { header: 'regions', path: ['regions'], type: 'list', aliases: ['region', 'countries'] },
    { header: 'riskFactor', path: ['riskFactor'], type: 'number', aliases: ['risk', 'securityfactor'] },
    { header: 'disruptionFactor', path: ['disruptionFactor'], type: 'number', aliases: ['disruption'] },
    { header: 'certifications', path: ['certifications'], type: 'list', aliases: ['certification', 'certs'] },
    { header: 'costPerShipment', path: ['costPerShipment'], type: 'number', aliases: ['cost', 'price', 'pricepershipment'] },
  ],
};

export const THREATS_TABLE: TableSpec = {
  name: 'threats',
  what: 'threat',
  columns: [
    id('threat'),
    name,
    { header: 'description', path: ['description'], type: 'text' },
    { header: 'category', path: ['category'], type: 'enum', values: CATEGORIES, required: true, aliases: ['threatcategory', 'type'] },
    { header: 'appliesTo', path: ['appliesTo', 'kind'], type: 'enum', values: ['site', 'lane'], required: true, aliases: ['kind', 'targetkind', 'targets'] },
    { header: 'ids', path: ['appliesTo', 'ids'], type: 'list', aliases: ['targetids'] },
    { header: 'siteKinds', path: ['appliesTo', 'siteKinds'], type: 'enumList', values: SITE_KINDS, aliases: ['sitekind'] },
    { header: 'modes', path: ['appliesTo', 'modes'], type: 'enumList', values: MODES, valueAliases: MODE_WORDS, aliases: ['mode'] },
    { header: 'regions', path: ['appliesTo', 'regions'], type: 'list', aliases: ['region'] },
    { header: 'tags', path: ['appliesTo', 'tags'], type: 'list', aliases: ['tag'] },
    { header: 'perYear', path: ['frequency', 'perYear'], type: 'number', aliases: ['eventsperyear', 'rateperyear'] },
    { header: 'perShipment', path: ['frequency', 'perShipment'], type: 'number', aliases: ['eventspershipment', 'ratepershipment'] },
    { header: 'lossFraction', path: ['loss', 'fraction'], type: 'dist', aliases: ['fraction'] },
    { header: 'lossAmount', path: ['loss', 'amount'], type: 'dist', aliases: ['amount'] },
    { header: 'downtimeDays', path: ['downtimeDays'], type: 'dist', aliases: ['downtime'] },
    { header: 'regionFactors', path: ['regionFactors'], type: 'factors', aliases: ['regionfactor'] },
    { header: 'triggers', path: ['triggers'], type: 'triggers', aliases: ['trigger', 'cascades'] },
    { header: 'jointly', path: ['jointly'], type: 'boolean', aliases: ['commoncause', 'joint'] },
  ],
  oneOf: [
    ['perYear', 'perShipment'],
    ['lossFraction', 'lossAmount', 'downtimeDays'],
  ],
};

/** The tables in the order the files are checked and their problems listed. */
export const TABLES: readonly TableSpec[] = [SITES_TABLE, LANES_TABLE, FLOWS_TABLE, CARRIERS_TABLE, THREATS_TABLE];

/** Every header a column answers to, normalized: its own, its aliases and its field's path (`appliesTo.kind`). */
export function headerNames(column: ColumnSpec): string[] {
  return [...new Set([column.header, column.path.join('.'), ...(column.aliases ?? [])].map(normalizeHeader))];
}
