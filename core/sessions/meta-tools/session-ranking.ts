import type { CatalogHit } from "../../catalog/catalog-tool.ts";

/**
 * How COMPOSIO_SEARCH_TOOLS orders one use case's hits for a session: best first, and among
 * close scores the toolkits the user has connected first; then the split into primary tools
 * (sent with their schemas: the best and those close to it) and related ones. When no hit
 * fits (see core/catalog/search-relevance.ts), there are no primary tools: the closest ones
 * are only related. Pure, so the search evaluation runs it too.
 */

/** At most this many primary tools, then up to this many related ones. */
export const PRIMARY_TOOLS = 3;
export const RELATED_TOOLS = 3;
/** A primary tool scores at least this share of the best one's score. */
const PRIMARY_SCORE_SHARE = 0.6;
/** Among equally fitting tools, those of a toolkit the user has connected come first by this factor. */
const CONNECTED_PREFERENCE = 1.15;

export interface SessionRanking {
  primary: CatalogHit[];
  related: CatalogHit[];
}

export function fits(hit: CatalogHit): boolean {
  return hit.fits;
}

export function rankForSession(hits: readonly CatalogHit[], connected: (toolkit: string) => boolean): SessionRanking {
  const weight = (hit: CatalogHit) => hit.score * (connected(hit.entry.toolkit.slug) ? CONNECTED_PREFERENCE : 1);
  const ordered = [...hits].sort((a, b) => weight(b) - weight(a));
  // Nothing fits: no primary tools, the closest ones as related.
  if (!ordered.some(fits)) return { primary: [], related: ordered.slice(0, PRIMARY_TOOLS + RELATED_TOOLS) };
  const topScore = weight(ordered[0] ?? hits[0]!);
  const primary = ordered.filter((hit, rank) => rank === 0 || (rank < PRIMARY_TOOLS && weight(hit) >= topScore * PRIMARY_SCORE_SHARE)).slice(0, PRIMARY_TOOLS);
  const related = ordered.filter((hit) => !primary.includes(hit)).slice(0, PRIMARY_TOOLS + RELATED_TOOLS - primary.length);
  return { primary, related };
}
