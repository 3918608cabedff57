/**
 * `npm run search:semantic`: the production semantic search path measured on this machine.
 * Workers AI is out of reach here, so a real sentence encoder stands in for bge-m3
 * (scripts/lib/local-sentence-encoder.ts) and an exact in-memory index for Vectorize; the rest
 * is the production code: the vectors `npm run search:reindex` writes (each tool and each of its
 * users' phrasings), the semantic index that queries them, and `searchCatalog`'s fusion with the
 * lexical ranking. It prints recall@1/5/10 and MRR on the eval's halves, by kind of request, for
 * the lexical ranking, the semantic index alone, and the fusion at several weights
 * (`SEARCH_SEMANTIC_WEIGHT`).
 *
 * The stand-in is weaker than bge-m3 and reads English only, so its gains are a floor, and
 * requests in other languages lose to noise. The first run embeds the catalog (~24,000 texts,
 * about six minutes on two cores); the vectors are kept in node_modules/.cache.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { searchCatalog } from "../core/catalog/catalog-search.ts";
import { catalogTools, loadCatalog, loadTools, readPhrasings, type CatalogEnv } from "../core/catalog/registry.ts";
import { semanticDepth } from "../core/catalog/semantic/hybrid-ranking.ts";
import { vectorSemanticIndex, type SemanticIndex } from "../core/catalog/semantic/semantic-index.ts";
import { VectorIds } from "../core/catalog/semantic/vector-ids.ts";
import { vectorsForTools, vectorTexts } from "../worker/catalog/semantic/tool-vectors.ts";
import { fmt } from "./bench/report.ts";
import { loadEvalSet } from "./bench/search.ts";
import { fail, printUsageIfAsked } from "./lib/cli.ts";
import { FlatVectorStore } from "./lib/flat-vector-store.ts";
import { LocalSentenceEncoder } from "./lib/local-sentence-encoder.ts";
import { projectRoot } from "./lib/paths.ts";
import { evaluateRanker, type SearchEvalCase, type SearchEvalResult } from "./lib/search-eval.ts";

const USAGE = `Usage: npm run search:semantic -- [--set tune|holdout|<file.json>] [--weights 0.1,0.25,0.5,1] [--cases <n>]

Ranks the search eval with the production semantic path over a local sentence encoder, and
prints recall@1/5/10 and MRR for the lexical ranking, the semantic index alone and their fusion.

Options
  --set <name>        Only this half of the eval, or a file of cases in its format (default: tune, then holdout)
  --weights <list>    Fusion weights to measure (default 0.1,0.25,0.5,1)
  --cases <n>         Only the first n cases of each set`;

const { values } = parseArgs({ options: { set: { type: "string" }, weights: { type: "string" }, cases: { type: "string" }, help: { type: "boolean" } } });
printUsageIfAsked(values.help, USAGE);
const sets = values.set ? [values.set] : ["tune", "holdout"];
const weights = (values.weights ?? "0.1,0.25,0.5,1").split(",").map(Number);
if (weights.some((weight) => !(weight >= 0) || !Number.isFinite(weight))) fail(`--weights must be numbers ≥ 0, got ${values.weights}\n\n${USAGE}`);
const cases = values.cases === undefined ? Infinity : Number(values.cases);
if (!(cases > 0)) fail(`--cases must be a positive number, got ${values.cases}\n\n${USAGE}`);

/** What a page of search asks for: COMPOSIO_SEARCH_TOOLS and the eval read the top ten. */
const LIMIT = 10;

/** The built catalog's static assets, served from disk as the ASSETS binding serves them. */
const assetsDir = path.join(projectRoot, "catalog/dist/assets");
const env: CatalogEnv = {
  ASSETS: {
    fetch: async (input: RequestInfo | URL) => new Response(readFileSync(path.join(assetsDir, new URL(input instanceof Request ? input.url : input).pathname))),
  },
};

/** A semantic index that answers each request once: the fusions at several weights ask the same. */
function answeringOnce(index: SemanticIndex, weight: number, answers: Map<string, ReturnType<SemanticIndex["query"]>>): SemanticIndex {
  return {
    weight,
    query: (text, options) => {
      const key = JSON.stringify([text, options.topK, options.toolkits ?? null]);
      let answer = answers.get(key);
      if (!answer) answers.set(key, (answer = index.query(text, options)));
      return answer;
    },
  };
}

