import { createRoute, z } from "@hono/zod-openapi";
import { allTools, findTool, type ToolEntry } from "../../core/catalog/registry.ts";
import { searchCatalog } from "../../core/catalog/catalog-search.ts";
import { semanticIndexFromEnv } from "../../core/catalog/semantic/from-env.ts";
import { KeyRing } from "../../core/crypto/keyring.ts";
import { database } from "../../core/db/client.ts";
import { executeTool } from "../../core/executor/execute-tool.ts";
import { callerCredential, withCredential, type ExecutionLogDraft } from "../../core/executor/log-credential.ts";
import { proxyExecute, proxyTargetById } from "../../core/executor/proxy.ts";
import { proxyRequestFields } from "../../core/executor/proxy-request.ts";
import { ToolSchema } from "../../core/http/catalog-views.ts";
import { ApiError } from "../../core/http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { countedPageOf, listOffset, pageOfList } from "../../core/http/pagination.ts";
import { ProxyResultSchema } from "../http/proxy-result.ts";
import { jsonOfText, jsonPageOfTexts, toolViewTexts } from "../http/tool-view-texts.ts";
import { commaList } from "../http/query.ts";
import { storeExecutionLog } from "../repositories/execution-logs.ts";
import { commonErrors, ErrorSchema, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";

const ListQuery = z.object({
  toolkit_slug: z.string().max(100).optional().openapi({ description: "Only this toolkit's tools (comma-separated for several)." }),
  tool_slugs: commaList.optional().openapi({ type: "string", description: "Comma-separated slugs; returned in this order." }),
  search: z.string().max(500).optional().openapi({ description: "Plain-language use case; results are ranked." }),
  query: z.string().max(500).optional().openapi({ description: "Same as `search`." }),
  tags: commaList.optional().openapi({ type: "string", description: "Only tools carrying every one of these tags." }),
  important: z.enum(["true", "false"]).optional().openapi({ description: "`true`: only the tools agents use most (tagged `important`)." }),
  include_deprecated: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "`true` or `false`. Accepted for SDK compatibility and ignored: no tool in this catalog is deprecated." }),
  toolkit_versions: z
    .string()
    .max(2000)
    .optional()
    .openapi({ description: "Composio's version pin (`latest` or per-toolkit `YYYYMMDD_NN`). Accepted and ignored: the catalog serves one version of each tool." }),
  auth_config_ids: commaList
    .optional()
    .openapi({ type: "string", description: "Composio's filter by auth config (`ac_…`, comma-separated). Accepted and ignored: it does not narrow the list." }),
  scopes: commaList
    .optional()
    .openapi({ type: "string", description: "Composio's filter by OAuth scope (comma-separated). Accepted and ignored: it does not narrow the list." }),
  limit: z.coerce.number().int().min(1).max(1000).default(20).openapi({ description: "Tools per page, 1–1000. Defaults to 20." }),
  cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page, unchanged; omit for the first page." }),
});

const ToolPage = countedPageOf(ToolSchema, "ToolPage");

const ExecuteBody = z
  .object({
    user_id: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .openapi({
        description:
          "Your id for the end user (1–256 characters) whose account runs the tool: their newest ACTIVE account for the tool's toolkit, under an enabled auth config. Required unless `connected_account_id` is given or the toolkit needs no auth.",
        example: "user_42",
      }),
    entity_id: z.string().min(1).max(256).optional().openapi({ description: "Older name for `user_id`; used only when `user_id` is absent." }),
    connected_account_id: z
      .string()
      .max(100)
      .optional()
      .openapi({
        description: "The account (`ca_…`) to run the tool with, instead of picking the user's newest one. It must be for the tool's toolkit and, with `user_id`, belong to that user (else 400).",
      }),
    arguments: z
      .record(z.string(), z.unknown())
      .default({})
      .openapi({ description: "The tool's arguments, matching its `input_parameters`. Defaults to `{}`. Invalid arguments give `successful: false`, not a 400." }),
    version: z.string().max(50).optional().openapi({ description: "Composio's tool version pin. Accepted for SDK compatibility and ignored: the catalog's version runs." }),
    text: z.string().max(10_000).optional().openapi({ description: "Composio's natural-language input (at most 10,000 characters). Accepted and ignored: this gateway runs no model; pass `arguments`." }),
    allow_tracing: z.boolean().nullable().optional().openapi({ description: "Composio's tracing flag. Accepted and ignored." }),
    custom_auth_params: z.unknown().optional().openapi({ description: "Composio's per-call credentials. Accepted and ignored: credentials come from the connected account." }),
    custom_connection_data: z.unknown().optional().openapi({ description: "Composio's per-call connection data. Accepted and ignored: credentials come from the connected account." }),
  })
  .openapi("ExecuteTool");

