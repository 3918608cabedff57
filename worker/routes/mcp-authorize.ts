import { AuthorizationError, type AuthRequest } from "@cloudflare/workers-oauth-provider";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import type { McpGrantProps } from "../auth/mcp-oauth-caller.ts";
import { requireApiKey } from "../auth/require-api-key.ts";
import type { Markup } from "../connect/pages.ts";
import { database } from "../../core/db/client.ts";
import { ApiError } from "../../core/http/errors.ts";
import { redeemConnectCode } from "../mcp-oauth/connect-codes.ts";
import { authorizePage, authorizeProblemPage, AUTHORIZE_PAGE_CSP } from "../mcp-oauth/pages.ts";
import { recordGrantedSession } from "../mcp-oauth/project-grants.ts";
import { issuerOf, resourceUrl, sessionOfResource } from "../mcp-oauth/resource.ts";
import { authorizationServer, MCP_OAUTH_PATHS, MCP_SCOPE, runtimeContext, sessionOfToken } from "../mcp-oauth/server.ts";
import { findProject } from "../../core/repositories/projects.ts";
import { findSessionRecord } from "../../core/repositories/sessions.ts";

/**
 * The MCP authorization server's endpoints. `/authorize` is the gateway's own page: the person
 * proves the app considers them the session's user by entering a connect code the app issued
 * for that session (worker/mcp-oauth/connect-codes.ts); the session is the one named by the
 * client's `resource` parameter (RFC 8707), which the MCP spec requires clients to send. Token
 * and registration are the library's, given a server whose one resource is the session the
 * request concerns (worker/mcp-oauth/server.ts).
 */

type Ctx = Context<AppEnv>;

async function page(c: Ctx, status: 200 | 400 | 404 | 410, markup: Markup): Promise<Response> {
  c.header("cache-control", "no-store");
  c.header("content-security-policy", AUTHORIZE_PAGE_CSP);
  c.header("x-frame-options", "DENY");
  c.header("x-content-type-options", "nosniff");
  c.header("referrer-policy", "no-referrer");
  return c.html(markup, status);
}

type Opened = { ok: true; sessionId: string | undefined; authRequest: AuthRequest; clientName: string } | { ok: false; response: Response };

/**
 * The client's request, checked by the library (client, redirect URI, PKCE S256, resource), and
 * the session it names. A client that sends no `resource` (older than the 2025-06-18 spec) names
 * none: the session is then the one the typed code was issued for (`sessionFromCode`), and the
 * library, given that one resource, binds the grant to it.
 */
async function openRequest(c: Ctx, sessionFromCode?: string): Promise<Opened> {
  const issuer = issuerOf(c.env, c.req.url);
  const resource = c.req.query("resource");
  const sessionId = resource === undefined ? sessionFromCode : sessionOfResource(issuer, resource);
  if (resource !== undefined && !sessionId) {
    return {
      ok: false,
      response: await page(
        c,
        400,
        authorizeProblemPage("This client asked for something else", `The resource this MCP client asks for is not a session of this gateway. Add the session's MCP URL to the client, e.g. ${issuer}/tool_router/{session_id}/mcp.`),
      ),
    };
  }
  const oauth = authorizationServer(c.env, c.req.url, sessionId).getOAuthApi(c.env);
  try {
    const authRequest = await oauth.parseAuthRequest(new Request(c.req.url));
    const client = await oauth.lookupClient(authRequest.clientId);
    return { ok: true, sessionId, authRequest, clientName: client?.clientName?.slice(0, 100) || "an unnamed client" };
  } catch (err) {
    if (!(err instanceof AuthorizationError)) throw err;
    // Errors the client may hear about go back to it (RFC 6749 §4.1.2.1); the rest (unknown client, bad redirect URI) stay here.
    if (err.redirectTo) return { ok: false, response: c.redirect(err.redirectTo, 302) };
    return { ok: false, response: await page(c, 400, authorizeProblemPage("This connection request is not valid", err.description)) };
  }
}

/** The session, if it still runs; the grant remembers its user and its project's session lifetime. */
async function liveSession(c: Ctx, projectId: string, sessionId: string) {
  const db = database(c.env);
  const [session, project] = await Promise.all([findSessionRecord(db, projectId, sessionId), findProject(db, projectId)]);
  return session && !session.deletedAt && project ? { userId: session.userId, sessionTtlMs: project.sessionTtlSeconds * 1000 } : undefined;
}

const app = new Hono<AppEnv>();

const sessionLabel = (c: Ctx, sessionId: string | undefined) => (sessionId ? resourceUrl(issuerOf(c.env, c.req.url), sessionId) : "the session your code is for");

