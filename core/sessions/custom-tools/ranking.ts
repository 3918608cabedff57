import { FITTING_COVERAGE } from "../../catalog/search-relevance.ts";
import type { StoredCustomTool } from "./definitions.ts";

/**
 * How a session's custom tools rank for a use case: by plain word overlap, the share of
 * the use case's words that the tool's slug, name, description or toolkit also use. The
 * catalog's search index is built offline for the catalog's tools; a session has at most
 * a hundred custom tools, so counting shared words on every search is cheap and enough.
 * Coverage means the same as for catalog hits: at FITTING_COVERAGE a tool fits on its own.
 */

export interface CustomHit {
  tool: StoredCustomTool;
  coverage: number;
}

/** Words too common to say anything about which tool is meant. */
const STOP_WORDS = new Set(
  "a an and are as at be by for from get i in into is it me my of on or our please the their them this to use using we with you your".split(" "),
);

/** Lower-cased words, with a trailing plural `s` dropped so "emails" meets "email". */
export function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || STOP_WORDS.has(raw)) continue;
    out.add(raw.length > 3 && raw.endsWith("s") && !raw.endsWith("ss") ? raw.slice(0, -1) : raw);
  }
  return out;
}

function toolWords(tool: StoredCustomTool): Set<string> {
  return words([tool.original_slug.replace(/[_-]+/g, " "), tool.name, tool.description, tool.toolkit?.name ?? "", tool.extends_toolkit ?? ""].join(" "));
}

/** The tools sharing any word with the use case, best coverage first (definition order breaks ties). */
export function rankCustomTools(tools: readonly StoredCustomTool[], useCase: string): CustomHit[] {
  const asked = words(useCase);
  if (asked.size === 0) return [];
  return tools
    .map((tool) => {
      const known = toolWords(tool);
      let shared = 0;
      for (const word of asked) if (known.has(word)) shared += 1;
      return { tool, coverage: shared / asked.size };
    })
    .filter((hit) => hit.coverage > 0)
    .sort((a, b) => b.coverage - a.coverage);
}

export const customToolFits = (hit: CustomHit): boolean => hit.coverage >= FITTING_COVERAGE;
