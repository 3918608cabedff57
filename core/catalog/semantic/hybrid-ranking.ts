import { findTool } from "../registry.ts";
import { DEFAULT_SEMANTIC_WEIGHT, fuseRankings, type ScoredSlug } from "./fuse.ts";
import { MAX_TOP_K, toolkitFilterFits } from "./vector-store.ts";
import type { SemanticIndex } from "./semantic-index.ts";

export interface HybridRankingOptions {
  /** How many slugs to return. */
  limit: number;
  /**
   * The toolkits the caller may see, when it is restricted to some (the lexical ranking should
   * already be filtered alike): the semantic index is asked within them, so its answer is not
   * spent on tools the caller cannot see. A list too long for Vectorize's filter is not sent;
   * `allow` filters the answer instead.
   */
  toolkits?: readonly string[];
  /** Only tools whose slug passes, e.g. the session's allow list; applied to semantic hits. */
  allow?: (slug: string) => boolean;
}

/** Semantic candidates fetched per requested result: fusion needs depth to reorder. */
const CANDIDATES_PER_RESULT = 3;
const MIN_CANDIDATES = 20;

/** How many tools the semantic index is asked for, for a page of `limit`. */
export function semanticDepth(limit: number): number {
  return Math.min(MAX_TOP_K, Math.max(MIN_CANDIDATES, limit * CANDIDATES_PER_RESULT));
}

/**
 * Fuses a lexical ranking (best first, with scores, ideally deeper than `limit`) with the
 * semantic index's answer for the same text (fuse.ts), at the index's weight. Without an
 * index it is the lexical ranking cut to `limit`, and a semantic failure (which answers [])
 * degrades to that too.
 */
export async function hybridRanking(
  text: string,
  lexical: readonly ScoredSlug[],
  semantic: SemanticIndex | undefined,
  options: HybridRankingOptions,
): Promise<string[]> {
  const lexicalSlugs = lexical.map((hit) => hit.slug);
  if (!semantic) return lexicalSlugs.slice(0, options.limit);
  const topK = semanticDepth(options.limit);
  const toolkits = options.toolkits && toolkitFilterFits(options.toolkits) ? options.toolkits : undefined;
  const hits = await semantic.query(text, { topK, ...(toolkits ? { toolkits } : {}) });
  const inLexical = new Set(lexicalSlugs);
  const allow = options.allow;
  // The lexical ranking is already filtered; a semantic hit may be one the caller may not see,
  // or one an index built by an older deploy still holds and the catalog no longer has.
  const shown = (slug: string) => inLexical.has(slug) || (findTool(slug) !== undefined && (!allow || allow(slug)));
  return fuseRankings(lexical, hits, semantic.weight ?? DEFAULT_SEMANTIC_WEIGHT)
    .filter(shown)
    .slice(0, options.limit);
}
