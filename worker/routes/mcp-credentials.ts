import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { mcpCredentialCache } from "../auth/mcp-credential-cache.ts";
import { publicUrl } from "../../core/connect/create-link.ts";
import { database } from "../../core/db/client.ts";
import { ApiError } from "../../core/http/errors.ts";
import { CreatedMcpCredentialSchema, createdMcpCredentialView, McpCredentialSchema, mcpCredentialView } from "../http/mcp-credential-views.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, pageOf, pageQuery, toPage } from "../../core/http/pagination.ts";
import { commonErrors, conflict, jsonBody, jsonResponse, notFound, projectRoutes } from "../http/schemas.ts";
import { idPattern } from "../../core/ids.ts";
import { countLiveMcpCredentials, createMcpCredential, listMcpCredentials, revokeMcpCredential, type McpCredentialTarget } from "../repositories/mcp-credentials.ts";
import { SessionIdParam } from "../sessions/api-schemas.ts";
import { projectSession } from "../sessions/ownership.ts";

/**
 * Scoped MCP credentials (`smc_…`), managed with the project key: what an app hands an MCP
 * client (Claude Desktop, Cursor, an agent runtime) instead of the key itself. Two scopes:
 * one session (`/tool_router/session/{session_id}/mcp_credentials`), or every session of one
 * user (`/mcp_credentials` with `user_id`), for apps that start a session per conversation and
 * would otherwise mint and hand over a credential each time. The credential opens the MCP
 * endpoint of the sessions in its scope and nothing else (worker/auth/require-mcp-caller.ts).
 */

const DAY = 86_400;
const DEFAULT_TTL_SECONDS = 30 * DAY;
const MAX_TTL_SECONDS = 365 * DAY;
/** Live credentials per session or user: far more than any app hands out, few enough that a loop that forgets to revoke is noticed. */
export const MAX_LIVE_CREDENTIALS = 100;

const name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .default("default")
  .openapi({ description: "A label to tell credentials apart, e.g. the client or device it is for (1–100 characters, trimmed). Defaults to `default`." });
const expiresIn = z
  .number()
  .int()
  .min(60)
  .max(MAX_TTL_SECONDS)
  .default(DEFAULT_TTL_SECONDS)
  .openapi({ description: `Seconds until the credential stops working: 60 to ${MAX_TTL_SECONDS} (a year); ${DEFAULT_TTL_SECONDS} (30 days) unless given.` });

const CreateSessionCredentialBody = z.object({ name, expires_in_seconds: expiresIn }).strict().openapi("CreateSessionMcpCredential");
const CreateUserCredentialBody = z
  .object({
    user_id: z.string().min(1).max(256).openapi({ description: "The user whose sessions the credential opens: the `user_id` sessions are created with (1–256 characters)." }),
    name,
    expires_in_seconds: expiresIn,
  })
  .strict()
  .openapi("CreateUserMcpCredential");

const credentialId = z
  .string()
  .regex(idPattern("mcc"), "must be an MCP credential id (mcc_…)")
  .openapi({ param: { in: "path", name: "credential_id" }, example: "mcc_Jw2kL0aP9cV7xN1mQ8sT5B", description: "The credential's id (`mcc_…`), as listed; not the secret." });
const CredentialParam = z.object({ credential_id: credentialId });
const SessionCredentialParams = SessionIdParam.extend({ credential_id: credentialId });

const ListQuery = pageQuery.extend({
  user_id: z.string().min(1).max(256).optional().openapi({ description: "Only credentials of this user: its user-scoped ones and those of its sessions." }),
  session_id: z.string().max(100).optional().openapi({ description: "Only the credentials of this session (scope `session`)." }),
  scope: z.enum(["session", "user"]).optional().openapi({ description: "Only credentials of this scope." }),
});

const Page = pageOf(McpCredentialSchema).openapi("McpCredentialPage");
const tags = ["MCP credentials"];
const route = projectRoutes(tags);
const limitReached = { ...conflict, 409: { ...conflict[409], description: `The session or user already has ${MAX_LIVE_CREDENTIALS} live credentials.` } };

/** The session's user, if the project has this session; ended sessions too unless `live`. */
async function sessionUser(c: Context<AppEnv>, sessionId: string, live: boolean): Promise<string> {
  return (await projectSession(c.env, c.get("caller").projectId, sessionId, { live })).userId;
}

async function create(c: Context<AppEnv>, target: McpCredentialTarget, input: { name: string; expires_in_seconds: number }) {
  const db = database(c.env);
  const { projectId } = c.get("caller");
  const now = new Date();
  if ((await countLiveMcpCredentials(db, projectId, target, now)) >= MAX_LIVE_CREDENTIALS) {
    const what = target.scope === "session" ? `Session ${target.sessionId}` : `User ${target.userId}`;
    throw new ApiError(409, "mcp_credential_limit_reached", `${what} already has ${MAX_LIVE_CREDENTIALS} live MCP credentials.`, {
      suggestedFix: "Revoke the ones no longer in use (DELETE …/mcp_credentials/{credential_id}), or wait for some to expire.",
    });
  }
  const expiresAt = new Date(now.getTime() + input.expires_in_seconds * 1000);
  const created = await createMcpCredential(db, projectId, target, { name: input.name, expiresAt, now });
  return c.json(createdMcpCredentialView(created.row, created.secret, publicUrl(c.env, c.req.url)), 201);
}

