import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../../core/db/client.ts";
import { CREDENTIAL_TYPES, type ExecutionLogRow } from "../../core/db/schema.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, toPage } from "../../core/http/pagination.ts";
import { commonErrors, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { idPattern } from "../../core/ids.ts";
import { getExecutionLog, searchExecutionLogs, type LogFilters } from "../repositories/execution-logs.ts";

const FIELDS = {
  user_id: "userId",
  toolkit_slug: "toolkitSlug",
  tool_slug: "toolSlug",
  status: "status",
  connected_account_id: "connectedAccountId",
  session_id: "sessionId",
  credential_type: "credentialType",
  credential_id: "credentialId",
} as const;

const SearchBody = z
  .object({
    limit: z.number().int().min(1).max(100).default(20).openapi({ description: "Logs per page, 1–100. Defaults to 20." }),
    cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page, unchanged; omit for the first page." }),
    // A Switchboard addition: Composio's endpoint pages oldest first; a console or a tail wants the newest.
    order: z.enum(["asc", "desc"]).default("asc").openapi({ description: "`asc` (the default, as Composio) pages oldest first; `desc` newest first. Send the same `order` with a `cursor` as the page it came from." }),
    from: z.number().int().nonnegative().optional().openapi({ description: "Only logs created at or after this instant: Unix time in milliseconds." }),
    to: z.number().int().nonnegative().optional().openapi({ description: "Only logs created at or before this instant: Unix time in milliseconds." }),
    search_params: z
      .array(
        z.object({
          field: z
            .enum(Object.keys(FIELDS) as [keyof typeof FIELDS])
            .openapi({ description: "The field to match: `user_id`, `toolkit_slug`, `tool_slug`, `status`, `connected_account_id`, `session_id`, `credential_type` or `credential_id`." }),
          operation: z.literal("==").default("==").openapi({ description: "Only `==` (exact match), the default." }),
          value: z
            .string()
            .max(256)
            .openapi({ description: "The value to match exactly (at most 256 characters); for `status`, `success` or `error`; for `credential_type`, `api_key`, `mcp_credential` or `mcp_oauth_grant`." }),
        }),
      )
      .max(10)
      .default([])
      .openapi({ description: "Filters, all of which must match (at most 10; a field given twice keeps the last value). Defaults to none: every log of the project." }),
  })
  .strict()
  .openapi("SearchExecutionLogs");

const LogSchema = z
  .object({
    id: z.string().openapi({ description: "The log's id (`log_…`): the `log_id` the execution returned." }),
    user_id: z.string().nullable().openapi({ description: "The end user the tool ran for; null when none was known (a no-auth tool called without one)." }),
    tool_slug: z.string().openapi({ description: "The tool that ran, e.g. `GITHUB_STAR_A_REPOSITORY`." }),
    toolkit_slug: z.string().openapi({ description: "Its toolkit's slug." }),
    connected_account_id: z.string().nullable().openapi({ description: "The account (`ca_…`) whose credentials were used; null when none was (no-auth, or no account found)." }),
    session_id: z.string().nullable().openapi({ description: "The session (`trs_…`) the call was made in; null for direct `POST /api/v3.1/tools/execute/{tool_slug}` calls." }),
    credential_type: z.enum(CREDENTIAL_TYPES).nullable().openapi({
      description:
        "The kind of the project's credential the call was made with: `api_key` (a project API key), `mcp_credential` (a scoped MCP credential, `smc_…`, at a session's MCP endpoint) or `mcp_oauth_grant` (an MCP client's OAuth grant, at a session's MCP endpoint). Null on logs written before the gateway recorded it.",
    }),
    credential_id: z.string().nullable().openapi({
      description:
        "That credential's id, never its secret: the API key's `key_…` id, the MCP credential's `mcc_…` id, or the OAuth grant's id as `GET /api/v3.1/tool_router/session/{session_id}/mcp_grants` lists it (and revokes it by). Null when `credential_type` is.",
    }),
    status: z.enum(["success", "error"]).openapi({ description: "`success` when the result was `successful: true`, else `error`." }),
    duration_ms: z.number().int().openapi({ description: "How long the execution took, in milliseconds." }),
    upstream_status: z.number().int().nullable().openapi({ description: "The upstream API's HTTP status; null when no upstream request was answered (invalid arguments, timeout)." }),
    arguments: z.unknown().openapi({ description: "Secret-looking fields are redacted." }),
    response: z.string().nullable().openapi({ description: "JSON text, cut at 16 KiB." }),
    error: z.string().nullable().openapi({ description: "The result's `error`; null on success." }),
    created_at: z.string().openapi({ description: "When the execution started (ISO 8601, UTC)." }),
  })
  .openapi("ExecutionLog");

function view(row: ExecutionLogRow): z.infer<typeof LogSchema> {
  return {
    id: row.id,
    user_id: row.userId,
    tool_slug: row.toolSlug,
    toolkit_slug: row.toolkitSlug,
    connected_account_id: row.connectedAccountId,
    session_id: row.sessionId,
    credential_type: row.credentialType,
    credential_id: row.credentialId,
    status: row.status,
    duration_ms: row.durationMs,
    upstream_status: row.upstreamStatus,
    arguments: JSON.parse(row.arguments),
    response: row.response,
    error: row.error,
    created_at: row.createdAt.toISOString(),
  };
}

const tags = ["Logs"];

const app = createRouter();

app.openapi(
  createRoute({
    method: "post",
    path: "/logs",
    tags,
    security: projectKeySecurity,
    summary: "Search tool execution logs",
    request: { body: jsonBody(SearchBody) },
    responses: { 200: jsonResponse(
        z.object({
          data: z.array(LogSchema).openapi({ description: "This page's matching logs, in `order`; at most `limit` of them." }),
          next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` (with the same `order`) to get the next page; null on the last page." }),
        }),
        "Matching logs, oldest first unless `order` is `desc`.",
      ), ...commonErrors },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const filters: LogFilters = {};
    for (const param of body.search_params) Object.assign(filters, { [FIELDS[param.field]]: param.value });
    if (body.from !== undefined) filters.from = new Date(body.from);
    if (body.to !== undefined) filters.to = new Date(body.to);
    const rows = await searchExecutionLogs(database(c.env), c.get("caller").projectId, filters, { limit: body.limit, after: decodeCursor(body.cursor), newestFirst: body.order === "desc" });
    const page = toPage(rows, body.limit);
    return c.json({ data: page.items.map(view), next_cursor: page.nextCursor }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/log/{id}",
    tags,
    security: projectKeySecurity,
    summary: "Get one execution log",
    request: {
      params: z.object({
        id: z
          .string()
          .regex(idPattern("log"), "must be a log id (log_…)")
          .openapi({ param: { in: "path", name: "id" }, description: "The log's id (`log_…`), as an execution's `log_id` returned it." }),
      }),
    },
    responses: { 200: jsonResponse(LogSchema, "The log entry."), ...commonErrors, ...notFound },
  }),
  async (c) => c.json(view(await getExecutionLog(database(c.env), c.get("caller").projectId, c.req.valid("param").id)), 200),
);

export default app;
