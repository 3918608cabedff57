import type { ToolDefinition, ToolkitDefinition } from "../../catalog/definition.ts";

/** A tool with the toolkit it belongs to, as the catalog resolves it. */
export interface CatalogTool {
  toolkit: ToolkitDefinition;
  tool: ToolDefinition;
}

/** A ranked tool: `coverage` is the share of the request's content words it answers (see search.ts). */
export interface CatalogHit {
  entry: CatalogTool;
  score: number;
  coverage: number;
}
