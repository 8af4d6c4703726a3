// The key of a site or lane in the map's stress overlay (MapStress.elements in view-data.ts): a site
// and a lane may share an id, so the kind is part of the key.

/** "site:ID" or "lane:ID". */
export function stressKey(kind: 'site' | 'lane', id: string): string {
  return `${kind}:${id}`;
}
