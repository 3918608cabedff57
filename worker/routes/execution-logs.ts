import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../db/client.ts";
import type { ExecutionLogRow } from "../db/schema.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, toPage } from "../http/pagination.ts";
import { commonErrors, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { idPattern } from "../ids.ts";
import { getExecutionLog, searchExecutionLogs, type LogFilters } from "../repositories/execution-logs.ts";

const FIELDS = {
  user_id: "userId",
  toolkit_slug: "toolkitSlug",
  tool_slug: "toolSlug",
  status: "status",
  connected_account_id: "connectedAccountId",
  session_id: "sessionId",
} as const;

const SearchBody = z
  .object({
    limit: z.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
    from: z.number().int().nonnegative().optional().openapi({ description: "Unix time in milliseconds." }),
    to: z.number().int().nonnegative().optional().openapi({ description: "Unix time in milliseconds." }),
    search_params: z
      .array(z.object({ field: z.enum(Object.keys(FIELDS) as [keyof typeof FIELDS]), operation: z.literal("==").default("=="), value: z.string().max(256) }))
      .max(10)
      .default([]),
  })
  .strict()
  .openapi("SearchExecutionLogs");

const LogSchema = z
  .object({
    id: z.string(),
    user_id: z.string().nullable(),
    tool_slug: z.string(),
    toolkit_slug: z.string(),
    connected_account_id: z.string().nullable(),
    session_id: z.string().nullable(),
    status: z.enum(["success", "error"]),
    duration_ms: z.number().int(),
    upstream_status: z.number().int().nullable(),
    arguments: z.unknown().openapi({ description: "Secret-looking fields are redacted." }),
    response: z.string().nullable().openapi({ description: "JSON text, cut at 16 KiB." }),
    error: z.string().nullable(),
    created_at: z.string(),
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
    responses: { 200: jsonResponse(z.object({ data: z.array(LogSchema), next_cursor: z.string().nullable() }), "Matching logs, oldest first."), ...commonErrors },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const filters: LogFilters = {};
    for (const param of body.search_params) Object.assign(filters, { [FIELDS[param.field]]: param.value });
    if (body.from !== undefined) filters.from = new Date(body.from);
    if (body.to !== undefined) filters.to = new Date(body.to);
    const rows = await searchExecutionLogs(database(c.env), c.get("caller").projectId, filters, { limit: body.limit, after: decodeCursor(body.cursor) });
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
    request: { params: z.object({ id: z.string().regex(idPattern("log"), "must be a log id (log_…)").openapi({ param: { in: "path", name: "id" } }) }) },
    responses: { 200: jsonResponse(LogSchema, "The log entry."), ...commonErrors, ...notFound },
  }),
  async (c) => c.json(view(await getExecutionLog(database(c.env), c.get("caller").projectId, c.req.valid("param").id)), 200),
);

export default app;
