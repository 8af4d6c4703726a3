// In-process tests of the scenario validator ("the validator reports every problem at
// once, each with its JSON path and what was expected").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggestion } from '../../../engine/text/did-you-mean.js';
import { parseScenario, validateScenario, type ValidationIssue, type ValidationResult } from '../../../engine/validate/validate.js';
import { BAD_CASES, manyProblemsScenario, minimalScenario, type Json } from '../../support/scenario-fixtures.js';

function issuesOf(r: ValidationResult): ValidationIssue[] {
  expect(r.ok, `expected the validator to reject the scenario`).toBe(false);
  return r.issues;
}

function issuesFor(mutate: (s: Json) => void): ValidationIssue[] {
  const s = minimalScenario();
  mutate(s);
  return issuesOf(validateScenario(s));
}

function issueAt(issues: ValidationIssue[], path: string): ValidationIssue {
  const found = issues.find((i) => i.path === path);
  expect(found, `no issue at ${path}; got ${JSON.stringify(issues)}`).toBeDefined();
  return found!;
}

describe('validateScenario: a valid scenario', () => {
  it('accepts the minimal scenario and returns it parsed', () => {
    const r = validateScenario(minimalScenario());
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.name).toBe('Test network');
      expect(r.scenario.sites.map((s) => s.id)).toEqual(['sup', 'wh', 'cus']);
    }
  });

  it('accepts it from JSON text too', () => {
    const r = parseScenario(JSON.stringify(minimalScenario(), null, 2));
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('does not change the document it validates', () => {
    const s = minimalScenario();
    const before = JSON.stringify(s);
    validateScenario(s);
    expect(JSON.stringify(s)).toBe(before);
  });
});

describe('validateScenario: one mistake each', () => {
  it('the table has a case for every rule of the issue', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_CASES.map((c) => c.name)).size).toBe(BAD_CASES.length);
  });

  it.each(BAD_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const issues = issuesFor(c.mutate);
    expect(issues.map((i) => i.path).sort(), JSON.stringify(issues)).toEqual([...c.paths].sort());
    expect(issueAt(issues, c.paths[0]!).message).toContain(c.expect);
  });
});

describe('validateScenario: unknown references name the unknown id and the kind of thing', () => {
  it('lanes[3].to: unknown site "dc-4" (the example)', () => {
    const issues = issuesFor((s) => (s.lanes[3].to = 'dc-4'));
    expect(issues).toEqual([{ path: 'lanes[3].to', message: 'unknown site "dc-4"' }]);
  });

  it('a lane control on a site is reported, as is a site control in a treatment on lanes', () => {
    const issues = issuesFor((s) => {
      s.sites[1].controls = ['gps-geofence'];
      s.treatments[0].changes[0] = { addControls: ['cctv-docks'], to: { kind: 'lane', ids: ['l1'] } };
    });
    expect(issueAt(issues, 'sites[1].controls[0]').message).toContain('applies to lanes, not sites');
    expect(issueAt(issues, 'treatments[0].changes[0].addControls[0]').message).toContain('applies to sites');
  });

  it('a threat selector with unknown ids', () => {
    const issues = issuesFor((s) => (s.threats[1].appliesTo.ids = ['wh', 'whs']));
    expect(issues).toEqual([{ path: 'threats[1].appliesTo.ids[1]', message: 'unknown site "whs" (did you mean "wh"?)' }]);
  });

  it('a control effect keyed by neither a category nor a threat id', () => {
    const issues = issuesFor((s) => (s.controls[0].effects = { 'theft-rd': { frequencyFactor: 0.5 } }));
    expect(issues.map((i) => i.path)).toEqual(['controls[0].effects["theft-rd"]']);
    expect(issues[0]!.message).toContain('did you mean "theft-road"');
  });

  it('a treatment may use sites and lanes that an earlier change of it adds', () => {
    const r = validateScenario(
      (() => {
        const s = minimalScenario();
        s.treatments.push({
          id: 'tr-new-dc',
          name: 'New DC',
          changes: [
            { addSites: [{ id: 'dc2', kind: 'dc' }] },
            { addLanes: [{ id: 'l5', from: 'wh', to: 'dc2', mode: 'road', transitDays: 1 }, { id: 'l6', from: 'dc2', to: 'cus', mode: 'road', transitDays: 1 }] },
            { route: { flow: 'f1', path: ['l1', 'l5', 'l6'] } },
            { addControls: ['cctv-docks'], to: { kind: 'site', ids: ['dc2'] } },
          ],
        });
        return s;
      })(),
    );
    expect(r.issues).toEqual([]);
  });
});

