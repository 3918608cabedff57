import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { database } from "../../core/db/client.ts";
import { ApiError } from "../../core/http/errors.ts";
import { sessionCall } from "../http/session-call.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, toPage } from "../../core/http/pagination.ts";
import { commonErrors, conflict, ErrorSchema, jsonBody, jsonResponse, notFound, projectRoutes } from "../http/schemas.ts";
import { newId } from "../../core/ids.ts";
import { getProject } from "../../core/repositories/projects.ts";
import { insertSession, listSessions, markSessionDeleted } from "../../core/repositories/sessions.ts";
import * as S from "../sessions/api-schemas.ts";
import { configFromCreate, CreateSessionBody, customToolsRequested, PatchSessionBody } from "../../core/sessions/config.ts";
import { CustomToolsInput } from "../../core/sessions/custom-tools/definitions.ts";
import { customToolsFromRequest } from "../sessions/custom-tools/normalize.ts";
import { SearchInput } from "../../core/sessions/meta-tools/search-tools.ts";
import { forgetSession, ownedSession, rememberOwner } from "../sessions/ownership.ts";
import { unwrap } from "../../core/sessions/rpc.ts";
import { LogStreamParam, LogStreamResponses, SessionListPage, SessionListQuery, sessionSummaryView } from "../sessions/session-list-schemas.ts";
import { SessionProxyBody } from "../../core/sessions/session-proxy.ts";
import { ToolkitsQuery } from "../../core/sessions/toolkit-list.ts";
import { validateConfig } from "../../core/sessions/validate.ts";
import { SessionSchema, sessionView } from "../../core/sessions/views.ts";

const tags = ["Sessions"];
const forbidden = { 403: { description: "The tool or toolkit is outside the session.", content: { "application/json": { schema: ErrorSchema } } } } as const;
const errors = { ...commonErrors, ...notFound };

/** The session's object, once the caller's project is known to own it. */
const session = (c: Context<AppEnv>, id: string) => ownedSession(c.env, c.get("caller").projectId, id);

/** The SDK sets custom tools on create and attach only (its `update()` has no such option). */
function refuseCustomToolsInPatch(body: Parameters<typeof customToolsRequested>[0]): void {
  if (customToolsRequested(body)) {
    throw new ApiError(400, "custom_tools_not_patchable", "Custom tools and toolkits are set when a session is created or attached, not by an update.", {
      suggestedFix: "Pass them to composio.create(userId, { experimental: { customTools } }) or composio.use(sessionId, { customTools }).",
    });
  }
}

const AttachBody = z
  .object({
    experimental: z
      .object(CustomToolsInput)
      .optional()
      .openapi({ description: "The SDK's custom tools to attach to this session (`composio.use(sessionId, { customTools })`); omit to attach without changing them." }),
  })
  .openapi("AttachSession");

const route = projectRoutes(tags);

const app = createRouter();

