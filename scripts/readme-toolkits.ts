/**
 * `npm run catalog:readme`: the table of toolkits in docs/tools-and-accounts.md (between the
 * `toolkits:start` and `toolkits:end` markers), written from the built catalog so it cannot
 * drift from it. (The script keeps its name from when the table lived in README.md.)
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

const docPath = path.join(projectRoot, "docs", "tools-and-accounts.md");
const doc = readFileSync(docPath, "utf8");
const start = doc.indexOf(START);
const end = doc.indexOf(END);
if (start < 0 || end < start) {
  console.error(`docs/tools-and-accounts.md has no ${START} … ${END} block.`);
  process.exit(1);
}
const toolkits = JSON.parse(readFileSync(path.join(projectRoot, "catalog/dist/catalog.json"), "utf8")) as ToolkitDefinition[];
const next = `${doc.slice(0, start + START.length)}\n${table(toolkits)}\n${doc.slice(end)}`;
if (next === doc) process.exit(0);
if (process.argv.includes("--check")) {
  console.error("The toolkit table in docs/tools-and-accounts.md is stale: run `npm run catalog:readme`.");
  process.exit(1);
}
writeFileSync(docPath, next);
console.log(`docs/tools-and-accounts.md: ${toolkits.length} toolkits listed.`);