const ExecuteResultSchema = z
  .object({
    data: z.record(z.string(), z.unknown()).openapi({
      description:
        "On success, the upstream API's JSON answer (an array comes as `{ items }`, a scalar as `{ value }`). On failure: `{ invalid_arguments }` for bad arguments, `{ status_code, body }` for an upstream HTTP error, else `{}` or the upstream body.",
    }),
    error: z.string().nullable().openapi({ description: "Null on success; otherwise a readable reason naming the cause (invalid arguments, the upstream status and message, a timeout)." }),
    successful: z.boolean().openapi({ description: "Whether the tool ran and the upstream API reported success. Check it: failures still answer HTTP 200." }),
    log_id: z.string().openapi({ description: "The execution log's id (`log_…`), readable with `GET /api/v3.1/internal/action_execution/log/{id}`." }),
  })
  .openapi("ToolExecuteResult");

const ProxyBody = z
  .object({
    connected_account_id: z.string().max(100).openapi({ description: "The account (`ca_…`) whose credentials are added to the request; its toolkit's API is the only one the request may reach." }),
    ...proxyRequestFields,
    custom_connection_data: z.unknown().optional().openapi({ description: "Composio's per-call connection data. Accepted and ignored: credentials come from the connected account." }),
  })
  .openapi("ProxyExecute");

const SlugParam = z.object({
  tool_slug: z
    .string()
    .max(100)
    .openapi({ param: { in: "path", name: "tool_slug" }, description: "The tool's slug, UPPER_SNAKE_CASE (e.g. `GITHUB_STAR_A_REPOSITORY`), matched case-insensitively; aliases the catalog declares are accepted too." }),
});

const tags = ["Tools"];
/** How many ranked tools a search returns: enough for a few pages, deeper when the page asks for it. */
const SEARCH_MIN_RESULTS = 50;
const SEARCH_MAX_RESULTS = 200;

async function selectTools(query: z.infer<typeof ListQuery>, env: Env, projectId: string): Promise<ToolEntry[]> {
  if (query.tool_slugs?.length) {
    return query.tool_slugs.map((slug) => findTool(slug)).filter((entry): entry is ToolEntry => entry !== undefined);
  }
  const toolkits = query.toolkit_slug ? new Set(query.toolkit_slug.toLowerCase().split(",").map((s) => s.trim())) : undefined;
  const requiredTags = [...(query.tags ?? []), ...(query.important === "true" ? ["important"] : [])];
  const allowed = (entry: ToolEntry) =>
    (!toolkits || toolkits.has(entry.toolkit.slug)) && requiredTags.every((tag) => entry.tool.tags.includes(tag));
  const phrase = query.search ?? query.query;
  if (phrase) {
    // Ranked results are read from the top: rank as deep as the page asked for (at least a few pages, at most 200).
    const depth = Math.min(SEARCH_MAX_RESULTS, Math.max(SEARCH_MIN_RESULTS, listOffset(query.cursor) + query.limit));
    const found = await searchCatalog(phrase, { limit: depth, allow: allowed, toolkits: toolkits && [...toolkits], partition: projectId, semantic: semanticIndexFromEnv(env) });
    return found.map((hit) => hit.entry);
  }
  return allTools().filter(allowed);
}

const app = createRouter();

app.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "List or search tools",
    request: { query: ListQuery },
    responses: { 200: jsonResponse(ToolPage, "A page of tools."), ...commonErrors },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const { items, ...counters } = pageOfList(await selectTools(query, c.env, c.get("caller").projectId), query.limit, query.cursor);
    // Only the page's tools are read in full (schemas live in the catalog's shards), as JSON text the isolate keeps.
    return jsonPageOfTexts<z.infer<typeof ToolPage>>(c, counters, await toolViewTexts(c.env, items));
  },
);

// Registered before /{tool_slug} so "enum" is never taken for a tool slug.
app.openapi(
  createRoute({
    method: "get",
    path: "/enum",
    tags,
    security: projectKeySecurity,
    summary: "List every tool slug",
    responses: { 200: jsonResponse(z.array(z.string()).openapi("ToolSlugs"), "The slug of every tool in the catalog, in catalog order."), ...commonErrors },
  }),
  (c) => c.json(allTools().map((entry) => entry.tool.slug), 200),
);