app.openapi(
  createRoute({
    ...route("post", "/", "Create a session"),
    description:
      "Binds a user to tool access, auth state, an MCP endpoint and an execution log. Every call returns a fresh `trs_` id. Unknown root keys are refused. `experimental.custom_tools` / `custom_toolkits` (the SDK's custom tools) are stored with the session and returned under their `LOCAL_…` slugs.",
    request: { body: jsonBody(CreateSessionBody) },
    responses: { 201: jsonResponse(SessionSchema, "The new session."), ...commonErrors },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const { projectId } = c.get("caller");
    const db = database(c.env);
    if (body.user_id === "default" && (await getProject(db, projectId)).isProduction) {
      throw new ApiError(400, "default_user_id_not_allowed", 'This project is marked production: user_id "default" would give every end user the same accounts.', {
        suggestedFix: "Pass a stable, unique id for the end user (e.g. their primary key in your database).",
      });
    }
    const config = configFromCreate(body);
    await validateConfig(db, projectId, config);
    const customTools = customToolsFromRequest(body.experimental ?? {});
    const id = newId("trs");
    const createdAt = Date.now();
    const call = sessionCall(c);
    // The object first: if the index write then fails, the object is unreachable rather than the index dangling.
    const state = unwrap(await c.env.SESSIONS.getByName(id).open({ id, projectId, config, customTools, createdAt, sessionTtlMs: call.sessionTtlMs }));
    await insertSession(db, { id, projectId, userId: body.user_id, createdAt: new Date(createdAt), deletedAt: null, expiredAt: null });
    rememberOwner(id, projectId);
    return c.json(sessionView(state, call.publicUrl), 201);
  },
);

app.openapi(
  createRoute({
    ...route("get", "/", "List the project's sessions"),
    description:
      "Newest first, from the session index: live sessions, or with `include_ended=true` deleted and expired ones too, each with its status. Reads no session's object, so it does not extend any session's life; `GET /{session_id}` gives a session's config and `expires_at`.",
    request: { query: SessionListQuery },
    responses: { 200: jsonResponse(SessionListPage, "A page of sessions."), ...commonErrors },
  }),
  async (c) => {
    const { limit, cursor, user_id, include_ended } = c.req.valid("query");
    const filters = { userId: user_id, includeEnded: include_ended ?? false };
    const page = toPage(await listSessions(database(c.env), c.get("caller").projectId, filters, { limit, before: decodeCursor(cursor) }), limit);
    const publicUrl = sessionCall(c).publicUrl;
    return c.json({ items: page.items.map((row) => sessionSummaryView(row, publicUrl)), next_cursor: page.nextCursor }, 200);
  },
);

app.openapi(
  createRoute({
    ...route("get", "/{session_id}", "Get a session"),
    description: "Resumes a session (`composio.use(id)`).",
    request: { params: S.SessionIdParam },
    responses: { 200: jsonResponse(SessionSchema, "The session."), ...errors },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    const call = sessionCall(c);
    const state = unwrap(await (await session(c, session_id)).describe(call));
    return c.json(sessionView(state, call.publicUrl), 200);
  },
);

app.openapi(
  createRoute({
    ...route("patch", "/{session_id}", "Update a session"),
    description:
      "Changes only the blocks sent. Lists and maps (`tools`, `auth_configs`, `connected_accounts`) replace; settings blocks merge; `null` resets a block. With `expected_config_version`, a stale version is refused with 409.",
    request: { params: S.SessionIdParam, body: jsonBody(PatchSessionBody) },
    responses: { 200: jsonResponse(SessionSchema, "The session with its new config and version."), ...errors, ...conflict },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    const body = c.req.valid("json");
    refuseCustomToolsInPatch(body);
    const call = sessionCall(c);
    const state = unwrap(await (await session(c, session_id)).reconfigure(call, body));
    return c.json(sessionView(state, call.publicUrl), 200);
  },
);

app.openapi(
  createRoute({
    ...route("delete", "/{session_id}", "Delete a session"),
    request: { params: S.SessionIdParam },
    responses: { 200: jsonResponse(S.DeletedSchema, "The session is gone."), ...errors },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    const stub = await session(c, session_id);
    await markSessionDeleted(database(c.env), c.get("caller").projectId, session_id);
    forgetSession(session_id);
    return c.json(unwrap(await stub.end(sessionCall(c))), 200);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/attach", "Attach to a session"),
    description:
      "As GET; `composio.use(id, { customTools, customToolkits })` sends the application's custom tools here, which replace those stored with the session. The response maps each to the slug the agent sees.",
    request: { params: S.SessionIdParam, body: { content: { "application/json": { schema: AttachBody } } } },
    responses: { 200: jsonResponse(SessionSchema, "The session."), ...errors },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    const body = c.req.valid("json");
    const stub = await session(c, session_id);
    const call = sessionCall(c);
    const state = unwrap(customToolsRequested(body) ? await stub.attachCustomTools(call, customToolsFromRequest(body.experimental ?? {})) : await stub.describe(call));
    return c.json(sessionView(state, call.publicUrl), 200);
  },
);

app.openapi(
  createRoute({
    ...route("get", "/{session_id}/config_history", "List a session's config versions"),
    request: { params: S.SessionIdParam, query: S.PageQuery(100, 20) },
    responses: { 200: jsonResponse(S.ConfigHistoryPage, "Newest first; the live config first, with is_current."), ...errors },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    return c.json(unwrap(await (await session(c, session_id)).configHistory(sessionCall(c), c.req.valid("query"))), 200);
  },
);

app.openapi(
  createRoute({
    ...route("get", "/{session_id}/tools", "List a session's tools"),
    description: "The meta tools the session exposes, then its preloaded tools: what `session.tools()` wraps for each AI framework.",
    request: { params: S.SessionIdParam, query: S.PageQuery(500, 500) },
    responses: { 200: jsonResponse(S.SessionToolPage, "A page of tools."), ...errors },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    return c.json(unwrap(await (await session(c, session_id)).tools(sessionCall(c), c.req.valid("query"))), 200);
  },
);

app.openapi(
  createRoute({
    ...route("get", "/{session_id}/toolkits", "List a session's toolkits with their connection state"),
    request: { params: S.SessionIdParam, query: ToolkitsQuery },
    responses: { 200: jsonResponse(S.SessionToolkitPage, "A page of toolkits, by name."), ...errors },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    return c.json(unwrap(await (await session(c, session_id)).toolkits(sessionCall(c), c.req.valid("query"))), 200);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/search", "Search the session's tools"),
    description: "COMPOSIO_SEARCH_TOOLS as a route: per use case, primary and related tools, their schemas, connection status and next steps.",
    request: { params: S.SessionIdParam, body: jsonBody(SearchInput.openapi("SessionSearch")) },
    responses: { 200: jsonResponse(S.SearchResultSchema, "One result per query, in order."), ...errors },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    return c.json(unwrap(await (await session(c, session_id)).search(sessionCall(c), c.req.valid("json"))), 200);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/execute", "Execute a tool in the session"),
    description:
      "Runs an app tool the session allows (or a meta tool) as the session's user, with the account chosen explicitly (`account`), else pinned by the session, else the newest active one. Every call is logged, in D1 and in the session.",
    request: { params: S.SessionIdParam, body: jsonBody(S.ExecuteBody) },
    responses: { 200: jsonResponse(S.ToolResultSchema, "The result; check `error`."), ...errors, ...forbidden },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    const body = c.req.valid("json");
    const stub = await session(c, session_id);
    return c.json(unwrap(await stub.execute(sessionCall(c), { toolSlug: body.tool_slug, arguments: body.arguments, account: body.account }, "rest")), 200);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/execute_meta", "Execute a meta tool in the session"),
    request: { params: S.SessionIdParam, body: jsonBody(S.ExecuteMetaBody) },
    responses: { 200: jsonResponse(S.ToolResultSchema, "The meta tool's result."), ...errors, ...forbidden },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    const body = c.req.valid("json");
    return c.json(unwrap(await (await session(c, session_id)).executeMeta(sessionCall(c), body.slug, body.arguments, "rest")), 200);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/link", "Create a Connect Link for the session's user"),
    description: "`session.authorize(toolkit)`: through the session's auth config for the toolkit, else the project's newest enabled one.",
    request: { params: S.SessionIdParam, body: jsonBody(S.LinkBody) },
    responses: { 201: jsonResponse(S.LinkSchema, "The link; send the user to redirect_url."), ...errors, ...forbidden, ...conflict },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    const body = c.req.valid("json");
    if (body.experimental?.account_type === "SHARED") {
      throw new ApiError(400, "shared_accounts_not_supported", "SHARED connected accounts are not supported by this gateway yet.");
    }
    return c.json(unwrap(await (await session(c, session_id)).link(sessionCall(c), body)), 201);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/proxy_execute", "Send a raw request with the session's account"),
    request: { params: S.SessionIdParam, body: jsonBody(SessionProxyBody) },
    responses: { 200: jsonResponse(S.ProxyResultSchema, "The upstream status, body and headers."), ...errors, ...forbidden },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    return c.json(unwrap(await (await session(c, session_id)).proxy(sessionCall(c), c.req.valid("json"))), 200);
  },
);

app.openapi(
  createRoute({
    ...route("get", "/{session_id}/logs", "List the calls made in a session"),
    description: "The session's own log, newest first: app and meta calls, from REST, meta tools and multi-execute. Each id resolves in the execution log API too.",
    request: { params: S.SessionIdParam, query: S.PageQuery(100, 20) },
    responses: { 200: jsonResponse(S.SessionLogPage, "A page of calls."), ...errors },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    return c.json(unwrap(await (await session(c, session_id)).logs(sessionCall(c), c.req.valid("query"))), 200);
  },
);

app.openapi(
  createRoute({
    ...route("get", "/{session_id}/logs/stream", "Stream the calls made in a session as they happen"),
    description:
      "Server-Sent Events, read with `fetch()` and the project key (not `EventSource`, which cannot send it). First `event: ready`, then one `event: log` per call as the session writes it, its data the item `GET /{session_id}/logs` lists, and a `: keepalive` comment every 25 s. The stream ends when the session is deleted or expires (after `event: end` with the reason), after 30 minutes (open a new one), or when 20 newer streams of the session are open. Opening it counts as a use of the session.",
    request: { params: LogStreamParam },
    responses: LogStreamResponses,
  }),
  async (c) => {
    // Hono answers HEAD with the GET handler and drops the body, which would leave a stream open in the object.
    if (c.req.method === "HEAD") throw new ApiError(405, "method_not_allowed", "HEAD cannot read an event stream.", { suggestedFix: "Send GET and read the response body." });
    const { session_id } = c.req.valid("param");
    return unwrap(await (await session(c, session_id)).openLogStream(sessionCall(c)));
  },
);

export default app;
