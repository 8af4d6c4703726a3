// Threat and treatment selectors: which sites or lanes a selector picks.
import type { Lane, Selector, Site } from './schema.js';

/** Whether `site` matches a site selector (every given field must match). */
export function selectsSite(sel: Selector, site: Site): boolean {
  if (sel.kind !== 'site') return false;
  if (sel.ids && !sel.ids.includes(site.id)) return false;
  if (sel.siteKinds && !sel.siteKinds.includes(site.kind)) return false;
  if (sel.regions && (site.region === undefined || !sel.regions.includes(site.region))) return false;
  if (sel.tags && !sel.tags.some((t) => site.tags?.includes(t))) return false;
  return true;
}

/** Whether `lane` (whose region is already resolved) matches a lane selector. */
export function selectsLane(sel: Selector, lane: Lane, region: string | undefined): boolean {
  if (sel.kind !== 'lane') return false;
  if (sel.ids && !sel.ids.includes(lane.id)) return false;
  if (sel.modes && !sel.modes.includes(lane.mode)) return false;
  if (sel.regions && (region === undefined || !sel.regions.includes(region))) return false;
  if (sel.tags && !sel.tags.some((t) => lane.tags?.includes(t))) return false;
  return true;
}

/** The region of a lane: its own, or its origin site's. */
export function laneRegion(lane: Lane, sitesById: Map<string, Site>): string | undefined {
  return lane.region ?? sitesById.get(lane.from)?.region;
}
