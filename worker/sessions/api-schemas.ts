import { z } from "@hono/zod-openapi";
import { ToolSchema } from "../http/catalog-views.ts";
import { SessionConfigSchema } from "./config.ts";
import { META_TOOL_SLUGS } from "./meta-tools/meta-tool.ts";
import { SessionToolkitSchema } from "./toolkit-list.ts";

/** Request and response shapes of the session routes that are not the session itself. */

export const SessionIdParam = z.object({
  session_id: z.string().max(100).openapi({ param: { in: "path", name: "session_id" }, example: "trs_3kT0Jx6Q8m2V5b1N9cR4dA" }),
});

const pageFields = {
  next_cursor: z.string().nullable(),
  total_items: z.number().int(),
  total_pages: z.number().int(),
  current_page: z.number().int(),
};

export const PageQuery = (max: number, fallback: number) =>
  z.object({ limit: z.coerce.number().int().min(1).max(max).default(fallback), cursor: z.string().max(200).optional() });

export const SessionToolPage = z.object({ items: z.array(ToolSchema), ...pageFields }).openapi("SessionToolPage");
export const SessionToolkitPage = z.object({ items: z.array(SessionToolkitSchema), ...pageFields }).openapi("SessionToolkitPage");
export const ConfigHistoryPage = z
  .object({ items: z.array(z.object({ version: z.number().int(), created_at: z.string(), is_current: z.boolean(), config: SessionConfigSchema })), ...pageFields })
  .openapi("SessionConfigHistoryPage");

export const ExecuteBody = z
  .object({
    tool_slug: z.string().min(1).max(100).openapi({ description: "An app tool the session allows, or a meta tool (COMPOSIO_*)." }),
    arguments: z.record(z.string(), z.unknown()).default({}),
    account: z.string().max(200).optional().openapi({ description: "Connected account id or alias; the session's choice otherwise." }),
    enable_auto_workbench_offload: z.boolean().optional(),
    /** The SDK repeats the session's custom tools here on every call; those stored at create or attach are the ones used. */
    experimental: z.unknown().optional(),
  })
  .openapi("SessionExecute");

export const ExecuteMetaBody = z
  .object({ slug: z.enum(META_TOOL_SLUGS), arguments: z.record(z.string(), z.unknown()).default({}), experimental: z.unknown().optional() })
  .openapi("SessionExecuteMeta");

export const ToolResultSchema = z
  .object({ data: z.record(z.string(), z.unknown()), error: z.string().nullable(), successful: z.boolean(), log_id: z.string() })
  .openapi("SessionToolResult");

export const LinkBody = z
  .object({
    toolkit: z.string().min(1).max(100),
    callback_url: z.string().max(2000).optional(),
    alias: z.string().min(1).max(100).optional(),
    experimental: z.object({ account_type: z.enum(["PRIVATE", "SHARED"]).optional(), acl_config_for_shared: z.unknown().optional() }).optional(),
  })
  .openapi("SessionLink");

export const LinkSchema = z
  .object({ link_token: z.string(), redirect_url: z.string(), connected_account_id: z.string(), expires_at: z.string() })
  .openapi("SessionLinkResult");

export const ProxyResultSchema = z
  .object({ status: z.number().int(), data: z.unknown(), headers: z.record(z.string(), z.string()) })
  .openapi("SessionProxyResult");

export const SearchResultSchema = z.record(z.string(), z.unknown()).openapi("SessionSearchResult", {
  description:
    "`results` (per use case: `primary_tool_slugs`, `related_tool_slugs`, `toolkits`, `reasoning`, `task_difficulty`, `recommended_plan_steps`, `known_pitfalls`, `not_in_session` when the right tool is outside the session, `error`), `tool_schemas`, `toolkit_connection_statuses`, `next_steps_guidance`, `session`, `time_info`, `success`, `error` (as COMPOSIO_SEARCH_TOOLS).",
});

export const DeletedSchema = z.object({ session_id: z.string(), deleted: z.literal(true) }).openapi("DeletedSession");

export const SessionLogPage = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        tool_slug: z.string(),
        toolkit_slug: z.string(),
        kind: z.string(),
        via: z.string(),
        parent_id: z.string().nullable(),
        status: z.string(),
        error: z.string().nullable(),
        connected_account_id: z.string().nullable(),
        duration_ms: z.number().int(),
        created_at: z.string(),
      }),
    ),
    next_cursor: z.string().nullable(),
  })
  .openapi("SessionLogPage");
