import { getRecent, setBounded } from "../bounded-map.ts";
import type { SearchIndex } from "./search-index.ts";
import { rankTools, type SearchHit } from "./search.ts";

/**
 * The isolate's recent rankings, per index. Agents send the same use cases again and again
 * (every session of an app asks to "send an email"), and ranking a request costs more than
 * everything else its page does. A ranking is kept as the ranker walked it, before the caller's
 * filter (which differs by project, session and page), and filtered again on the way out. When
 * the kept prefix holds too few tools the filter allows, the request is ranked again, so a
 * cached answer is always the one an uncached search would give.
 *
 * Rankings are kept per partition — the project whose request made them — and answer only that
 * project's requests: a request's text may hold its users' data, and no project may tell from
 * how fast a search answers what another project searched.
 */

/** Distinct requests an index keeps; beyond this the least recently used goes. */
export const MAX_CACHED_REQUESTS = 512;
/** A walk longer than this (a narrow filter that skipped most of the catalog) is not kept. */
const MAX_CACHED_WALK = 400;
/** Requests longer than this (an agent's whole task description) are rarely sent twice. */
export const MAX_CACHED_REQUEST_LENGTH = 500;

interface CachedRanking {
  walked: SearchHit[];
  complete: boolean;
}

const rankingsByIndex = new WeakMap<SearchIndex, Map<string, CachedRanking>>();

function rankingsOf(index: SearchIndex): Map<string, CachedRanking> {
  let rankings = rankingsByIndex.get(index);
  if (!rankings) {
    rankings = new Map();
    rankingsByIndex.set(index, rankings);
  }
  return rankings;
}

/** The first `limit` allowed tools of a kept ranking, or undefined when it holds too few to tell. */
function pageOf(ranking: CachedRanking, limit: number, allow: ((slug: string) => boolean) | undefined): SearchHit[] | undefined {
  const page: SearchHit[] = [];
  for (const hit of ranking.walked) {
    if (allow && !allow(hit.slug)) continue;
    page.push(hit);
    if (page.length === limit) return page;
  }
  return ranking.complete ? page : undefined;
}

/**
 * `searchTools(index, query, { limit, allow })`, answered from the partition's recent rankings
 * when it can be (see above; without a partition, ranked afresh).
 */
export function cachedSearch(index: SearchIndex, query: string, limit: number, allow?: (slug: string) => boolean, partition?: string): SearchHit[] {
  if (limit <= 0) return [];
  if (partition === undefined || query.length > MAX_CACHED_REQUEST_LENGTH) return rankTools(index, query, { limit, ...(allow ? { allow } : {}) }).hits;
  const rankings = rankingsOf(index);
  // The separator cannot occur in a project id.
  const key = `${partition}\n${query}`;
  const kept = getRecent(rankings, key);
  const page = kept && pageOf(kept, limit, allow);
  if (page) return page;
  const ranking = rankTools(index, query, { limit, ...(allow ? { allow } : {}) });
  const longer = !kept || ranking.complete || ranking.walked.length > kept.walked.length;
  if (longer && ranking.walked.length <= MAX_CACHED_WALK) setBounded(rankings, key, { walked: ranking.walked, complete: ranking.complete }, MAX_CACHED_REQUESTS);
  return ranking.hits;
}
