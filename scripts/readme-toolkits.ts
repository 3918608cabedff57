/**
 * `npm run catalog:readme`: the README's table of toolkits (between the `toolkits:start` and
 * `toolkits:end` markers), written from the built catalog so it cannot drift from it.
 * `--check` fails instead of writing when the table is stale (the typecheck runs it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ToolkitDefinition } from "../catalog/definition.ts";
import { projectRoot } from "./lib/paths.ts";

const START = "<!-- toolkits:start (npm run catalog:readme) -->";
const END = "<!-- toolkits:end -->";
const AUTH_NAMES: Record<string, string> = { OAUTH2: "OAuth 2", API_KEY: "API key", BEARER_TOKEN: "bearer token", BASIC: "basic", NO_AUTH: "none" };

function table(toolkits: readonly ToolkitDefinition[]): string {
  const total = toolkits.reduce((sum, t) => sum + t.tools.length, 0);
  const rows = toolkits.map((toolkit) => {
    const important = toolkit.tools.filter((tool) => tool.tags.includes("important")).length;
    const auth = [...new Set(toolkit.authSchemes.map((scheme) => AUTH_NAMES[scheme.type] ?? scheme.type))].join(", ");
    return `| \`${toolkit.slug}\` | ${toolkit.name.replace(/\|/g, "\\|")} | ${toolkit.tools.length} | ${important} | ${auth} |`;
  });
  return [
    `${toolkits.length} toolkits, ${total.toLocaleString("en-US")} tools.`,
    "",
    "| toolkit | name | tools | important | auth |",
    "|---|---|---:|---:|---|",
    ...rows,
  ].join("\n");
}

const readmePath = path.join(projectRoot, "README.md");
const readme = readFileSync(readmePath, "utf8");
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md has no ${START} … ${END} block.`);
  process.exit(1);
}
const toolkits = JSON.parse(readFileSync(path.join(projectRoot, "catalog/dist/catalog.json"), "utf8")) as ToolkitDefinition[];
const next = `${readme.slice(0, start + START.length)}\n${table(toolkits)}\n${readme.slice(end)}`;
if (next === readme) process.exit(0);
if (process.argv.includes("--check")) {
  console.error("The README's toolkit table is stale: run `npm run catalog:readme`.");
  process.exit(1);
}
writeFileSync(readmePath, next);
console.log(`README: ${toolkits.length} toolkits listed.`);
