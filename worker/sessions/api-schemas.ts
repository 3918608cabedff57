import { z } from "@hono/zod-openapi";
import { ToolSchema } from "../../core/http/catalog-views.ts";
import { SessionConfigSchema } from "../../core/sessions/config.ts";
import { META_TOOL_SLUGS } from "../../core/sessions/meta-tools/meta-tool.ts";
import { SessionToolkitSchema } from "../../core/sessions/toolkit-list.ts";

/** Request and response shapes of the session routes that are not the session itself. */

export const SessionIdParam = z.object({
  session_id: z
    .string()
    .max(100)
    .openapi({ param: { in: "path", name: "session_id" }, example: "trs_3kT0Jx6Q8m2V5b1N9cR4dA", description: "The session's id (`trs_…`), as `session_id` in the create response." }),
});

const pageFields = {
  next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` to get the next page; null on the last page. Opaque: send it back unchanged." }),
  total_items: z.number().int().openapi({ description: "How many items there are, across all pages." }),
  total_pages: z.number().int().openapi({ description: "How many pages of `limit` items they fill (at least 1)." }),
  current_page: z.number().int().openapi({ description: "This page's number, counting from 1." }),
};

export const PageQuery = (max: number, fallback: number) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(max).default(fallback).openapi({ description: `Items per page, 1–${max}. Defaults to ${fallback}.` }),
    cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page, unchanged; omit for the first page." }),
  });

export const SessionToolPage = z
  .object({ items: z.array(ToolSchema).openapi({ description: "The enabled meta tools first, then the preloaded app tools, in the shape of `GET /api/v3.1/tools`." }), ...pageFields })
  .openapi("SessionToolPage");
export const SessionToolkitPage = z
  .object({ items: z.array(SessionToolkitSchema).openapi({ description: "The session's toolkits (or those asked for), by name, each with the connection a call would use." }), ...pageFields })
  .openapi("SessionToolkitPage");
export const ConfigHistoryPage = z
  .object({
    items: z
      .array(
        z.object({
          version: z.number().int().openapi({ description: "The config's version: 1 at create, one more for each update." }),
          created_at: z.string().openapi({ description: "When this version took effect (the live one) or was replaced (older ones), ISO 8601, UTC." }),
          is_current: z.boolean().openapi({ description: "True for the live config only (the first item of the first page)." }),
          config: SessionConfigSchema,
        }),
      )
      .openapi({ description: "Config versions, newest first." }),
    ...pageFields,
  })
  .openapi("SessionConfigHistoryPage");

export const ExecuteBody = z
  .object({
    tool_slug: z.string().min(1).max(100).openapi({ description: "An app tool the session allows, or a meta tool (COMPOSIO_*)." }),
    arguments: z
      .record(z.string(), z.unknown())
      .default({})
      .openapi({ description: "The tool's arguments, matching its input schema. Defaults to `{}`. Invalid arguments give `successful: false`, not a 400." }),
    account: z
      .string()
      .max(200)
      .optional()
      .openapi({
        description:
          "Connected account id or alias; the session's choice otherwise (pinned `connected_accounts`, then one connected through this session, then the newest ACTIVE). It must be the session user's and, when pinned, one of the pins.",
      }),
    enable_auto_workbench_offload: z
      .boolean()
      .optional()
      .openapi({ description: "Composio's per-call offload switch. Accepted and ignored: REST results come back whole (MCP calls follow `workbench.auto_offload_threshold`)." }),
    /** The SDK repeats the session's custom tools here on every call; those stored at create or attach are the ones used. */
    experimental: z
      .unknown()
      .optional()
      .openapi({ description: "The SDK repeats the session's custom tools here on every call. Accepted and ignored: those stored at create or attach are used." }),
  })
  .openapi("SessionExecute");

export const ExecuteMetaBody = z
  .object({
    slug: z.enum(META_TOOL_SLUGS).openapi({ description: "The meta tool to run (upper case); it must be enabled in the session's config (403 otherwise)." }),
    arguments: z.record(z.string(), z.unknown()).default({}).openapi({ description: "The meta tool's arguments, as listed by `GET …/tools`. Defaults to `{}`." }),
    experimental: z.unknown().optional().openapi({ description: "The SDK's custom tools, repeated. Accepted and ignored." }),
  })
  .openapi("SessionExecuteMeta");

export const ToolResultSchema = z
  .object({
    data: z
      .record(z.string(), z.unknown())
      .openapi({ description: "The tool's output: for an app tool, the upstream API's JSON answer (or, on failure, details such as `invalid_arguments` or `status_code` and `body`); for a meta tool, its documented output." }),
    error: z.string().nullable().openapi({ description: "Null on success; otherwise a readable reason an agent can act on." }),
    successful: z.boolean().openapi({ description: "Whether the tool succeeded. Check it: failures still answer HTTP 200." }),
    log_id: z.string().openapi({ description: "The call's log id (`log_…`), in the session's log and the project's execution log." }),
  })
  .openapi("SessionToolResult");

export const LinkBody = z
  .object({
    toolkit: z.string().min(1).max(100).openapi({ description: "The toolkit to connect: one of the session's toolkits that needs auth.", example: "github" }),
    callback_url: z.string().max(2000).optional().openapi({
      description:
        "http(s) URL the user returns to, with `status`, `connected_account_id` and, on failure, `error` in its query. Defaults to the session's `manage_connections.callback_url`; must be on one of the project's `allowed_callback_origins` when it lists any.",
    }),
    alias: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "A name for the new account (1–100 characters), unique among the user's accounts for the toolkit (409 otherwise)." }),
    experimental: z
      .object({
        account_type: z.enum(["PRIVATE", "SHARED"]).optional().openapi({ description: "`PRIVATE` (the default). `SHARED` is refused: shared accounts are not supported yet." }),
        acl_config_for_shared: z.unknown().optional().openapi({ description: "Composio's access rules for a shared account. Accepted and ignored." }),
      })
      .optional()
      .openapi({ description: "Composio's experimental link options." }),
  })
  .openapi("SessionLink");

export const LinkSchema = z
  .object({
    link_token: z.string().openapi({ description: "The link's token (`lk_…`), the last segment of `redirect_url`." }),
    redirect_url: z
      .string()
      .openapi({ description: "The Connect page for this link, on the gateway's public URL or the session's `link_url_overwrite`: send the user there. Usable once." }),
    connected_account_id: z.string().openapi({ description: "The account (`ca_…`) created INITIATED for this link; it turns ACTIVE when the user connects, FAILED or EXPIRED otherwise." }),
    expires_at: z.string().openapi({ description: "When the link stops working (ISO 8601, UTC): LINK_TTL_SECONDS after creation, ten minutes by default." }),
  })
  .openapi("SessionLinkResult");

export { ProxyResultSchema } from "../http/proxy-result.ts";

export const SearchResultSchema = z.record(z.string(), z.unknown()).openapi("SessionSearchResult", {
  description:
    "`results` (per use case: `primary_tool_slugs`, `related_tool_slugs`, `toolkits`, `reasoning`, `task_difficulty`, `recommended_plan_steps`, `known_pitfalls`, `not_in_session` when the right tool is outside the session, `error`), `tool_schemas`, `toolkit_connection_statuses`, `next_steps_guidance`, `session`, `time_info`, `success`, `error` (as COMPOSIO_SEARCH_TOOLS).",
});

export const DeletedSchema = z
  .object({
    session_id: z.string().openapi({ description: "The deleted session's id." }),
    deleted: z.literal(true).openapi({ description: "Always true. The session's storage is gone; its calls stay in the project's execution log." }),
  })
  .openapi("DeletedSession");

export const SessionLogPage = z
  .object({
    items: z
      .array(
        z.object({
          id: z.string().openapi({ description: "The call's log id (`log_…`), also readable with `GET /api/v3.1/internal/action_execution/log/{id}`." }),
          tool_slug: z.string().openapi({ description: "The tool called (an app tool, a meta tool, or a workbench helper such as `PROXY_EXECUTE`)." }),
          toolkit_slug: z.string().openapi({ description: "Its toolkit's slug (`composio` for meta tools)." }),
          kind: z.string().openapi({ description: "`app` (an app tool), `meta` (a COMPOSIO_* tool) or `helper` (a file or proxy call made by workbench code)." }),
          via: z
            .string()
            .openapi({ description: "Where the call entered: `rest` (`…/execute`), `mcp`, `meta` (from a meta tool), `multi` (an item of COMPOSIO_MULTI_EXECUTE_TOOL), `workbench` or `bash`." }),
          parent_id: z.string().nullable().openapi({ description: "The log id of the call that made this one (a multi-execute or workbench run); null for direct calls." }),
          status: z.string().openapi({ description: "`success` or `error`." }),
          error: z.string().nullable().openapi({ description: "The error, cut at 2,000 characters; null on success." }),
          connected_account_id: z.string().nullable().openapi({ description: "The account (`ca_…`) used; null when none was." }),
          duration_ms: z.number().int().openapi({ description: "How long the call took, in milliseconds." }),
          created_at: z.string().openapi({ description: "When the call started (ISO 8601, UTC)." }),
        }),
      )
      .openapi({ description: "Calls, newest first. The session keeps its newest 10,000; the project's execution log keeps every one." }),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` to get the next page; null on the last page." }),
  })
  .openapi("SessionLogPage");
