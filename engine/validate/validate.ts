// Scenario validation: every problem at once, each with its JSON path and what was expected.
// Three passes over the raw JSON: forbidden keys, the zod schema (shape, types, ranges), then the
// references and graph checks a schema cannot express. The semantic pass reads the raw document
// defensively so that it still reports when the shape pass has already found problems.
import '../model/zod-config.js'; // first: before any schema is built
import { MultiDirectedGraph } from 'graphology';
import type { z } from 'zod';
import { catalogById } from '../catalog/controls.js';
import { laneRegionsNeeded, regionsNotServed } from '../model/carrier-regions.js';
import { Suggester } from '../text/did-you-mean.js';
import { duplicateKeyWarnings, rememberTextWarnings } from './duplicate-keys.js';
import { triggerCycles, type TriggerEdge } from './trigger-cycles.js';
import { describeValue, formatPath, shortJson, type PathSegment } from '../model/json-path.js';
import { CATEGORIES, scenarioSchema, type Scenario } from '../model/schema.js';

/** One problem in a scenario: where (a JSON path such as `lanes[3].to`) and what was expected. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * A valid scenario, with the warnings about its text when parsed from text (keys that appear twice in
 * an object), or every problem of an invalid one.
 */
export type ValidationResult = { ok: true; scenario: Scenario; issues: []; warnings?: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

/** Keys that could reach an object's prototype if the document were ever merged into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting of arrays and objects accepted (a scenario needs about 8). */
export const MAX_DEPTH = 64;

/**
 * Parses JSON text and validates it; JSON syntax errors come back as an issue with line and column.
 * A valid scenario comes with `warnings` when a key appears twice in one object (JSON.parse keeps the
 * last): scenarioWarnings (warnings.ts) lists them too, first.
 */
export function parseScenario(text: string): ValidationResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark from some editors
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: '(file)', message: `invalid JSON: ${jsonSyntaxError(text)}` }] };
  }
  const result = validateScenario(raw);
  const warnings = duplicateKeyWarnings(text);
  // a key given twice is often why a file is invalid ({"id": "s0", "id": "s9"}): say so beside the problems
  if (!result.ok) return warnings.length === 0 ? result : { ok: false, issues: [...result.issues, ...warnings.map((w) => ({ path: w.path, message: `${w.message} (a warning, which may explain the problems above)` }))] };
  if (warnings.length === 0) return result;
  rememberTextWarnings(result.scenario, warnings);
  return { ...result, warnings };
}

/** Where and what the first JSON syntax error of `text` is (a small scanner: engines' messages vary). */
export function jsonSyntaxError(text: string): string {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const at = (what: string) => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    const col = i - before.lastIndexOf('\n');
    return i >= n ? `unexpected end of file (${what}) at line ${line}, column ${col}` : `unexpected ${JSON.stringify(text[i])}, ${what}, at line ${line}, column ${col}`;
  };
  // states: a stack of containers; expect a value, then a comma or a closer
  const stack: string[] = [];
  for (;;) {
    ws();
    // a value
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else if (c === '{') {
        const e = scanKey();
        if (e) return e;
        continue;
      } else continue;
    } else if (c === '"') {
      const e = scanString();
      if (e) return e;
    } else if (c !== undefined && /[-0-9]/.test(c)) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) return at('expected a number');
      i += m[0].length;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else return at('expected a value');
    // after a value: commas and closers
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < n) return at('expected the end of the file');
        return 'a syntax error the scanner could not place';
      }
      const close = top === '{' ? '}' : ']';
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return at(`expected "," or "${close}"`);
      i++;
      ws();
      if (top === '{') {
        const e = scanKey();
        if (e) return e;
      }
      break;
    }
  }
  /** A key in double quotes and its colon. */
  function scanKey(): string | undefined {
    if (text[i] !== '"') return at('expected a key in double quotes');
    const e = scanString();
    if (e) return e;
    ws();
    if (text[i] !== ':') return at('expected ":"');
    i++;
    return undefined;
  }
  function scanString(): string | undefined {
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) return at('a control character in a string');
      i++;
    }
    if (i >= n) return at('an unterminated string');
    i++;
    return undefined;
  }
}