describe('validateScenario: ranges', () => {
  it('reliability above 1 and a negative transit time', () => {
    const issues = issuesFor((s) => {
      s.controls[0].reliability = 2;
      s.lanes[1].transitDays = -1;
    });
    expect(issueAt(issues, 'controls[0].reliability').message).toBe('expected a value ≤ 1, got 2');
    expect(issueAt(issues, 'lanes[1].transitDays').message).toBe('expected a number ≥ 0, got -1');
    expect(issues).toHaveLength(2);
  });

  it('limits read as a person writes them: a money value above 1e15, an id of 201 characters', () => {
    const issues = issuesFor((s) => {
      s.sites[0].value = 2e15;
      s.controls[0].id = 'c'.repeat(201);
    });
    expect(issueAt(issues, 'sites[0].value').message).toBe('expected a value ≤ 1e15, got 2000000000000000');
    expect(issueAt(issues, 'controls[0].id').message).toBe('expected at most 200 characters, got 201');
  });

  it('a loss fraction outside [0, 1], a negative downtime, an exponential mean of 0', () => {
    const issues = issuesFor((s) => {
      s.threats[0].loss.fraction = { fixed: 1.5 };
      s.threats[1].downtimeDays = { uniform: [-2, 1] };
      s.threats[2].downtimeDays = { exponential: { mean: 0 } };
    });
    expect(issueAt(issues, 'threats[0].loss.fraction').message).toContain('[0, 1]');
    expect(issueAt(issues, 'threats[1].downtimeDays').message).toContain('non-negative');
    expect(issueAt(issues, 'threats[2].downtimeDays.exponential.mean').message).toContain('> 0, got 0');
  });

  it('numbers too large for JSON (1e999 parses to Infinity) are rejected, not simulated', () => {
    const s = minimalScenario();
    const text = JSON.stringify(s).replace('"transitDays":1,', '"transitDays":1e999,');
    expect(text).toContain('1e999');
    const issues = issuesOf(parseScenario(text));
    expect(issueAt(issues, 'lanes[0].transitDays').message).toContain('Infinity');
  });

  it('perShipment frequency on a site, a threat with neither loss nor downtime', () => {
    const issues = issuesFor((s) => {
      s.threats[1].frequency = { perShipment: 0.01 };
      delete s.threats[0].loss;
    });
    expect(issueAt(issues, 'threats[1].frequency.perShipment').message).toContain('lanes only');
    expect(issueAt(issues, 'threats[0]').message).toContain('loss, downtimeDays or both');
  });
});

