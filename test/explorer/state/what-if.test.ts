// The what-if model: toggles that add, remove and undo controls on one target, carrier switches, the
// engine changes they make, and what-ifs read back from untrusted URL text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../engine/validate/validate.js';
import { DEFAULT_TRIALS, readUrlState, writeUrlState } from '../../../explorer/state/url-state.js';
import { changes, emptyWhatIf, hasControl, isEmpty, parseWhatIf, setCarrier, toggleControl, carrierOf } from '../../../explorer/state/what-if.js';

const parsed = parseScenario(readFileSync(new URL('../../../scenarios/eu-electronics-inbound.json', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('default scenario invalid');
const scenario = parsed.scenario;

describe('what-if', () => {
  it('toggleControl adds a control, a second toggle undoes it, and a placed control toggles to removed', () => {
    let w = toggleControl(scenario, emptyWhatIf(), 'lane', 'la-rtm-lyo', 'gps-geofence');
    expect(hasControl(scenario, w, 'lane', 'la-rtm-lyo', 'gps-geofence')).toBe(true);
    expect(changes(w)).toEqual([{ addControls: ['gps-geofence'], to: { kind: 'lane', ids: ['la-rtm-lyo'] } }]);
    w = toggleControl(scenario, w, 'lane', 'la-rtm-lyo', 'gps-geofence');
    expect(isEmpty(w)).toBe(true);
    const site = scenario.sites.find((s) => (s.controls ?? []).length > 0)!;
    const placed = site.controls![0]!;
    w = toggleControl(scenario, emptyWhatIf(), 'site', site.id, placed);
    expect(hasControl(scenario, w, 'site', site.id, placed)).toBe(false);
    expect(changes(w)).toEqual([{ removeControls: [placed], from: { kind: 'site', ids: [site.id] } }]);
  });

  it('setCarrier records a switch and drops it when the lane goes back to its own carrier', () => {
    const lane = scenario.lanes!.find((l) => l.carrier)!;
    const other = scenario.carriers!.find((c) => c.id !== lane.carrier && (!c.modes || c.modes.includes(lane.mode)))!;
    let w = setCarrier(scenario, emptyWhatIf(), lane.id, other.id);
    expect(carrierOf(scenario, w, lane.id)).toBe(other.id);
    expect(changes(w)).toEqual([{ setCarrier: other.id, lanes: [lane.id] }]);
    w = setCarrier(scenario, w, lane.id, lane.carrier!);
    expect(isEmpty(w)).toBe(true);
  });

  it('parseWhatIf keeps only well-formed entries from untrusted text', () => {
    expect(parseWhatIf('not json')).toEqual(emptyWhatIf());
    const w = parseWhatIf('{"__proto__": {"add": [["site","x","y"]]}, "add": [["lane","a","b"], ["x","a","b"], [1,2,3], "s"], "carriers": [["l", {"toString": 1}], ["l2", "c"]]}');
    expect(w).toEqual({ add: [['lane', 'a', 'b']], remove: [], carriers: [['l2', 'c']] });
    expect(Object.getPrototypeOf(w)).toBe(Object.prototype);
    expect(parseWhatIf('{"__proto__": {"add": [["site","x","y"]]}}').add).toEqual([]); // a "__proto__" key is never read as the what-if
  });

  it('readUrlState/writeUrlState round-trip trials, seed, selection and what-if; bad values fall back', () => {
    const w = toggleControl(scenario, emptyWhatIf(), 'lane', 'la-rtm-lyo', 'gps-geofence');
    const q = writeUrlState({ trials: 5000, seed: 'abc', selection: { kind: 'lane', id: 'la-rtm-lyo' }, whatIf: w });
    expect(readUrlState(q)).toEqual({ trials: 5000, seed: 'abc', selection: { kind: 'lane', id: 'la-rtm-lyo' }, whatIf: w });
    expect(readUrlState('?trials=-5&sel=bogus&w=%7B')).toEqual({ trials: DEFAULT_TRIALS, seed: '1', whatIf: emptyWhatIf() });
    expect(readUrlState('?trials=99999999').trials).toBe(DEFAULT_TRIALS);
  });
});