/** Validates a parsed JSON value as a chainward/v1 scenario. */
export function validateScenario(raw: unknown): ValidationResult {
  const issues: ValidationIssue[] = [];
  if (depthOf(raw) > MAX_DEPTH) return { ok: false, issues: [{ path: '(top level)', message: `nested deeper than ${MAX_DEPTH} levels` }] };
  // keys that could reach a prototype are reported, then dropped so every other check still runs
  const clean = withoutForbiddenKeys(raw, [], issues);
  const parsed = scenarioSchema.safeParse(clean);
  // one budget for every did-you-mean of this validation (engine/text/did-you-mean.ts)
  const hints = new Suggester();
  if (!parsed.success) for (const issue of parsed.error.issues) mapZodIssue(issue, clean, [], issues, hints);
  if (isObj(clean)) checkSemantics(clean, issues, hints);
  if (issues.length === 0 && parsed.success) return { ok: true, scenario: parsed.data, issues: [] };
  return { ok: false, issues: dedupe(issues) };
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Nesting depth of a JSON value, without recursion. */
function depthOf(v: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_DEPTH) return d;
    if (x !== null && typeof x === 'object') for (const child of Object.values(x)) stack.push([child, d + 1]);
  }
  return max;
}

/** A copy of `v` without forbidden keys (each reported); depth is bounded by MAX_DEPTH. */
function withoutForbiddenKeys(v: unknown, path: PathSegment[], issues: ValidationIssue[]): unknown {
  if (Array.isArray(v)) return v.map((x, i) => withoutForbiddenKeys(x, [...path, i], issues));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(k)) {
      issues.push({ path: formatPath([...path, k]), message: `key "${k}" is not allowed (it could alter object prototypes)` });
    } else {
      Object.defineProperty(out, k, { value: withoutForbiddenKeys((v as Record<string, unknown>)[k], [...path, k], issues), enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// zod issues → messages with paths

type ZodIssue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function mapZodIssue(issue: ZodIssue, root: unknown, base: PathSegment[], out: ValidationIssue[], hints: Suggester): void {
  const path = [...base, ...toSegments(issue.path)];
  const where = formatPath(path);
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type':
      out.push({
        path: where,
        message: value === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, got ${describeValue(value)}`,
      });
      return;
    case 'unrecognized_keys': {
      const known = knownKeysAt(path);
      for (const key of issue.keys) {
        out.push({ path: formatPath([...path, key]), message: `unknown key "${key}"${hints.suggestion(key, known)}` });
      }
      return;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof value === 'string' ? hints.suggestion(value, issue.values.map(String)) : '';
      const expected = options.length === 1 ? options[0]! : `one of ${options.join(', ')}`;
      out.push({ path: where, message: value === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${describeValue(value)}${hint}` });
      return;
    }
    case 'too_small': {
      const op = issue.inclusive ? '≥' : '>';
      if (issue.origin === 'array') out.push({ path: where, message: `expected at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'item' : 'items'}` });
      else if (issue.origin === 'string') out.push({ path: where, message: 'expected a non-empty string' });
      else out.push({ path: where, message: `expected a number ${op} ${issue.minimum}, got ${describeValue(value)}` });
      return;
    }
    case 'too_big': {
      const op = issue.inclusive ? '≤' : '<';
      if (issue.origin === 'string') out.push({ path: where, message: `expected at most ${issue.maximum} characters, got ${typeof value === 'string' ? value.length : describeValue(value)}` });
      else if (issue.origin === 'array') out.push({ path: where, message: `expected at most ${issue.maximum} items` });
      else out.push({ path: where, message: `expected a value ${op} ${limitText(Number(issue.maximum))}, got ${describeValue(value)}` });
      return;
    }
    case 'invalid_format':
    case 'custom':
      out.push({ path: where, message: `${issue.message}, got ${shortJson(value)}` });
      return;
    case 'invalid_union':
      mapUnionIssue(issue, root, path, value, out, hints);
      return;
    default:
      out.push({ path: where, message: issue.message });
  }
}

/** A limit as a person reads it: 36600 as it is, 1000000000000000 as 1e15. */
function limitText(x: number): string {
  return Math.abs(x) >= 1e6 ? x.toExponential().replace('e+', 'e') : String(x);
}

/**
 * A union of objects told apart by a leading key (a Dist, a Change, a frequency, a loss): when the
 * object has exactly one of the leading keys, report that form's own issues; otherwise say which
 * keys were expected.
 */
function mapUnionIssue(
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  root: unknown,
  path: PathSegment[],
  value: unknown,
  out: ValidationIssue[],
  hints: Suggester,
): void {
  const lead = unionLeadKeys(path);
  const expected = lead.join(', ');
  if (!isObj(value)) {
    out.push({ path: formatPath(path), message: `expected an object with one of the keys ${expected}, got ${describeValue(value)}` });
    return;
  }
  const present = lead.filter((k) => Object.prototype.hasOwnProperty.call(value, k));
  if (present.length === 1) {
    const branch = issue.errors[lead.indexOf(present[0]!)];
    if (branch) {
      for (const e of branch) mapZodIssue(e, root, path, out, hints);
      return;
    }
  }
  if (present.length > 1) {
    out.push({ path: formatPath(path), message: `expected exactly one of the keys ${expected}, got ${present.map((k) => `"${k}"`).join(' and ')}` });
    return;
  }
  const unknown = Object.keys(value).map((k) => `"${k}"${hints.suggestion(k, lead)}`);
  out.push({
    path: formatPath(path),
    message: `expected an object with one of the keys ${expected}${unknown.length ? `; unknown key ${unknown.join(', ')}` : ''}`,
  });
}

/** The leading key of each option of the union at `path`, in option order (matches zod's errors). */
function unionLeadKeys(path: readonly PathSegment[]): string[] {
  const keys: string[] = [];
  for (const s of schemasAt(path)) {
    const def = s._zod.def as unknown as { type: string; options?: z.core.$ZodType[] };
    if (def.type !== 'union' || !def.options) continue;
    for (const o of def.options) {
      const od = o._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
      keys.push(od.type === 'object' && od.shape ? (Object.keys(od.shape)[0] ?? '?') : '?');
    }
    break;
  }
  return keys;
}

// The zod schemas that describe the value at a path (several where a union allows several).
function schemasAt(path: readonly PathSegment[]): z.core.$ZodType[] {
  let schemas: z.core.$ZodType[] = [scenarioSchema];
  for (const seg of path) {
    const next: z.core.$ZodType[] = [];
    for (const s of schemas.flatMap(unwrap)) {
      const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'object' && typeof seg === 'string') {
        const shape = def.shape as Record<string, z.core.$ZodType>;
        if (Object.prototype.hasOwnProperty.call(shape, seg)) next.push(shape[seg]!);
      } else if (def.type === 'array' && typeof seg === 'number') next.push(def.element as z.core.$ZodType);
      else if (def.type === 'record') next.push(def.valueType as z.core.$ZodType);
      else if (def.type === 'tuple' && typeof seg === 'number') {
        const item = (def.items as z.core.$ZodType[])[seg];
        if (item) next.push(item);
      }
    }
    schemas = next;
  }
  return schemas.map(unwrapOptional);
}