/** One of the eval's halves by name, or a file of cases in the same format. */
function readEvalSet(set: string): SearchEvalCase[] {
  if (set === "tune" || set === "holdout") return loadEvalSet(set);
  if (!existsSync(set)) fail(`--set must be tune, holdout or a JSON file of cases, got ${set}\n\n${USAGE}`);
  const parsed: unknown = JSON.parse(readFileSync(set, "utf8"));
  const valid = Array.isArray(parsed) && parsed.every((c) => typeof c?.query === "string" && Array.isArray(c?.expected));
  if (!valid) fail(`${set} is not a JSON array of { query, expected: [slugs], kind? } cases`);
  return parsed as SearchEvalCase[];
}

/** Each case's ranking by an async ranker, for the (synchronous) evaluation. */
async function evaluate(evalSet: readonly SearchEvalCase[], rank: (query: string) => Promise<string[]>): Promise<SearchEvalResult> {
  const rankings = new Map<string, string[]>();
  for (const evalCase of evalSet) if (!rankings.has(evalCase.query)) rankings.set(evalCase.query, await rank(evalCase.query));
  return evaluateRanker((evalCase) => rankings.get(evalCase.query) ?? [], evalSet);
}

function table(set: string, rows: [string, SearchEvalResult][]): string {
  const kinds = [...new Set(rows.flatMap(([, result]) => Object.keys(result.byKind)))].sort();
  return [
    `${set}: recall@1 / recall@5 / recall@10 / MRR, then recall@5 (recall@1) by kind`,
    `| ranking | cases | r@1 | r@5 | r@10 | MRR | ${kinds.join(" | ")} |`,
    `|---|---:|---:|---:|---:|---:|${kinds.map(() => "---:|").join("")}`,
    ...rows.map(
      ([label, r]) =>
        `| ${label} | ${r.cases} | ${r.recallAt1.toFixed(3)} | ${r.recallAt5.toFixed(3)} | ${r.recallAt10.toFixed(3)} | ${r.mrr.toFixed(3)} | ${kinds
          .map((kind) => (r.byKind[kind] ? `${fmt(r.byKind[kind].recallAt5)} (${fmt(r.byKind[kind].recallAt1)})` : ""))
          .join(" | ")} |`,
    ),
  ].join("\n");
}

const evalSets = Object.fromEntries(sets.map((set) => [set, readEvalSet(set).slice(0, cases)]));
await loadCatalog(env);
const encoder = new LocalSentenceEncoder(path.join(projectRoot, "node_modules/.cache/switchboard-search-semantic"));
const phrasings = await readPhrasings(env);
const tools = (await loadTools(env, catalogTools())).map((entry) => ({ ...entry, phrasings: phrasings[entry.tool.slug] ?? [] }));


const texts = [...tools.flatMap(vectorTexts).map((entry) => entry.text), ...Object.values(evalSets).flatMap((set) => set.map((c) => c.query))];
let reported = 0;
await encoder.warm(texts, (done, total) => {
  if (done - reported < 2048 && done < total) return;
  reported = done;
  console.error(`embedding with the local sentence encoder: ${done}/${total}`);
  encoder.save();
});
encoder.save();

const store = new FlatVectorStore();
const vectors = await vectorsForTools(encoder, tools);
for (let start = 0; start < vectors.length; start += 1000) await store.upsert(vectors.slice(start, start + 1000));
const ids = new VectorIds(catalogTools().map((entry) => entry.tool.slug));
// No deadline: the stand-in answers slower than Workers AI, and a timeout would measure the lexical path.
const semantic = vectorSemanticIndex({ ai: encoder, vectors: store, slugOf: (id) => ids.slugOf(id), timeoutMs: 3_600_000 });
console.error(`${vectors.length} vectors for ${tools.length} tools`);

for (const set of sets) {
  const evalSet = evalSets[set] ?? [];
  const answers = new Map<string, ReturnType<SemanticIndex["query"]>>();
  const hits = (found: { entry: { tool: { slug: string } } }[]) => found.map((hit) => hit.entry.tool.slug);
  const rows: [string, SearchEvalResult][] = [
    ["lexical (SEARCH_MODE = \"lexical\")", await evaluate(evalSet, async (query) => hits(await searchCatalog(query, { limit: LIMIT })))],
    // As deep as the fusion asks, so each request is embedded and matched once.
    ["semantic index alone", await evaluate(evalSet, async (query) => (await answeringOnce(semantic, 0, answers).query(query, { topK: semanticDepth(LIMIT) })).slice(0, LIMIT).map((hit) => hit.slug))],
  ];
  for (const weight of weights) {
    const fused = answeringOnce(semantic, weight, answers);
    rows.push([`hybrid, weight ${weight}`, await evaluate(evalSet, async (query) => hits(await searchCatalog(query, { limit: LIMIT, semantic: fused })))]);
  }
  console.log(`\n${table(set, rows)}`);
}
