import { readFileSync } from "node:fs";
import path from "node:path";
import type { SearchIndex } from "../../worker/catalog/search-index.ts";
import { searchTools } from "../../worker/catalog/search.ts";
import { percentile } from "../lib/load.ts";
import { projectRoot } from "../lib/paths.ts";
import { evaluateSearch, type SearchEvalCase } from "../lib/search-eval.ts";
import { fmt } from "./report.ts";

/** Search quality (recall@5) and in-process latency over the whole catalog, on the eval queries. */
export function benchSearch(): string {
  const index = JSON.parse(readFileSync(path.join(projectRoot, "catalog/dist/search-index.json"), "utf8")) as SearchIndex;
  const evalSet = JSON.parse(readFileSync(path.join(projectRoot, "catalog/search-eval.json"), "utf8")) as SearchEvalCase[];
  const { recallAtK, misses } = evaluateSearch(index, evalSet, 5);

  for (let i = 0; i < 3; i += 1) for (const { query } of evalSet) searchTools(index, query, { limit: 10 });
  const timings: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    for (const { query } of evalSet) {
      const t0 = performance.now();
      searchTools(index, query, { limit: 10 });
      timings.push(performance.now() - t0);
    }
  }
  timings.sort((a, b) => a - b);
  const tools = index.slugs.length;
  return [
    `Search over ${tools} tools, ${evalSet.length} eval queries: recall@5 ${fmt(recallAtK, 3)} (${misses.length} misses)`,
    `search latency in-process (same code as the isolate): p50 ${fmt(percentile(timings, 50), 3)} ms, p99 ${fmt(percentile(timings, 99), 3)} ms`,
  ].join("\n");
}