// The keys a strict object accepts at a path: found by walking the zod schema along the path.
function knownKeysAt(path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(path).flatMap(unwrap)) {
    const def = s._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
    if (def.type === 'object' && def.shape) for (const k of Object.keys(def.shape)) keys.add(k);
  }
  return [...keys];
}

function unwrapOptional(s: z.core.$ZodType): z.core.$ZodType {
  const def = s._zod.def as unknown as { type: string; innerType?: z.core.$ZodType };
  return (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType ? unwrapOptional(def.innerType) : s;
}

function unwrap(s: z.core.$ZodType): z.core.$ZodType[] {
  const def = s._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; options?: z.core.$ZodType[] };
  if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) return unwrap(def.innerType);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [s];
}

// ---------------------------------------------------------------------------------------------
// References, duplicates and the network: checked on the raw document, defensively.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

interface LaneRef {
  id: string;
  from: string;
  to: string;
  transitDays: number;
}

class Checker {
  readonly sites = new Map<string, Obj>();
  readonly lanes = new Map<string, Obj>();
  readonly carriers = new Map<string, Obj>();
  readonly flows = new Map<string, Obj>();
  readonly threats = new Map<string, Obj>();
  readonly controls = new Map<string, Obj>();

  constructor(
    readonly issues: ValidationIssue[],
    readonly hints: Suggester,
  ) {}

