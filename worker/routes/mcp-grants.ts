import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../../core/http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { commonErrors, jsonResponse, notFound, projectRoutes } from "../http/schemas.ts";
import { CONNECT_CODE_TTL_SECONDS, issueConnectCode } from "../mcp-oauth/connect-codes.ts";
import { issuerOf, resourceUrl } from "../mcp-oauth/resource.ts";
import { authorizationServer, MCP_OAUTH_PATHS } from "../mcp-oauth/server.ts";
import { SessionIdParam } from "../sessions/api-schemas.ts";
import { projectSession } from "../sessions/ownership.ts";

/**
 * OAuth access to a session's MCP endpoint, managed with the project key: connect codes the
 * app shows its user so an OAuth-only MCP client (Claude.ai, ChatGPT, `mcp-remote`) can be
 * granted the session, and the grants that resulted, listable and revocable at once.
 */

const ConnectCodeSchema = z
  .object({
    code: z.string().openapi({ example: "7KQ2-M9XD-4TRB", description: "The one-time code to show the session's user: they type it on the gateway's authorize page. Single use; case, spaces and dashes do not matter." }),
    session_id: z.string().openapi({ description: "The session the code grants access to." }),
    mcp_url: z.string().openapi({ description: "The session's MCP URL: what the user adds to their MCP client (e.g. as a Claude.ai or ChatGPT custom connector)." }),
    authorize_url: z.string().openapi({ description: "The authorize page the client will open; shown for reference, the client adds its own parameters." }),
    expires_at: z.string().openapi({ description: `When the code stops working (ISO 8601): ${CONNECT_CODE_TTL_SECONDS / 60} minutes after it was issued.` }),
  })
  .openapi("McpConnectCode");

const GrantSchema = z
  .object({
    id: z.string().openapi({ description: "The grant's id, for revoking it." }),
    client_id: z.string().openapi({ description: "The OAuth client the grant was issued to (registered by the client itself)." }),
    client_name: z.string().nullable().openapi({ description: "The name the client registered under: its own claim." }),
    scope: z.array(z.string()).openapi({ description: "What was granted: `mcp`, the session's tools." }),
    created_at: z.string().openapi({ description: "When the user completed the authorization (ISO 8601)." }),
    expires_at: z.string().nullable().openapi({ description: "When the grant ends unless refreshed before (ISO 8601): each refresh moves it 30 days ahead." }),
  })
  .openapi("McpGrant");

const GrantList = z.object({ items: z.array(GrantSchema).openapi({ description: "The session's live grants, newest first." }) }).openapi("McpGrantList");
const Revoked = z.object({ revoked: z.number().int().openapi({ description: "How many grants were revoked." }) }).openapi("McpGrantsRevoked");
const GrantParams = SessionIdParam.extend({
  grant_id: z.string().max(100).openapi({ param: { in: "path", name: "grant_id" }, description: "The grant's id, as listed." }),
});

const route = projectRoutes(["MCP OAuth"]);
const REVOKE_NOTE = "Takes effect at once: the grant's access and refresh tokens are deleted, and the client's next MCP request is answered 401.";

const checkSession = (c: Context<AppEnv>, sessionId: string, live: boolean) => projectSession(c.env, c.get("caller").projectId, sessionId, { live });

const oauthOf = (c: Context<AppEnv>, sessionId: string) => authorizationServer(c.env, c.req.url, sessionId).getOAuthApi(c.env);

async function sessionGrants(c: Context<AppEnv>, sessionId: string) {
  const oauth = oauthOf(c, sessionId);
  const grants = [];
  let cursor: string | undefined;
  // A session's grants are few (one per client it was connected to): read them all.
  do {
    const page = await oauth.listUserGrants(sessionId, cursor ? { cursor } : {});
    grants.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const { projectId } = c.get("caller");
  return grants.filter((grant) => (grant.metadata as { projectId?: unknown } | null)?.projectId === projectId).sort((a, b) => b.createdAt - a.createdAt);
}

const app = createRouter();

app.openapi(
  createRoute({
    ...route("post", "/tool_router/session/{session_id}/mcp_connect_codes", "Issue an MCP connect code for a session"),
    description:
      "A one-time code that lets an OAuth-only MCP client (Claude.ai or ChatGPT custom connectors, `mcp-remote`, any client following the MCP authorization spec) be granted this session's MCP endpoint. Show it to the user you consider the session's user: when their client opens the gateway's authorize page, they type it there. Valid once, for ten minutes; only its hash is stored.",
    request: { params: SessionIdParam },
    responses: { 201: jsonResponse(ConnectCodeSchema, "The code, shown once."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    await checkSession(c, session_id, true);
    const issued = await issueConnectCode(c.env, c.get("caller").projectId, session_id);
    const issuer = issuerOf(c.env, c.req.url);
    c.header("cache-control", "no-store");
    return c.json(
      { code: issued.code, session_id, mcp_url: resourceUrl(issuer, session_id), authorize_url: `${issuer}${MCP_OAUTH_PATHS.authorize}`, expires_at: issued.expiresAt.toISOString() },
      201,
    );
  },
);

app.openapi(
  createRoute({
    ...route("get", "/tool_router/session/{session_id}/mcp_grants", "List a session's MCP OAuth grants"),
    description: "The MCP clients the session's user granted access with a connect code, still live. Never a token.",
    request: { params: SessionIdParam },
    responses: { 200: jsonResponse(GrantList, "The session's grants."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    await checkSession(c, session_id, false);
    const items = (await sessionGrants(c, session_id)).map((grant) => ({
      id: grant.id,
      client_id: grant.clientId,
      client_name: typeof (grant.metadata as { clientName?: unknown } | null)?.clientName === "string" ? (grant.metadata as { clientName: string }).clientName : null,
      scope: grant.scope,
      created_at: new Date(grant.createdAt * 1000).toISOString(),
      expires_at: grant.expiresAt ? new Date(grant.expiresAt * 1000).toISOString() : null,
    }));
    return c.json({ items }, 200);
  },
);

app.openapi(
  createRoute({
    ...route("delete", "/tool_router/session/{session_id}/mcp_grants", "Revoke every MCP OAuth grant of a session"),
    description: REVOKE_NOTE,
    request: { params: SessionIdParam },
    responses: { 200: jsonResponse(Revoked, "How many grants were revoked."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { session_id } = c.req.valid("param");
    await checkSession(c, session_id, false);
    const grants = await sessionGrants(c, session_id);
    const oauth = oauthOf(c, session_id);
    await Promise.all(grants.map((grant) => oauth.revokeGrant(grant.id, session_id)));
    return c.json({ revoked: grants.length }, 200);
  },
);

app.openapi(
  createRoute({
    ...route("delete", "/tool_router/session/{session_id}/mcp_grants/{grant_id}", "Revoke a session's MCP OAuth grant"),
    description: REVOKE_NOTE,
    request: { params: GrantParams },
    responses: { 200: jsonResponse(Revoked, "The grant was revoked (`revoked: 1`)."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { session_id, grant_id } = c.req.valid("param");
    await checkSession(c, session_id, false);
    if (!(await sessionGrants(c, session_id)).some((grant) => grant.id === grant_id)) {
      throw new ApiError(404, "mcp_grant_not_found", `Session ${session_id} has no live MCP grant ${grant_id.slice(0, 100)}.`, {
        suggestedFix: "List the session's grants with GET …/mcp_grants.",
      });
    }
    await oauthOf(c, session_id).revokeGrant(grant_id, session_id);
    return c.json({ revoked: 1 }, 200);
  },
);

export default app;
