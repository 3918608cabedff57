/**
 * `npm run catalog:build`: validates every toolkit against the definition format and
 * writes catalog/dist/catalog.json (defaults applied, what the Worker bundles) and the
 * search index. `--check` fails instead of writing when the files are stale.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import { ToolkitDefinition, type ToolkitInput } from "../catalog/definition.ts";
import { toolkitSources } from "../catalog/index.ts";
import { buildSearchIndex } from "../worker/catalog/search-index.ts";
import { catalogProblems } from "./lib/catalog-checks.ts";
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

const toolkits = [...generatedToolkits(), ...toolkitSources]
  .map((source) => ToolkitDefinition.parse(source))
  .sort((a, b) => a.slug.localeCompare(b.slug));

const problems = catalogProblems(toolkits);
if (problems.length > 0) {
  console.error(`The catalog has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}

const outputs: Record<string, string> = {
  "catalog.json": JSON.stringify(toolkits),
  "search-index.json": JSON.stringify(buildSearchIndex(toolkits)),
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
