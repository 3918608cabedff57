/**
 * `npm run catalog:build`: validates every toolkit against the definition format, merges in
 * its search vocabulary (catalog/vocabulary/<slug>.json: keywords, synonyms, pitfalls, and
 * the `important` tag on the tools it lists) and writes catalog/dist/: the files the Worker
 * reads at run time as static assets (assets/catalog/: the compact index, the search index
 * with the languages of catalog/languages/, and shards of tool definitions; see
 * worker/catalog/catalog-files.ts), and catalog.json (the whole catalog, defaults applied)
 * for scripts and tests. catalog/dist/ is a build output, not committed: the npm scripts
 * that need it (dev, test, typecheck, deploy, bench) run this first. Re-runs write only
 * what changed and remove what is gone, so the output is byte-identical for the same input.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ToolkitDefinition, type ToolkitInput } from "../catalog/definition.ts";
import { toolkitSources } from "../catalog/index.ts";
import { ToolkitVocabulary } from "../catalog/vocabulary.ts";
import { CATALOG_INDEX_PATH, packCatalog, SEARCH_INDEX_PATH, shardPath } from "../worker/catalog/catalog-files.ts";
import { buildSearchIndex } from "../worker/catalog/search-index.ts";
import { compileToolkitVocabulary } from "../worker/catalog/search-vocabulary.ts";
import { catalogProblems } from "./lib/catalog-checks.ts";
import { writeOutputs } from "./lib/write-outputs.ts";
import { searchLanguages } from "./lib/search-languages.ts";
import { projectRoot } from "./lib/paths.ts";

const distDir = path.join(projectRoot, "catalog/dist");
const generatedDir = path.join(projectRoot, "catalog/generated");

function generatedToolkits(): ToolkitInput[] {
  if (!existsSync(generatedDir)) return [];
  return ["github.json"]
    .map((file) => path.join(generatedDir, file))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, "utf8")) as ToolkitInput);
}

const vocabularyDir = path.join(projectRoot, "catalog/vocabulary");

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** The toolkit with its vocabulary file merged in: the file's `important` tools gain the `important` tag. */
function withVocabulary(source: ToolkitInput): ToolkitInput {
  const file = path.join(vocabularyDir, `${source.slug}.json`);
  if (!existsSync(file)) return source;
  const vocabulary = ToolkitVocabulary.parse(readJson(file));
  const important = new Set(vocabulary.important);
  const tools = source.tools.map((tool) =>
    important.has(tool.slug) && !(tool.tags ?? []).includes("important") ? { ...tool, tags: [...(tool.tags ?? []), "important"] } : tool,
  );
  return { ...source, tools, vocabulary };
}

const started = performance.now();
/** One line per stage on stderr, so a long build shows where it is. */
const stage = (message: string) => process.stderr.write(`  catalog: ${message} (${Math.round(performance.now() - started)} ms)\n`);

const sources = [...generatedToolkits(), ...toolkitSources];
stage(`read ${sources.length} toolkits`);
const toolkits = sources.map((source) => ToolkitDefinition.parse(withVocabulary(source))).sort((a, b) => a.slug.localeCompare(b.slug));
stage("validated the definitions");

const searchable = toolkits.map((toolkit) => ({ ...toolkit, vocabulary: compileToolkitVocabulary(toolkit.vocabulary) }));

const problems = catalogProblems(toolkits);
if (problems.length > 0) {
  console.error(`The catalog has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
stage("checked every tool against the providers' schema rules");

const { index, shards } = packCatalog(toolkits);
const outputs = new Map<string, string>([
  // For scripts and tests (benchmarks, the search eval): the whole catalog in one file.
  ["catalog.json", JSON.stringify(toolkits)],
  ["search-index.json", JSON.stringify(buildSearchIndex(searchable, searchLanguages(searchable)))],
]);
stage("built the search index");
// What the Worker reads at run time: its static assets (wrangler.toml [assets]).
outputs.set(path.join("assets", CATALOG_INDEX_PATH), JSON.stringify(index));
outputs.set(path.join("assets", SEARCH_INDEX_PATH), outputs.get("search-index.json") ?? "");
shards.forEach((shard, n) => outputs.set(path.join("assets", shardPath(n)), JSON.stringify(shard)));

writeOutputs(distDir, outputs);
stage(`wrote ${outputs.size} files`);
const toolCount = toolkits.reduce((sum, t) => sum + t.tools.length, 0);
console.log(`Catalog: ${toolkits.length} toolkits, ${toolCount} tools, ${shards.length} shards in catalog/dist/.`);
