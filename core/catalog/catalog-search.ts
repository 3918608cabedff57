import type { CatalogHit, ToolEntry } from "./catalog-tool.ts";
import { currentProjectCatalog } from "./project-scope.ts";
import { catalogSearchIndex, findTool } from "./registry.ts";
import { cachedSearch } from "./ranking-cache.ts";
import { readQuery, type SearchHit } from "./search.ts";
import type { ParsedQuery } from "./search-query.ts";
import { hybridRanking } from "./semantic/hybrid-ranking.ts";
import { cachedSemanticIndex } from "./semantic/semantic-cache.ts";
import type { SemanticIndex } from "./semantic/semantic-index.ts";

export type { CatalogHit } from "./catalog-tool.ts";

export interface CatalogSearchOptions {
  limit: number;
  allow?: (entry: ToolEntry) => boolean;
  /** The project searching: its recent rankings may answer it (ranking-cache.ts); without one, ranked afresh. */
  partition?: string;
}

/** Coverage given to a tool only the semantic index found: it matched the meaning, not the words, and so fits. */
const SEMANTIC_ONLY_COVERAGE = 0.5;
/** The lexical ranking fused with the semantic one is this many times deeper than the page. */
const FUSION_DEPTH = 3;

function allowSlug(allow: CatalogSearchOptions["allow"]): ((slug: string) => boolean) | undefined {
  if (!allow) return undefined;
  return (slug) => {
    const entry = findTool(slug);
    return entry !== undefined && allow(entry);
  };
}

/** A project's own tool ranks above a shared one that fits the request as well. */
const OWN_TOOL_PREFERENCE = 0.05;

/**
 * Two rankings from different indexes, merged. Scores do not compare across indexes (a term's
 * weight depends on how many tools of the index hold it), so each hit is placed by how much
 * of the request it covers, then by its score relative to the best of its own ranking.
 */
function mergeRankings(shared: readonly SearchHit[], own: readonly SearchHit[], limit: number): SearchHit[] {
  const placed = (hits: readonly SearchHit[], bonus: number) => {
    const top = hits[0]?.score || 1;
    return hits.map((hit) => ({ hit, place: hit.coverage + hit.score / top / 2 + bonus }));
  };
  return [...placed(own, OWN_TOOL_PREFERENCE), ...placed(shared, 0)]
    .sort((a, b) => b.place - a.place)
    .slice(0, limit)
    .map(({ hit }) => hit);
}

/**
 * Ranks the catalog's tools for a plain-language use case, best first, on the lexical path
 * (synchronous, in the isolate; a request the same project ranked lately is read from the
 * isolate's recent rankings). A project's own toolkits have an index of their own, and the two rankings are merged.
 */
export function rankCatalog(phrase: string, options: CatalogSearchOptions): CatalogHit[] {
  const allow = allowSlug(options.allow);
  const own = currentProjectCatalog();
  const hits = cachedSearch(catalogSearchIndex(), phrase, options.limit, allow, options.partition);
  const merged = own ? mergeRankings(hits, cachedSearch(own.searchIndex(), phrase, options.limit, allow, options.partition), options.limit) : hits;
  return merged.flatMap((hit) => {
    const entry = findTool(hit.slug);
    return entry ? [{ entry, score: hit.score, coverage: hit.coverage, fits: hit.fits }] : [];
  });
}

/**
 * Ranks the catalog for a use case: the lexical ranking, fused with the semantic index's
 * when the deploy has one (production with Workers AI and Vectorize); without it, or when it
 * fails, the lexical ranking alone. Both are read from the isolate's recent answers to the
 * same project when they can be. `toolkits`: the toolkits `allow` restricts the caller to, if
 * it restricts it to some, for the semantic index to search within.
 */
export async function searchCatalog(
  phrase: string,
  options: CatalogSearchOptions & { semantic?: SemanticIndex | undefined; toolkits?: readonly string[] | undefined },
): Promise<CatalogHit[]> {
  if (!options.semantic) return rankCatalog(phrase, options);
  const lexical = rankCatalog(phrase, { ...options, limit: options.limit * FUSION_DEPTH });
  const allow = allowSlug(options.allow);
  const fused = await hybridRanking(
    phrase,
    lexical.map((hit) => ({ slug: hit.entry.tool.slug, score: hit.score })),
    cachedSemanticIndex(options.semantic, options.partition),
    { limit: options.limit, ...(allow ? { allow } : {}), ...(options.toolkits ? { toolkits: options.toolkits } : {}) },
  );
  const bySlug = new Map(lexical.map((hit) => [hit.entry.tool.slug, hit]));
  return fused.flatMap((slug) => {
    const known = bySlug.get(slug);
    if (known) return [known];
    const entry = findTool(slug);
    return entry ? [{ entry, score: 0, coverage: SEMANTIC_ONLY_COVERAGE, fits: true }] : [];
  });
}

/** How the ranker reads a request (its action and the toolkits it names), for the search meta tool. */
export function readUseCase(phrase: string): ParsedQuery {
  return readQuery(catalogSearchIndex(), phrase);
}

/** The toolkit slug of a toolkit number in a parsed query. */
export function toolkitOfNumber(t: number): string | undefined {
  return catalogSearchIndex().toolkits[t];
}
