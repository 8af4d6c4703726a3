// `chainward calibrate` through the real command line: --help, the sample log end to end (the
// calibrated scenario differs from the input only at the updated values and the block, validates, and
// `run` accepts it), the report's formats, a bad log (exit 2, every problem as FILE:LINE:COLUMN,
// nothing written), --out over an input refused; and in-process, the written values against the
// closed forms of docs/calibration.md.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrateScenario, logRisks } from '../../../engine/analysis/calibrate.js';
import { readIncidentLog } from '../../../engine/analysis/incident-log.js';
import { gammaQuantile } from '../../../engine/math/gamma-quantile.js';
import { normalInverseGamma } from '../../../engine/analysis/calibration-update.js';
import { compilePlan } from '../../../engine/plan/compile-plan.js';
import { parseScenario, validateScenario } from '../../../engine/validate/validate.js';
import { calibrationSchema } from '../../../engine/model/calibration-schema.js';
import { runCli, runMany, stackProblem } from '../../support/run-cli.js';

const SCENARIO = 'scenarios/eu-electronics-inbound.json';
const LOG = 'scenarios/incidents/eu-electronics-inbound.csv';
const dir = mkdtempSync(join(tmpdir(), 'chainward-calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chainward calibrate', () => {
  it('calibrate: --help, the sample log (table, json, --out), a run of the calibrated scenario, a bad log, --out over the log', async () => {
    const out = join(dir, 'calibrated.json');
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'date,target,threat,loss\r\n2024-01-05,dc-venlo,theft,1000\r\n2024-02-30,dc-venlo,theft,1000\r\n2024-03-01,dc-venloo,theft,1000\r\n"2024-03-02",la-rtm-lyo,theft-dc-warehouse,5000\r\n2024-03-03,dc-venlo,intrusion-dc-break-in,-200\r\n',
    );
    const badOut = join(dir, 'never.json');
    const [help, table, json, written, badRun, overLog, overScenario] = await runMany([
      ['calibrate', '--help'],
      ['calibrate', SCENARIO, '--incidents', LOG],
      ['calibrate', SCENARIO, '--incidents', LOG, '--format', 'json'],
      ['calibrate', SCENARIO, '--incidents', LOG, '--out', out, '--format', 'md'],
      ['calibrate', SCENARIO, '--incidents', bad, '--out', badOut],
      ['calibrate', SCENARIO, '--incidents', LOG, '--out', LOG],
      ['calibrate', SCENARIO, '--incidents', LOG, '--out', SCENARIO],
    ]);
    expect(help!.status).toBe(0);
    expect(help!.stdout).toMatch(/^chainward calibrate: /);
    expect(help!.stdout).toMatch(/--incidents LOG\.csv/);
    expect(help!.stdout).toMatch(/--weight W .*\(default: 2\)/s);

    // the table: both flags of the sample log, and nothing written without --out
    expect(table!.status, table!.stderr).toBe(0);
    expect(table!.stdout).toMatch(/! the model underestimates theft on la-rtm-lyo \(theft-parked-truck\): observed 12, expected 1\.98, p = 0\.0\d\d/);
    expect(table!.stdout).toMatch(/! the model overestimates intrusion on port-rotterdam \(intrusion-port-terminal\): observed 0, expected 7\.68/);
    expect(table!.stdout).toMatch(/Nothing written: --out FILE writes the calibrated scenario/);
    expect(Math.max(...table!.stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(120);

    // json: the block as written, with a strict schema
    expect(json!.status, json!.stderr).toBe(0);
    const report = JSON.parse(json!.stdout) as { format: string; uncovered: string[]; calibration: unknown };
    expect(report.format).toBe('chainward-calibration/v1');
    expect(report.uncovered).toEqual(['hijacking', 'disruption', 'terrorism']);
    const block = calibrationSchema.parse(report.calibration);
    const bytes = readFileSync(LOG);
    const { createHash } = await import('node:crypto');
    expect(block).toMatchObject({ incidents: 'eu-electronics-inbound.csv', from: '2022-01-01', to: '2025-12-31', years: 4, weight: 2 });
    expect(block.incidentsSha256).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(block.findings!.reduce((s, f) => s + f.observed, 0)).toBe(readFileSync(LOG, 'utf8').trim().split('\n').length - 1);

    // --out: the scenario written, the report still on stdout; only the updated values and the block differ
    expect(written!.status, written!.stderr).toBe(0);
    expect(written!.stdout).toMatch(/^# Calibration of EU electronics inbound/);
    const before = readFileSync(SCENARIO, 'utf8');
    const after = readFileSync(out, 'utf8');
    const parsed = parseScenario(after);
    expect(parsed.ok).toBe(true);
    const a = JSON.parse(before) as Record<string, unknown> & { threats: Array<Record<string, unknown>> };
    const b = JSON.parse(after) as Record<string, unknown> & { threats: Array<Record<string, unknown>> };
    expect(Object.keys(b)).toEqual([...Object.keys(a), 'calibration']);
    for (const k of Object.keys(a)) if (k !== 'threats') expect(b[k], k).toEqual(a[k]);
    a.threats.forEach((t, i) => {
      const u = b.threats[i]!;
      expect(Object.keys(u)).toEqual(Object.keys(t));
      for (const k of Object.keys(t)) if (!['frequency', 'loss', 'downtimeDays'].includes(k)) expect(u[k]).toEqual(t[k]);
    });
    // the lines that changed, up to the closing of the threats' list, are the updated values'
    const changed = before
      .split('\n')
      .slice(0, -3)
      .filter((l, i) => after.split('\n')[i] !== l);
    expect(changed.length).toBeGreaterThan(5);
    expect(changed.every((l) => /^\s*"(frequency|loss|downtimeDays)": /.test(l)), changed.join('\n')).toBe(true);

    // bad input: every problem at its line and column, exit 2, nothing written
    expect(badRun!.status).toBe(2);
    expect(stackProblem(badRun!.stderr)).toBeUndefined();
    expect(badRun!.stderr).toContain(`chainward: ${bad}: 4 problems; nothing written`);
    expect(badRun!.stderr).toContain(`${bad}:3:1: expected a date that exists, YYYY-MM-DD, got "2024-02-30"`);
    expect(badRun!.stderr).toContain(`${bad}:4:12: unknown target "dc-venloo", expected a site or lane id of the scenario (did you mean "dc-venlo"?)`);
    expect(badRun!.stderr).toContain(`${bad}:5:25: threat "theft-dc-warehouse" does not apply to "la-rtm-lyo"`);
    expect(badRun!.stderr).toContain(`${bad}:6:43: negative value -200, expected a loss ≥ 0 in EUR`);
    expect(existsSync(badOut)).toBe(false);

    // --out may not replace the log or the scenario
    for (const r of [overLog!, overScenario!]) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--out: .*input/);
    }
    expect(readFileSync(LOG)).toEqual(bytes);
    expect(readFileSync(SCENARIO, 'utf8')).toBe(before);

    // the calibrated scenario runs like any other
    const [run] = await runMany([['run', out, '--trials', '512', '--workers', '1', '--format', 'json', '--quiet']]);
    expect(run!.status, run!.stderr).toBe(0);
    const results = JSON.parse(run!.stdout) as { risks: Array<{ id: string; frequency: number }>; calibration?: { incidents: string } };
    expect(results.calibration?.incidents).toBe('eu-electronics-inbound.csv');
    const pooled = block.threats!.find((t) => t.threat === 'theft-parked-truck')!;
    const rates = results.risks.filter((r) => r.id.startsWith('theft-parked-truck@')).reduce((s, r) => s + r.frequency, 0);
    // the written base frequency reproduces the pooled posterior mean (to its 4 digits)
    expect(Math.abs(rates - pooled.posteriorRate) / pooled.posteriorRate).toBeLessThan(1e-3);
  }, 120_000);
});

describe('calibrateScenario: the written values against the closed forms', () => {
  const RAW = {
    format: 'chainward/v1',
    name: 'closed forms',
    currency: 'EUR',
    sites: [{ id: 'dc', kind: 'dc', value: 1e6, controls: ['cctv'] }, { id: 'port', kind: 'port' }],
    controls: [{ id: 'cctv', name: 'CCTV', element: 'facility', appliesTo: 'site', effects: { theft: { frequencyFactor: 0.5, severityFactor: 0.8 } }, reliability: 0.5 }],
    threats: [
      { id: 'dock-theft', category: 'theft', appliesTo: { kind: 'site', siteKinds: ['dc'] }, frequency: { perYear: 0.4 }, loss: { fraction: { lognormal: { median: 0.01, p90: 0.05 } } } },
      { id: 'never', category: 'theft', appliesTo: { kind: 'site', siteKinds: ['port'] }, frequency: { perYear: 0 }, loss: { amount: { fixed: 10 } } },
      { id: 'strike', category: 'disruption', appliesTo: { kind: 'site', siteKinds: ['port'] }, frequency: { perYear: 1 }, downtimeDays: { fixed: 3 } },
    ],
  };
  const text = JSON.stringify(RAW);
  const parsed = validateScenario(JSON.parse(text));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const s = parsed.scenario;
  const losses = [20000, 5000, 8000, 12000, 40000, 9000];
  const csv = ['date,target,threat,loss', ...losses.map((l, i) => `2023-0${i + 1}-10,dc,theft-dock,${l}`.replace('theft-dock', 'dock-theft')), '2024-05-05,port,never,10'].join('\n');
  const log = readIncidentLog(csv, s, logRisks(compilePlan(s, 1)));
  if (!log.span) throw new Error(JSON.stringify(log.problems));
  const r = calibrateScenario(s, text, log.incidents, log.span, { weight: 2, incidents: 'x.csv', incidentsSha256: `sha256:${'a'.repeat(64)}` });

  it('calibrate: a log of 300 000 bad rows lists its first 50 problems by line, then how many more (exit 2, in seconds)', async () => {
    const big = join(dir, 'big-bad.csv');
    writeFileSync(big, 'date,target,threat,loss\n' + '2024-13-01,dc-venloo,thef,-1\n'.repeat(300_000));
    const started = Date.now();
    const run = await runCli(['calibrate', SCENARIO, '--incidents', big]);
    expect(run.status).toBe(2);
    expect(stackProblem(run.stderr)).toBeUndefined();
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`chainward: ${big}: 1,200,000 problems; nothing written`);
    expect(lines).toHaveLength(52);
    expect(lines[1]).toBe(`  ${big}:2:1: expected a date that exists, YYYY-MM-DD, got "2024-13-01"`);
    expect(lines[50]).toMatch(new RegExp(`^  ${big.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:14:12: unknown target`));
    expect(lines[51]).toBe('  … and 1,199,950 more problems (the first 50 by line are shown)');
    // before the cap: 1.2 million lines in 27 s; now a few seconds (a loose bound for a busy machine)
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('calibrate: the log a scenario was calibrated to is refused a second time (exit 2, nothing written); another log whose span overlaps is a warning', async () => {
    const once = join(dir, 'once.json');
    const first = await runCli(['calibrate', SCENARIO, '--incidents', LOG, '--out', once, '--format', 'json']);
    expect(first.status, first.stderr).toBe(0);
    // the same bytes under another name: still the same log
    const copy = join(dir, 'copy.csv');
    writeFileSync(copy, readFileSync(LOG));
    const other = join(dir, 'other.csv');
    writeFileSync(other, readFileSync(LOG, 'utf8').split('\n').slice(0, 30).join('\n') + '\n');
    const twice = join(dir, 'twice.json');
    const [again, overlap, quiet] = await runMany([
      ['calibrate', once, '--incidents', copy, '--out', twice],
      ['calibrate', once, '--incidents', other, '--format', 'json'],
      ['calibrate', once, '--incidents', other, '--format', 'json', '--quiet'],
    ]);
    expect(again!.status).toBe(2);
    expect(stackProblem(again!.stderr)).toBeUndefined();
    const sha = (JSON.parse(first.stdout) as { calibration: { incidentsSha256: string } }).calibration.incidentsSha256;
    expect(again!.stderr.trim()).toBe(
      `chainward: ${copy}: already calibrated to this log: ${once} holds calibration.incidentsSha256 ${sha} (eu-electronics-inbound.csv, 2022-01-01 to 2025-12-31); ` +
        'counting it twice would double its evidence, expected a log of other incidents, or the scenario before its calibration',
    );
    expect(existsSync(twice)).toBe(false);
    expect(overlap!.status, overlap!.stderr).toBe(0);
    expect(overlap!.stderr.trim()).toBe(
      `chainward: warning: ${once}: calibration: calibrated before to eu-electronics-inbound.csv over 2022-01-01 to 2025-12-31, which overlaps this log's span ` +
        '2022-01-01 to 2024-12-31: an incident in both logs counts twice (calibrate the scenario before its calibration to one log of all the incidents instead)',
    );
    expect(quiet!.status).toBe(0);
    expect(quiet!.stderr).toBe('');
  });

  it('calibrate: --categories that leave out the log\'s incidents says how many, and of which categories', async () => {
    const [table, json, md] = await runMany([
      ['calibrate', SCENARIO, '--incidents', LOG, '--categories', 'hijacking'],
      ['calibrate', SCENARIO, '--incidents', LOG, '--categories', 'hijacking,theft', '--format', 'json'],
      ['calibrate', SCENARIO, '--incidents', LOG, '--categories', 'hijacking', '--format', 'md'],
    ]);
    expect(table!.status, table!.stderr).toBe(0);
    expect(table!.stdout.split('\n').slice(0, 5).join(' ')).toMatch(
      /left out: 54 incidents of categories not covered \(theft, intrusion, tampering, breach\); --categories names the categories the log covers/,
    );
    expect(json!.status, json!.stderr).toBe(0);
    const report = JSON.parse(json!.stdout) as { outside: { incidents: number; categories: string[] } };
    expect(report.outside).toEqual({ incidents: 54 - 25, categories: ['intrusion', 'tampering', 'breach'] });
    expect(md!.stdout).toContain('Left out: 54 incidents of categories not covered (theft, intrusion, tampering, breach); --categories names the categories the log covers.');
  });

  it('calibrate: the report\'s wording — "1 year", "p < 0.001", a tiny --weight in exponent notation, the accepted dates in the error', async () => {
    const one = join(dir, 'one-year.csv');
    writeFileSync(one, 'date,target,threat,loss\n' + Array.from({ length: 10 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-01,la-rtm-lyo,theft-parked-truck,1000\n`).join(''));
    const early = join(dir, 'early.csv');
    writeFileSync(early, 'date,target,threat,loss\n0001-01-05,dc-venlo,theft,1000\n');
    const [table, md, tiny, bad] = await runMany([
      ['calibrate', SCENARIO, '--incidents', one],
      ['calibrate', SCENARIO, '--incidents', one, '--weight', '1', '--format', 'md'],
      ['calibrate', SCENARIO, '--incidents', one, '--weight', '1e-300'],
      ['calibrate', SCENARIO, '--incidents', early],
    ]);
    expect(table!.status, table!.stderr).toBe(0);
    expect(table!.stdout).toContain('2025-01-01 to 2025-12-31 (1 year) · prior weight 2 years · 10 incidents');
    expect(table!.stdout).toMatch(/! the model underestimates theft on la-rtm-lyo \(theft-parked-truck\): observed 10, expected 0\.495, p < 0\.001\n/);
    expect(md!.stdout).toContain('2025-01-01 to 2025-12-31 (1 year), prior weight 1 year.');
    expect(tiny!.status, tiny!.stderr).toBe(0);
    expect(tiny!.stdout).toContain('(1 year) · prior weight 1e-300 years · 10 incidents');
    expect(bad!.status).toBe(2);
    expect(bad!.stderr).toContain(`${early}:2:1: 0001-01-05 is outside the dates a log may hold, expected a date from 1970-01-01 to 2100-12-31`);
  });

  it('calibrate: the scenario\'s warnings (a key given twice) on standard error, as run and validate print them; none with --quiet', async () => {
    const dup = join(dir, 'dup.json');
    const text = readFileSync(SCENARIO, 'utf8');
    writeFileSync(dup, text.replace('"name": "EU electronics inbound"', '"name": "draft", "name": "EU electronics inbound"'));
    const [loud, quiet, validate] = await runMany([
      ['calibrate', dup, '--incidents', LOG],
      ['calibrate', dup, '--incidents', LOG, '--quiet'],
      ['validate', dup],
    ]);
    expect(loud!.status, loud!.stderr).toBe(0);
    const warning = `chainward: warning: ${dup}: name: key "name" appears 2 times; the last one is used`;
    expect(validate!.stderr).toContain(warning);
    expect(loud!.stderr.trim()).toBe(warning);
    expect(quiet!.status).toBe(0);
    expect(quiet!.stderr).toBe('');
  });

  it('calibrateScenario: the rate posterior Gamma(λ0·w + n, w + T) and its interval; a zero-rate risk with an incident', () => {
    // effective λ0 = 0.4 × (1 − 0.5 × (1 − 0.5)) = 0.3 a year; 6 incidents over 2023–2024 (T = 2)
    const f = r.calibration.findings!.find((x) => x.risk === 'dock-theft@dc')!;
    const shape = 0.3 * 2 + 6;
    expect(f.posteriorRate).toBeCloseTo(shape / 4, 3);
    expect(f.ci90[0]).toBeCloseTo(gammaQuantile(0.05, shape, 4), 3);
    expect(f.ci90[1]).toBeCloseTo(gammaQuantile(0.95, shape, 4), 3);
    expect(f.flag).toBe('underestimates');
    // the threat's base frequency reproduces the posterior: base' × 0.75 = (0.3·2 + 6)/4
    expect(r.calibration.threats!.find((t) => t.threat === 'dock-theft')!.after).toBeCloseTo(shape / 4 / 0.75, 3);
    // zero rate: the model says it never happens, one incident is p = 0, prior shape ½
    const z = r.calibration.findings!.find((x) => x.risk === 'never@port')!;
    expect(z).toMatchObject({ priorRate: 0, observed: 1, p: 0, flag: 'underestimates' });
    expect(z.posteriorRate).toBeCloseTo(1.5 / 4, 6);
    // disruption is not in the log: not covered, untouched
    expect(r.uncovered).toEqual(['disruption']);
    expect(r.calibration.threats!.map((t) => t.threat)).toEqual(['dock-theft', 'never']);
  });

  it('calibrateScenario: the loss update is normal–inverse-gamma on the logs of the fractions before the controls', () => {
    // fraction = loss / (value × mean severity factor 1 − 0.5 × (1 − 0.8) = 0.9)
    const ys = losses.map((l) => Math.log(l / (1e6 * 0.9)));
    const n = ys.length;
    const mean = ys.reduce((a, b) => a + b, 0) / n;
    const ss = ys.reduce((a, y) => a + (y - mean) ** 2, 0);
    const mu0 = Math.log(0.01);
    const sigma0 = Math.log(5) / 1.2815515655446004;
    const n0 = Math.max(1, 0.3 * 2);
    const kn = n0 + n;
    const mu = (n0 * mu0 + n * mean) / kn;
    const an = n0 / 2 + n / 2;
    const bn = (n0 / 2) * sigma0 * sigma0 + ss / 2 + (n0 * n * (mean - mu0) ** 2) / (2 * kn);
    const sigma = Math.sqrt(bn / an);
    const loss = r.calibration.threats![0]!.loss!;
    expect(loss.observations).toBe(6);
    expect(loss.unit).toBe('fraction');
    expect(loss.posterior.median).toBeCloseTo(Math.exp(mu), 5);
    expect(loss.posterior.p90 / Math.exp(mu + 1.2815515655446004 * sigma)).toBeCloseTo(1, 3);
    const out = JSON.parse(r.text) as { threats: Array<{ loss: unknown; frequency: unknown }>; calibration: unknown };
    expect(out.threats[0]!.loss).toEqual({ fraction: { lognormal: { median: loss.posterior.median, p90: loss.posterior.p90 } } });
    // a minified scenario stays minified, the block last
    expect(r.text.includes('\n')).toBe(false);
    expect(Object.keys(out).at(-1)).toBe('calibration');
    expect(parseScenario(r.text).ok).toBe(true);
  });

  it('calibrateScenario: a calibrated scenario calibrated again has its block replaced, in place', () => {
    const again = validateScenario(JSON.parse(r.text));
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    const r2 = calibrateScenario(again.scenario, r.text, log.incidents, log.span!, { weight: 5, incidents: 'y.csv', incidentsSha256: `sha256:${'b'.repeat(64)}` });
    const out = JSON.parse(r2.text) as Record<string, unknown> & { calibration: { incidents: string; weight: number } };
    expect(Object.keys(out)).toEqual(Object.keys(JSON.parse(r.text) as object));
    expect(out.calibration).toMatchObject({ incidents: 'y.csv', weight: 5 });
    expect(r2.text.match(/"calibration"/g)).toHaveLength(1);
  });
});

/** A scenario from `doc` calibrated to `csv` over `years` (weight 2, every category covered). */
function calibrated(doc: unknown, csv: string, years: number) {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const log = readIncidentLog(csv, v.scenario, logRisks(compilePlan(v.scenario, 1)), { years });
  if (log.problemCount > 0) throw new Error(JSON.stringify(log.problems));
  return calibrateScenario(v.scenario, JSON.stringify(doc, null, 2), log.incidents, log.span!, {
    weight: 2,
    categories: ['theft', 'disruption'],
    incidents: 'log.csv',
    incidentsSha256: `sha256:${'c'.repeat(64)}`,
  });
}

describe('calibrateScenario: what is pooled', () => {
  const sites = [
    { id: 'port-a', kind: 'port', value: 1e6 },
    { id: 'port-b', kind: 'port', value: 1e6 },
    { id: 'port-c', kind: 'port', value: 1e6 },
    { id: 'dc', kind: 'dc', value: 1e6 },
  ];

  it('calibrateScenario: incidents on a target where the threat can have no events (a lane without shipments) are left out of the pooled rate, with a note', () => {
    const doc = {
      format: 'chainward/v1',
      name: 'empty lane',
      sites,
      lanes: [
        { id: 'la-busy', from: 'port-a', to: 'dc', mode: 'road', transitDays: 1 },
        { id: 'la-empty', from: 'port-b', to: 'dc', mode: 'road', transitDays: 1 },
      ],
      flows: [{ id: 'f', from: 'port-a', to: 'dc', valuePerYear: 1e7, shipmentsPerYear: 100 }],
      threats: [{ id: 'truck-theft', category: 'theft', appliesTo: { kind: 'lane', modes: ['road'] }, frequency: { perShipment: 0.01 }, loss: { amount: { fixed: 1000 } } }],
    };
    const csv = 'date,target,threat,loss\n2023-02-01,la-empty,truck-theft,\n2023-05-01,la-empty,truck-theft,\n2024-03-01,la-empty,truck-theft,\n2024-06-01,la-busy,truck-theft,\n';
    const r = calibrated(doc, csv, 2);
    const t = r.calibration.threats![0]!;
    // la-busy: λ0 = 0.01 × 100 = 1 a year, K = 100; only its one incident counts: E[Λ] = (1·2 + 1)/(2 + 2)
    expect(t.observed).toBe(1);
    expect(t.posteriorRate).toBeCloseTo(3 / 4, 10);
    expect(t.after).toBeCloseTo(3 / 4 / 100, 10);
    expect(t.notes).toEqual(['3 incidents on targets where the threat can have no events (la-empty: no shipments, or a factor of 0) left out of the pooled rate']);
    // the risk itself still says the scenario gives it no chance
    expect(r.calibration.findings!.find((f) => f.target === 'la-empty')).toMatchObject({ priorRate: 0, observed: 3, p: 0, flag: 'underestimates' });
  });

  it('calibrateScenario: a common-cause threat counts one downtime per event date, not one per target hit', () => {
    const doc = {
      format: 'chainward/v1',
      name: 'typhoons',
      sites,
      threats: [
        {
          id: 'typhoon',
          category: 'disruption',
          appliesTo: { kind: 'site', siteKinds: ['port'] },
          frequency: { perYear: 0.5 },
          jointly: true,
          downtimeDays: { lognormal: { median: 3, p90: 8 } },
        },
      ],
    };
    // five typhoons, each closing the three ports at once for the same days (one shared draw)
    const days = [2, 4, 5, 9, 12];
    const dates = ['2021-08-01', '2022-07-15', '2023-09-02', '2024-08-20', '2025-07-30'];
    const rows = dates.flatMap((d, i) => ['port-a', 'port-b', 'port-c'].map((p) => `${d},${p},typhoon,,${days[i]}`));
    const r = calibrated(doc, `date,target,threat,loss,downtimeDays\n${rows.join('\n')}\n`, 5);
    const t = r.calibration.threats![0]!;
    expect(t.observed).toBe(5);
    expect(t.downtime!.observations).toBe(5);
    // the normal–inverse-gamma update of the five values, the prior worth max(1, 0.5 × 2) = 1 event
    const prior = { mu: Math.log(3), sigma: Math.log(8 / 3) / 1.2815515655446004 };
    const post = normalInverseGamma(prior, 1, days);
    expect(t.downtime!.posterior.median).toBeCloseTo(Number(Math.exp(post.mu).toPrecision(4)), 10);
    expect(t.downtime!.posterior.p90).toBeCloseTo(Number(Math.exp(post.mu + 1.2815515655446004 * post.sigma).toPrecision(4)), 10);
  });
});
