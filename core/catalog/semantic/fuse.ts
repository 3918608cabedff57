/**
 * How the semantic index's answer is folded into the lexical ranking. Each tool scores its
 * share of the best lexical score plus `weight` times its share of the semantic answer's
 * spread (1 for the nearest tool, 0 for the farthest one returned), and tools are ordered by
 * the sum. Both shares are scale-free, so no calibration between BM25 scores and cosine
 * similarities is needed, and the weight bounds what the semantic half can do: at 0.25 it
 * reorders tools the lexical ranking scores within a quarter of each other, and brings in a
 * tool only the semantic index found where the lexical scores have fallen below a quarter of
 * the best.
 *
 * Reciprocal-rank fusion, used before, gives both rankings' heads equal say whatever their
 * quality. Measured with a local sentence encoder standing in for the production model
 * (`npm run search:semantic`, docs/search.md), it took the holdout from 0.930 / 0.767
 * (recall@5 / recall@1, lexical alone) to 0.857 / 0.526; this fusion, over the same vectors,
 * to 0.934 / 0.774.
 */
export interface ScoredSlug {
  slug: string;
  score: number;
}

/** The semantic weight when the deploy sets none (`SEARCH_SEMANTIC_WEIGHT`): the best on the tune half with the stand-in model. */
export const DEFAULT_SEMANTIC_WEIGHT = 0.25;

/**
 * Each lexical hit's share of the best score, never above the share of a hit before it: a
 * ranking merged from two indexes (a project's own tools beside the shared ones) is ordered by
 * more than its scores, and that order is kept.
 */
function lexicalShares(lexical: readonly ScoredSlug[]): Map<string, number> {
  const shares = new Map<string, number>();
  const top = lexical[0]?.score ?? 0;
  let previous = 1;
  for (const { slug, score } of lexical) {
    if (shares.has(slug)) continue;
    previous = Math.min(previous, top > 0 ? Math.max(0, score / top) : 0);
    shares.set(slug, previous);
  }
  return shares;
}

/** Each semantic hit's place between the farthest returned (0) and the nearest (1). */
function semanticShares(semantic: readonly ScoredSlug[]): Map<string, number> {
  const shares = new Map<string, number>();
  const scores = semantic.map((hit) => hit.score);
  const nearest = Math.max(...scores);
  const farthest = Math.min(...scores);
  for (const { slug, score } of semantic) {
    if (shares.has(slug)) continue;
    shares.set(slug, nearest > farthest ? (score - farthest) / (nearest - farthest) : 1);
  }
  return shares;
}

/**
 * The tools of both rankings, best first. Ties keep the lexical order, then the semantic one,
 * so the result is deterministic. `semantic` is the index's whole answer, before any filter:
 * its spread is a property of the request, not of what the caller may see.
 */
export function fuseRankings(lexical: readonly ScoredSlug[], semantic: readonly ScoredSlug[], weight: number): string[] {
  if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`fuseRankings: weight must be a finite number ≥ 0, got ${weight}`);
  const fused = lexicalShares(lexical);
  if (weight > 0 && semantic.length > 0) {
    for (const [slug, share] of semanticShares(semantic)) fused.set(slug, (fused.get(slug) ?? 0) + weight * share);
  }
  // Sums of the same terms in another order can differ in the last bit; rounding makes those
  // ties. Map iteration is insertion order, i.e. first appearance, and the sort is stable.
  return [...fused.entries()]
    .map(([slug, score]) => [slug, Number(score.toPrecision(12))] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([slug]) => slug);
}
