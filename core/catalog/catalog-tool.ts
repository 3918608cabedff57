import type { ToolDefinition } from "../../catalog/definition.ts";
import type { ToolkitInfo, ToolSummary } from "./catalog-files.ts";

/** A tool as the catalog's index knows it: enough to list, filter and rank it. */
export interface ToolEntry {
  toolkit: ToolkitInfo;
  tool: ToolSummary;
}

/** A tool with its full definition (schemas, HTTP mapping), read from its shard. */
export interface CatalogTool {
  toolkit: ToolkitInfo;
  tool: ToolDefinition;
}

/**
 * A ranked tool: `coverage` is the share of the request's content words it answers (see
 * search.ts), `fits` whether it fits the request on its own (search-relevance.ts).
 */
export interface CatalogHit {
  entry: ToolEntry;
  score: number;
  coverage: number;
  fits: boolean;
}
