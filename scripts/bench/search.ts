import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { CatalogHit } from "../../core/catalog/catalog-tool.ts";
import type { SearchIndex } from "../../core/catalog/search-index.ts";
import { searchTools } from "../../core/catalog/search.ts";
import { rankForSession } from "../../core/sessions/meta-tools/session-ranking.ts";
import { percentile } from "../lib/load.ts";
import { projectRoot } from "../lib/paths.ts";
import { evaluateRanker, type Ranker, type SearchEvalCase, type SearchEvalResult } from "../lib/search-eval.ts";
import { wrappedRequests } from "../lib/request-wrappers.ts";
import { withInjectedTypos } from "../lib/typo-injection.ts";
import { fmt } from "./report.ts";

/**
 * Search quality and speed. Quality: recall@1/5/10 and MRR on the eval sets
 * (catalog/search-eval/: `tune`, which the ranker may be tuned on, and `holdout`, which it
 * never is), for the direct search (`GET /tools?search=`) and for COMPOSIO_SEARCH_TOOLS's
 * session ranking, by kind of query and by toolkit, over the whole catalog (10,000+ tools).
 * Speed: in-process latency of the code the isolate runs, and the first search on a fresh
 * index (when its tables are derived).
 */

const evalDir = path.join(projectRoot, "catalog/search-eval");

export function loadEvalSet(name: string): SearchEvalCase[] {
  const file = path.join(evalDir, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SearchEvalCase[]) : [];
}

function catalogIndex(): SearchIndex {
  return JSON.parse(readFileSync(path.join(projectRoot, "catalog/dist/search-index.json"), "utf8")) as SearchIndex;
}

const directRanker = (index: SearchIndex): Ranker => (c, limit) => searchTools(index, c.query, { limit }).map((hit) => hit.slug);

/** COMPOSIO_SEARCH_TOOLS's order (primary then related) for a session with every toolkit and none connected. */
const sessionRanker = (index: SearchIndex): Ranker => {
  const toolkitBySlug = new Map(index.slugs.map((slug, doc) => [slug, index.toolkits[index.docToolkit[doc] ?? 0] ?? ""]));
  return (c) => {
    const hits: CatalogHit[] = searchTools(index, c.query, { limit: 8 }).map((hit) => ({
      entry: { toolkit: { slug: toolkitBySlug.get(hit.slug) ?? "" }, tool: { slug: hit.slug } } as CatalogHit["entry"],
      score: hit.score,
      coverage: hit.coverage,
      fits: hit.fits,
    }));
    const { primary, related } = rankForSession(hits, () => false);
    return [...primary, ...related].map((hit) => hit.entry.tool.slug);
  };
};

function scoreLine(label: string, r: SearchEvalResult): string {
  return `| ${label} | ${r.cases} | ${fmt(r.recallAt1)} | ${fmt(r.recallAt5)} | ${fmt(r.recallAt10)} | ${fmt(r.mrr)} |`;
}

function qualityTable(rows: [string, SearchEvalResult][]): string {
  return ["| set | cases | recall@1 | recall@5 | recall@10 | MRR |", "|---|---:|---:|---:|---:|---:|", ...rows.map(([label, r]) => scoreLine(label, r))].join("\n");
}

function breakdown(title: string, tune: Record<string, { cases: number; recallAt5: number }>, holdout: Record<string, { cases: number; recallAt5: number }>): string {
  const keys = [...new Set([...Object.keys(tune), ...Object.keys(holdout)])].sort();
  return [
    `| ${title} | tune n | tune recall@5 | holdout n | holdout recall@5 |`,
    "|---|---:|---:|---:|---:|",
    ...keys.map((k) => `| ${k} | ${tune[k]?.cases ?? 0} | ${fmt(tune[k]?.recallAt5 ?? 0)} | ${holdout[k]?.cases ?? 0} | ${fmt(holdout[k]?.recallAt5 ?? 0)} |`),
  ].join("\n");
}

/** p50 and p99 in ms of `searchTools` over the queries, after a warm-up. */
function latency(index: SearchIndex, queries: readonly string[]): { p50: number; p99: number } {
  for (const q of queries) searchTools(index, q, { limit: 10 });
  const timings: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of queries) {
      const t0 = performance.now();
      searchTools(index, q, { limit: 10 });
      timings.push(performance.now() - t0);
    }
  }
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 50), p99: percentile(timings, 99) };
}

/** The toolkits the catalog had before it grew (the "current 13"): their cases are reported apart. */
const ORIGINAL_TOOLKITS = new Set(["github", "gmail", "googlecalendar", "slack", "jira", "notion", "linear", "hubspot", "googledrive", "googlesheets", "outlook", "discord", "hackernews"]);
/** Seeds of the injected typos: three sets of the requests, each misspelt differently. */
const TYPO_SEEDS = [1, 2, 3];

