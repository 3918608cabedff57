/**
 * `npm run catalog:build`: validates every toolkit against the definition format, merges in
 * its search vocabulary (catalog/vocabulary/<slug>.json: keywords, synonyms, users' phrasings
 * of its tools, pitfalls, and the `important` tag on the tools it lists) and writes
 * catalog/dist/: the files the Worker reads at run time as static assets (assets/catalog/:
 * the compact index, the search index with the languages of catalog/languages/, and shards of
 * tool definitions; see core/catalog/catalog-files.ts), and catalog.json (the whole
 * catalog, defaults applied) for scripts and tests. catalog/dist/ is a build output, not
 * committed: the npm scripts that need it (dev, test, typecheck, deploy, bench) run this
 * first. Re-runs write only what changed and remove what is gone, so the output is
 * byte-identical for the same input.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { otherSlugs, ToolkitDefinition, type ToolkitInput } from "../catalog/definition.ts";
import { toolkitSources } from "../catalog/index.ts";
import { ToolkitVocabulary } from "../catalog/vocabulary.ts";
import { CATALOG_INDEX_PATH, packCatalog, packLexicons, packPhrasings, PHRASINGS_PATH, SEARCH_INDEX_PATH, SEARCH_LEXICONS_PATH, shardPath } from "../core/catalog/catalog-files.ts";
import { buildSearchIndex } from "../core/catalog/search-index.ts";
import { compileToolkitVocabulary } from "../core/catalog/search-vocabulary.ts";
import { catalogProblems } from "../catalog/checks.ts";
import { writeOutputs } from "./lib/write-outputs.ts";
import { consoleAssets } from "./lib/console-assets.ts";
import { docsAssets } from "./lib/docs-assets.ts";
import { catalogMisspellings } from "./lib/search-misspellings.ts";
import { searchLanguages } from "./lib/search-languages.ts";
import { projectRoot } from "./lib/paths.ts";

const distDir = path.join(projectRoot, "catalog/dist");
const generatedDir = path.join(projectRoot, "catalog/generated");

/**
 * Every catalog/generated/*.json is a toolkit of its own (GitHub's generator, the OpenAPI
 * generator). catalog/generated/fill/<slug>.json holds generated tools for a curated toolkit
 * of that slug: they are merged into it in place (see mergeFill), so the curated toolkit keeps
 * its place in `toolkitSources` and is not declared twice.
 */
function generatedToolkits(): ToolkitInput[] {
  if (!existsSync(generatedDir)) return [];
  const readToolkit = (file: string) => JSON.parse(readFileSync(file, "utf8")) as ToolkitInput;
  const fillDir = path.join(generatedDir, "fill");
  for (const file of existsSync(fillDir) ? readdirSync(fillDir).filter((f) => f.endsWith(".json")).sort() : []) {
    const fill = readToolkit(path.join(fillDir, file));
    const index = toolkitSources.findIndex((toolkit) => toolkit.slug === fill.slug);
    if (index === -1) throw new Error(`catalog/generated/fill/${file}: no curated toolkit ${fill.slug} to fill`);
    toolkitSources[index] = mergeFill(toolkitSources[index]!, fill);
  }
  return readdirSync(generatedDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => readToolkit(path.join(generatedDir, file)));
}

/**
 * A curated toolkit plus a generated fill: the curated tools, slugs and auth stay; a fill tool
 * whose method and URL (placeholders ignored) a curated tool already serves, or whose slug the
 * curated toolkit uses, is dropped; the others carry their own base URL when it differs.
 */
function mergeFill(curated: ToolkitInput, fill: ToolkitInput): ToolkitInput {
  const endpoint = (method: string, base: string, toolPath: string) => `${method} ${base.replace(/\/+$/, "")}${toolPath}`.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "");
  const served = new Set(curated.tools.map((tool) => endpoint(tool.http.method, tool.http.baseUrl ?? curated.baseUrl, tool.http.path)));
  const taken = new Set([...curated.tools.map((tool) => tool.slug), ...otherSlugs(curated).map(([other]) => other)]);
  const added = fill.tools.flatMap((tool) => {
    const base = tool.http.baseUrl ?? fill.baseUrl;
    if (taken.has(tool.slug) || served.has(endpoint(tool.http.method, base, tool.http.path))) return [];
    return [base === curated.baseUrl ? tool : { ...tool, http: { ...tool.http, baseUrl: base } }];
  });
  return { ...curated, tools: [...curated.tools, ...added] };
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

const searchable = toolkits.map((toolkit) => ({ ...toolkit, vocabulary: compileToolkitVocabulary(toolkit.vocabulary), phrases: toolkit.vocabulary.phrases, actions: toolkit.vocabulary.actions }));

const problems = catalogProblems(toolkits);
if (problems.length > 0) {
  console.error(`The catalog has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
stage("checked every tool against the providers' schema rules");

const { index, shards } = packCatalog(toolkits);
const languages = searchLanguages(searchable);
// Built twice: the first index tells which of the catalog's words are misspellings of others.
const misspellings = catalogMisspellings(buildSearchIndex(searchable, languages));
const searchIndex = buildSearchIndex(searchable, { ...languages, misspellings });
const outputs = new Map<string, string>([
  // For scripts and tests (benchmarks, the search eval): the whole catalog in one file.
  ["catalog.json", JSON.stringify(toolkits)],
  ["search-index.json", JSON.stringify(searchIndex)],
]);
stage("built the search index");
// What the Worker reads at run time: its static assets (wrangler.toml [assets]); the search
// index's lexicons in a file of their own, read as text.
outputs.set(path.join("assets", CATALOG_INDEX_PATH), JSON.stringify(index));
outputs.set(path.join("assets", SEARCH_INDEX_PATH), JSON.stringify({ ...searchIndex, lexicons: {} }));
outputs.set(path.join("assets", SEARCH_LEXICONS_PATH), packLexicons(searchIndex.lexicons));
shards.forEach((shard, n) => outputs.set(path.join("assets", shardPath(n)), JSON.stringify(shard)));
outputs.set(path.join("assets", PHRASINGS_PATH), JSON.stringify(packPhrasings(toolkits)));
// The /docs page's script (Scalar) ships with them: writeOutputs removes whatever is not listed here.
for (const [file, contents] of docsAssets()) outputs.set(path.join("assets", file), contents);
// So does the operator console's browser code (/console).
for (const [file, contents] of consoleAssets()) outputs.set(path.join("assets", file), contents);

writeOutputs(distDir, outputs);
stage(`wrote ${outputs.size} files`);
const toolCount = toolkits.reduce((sum, t) => sum + t.tools.length, 0);
console.log(`Catalog: ${toolkits.length} toolkits, ${toolCount} tools, ${shards.length} shards in catalog/dist/.`);