describe('validateScenario: did-you-mean', () => {
  const cases: Array<[string, (s: Json) => void, string, string]> = [
    ['lane key carier', (s) => ((s.lanes[0].carier = 'trk'), delete s.lanes[0].carrier), 'lanes[0].carier', 'did you mean "carrier"'],
    ['top-level key treatmens', (s) => ((s.treatmens = s.treatments), delete s.treatments), 'treatmens', 'did you mean "treatments"'],
    ['selector key mode', (s) => (s.threats[0].appliesTo = { kind: 'lane', mode: ['road'] }), 'threats[0].appliesTo.mode', 'did you mean "modes"'],
    ['dist key fixd', (s) => (s.threats[1].downtimeDays = { fixd: 1 }), 'threats[1].downtimeDays', 'did you mean "fixed"'],
    ['dist key Pert', (s) => (s.threats[1].downtimeDays = { Pert: [1, 2, 3] }), 'threats[1].downtimeDays', 'did you mean "pert"'],
    ['frequency key perYaer', (s) => (s.threats[1].frequency = { perYaer: 1 }), 'threats[1].frequency', 'did you mean "perYear"'],
    ['loss key fractoin', (s) => (s.threats[0].loss = { fractoin: { fixed: 0.1 } }), 'threats[0].loss', 'did you mean "fraction"'],
    ['change key addControl', (s) => (s.treatments[0].changes[0] = { addControl: ['my-guard'], to: { kind: 'site' } }), 'treatments[0].changes[0]', 'did you mean "addControls"'],
    ['site kind warehose', (s) => (s.sites[1].kind = 'warehose'), 'sites[1].kind', 'did you mean "warehouse"'],
    ['selector kind lanes', (s) => (s.threats[0].appliesTo.kind = 'lanes'), 'threats[0].appliesTo.kind', 'did you mean "lane"'],
    ['unknown site id whx', (s) => (s.lanes[1].from = 'whx'), 'lanes[1].from', 'did you mean "wh"'],
  ];
  it.each(cases)('%s', (_name, mutate, path, hint) => {
    const issues = issuesFor(mutate);
    expect(issueAt(issues, path).message).toContain(hint);
  });

  it('suggests nothing when no known word is close', () => {
    const issues = issuesFor((s) => (s.lanes[0].zzqxy = 1));
    expect(issues).toEqual([{ path: 'lanes[0].zzqxy', message: 'unknown key "zzqxy"' }]);
  });

  it('editDistance and didYouMean', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('trials', 'trails')).toBe(1); // a swap of neighbouring letters is one typo
    expect(editDistance('ca', 'abc')).toBe(3); // optimal string alignment: no edits inside a swapped pair
    expect(didYouMean('carier', ['mode', 'carrier', 'controls'])).toBe('carrier');
    expect(didYouMean('CARRIER', ['carrier'])).toBe('carrier');
    expect(didYouMean('laser-moat', ['carrier', 'controls'])).toBeUndefined();
    expect(didYouMean('x', ['y'])).toBeUndefined(); // one letter: a one-edit "suggestion" would be noise
    expect(suggestion('fixd', ['fixed', 'uniform'])).toBe(' (did you mean "fixed"?)');
    expect(suggestion('qqqq', ['fixed'])).toBe('');
  });
});