async function list(c: Context<AppEnv>, filters: { sessionId?: string | undefined; userId?: string | undefined; scope?: "session" | "user" | undefined }, limit: number, cursor: string | undefined) {
  const rows = await listMcpCredentials(database(c.env), c.get("caller").projectId, filters, { limit, before: decodeCursor(cursor) });
  const page = toPage(rows, limit);
  const now = Date.now();
  return c.json({ items: page.items.map((row) => mcpCredentialView(row, now)), next_cursor: page.nextCursor }, 200);
}

async function revoke(c: Context<AppEnv>, id: string, sessionId?: string) {
  const row = await revokeMcpCredential(database(c.env), c.get("caller").projectId, id, sessionId);
  mcpCredentialCache.markRevoked(row.id);
  return c.json(mcpCredentialView(row), 200);
}

const REVOKE_NOTE =
  "Takes effect at once in the isolate that serves this call, and everywhere within API_KEY_CACHE_TTL_SECONDS (30 s unless set). The credential stays listed with `status: revoked`; revoking again answers the same.";

const app = createRouter();

app.openapi(
  createRoute({
    ...route("post", "/tool_router/session/{session_id}/mcp_credentials", "Create an MCP credential for a session"),
    description:
      "Mints a credential (`smc_…`) that opens this session's MCP endpoint and nothing else: hand it to an MCP client instead of the project key. The secret and a ready-to-paste client configuration are returned once; only a hash is stored. It stops working when it expires, is revoked, or the session ends.",
    request: { params: SessionIdParam, body: jsonBody(CreateSessionCredentialBody) },
    responses: { 201: jsonResponse(CreatedMcpCredentialSchema, "The new credential, with its secret and MCP configuration."), ...commonErrors, ...notFound, ...limitReached },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    const userId = await sessionUser(c, session_id, true);
    return create(c, { scope: "session", sessionId: session_id, userId }, c.req.valid("json"));
  },
);

app.openapi(
  createRoute({
    ...route("get", "/tool_router/session/{session_id}/mcp_credentials", "List a session's MCP credentials"),
    description: "Newest first, revoked and expired ones included (see `status`). Never the secret. Works for ended sessions too, whose credentials open nothing.",
    request: { params: SessionIdParam, query: pageQuery },
    responses: { 200: jsonResponse(Page, "A page of the session's credentials."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    await sessionUser(c, session_id, false);
    const { limit, cursor } = c.req.valid("query");
    return list(c, { sessionId: session_id, scope: "session" }, limit, cursor);
  },
);

app.openapi(
  createRoute({
    ...route("delete", "/tool_router/session/{session_id}/mcp_credentials/{credential_id}", "Revoke a session's MCP credential"),
    description: REVOKE_NOTE,
    request: { params: SessionCredentialParams },
    responses: { 200: jsonResponse(McpCredentialSchema, "The revoked credential."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { session_id, credential_id } = c.req.valid("param");
    await sessionUser(c, session_id, false);
    return revoke(c, credential_id, session_id);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/mcp_credentials", "Create an MCP credential for a user's sessions"),
    description:
      "Mints a credential (`smc_…`) that opens the MCP endpoint of every session of `user_id` in this project, those created later too, and nothing else: for an agent runtime that gets a new session per conversation. It cannot create sessions or reach another user's. The secret is returned once; only a hash is stored.",
    request: { body: jsonBody(CreateUserCredentialBody) },
    responses: { 201: jsonResponse(CreatedMcpCredentialSchema, "The new credential, with its secret and MCP configuration (`url` is null: use a session's `mcp.url`)."), ...commonErrors, ...limitReached },
  }),
  async (c) => {
    const body = c.req.valid("json");
    return create(c, { scope: "user", userId: body.user_id }, body);
  },
);

app.openapi(
  createRoute({
    ...route("get", "/mcp_credentials", "List the project's MCP credentials"),
    description: "Newest first, both scopes, revoked and expired ones included (see `status`); filter by `user_id`, `session_id` or `scope`. Never the secret.",
    request: { query: ListQuery },
    responses: { 200: jsonResponse(Page, "A page of credentials."), ...commonErrors },
  }),
  async (c) => {
    const { limit, cursor, user_id, session_id, scope } = c.req.valid("query");
    return list(c, { userId: user_id, sessionId: session_id, scope }, limit, cursor);
  },
);

app.openapi(
  createRoute({
    ...route("delete", "/mcp_credentials/{credential_id}", "Revoke an MCP credential"),
    description: `Either scope. ${REVOKE_NOTE}`,
    request: { params: CredentialParam },
    responses: { 200: jsonResponse(McpCredentialSchema, "The revoked credential."), ...commonErrors, ...notFound },
  }),
  async (c) => revoke(c, c.req.valid("param").credential_id),
);

export default app;