/** Quality tables for one index: the direct search and the session ranking, on both halves. */
function qualityReport(index: SearchIndex, tune: SearchEvalCase[], holdout: SearchEvalCase[], label: string): string[] {
  const run = (set: SearchEvalCase[], ranker: (i: SearchIndex) => Ranker) => evaluateRanker(ranker(index), set, 5);
  const direct = { tune: run(tune, directRanker), holdout: run(holdout, directRanker) };
  const session = { tune: run(tune, sessionRanker), holdout: run(holdout, sessionRanker) };
  const original = (set: SearchEvalCase[], yes: boolean) => set.filter((c) => ORIGINAL_TOOLKITS.has(c.toolkit ?? "") === yes);
  const typos = (set: SearchEvalCase[], kinds?: string[]) => TYPO_SEEDS.flatMap((seed) => withInjectedTypos(set, seed, kinds));
  return [
    qualityTable([
      ["direct search, tune", direct.tune],
      ["direct search, holdout", direct.holdout],
      ["COMPOSIO_SEARCH_TOOLS, tune", session.tune],
      ["COMPOSIO_SEARCH_TOOLS, holdout", session.holdout],
      ["original 13 toolkits' cases, holdout", run(original(holdout, true), directRanker)],
      ["the grown catalog's other toolkits' cases, holdout", run(original(holdout, false), directRanker)],
      ["plain requests with one injected typo, tune", run(typos(tune), directRanker)],
      ["plain requests with one injected typo, holdout", run(typos(holdout), directRanker)],
      ["non-English requests with one injected typo, tune", run(typos(tune, ["non_english"]), directRanker)],
      ["non-English requests with one injected typo, holdout", run(typos(holdout, ["non_english"]), directRanker)],
      ["plain requests in agents' and people's wrappers, tune", run(wrappedRequests(tune), directRanker)],
      ["plain requests in agents' and people's wrappers, holdout", run(wrappedRequests(holdout), directRanker)],
    ]),
    "",
    breakdown(`kind (direct${label})`, direct.tune.byKind, direct.holdout.byKind),
    "",
    breakdown(`toolkit (direct${label})`, direct.tune.byToolkit, direct.holdout.byToolkit),
  ];
}

/** Requests no tool in the catalog does (catalog/search-eval/README.md): whether anything fits is all they measure. */
interface UnanswerableCase {
  query: string;
}

/** The share of requests for which some hit of the meta tool's page fits, and, of the eval's, where nothing fits though an expected tool is in the top three. */
function fitReport(index: SearchIndex, sets: [string, SearchEvalCase[]][], unanswerable: [string, UnanswerableCase[]][]): string {
  const page = (query: string) => searchTools(index, query, { limit: 8 });
  const rows = sets.map(([label, set]) => {
    let fitting = 0;
    let missed = 0;
    for (const c of set) {
      const hits = page(c.query);
      if (hits.some((hit) => hit.fits)) fitting++;
      else if (hits.slice(0, 3).some((hit) => c.expected.includes(hit.slug))) missed++;
    }
    return `| ${label} | ${set.length} | ${fmt(fitting / set.length)} | ${fmt(missed / set.length)} |`;
  });
  const blind = unanswerable.map(([label, set]) => `| ${label} | ${set.length} | ${fmt(set.filter((c) => page(c.query).some((hit) => hit.fits)).length / set.length)} | – |`);
  return ["| set | cases | some hit fits | nothing fits, right tool in top 3 |", "|---|---:|---:|---:|", ...rows, ...blind].join("\n");
}

export async function benchSearch(): Promise<string> {
  const index = catalogIndex();
  const tune = loadEvalSet("tune");
  const holdout = loadEvalSet("holdout");
  const queries = [...tune, ...holdout].map((c) => c.query);
  const first = performance.now();
  searchTools(index, "create an issue", { limit: 10 });
  const firstMs = performance.now() - first;
  const out = [`Search quality over ${index.slugs.length} tools (${index.toolkits.length} toolkits):`, ...qualityReport(index, tune, holdout, "")];
  const unanswerable = (name: string) => JSON.parse(readFileSync(path.join(evalDir, `unanswerable-${name}.json`), "utf8")) as UnanswerableCase[];
  out.push(
    "",
    "Whether anything fits (COMPOSIO_SEARCH_TOOLS offers primary tools only then):",
    fitReport(index, [["tune", tune], ["holdout", holdout]], [["no tool does it, tune", unanswerable("tune")], ["no tool does it, holdout", unanswerable("holdout")]]),
  );
  const timing = latency(index, queries);
  out.push(
    "",
    `search latency in-process over ${index.slugs.length} tools (same code as the isolate): p50 ${fmt(timing.p50, 3)} ms, p99 ${fmt(timing.p99, 3)} ms; first search on a fresh index (tables derived): ${fmt(firstMs, 1)} ms`,
  );

  return out.join("\n");
}

if (import.meta.main) console.log(await benchSearch());
