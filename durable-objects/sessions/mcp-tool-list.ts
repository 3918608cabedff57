import type { Tool } from "@modelcontextprotocol/server";
import type { CatalogEnv } from "../../core/catalog/registry.ts";
import type { SessionConfig } from "../../core/sessions/config.ts";
import { sessionToolViews } from "../../core/sessions/views.ts";

/** More than any client lists; a session's list is its meta tools and its preloaded tools. */
const MAX_TOOLS = 10_000;
const HINTS = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const;

type ToolView = { slug: string; name: string; description: string; input_parameters: Record<string, unknown>; tags: string[] };

function mcpTool(view: ToolView): Tool {
  const schema = view.input_parameters;
  const annotations = Object.fromEntries(HINTS.filter((hint) => view.tags.includes(hint)).map((hint) => [hint, true]));
  return {
    name: view.slug,
    title: view.name,
    description: view.description,
    // MCP requires an object schema; the catalog's are JSON Schema already, passed through unchanged.
    inputSchema: { ...schema, type: "object" } as Tool["inputSchema"],
    ...(Object.keys(annotations).length ? { annotations: { title: view.name, ...annotations } } : {}),
  };
}

/**
 * The session's MCP `tools/list` as JSON text. Built in the session's object and handed to the
 * Worker as one string, which it writes into the response as it is: agents list tools often,
 * and copying a few hundred kilobytes of schemas between the two as objects is what cost.
 */
export async function mcpToolListJson(env: CatalogEnv, config: SessionConfig): Promise<string> {
  const views = await sessionToolViews(env, config);
  return JSON.stringify(views.slice(0, MAX_TOOLS).map(mcpTool));
}
