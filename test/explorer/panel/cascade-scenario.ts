// The minimal test network with cascades and a common cause, for the side panel's tests: a fire at the
// warehouse raises ransomware there; ransomware raises road theft on the lanes leaving it; a strike
// that hits every Dutch site at once (jointly) raises road theft on the targets in region NL.
import { minimalScenario, type Json } from '../../support/scenario-fixtures.js';

export function cascadeScenario(): Json {
  const s = minimalScenario();
  s.sites[1].name = 'Venlo warehouse';
  const threat = (id: string) => s.threats.find((t: Json) => t.id === id);
  threat('theft-road').name = 'Road theft';
  threat('fire').name = 'Fire';
  threat('fire').triggers = [{ threat: 'ransomware', factor: 2, days: 10, scope: 'same-target' }];
  threat('ransomware').name = 'Ransomware';
  threat('ransomware').triggers = [{ threat: 'theft-road', factor: 3, days: 30, scope: 'lanes-from' }];
  s.threats.push({
    id: 'strike',
    name: 'Port strike',
    category: 'disruption',
    appliesTo: { kind: 'site', regions: ['NL'] },
    frequency: { perYear: 0.2 },
    downtimeDays: { pert: [1, 3, 7] },
    jointly: true,
    triggers: [{ threat: 'theft-road', factor: 1.5, days: 5, scope: 'region' }],
  });
  return s;
}

/** The same scenario without cascades or common causes (to simulate with any kernel). */
export function withoutCascades(s: Json): Json {
  const out = structuredClone(s);
  for (const t of out.threats) {
    delete t.triggers;
    delete t.jointly;
  }
  return out;
}
