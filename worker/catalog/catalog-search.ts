import searchIndexJson from "../../catalog/dist/search-index.json";
import { findTool, type CatalogTool } from "./registry.ts";
import { searchTools } from "./search.ts";
import type { SearchIndex } from "./search-index.ts";

const searchIndex = searchIndexJson as unknown as SearchIndex;

/** Ranks the catalog's tools for a plain-language use case, best first. */
export function searchCatalog(phrase: string, options: { limit: number; allow?: (entry: CatalogTool) => boolean }): CatalogTool[] {
  const allow = options.allow;
  const hits = searchTools(searchIndex, phrase, {
    limit: options.limit,
    ...(allow ? { allow: (slug: string) => { const entry = findTool(slug); return entry !== undefined && allow(entry); } } : {}),
  });
  return hits.map((hit) => findTool(hit.slug)).filter((entry): entry is CatalogTool => entry !== undefined);
}
