import type { CatalogHit, ToolEntry } from "./catalog-tool.ts";
import { catalogSearchIndex, findTool } from "./registry.ts";
import { readQuery, searchTools } from "./search.ts";
import type { ParsedQuery } from "./search-query.ts";
import { hybridRanking } from "./semantic/hybrid-ranking.ts";
import type { SemanticIndex } from "./semantic/semantic-index.ts";

export type { CatalogHit } from "./catalog-tool.ts";

export interface CatalogSearchOptions {
  limit: number;
  allow?: (entry: ToolEntry) => boolean;
}

/** Coverage given to a tool only the semantic index found: it matched the meaning, not the words. */
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

/** Ranks the catalog's tools for a plain-language use case, best first, on the lexical path (synchronous, in the isolate). */
export function rankCatalog(phrase: string, options: CatalogSearchOptions): CatalogHit[] {
  const allow = allowSlug(options.allow);
  const hits = searchTools(catalogSearchIndex(), phrase, { limit: options.limit, ...(allow ? { allow } : {}) });
  return hits.flatMap((hit) => {
    const entry = findTool(hit.slug);
    return entry ? [{ entry, score: hit.score, coverage: hit.coverage }] : [];
  });
}

/**
 * Ranks the catalog for a use case: the lexical ranking, fused with the semantic index's
 * when the deploy has one (production with Workers AI and Vectorize); without it, or when it
 * fails, the lexical ranking alone.
 */
export async function searchCatalog(phrase: string, options: CatalogSearchOptions & { semantic?: SemanticIndex | undefined }): Promise<CatalogHit[]> {
  if (!options.semantic) return rankCatalog(phrase, options);
  const lexical = rankCatalog(phrase, { ...options, limit: options.limit * FUSION_DEPTH });
  const allow = allowSlug(options.allow);
  const fused = await hybridRanking(
    phrase,
    lexical.map((hit) => hit.entry.tool.slug),
    options.semantic,
    { limit: options.limit, ...(allow ? { allow } : {}) },
  );
  const bySlug = new Map(lexical.map((hit) => [hit.entry.tool.slug, hit]));
  return fused.flatMap((slug) => {
    const known = bySlug.get(slug);
    if (known) return [known];
    const entry = findTool(slug);
    return entry ? [{ entry, score: 0, coverage: SEMANTIC_ONLY_COVERAGE }] : [];
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
