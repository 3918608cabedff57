import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import type { SessionConfig } from "../config.ts";
import type { SessionContext, ToolResult, Via } from "../context.ts";
import { logMetaCall } from "../run-tool.ts";
import getToolSchemas from "./get-tool-schemas.ts";
import manageConnections from "./manage-connections.ts";
import { META_TOOL_SLUGS, type MetaTool, type MetaToolSlug } from "./meta-tool.ts";
import multiExecute from "./multi-execute.ts";
import remoteBash from "./remote-bash.ts";
import remoteWorkbench from "./remote-workbench.ts";
import searchTools from "./search-tools.ts";
import waitForConnections from "./wait-for-connections.ts";

const TOOLS: Record<MetaToolSlug, MetaTool> = {
  COMPOSIO_SEARCH_TOOLS: searchTools,
  COMPOSIO_GET_TOOL_SCHEMAS: getToolSchemas,
  COMPOSIO_MULTI_EXECUTE_TOOL: multiExecute,
  COMPOSIO_MANAGE_CONNECTIONS: manageConnections,
  COMPOSIO_WAIT_FOR_CONNECTIONS: waitForConnections,
  COMPOSIO_REMOTE_WORKBENCH: remoteWorkbench,
  COMPOSIO_REMOTE_BASH_TOOL: remoteBash,
};

/** The meta tools this session exposes, in listing order. */
export function enabledMetaTools(config: SessionConfig): MetaTool[] {
  return META_TOOL_SLUGS.map((slug) => TOOLS[slug]).filter((tool) => tool.enabled(config));
}

/**
 * Runs a meta tool for the session and logs the call (D1 and the session's own log).
 * A meta tool the session does not expose is refused like a tool outside the session.
 */
export async function runMetaTool(ctx: SessionContext, slug: MetaToolSlug, args: unknown, via: Via): Promise<ToolResult> {
  const tool = TOOLS[slug];
  if (!tool.enabled(ctx.config)) {
    throw new ApiError(403, "tool_not_in_session", `${slug} is not enabled in this session.`, {
      suggestedFix: "Enable it in the session's config (search, execute, manage_connections or workbench).",
    });
  }
  const logId = newId("log");
  const started = Date.now();
  const result = await tool.run(ctx, args, logId);
  await logMetaCall(ctx, { logId, slug, via, args, result, started });
  return { ...result, log_id: logId };
}

export { isMetaToolSlug, META_TOOL_SLUGS, metaInputSchema, type MetaToolSlug } from "./meta-tool.ts";
