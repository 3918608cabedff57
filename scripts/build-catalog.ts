/**
 * `npm run catalog:build`: validates every toolkit against the definition format, merges in
 * its search vocabulary (catalog/vocabulary/<slug>.json: keywords, synonyms, pitfalls, and
 * the `important` tag on the tools it lists) and writes catalog/dist/catalog.json (defaults
 * applied, what the Worker bundles) and the search index, with the languages of
 * catalog/languages/. `--check` fails instead of writing when the files are stale.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import { ToolkitDefinition, type ToolkitInput } from "../catalog/definition.ts";
import { toolkitSources } from "../catalog/index.ts";
import { ToolkitVocabulary } from "../catalog/vocabulary.ts";
import { buildSearchIndex } from "../worker/catalog/search-index.ts";
import { compileToolkitVocabulary } from "../worker/catalog/search-vocabulary.ts";
import { catalogProblems } from "./lib/catalog-checks.ts";
import { searchLanguages } from "./lib/search-languages.ts";
import { projectRoot } from "./lib/paths.ts";

const check = process.argv.includes("--check");
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

const toolkits = [...generatedToolkits(), ...toolkitSources]
  .map((source) => ToolkitDefinition.parse(withVocabulary(source)))
  .sort((a, b) => a.slug.localeCompare(b.slug));

const searchable = toolkits.map((toolkit) => ({ ...toolkit, vocabulary: compileToolkitVocabulary(toolkit.vocabulary) }));

const problems = catalogProblems(toolkits);
if (problems.length > 0) {
  console.error(`The catalog has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}

const outputs: Record<string, string> = {
  "catalog.json": JSON.stringify(toolkits),
  "search-index.json": JSON.stringify(buildSearchIndex(searchable, searchLanguages(searchable))),
};

let stale = false;
mkdirSync(distDir, { recursive: true });
for (const [file, contents] of Object.entries(outputs)) {
  const target = path.join(distDir, file);
  const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
  if (current === contents) continue;
  if (check) {
    console.error(`catalog/dist/${file} is stale: run \`npm run catalog:build\`.`);
    stale = true;
  } else {
    writeFileSync(target, contents);
  }
}
if (stale) process.exit(1);
const toolCount = toolkits.reduce((sum, t) => sum + t.tools.length, 0);
console.log(`Catalog: ${toolkits.length} toolkits, ${toolCount} tools${check ? " (up to date)" : ""}.`);
