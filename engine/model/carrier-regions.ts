// Where a carrier may run a lane (docs/scenario-format.md, "Carriers"): the regions a lane needs, and
// which of them a carrier's `regions` leave out. Shared by validation (a lane's own carrier and
// `setCarrier` changes) and by the carrier options of `chainward routes`. Reads plain values, so
// it also works on the raw document the validator checks.

/** An ISO 3166-1 alpha-2 country code ("MX") or an ISO 3166-2 subdivision code ("US-TX"). */
export const REGION_CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** Whether `v` is an ISO 3166 country or subdivision code. */
export function isRegionCode(v: unknown): v is string {
  return typeof v === 'string' && REGION_CODE.test(v);
}

/** Whether serving `code` covers `region`: the same code, or a subdivision of that country. */
function covers(code: string, region: string): boolean {
  return region === code || region.startsWith(`${code}-`);
}

/**
 * The regions a lane runs in, which a carrier must serve to run it: the lane's own `region` and the
 * regions of its two end sites, each at its most specific (a "US-TX" lane between two "US" sites
 * needs "US-TX"; a lane from "MX" to "US" needs both). Only ISO 3166 codes count: a site's region
 * is a free tag, and a tag such as "EMEA" names no place a carrier can list.
 */
export function laneRegionsNeeded(lane: { region?: unknown; from?: unknown; to?: unknown }, siteRegion: (siteId: string) => unknown): string[] {
  const given = [lane.region, typeof lane.from === 'string' ? siteRegion(lane.from) : undefined, typeof lane.to === 'string' ? siteRegion(lane.to) : undefined];
  const codes = [...new Set(given.filter(isRegionCode))];
  return codes.filter((r) => !codes.some((s) => s !== r && covers(r, s)));
}

/**
 * The regions in `needed` that a carrier serving `regions` does not cover (empty: it may run the
 * lane). A carrier that lists no regions serves everywhere; codes that are not ISO 3166 are ignored
 * here (validation reports them).
 */
export function regionsNotServed(regions: readonly unknown[] | undefined, needed: readonly string[]): string[] {
  const codes = (regions ?? []).filter(isRegionCode);
  if (codes.length === 0) return [];
  return needed.filter((r) => !codes.some((c) => covers(c, r)));
}

/**
 * The carriers that may run a lane: they run its mode (or list no modes) and serve every region it
 * needs (or list no regions), as validation requires of a lane's carrier.
 */
export function carriersServing<C extends { modes?: readonly string[]; regions?: readonly unknown[] }>(
  lane: { mode: string; region?: unknown; from?: unknown; to?: unknown },
  carriers: readonly C[],
  siteRegion: (siteId: string) => unknown,
): C[] {
  const needed = laneRegionsNeeded(lane, siteRegion);
  return carriers.filter((c) => (c.modes === undefined || c.modes.length === 0 || c.modes.includes(lane.mode)) && regionsNotServed(c.regions, needed).length === 0);
}