  add(path: PathSegment[], message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }

  /** Collects a list's ids into `into`, reporting duplicates; returns the (index, object) pairs. */
  index(raw: Obj, key: string, into: Map<string, Obj>): Array<[number, Obj]> {
    const out: Array<[number, Obj]> = [];
    const first = new Map<string, number>();
    list(raw[key]).forEach((item, i) => {
      if (!isObj(item)) return;
      out.push([i, item]);
      const id = str(item.id);
      if (id === undefined) return;
      const prev = first.get(id);
      if (prev !== undefined) this.add([key, i, 'id'], `duplicate id "${id}" (first used at ${formatPath([key, prev])})`);
      else {
        first.set(id, i);
        into.set(id, item);
      }
    });
    return out;
  }

  ref(path: PathSegment[], value: unknown, known: Map<string, unknown> | ReadonlyMap<string, unknown>, what: string): boolean {
    const id = str(value);
    if (id === undefined) return false;
    if (known.has(id)) return true;
    this.add(path, `unknown ${what} "${id}"${this.hints.suggestion(id, known.keys())}`);
    return false;
  }

  controlById(id: string): Obj | undefined {
    return this.controls.get(id) ?? (catalogById.get(id) as Obj | undefined);
  }

  controlRefs(path: PathSegment[], value: unknown, kind: 'site' | 'lane'): void {
    list(value).forEach((c, i) => {
      const id = str(c);
      if (id === undefined) return;
      const control = this.controlById(id);
      if (!control) {
        this.add([...path, i], `unknown control "${id}"${this.hints.suggestion(id, [...this.controls.keys(), ...catalogById.keys()])}`);
      } else if (control.appliesTo !== kind) {
        this.add([...path, i], `control "${id}" applies to ${String(control.appliesTo)}s, not ${kind}s`);
      }
    });
  }

  selector(path: PathSegment[], sel: unknown, sites: Map<string, Obj>, lanes: Map<string, Obj>): 'site' | 'lane' | undefined {
    if (!isObj(sel)) return undefined;
    const kind = sel.kind === 'site' || sel.kind === 'lane' ? sel.kind : undefined;
    if (kind === undefined) return undefined;
    list(sel.ids).forEach((id, i) => this.ref([...path, 'ids', i], id, kind === 'site' ? sites : lanes, kind));
    if (kind === 'lane' && sel.siteKinds !== undefined) this.add([...path, 'siteKinds'], 'siteKinds applies to sites only; expected kind "site"');
    if (kind === 'site' && sel.modes !== undefined) this.add([...path, 'modes'], 'modes applies to lanes only; expected kind "lane"');
    return kind;
  }

