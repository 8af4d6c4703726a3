// Which regions a lane needs and which of them a carrier's `regions` leave out: the lane's own
// region and its end sites' regions, each at its most specific; a country code covers its
// subdivisions; a carrier without regions serves everywhere; free tags that are not ISO 3166 codes
// are not places a carrier must serve.
import { describe, expect, it } from 'vitest';
import { isRegionCode, laneRegionsNeeded, regionsNotServed } from '../../../engine/model/carrier-regions.js';

const sites: Record<string, string | undefined> = { mx: 'MX', us: 'US', us2: 'US', nl: 'NL', it: 'IT', tag: 'EMEA', none: undefined };
const region = (id: string) => sites[id];

describe('isRegionCode', () => {
  it('accepts ISO 3166-1 alpha-2 and ISO 3166-2 subdivision codes, nothing else', () => {
    for (const ok of ['MX', 'US', 'US-TX', 'MX-NLE', 'GB-ENG', 'FR-75', 'CN-GD']) expect(isRegionCode(ok), ok).toBe(true);
    for (const bad of ['mx', 'MEX', 'US-', 'US-TEXAS', 'U', '', 'EMEA', 'us-tx', 'US TX', 42, undefined]) expect(isRegionCode(bad), String(bad)).toBe(false);
  });
});

describe('laneRegionsNeeded', () => {
  it('a cross-border lane without its own region needs both end sites\' regions', () => {
    expect(laneRegionsNeeded({ from: 'mx', to: 'us' }, region)).toEqual(['MX', 'US']);
  });

  it('a domestic lane needs its country once', () => {
    expect(laneRegionsNeeded({ from: 'us', to: 'us2' }, region)).toEqual(['US']);
  });

  it('a lane region inside its sites\' country replaces the country (the most specific is needed)', () => {
    expect(laneRegionsNeeded({ region: 'US-TX', from: 'us', to: 'us2' }, region)).toEqual(['US-TX']);
  });

  it('a lane region in another country is needed beside both end sites\' regions', () => {
    expect(laneRegionsNeeded({ region: 'DE', from: 'nl', to: 'it' }, region)).toEqual(['DE', 'NL', 'IT']);
  });

  it('free tags and missing regions are not needed', () => {
    expect(laneRegionsNeeded({ from: 'tag', to: 'none' }, region)).toEqual([]);
    expect(laneRegionsNeeded({ region: 'north', from: 'tag', to: 'mx' }, region)).toEqual(['MX']);
  });
});

describe('regionsNotServed', () => {
  it('a carrier without regions (or none valid) serves everywhere', () => {
    expect(regionsNotServed(undefined, ['MX', 'US'])).toEqual([]);
    expect(regionsNotServed([], ['MX'])).toEqual([]);
  });

  it('lists the needed regions the carrier does not cover', () => {
    expect(regionsNotServed(['US'], ['MX', 'US'])).toEqual(['MX']);
    expect(regionsNotServed(['MX', 'US'], ['MX', 'US'])).toEqual([]);
  });

  it('a country covers its subdivisions; a subdivision covers neither its country nor another subdivision', () => {
    expect(regionsNotServed(['US'], ['US-TX'])).toEqual([]);
    expect(regionsNotServed(['US-TX'], ['US'])).toEqual(['US']);
    expect(regionsNotServed(['US-TX'], ['US-TX'])).toEqual([]);
    expect(regionsNotServed(['MX-NLE', 'MX-TAM'], ['MX-MEX'])).toEqual(['MX-MEX']);
    // a code covers a region by its country part, not by any prefix
    expect(regionsNotServed(['US'], ['US-TX', 'UY'])).toEqual(['UY']);
  });
});
