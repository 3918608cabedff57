import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../../core/http/errors.ts";
import { MCP_SCOPE, authorizationServerMetadata, runtimeContext } from "../mcp-oauth/server.ts";
import { isSessionId, issuerOf, resourceUrl } from "../mcp-oauth/resource.ts";

/**
 * OAuth discovery for the session MCP endpoints, none of it behind a key (MCP authorization,
 * "Authorization Server Discovery"). Clients probe, in order: the `resource_metadata` URL of
 * the 401's challenge, RFC 9728's path-inserted URL, the endpoint-relative one, then RFC 8414
 * and OpenID Connect discovery at the issuer (the gateway's origin, so the path-less forms).
 * What this gateway is not (an OpenID provider, a resource at the bare origin) is a plain 404.
 */

const app = new Hono<AppEnv>();

/** RFC 9728 §2: what a session's MCP endpoint is and who issues tokens for it. */
function protectedResource(c: Context<AppEnv>, sessionId: string): Response {
  if (!isSessionId(sessionId)) throw new ApiError(404, "session_not_found", "No MCP endpoint has this session id.");
  const issuer = issuerOf(c.env, c.req.url);
  return c.json(
    {
      resource: resourceUrl(issuer, sessionId),
      authorization_servers: [issuer],
      bearer_methods_supported: ["header"],
      scopes_supported: [MCP_SCOPE],
      resource_name: "Switchboard session MCP endpoint",
      resource_documentation: `${issuer}/docs`,
    },
    200,
    { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  );
}

const notThere = (what: string) => () => {
  throw new ApiError(404, "not_found", `${what}`);
};

app.get("/.well-known/oauth-protected-resource/tool_router/:id/mcp", (c) => protectedResource(c, c.req.param("id")));
app.get("/tool_router/:id/mcp/.well-known/oauth-protected-resource", (c) => protectedResource(c, c.req.param("id")));
app.get("/.well-known/oauth-authorization-server", (c) => authorizationServerMetadata(c.env, c.req.url, runtimeContext(c.executionCtx)));
// Only session endpoints are protected resources; the bare origin is not one.
app.get("/.well-known/oauth-protected-resource", notThere("The gateway's origin is not a protected resource: each session's MCP endpoint is, at /.well-known/oauth-protected-resource/tool_router/{session_id}/mcp."));
app.get("/.well-known/openid-configuration", notThere("This gateway is an OAuth 2.1 authorization server, not an OpenID provider: see /.well-known/oauth-authorization-server."));
app.get("/.well-known/oauth-authorization-server/*", notThere("The authorization server's issuer is the gateway's origin: its metadata is at /.well-known/oauth-authorization-server."));
app.get("/.well-known/openid-configuration/*", notThere("This gateway is not an OpenID provider: see /.well-known/oauth-authorization-server."));
// Anything else under an endpoint's .well-known (openid-configuration, oauth-authorization-server…) is not there, and needs no key to say so.
app.all("/tool_router/:id/mcp/.well-known/*", notThere("Nothing is published here: the endpoint's protected resource metadata is at /.well-known/oauth-protected-resource/tool_router/{session_id}/mcp."));

export default app;