app.openapi(
  createRoute({
    method: "get",
    path: "/{tool_slug}",
    tags,
    security: projectKeySecurity,
    summary: "Get a tool",
    request: {
      params: SlugParam,
      query: z.object({
        version: z.string().max(50).optional().openapi({ description: "Composio's tool version pin. Accepted for SDK compatibility and ignored: the catalog's one version is returned." }),
        toolkit_versions: z.string().max(2000).optional().openapi({ description: "Composio's per-toolkit version pins. Accepted and ignored." }),
      }),
    },
    responses: { 200: jsonResponse(ToolSchema, "The tool, with its input schema."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { tool_slug } = c.req.valid("param");
    const entry = findTool(tool_slug);
    const [text] = entry ? await toolViewTexts(c.env, [entry]) : [];
    if (text === undefined) throw new ApiError(404, "tool_not_found", `No tool has the slug ${tool_slug}.`);
    return jsonOfText<z.infer<typeof ToolSchema>>(c, text);
  },
);

// Registered before /execute/{tool_slug} so "proxy" is never taken for a tool slug.
app.openapi(
  createRoute({
    method: "post",
    path: "/execute/proxy",
    tags,
    security: projectKeySecurity,
    summary: "Send a raw request with an account's credentials",
    request: { body: jsonBody(ProxyBody) },
    responses: { 200: jsonResponse(ProxyResultSchema, "The upstream status, body and headers."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const target = await proxyTargetById(database(c.env), KeyRing.fromEnv(c.env), c.get("caller").projectId, body.connected_account_id);
    const result = await proxyExecute(target, {
      endpoint: body.endpoint,
      method: body.method,
      body: body.body,
      parameters: body.parameters,
    });
    return c.json(result, 200);
  },
);

// Composio fills arguments from a sentence with an LLM; this gateway runs no model of its own.
app.openapi(
  createRoute({
    method: "post",
    path: "/execute/{tool_slug}/input",
    tags,
    security: projectKeySecurity,
    summary: "Generate a tool's arguments from text (not supported)",
    description: "Always 501 `tool_input_generation_unsupported`, with `x-should-retry: false`: the gateway has no language model. Read the tool's `input_parameters` and let your own model fill them.",
    request: { params: SlugParam },
    responses: { 501: jsonResponse(ErrorSchema, "Not supported by this gateway."), ...commonErrors },
  }),
  (c) => {
    const { tool_slug } = c.req.valid("param");
    // The SDK retries 5xx answers; this one will never change.
    c.header("x-should-retry", "false");
    throw new ApiError(501, "tool_input_generation_unsupported", "This gateway does not generate tool arguments from text: it runs no language model.", {
      suggestedFix: `Read the input schema with GET /api/v3.1/tools/${tool_slug} and fill the arguments with your own model, then call POST /api/v3.1/tools/execute/${tool_slug}.`,
    });
  },
);

app.openapi(
  createRoute({
    method: "post",
    path: "/execute/{tool_slug}",
    tags,
    security: projectKeySecurity,
    summary: "Execute a tool for a user",
    description:
      "Runs the tool with the user's connected account (or the one named). Upstream failures and invalid arguments come back as `successful: false` with an `error` naming the cause; every call gets a `log_id`.",
    request: { params: SlugParam, body: jsonBody(ExecuteBody) },
    responses: { 200: jsonResponse(ExecuteResultSchema, "The result; check `successful`."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { tool_slug } = c.req.valid("param");
    const body = c.req.valid("json");
    const userId = body.user_id ?? body.entity_id;
    if (userId === undefined && body.connected_account_id === undefined && findTool(tool_slug)?.toolkit.authSchemes.every((s) => s.type !== "NO_AUTH")) {
      throw new ApiError(400, "validation_failed", "Pass `user_id` (or `connected_account_id`) to say whose account runs the tool.", {
        errors: [{ path: "body.user_id", message: "is required" }],
      });
    }
    const db = database(c.env);
    const request = {
      toolSlug: tool_slug,
      arguments: body.arguments,
      ...(userId === undefined ? {} : { userId }),
      ...(body.connected_account_id === undefined ? {} : { connectedAccountId: body.connected_account_id }),
    };
    const caller = c.get("caller");
    // The log reaches D1 after the response is sent: the caller never waits for it.
    const keepLog = (row: ExecutionLogDraft) => c.executionCtx.waitUntil(storeExecutionLog(db, withCredential(row, callerCredential(caller))));
    const result = await executeTool(c.env, db, caller.projectId, request, keepLog);
    return c.json(result, 200);
  },
);

export default app;
