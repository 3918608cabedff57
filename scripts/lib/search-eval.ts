import type { SearchIndex } from "../../worker/catalog/search-index.ts";
import { searchTools } from "../../worker/catalog/search.ts";

/** One case of catalog/search-eval.json: finding any one of `expected` in the top k is a hit. */
export interface SearchEvalCase {
  query: string;
  expected: string[];
}

export interface SearchEvalMiss {
  query: string;
  expected: string[];
  /** The top k slugs the search returned. */
  got: string[];
}

export interface SearchEvalResult {
  /** Share of cases with an expected tool in the top k, from 0 to 1. */
  recallAtK: number;
  misses: SearchEvalMiss[];
}

/** Runs every case through `searchTools` and reports recall@k and the misses. Pure: no I/O. */
export function evaluateSearch(index: SearchIndex, evalSet: readonly SearchEvalCase[], k = 5): SearchEvalResult {
  const misses: SearchEvalMiss[] = [];
  for (const { query, expected } of evalSet) {
    const got = searchTools(index, query, { limit: k }).map((hit) => hit.slug);
    if (!got.some((slug) => expected.includes(slug))) misses.push({ query, expected, got });
  }
  return { recallAtK: evalSet.length === 0 ? 0 : (evalSet.length - misses.length) / evalSet.length, misses };
}