describe('validateScenario: keys that could reach a prototype', () => {
  const text = `{
    "format": "chainward/v1", "name": "x", "__proto__": { "polluted": "top" },
    "sites": [ { "id": "a", "kind": "dc", "__proto__": { "polluted": "site" } },
               { "id": "b", "kind": "dc", "constructor": { "prototype": { "polluted": "ctor" } } } ],
    "threats": [ { "id": "t", "category": "theft", "appliesTo": { "kind": "site", "prototype": { "polluted": 1 } },
                   "frequency": { "perYear": 1 }, "loss": { "amount": { "fixed": 1 } } } ]
  }`;

  it('rejects __proto__, constructor and prototype anywhere, with their paths', () => {
    const issues = issuesOf(validateScenario(JSON.parse(text)));
    expect(issues.map((i) => i.path).sort()).toEqual(['__proto__', 'sites[0].__proto__', 'sites[1].constructor', 'threats[0].appliesTo.prototype'].sort());
    for (const i of issues) expect(i.message).toMatch(/^key "(__proto__|constructor|prototype)" is not allowed/);
  });

  it('does not pollute Object.prototype (validateScenario of JSON.parse, and parseScenario)', () => {
    validateScenario(JSON.parse(text));
    parseScenario(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a forbidden key does not hide the other problems of the file', () => {
    const issues = issuesFor((s) => {
      Object.defineProperty(s.sites[1], '__proto__', { value: {}, enumerable: true, configurable: true, writable: true });
      s.lanes[3].to = 'dc-4';
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['lanes[3].to', 'sites[1].__proto__']);
  });
});

describe('validateScenario: many problems at once', () => {
  it('reports every problem of a scenario with many, each at its path', () => {
    const { scenario, paths } = manyProblemsScenario();
    const issues = issuesOf(validateScenario(scenario));
    for (const p of paths) issueAt(issues, p);
    expect(new Set(issues.map((i) => i.path)).size).toBeGreaterThanOrEqual(paths.length);
  });

  it('keeps checking references when the shape is already wrong', () => {
    const issues = issuesFor((s) => {
      s.sites[1] = null; // shape error; "wh" is then unknown everywhere it is used
      s.lanes[3].carrier = 'nobody';
    });
    expect(issueAt(issues, 'sites[1]').message).toContain('expected object, got null');
    expect(issueAt(issues, 'lanes[0].to').message).toBe('unknown site "wh"');
    expect(issueAt(issues, 'lanes[3].carrier').message).toBe('unknown carrier "nobody"');
  });

  it('a missing required key says "missing" and what was expected', () => {
    const issues = issuesOf(validateScenario({}));
    expect(issueAt(issues, 'name').message).toBe('missing; expected string');
    expect(issueAt(issues, 'sites').message).toBe('missing; expected array');
    expect(issueAt(issues, 'threats').message).toBe('missing; expected array');
    expect(issueAt(issues, 'format').message).toContain('"chainward/v1"');
  });
});

describe('validateScenario never throws', () => {
  it.each([null, [], 'x', 42, true, { sites: null, threats: 'no' }, { format: 'chainward/v1', name: 'x', sites: [null, 1, 'a'], threats: [[]] }])(
    'rejects %j with a message at a path',
    (doc) => {
      const issues = issuesOf(validateScenario(doc));
      expect(issues.length).toBeGreaterThan(0);
      for (const i of issues) {
        expect(i.path).not.toBe('');
        expect(i.message).not.toBe('');
      }
    },
  );

  it('property: replacing any value of a valid scenario with arbitrary JSON never throws, and every issue has a path and a message', () => {
    const leaves: Array<Array<string | number>> = [];
    const walk = (v: unknown, path: Array<string | number>) => {
      leaves.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(minimalScenario(), []);
    const inner = leaves.filter((p) => p.length > 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: inner.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (which, value) => {
        const s = minimalScenario();
        const path = inner[which]!;
        let parent = s;
        for (const seg of path.slice(0, -1)) parent = parent[seg];
        parent[path[path.length - 1]!] = value;
        const r = validateScenario(JSON.parse(JSON.stringify(s)));
        for (const i of r.issues) {
          expect(typeof i.path).toBe('string');
          expect(i.path.length).toBeGreaterThan(0);
          expect(i.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 20240501 },
    );
  });

  it('a deeply nested document is an issue, not a RangeError', () => {
    const n = 200_000;
    const text = `{"format":"chainward/v1","name":"x","sites":[],"threats":[],"x":${'['.repeat(n)}${']'.repeat(n)}}`;
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
  });
});

describe('parseScenario: JSON syntax', () => {
  it('reports a syntax error at "(file)" with its line and column', () => {
    const text = '{\n  "format": "chainward/v1",\n  "name": "x",\n}\n';
    const issues = issuesOf(parseScenario(text));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('(file)');
    expect(issues[0]!.message).toMatch(/^invalid JSON: /);
    expect(issues[0]!.message).toContain('line 4, column 1');
  });

  it('a missing comma between properties: line and column of the next key', () => {
    const text = '{\n  "format": "chainward/v1"\n  "name": "x"\n}';
    const issues = issuesOf(parseScenario(text));
    expect(issues[0]!.message).toContain('line 3, column 3');
  });

  it.each([
    ['trailing comma in an array', '{\n  "format": "chainward/v1",\n  "sources": ["a",]\n}', 'line 3, column 19'],
    ['missing value', '{\n  "format": "chainward/v1",\n  "name": ,\n}', 'line 3, column 11'],
    ['file cut off after a key', '{\n  "format": "chainward/v1",\n  "name": ', 'line 3'],
  ])('%s has a line and column', (_name, text, where) => {
    const issues = issuesOf(parseScenario(text));
    expect(issues[0]!.message).toContain(where);
  });

  it('a leading byte order mark is accepted', () => {
    const r = parseScenario('\uFEFF' + JSON.stringify(minimalScenario()));
    expect(r.issues).toEqual([]);
  });
});

describe('validateScenario: union messages name what was expected', () => {
  it.each([
    ['a Dist given as a number', (s: Json) => (s.threats[1].downtimeDays = 3), 'threats[1].downtimeDays', ['fixed', 'pert', 'lognormal']],
    ['a loss given as a number', (s: Json) => (s.threats[0].loss = 0.3), 'threats[0].loss', ['fraction', 'amount']],
    ['a frequency given as a number', (s: Json) => (s.threats[0].frequency = 2), 'threats[0].frequency', ['perYear', 'perShipment']],
    ['a change given as a string', (s: Json) => (s.treatments[0].changes[0] = 'addControls'), 'treatments[0].changes[0]', ['addControls', 'setBuffer']],
    ['a loss with both fraction and amount', (s: Json) => (s.threats[0].loss = { fraction: { fixed: 0.1 }, amount: { fixed: 1 } }), 'threats[0].loss', ['fraction', 'amount']],
  ])('%s', (_name, mutate, path, keys) => {
    const issues = issuesFor(mutate as (s: Json) => void);
    const message = issueAt(issues, path).message;
    expect(message).not.toMatch(/keys ?[,;]/);
    for (const k of keys) expect(message).toContain(k);
  });

  it('two Dist keys are not both called unknown', () => {
    const issues = issuesFor((s) => (s.threats[1].downtimeDays = { fixed: 1, uniform: [0, 1] }));
    const message = issueAt(issues, 'threats[1].downtimeDays').message;
    expect(message).toContain('fixed');
    expect(message).not.toMatch(/unknown key "fixed"/);
  });

  it('a typo inside lognormal is reported at the typo, not by calling "median" unknown', () => {
    const issues = issuesFor((s) => (s.threats[1].downtimeDays = { lognormal: { median: 1, p9: 2 } }));
    expect(issues.map((i) => i.message).join('\n')).not.toContain('unknown key "median"');
    expect(issueAt(issues, 'threats[1].downtimeDays.lognormal.p9').message).toContain('did you mean "p90"');
  });

  it('a typo inside a route change is reported at route.paths', () => {
    const issues = issuesFor((s) => (s.treatments[2].changes[0] = { route: { flow: 'f1', paths: ['l1', 'l3'] } }));
    expect(issueAt(issues, 'treatments[2].changes[0].route.paths').message).toContain('did you mean "path"');
  });

  it('an unknown Dist key in an object gets its suggestion and the list of keys', () => {
    const issues = issuesFor((s) => (s.threats[1].downtimeDays = { fixd: 1 }));
    expect(issues).toEqual([
      {
        path: 'threats[1].downtimeDays',
        message: 'expected an object with one of the keys fixed, uniform, triangular, pert, lognormal, exponential; unknown key "fixd" (did you mean "fixed"?)',
      },
    ]);
  });
});

it('setCarrier checks the carrier runs the lane mode, as lanes[].carrier does', () => {
  const base = issuesFor((s) => (s.lanes[0].carrier = 'rl'));
  expect(issueAt(base, 'lanes[0].carrier').message).toContain('runs rail, not road');
  const issues = issuesFor((s) => (s.treatments[1].changes[0].setCarrier = 'rl'));
  expect(issueAt(issues, 'treatments[1].changes[0].lanes[0]').message).toContain('runs rail, not road');
});

describe('validateScenario: carrier regions', () => {
  it('carriers[].regions: ISO 3166 codes only, and not an empty list', () => {
    const issues = issuesFor((s) => (s.carriers[0].regions = ['nl', 'NLD', 'US-TX', 'US-']));
    expect(issueAt(issues, 'carriers[0].regions[0]').message).toBe('expected an ISO 3166 code such as "MX" or "US-TX", got "nl"');
    expect(issueAt(issues, 'carriers[0].regions[1]').message).toContain('got "NLD"');
    expect(issueAt(issues, 'carriers[0].regions[3]').message).toContain('got "US-"');
    expect(issues.some((i) => i.path === 'carriers[0].regions[2]')).toBe(false);
    const empty = issuesFor((s) => (s.carriers[0].regions = []));
    expect(issueAt(empty, 'carriers[0].regions').message).toMatch(/expected at least one ISO 3166 code; leave regions out/);
  });

  it("a lane's carrier serves the regions of both its end sites (l1 runs from CN to NL)", () => {
    const issues = issuesFor((s) => (s.carriers[0].regions = ['NL']));
    expect(issueAt(issues, 'lanes[0].carrier').message).toBe('carrier "trk" serves NL, not CN');
    const ok = minimalScenario();
    ok.carriers[0].regions = ['CN', 'NL'];
    expect(validateScenario(ok).issues).toEqual([]);
  });

  it("a lane's own region is needed too, at its most specific", () => {
    const other = issuesFor((s) => ((s.carriers[0].regions = ['CN', 'NL']), (s.lanes[0].region = 'DE')));
    expect(issueAt(other, 'lanes[0].carrier').message).toBe('carrier "trk" serves CN, NL, not DE');
    // a subdivision of a site's country replaces that country: a carrier serving only NL-LI may run it
    const s = minimalScenario();
    s.sites[0].region = 'NL';
    s.lanes[0].region = 'NL-LI';
    s.carriers[0].regions = ['NL-LI'];
    expect(validateScenario(s).issues).toEqual([]);
    s.carriers[0].regions = ['NL-NB'];
    expect(issueAt(issuesOf(validateScenario(s)), 'lanes[0].carrier').message).toBe('carrier "trk" serves NL-NB, not NL-LI');
  });

  it('a carrier without regions serves everywhere; free-tag site regions are not checked', () => {
    const s = minimalScenario();
    s.sites[0].region = 'Guangdong';
    s.carriers[0].regions = ['NL'];
    expect(validateScenario(s).issues).toEqual([]);
    delete s.carriers[0].regions;
    s.sites[0].region = 'CN';
    expect(validateScenario(s).issues).toEqual([]);
  });

  it('setCarrier checks the carrier serves each lane\'s regions, as lanes[].carrier does, with lanes and sites the treatment adds', () => {
    const issues = issuesFor((s) => (s.carriers[2].regions = ['NL']));
    expect(issueAt(issues, 'treatments[1].changes[0].lanes[0]').message).toBe('carrier "trk2" serves NL, not CN (lane "l1")');
    const added = issuesFor((s) => {
      s.carriers[2].regions = ['NL'];
      s.treatments[1].changes = [
        { addSites: [{ id: 'de-hub', kind: 'crossdock', region: 'DE' }] },
        { addLanes: [{ id: 'l9', from: 'wh', to: 'de-hub', mode: 'road', transitDays: 1 }] },
        { setCarrier: 'trk2', lanes: ['l9'] },
      ];
    });
    expect(issueAt(added, 'treatments[1].changes[2].lanes[0]').message).toBe('carrier "trk2" serves NL, not DE (lane "l9")');
  });
});
