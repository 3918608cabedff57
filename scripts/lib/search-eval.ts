import type { SearchIndex } from "../../core/catalog/search-index.ts";
import { searchTools } from "../../core/catalog/search.ts";

/** One case of catalog/search-eval/*.json: finding any one of `expected` counts as a hit. */
export interface SearchEvalCase {
  query: string;
  expected: string[];
  /** plain, app_named, synonym, vague, non_english, typo, agent. */
  kind?: string;
  toolkit?: string;
}

export interface SearchEvalMiss {
  query: string;
  expected: string[];
  /** The top k slugs the search returned. */
  got: string[];
}

/** Recall at 1, 5 and 10 and the mean reciprocal rank (within the top 10) of a group of cases. */
export interface SearchEvalScores {
  cases: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrr: number;
}

export interface SearchEvalResult extends SearchEvalScores {
  /** Share of cases with an expected tool in the top k, from 0 to 1. */
  recallAtK: number;
  misses: SearchEvalMiss[];
  byKind: Record<string, SearchEvalScores>;
  byToolkit: Record<string, SearchEvalScores>;
}

/** Ranks a case's query: the search under evaluation, given the whole case (a session may restrict toolkits). */
export type Ranker = (evalCase: SearchEvalCase, limit: number) => string[];

/** The position (1-based) of the first expected tool in a ranking, or 0. */
function firstHit(ranking: readonly string[], expected: readonly string[]): number {
  const at = ranking.findIndex((slug) => expected.includes(slug));
  return at + 1;
}

class Tally {
  cases = 0;
  at1 = 0;
  at5 = 0;
  at10 = 0;
  reciprocal = 0;

  add(rank: number): void {
    this.cases++;
    if (rank === 0) return;
    if (rank <= 1) this.at1++;
    if (rank <= 5) this.at5++;
    if (rank <= 10) this.at10++;
    this.reciprocal += 1 / rank;
  }

  scores(): SearchEvalScores {
    const share = (n: number) => (this.cases === 0 ? 0 : n / this.cases);
    return { cases: this.cases, recallAt1: share(this.at1), recallAt5: share(this.at5), recallAt10: share(this.at10), mrr: share(this.reciprocal) };
  }
}

/** Runs every case through a ranker and reports recall@1/5/10, MRR (overall, per kind and per toolkit) and the misses at k. Pure. */
export function evaluateRanker(rank: Ranker, evalSet: readonly SearchEvalCase[], k = 5): SearchEvalResult {
  const misses: SearchEvalMiss[] = [];
  const all = new Tally();
  const kinds = new Map<string, Tally>();
  const toolkits = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, key: string) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = new Tally()));
    return t;
  };
  for (const evalCase of evalSet) {
    const ranking = rank(evalCase, Math.max(10, k));
    const position = firstHit(ranking, evalCase.expected);
    all.add(position);
    tally(kinds, evalCase.kind ?? "all").add(position);
    tally(toolkits, evalCase.toolkit ?? evalCase.expected[0]?.split("_")[0]?.toLowerCase() ?? "?").add(position);
    if (position === 0 || position > k) misses.push({ query: evalCase.query, expected: evalCase.expected, got: ranking.slice(0, k) });
  }
  const scores = all.scores();
  const record = (map: Map<string, Tally>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => [key, t.scores()]));
  return {
    ...scores,
    recallAtK: evalSet.length === 0 ? 0 : (evalSet.length - misses.length) / evalSet.length,
    misses,
    byKind: record(kinds),
    byToolkit: record(toolkits),
  };
}

/** `evaluateRanker` over the catalog search itself (the direct `GET /tools?search=` ranking). */
export function evaluateSearch(index: SearchIndex, evalSet: readonly SearchEvalCase[], k = 5): SearchEvalResult {
  return evaluateRanker((evalCase, limit) => searchTools(index, evalCase.query, { limit }).map((hit) => hit.slug), evalSet, k);
}