  /** Checks that `path` is a chain of known lanes from `from` to `to`. */
  pathChain(where: PathSegment[], path: unknown, from: unknown, to: unknown, lanes: Map<string, Obj>): void {
    const steps = list(path);
    if (steps.length === 0) {
      if (Array.isArray(path)) this.add(where, 'expected at least one lane');
      return;
    }
    let at = str(from);
    steps.forEach((laneId, i) => {
      if (!this.ref([...where, i], laneId, lanes, 'lane')) {
        at = undefined;
        return;
      }
      const lane = lanes.get(laneId as string)!;
      if (at !== undefined && lane.from !== at) {
        this.add([...where, i], `lane "${String(laneId)}" starts at "${String(lane.from)}", expected a lane from "${at}"`);
      }
      at = str(lane.to);
    });
    if (at !== undefined && str(to) !== undefined && at !== to) {
      this.add(where, `path ends at "${at}", expected it to end at "${String(to)}"`);
    }
  }
}

function laneRefs(lanes: Map<string, Obj>, sites: Map<string, Obj>): LaneRef[] {
  const out: LaneRef[] = [];
  for (const [id, l] of lanes) {
    const from = str(l.from);
    const to = str(l.to);
    if (from && to && sites.has(from) && sites.has(to) && from !== to) {
      out.push({ id, from, to, transitDays: typeof l.transitDays === 'number' ? l.transitDays : 0 });
    }
  }
  return out;
}

/** The lanes as a graphology graph, built once for all reachability checks. */
function laneGraph(sites: Map<string, Obj>, lanes: LaneRef[]): MultiDirectedGraph {
  const g = new MultiDirectedGraph();
  for (const id of sites.keys()) g.addNode(id);
  for (const l of lanes) g.addDirectedEdgeWithKey(l.id, l.from, l.to);
  return g;
}

