// Reports speak of years; with a horizon other than 365 days they say what a "year" then is.
import { describe, expect, it } from 'vitest';
import { simulateScenario } from '../../../engine/analysis/simulate-scenario.js';
import { markdownReport } from '../../../engine/report/markdown.js';
import { tableReport } from '../../../engine/report/table.js';
import { envelope, scenarioOf } from '../../support/engine-helpers.js';

function scenario(horizonDays: number) {
  return scenarioOf(
    envelope('horizon', {
      horizonDays,
      sites: [{ id: 'dc', kind: 'dc', value: 1e6 }],
      threats: [{ id: 't', category: 'theft', appliesTo: { kind: 'site' }, frequency: { perYear: 2 }, loss: { fraction: { uniform: [0.1, 0.2] } } }],
    }),
  );
}

describe('reports and the horizon', () => {
  it('tableReport and markdownReport: a 90-day horizon is named as what a "year" means; a 365-day one needs no note', async () => {
    const r90 = await simulateScenario(scenario(90), { trials: 512, seed: 1 });
    const note = 'every "year" in this report is one 90-day horizon';
    expect(tableReport(r90).replace(/\s+/g, ' ')).toContain(note);
    expect(markdownReport(r90).replace(/\s+/g, ' ')).toContain(note);
    const r365 = await simulateScenario(scenario(365), { trials: 512, seed: 1 });
    expect(tableReport(r365)).not.toContain('every "year"');
  });

  it('tableReport: the run line wraps, never cut mid-number', async () => {
    const r = await simulateScenario(scenario(365), { trials: 512, seed: 1 });
    const long = { ...r, run: { ...r.run, targetSe: 0.005, achievedRelativeSe: 0.0123, stoppedBy: 'max-trials' as const } };
    const text = tableReport(long);
    const run = text.slice(text.indexOf('Run: '));
    expect(run).not.toContain('…');
    expect(run.replace(/\s+/g, ' ')).toContain(`${r.run.trialsPerSecond.toLocaleString('en-US')} trials/s`);
  });
});
