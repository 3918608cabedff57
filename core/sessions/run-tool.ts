import { findTool, type ToolEntry } from "../catalog/registry.ts";
import { rankCatalog } from "../catalog/catalog-search.ts";
import { KeyRing } from "../crypto/keyring.ts";
import { runResolvedTool, toolOrNotFound } from "../executor/execute-tool.ts";
import { noAuthAccount, openAccount } from "../executor/resolve-account.ts";
import { redactArguments } from "../executor/upstream-error.ts";
import { ApiError } from "../http/errors.ts";
import { newId } from "../ids.ts";
import { chooseAccount, poolConfigForToolkit } from "./accounts.ts";
import type { SessionContext, ToolResult, Via } from "./context.ts";
import { customToolkitSlug, findCustomTool } from "./custom-tools/definitions.ts";
import { runsInApplication } from "./custom-tools/runs-in-app.ts";
import { toolAllowed, whyNotAllowed } from "./filters.ts";

const LOGGED_RESPONSE_CHARS = 16 * 1024;
const LINK_TOKEN = /lk_[A-Za-z0-9_-]{22}/g;

export interface AppToolCall {
  toolSlug: string;
  arguments: Record<string, unknown>;
  account?: string | undefined;
  via: Via;
  parentId?: string | undefined;
}

/** Slugs close to one the session does not have, for "did you mean". */
export function similarTools(ctx: SessionContext, slug: string, limit = 3): string[] {
  const phrase = slug.toLowerCase().replace(/[_-]+/g, " ");
  return rankCatalog(phrase, { limit, allow: (entry) => toolAllowed(ctx.config, entry) }).map((hit) => hit.entry.tool.slug);
}

/** The catalog entry for a slug the session may use; unknown or excluded tools are the caller's mistake. */
export function sessionTool(ctx: SessionContext, slug: string): ToolEntry {
  const entry = findTool(slug);
  if (!entry) {
    const similar = similarTools(ctx, slug);
    throw new ApiError(404, "tool_not_found", `No tool has the slug ${slug}.${similar.length ? ` Similar tools in this session: ${similar.join(", ")}.` : ""}`, {
      suggestedFix: "Find tools with COMPOSIO_SEARCH_TOOLS (or POST …/search).",
    });
  }
  if (!toolAllowed(ctx.config, entry)) {
    throw new ApiError(403, "tool_not_in_session", `${entry.tool.slug} is not available in this session: ${whyNotAllowed(ctx.config, entry)}.`, {
      suggestedFix: "Update the session's toolkits, tools or tags (PATCH the session) or create one that includes it.",
    });
  }
  return entry;
}

/** A call that failed before reaching the executor still gets a log id, in D1 and in the session. */
function failed(
  ctx: SessionContext,
  target: { toolSlug: string; toolkitSlug: string },
  call: AppToolCall,
  error: string,
  connectedAccountId: string | null,
): ToolResult {
  const logId = newId("log");
  const now = Date.now();
  ctx.recordExecution({
    id: logId,
    projectId: ctx.projectId,
    userId: ctx.config.user_id,
    ...target,
    connectedAccountId,
    sessionId: ctx.sessionId,
    status: "error",
    durationMs: 0,
    upstreamStatus: null,
    arguments: JSON.stringify(redactArguments(call.arguments)),
    response: "{}",
    error,
    createdAt: new Date(now),
  });
  ctx.log({
    id: logId,
    ...target,
    kind: "app",
    via: call.via,
    parentId: call.parentId ?? null,
    status: "error",
    error,
    connectedAccountId,
    durationMs: 0,
    createdAt: now,
  });
  return { data: {}, error, successful: false, log_id: logId };
}

/**
 * Runs one app tool inside the session: the session's filters, then its account choice,
 * then the shared executor (which logs to D1 with the session id), then the session's log.
 * Account problems come back as a failed result the agent can act on, not an HTTP error.
 */
export async function runAppTool(ctx: SessionContext, call: AppToolCall): Promise<ToolResult> {
  const custom = findCustomTool(ctx.customTools, call.toolSlug);
  if (custom) return failed(ctx, { toolSlug: custom.slug, toolkitSlug: customToolkitSlug(custom) }, call, runsInApplication(custom), null);
  const entry = sessionTool(ctx, call.toolSlug);
  const { toolkit, tool } = entry;
  const target = { toolSlug: tool.slug, toolkitSlug: toolkit.slug };
  // The session's copy of the user's accounts: no D1 round trip once it is warm.
  const pool = await ctx.accounts();
  const choice = chooseAccount(ctx.config, toolkit, pool, { explicit: call.account, linked: ctx.linkedAccount(toolkit.slug) });
  if (!choice.ok) return failed(ctx, target, call, choice.message, null);

  const started = Date.now();
  let result: ToolResult;
  try {
    const resolved = choice.account
      ? await openAccount(KeyRing.fromEnv(ctx.env), choice.account, pool.authConfigs.get(choice.account.authConfigId))
      : noAuthAccount(poolConfigForToolkit(pool, toolkit.slug));
    const run = await runResolvedTool(ctx.env, ctx.projectId, await toolOrNotFound(ctx.env, tool.slug), resolved, {
      userId: ctx.config.user_id,
      arguments: call.arguments,
      sessionId: ctx.sessionId,
    });
    ctx.recordExecution(run.log);
    result = run.result;
  } catch (err) {
    if (!(err instanceof ApiError) || err.status >= 500) throw err;
    return failed(ctx, target, call, err.suggestedFix ? `${err.message} ${err.suggestedFix}` : err.message, choice.account?.id ?? null);
  }
  ctx.log({
    id: result.log_id,
    toolSlug: tool.slug,
    toolkitSlug: toolkit.slug,
    kind: "app",
    via: call.via,
    parentId: call.parentId ?? null,
    status: result.successful ? "success" : "error",
    error: result.error,
    connectedAccountId: choice.account?.id ?? null,
    durationMs: Date.now() - started,
    createdAt: started,
  });
  return result;
}

/** Records a meta tool call in D1 (toolkit `composio`), so its log id resolves like any other. */
export async function logMetaCall(
  ctx: SessionContext,
  entry: { logId: string; slug: string; via: Via; args: unknown; result: Omit<ToolResult, "log_id">; started: number },
): Promise<void> {
  const durationMs = Date.now() - entry.started;
  ctx.recordExecution({
    id: entry.logId,
    projectId: ctx.projectId,
    userId: ctx.config.user_id,
    toolSlug: entry.slug,
    toolkitSlug: "composio",
    connectedAccountId: null,
    sessionId: ctx.sessionId,
    status: entry.result.successful ? "success" : "error",
    durationMs,
    upstreamStatus: null,
    arguments: JSON.stringify(redactArguments(entry.args)),
    // Connect Link tokens are single-use credentials for the end user: the log keeps their shape only.
    response: JSON.stringify(entry.result.data).replace(LINK_TOKEN, "lk_[redacted]").slice(0, LOGGED_RESPONSE_CHARS),
    error: entry.result.error,
    createdAt: new Date(entry.started),
  });
  ctx.log({
    id: entry.logId,
    toolSlug: entry.slug,
    toolkitSlug: "composio",
    kind: "meta",
    via: entry.via,
    parentId: null,
    status: entry.result.successful ? "success" : "error",
    error: entry.result.error,
    connectedAccountId: null,
    durationMs,
    createdAt: entry.started,
  });
}
