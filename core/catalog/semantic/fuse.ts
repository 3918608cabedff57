/**
 * Weighted reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): each ranking
 * gives an item weight / (k + rank), rank counted from 1, and items are ordered by the sum.
 * It needs no score calibration between rankers (BM25 scores and cosine similarities are not
 * comparable), which is why it fuses the lexical and semantic rankings.
 */
export interface FuseOptions {
  /** Damps the head of each ranking; 60 is the paper's value. */
  k?: number;
  /** One per ranking, default 1. A ranking of weight 0 contributes nothing, not even its items. */
  weights?: readonly number[];
}

export const DEFAULT_RRF_K = 60;

/**
 * Fuses rankings of ids, best first. Equal scores keep the order in which items first
 * appear, reading the first ranking, then the second, and so on, so the result is
 * deterministic and, on a tie, follows the first ranking. Repeats within a ranking count
 * once, at their best rank.
 */
export function fuseRankings(rankings: readonly (readonly string[])[], options: FuseOptions = {}): string[] {
  const k = options.k ?? DEFAULT_RRF_K;
  if (!(k >= 0) || !Number.isFinite(k)) throw new RangeError(`fuseRankings: k must be a finite number ≥ 0, got ${k}`);
  const scores = new Map<string, number>();
  rankings.forEach((ranking, i) => {
    const weight = options.weights?.[i] ?? 1;
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`fuseRankings: weight ${i} must be a finite number ≥ 0, got ${weight}`);
    if (weight === 0) return;
    const seen = new Set<string>();
    ranking.forEach((id, position) => {
      if (seen.has(id)) return;
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + weight / (k + position + 1));
    });
  });
  // Sums of the same terms in another order can differ in the last bit; rounding makes those
  // ties. Map iteration is insertion order, i.e. first appearance, and the sort is stable.
  return [...scores.entries()]
    .map(([id, score]) => [id, Number(score.toPrecision(12))] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id);
}