app.get(MCP_OAUTH_PATHS.authorize, async (c) => {
  const opened = await openRequest(c);
  if (!opened.ok) return opened.response;
  const { sessionId, authRequest, clientName } = opened;
  return page(c, 200, authorizePage({ clientName, redirectHost: new URL(authRequest.redirectUri).host, mcpUrl: sessionLabel(c, sessionId) }));
});

app.post(MCP_OAUTH_PATHS.authorize, async (c) => {
  const checked = await openRequest(c);
  if (!checked.ok) return checked.response;
  const form = await c.req.parseBody();
  const typed = typeof form.code === "string" ? form.code.slice(0, 40) : "";
  const retry = (error: string) =>
    page(c, 400, authorizePage({ clientName: checked.clientName, redirectHost: new URL(checked.authRequest.redirectUri).host, mcpUrl: sessionLabel(c, checked.sessionId), error, typed }));
  const redeemed = await redeemConnectCode(c.env, checked.sessionId, typed);
  if (!redeemed) return retry("That code is not valid for this session: it may be mistyped, already used or expired. Ask the app for a new one.");
  const { projectId, sessionId } = redeemed;
  // Without `resource`, the request is opened again for the code's session, so the grant is bound to it.
  const opened = checked.sessionId === sessionId ? checked : await openRequest(c, sessionId);
  if (!opened.ok) return opened.response;
  const { authRequest, clientName } = opened;
  const session = await liveSession(c, projectId, sessionId);
  if (!session) return page(c, 410, authorizeProblemPage("This session has ended", "The session this client asked for no longer exists. Start a new one in the app."));
  const props: McpGrantProps = { projectId, sessionId, userId: session.userId, sessionTtlMs: session.sessionTtlMs };
  // Before the grant exists: it is how the project's deletion finds the grant (worker/mcp-oauth/project-grants.ts).
  await recordGrantedSession(c.env.OAUTH_KV, projectId, sessionId);
  const { redirectTo } = await authorizationServer(c.env, c.req.url, sessionId)
    .getOAuthApi(c.env)
    .completeAuthorization({
      request: authRequest,
      // The grant's user is the session: its tokens read `<session_id>:…`, and a session's grants are listed by it.
      userId: sessionId,
      metadata: { projectId, userId: session.userId, clientName },
      scope: [MCP_SCOPE],
      props,
    });
  return c.redirect(redirectTo, 302);
});

/** The session a token request concerns: its `resource`, else the session that prefixes its code or token. */
async function tokenRequestSession(c: Ctx): Promise<string | undefined> {
  const form = await c.req.raw
    .clone()
    .formData()
    .catch(() => undefined);
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const resource = field("resource");
  if (resource !== undefined) return sessionOfResource(issuerOf(c.env, c.req.url), resource);
  const token = field("code") ?? field("refresh_token") ?? field("token");
  return token === undefined ? undefined : sessionOfToken(token);
}

app.all(MCP_OAUTH_PATHS.token, async (c) => {
  const sessionId = c.req.method === "POST" ? await tokenRequestSession(c) : undefined;
  return authorizationServer(c.env, c.req.url, sessionId).fetch(c.req.raw, c.env, runtimeContext(c.executionCtx));
});

/**
 * A client that sends a project key or an MCP credential needs no OAuth: it reaches registration
 * only because the endpoint refused that credential, and headers-capable clients such as
 * `mcp-remote` send their configured headers to every discovery and registration request. So
 * registration refuses it (RFC 7591 §3.2.2) with the reason the key was refused: the message the
 * client ends with names the key problem, not a consent page asking for a code.
 */
async function credentialRefusal(c: Ctx): Promise<string | undefined> {
  const authorization = c.req.header("authorization") ?? "";
  if (/^Bearer\s+smc_/i.test(authorization)) {
    return "This client sends an MCP credential (smc_…), which the MCP endpoint refused (see the error_description of its 401). Check the credential; a client with one needs no OAuth.";
  }
  if (!c.req.header("x-api-key") && !/^Bearer\s+sk_/i.test(authorization)) return undefined;
  try {
    await requireApiKey(c, async () => {});
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return `The project API key this client sends was refused (${err.code}): ${err.message} Fix the key in the client's configuration; a client with a key needs no OAuth.`;
  }
  return "This client sends a valid project API key, so it needs no OAuth. If the MCP endpoint refused it, the session belongs to another project or has ended.";
}

app.all(MCP_OAUTH_PATHS.register, async (c) => {
  const refusal = c.req.method === "POST" ? await credentialRefusal(c) : undefined;
  if (refusal) return c.json({ error: "invalid_client_metadata", error_description: refusal }, 400, { "cache-control": "no-store" });
  return authorizationServer(c.env, c.req.url).fetch(c.req.raw, c.env, runtimeContext(c.executionCtx));
});

export default app;
