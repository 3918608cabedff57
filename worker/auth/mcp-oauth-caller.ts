import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { inProjectCatalog } from "../../core/catalog/project-catalog.ts";
import { database } from "../../core/db/client.ts";
import { ApiError } from "../../core/http/errors.ts";
import { issuerOf, resourceUrl } from "../mcp-oauth/resource.ts";
import { authorizationServer, grantOfToken, sessionOfToken } from "../mcp-oauth/server.ts";
import { bearerToken } from "./bearer-token.ts";

/**
 * OAuth access tokens at a session's MCP endpoint (worker/mcp-oauth/). Project keys (`sk_…`,
 * `x-api-key`) and scoped credentials (`smc_…`) are not this file's: they go on to the
 * endpoint's own check unchanged. A token of this authorization server has the library's
 * shape, `<session_id>:<grant_id>:<secret>` (the grant's user is the session), so it is known
 * by its shape before any lookup, and a token for another session is refused without one.
 */

const OAUTH_TOKEN = /^trs_[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/i;

/** What a grant holds for the MCP route (set by the authorize page, worker/routes/mcp-authorize.ts). */
export const McpGrantPropsSchema = z.object({
  projectId: z.string(),
  sessionId: z.string(),
  userId: z.string(),
  sessionTtlMs: z.number().int().positive(),
});
export type McpGrantProps = z.infer<typeof McpGrantPropsSchema>;

/** The OAuth access token of this request's `Authorization` header, if it carries one. */
export function presentedOAuthToken(c: Context<AppEnv>): string | undefined {
  if (c.req.header("x-api-key")) return undefined;
  const token = bearerToken(c.req.header("authorization"));
  return token !== undefined && OAUTH_TOKEN.test(token) ? token : undefined;
}

const AUTHORIZE_AGAIN = "Refresh the token, or connect the MCP client again (the app gives you a new connect code).";

/** `fallback` authenticates every request that does not carry an OAuth access token. */
export const mcpOAuthOr = (fallback: MiddlewareHandler<AppEnv>) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = presentedOAuthToken(c);
    if (token === undefined) return fallback(c, next);
    const sessionId = c.req.param("id") ?? "";
    if (sessionOfToken(token) !== sessionId) {
      throw new ApiError(403, "mcp_token_wrong_session", "This access token was issued for another session's MCP endpoint.", {
        suggestedFix: "Use the MCP URL the client was connected to, or connect the client to this session.",
      });
    }
    const validated = await authorizationServer(c.env, c.req.url, sessionId).validateToken(resourceUrl(issuerOf(c.env, c.req.url), sessionId), token, c.env);
    const grantId = grantOfToken(token);
    if (!validated || grantId === undefined) throw new ApiError(401, "mcp_token_invalid", "The access token is not valid: expired, revoked, or never issued here.", { suggestedFix: AUTHORIZE_AGAIN });
    const props = McpGrantPropsSchema.safeParse(validated.props);
    if (!props.success || props.data.sessionId !== sessionId) {
      throw new ApiError(401, "mcp_token_invalid", "The access token's grant is not one this gateway can use.", { suggestedFix: AUTHORIZE_AGAIN });
    }
    const { projectId, sessionTtlMs } = props.data;
    // The grant plays the key's part: it is what proved the caller. Its id is the token's middle
    // part (the secret is the last), the id `GET …/mcp_grants` lists and revokes it by.
    c.set("caller", { projectId, keyId: grantId, credentialType: "mcp_oauth_grant", sessionTtlMs });
    await inProjectCatalog(database(c.env), projectId, () => next());
  });

/** Every route but the MCP endpoints refuses an OAuth access token with a code that says why. */
export const refuseMcpOAuthTokens = createMiddleware<AppEnv>(async (c, next) => {
  if (/^\/tool_router\/[^/]+\/mcp(\/|$)/.test(c.req.path) || presentedOAuthToken(c) === undefined) return next();
  throw new ApiError(403, "mcp_token_not_allowed", "An MCP OAuth access token opens only its session's MCP endpoint, /tool_router/{session_id}/mcp; it cannot call this route.", {
    suggestedFix: c.req.path.startsWith("/api/admin/") ? "Send the operator's ADMIN_API_KEY to the operator API." : "Send the project API key (`x-api-key: sk_…`) from your server.",
  });
});
