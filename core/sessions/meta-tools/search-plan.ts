import { toolsOfToolkit, type CatalogTool, type ToolEntry } from "../../catalog/registry.ts";
import { stem } from "../../catalog/search-text.ts";

/**
 * A short plan for a tool COMPOSIO_SEARCH_TOOLS recommends: where the IDs it needs come from
 * (derived from its required arguments and the toolkit's reading tools, so every toolkit gets
 * it without writing it down), the pitfalls its toolkit's vocabulary records, then the call.
 */

export interface ToolPlan {
  steps: string[];
  pitfalls: string[];
}

/** The prefixes of slugs of tools that find things, best source first. */
const FINDER_VERBS = ["LIST", "SEARCH", "FIND", "FETCH", "GET"];
/** At most this many lookups before the call itself. */
const MAX_LOOKUPS = 2;

interface ArgumentSchema {
  description?: unknown;
}

/** The object an ID argument refers to ("label_ids" → "label", "calendarId" → "calendar"), if it is an ID. */
export function referencedObject(name: string, schema: ArgumentSchema | undefined): string | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_-]+/)
    .filter((w) => w.length > 0);
  const description = typeof schema?.description === "string" ? schema.description : "";
  // "label_ids", "calendarId", "issueIdOrKey"; or a one-word name described as an ID (Slack's `channel`).
  const isId = words.includes("id") || words.includes("ids") || (words.length === 1 && /\bIDs?\b/.test(description));
  if (!isId) return undefined;
  const nouns = words.filter((w) => w !== "id" && w !== "ids" && w !== "or" && w !== "key" && w !== "name");
  return nouns[nouns.length - 1];
}

/** The tool of the same toolkit that lists or finds `noun`, among the ones the session allows. */
function finderFor(entry: CatalogTool, noun: string, allowed: (candidate: ToolEntry) => boolean): string | undefined {
  const target = stem(noun);
  const prefix = `${entry.toolkit.slug.toUpperCase()}_`;
  let best: { slug: string; rank: number } | undefined;
  for (const candidate of toolsOfToolkit(entry.toolkit.slug)) {
    const { tool } = candidate;
    // A finder reads a collection; a tool that reads one item needs the very ID being looked for.
    if (tool.slug === entry.tool.slug || !tool.readsCollection) continue;
    const words = tool.slug.slice(prefix.length).split("_");
    const verb = FINDER_VERBS.indexOf(words[0] ?? "");
    if (verb < 0 || !words.slice(1).some((w) => stem(w.toLowerCase()) === target)) continue;
    if (!allowed(candidate)) continue;
    const rank = verb * 100 + tool.slug.length;
    if (!best || rank < best.rank) best = { slug: tool.slug, rank };
  }
  return best?.slug;
}

export function planFor(entry: CatalogTool, allowed: (candidate: ToolEntry) => boolean): ToolPlan {
  const schema = entry.tool.inputSchema as { properties?: Record<string, ArgumentSchema>; required?: string[] };
  const steps: string[] = [];
  const seen = new Set<string>();
  const required = new Set(schema.required ?? []);
  // Required arguments first, then optional ones (adding labels is optional, and still needs their IDs).
  const names = [...required, ...Object.keys(schema.properties ?? {}).filter((name) => !required.has(name))];
  for (const name of names) {
    if (steps.length === MAX_LOOKUPS) break;
    const noun = referencedObject(name, schema.properties?.[name]);
    if (!noun) continue;
    const finder = finderFor(entry, noun, allowed);
    if (!finder || seen.has(finder)) continue;
    seen.add(finder);
    steps.push(
      required.has(name)
        ? `Find the ${noun} ID for \`${name}\` with ${finder}, unless the user gave it.`
        : `To set \`${name}\`, find the ${noun} IDs with ${finder}.`,
    );
  }
  steps.push(`Call ${entry.tool.slug}.`);
  const pitfall = entry.toolkit.vocabulary.pitfalls[entry.tool.slug];
  return { steps, pitfalls: pitfall ? [pitfall] : [] };
}
