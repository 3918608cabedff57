import { findTool } from "../registry.ts";
import { fuseRankings } from "./fuse.ts";
import { MAX_TOP_K } from "./vector-store.ts";
import type { SemanticIndex } from "./semantic-index.ts";

export interface HybridRankingOptions {
  /** How many slugs to return. */
  limit: number;
  /** Only tools of these toolkits (the lexical ranking should already be filtered alike). */
  toolkits?: readonly string[];
  /** Only tools whose slug passes, e.g. the session's allow list; applied to semantic hits. */
  allow?: (slug: string) => boolean;
  /** Weights of the lexical and the semantic ranking in the fusion; default 1 each. */
  weights?: { lexical: number; semantic: number };
}

/** Semantic candidates fetched per requested result: fusion needs depth to reorder. */
const CANDIDATES_PER_RESULT = 3;
const MIN_CANDIDATES = 20;

/**
 * Fuses a lexical ranking (slugs, best first, ideally deeper than `limit`) with the semantic
 * index's answer for the same text. Without an index it is the lexical ranking cut to
 * `limit`, and a semantic failure (which answers []) degrades to that too.
 */
export async function hybridRanking(
  text: string,
  lexical: readonly string[],
  semantic: SemanticIndex | undefined,
  options: HybridRankingOptions,
): Promise<string[]> {
  if (!semantic) return lexical.slice(0, options.limit);
  const topK = Math.min(MAX_TOP_K, Math.max(MIN_CANDIDATES, options.limit * CANDIDATES_PER_RESULT));
  const hits = await semantic.query(text, { topK, ...(options.toolkits ? { toolkits: options.toolkits } : {}) });
  const allow = options.allow;
  // An index built by an older deploy may still hold tools the catalog no longer has.
  const semanticSlugs = hits.map((hit) => hit.slug).filter((slug) => findTool(slug) !== undefined && (!allow || allow(slug)));
  const weights = options.weights ?? { lexical: 1, semantic: 1 };
  return fuseRankings([lexical, semanticSlugs], { weights: [weights.lexical, weights.semantic] }).slice(0, options.limit);
}