/** Whether `to` can be reached from `from` over the lanes (breadth-first). */
function reachable(g: MultiDirectedGraph, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node === to) return true;
    for (const next of g.outNeighbors(node)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

function checkSemantics(raw: Obj, issues: ValidationIssue[], hints: Suggester): void {
  const c = new Checker(issues, hints);
  const sites = c.index(raw, 'sites', c.sites);
  const lanes = c.index(raw, 'lanes', c.lanes);
  const carriers = c.index(raw, 'carriers', c.carriers);
  const flows = c.index(raw, 'flows', c.flows);
  const threats = c.index(raw, 'threats', c.threats);
  const controls = c.index(raw, 'controls', c.controls);
  const treatments = c.index(raw, 'treatments', new Map());

  for (const [i, s] of sites) c.controlRefs(['sites', i, 'controls'], s.controls, 'site');
  for (const [i, k] of carriers) {
    if (Array.isArray(k.regions) && k.regions.length === 0) {
      c.add(['carriers', i, 'regions'], 'expected at least one ISO 3166 code; leave regions out for a carrier that serves everywhere');
    }
  }
  for (const [i, l] of lanes) checkLane(c, ['lanes', i], l, c.sites);

  const baseLanes = laneRefs(c.lanes, c.sites);
  let graph: MultiDirectedGraph | undefined;
  for (const [i, f] of flows) {
    const okFrom = c.ref(['flows', i, 'from'], f.from, c.sites, 'site');
    const okTo = c.ref(['flows', i, 'to'], f.to, c.sites, 'site');
    if (okFrom && okTo && f.from === f.to) c.add(['flows', i, 'to'], 'a flow must go to another site than its origin');
    if (f.path !== undefined) c.pathChain(['flows', i, 'path'], f.path, f.from, f.to, c.lanes);
    else if (okFrom && okTo && f.from !== f.to && !reachable((graph ??= laneGraph(c.sites, baseLanes)), f.from as string, f.to as string)) {
      c.add(['flows', i], `no route from "${String(f.from)}" to "${String(f.to)}" over the lanes`);
    }
  }

  const effectKeys = new Set<string>([...CATEGORIES, ...c.threats.keys()]);
  for (const [i, t] of threats) {
    const kind = c.selector(['threats', i, 'appliesTo'], t.appliesTo, c.sites, c.lanes);
    if (isObj(t.frequency) && t.frequency.perShipment !== undefined && kind === 'site') {
      c.add(['threats', i, 'frequency', 'perShipment'], 'perShipment applies to lanes only; use perYear for sites');
    }
    if (t.loss === undefined && t.downtimeDays === undefined) c.add(['threats', i], 'a threat needs loss, downtimeDays or both');
    if (isObj(t.loss) && isObj(t.loss.fraction)) checkFraction(c, ['threats', i, 'loss', 'fraction'], t.loss.fraction);
    if (isObj(t.downtimeDays)) checkNonNegativeDist(c, ['threats', i, 'downtimeDays'], t.downtimeDays, 'days');
    if (isObj(t.loss) && isObj(t.loss.amount)) checkNonNegativeDist(c, ['threats', i, 'loss', 'amount'], t.loss.amount, 'amounts');
    if (t.jointly === true && isObj(t.frequency) && t.frequency.perShipment !== undefined && kind !== 'site') {
      c.add(['threats', i, 'frequency', 'perShipment'], `"jointly": true needs one rate for all the threat's targets: expected perYear (a perShipment rate differs from lane to lane)`);
    }
  }
  checkTriggers(c, threats);
  for (const [i, ctl] of controls) {
    if (!isObj(ctl.effects)) continue;
    for (const key of Object.keys(ctl.effects)) {
      if (!effectKeys.has(key)) {
        c.add(['controls', i, 'effects', key], `expected a threat category (${CATEGORIES.join(', ')}) or a threat id, got "${key}"${c.hints.suggestion(key, effectKeys)}`);
      }
    }
  }
  for (const [i, t] of treatments) checkTreatment(c, ['treatments', i], t);
}

/** Where cascades are explained, for the messages about triggers. */
const CASCADES_DOC = '(docs/scenario-format.md, "Cascades")';

/**
 * Threats' triggers (cascades): the threat each names, whether its scope fits the two threats' kinds,
 * that it raises no common-cause (jointly) threat, and that triggers form no loop.
 */
function checkTriggers(c: Checker, threats: Array<[number, Obj]>): void {
  const kindOf = (t: Obj | undefined): 'site' | 'lane' | undefined => {
    const kind = isObj(t?.appliesTo) ? t.appliesTo.kind : undefined;
    return kind === 'site' || kind === 'lane' ? kind : undefined;
  };
  const edges: TriggerEdge[] = [];
  const edgePaths: PathSegment[][] = [];
  for (const [i, t] of threats) {
    const from = str(t.id);
    const fromKind = kindOf(t);
    list(t.triggers).forEach((tr, j) => {
      if (!isObj(tr)) return;
      const at: PathSegment[] = ['threats', i, 'triggers', j];
      if (!c.ref([...at, 'threat'], tr.threat, c.threats, 'threat')) return;
      const to = tr.threat as string;
      const raised = c.threats.get(to)!;
      if (from !== undefined) {
        edges.push({ from, to });
        edgePaths.push([...at, 'threat']);
      }
      if (raised.jointly === true) {
        c.add([...at, 'threat'], `threat "${to}" is a common-cause threat ("jointly": true, one event stream for all its targets): a trigger cannot raise its rate on some targets only; expected a threat without "jointly" ${CASCADES_DOC}`);
      }
      const scopeProblem = triggerScopeProblem(tr.scope, from ?? '?', fromKind, to, kindOf(raised));
      if (scopeProblem !== undefined) c.add([...at, 'scope'], scopeProblem);
    });
  }
  for (const loop of triggerCycles(edges)) {
    const path = edgePaths[loop.edge]!;
    const edge = edges[loop.edge]!;
    const cycle = loop.cycle === undefined ? `"${edge.from}" → "${edge.to}" → …` : loop.cycle.map((id) => `"${id}"`).join(' → ');
    c.add(path, `trigger cycle ${cycle}: cascades must not loop ${CASCADES_DOC}`);
  }
}

/** Why a trigger's scope does not fit the kinds of its two threats, or undefined when it fits. */
function triggerScopeProblem(scope: unknown, from: string, fromKind: 'site' | 'lane' | undefined, to: string, toKind: 'site' | 'lane' | undefined): string | undefined {
  if (fromKind === undefined || toKind === undefined) return undefined;
  if (scope === 'same-target' && fromKind !== toKind) {
    const other = fromKind === 'site' ? '"lanes-from", "lanes-to" or "region"' : '"region"';
    return `"same-target" raises threat "${to}" on the target an event of "${from}" hits, but "${from}" applies to ${fromKind}s and "${to}" to ${toKind}s: expected scope ${other}, or two threats of the same kind`;
  }
  if (scope === 'lanes-from' || scope === 'lanes-to') {
    const which = scope === 'lanes-from' ? 'leaving' : 'entering';
    const wrong: string[] = [];
    if (fromKind !== 'site') wrong.push(`"${from}" is a lane threat`);
    if (toKind !== 'lane') wrong.push(`"${to}" ${wrong.length > 0 ? 'a' : 'is a'} site threat`);
    if (wrong.length === 0) return undefined;
    const other = fromKind === toKind ? '"same-target" or "region"' : '"region"';
    return `"${scope}" raises threat "${to}" on the lanes ${which} the site an event of "${from}" hits, but ${wrong.join(' and ')}: expected a site threat raising a lane threat, or scope ${other}`;
  }
  return undefined;
}

function checkLane(c: Checker, path: PathSegment[], l: Obj, sites: Map<string, Obj>): void {
  const okFrom = c.ref([...path, 'from'], l.from, sites, 'site');
  const okTo = c.ref([...path, 'to'], l.to, sites, 'site');
  if (okFrom && okTo && l.from === l.to) c.add([...path, 'to'], 'a lane must lead to another site than its origin');
  if (l.carrier !== undefined && c.ref([...path, 'carrier'], l.carrier, c.carriers, 'carrier')) {
    const carrier = c.carriers.get(l.carrier as string)!;
    const modes = list(carrier.modes);
    if (modes.length > 0 && typeof l.mode === 'string' && !modes.includes(l.mode)) {
      c.add([...path, 'carrier'], `carrier "${String(l.carrier)}" runs ${modes.join(', ')}, not ${l.mode}`);
    }
    const missing = regionsNotServed(list(carrier.regions), laneRegionsNeeded(l, (id) => sites.get(id)?.region));
    if (missing.length > 0) c.add([...path, 'carrier'], `carrier "${String(l.carrier)}" serves ${list(carrier.regions).join(', ')}, not ${missing.join(', ')}`);
  }
  c.controlRefs([...path, 'controls'], l.controls, 'lane');
}

const distValues = (d: Obj): number[] => {
  const v = Object.values(d)[0];
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === 'number');
  if (isObj(v)) {
    if (typeof v.median === 'number' && typeof v.p90 === 'number') return [v.median, v.p90];
    if (typeof v.mean === 'number') return [v.mean];
  }
  return [];
};

function checkFraction(c: Checker, path: PathSegment[], d: Obj): void {
  if (isObj(d.lognormal)) return; // an unbounded tail is clipped to 1 by the engine
  if (distValues(d).some((x) => x < 0 || x > 1)) c.add(path, `expected fractions of the exposed value in [0, 1], got ${shortJson(d)}`);
}

function checkNonNegativeDist(c: Checker, path: PathSegment[], d: Obj, what: string): void {
  if (isObj(d.lognormal) && typeof d.lognormal.mu === 'number') return;
  if (distValues(d).some((x) => x < 0)) c.add(path, `expected non-negative ${what}, got ${shortJson(d)}`);
}

/** Treatment changes apply in order; later changes may use sites and lanes that earlier ones add. */
function checkTreatment(c: Checker, path: PathSegment[], t: Obj): void {
  const sites = new Map(c.sites);
  const lanes = new Map(c.lanes);
  list(t.changes).forEach((ch, j) => {
    if (!isObj(ch)) return;
    const at: PathSegment[] = [...path, 'changes', j];
    if (ch.addSites !== undefined) {
      list(ch.addSites).forEach((s, k) => {
        if (!isObj(s)) return;
        const id = str(s.id);
        if (id !== undefined && sites.has(id)) c.add([...at, 'addSites', k, 'id'], `site "${id}" already exists`);
        else if (id !== undefined) sites.set(id, s);
        c.controlRefs([...at, 'addSites', k, 'controls'], s.controls, 'site');
      });
    }
    if (ch.addLanes !== undefined) {
      list(ch.addLanes).forEach((l, k) => {
        if (!isObj(l)) return;
        const id = str(l.id);
        if (id !== undefined && lanes.has(id)) c.add([...at, 'addLanes', k, 'id'], `lane "${id}" already exists`);
        else if (id !== undefined) lanes.set(id, l);
        checkLane(c, [...at, 'addLanes', k], l, sites);
      });
    }
    for (const [key, selKey] of [['addControls', 'to'], ['removeControls', 'from']] as const) {
      if (ch[key] === undefined) continue;
      const kind = c.selector([...at, selKey], ch[selKey], sites, lanes);
      list(ch[key]).forEach((id, k) => {
        const cid = str(id);
        if (cid === undefined) return;
        const control = c.controlById(cid);
        if (!control) c.add([...at, key, k], `unknown control "${cid}"${c.hints.suggestion(cid, [...c.controls.keys(), ...catalogById.keys()])}`);
        else if (kind !== undefined && control.appliesTo !== kind) {
          c.add([...at, key, k], `control "${cid}" applies to ${String(control.appliesTo)}s, but the selector picks ${kind}s`);
        }
      });
    }
    if (ch.setCarrier !== undefined) {
      const carrier = c.ref([...at, 'setCarrier'], ch.setCarrier, c.carriers, 'carrier') ? c.carriers.get(ch.setCarrier as string)! : undefined;
      const modes = list(carrier?.modes);
      const regions = list(carrier?.regions);
      list(ch.lanes).forEach((id, k) => {
        if (!c.ref([...at, 'lanes', k], id, lanes, 'lane')) return;
        const mode = lanes.get(id as string)!.mode;
        if (modes.length > 0 && typeof mode === 'string' && !modes.includes(mode)) {
          c.add([...at, 'lanes', k], `carrier "${String(ch.setCarrier)}" runs ${modes.join(', ')}, not ${mode} (lane "${String(id)}")`);
        }
        const missing = regionsNotServed(regions, laneRegionsNeeded(lanes.get(id as string)!, (site) => sites.get(site)?.region));
        if (missing.length > 0) c.add([...at, 'lanes', k], `carrier "${String(ch.setCarrier)}" serves ${regions.join(', ')}, not ${missing.join(', ')} (lane "${String(id)}")`);
      });
    }
    if (isObj(ch.route)) {
      if (c.ref([...at, 'route', 'flow'], ch.route.flow, c.flows, 'flow')) {
        const flow = c.flows.get(ch.route.flow as string)!;
        c.pathChain([...at, 'route', 'path'], ch.route.path, flow.from, flow.to, lanes);
      }
    }
    if (isObj(ch.setBuffer)) c.ref([...at, 'setBuffer', 'flow'], ch.setBuffer.flow, c.flows, 'flow');
  });
}

